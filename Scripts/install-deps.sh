#!/usr/bin/env bash
# Installs the C libraries DFLKit links against (Debian/Ubuntu), and the sqlite3 shell that
# Scripts/sweep-kill-test.sh checks stores with, and rsvg-convert (librsvg2-bin) that the chart
# tests render with, if any is missing.
set -euo pipefail
PKGS=(libopenblas-dev liblapacke-dev coinor-libcbc-dev coinor-libclp-dev zlib1g-dev pkg-config libsqlite3-dev sqlite3
    librsvg2-bin)
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "DFLKit: installing missing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "DFLKit: missing system packages: ${missing[*]}" >&2
    echo "Run as root:  apt-get install -y ${missing[*]}" >&2
    exit 1
fi
