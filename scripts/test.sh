#!/usr/bin/env bash
# Berth's test command: installs what the tests need when it is missing, then runs them all
# (type check, unit and integration tests against a private dockerd, end-to-end tests in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing_base=()
command -v dockerd >/dev/null 2>&1 || missing_base+=(docker.io)
dpkg -s busybox-static >/dev/null 2>&1 || missing_base+=(busybox-static)
# The VM: QEMU, mmdebstrap to build its image, e2fsprogs for its disks, openssl for its certificates.
command -v qemu-system-x86_64 >/dev/null 2>&1 || missing_base+=(qemu-system-x86)
command -v mmdebstrap >/dev/null 2>&1 || missing_base+=(mmdebstrap)
[ -x /sbin/mkfs.ext4 ] || [ -x /usr/sbin/mkfs.ext4 ] || missing_base+=(e2fsprogs)
command -v openssl >/dev/null 2>&1 || missing_base+=(openssl)
# A private image registry with sign-in for the registries tests.
command -v docker-registry >/dev/null 2>&1 || missing_base+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || missing_base+=(apache2-utils)
# A real HTTP proxy on this machine for the VM's proxy tests.
command -v tinyproxy >/dev/null 2>&1 || missing_base+=(tinyproxy)
# The three-node swarm: network namespaces and veths (ip), a dockerd per namespace (nsenter, unshare).
command -v ip >/dev/null 2>&1 || missing_base+=(iproute2)
{ command -v nsenter && command -v unshare; } >/dev/null 2>&1 || missing_base+=(util-linux)
missing_browser=()
[ -x /usr/bin/chromium ] || missing_browser+=(chromium)
if [ ${#missing_base[@]} -gt 0 ] || [ ${#missing_browser[@]} -gt 0 ]; then
  echo "test: installing ${missing_base[*]} ${missing_browser[*]}"
  $SUDO apt-get update -qq
  export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=l
  [ ${#missing_base[@]} -eq 0 ] || $SUDO apt-get install -y -qq --no-install-recommends "${missing_base[@]}" >/dev/null
  [ ${#missing_browser[@]} -eq 0 ] || $SUDO apt-get install -y -qq "${missing_browser[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

echo "test: type check"
npx tsc --noEmit -p .
echo "test: building the UI"
node bin/berth.mjs build
echo "test: building the UI for a base path (/berth), as behind a reverse proxy"
BERTH_DIST_DIR=.next-base node bin/berth.mjs build --base-path /berth
echo "test: unit and integration tests"
npx vitest run
echo "test: end-to-end tests"
npx playwright test
