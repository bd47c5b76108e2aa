#!/bin/sh
# Installs the Debian 12 packages chorus needs to build and test. Run as root (or with sudo).
# Idempotent: already-installed packages are left as they are.
set -eu

# The tests also run python3 scripts, and the dedup benchmarks they reuse draw words and
# synonyms from WordNet (wordnet-base; chorus itself has its synonym table compiled in).
PACKAGES="build-essential cmake pkg-config \
  libstemmer-dev libutf8proc-dev libjson-c-dev libgumbo-dev libxxhash-dev \
  libcmocka-dev python3 wordnet-base"

# Optional extras for benchmarks and fuzzing: scripts/install-deps.sh --dev
if [ "${1:-}" = "--dev" ]; then
  PACKAGES="$PACKAGES clang libclang-rt-14-dev hyperfine valgrind"
fi

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
# shellcheck disable=SC2086
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends $missing
