#!/usr/bin/env bash
# The generated command-line tests with a long budget (CI runs 100 in-process
# examples and 10 through the installed command). Usage:
#   benchmarks/cli_generated_long.sh [EXAMPLES]   (default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
SPIEGEL_CLI_EXAMPLES="${1:-5000}" exec .venv/bin/python -m pytest -q -s -p no:xdist \
    tests/test_cli_generated.py
