#!/usr/bin/env bash
# Lint, translations and the whole test suite; exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m ruff check village_planner tests scripts
.venv/bin/python scripts/i18n.py check
make test
