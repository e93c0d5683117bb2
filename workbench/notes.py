"""Each lesson's notes: rich text (a small HTML subset Qt renders) in ``resources/notes/<language>/<lesson>.html``.

A translation of the notes is a file beside the English one, like the interface's ``.ts`` file. Links of
the form ``panel:GatesView`` name the panel spec they point to; the window turns them into "show that tab".
"""
from __future__ import annotations

import re
from pathlib import Path

NOTES_ROOT = Path(__file__).resolve().parent.parent / "resources" / "notes"
LANGUAGES = ("en", "zh_CN")


def lesson_notes(lesson: str, language: str = "en") -> str:
    """The notes in ``language`` (e.g. "zh_CN"), else in English, else ""."""
    for candidate in (language, language.split("_")[0], "en"):
        path = NOTES_ROOT / candidate / f"{lesson}.html"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


def plain_text(html: str) -> str:
    """The notes without markup (for the CLI's JSON): tags dropped, entities and spaces tidied."""
    text = re.sub(r"<sub>(.*?)</sub>", r"_\1", html)
    text = re.sub(r"<sup>(.*?)</sup>", r"^\1", text)
    text = re.sub(r"<(br|/p|/h\d|/li)\s*/?>", "\n", text)
    text = re.sub(r"<li>", "• ", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
