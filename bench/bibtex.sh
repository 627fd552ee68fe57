#!/bin/sh
# BibTeX benchmark (issue 4): entries per second, CPU time and peak memory of reading a
# generated BibTeX file (`archivar inspect`: parse, print JSON Lines) and of importing it
# (`archivar import`: parse, normalize, dedupe, validate, store and index in a fresh
# catalog). Never run by `make test`.
#
#   sh bench/bibtex.sh [ENTRIES [REPETITIONS]]     # default 100000 entries, 2 repetitions
#   ARCHIVAR=/path/to/archivar sh bench/bibtex.sh 100000 2
#
# Needs python3 and GNU time (/usr/bin/time, Debian package `time`). Prints the load
# average before each run: other work on the machine slows the figures down.
set -eu
entries=${1:-100000}
repetitions=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${ARCHIVAR:-}" ]; then
    (cd "$root" && swift build -c release --product archivar --scratch-path .build-bench >&2)
    ARCHIVAR="$root/.build-bench/release/archivar"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/generate_bibtex.py" --entries "$entries" --out "$work/bench.bib" --seed 1

# Wall seconds, CPU seconds (user + system) and peak RSS (MB) from a GNU time -v report.
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
cpu() { awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$1"; }
peak() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
rate() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.0f", r / s }'; }

echo "machine:  $(uname -m), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "file:     $(du -h "$work/bench.bib" | cut -f1) BibTeX, $entries entries"
printf '%-4s %-8s %9s %9s %7s %10s %8s  %s\n' run step records seconds "CPU s" entries/s "peak MB" "load (1/5/15 min)"
run=1
while [ "$run" -le "$repetitions" ]; do
    site="$work/site$run"
    mkdir -p "$site/feeds"
    echo '{}' > "$site/archivar.json"
    ln -s "$work/bench.bib" "$site/bench.bib"
    # A source definition lifts inspect's 20 MB fetch limit for the large file.
    cat > "$site/feeds/bench.json" <<JSON
{ "id": "bench", "title": "BibTeX benchmark", "plugin": "bibtex", "url": "bench.bib",
  "kind": "publication", "maxBytes": 1000000000 }
JSON
    cd "$site"

    load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -v "$ARCHIVAR" inspect feeds/bench.json > records.jsonl 2> read.time || { cat read.time >&2; exit 1; }
    records=$(wc -l < records.jsonl)
    s=$(seconds read.time)
    printf '%-4s %-8s %9s %9s %7s %10s %8s  %s\n' "$run" read "$records" "$s" "$(cpu read.time)" "$(rate "$records" "$s")" "$(peak read.time)" "$load"

    load=$(cut -d' ' -f1-3 /proc/loadavg)
    status=0
    /usr/bin/time -v "$ARCHIVAR" import bench.bib > report.txt 2> import.time || status=$?
    [ "$status" -le 1 ] || { cat import.time >&2; exit 1; }
    stored=$(awk -F'[:,] ' 'NR == 1 { split($2, a, " "); print a[1] }' report.txt)
    s=$(seconds import.time)
    printf '%-4s %-8s %9s %9s %7s %10s %8s  %s\n' "$run" import "$stored" "$s" "$(cpu import.time)" "$(rate "$entries" "$s")" "$(peak import.time)" "$load"
    echo "     report: $(head -1 report.txt)"
    cd "$work"
    run=$((run + 1))
done
