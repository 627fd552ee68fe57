#!/usr/bin/env python3
"""Harvest against slow partner servers: how long `archivar harvest --all` takes when every
answer keeps the harvest waiting (network latency, a busy CMS), which a harvest of local
files never shows.

Starts SERVERS partner servers on 127.0.0.1 (Python's threading HTTP server), each serving
FEEDS feeds of ITEMS items and answering every request after DELAY seconds; writes a site
with one source per feed; runs `archivar harvest --all` with a fresh state directory REPEAT
times per binary (binaries taking turns) and prints the median wall time. Read one after
the other, the harvest needs at least SERVERS × FEEDS × DELAY seconds.

    python3 bench/slow_partners.py --binary before=/tmp/archivar-old --binary after=.build-bench/release/archivar
"""
import argparse
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def feed(name, items):
    entries = "".join(
        f"<item><guid>urn:bench:{name}:{i}</guid><title>Beitrag {i} über Jugendhilfeplanung ({name})</title>"
        f"<link>https://partner.example/{name}/{i}</link><description>Bericht {i} aus der Sozialplanung.</description></item>"
        for i in range(items))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{name}</title>'
            f"<link>https://partner.example/</link>{entries}</channel></rss>").encode()


def start_server(delay, items):
    class Partner(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            time.sleep(delay)
            body = feed(self.path.strip("/"), items)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Partner)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", action="append", required=True, help="archivar binary, or LABEL=PATH; repeatable")
    parser.add_argument("--servers", type=int, default=8)
    parser.add_argument("--feeds", type=int, default=2, help="feeds per server")
    parser.add_argument("--items", type=int, default=20, help="items per feed")
    parser.add_argument("--delay", type=float, default=0.5, help="seconds before each answer")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    binaries = [b.split("=", 1) if "=" in b else (b, b) for b in args.binary]

    site = tempfile.mkdtemp(prefix="archivar-slow-partners-")
    try:
        os.makedirs(os.path.join(site, "feeds"))
        with open(os.path.join(site, "archivar.json"), "w") as f:
            f.write('{ "title": "Bench", "baseURL": "http://127.0.0.1:8080/" }\n')
        for server in range(args.servers):
            port = start_server(args.delay, args.items)
            for number in range(args.feeds):
                name = f"p{server:02d}-{number}"
                with open(os.path.join(site, "feeds", f"{name}.json"), "w") as f:
                    f.write(f'{{"id": "{name}", "plugin": "rss", "url": "http://127.0.0.1:{port}/{name}", "kind": "partner"}}\n')
        sources = args.servers * args.feeds
        walls = {label: [] for label, _ in binaries}
        for _ in range(args.repeat):
            for label, binary in binaries:
                for state in (".archivar", "archive"):
                    shutil.rmtree(os.path.join(site, state), ignore_errors=True)
                start = time.monotonic()
                run = subprocess.run([os.path.abspath(binary), "harvest", "--all"], cwd=site, capture_output=True, text=True)
                walls[label].append(time.monotonic() - start)
                stored = run.stdout.count(f"{args.items} new")
                if run.returncode != 0 or stored != sources:
                    sys.exit(f"bench: {label} stored {stored} of {sources} sources, exit {run.returncode}: {run.stderr[-800:]}")
        print(f"{sources} sources on {args.servers} servers, {args.items} items each, every answer after {args.delay} s; "
              f"one after the other ≥ {sources * args.delay:.1f} s; load average {os.getloadavg()[0]:.2f}")
        for label, samples in walls.items():
            print(f"  {label}: median {statistics.median(samples):.2f} s wall ({', '.join(f'{s:.2f}' for s in samples)})")
    finally:
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
