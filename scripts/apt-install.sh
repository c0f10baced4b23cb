#!/usr/bin/env bash
# Install Debian packages by name, for the set-up steps that need a system
# package (PostgreSQL, Chromium, a CJK font, gettext). Needs root and apt-get;
# otherwise it says what to install and fails.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 PACKAGE..." >&2
    exit 2
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "Missing system packages: $*" >&2
    echo "Install them as root (e.g. 'sudo apt-get install -y $*') and run make again." >&2
    exit 1
fi
echo "Installing Debian packages: $*"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "$@" >/dev/null
