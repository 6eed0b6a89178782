#!/usr/bin/env bash
# Run a command with a throwaway QGIS profile, offscreen, with Processing importable.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/runtime" "$tmp/profile"
chmod 700 "$tmp/runtime"
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="$tmp/runtime"
export QGIS_CUSTOM_CONFIG_PATH="${QGIS_CUSTOM_CONFIG_PATH:-$tmp/profile}"
export PYTHONPATH="$(pwd):/usr/share/qgis/python/plugins${PYTHONPATH:+:$PYTHONPATH}"
"$@"
