#!/usr/bin/env python3
"""Search latency and reindex time at 100,000 records (SPEC §11: p99 < 20 ms; issue 5: reindex < 60 s).

1. corpus   a site with N records, made the way a real catalog fills: feed items from
            generate_feeds.py (`archivar harvest --all`) and publications from
            generate_catalog.py (`archivar import` of a CSL-JSON file). Kept in --site and
            reused by later runs (delete the directory to make it again).
2. library  `search-latency` (bench/SearchLatency): `Catalog.search` in-process, the same
            call the CLI and the server make, over the mixed query set.
3. http     `archivar serve` on 127.0.0.1 and `/api/search?q=…&limit=20` over one
            keep-alive connection (http.client); the time includes reading the whole body.
            Then three times: `archivar edit` changes a record, and 6 s later one search is timed.
4. reindex  the start-up reindex paths, each on a copy of the database: "analysis" changes the
            stored analysis identity (`search_analysis`: the tokenizer changed), so the
            full-text index is rebuilt; "fields" changes `search_fields.version` (what
            SearchText derives changed), so every row's search texts are derived and indexed
            again. Timed: `archivar search` on the copy, minus the same command once more.

Every measurement runs --repeat times; the load average is printed next to each figure
(on a 2-core machine shared with compilers, figures taken at a load above 2 are indicative).

    python3 bench/search_latency.py [--bin DIR] [--site DIR] [--records 100000] [--repeat 3]
                                    [--rounds 20] [--skip corpus|library|http|reindex] [--json FILE]

Python 3 standard library only.
"""

import argparse
import http.client
import json
import os
import platform
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import generate_catalog  # noqa: E402
import generate_feeds  # noqa: E402

QUERIES = os.path.join(HERE, "search_latency_queries.tsv")


# --- Machine and load ------------------------------------------------------------------

def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        memory = int(f.readline().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} CPUs, {model}, {memory:.1f} GB RAM, Linux {platform.release()}"


def load():
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def timed(arguments, cwd, log=None):
    """Runs a command; returns wall seconds. Output goes to `log` (or is dropped)."""
    start = time.perf_counter()
    with open(log or os.devnull, "w", encoding="utf-8") as out:
        done = subprocess.run(arguments, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(arguments)} failed ({done.returncode}); see {log}" if log else f"{arguments} failed")
    return seconds


def database(site):
    return os.path.join(site, ".archivar", "archivar.sqlite")


def record_counts(site):
    db = sqlite3.connect(f"file:{database(site)}?mode=ro", uri=True)
    counts = dict(db.execute("SELECT kind, count(*) FROM records GROUP BY kind").fetchall())
    db.close()
    return counts


# --- 1. Corpus -------------------------------------------------------------------------

