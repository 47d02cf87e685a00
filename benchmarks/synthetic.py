"""Large, clean, realistic synthetic submissions for benchmarks and scale tests."""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

from tcdesk.model import (
    NEW_TEXT_FIELDS,
    PREVIOUS_TEXT_FIELDS,
    Lead,
    NewAction,
    NewPlan,
    Pillar,
    PreviousAction,
    PreviousPlan,
    Rag,
    Signatory,
    SignOff,
    Submission,
)

ORGANISATION = "University of Westbridge"
SITE = "https://www.westbridge.ac.uk"
PREVIOUS_PERIOD = "2023-2026"
NEW_PERIOD = "2026-2029"
LEAD_SIGNED = date(2026, 7, 20)
LEADER_SIGNED = date(2026, 7, 27)
REAL_SIZE_ANSWER_WORDS = 1450  # with 70 actions, about 120 KB of text in all
MIN_ACTIONS = 8  # one previous and one new action per pillar at least, so the plan stays clean

# The first four entries cover every pillar, so even a small new plan has actions in all four.
_PILLAR_CYCLE = [Pillar.VISIBILITY, Pillar.RECOGNITION, Pillar.CAREER_DEVELOPMENT, Pillar.SUSTAINABILITY,
                 Pillar.VISIBILITY, Pillar.CAREER_DEVELOPMENT, Pillar.RECOGNITION, Pillar.VISIBILITY,
                 Pillar.CAREER_DEVELOPMENT, Pillar.SUSTAINABILITY]
_RAG_CYCLE = [Rag.GREEN, Rag.AMBER, Rag.GREEN, Rag.GREEN, Rag.AMBER, Rag.RED, Rag.GREEN, Rag.AMBER]
_TALENT_BY_PILLAR = {
    Pillar.VISIBILITY: ["R11", "R12", "R3", "R6", "R4"],
    Pillar.RECOGNITION: ["R11", "R5", "R15", "R12"],
    Pillar.CAREER_DEVELOPMENT: ["R9", "R10", "R2", "R7", "R14", "R8"],
    Pillar.SUSTAINABILITY: ["R1", "R3", "R7", "R14", "R13", "R16"],
}

GROUPS = ["laboratory technicians", "workshop technicians", "IT technicians", "research technicians",
          "teaching technicians", "technical specialists", "apprentice technicians", "imaging facility staff",
          "engineering workshop staff", "media and performance technicians", "animal facility technicians",
          "technical managers", "early-career technicians", "experimental officers"]
PLACES = ["the School of Biosciences", "the School of Engineering", "the School of Physical Sciences",
          "the School of Arts", "the School of Psychology", "the Faculty of Medicine and Health",
          "the School of Earth Sciences", "Library and Digital Services", "the School of Chemistry",
          "the School of Music and Performance", "the Institute of Food Science", "Estates and Facilities"]
SCHEMES = ["RSciTech", "RSci", "EngTech", "IEng", "CSci", "Science Council registration",
           "HEaTED membership", "Advance HE Associate Fellowship", "IST membership", "the Papin Prizes"]
BODIES = ["the Technician Commitment Steering Group", "the People Committee", "the Research and Innovation Committee",
          "the Technical Managers’ Forum", "the Technician Network", "the Education Committee",
          "the Equality, Diversity and Inclusion Committee", "the Research Culture Group"]
OWNERS = ["Head of Technical Services", "Technician Commitment Manager", "Director of Human Resources",
          "Technical Managers’ Forum chair", "Head of Organisational Development", "Pro-Vice-Chancellor (Research)",
          "Faculty Operations Manager", "Head of Internal Communications", "Apprenticeships Manager"]
VERBS = ["Launch", "Extend", "Embed", "Review", "Pilot", "Establish", "Publish", "Develop", "Expand", "Promote"]
OBJECTS = ["a technician profile series on the staff intranet", "funded professional registration for technicians",
           "a technical career pathways framework with standard role profiles", "technician representation on committees",
           "a technical apprenticeship programme", "annual technician awards", "a mentoring scheme for technicians",
           "a workforce data dashboard for technical roles", "shadowing between technical and academic roles",
           "technical costing guidance for grant applications", "a skills audit of the technical community",
           "an outreach programme showcasing technical careers", "a technician induction and onboarding pack",
           "succession planning for specialist technical posts", "a technical training fund"]
LINKS = [("Technician Commitment at Westbridge", "/technician-commitment"), ("technician profiles", "/news/technician-profiles"),
         ("Technical Careers Framework", "/hr/technical-careers"), ("Technician Network", "/technician-network"),
         ("Technician Awards", "/technician-awards"), ("Technical Training Fund", "/hr/technical-training-fund"),
         ("TALENT Commission", "https://www.mitalent.ac.uk/theTALENTcommission")]

