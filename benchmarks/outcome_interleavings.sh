#!/bin/sh
# The long run of the generated wrap-up test (tests/test_outcome_interleavings.py):
# two wrap-up sessions and a capture on one file, random interleavings.
#     benchmarks/outcome_interleavings.sh [examples]   (default 2000)
# CI runs the same test with 25 examples.
cd "$(dirname "$0")/.." || exit 1
SPIEGEL_HYPOTHESIS_EXAMPLES="${1:-2000}" exec "${PYTHON:-.venv/bin/python}" -m pytest \
    tests/test_outcome_interleavings.py -q -s -p no:cacheprovider
