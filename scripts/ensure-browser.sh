#!/usr/bin/env bash
# The browser test drives Debian's Chromium (never a browser that Playwright
# downloads) and needs a CJK font, or Chinese renders as empty boxes.
# Installs what is missing.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! command -v fc-list >/dev/null || [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
    missing+=(fonts-noto-cjk)
fi
if [ "${#missing[@]}" -gt 0 ]; then
    bash "$(dirname "$0")/apt-install.sh" "${missing[@]}"
fi
