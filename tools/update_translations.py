"""Refresh the translation sources and compile them:

    python tools/update_translations.py          # lupdate: add new strings to resources/i18n/*.ts
    python tools/update_translations.py --release  # also lrelease: .ts -> .qm (what the app loads)

Widgets use ``self.tr(...)``, which lupdate finds by itself. The core has no Qt, so its messages are
marked with ``tr_noop("...")``; this script collects those into a temporary file of
``QT_TRANSLATE_NOOP("core", ...)`` lines for lupdate, and the window translates them in context "core".
"""
from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)
QT_SOURCES = ("widgets", "main.py")
CORE_SOURCES = ("workbench", "tasks", "widgets")  # widgets: tr_noop for messages built outside a QObject


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if not found:
        candidate = Path(sys.executable).parent / f"pyside6-{name}"
        found = str(candidate) if candidate.exists() else None
    if not found:
        sys.exit(f"pyside6-{name} not found; install PySide6-Essentials")
    return found


def core_strings() -> list[str]:
    """Every literal passed to tr_noop(...) in the core and the lessons, in file order."""
    found: list[str] = []
    for folder in CORE_SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr_noop" and node.args
                        and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                    if node.args[0].value not in found:
                        found.append(node.args[0].value)
    return found


def sources_in(ts: Path) -> dict[str, str | None]:
    """source text -> translation (None when unfinished) of a .ts file."""
    import xml.etree.ElementTree as ET
    found = {}
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        done = translation.get("type") != "unfinished" and bool(translation.text)
        found[message.find("source").text] = translation.text if done else None
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="also compile .qm files")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a source string is missing from a .ts or untranslated")
    args = parser.parse_args(argv)
    sources = [str(path) for name in QT_SOURCES for path in
               ([ROOT / name] if name.endswith(".py") else sorted((ROOT / name).rglob("*.py")))]
    with tempfile.TemporaryDirectory() as scratch:
        marks = Path(scratch) / "core_messages.py"
        marks.write_text("".join(f"QT_TRANSLATE_NOOP({'core'!r}, {text!r})\n" for text in core_strings()),
                         encoding="utf-8")
        for language in LANGUAGES:
            ts = I18N / f"workbench_{language}.ts"
            if args.check:
                fresh = Path(scratch) / ts.name
                subprocess.run([tool("lupdate"), "-silent", "-locations", "none", *sources, str(marks),
                                "-ts", str(fresh)], check=True)
                committed = sources_in(ts)
                missing = [text for text in sources_in(fresh) if committed.get(text) is None]
                if missing:
                    print(f"{ts.name}: {len(missing)} string(s) missing or untranslated:", *missing, sep="\n  ")
                    return 1
                continue
            subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", *sources, str(marks),
                            "-ts", str(ts)], check=True)
            if args.release:
                subprocess.run([tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
