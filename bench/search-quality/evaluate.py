#!/usr/bin/env python3
"""Search quality over the sample corpus: recall@10 and MRR of Archivar against a baseline.

Builds a fresh site from the repository's feeds/ (or takes --site), harvests it with the
real binary, then runs every query of queries.json twice:

  baseline  SQLite FTS5 with the plain `unicode61` tokenizer over the same title, creators
            and body text (read from the catalog's `records` table, read-only; the abstract
            column, where the schema has one, goes with the body as before), BM25 with the
            same column weights (10, 5, 1), ties newest first. It is given the query
            language's meaning (words AND, "phrases", OR, -word, prefix*, title:/author:
            as column filters, year:/type:/source:/kind: as SQL conditions), so that the
            comparison shows the analysis, not the query features. This is Archivar's search
            before issue 5, plus operators it did not have.
  archivar  `archivar search --json --limit 10 QUERY` in the site directory.

recall@10 = relevant records in the first 10 ÷ min(10, number of relevant records);
MRR = mean of 1 / rank of the first relevant record in the first 10 (0 when none).
For typos, "typo + Meinten Sie" also reports Archivar when the visitor follows the
suggestion (`suggestion` in the JSON) — a second search, as a click on it would run.

    python3 bench/search-quality/evaluate.py [--binary PATH] [--site DIR] [--keep DIR]
                                             [--queries FILE] [--json FILE] [--all]

Python 3 standard library only; needs an sqlite3 module with FTS5 (checked at start).
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(os.path.dirname(HERE))
K = 10
GROUPS = ["umlaut", "inflection", "compound", "name", "phrase", "typo", "filter", "operator"]


# --- The site --------------------------------------------------------------------------

def default_binary():
    for candidate in (".build-bench/release/archivar", ".build/release/archivar", ".build/debug/archivar"):
        path = os.path.join(REPOSITORY, candidate)
        if os.access(path, os.X_OK):
            return path
    sys.exit("no archivar binary: run `swift build -c release --scratch-path .build-bench` or pass --binary")


def make_site(binary, directory):
    """A fresh site with the bundled sources and samples, harvested once."""
    shutil.copytree(os.path.join(REPOSITORY, "feeds"), os.path.join(directory, "feeds"))
    with open(os.path.join(directory, "archivar.json"), "w", encoding="utf-8") as f:
        f.write('{ "title": "IKPE Publikationsarchiv", "baseURL": "http://127.0.0.1:8080/" }\n')
    done = subprocess.run([binary, "harvest", "--all"], cwd=directory, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"archivar harvest --all failed ({done.returncode}):\n{done.stderr}")


def database_path(site):
    return os.path.join(site, ".archivar", "archivar.sqlite")


# --- Baseline: plain unicode61 ---------------------------------------------------------

def baseline_index(site):
    """An in-memory copy of the catalog's records with a plain unicode61 FTS5 index."""
    source = sqlite3.connect(f"file:{database_path(site)}?mode=ro", uri=True)
    columns = {row[1] for row in source.execute("PRAGMA table_info(records)")}
    # Since schema 7 the abstract (summary, abstract, keywords) has a column of its own; the
    # baseline indexes it with the body, as Archivar did before.
    body = "abstract || ' ' || body" if "abstract" in columns else "body"
    rows = source.execute(f"SELECT rowid, id, kind, type, source, year, sort_date, title, creators, {body} FROM records").fetchall()
    source.close()
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE records(rowid INTEGER PRIMARY KEY, id TEXT, kind TEXT, type TEXT, source TEXT,"
               " year INTEGER, sort_date TEXT, title TEXT, creators TEXT, body TEXT)")
    db.executemany("INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    db.execute("CREATE VIRTUAL TABLE plain USING fts5(title, creators, body, content='records',"
               " content_rowid='rowid', tokenize='unicode61')")
    db.execute("INSERT INTO plain(plain) VALUES ('rebuild')")
    return db, {row[1] for row in rows}


def lex(text):
    """Tokens of the query language: ( ) OR -x field:value "phrase" word prefix*."""
    tokens, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            tokens.append((c, None))
            i += 1
        else:
            negated = c == "-"
            if negated:
                i += 1
            field = None
            j = i
            while j < len(text) and (text[j].isalpha()):
                j += 1
            if j < len(text) and text[j] == ":" and text[i:j].lower() in ("title", "author", "type", "year", "source", "kind"):
                field, i = text[i:j].lower(), j + 1
            if i < len(text) and text[i] == '"':
                end = text.find('"', i + 1)
                end = len(text) if end < 0 else end
                value, phrase, i = text[i + 1:end], True, end + 1
            else:
                j = i
                while j < len(text) and not text[j].isspace() and text[j] not in "()":
                    j += 1
                value, phrase, i = text[i:j], False, j
            if value == "OR" and not phrase and not field and not negated:
                tokens.append(("OR", None))
            else:
                tokens.append(("term", {"negated": negated, "field": field, "value": value, "phrase": phrase}))
    return tokens


def parse(tokens):
    """or := and ('OR' and)* ; and := unary+ ; unary := term | '(' or ')'."""
    position = 0

    def parse_or():
        nonlocal position
        children = [parse_and()]
        while position < len(tokens) and tokens[position][0] == "OR":
            position += 1
            children.append(parse_and())
        return children[0] if len(children) == 1 else ("or", children)

    def parse_and():
        nonlocal position
        children = []
        while position < len(tokens) and tokens[position][0] not in ("OR", ")"):
            kind, value = tokens[position]
            position += 1
            if kind == "(":
                children.append(parse_or())
                position += 1  # the closing parenthesis
            else:
                children.append(("term", value))
        return children[0] if len(children) == 1 else ("and", children)

    return parse_or()


def fts_string(term):
    quoted = '"' + term["value"].rstrip("*").replace('"', '""') + '"'
    if not term["phrase"] and term["value"].endswith("*"):
        quoted += " *"
    column = {"title": "title", "author": "creators"}.get(term["field"])
    return f"{column} : {quoted}" if column else quoted


def compile_baseline(node, top=True):
    """(FTS5 expression or None, SQL conditions, parameters) for the baseline."""
    conditions, parameters = [], []
    if node[0] == "term":
        node = ("and", [node])
    if node[0] == "or":
        parts = [compile_baseline(child, top=False)[0] for child in node[1]]
        return "(" + " OR ".join(parts) + ")", conditions, parameters
    positives, negatives = [], []
    for child in node[1]:
        if child[0] != "term":
            positives.append(compile_baseline(child, top=False)[0])
            continue
        term = child[1]
        field, value = term["field"], term["value"]
        if field in ("type", "source", "kind", "year"):
            if not top:
                raise ValueError("filters inside parentheses are not supported by the baseline")
            if field == "year" and ".." in value:
                first, last = value.split("..", 1)
                conditions.append("r.year BETWEEN ? AND ?")
                parameters += [int(first), int(last)]
            else:
                conditions.append(f"r.{field} {'!=' if term['negated'] else '='} ?")
                parameters.append(int(value) if field == "year" else value)
        elif term["negated"]:
            negatives.append(fts_string(term))
        else:
            positives.append(fts_string(term))
    expression = " AND ".join(positives) if positives else None
    if expression and negatives:
        expression = f"({expression}) NOT ({' OR '.join(negatives)})"
    return expression, conditions, parameters


def baseline_search(db, query):
    expression, conditions, parameters = compile_baseline(parse(lex(query)))
    where = " AND ".join(conditions)
    if expression:
        sql = ("SELECT r.id FROM plain JOIN records r ON r.rowid = plain.rowid WHERE plain MATCH ?"
               + (" AND " + where if where else "")
               + " ORDER BY bm25(plain, 10.0, 5.0, 1.0), r.sort_date DESC, r.id LIMIT ?")
        rows = db.execute(sql, [expression] + parameters + [K]).fetchall()
    elif where:
        rows = db.execute(f"SELECT r.id FROM records r WHERE {where} ORDER BY r.sort_date DESC, r.id LIMIT ?",
                          parameters + [K]).fetchall()
    else:
        rows = []
    return [row[0] for row in rows]


# --- Archivar --------------------------------------------------------------------------

def archivar_search(binary, site, query):
    done = subprocess.run([binary, "search", "--json", "--limit", str(K), query], cwd=site,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"archivar search {query!r} failed ({done.returncode}):\n{done.stderr}")
    answer = json.loads(done.stdout)
    return [hit["id"] for hit in answer.get("hits", [])], answer.get("suggestion"), answer.get("message")


# --- Measures --------------------------------------------------------------------------

def recall_at_k(ranked, relevant):
    return len(set(ranked[:K]) & set(relevant)) / min(K, len(relevant))


def reciprocal_rank(ranked, relevant):
    for rank, record in enumerate(ranked[:K], start=1):
        if record in relevant:
            return 1 / rank
    return 0.0


def mean(values):
    return sum(values) / len(values) if values else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="the archivar binary (default: .build-bench/release, else .build/debug)")
    parser.add_argument("--site", help="an existing harvested site directory (default: a fresh one)")
    parser.add_argument("--keep", help="make the fresh site here and keep it")
    parser.add_argument("--queries", default=os.path.join(HERE, "queries.json"))
    parser.add_argument("--json", help="also write every query's results and measures to this file")
    parser.add_argument("--all", action="store_true", help="list every query, not only Archivar's misses")
    args = parser.parse_args()

    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        sys.exit(f"Python's sqlite3 (SQLite {sqlite3.sqlite_version}) has no FTS5")
    binary = os.path.abspath(args.binary) if args.binary else default_binary()
    with open(args.queries, encoding="utf-8") as f:
        queries = json.load(f)["queries"]

    temporary = None
    if args.site:
        site = os.path.abspath(args.site)
    elif args.keep:
        site = os.path.abspath(args.keep)
        if os.path.exists(site):
            shutil.rmtree(site)
        os.makedirs(site)
        make_site(binary, site)
    else:
        temporary = tempfile.TemporaryDirectory(prefix="archivar-quality-")
        site = temporary.name
        make_site(binary, site)

    db, ids = baseline_index(site)
    unknown = sorted({record for q in queries for record in q["relevant"] if record not in ids})
    if unknown:
        sys.exit(f"{args.queries} names records the catalog does not hold: {', '.join(unknown)}")

    results = []
    for q in queries:
        relevant = set(q["relevant"])
        base = baseline_search(db, q["query"])
        ours, suggestion, message = archivar_search(binary, site, q["query"])
        entry = {**q, "baseline": base, "archivar": ours, "suggestion": suggestion, "message": message,
                 "baseline_recall": recall_at_k(base, relevant), "baseline_rr": reciprocal_rank(base, relevant),
                 "archivar_recall": recall_at_k(ours, relevant), "archivar_rr": reciprocal_rank(ours, relevant)}
        if suggestion:
            followed, _, _ = archivar_search(binary, site, suggestion)
            entry["followed"] = followed
            entry["followed_recall"] = recall_at_k(followed, relevant)
            entry["followed_rr"] = reciprocal_rank(followed, relevant)
        results.append(entry)

    def row(label, entries, followed=False):
        prefix = "followed" if followed else "archivar"
        ours_recall = [e.get(f"{prefix}_recall", e["archivar_recall"]) for e in entries]
        ours_rr = [e.get(f"{prefix}_rr", e["archivar_rr"]) for e in entries]
        return (f"| {label} | {len(entries)} | {mean([e['baseline_recall'] for e in entries]):.2f} | "
                f"{mean([e['baseline_rr'] for e in entries]):.2f} | {mean(ours_recall):.2f} | {mean(ours_rr):.2f} |")

    version = subprocess.run(["git", "-C", REPOSITORY, "log", "-1", "--format=%h %cd", "--date=short"],
                             capture_output=True, text=True).stdout.strip()
    print(f"binary: {binary} (repository at {version or 'unknown commit'}); SQLite {sqlite3.sqlite_version}; "
          f"{len(ids)} records, {len(results)} queries")
    print()
    print("| group | queries | baseline recall@10 | baseline MRR | Archivar recall@10 | Archivar MRR |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for group in GROUPS + sorted({e["group"] for e in results} - set(GROUPS)):
        entries = [e for e in results if e["group"] == group]
        if entries:
            print(row(group, entries))
            if group == "typo":
                print(row("typo + Meinten Sie", entries, followed=True))
    print(row("issue 5 examples", [e for e in results if e.get("issue")]))
    print(row("**all**", results))
    print()

    print("Queries where Archivar misses a relevant record or does not rank one first "
          "(rank of each relevant record in Archivar's first 10, '-' = not there):" if not args.all else "Every query:")
    for e in results:
        perfect = e["archivar_recall"] == 1 and e["archivar_rr"] == 1
        if perfect and not args.all:
            continue
        ranks = [str(e["archivar"].index(r) + 1) if r in e["archivar"] else "-" for r in e["relevant"]]
        base_ranks = [str(e["baseline"].index(r) + 1) if r in e["baseline"] else "-" for r in e["relevant"]]
        first = e["archivar"][0] if e["archivar"] else "nothing"
        line = (f"  {e['id']:40} {e['query']!r}: recall {e['archivar_recall']:.2f} RR {e['archivar_rr']:.2f} "
                f"ranks [{' '.join(ranks)}] (baseline [{' '.join(base_ranks)}]); first: {first}")
        if e.get("suggestion"):
            line += f"; Meinten Sie {e['suggestion']!r} → recall {e['followed_recall']:.2f} RR {e['followed_rr']:.2f}"
        if e.get("message"):
            line += f"; message: {e['message']}"
        print(line)

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)
    if temporary:
        temporary.cleanup()


if __name__ == "__main__":
    main()
