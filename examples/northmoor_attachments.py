"""The Northmoor example's attachments: a structure chart (PNG, Qt) and a survey appendix (PDF, reportlab)."""

from __future__ import annotations

import io
import os
from array import array
from collections import Counter
from pathlib import Path

_APP = None
FONT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "DejaVuSans.ttf"

# (label, technical staff) for each area under the Head of Technical Services, left to right.
AREAS = [
    ("Science and\nEngineering", 176),
    ("Medicine and\nHealth Sciences", 118),
    ("Arts, Humanities\nand Social Sciences", 47),
    ("Library and\nDigital Services", 39),
    ("Estates and\nCampus Services", 32),
]

SURVEY_ROWS = [
    ("Statement", "Agree 2023", "Agree 2025"),
    ("My contribution is recognised", "41%", "63%"),
    ("I know how to progress in my career", "38%", "61%"),
    ("I had a career conversation in the last year", "52%", "88%"),
    ("I have time for development", "34%", "47%"),
    ("Technicians have a voice in decisions that affect them", "29%", "52%"),
    ("I would recommend Northmoor as a place for technicians to work", "63%", "78%"),
]


def structure_chart_png() -> bytes:
    """The Technical Services structure as a small flat-colour PNG, drawn offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QPen
    from PySide6.QtWidgets import QApplication

    global _APP
    # Fonts and text drawing need an application object, which must outlive this call. It is a full
    # QApplication so that widgets created later in the same process (the editor, its tests) still work.
    _APP = QApplication.instance() or QApplication([])
    family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONT)))[0]
    image = QImage(900, 430, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    navy, teal, pale = QColor("#1f3a5f"), QColor("#2a7f7f"), QColor("#e8f1f4")

    def box(rect: QRect, text: str, fill: QColor, ink: QColor, size: int, bold: bool = False) -> None:
        p.setPen(QPen(navy, 2))
        p.setBrush(fill)
        p.drawRoundedRect(rect, 8, 8)
        font = QFont(family, size)
        font.setBold(bold)
        p.setFont(font)
        p.setPen(ink)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def line(x1: int, y1: int, x2: int, y2: int, dashed: bool = False) -> None:
        pen = QPen(navy, 2)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(x1, y1, x2, y2)

    p.setFont(QFont(family, 15, QFont.Weight.Bold))
    p.setPen(navy)
    p.drawText(QRect(0, 8, 900, 30), Qt.AlignmentFlag.AlignCenter, "University of Northmoor – Technical Services, 2026")
    box(QRect(330, 48, 240, 44), "Chief Operating Officer", pale, navy, 11)
    line(450, 92, 450, 122)
    box(QRect(300, 122, 300, 56), "Head of Technical Services\n(institutional lead)", navy, QColor("#ffffff"), 11, True)
    box(QRect(660, 122, 220, 56), "Technician Commitment\nManager (institutional lead)", pale, navy, 9)
    line(600, 150, 660, 150)
    box(QRect(20, 122, 220, 56), "Technician Commitment\nSteering Group", pale, navy, 9)
    line(240, 150, 300, 150, dashed=True)
    line(450, 178, 450, 210)
    line(96, 210, 800, 210)
    for i, (label, staff) in enumerate(AREAS):
        x = 20 + i * 176
        line(x + 76, 210, x + 76, 236)
        box(QRect(x, 236, 152, 96), f"Faculty / Service\nTechnical Manager\n{label}", teal, QColor("#ffffff"), 8)
        p.setFont(QFont(family, 10, QFont.Weight.Bold))
        p.setPen(navy)
        p.drawText(QRect(x, 338, 152, 22), Qt.AlignmentFlag.AlignCenter, f"{staff} technical staff")
    box(QRect(250, 374, 400, 40), "Northmoor Technician Network – 280 members", pale, navy, 10)
    p.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Antialiased text gives some 700 colours; the 256 commonest, without dithering, look the same and keep the
    # file small (~17 KB instead of ~45 KB). Qt's PNG quality 0 is its strongest compression.
    palette = [rgb for rgb, _ in Counter(array("I", bytes(image.constBits()))).most_common(256)]
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    image.convertToFormat(QImage.Format.Format_Indexed8, palette, flags).save(buffer, "PNG", 0)
    buffer.close()
    return bytes(data.data())


def survey_appendix_pdf() -> bytes:
    """Appendix A – a two-page summary of the 2025 technician survey, byte-for-byte reproducible."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, invariant=1, leftMargin=20 * mm, rightMargin=20 * mm,
                            title="Appendix A – Technician survey 2025 summary", author="University of Northmoor")
    table = Table(SURVEY_ROWS, colWidths=[110 * mm, 30 * mm, 30 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3a5f")),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8899aa")),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
    ]))
    body = styles["BodyText"]
    story = [
        Paragraph("Appendix A – Technician survey 2025 summary", styles["Title"]),
        Paragraph("University of Northmoor, Technical Services", styles["Heading3"]),
        Paragraph(
            "The biennial technician survey ran from 3 March to 11 April 2025. It was open to all 412 technical "
            "staff, including apprentices and staff in professional services, and received 268 responses (65%). "
            "The survey was designed by the Technician Commitment Working Group and analysed by the Planning Office.",
            body),
        Spacer(1, 6 * mm),
        Paragraph("Headline results", styles["Heading2"]),
        table,
        Spacer(1, 6 * mm),
        Paragraph("What technicians asked for", styles["Heading2"]),
        Paragraph("1. Protected time for development, rather than development fitted around service demands.", body),
        Paragraph("2. Clearer routes to grades 7 to 9, including titles that recognise senior specialists.", body),
        Paragraph("3. A voice in faculty decisions, not only at University level.", body),
        Paragraph("4. Cover or backfill so that secondments and shadowing are possible in small teams.", body),
        PageBreak(),
        Paragraph("How the results shaped the 2026–2029 plan", styles["Heading2"]),
        Paragraph(
            "Each request above became an action: protected development time (C07), senior technical specialist "
            "titles (R06), technician members of faculty committees (V04) and a backfill fund for the secondment "
            "scheme (C04). The survey will run again in spring 2027 and spring 2029 so that the Steering Group can "
            "see whether these actions change technicians’ experience.", body),
        Paragraph("Response by area", styles["Heading2"]),
        Paragraph(
            "Science and Engineering 118 of 176; Medicine and Health Sciences 79 of 118; Arts, Humanities and "
            "Social Sciences 31 of 47; Library and Digital Services 22 of 39; Estates and Campus Services 18 of 32.",
            body),
    ]
    doc.build(story)
    return out.getvalue()
