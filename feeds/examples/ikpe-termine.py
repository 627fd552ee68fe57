#!/usr/bin/env python3
"""Example `exec` plugin for Archivar: the institute's events (Termine) from a CSV file.

Prints one CSL-JSON record per line on stdout (JSON Lines, the format
`archivar inspect` prints). Messages go to stderr, which Archivar logs.
A non-zero exit status fails the harvest of the source.

Usage: ikpe-termine.py [FILE.csv]   (default: ikpe-termine.csv beside this script)
CSV columns: datum (DD.MM.YYYY), titel, ort, text, link
"""
import csv
import json
import re
import sys
from pathlib import Path


def slug(text):
    """Lowercase ASCII words joined by '-', for stable record ids."""
    folded = text.lower()
    for umlaut, ascii_text in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        folded = folded.replace(umlaut, ascii_text)
    return "-".join(re.findall(r"[a-z0-9]+", folded))[:60].strip("-")


def record(row):
    """The CSL-JSON record of one CSV row; raises ValueError for a bad date."""
    day, month, year = (int(part) for part in row["datum"].strip().split("."))
    title = row["titel"].strip()
    item = {
        "id": f"termin-{year:04d}-{month:02d}-{day:02d}-{slug(title)}",
        "type": "event",
        "title": title,
        "issued": {"date-parts": [[year, month, day]]},
        "published": f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z",
        "kind": "press",
        "category": "Termine",
    }
    optional = {"event-place": row.get("ort"), "abstract": row.get("text"), "URL": row.get("link")}
    item.update({key: value.strip() for key, value in optional.items() if value and value.strip()})
    return item


def main(arguments):
    path = Path(arguments[0]) if arguments else Path(__file__).with_name("ikpe-termine.csv")
    written = 0
    with path.open(encoding="utf-8", newline="") as rows:
        for line, row in enumerate(csv.DictReader(rows), start=2):
            try:
                item = record(row)
            except (ValueError, KeyError, AttributeError) as error:
                print(f"{path.name}:{line}: skipped, no date DD.MM.YYYY: {error}", file=sys.stderr)
                continue
            print(json.dumps(item, ensure_ascii=False))
            written += 1
    print(f"{written} Termine aus {path.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