def make_corpus(archivar, site, records, feed_share, domain_share, seed, report):
    feed_items = round(records * feed_share)
    publications = records - feed_items
    files = max(1, feed_items // 400)
    print(f"corpus: {feed_items} feed items in {files} feeds + {publications} publications, "
          f"domain share {domain_share} → {site}")
    text = generate_catalog.TextModel(random.Random(seed), domain_share)
    text.use_for_feeds()
    generate_feeds.generate(feed_items, files, site, seed)
    before = load()
    harvest = timed([archivar, "harvest", "--all"], site, os.path.join(site, "harvest.log"))
    print(f"  harvest --all: {harvest:.1f} s (load {before} → {load()})")
    catalog = os.path.join(site, "catalog.json")
    generate_catalog.generate(publications, catalog, seed, text)
    before = load()
    imported = timed([archivar, "import", catalog], site, os.path.join(site, "import.log"))
    print(f"  import catalog.json: {imported:.1f} s (load {before} → {load()})")
    report["corpus"] = {"harvest_seconds": harvest, "import_seconds": imported, "load": load()}


def rare_queries(site):
    """Rare words of the generated corpus (generate_catalog's .words.tsv) as extra queries."""
    path = os.path.join(site, "catalog.json.words.tsv")
    lines = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#"):
                    rank, word, _ = line.rstrip("\n").split("\t")
                    if int(rank) >= 1000:
                        lines.append(f"rare\t{word}")
    return lines


def query_file(site):
    with open(QUERIES, encoding="utf-8") as f:
        text = f.read()
    path = os.path.join(site, "latency-queries.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n" + "\n".join(rare_queries(site)) + "\n")
    return path


def read_queries(path):
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t", 1)) for line in f if line.strip() and not line.startswith("#")]


# --- Percentiles -----------------------------------------------------------------------

def percentile(sorted_values, p):
    """Nearest rank, as search-latency computes it."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), -(-len(sorted_values) * p // 100)))
    return sorted_values[int(rank) - 1]


def summary(milliseconds):
    values = sorted(milliseconds)
    return {"samples": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "p99": percentile(values, 99), "max": values[-1] if values else 0.0}


# --- 2. Library ------------------------------------------------------------------------

def library_run(search_latency, site, queries, rounds):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        before = load()
        done = subprocess.run([search_latency, database(site), queries, "--repeat", str(rounds), "--warmup", "2",
                               "--limit", "20", "--json", out.name], capture_output=True, text=True)
        after = load()
        if done.returncode != 0:
            sys.exit(f"search-latency failed ({done.returncode}):\n{done.stderr}")
        with open(out.name, encoding="utf-8") as f:
            result = json.load(f)
    result["load"] = f"{before} → {after}"
    result["text"] = done.stdout
    return result


# --- 3. HTTP ---------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(archivar, site):
    port = free_port()
    log = open(os.path.join(site, "serve.log"), "w", encoding="utf-8")
    server = subprocess.Popen([archivar, "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=site,
                              stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"archivar serve exited ({server.returncode}); see {log.name}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                connection.close()
                return server, port
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("archivar serve did not answer /healthz within 120 s")


def stop_server(server):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def http_run(archivar, site, queries, rounds):
    server, port = start_server(archivar, site)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        reconnects, first = 0, None
        samples = {index: [] for index in range(len(queries))}
        order = random.Random(20261121)
        before = load()
        for round_number in range(2 + rounds):
            indices = list(range(len(queries)))
            order.shuffle(indices)
            for index in indices:
                path = "/api/search?" + urllib.parse.urlencode({"q": queries[index][1], "limit": "20"})
                start = time.perf_counter()
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                elapsed = (time.perf_counter() - start) * 1000
                first = elapsed if first is None else first
                if response.status != 200:
                    sys.exit(f"GET {path}: HTTP {response.status}")
                if round_number == 0:
                    json.loads(body)  # a whole JSON answer, once per query
                if round_number >= 2:
                    samples[index].append(elapsed)
                if response.will_close:
                    reconnects += 1
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        after = load()
        changed = [search_after_an_edit(archivar, connection, site, queries[0][1], number) for number in range(3)]
        connection.close()
    finally:
        stop_server(server)
    classes = []
    for kind in dict.fromkeys(kind for kind, _ in queries):
        classes.append({"kind": kind, **summary([ms for i, (k, _) in enumerate(queries) if k == kind for ms in samples[i]])})
    return {"overall": summary([ms for values in samples.values() for ms in values]), "byClass": classes,
            "reconnects": reconnects, "first_request": first, "after_change": changed, "load": f"{before} → {after}"}


def search_after_an_edit(archivar, connection, site, query, number):
    """A librarian edits a record (`archivar edit`, another process, as a harvest from cron
    would write), then, 6 s later, a visitor searches: the milliseconds of that search, which
    used to include building the reader's digest again (`Catalog.prepareSearches` now does it)."""
    db = sqlite3.connect(f"file:{database(site)}?mode=ro", uri=True)
    (record,) = db.execute("SELECT id FROM records ORDER BY rowid LIMIT 1").fetchone()
    db.close()
    edit = subprocess.run([archivar, "edit", record, "--set", f"note=Benchmark {number} {time.time()}"], cwd=site,
                          capture_output=True, text=True)
    if edit.returncode != 0:
        sys.exit(f"archivar edit {record} failed: {edit.stderr[-800:]}")
    time.sleep(6)
    start = time.perf_counter()
    connection.request("GET", "/api/search?" + urllib.parse.urlencode({"q": query, "limit": "20"}))
    connection.getresponse().read()
    return (time.perf_counter() - start) * 1000


# --- 4. Reindex ------------------------------------------------------------------------

REINDEX_PATHS = {
    # the analysis (tokenizer, stemmer, word list) changed: FTS5 'rebuild' of the whole index
    "analysis": ("SELECT identity FROM search_analysis WHERE id = 1",
                 "UPDATE search_analysis SET identity = 'benchmark: an older analysis' WHERE id = 1"),
    # what SearchText derives from a record changed: every row's texts and people derived again
    "fields": ("SELECT version FROM search_fields WHERE id = 1",
               "UPDATE search_fields SET version = -1 WHERE id = 1"),
}


def reindex_run(archivar, site, path):
    """Seconds to open a copy of the catalog that Archivar must reindex on start."""
    stored_sql, outdate_sql = REINDEX_PATHS[path]
    with tempfile.TemporaryDirectory(prefix="archivar-reindex-") as state:
        source = sqlite3.connect(f"file:{database(site)}?mode=ro", uri=True)
        copy = sqlite3.connect(os.path.join(state, "archivar.sqlite"))
        source.backup(copy)
        source.close()
        (current,) = copy.execute(stored_sql).fetchone()
        copy.execute(outdate_sql)
        copy.commit()
        copy.close()
        cache = os.path.join(site, ".archivar", "german-lexicon.cache")
        if os.path.exists(cache):
            shutil.copy(cache, state)
        command = [archivar, "--state", state, "search", "--limit", "1", "Planung"]
        before = load()
        rebuild = timed(command, site)
        plain = timed(command, site)
        after = load()
        check = sqlite3.connect(f"file:{os.path.join(state, 'archivar.sqlite')}?mode=ro", uri=True)
        (stored,) = check.execute(stored_sql).fetchone()
        check.close()
        if stored != current:
            sys.exit(f"the {path} reindex did not happen: stored {stored!r}, expected {current!r}")
    return {"path": path, "open_with_rebuild": rebuild, "open_without": plain, "reindex": rebuild - plain,
            "load": f"{before} → {after}"}


def reindex_paths(site):
    """The reindex paths this catalog's schema has."""
    db = sqlite3.connect(f"file:{database(site)}?mode=ro", uri=True)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    return [path for path, table in (("analysis", "search_analysis"), ("fields", "search_fields")) if table in tables]


# --- Main ------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(REPOSITORY, ".build-bench", "release"),
                        help="directory with release builds of archivar and search-latency")
    parser.add_argument("--site", default=os.path.join(tempfile.gettempdir(), "archivar-search-bench"))
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--feed-share", type=float, default=0.4, help="share of feed items (default 0.4)")
    parser.add_argument("--domain-share", type=float, default=0.1,
                        help="share of sentences from the planning phrases (generate_catalog.py; default 0.1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds over the query set per run")
    parser.add_argument("--skip", action="append", default=[], choices=["library", "http", "reindex"])
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args()

    archivar = os.path.join(args.bin, "archivar")
    search_latency = os.path.join(args.bin, "search-latency")
    for binary in (archivar, search_latency):
        if not os.access(binary, os.X_OK):
            sys.exit(f"{binary} is missing: swift build -c release --scratch-path .build-bench "
                     "(--product archivar, --product search-latency)")
    report = {"machine": machine()}
    print(f"machine: {report['machine']}; load average {load()}")
    commit = subprocess.run(["git", "-C", REPOSITORY, "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    print(f"repository at {commit.stdout.strip()[:100]} (plus uncommitted changes, if any)")

    site = os.path.abspath(args.site)
    if not os.path.exists(database(site)):
        make_corpus(archivar, site, args.records, args.feed_share, args.domain_share, args.seed, report)
    counts = record_counts(site)
    size = sum(os.path.getsize(os.path.join(site, ".archivar", name)) for name in os.listdir(os.path.join(site, ".archivar"))
               if name.startswith("archivar.sqlite"))
    print(f"catalog: {sum(counts.values())} records ({', '.join(f'{v} {k}' for k, v in sorted(counts.items()))}), "
          f"database {size / 1e6:.0f} MB")
    report["records"] = counts
    queries_path = query_file(site)
    queries = read_queries(queries_path)
    print(f"query set: {len(queries)} queries ({queries_path}), {args.rounds} timed rounds per run")

    def line(label, s, extra):
        return (f"| {label} | {s['p50']:.2f} | {s['p95']:.2f} | {s['p99']:.2f} | {s['max']:.2f} | {extra} |")

    if "library" not in args.skip:
        report["library"] = [library_run(search_latency, site, queries_path, args.rounds) for _ in range(args.repeat)]
        print("\nlibrary (Catalog.search, limit 20) | p50 ms | p95 ms | p99 ms | max ms | load before → after")
        for number, run in enumerate(report["library"], start=1):
            print(line(f"run {number}", run["overall"], run["load"] + f"; first search {run['firstSearchMilliseconds']:.0f} ms"))
        print(report["library"][-1]["text"])
    if "http" not in args.skip:
        report["http"] = [http_run(archivar, site, queries, args.rounds) for _ in range(args.repeat)]
        print("\nhttp (/api/search, limit 20, keep-alive) | p50 ms | p95 ms | p99 ms | max ms | load before → after")
        for number, run in enumerate(report["http"], start=1):
            print(line(f"run {number}", run["overall"],
                       run["load"] + f"; first request {run['first_request']:.0f} ms; 6 s after an edit "
                       + " / ".join(f"{ms:.0f}" for ms in run["after_change"]) + f" ms; reconnects {run['reconnects']}"))
        print("last run by class: " + "; ".join(f"{c['kind']} p50 {c['p50']:.1f} p99 {c['p99']:.1f}"
                                                 for c in report["http"][-1]["byClass"]))
    if "reindex" not in args.skip:
        report["reindex"] = [reindex_run(archivar, site, path) for path in reindex_paths(site) for _ in range(args.repeat)]
        print("\nreindex on start | open with reindex s | open without s | reindex s | load before → after")
        for number, run in enumerate(report["reindex"], start=1):
            print(f"| {run['path']} (run {number}) | {run['open_with_rebuild']:.1f} | {run['open_without']:.2f} | "
                  f"{run['reindex']:.1f} | {run['load']} |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
