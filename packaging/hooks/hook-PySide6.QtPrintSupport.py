# Replaces PyInstaller's hook of the same name: same collection, minus unused Qt plugins/translations.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qt_trim import trimmed_dependencies

hiddenimports, binaries, datas = trimmed_dependencies(__file__)
