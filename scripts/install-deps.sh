#!/usr/bin/env bash
# Installs the Debian packages Archivar builds and tests with, when missing.
# Idempotent and quiet when everything is present. Run as root (or with sudo available).
set -euo pipefail

build_packages=(libxml2-dev libsqlite3-dev libstemmer-dev libmicrohttpd-dev pkg-config)
test_packages=(jing python3-feedparser)

wanted=("${build_packages[@]}")
if [ "${1:-}" = "--test" ]; then wanted+=("${test_packages[@]}"); fi

missing=()
for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
