#!/usr/bin/env bash
# Lints the package's Swift sources with the toolchain's `swift format` and the repository's
# .swift-format. Exits non-zero on any violation (--strict turns warnings into errors).
# Scripts/format.sh fixes the formatting ones.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Package.swift)
[[ -d Examples ]] && paths+=(Examples)
swift format lint --strict --parallel --recursive "${paths[@]}"
