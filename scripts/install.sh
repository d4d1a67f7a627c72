#!/usr/bin/env bash
# Installs Berth's dependencies (npm packages, and QEMU with mmdebstrap for its VM) and starts it.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
command -v qemu-system-x86_64 >/dev/null 2>&1 || missing+=(qemu-system-x86)
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
[ -x /sbin/mkfs.ext4 ] || [ -x /usr/sbin/mkfs.ext4 ] || missing+=(e2fsprogs)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || missing+=(debian-archive-keyring)
# Without root, the VM image is built in a user namespace: newuidmap and newgidmap map the ids.
[ "$(id -u)" -eq 0 ] || command -v newuidmap >/dev/null 2>&1 || missing+=(uidmap)
if [ ${#missing[@]} -gt 0 ]; then
  echo "berth: installing ${missing[*]} (for the VM)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
exec node bin/berth.mjs start "$@"
