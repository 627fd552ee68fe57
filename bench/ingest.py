#!/usr/bin/env python3
"""Ingest benchmark: Archivar `inspect` / `harvest` against Python's feedparser (SPEC §11).

    python3 bench/ingest.py                      # build release binary, 10,000 entries in 100 files
    python3 bench/ingest.py --binary PATH        # use an existing binary, no build
    python3 bench/ingest.py --binary before=OLD --binary after=NEW   # compare, runs alternate
    python3 bench/ingest.py --entries 50000 --files 500 --repeat 5 --keep /tmp/site

Measures (each repeated --repeat times, the median is reported):
  startup        `archivar inspect` of a one-entry feed: process start-up cost
  inspect/file   `archivar inspect FILE`, one process per feed file (start-up included)
  inspect/big    `archivar inspect` of the same number of entries in as few feeds as the
                 20 MB fetch limit allows (2 × 5,000 by default): start-up is amortised
  harvest        `archivar harvest --all` over the site, fresh state each run
                 (parse + normalize + dedupe + store + index into SQLite, one process)
  harvest/big    `archivar harvest --all` over a site made of those big feeds
  feedparser     feedparser.parse() over the same files in one Python process
                 (parse loop only; interpreter start and import excluded)
Peak memory is the "Maximum resident set size" of /usr/bin/time -v (for inspect/file: the
largest over all processes). CPU is user+sys seconds, steadier than wall time on a busy machine.
With several binaries, each repetition runs every binary in turn, so that all of them meet
the same load on a shared machine.
"""

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in bench/
import generate_feeds  # noqa: E402

TIME = "/usr/bin/time"
BIG_FEED_BYTES = 15_000_000  # below Archivar's default 20 MB fetch limit


# --- Helpers ---------------------------------------------------------------------------

def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = 0
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    ram = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(ram, 1), "kernel": platform.release(),
            "python": platform.python_version()}


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def timed(command, cwd=None, stdout_path=None, env=None):
    """Runs command under /usr/bin/time -v; returns (wall, cpu, peak_mb, returncode, stdout, stderr)."""
    with tempfile.NamedTemporaryFile("w+", suffix=".time") as report:
        out = open(stdout_path, "w") if stdout_path else subprocess.PIPE
        begin = time.perf_counter()
        process = subprocess.run([TIME, "-v", "-o", report.name] + command, cwd=cwd, stdout=out,
                                 stderr=subprocess.PIPE, text=True, env=env)
        wall = time.perf_counter() - begin
        if stdout_path:
            out.close()
        text = open(report.name).read()
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    stdout = process.stdout if not stdout_path else ""
    return wall, user + system, peak_kb / 1024, process.returncode, stdout, process.stderr


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


class Result:
    def __init__(self, name, entries, walls, cpus, peaks, note=""):
        self.name, self.entries, self.note = name, entries, note
        self.wall = statistics.median(walls)
        self.cpu = statistics.median(cpus)
        self.peak = max(peaks)
        self.walls = walls

    @property
    def rate(self):
        return self.entries / self.wall if self.wall else float("inf")

    @property
    def cpu_rate(self):
        return self.entries / self.cpu if self.cpu else float("inf")


def fail(message):
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(1)


# --- Measurements ----------------------------------------------------------------------

