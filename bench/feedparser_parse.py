#!/usr/bin/env python3
"""Parse feed files with Python's feedparser in one process (the baseline for bench/ingest.py).

    python3 bench/feedparser_parse.py FILE...

Prints one JSON line on stdout: {"files": F, "entries": N, "parse_seconds": S, "bozo": B,
"import_seconds": I}. `parse_seconds` covers only the feedparser.parse() loop (interpreter
start-up and `import feedparser` are excluded, and reported separately as import_seconds).
"""

import json
import sys
import time

started = time.perf_counter()
import feedparser  # noqa: E402

imported = time.perf_counter()


def main(paths):
    entries = 0
    bozo = 0
    begin = time.perf_counter()
    for path in paths:
        document = feedparser.parse(path)
        entries += len(document.entries)
        bozo += 1 if document.bozo else 0
    elapsed = time.perf_counter() - begin
    print(json.dumps({"files": len(paths), "entries": entries, "parse_seconds": elapsed, "bozo": bozo,
                      "import_seconds": imported - started, "feedparser": feedparser.__version__}))


if __name__ == "__main__":
    main(sys.argv[1:])
