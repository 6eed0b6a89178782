#!/usr/bin/env bash
# make test-ltr: the whole test suite on QGIS 3.40 LTR, in a Debian 13 (trixie) root.
#
# The root is built once per machine outside the checkout (VP_LTR_ROOT, default
# /var/lib/village-planner/qgis-ltr-trixie) and reused by every clone, CI's included. It is
# built in a temporary folder and moved into place only when complete, so a half-built root
# is never used; network steps retry with a pause. The plugin is tested as a user installs
# it: the packaged zip, unpacked into the root, is what the tests import.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$(pwd)
ROOT_DIR=${VP_LTR_ROOT:-/var/lib/village-planner/qgis-ltr-trixie}
MIRROR=${VP_LTR_MIRROR:-http://deb.debian.org/debian}
APT_PACKAGES="python3-qgis qgis-providers qgis python3-pandas python3-shapely python3-jinja2 python3-openpyxl \
python3-pytest python3-psycopg2 python3-pip python3-venv xvfb xauth fonts-wqy-microhei fonts-wqy-zenhei \
fonts-noto-cjk poppler-utils gdal-bin postgresql postgresql-17-postgis-3 zip unzip"
# what the root was built from: a root built from other lists is built again
STAMP_TEXT="$APT_PACKAGES $(cat requirements/ltr.txt)"
STAMP=$(printf '%s' "$STAMP_TEXT" | sha256sum | cut -c1-16)

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
trap 'exit 130' INT TERM  # so that the EXIT traps below unmount and clean up

retry() {  # retry a network step: 4 tries, 20 s, 40 s, 60 s apart
  local n=0
  until "$@"; do
    n=$((n + 1))
    if [ "$n" -ge 4 ]; then
      echo ">> giving up after $n tries: $*" >&2
      return 1
    fi
    echo ">> failed, trying again in $((n * 20)) s: $*" >&2
    sleep $((n * 20))
  done
}

in_root() {  # run a command inside a root with a clean environment (the host's PIP_*, SSL_* would mislead it)
  local root=$1
  shift
  $SUDO chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

MOUNTED=()
mount_into() {  # the kernel file systems a chroot needs; unmounted again on exit
  local root=$1
  $SUDO mount -t proc proc "$root/proc"; MOUNTED+=("$root/proc")
  $SUDO mount --rbind /dev "$root/dev"; $SUDO mount --make-rslave "$root/dev"; MOUNTED+=("$root/dev")
  $SUDO mount -t sysfs sysfs "$root/sys"; MOUNTED+=("$root/sys")
  $SUDO cp /etc/resolv.conf "$root/etc/resolv.conf"
}
unmount_all() {
  local m
  for m in "${MOUNTED[@]}"; do
    $SUDO umount -R "$m" 2>/dev/null || $SUDO umount -lR "$m" 2>/dev/null || true
  done
  MOUNTED=()
}

safe_remove() {  # remove a root, but never through a mount (a /dev left bound would take the host's with it)
  local dir=$1
  [ -e "$dir" ] || return 0
  if findmnt -rn -o TARGET | grep -q "^$(realpath "$dir")/"; then
    echo ">> $dir still has file systems mounted inside; not removing it" >&2
    return 1
  fi
  $SUDO rm -rf --one-file-system "$dir"
}

build_root() {
  echo ">> building the QGIS 3.40 LTR root (Debian 13) in $ROOT_DIR"
  if ! command -v debootstrap >/dev/null; then
    retry $SUDO apt-get update -qq
    retry $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  $SUDO mkdir -p "$(dirname "$ROOT_DIR")"
  local work
  work=$($SUDO mktemp -d "$(dirname "$ROOT_DIR")/.building.XXXXXX")
  trap 'unmount_all; safe_remove "$work"' EXIT
  retry $SUDO debootstrap --variant=minbase trixie "$work/root" "$MIRROR" >/dev/null
  mount_into "$work/root"
  # no services start inside the root
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$work/root/usr/sbin/policy-rc.d" >/dev/null
  $SUDO chmod +x "$work/root/usr/sbin/policy-rc.d"
  retry in_root "$work/root" apt-get update -qq
  retry in_root "$work/root" apt-get install -y -qq --no-install-recommends $APT_PACKAGES >/dev/null
  in_root "$work/root" python3 -m venv --system-site-packages /opt/vp-venv
  $SUDO cp requirements/ltr.txt "$work/root/opt/vp-ltr-requirements.txt"
  # the host's certificate authorities (a proxy's own CA included) also serve pip inside the root
  local cert=()
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    $SUDO cp /etc/ssl/certs/ca-certificates.crt "$work/root/opt/vp-host-ca.crt"
    cert=(--cert /opt/vp-host-ca.crt)
  fi
  retry in_root "$work/root" /opt/vp-venv/bin/python -m pip install -q --disable-pip-version-check \
    "${cert[@]}" -r /opt/vp-ltr-requirements.txt
  in_root "$work/root" apt-get clean
  echo "$STAMP" | $SUDO tee "$work/root/.vp-ltr-complete" >/dev/null
  unmount_all
  safe_remove "$ROOT_DIR"
  $SUDO mv "$work/root" "$ROOT_DIR"
  safe_remove "$work"
  trap - EXIT
}

# one run at a time per machine: two CI runs never share a root being built or mounted
exec 9>"${TMPDIR:-/tmp}/village-planner-ltr.lock"
flock 9
# a root left mounted by a run that was killed is unmounted first
for m in $(findmnt -rn -o TARGET | grep "^$ROOT_DIR/" | sort -r); do
  $SUDO umount -lR "$m" 2>/dev/null || true
done

if [ ! -f "$ROOT_DIR/.vp-ltr-complete" ] || [ "$(cat "$ROOT_DIR/.vp-ltr-complete")" != "$STAMP" ]; then
  build_root
else
  echo ">> reusing the QGIS 3.40 LTR root in $ROOT_DIR"
fi

# the plugin as a user installs it: the packaged zip (make package), unpacked in the root
ZIP=$(ls -t dist/village_planner-*.zip | head -1)
trap 'unmount_all' EXIT
mount_into "$ROOT_DIR"
RUN=/opt/vp-run
safe_remove "$ROOT_DIR$RUN"
$SUDO mkdir -p "$ROOT_DIR$RUN/checkout" "$ROOT_DIR$RUN/plugin"
tar -C "$CHECKOUT" --exclude=./.venv --exclude=./.git --exclude=./build --exclude=./dist --exclude=./test-output \
  --exclude=./demo-output --exclude=./bench-output --exclude=./sample_data -cf - . \
  | $SUDO tar -C "$ROOT_DIR$RUN/checkout" -xf -
$SUDO unzip -q "$ZIP" -d "$ROOT_DIR$RUN/plugin"
echo ">> QGIS $(in_root "$ROOT_DIR" python3 -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null)"
# Deprecation warnings are shown (-W default), and one the plugin's own code raises fails the test.
$SUDO chroot "$ROOT_DIR" env -i PATH=/opt/vp-venv/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 CI="${CI:-}" \
  VP_PLUGIN_DIR="$RUN/plugin" VP_TEST_OUTPUT=/tmp/vp-test-output VP_QGIS_TARGET=ltr \
  bash -c "cd $RUN/checkout && bash scripts/with_qgis_env.sh /opt/vp-venv/bin/python -m pytest tests \
    -p no:cacheprovider ${VP_LTR_PYTEST_ARGS:-}"
