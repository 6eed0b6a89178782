#!/usr/bin/env bash
# Install what is missing on a Debian 12 machine: Debian's QGIS and tools, a
# venv on Debian's Python with pinned PyPI packages, compiled translations and
# the plugin's dependencies for QGIS itself (build/libs). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="python3-qgis qgis-providers qgis python3-venv python3-pip xvfb xauth \
fonts-noto-cjk fonts-wqy-microhei fonts-wqy-zenhei poppler-utils qttools5-dev-tools \
pyqt5-dev-tools postgresql postgresql-15-postgis-3 python3-psycopg2 gdal-bin zip unzip"

missing=()
for pkg in $APT_PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo ">> installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PIP_FLAGS="-q --disable-pip-version-check"
STAMP=.venv/.installed
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import qgis.core" 2>/dev/null; then
  rm -rf .venv
  echo ">> creating .venv from /usr/bin/python3 (with Debian's site packages)"
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
if [ ! -f "$STAMP" ] || [ -n "$(find requirements -newer "$STAMP" -print -quit)" ]; then
  echo ">> installing pinned Python packages into .venv"
  .venv/bin/python -m pip install $PIP_FLAGS -c requirements/constraints.txt -r requirements/dev.txt
  .venv/bin/python -c "import numpy; assert numpy.__version__ == '1.24.2', numpy.__version__"
  touch "$STAMP"
fi

LIBS_STAMP=build/libs/.installed
if [ ! -f "$LIBS_STAMP" ] || [ requirements/libs.txt -nt "$LIBS_STAMP" ]; then
  echo ">> installing the plugin's dependencies for QGIS into build/libs"
  rm -rf build/libs
  .venv/bin/python -m pip install $PIP_FLAGS --no-deps --target build/libs -r requirements/libs.txt
  touch "$LIBS_STAMP"
fi

for ts in i18n/*.ts; do
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    lrelease -silent "$ts" -qm "$qm"
  fi
done
