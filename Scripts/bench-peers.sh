#!/usr/bin/env bash
# Peers side by side (issue 15): DFLKit against PyEPO + Gurobi, qpth, cvxpylayers and a PyTorch
# DYS layer, on the same data, in one run, one thread each, alternating. Not part of `make test`.
#
#   bash Scripts/bench-peers.sh                 # everything; rewrites the table in docs/bench.md
#   bash Scripts/bench-peers.sh --parts solve   # only the solver rows (no docs change)
#   REPEATS=5 bash Scripts/bench-peers.sh
#
# The Python environment lives in $DFLKIT_PEERS_VENV (default ~/.cache/dflkit/peers-venv) and is
# created on first use from PyPI (torch from a local wheel in $PIP_FIND_LINKS when one is there).
# Gurobi runs under pip's size-limited licence, which covers these problem sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

venv=${DFLKIT_PEERS_VENV:-$HOME/.cache/dflkit/peers-venv}
python=${PYTHON:-python3}
# Versions pinned to what docs/bench.md was measured with; qpth pins numpy<2, hence --no-deps.
packages=(pyepo==2.2.7 gurobipy==13.0.3 cvxpylayers==1.2.0)
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyepo, qpth, cvxpylayers, gurobipy" 2>/dev/null; then
    echo "setting up $venv" >&2
    "$python" -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip
    "$venv/bin/pip" install -q "torch>=2.0"
    "$venv/bin/pip" install -q "${packages[@]}"
    "$venv/bin/pip" install -q --no-deps qpth==0.0.18
fi

swift build -c release --product dfl 2>&1 | grep -E "error|warning: " || true
dfl=$(swift build -c release --show-bin-path)/dfl

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
    table=$(mktemp)
    trap 'rm -f "$table"' EXIT
    "$venv/bin/python" Scripts/bench_peers.py --dfl "$dfl" --repeats "${REPEATS:-3}" --markdown "$table"
    # Replace the generated section of docs/bench.md.
    "$venv/bin/python" - "$table" docs/bench.md <<'EOF'
import sys
table, doc = open(sys.argv[1]).read(), open(sys.argv[2]).read()
begin, end = "<!-- bench-peers:begin -->", "<!-- bench-peers:end -->"
if begin not in doc:
    doc += f"\n## Peers side by side\n\n{begin}\n{end}\n"
head, rest = doc.split(begin, 1)
_, tail = rest.split(end, 1)
open(sys.argv[2], "w").write(f"{head}{begin}\n{table}{end}{tail}")
EOF
    echo "wrote docs/bench.md" >&2
else
    "$venv/bin/python" Scripts/bench_peers.py --dfl "$dfl" "${args[@]}"
fi
