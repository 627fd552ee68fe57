#!/bin/sh
# BibTeX import benchmark: entries per second and peak memory of `archivar inspect`
# reading a generated BibTeX file (issue 4). Never run by `make test`.
#
#   sh bench/bibtex.sh [ENTRIES]            # default 100000
#   ARCHIVAR=/path/to/archivar sh bench/bibtex.sh 100000
#
# Needs python3 and GNU time (/usr/bin/time, Debian package `time`).
set -eu
entries=${1:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${ARCHIVAR:-}" ]; then
    (cd "$root" && swift build -c release --product archivar --scratch-path .build-bench >&2)
    ARCHIVAR="$root/.build-bench/release/archivar"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/generate_bibtex.py" --entries "$entries" --out "$work/bench.bib" --seed 1
# A source definition lifts the 20 MB fetch limit for the large file.
mkdir -p "$work/feeds"
echo '{}' > "$work/archivar.json"
cat > "$work/feeds/bench.json" <<JSON
{ "id": "bench", "title": "BibTeX benchmark", "plugin": "bibtex", "url": "bench.bib",
  "kind": "publication", "maxBytes": 1000000000 }
JSON
cd "$work"
/usr/bin/time -v "$ARCHIVAR" inspect feeds/bench.json > records.jsonl 2> time.txt || { cat time.txt >&2; exit 1; }
records=$(wc -l < records.jsonl)
seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' time.txt)
peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' time.txt)
echo "machine:      $(uname -m), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "file:         $(du -h bench.bib | cut -f1) BibTeX, $entries entries"
echo "records:      $records"
echo "wall time:    ${seconds} s (inspect: read, parse, print JSON Lines)"
echo "entries/s:    $(awk -v r="$records" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')"
echo "peak RSS:     $(awk -v k="$peak" 'BEGIN { printf "%.1f MB", k / 1024 }')"
