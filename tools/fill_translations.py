"""Fill unfinished entries of a .ts file from a JSON object {source text: translation}:

    python tools/fill_translations.py new_strings.json            # resources/i18n/workbench_zh_CN.ts
    python tools/update_translations.py --release                  # then compile the .qm

Run ``tools/update_translations.py`` first so the new strings are in the .ts. Prints what is still
unfinished afterwards (source texts, one per line), so a translator sees what is left.
"""
from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TS = ROOT / "resources" / "i18n" / "workbench_zh_CN.ts"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("translations", help="JSON file: {source: translation}")
    parser.add_argument("--ts", default=str(DEFAULT_TS))
    args = parser.parse_args(argv)
    wanted = json.loads(Path(args.translations).read_text(encoding="utf-8"))
    tree = ET.parse(args.ts)
    filled, left = 0, []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        unfinished = translation.get("type") == "unfinished" or not translation.text
        if source in wanted and (unfinished or translation.text != wanted[source]):
            translation.text = wanted[source]
            translation.attrib.pop("type", None)
            filled += 1
        elif unfinished:
            left.append(source)
    tree.write(args.ts, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled}; {len(left)} still unfinished", *left, sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