_SENTENCES = [
    "Since {year}, {n} {group} in {place} have taken part in the programme, and feedback has been consistently positive.",
    "{Group} in {place} worked with {body} to agree priorities for the year ahead.",
    "We supported {n} {group} to achieve {scheme}, with fees funded centrally.",
    "{Body} now receives a termly report on technical staffing, which keeps the work visible to senior leaders.",
    "The approach was first piloted in {place} and then extended across the institution.",
    "Recognition of {group} has grown through case studies, newsletters and the annual awards ceremony.",
    "A dedicated budget of £{money} a year funds training, conference places and registration fees for {group}.",
    "Technical managers from {place} now sit on {body}, bringing a technical perspective to decisions.",
    "Our experience shows that visible leadership support matters as much as funding.",
    "We shared practice with other signatories through the regional technician network and at national events.",
    "Uptake among {group} has risen each year, and the gap between schools has narrowed.",
    "The review in {year} highlighted the need for clearer progression routes for {group}.",
    "{Group} contributed to induction sessions for new staff, explaining how technical services support research and teaching.",
    "Workload models for {group} now include time for development, outreach and mentoring.",
    "In {year} we ran {n} open days in which {group} showed school pupils and visitors around {place}.",
    "A secondment let two {group} spend six months with the research team in {place}.",
    "The mentoring scheme matched {n} pairs across {place} and Technical Services.",
    "{Body} approved a new role profile for {group}, with a clear route to the next grade.",
    "Apprentices in {place} completed their Level 3 qualification and moved into permanent posts.",
    "An audit of skills across {place} identified specialist techniques held by a single person.",
    "Shared equipment in {place} is now booked through one system, which frees {group} for specialist work.",
    "Grant applications from {place} now include technical time costed at the correct rate.",
]
_EVIDENCE = [
    "the workforce dashboard, reported termly to {body}",
    "the {year_ahead} technician survey, compared with the 2025 baseline",
    "uptake figures for {group} in {place} and the rest of the University",
    "case studies and testimonials published on the Technician Commitment webpage",
    "the number of {group} taking part, reported by grade and gender",
]
# Drawn from a list as long as _SENTENCES, so a success measure consumes exactly the random draws
# it always has: the layout for a given seed (refs, ratings, carried actions) must not move when
# text changes, because tests elsewhere build on it (e.g. red S01 in make_synthetic(16)).
_EVIDENCE_DRAWN = [_EVIDENCE[i % len(_EVIDENCE)] for i in range(len(_SENTENCES))]
_TECHNICIAN_VOICE = [
    "Technicians shaped this plan through the {year} technician survey, which {n} technical staff completed.",
    "The Technician Commitment Working Group, whose members are technicians from every faculty, drafted the actions.",
    "Focus groups with {group} in {place} tested each proposed action before it was agreed.",
    "Technician representatives took the draft plan back to their teams for feedback and consultation.",
]
_TALENT = [
    "Each new action is mapped to the recommendations of the TALENT Commission, shown as codes R1 to R16 in the plan.",
    "The TALENT Commission’s call for visible, recognised technical contributions (R11) informs our visibility actions.",
    "We respond to the TALENT Commission recommendation on clear career pathways (R9) through the careers framework.",
    "Workforce data (R3) is now reported annually, in line with the TALENT Commission recommendations.",
]
_HEADINGS = {
    "1": ["Technical staff structures", "Changes since signing", "Technical Services"],
    "2": ["Governance and reporting", "Resourcing", "Engagement beyond the institution"],
    "3": ["Overview of progress", "Actions completed", "Actions in progress"],
    "4": ["Evidence of impact", "Testimonials", "Recognition outcomes"],
    "5": ["Our response to the TALENT Commission", "Careers and skills", "Data and inclusion"],
    "6": ["Priorities for 2026–2029", "How the plan was built", "Monitoring"],
    "7": ["The technician voice", "Survey and consultation", "Working group"],
    "8": ["Our webpage"],
}