def build(scratch):
    print(f"building release binary into {scratch} ...", file=sys.stderr)
    command = ["swift", "build", "-c", "release", "--product", "archivar", "--scratch-path", scratch]
    if subprocess.run(command, cwd=REPO).returncode != 0:
        fail("swift build failed (someone may be mid-edit: retry in a minute, or pass --binary)")
    path = subprocess.run(command + ["--show-bin-path"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "archivar")


def inspect_files(binary, feeds, expected, work):
    """One `archivar inspect` per feed file: summed wall and CPU, the largest peak."""
    wall = cpu = peak = 0.0
    seen = 0
    for path, _count in feeds:
        out = os.path.join(work, "inspect.jsonl")
        w, c, p, code, _, err = timed([binary, "inspect", path], stdout_path=out)
        if code != 0:
            fail(f"archivar inspect {path} exited {code}: {err[-500:]}")
        seen += count_lines(out)
        wall, cpu, peak = wall + w, cpu + c, max(peak, p)
    if seen != expected:
        fail(f"inspect printed {seen} records, expected {expected}")
    return wall, cpu, peak, f"{len(feeds)} process(es)"


def fresh_state(site):
    for name in (".archivar", "archive"):
        shutil.rmtree(os.path.join(site, name), ignore_errors=True)


def harvest(binary, site, expected):
    """`archivar harvest --all` with a fresh state directory."""
    fresh_state(site)
    w, c, p, code, out, err = timed([binary, "harvest", "--all"], cwd=site)
    if code != 0:
        fail(f"archivar harvest --all exited {code}: {err[-800:]}")
    tallies = [tuple(map(int, m)) for m in re.findall(r": (\d+) new, (\d+) changed, (\d+) unchanged", out)]
    new = sum(t[0] for t in tallies)
    merged = sum(t[1] + t[2] for t in tallies)  # the dedupe stage may merge look-alike entries
    if new + merged != expected or "FAILED" in out:
        fail(f"harvest took {new} new + {merged} merged records, expected {expected}\n{out[-800:]}{err[-800:]}")
    db = os.path.join(site, ".archivar", "archivar.sqlite")
    return w, c, p, f"{os.path.getsize(db) / 1e6:.0f} MB db, {merged} merged by dedupe"


def alternate(name, binaries, repeat, expected, run):
    """Runs `run(binary)` `repeat` times for every binary, the binaries taking turns within
    each repetition; one Result per binary."""
    samples = {label: ([], [], [], "") for label, _ in binaries}
    for _ in range(repeat):
        for label, binary in binaries:
            wall, cpu, peak, note = run(binary)
            walls, cpus, peaks, _ = samples[label]
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
            samples[label] = (walls, cpus, peaks, note)
    return [Result(f"{name}{'' if len(binaries) == 1 else f' [{label}]'}", expected, walls, cpus, peaks, note)
            for label, (walls, cpus, peaks, note) in samples.items()]


def measure_feedparser(name, files, expected, repeat):
    walls, cpus, peaks = [], [], []
    wall_process = []
    report = None
    for _ in range(repeat):
        w, c, p, code, out, err = timed([sys.executable, os.path.join(HERE, "feedparser_parse.py")] + files)
        if code != 0:
            fail(f"feedparser run failed: {err[-800:]}")
        report = json.loads(out.strip().splitlines()[-1])
        if report["entries"] != expected:
            fail(f"feedparser saw {report['entries']} entries, expected {expected}")
        walls.append(report["parse_seconds"])
        wall_process.append(w)
        cpus.append(c)
        peaks.append(p)
    note = f"feedparser {report['feedparser']}, whole process {statistics.median(wall_process):.2f} s, bozo {report['bozo']}"
    return Result(name, expected, walls, cpus, peaks, note)


# --- Report ----------------------------------------------------------------------------

def table(rows):
    header = ["measurement", "entries", "wall s (median)", "entries/s", "CPU s", "entries/CPU-s", "peak RSS MB", "note"]
    cells = [[r.name, str(r.entries), f"{r.wall:.3f}", f"{r.rate:,.0f}", f"{r.cpu:.2f}", f"{r.cpu_rate:,.0f}",
              f"{r.peak:.0f}", r.note] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) if i in (0, 7) else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
              for row in cells]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", action="append", default=[],
                        help="archivar binary to measure, or LABEL=PATH; repeat it to compare binaries "
                             "(default: build release into .build-bench)")
    parser.add_argument("--scratch-path", default=os.path.join(REPO, ".build-bench"), help="swift build scratch path")
    parser.add_argument("--site", help="use this generated site instead of generating one (see generate_feeds.py); "
                                       "its .archivar/ and archive/ are deleted before each harvest")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", help="generate into this directory and keep it (default: a temp dir, removed)")
    parser.add_argument("--skip", action="append", default=[],
                        help="skip a measurement: inspect-files, inspect-big, harvest, harvest-big, feedparser")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    args = parser.parse_args()

    if not os.path.exists(TIME):
        fail(f"{TIME} is missing (apt-get install time)")
    binaries = []
    for given in args.binary or [build(args.scratch_path)]:
        label, _, path = given.partition("=") if "=" in given else (os.path.basename(given), "", given)
        binaries.append((label, os.path.abspath(path)))
        if not os.access(binaries[-1][1], os.X_OK):
            fail(f"{path} is not an executable")

    work = args.keep or tempfile.mkdtemp(prefix="archivar-bench-")
    os.makedirs(work, exist_ok=True)
    load_before = loadavg()
    try:
        if args.site:
            site = os.path.abspath(args.site)
            samples = os.path.join(site, "feeds", "samples")
            feeds = []
            for name in sorted(os.listdir(samples)):
                path = os.path.join(samples, name)
                feeds.append((path, generate_feeds_count(path)))
        else:
            site = os.path.join(work, "site")
            feeds = generate_feeds.generate(args.entries, args.files, site, args.seed)
        expected = sum(c for _, c in feeds)
        size = sum(os.path.getsize(p) for p, _ in feeds)
        # The same number of entries in as few feeds as the fetch size limit (20 MB) allows,
        # and a one-entry feed for the start-up cost.
        big_files = max(1, math.ceil(size / BIG_FEED_BYTES))
        big_site = os.path.join(work, "big")
        big = generate_feeds.generate(expected, big_files, big_site, args.seed)
        tiny = generate_feeds.generate(1, 1, os.path.join(work, "tiny"), args.seed, atom_share=0.0)
        print(f"corpus: {len(feeds)} feeds, {expected} entries, {size / 1e6:.1f} MB in {site}", file=sys.stderr)

        results = []
        starts = alternate("archivar start-up (inspect, 1 entry)", binaries, max(args.repeat, 5), 1,
                           lambda binary: inspect_files(binary, tiny, 1, work))
        results += starts
        if "inspect-files" not in args.skip:
            print("inspect, one process per file ...", file=sys.stderr)
            results += alternate("archivar inspect, 1 process/file", binaries, args.repeat, expected,
                                 lambda binary: inspect_files(binary, feeds, expected, work))
        if "inspect-big" not in args.skip:
            print("inspect, big feeds ...", file=sys.stderr)
            results += alternate(f"archivar inspect, {big_files} big feed(s)", binaries, args.repeat, expected,
                                 lambda binary: inspect_files(binary, big, expected, work))
        if "harvest" not in args.skip:
            print("harvest --all ...", file=sys.stderr)
            results += alternate(f"archivar harvest --all ({len(feeds)} sources)", binaries, args.repeat, expected,
                                 lambda binary: harvest(binary, site, expected))
        if "harvest-big" not in args.skip:
            print("harvest --all, big feeds ...", file=sys.stderr)
            results += alternate(f"archivar harvest --all ({big_files} big source(s))", binaries, args.repeat, expected,
                                 lambda binary: harvest(binary, big_site, expected))
        if "feedparser" not in args.skip:
            print("feedparser ...", file=sys.stderr)
            results.append(measure_feedparser(f"feedparser.parse() ({len(feeds)} files)", [p for p, _ in feeds], expected, args.repeat))
            results.append(measure_feedparser(f"feedparser.parse() ({big_files} big feed(s))", [p for p, _ in big], expected, args.repeat))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    info = machine()
    print()
    print(f"machine: {info['nproc']} CPUs, {info['cpu']}, {info['ram_gb']} GB RAM, Linux {info['kernel']}, "
          f"Python {info['python']}; load average before {load_before}, after {loadavg()}")
    for label, binary in binaries:
        print(f"binary:  {label} = {binary}")
    print(f"corpus:  {len(feeds)} feeds, {expected} entries, {size / 1e6:.1f} MB; repeat {args.repeat}, median reported")
    print()
    print(table(results))
    print()

    fp = next((r for r in results if r.name.startswith("feedparser.parse() (") and "big" not in r.name), None)
    if fp:
        print(f"ratio = Archivar entries/s ÷ feedparser entries/s (feedparser: {fp.rate:,.0f} entries/s wall, "
              f"{fp.cpu_rate:,.0f} per CPU-s); target ≥ 20×")
        width = max(len(r.name) for r in results)
        for r in results:
            if r.name.startswith("archivar") and "start-up" not in r.name:
                print(f"  {r.name:<{width}} {r.rate / fp.rate:6.1f}× (wall)   {r.cpu_rate / fp.cpu_rate:6.1f}× (CPU)")
        for start in starts:
            label = start.name[len("archivar start-up (inspect, 1 entry)"):]
            per_file = next((r for r in results if r.name == "archivar inspect, 1 process/file" + label), None)
            parse_only = per_file.wall - len(feeds) * start.wall if per_file else 0
            if parse_only > 0:
                print(f"  {'inspect/file minus start-up' + label:<{width}} {expected / parse_only / fp.rate:6.1f}× "
                      f"(wall; {len(feeds)} × {start.wall * 1000:.0f} ms start-up subtracted)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": info, "entries": expected, "files": len(feeds), "bytes": size,
                       "results": [{"name": r.name, "entries": r.entries, "wall": r.wall, "walls": r.walls,
                                    "cpu": r.cpu, "peak_mb": r.peak, "rate": r.rate, "note": r.note}
                                   for r in results]}, f, indent=2)


def generate_feeds_count(path):
    """Entries in a feed file of an existing site (counts <item> / <entry> start tags)."""
    with open(path, "rb") as f:
        data = f.read()
    return len(re.findall(rb"<item[\s>]", data)) + len(re.findall(rb"<entry[\s>]", data))


if __name__ == "__main__":
    main()
