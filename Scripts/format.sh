#!/usr/bin/env bash
# Formats the package's Swift sources in place with the toolchain's `swift format`,
# following the repository's .swift-format. Run from anywhere; afterwards Scripts/lint.sh
# reports only what a formatter cannot fix (force unwraps, missing documentation, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Package.swift)
[[ -d Examples ]] && paths+=(Examples)
swift format format --in-place --parallel --recursive "${paths[@]}"