class _Writer:
    """Random but deterministic prose: sentences filled from the word banks above."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self, pool: list[str] | None = None) -> str:
        r = self.rng
        template = r.choice(pool or _SENTENCES)
        group, body = r.choice(GROUPS), r.choice(BODIES)
        year = r.randint(2023, 2025)
        return template.format(
            year=year, year_ahead=year + 4, n=r.randint(3, 60), group=group, Group=group[0].upper() + group[1:],
            place=r.choice(PLACES), body=body, Body=body[0].upper() + body[1:], scheme=r.choice(SCHEMES),
            money=f"{r.randint(10, 90) * 1000:,}",
        )

    def sentences(self, low: int, high: int, pool: list[str] | None = None) -> str:
        out: list[str] = []
        for _ in range(self.rng.randint(low, high)):
            s = self.sentence(pool)
            if out and s == out[-1]:
                s = self.sentence(pool)
            out.append(s)
        return " ".join(out)

    def link(self) -> str:
        label, target = self.rng.choice(LINKS)
        return f"[{label}]({target if target.startswith('http') else SITE + target})"

    def answer(self, question: str, words: int, lead: list[str] | None = None) -> str:
        """Markdown with headings, paragraphs, a bulleted and a numbered list and links, about ``words`` long."""
        blocks: list[str] = [" ".join(lead)] if lead else []
        count = sum(len(b.split()) for b in blocks)
        headings = _HEADINGS[question]
        section = 0
        while count < words:
            kind = len(blocks) % 4
            if kind == 0:
                block = f"## {headings[section % len(headings)]}"
                section += 1
            elif kind == 1:
                block = self.sentences(3, 5) + f" See {self.link()}."
            elif kind == 2:
                block = "\n".join(f"- {self.sentence()}" for _ in range(self.rng.randint(3, 5)))
            else:
                block = "\n".join(f"{i}. {self.sentence()}" for i in range(1, self.rng.randint(3, 5) + 1))
            blocks.append(block)
            count += len(block.split())
        return "\n\n".join(blocks) + "\n"


def _previous_actions(w: _Writer, n: int) -> list[PreviousAction]:
    r = w.rng
    numbers = {p: 0 for p in Pillar}
    out = []
    for i in range(n):
        pillar = _PILLAR_CYCLE[i % len(_PILLAR_CYCLE)]
        numbers[pillar] += 1
        rag = _RAG_CYCLE[(i * 7 + r.randint(0, 1)) % len(_RAG_CYCLE)]
        explanation = ""
        if rag is Rag.RED:
            explanation = f"Not started because {w.sentence().lower()[:-1]}; it is rescheduled in the new plan."
        elif rag is Rag.AMBER:
            explanation = "Work continues; the remaining steps are carried into the 2026–2029 plan."
        out.append(PreviousAction(
            ref=f"{pillar.letter}{numbers[pillar]:02d}",
            pillar=pillar,
            action=f"{r.choice(VERBS)} {r.choice(OBJECTS)} for {r.choice(GROUPS)} in {r.choice(PLACES)}.",
            collaborators=", ".join(r.sample(OWNERS, 2)),
            success_measures=w.sentences(1, 2),
            progress=w.sentences(2, 5),
            explanation=explanation,
            talent=sorted(r.sample(_TALENT_BY_PILLAR[pillar], r.randint(1, 3)), key=lambda c: int(c[1:])),
            rag=rag,
        ))
    return out


def _new_actions(w: _Writer, n: int, previous: list[PreviousAction]) -> list[NewAction]:
    r = w.rng
    unfinished = {p: [a.ref for a in previous if a.pillar is p and a.rag is not Rag.GREEN] for p in Pillar}
    numbers = {p: 0 for p in Pillar}
    out = []
    for i in range(n):
        pillar = _PILLAR_CYCLE[i % len(_PILLAR_CYCLE)]
        numbers[pillar] += 1
        carried = unfinished[pillar].pop(0) if unfinished[pillar] and r.random() < 0.4 else ""
        year, month = divmod(2026 * 12 + 8 + r.randint(0, 35) - 1, 12)  # Aug 2026 … Jul 2029
        out.append(NewAction(
            ref=f"{pillar.letter}{numbers[pillar]:02d}",
            pillar=pillar,
            action=f"{r.choice(VERBS)} {r.choice(OBJECTS)} across {r.choice(PLACES)}. {w.sentence()}",
            owner=r.choice(OWNERS),
            collaborators=", ".join(r.sample(OWNERS, 2)),
            due=f"{year}-{month + 1:02d}",
            success_measures="Impact will be evidenced by " + w.sentence(_EVIDENCE_DRAWN) + ".",
            resourcing=f"£{r.randint(2, 40) * 500:,} a year from the Technical Services budget, plus staff time.",
            talent=sorted(r.sample(_TALENT_BY_PILLAR[pillar], r.randint(1, 3)), key=lambda c: int(c[1:])),
            carried_from=carried,
        ))
    return out


def make_synthetic(n_actions: int = 500, answer_words: int = 2000, seed: int = 0, previous: int | None = None) -> Submission:
    """A clean, realistic submission with ``n_actions`` actions (half previous, half new).

    :param n_actions: total number of actions over both plans (at least 8, so every pillar has some).
    :param previous: how many of them are in the previous plan (default: half; at least 4 in each plan).
    :param answer_words: approximate length of each answer to questions 1–7 (question 8 is shorter).
    :param seed: the same seed always gives the same submission.
    """
    if n_actions < MIN_ACTIONS:
        raise ValueError(f"n_actions must be at least {MIN_ACTIONS}, got {n_actions}")
    w = _Writer(random.Random(seed))
    n_previous = n_actions // 2 if previous is None else max(4, min(previous, n_actions - 4))
    previous = _previous_actions(w, n_previous)
    new = _new_actions(w, n_actions - n_previous, previous)
    # Identities from the seed, not from uuid4, so the same seed gives the same submission.
    for plan, actions in (("previous", previous), ("new", new)):
        for i, action in enumerate(actions, start=1):
            action.id = f"synthetic-{seed}-{plan}-{i}"
    red = sum(a.rag is Rag.RED for a in previous)
    amber = sum(a.rag is Rag.AMBER for a in previous)
    green = sum(a.rag is Rag.GREEN for a in previous)
    counts = (f"Our 2023–2026 plan had {len(previous)} actions ({red} Red, {amber} Amber & {green} Green), "
              "and the previous action plan table reports on each of them.")
    voice = [w.sentence(_TECHNICIAN_VOICE) for _ in range(4)]
    talent = [w.sentence(_TALENT) for _ in range(3)]
    answers = {q: w.answer(q, answer_words) for q in "1246"}
    answers["3"] = w.answer("3", answer_words, [counts])
    answers["5"] = w.answer("5", answer_words, talent)
    answers["7"] = w.answer("7", answer_words, voice)
    webpage = f"Our Technician Commitment webpage is <{SITE}/technician-commitment>."
    answers["8"] = w.answer("8", max(40, answer_words // 10), [webpage])
    return Submission(
        organisation=ORGANISATION,
        leads=[Lead("Dr Gwenllian Rhys", "Head of Technical Services", "g.rhys@westbridge.ac.uk"),
               Lead("Siobhán Ní Bhriain", "Technician Commitment Manager", "s.nibhriain@westbridge.ac.uk")],
        answers=answers,
        webpage_url=f"{SITE}/technician-commitment",
        previous_plan=PreviousPlan(PREVIOUS_PERIOD, previous),
        new_plan=NewPlan(NEW_PERIOD, new),
        signoff=SignOff(
            lead=Signatory("Dr Gwenllian Rhys", "Head of Technical Services", LEAD_SIGNED),
            leader=Signatory("Professor Tomasz Wiśniewski", "Vice-Chancellor", LEADER_SIGNED),
        ),
    )


def text_size(sub: Submission) -> int:
    """Characters of free text in ``sub``: answers and every text field of every action."""
    size = sum(len(t) for t in sub.answers.values())
    size += sum(len(getattr(a, f)) for a in sub.previous_plan.actions for f in PREVIOUS_TEXT_FIELDS)
    size += sum(len(getattr(a, f)) for a in sub.new_plan.actions for f in NEW_TEXT_FIELDS)
    return size


def make_real_size(seed: int = 0) -> Submission:
    """A submission the size of a real one: 70 actions and about 120 KB of text (like Kent's 2025 renewal)."""
    return make_synthetic(70, answer_words=REAL_SIZE_ANSWER_WORDS, seed=seed)


KENT_PREVIOUS, KENT_NEW = 71, 13  # Kent's 2025 renewal: 71 previous actions, 13 new ones


def make_kent_size(seed: int = 0, scale: int = 1) -> Submission:
    """A submission shaped like Kent's 2025 renewal (71 previous and 13 new actions, ~125 KB of text).

    :param scale: multiplies both plans (``scale=7`` gives 497 previous and 91 new actions), answers unchanged.
    """
    return make_synthetic((KENT_PREVIOUS + KENT_NEW) * scale, answer_words=REAL_SIZE_ANSWER_WORDS, seed=seed,
                          previous=KENT_PREVIOUS * scale)


def main(argv: list[str] | None = None) -> int:
    from tcdesk import interchange

    parser = argparse.ArgumentParser(description="Write a large, clean synthetic submission as .tcdesk.json.")
    parser.add_argument("--actions", type=int, default=500, help="total actions over both plans (default 500)")
    parser.add_argument("--answer-words", type=int, default=2000, help="approximate words per answer (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("out", type=Path, help="the .tcdesk.json file to write")
    args = parser.parse_args(argv)
    if args.actions < MIN_ACTIONS:
        parser.error(f"--actions must be at least {MIN_ACTIONS}")
    started = time.perf_counter()
    sub = make_synthetic(args.actions, args.answer_words, args.seed)
    elapsed = time.perf_counter() - started
    interchange.write(sub, args.out)
    print(f"{args.out}: {args.actions} actions, {text_size(sub):,} characters of text, generated in {elapsed * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
