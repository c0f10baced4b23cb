#!/usr/bin/env bash
# Install Dangjian from an unpacked bundle (make bundle) on a machine with no
# network: the Debian packages it carries that the machine lacks (dpkg -i, as
# root), then .venv from the bundle's wheels and node_modules from its npm cache.
# No package index is asked: pip runs with --no-index and no pip configuration,
# npm with --offline. Afterwards `make run` starts the platform.
#
#   tar -xzf dangjian-<version>.tar.gz && cd dangjian-<version>
#   bash scripts/install-offline.sh && make run
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
off=$top/offline

die() { echo "install-offline: $*" >&2; exit 1; }
[ -f "$off/BUNDLE" ] || die "no offline/ folder here: run this inside an unpacked bundle (make bundle)"
echo "== $(sed -n 's/^name: //p' "$off/BUNDLE")"

# A damaged copy fails here, not halfway through an install.
(cd "$top" && sha256sum --check --quiet offline/SHA256SUMS) || die "offline/SHA256SUMS does not match: copy the archive again"

# --- Debian packages --------------------------------------------------------
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
shopt -s nullglob
debs=("$off"/debs/*.deb)
if [ "${#debs[@]}" -gt 0 ]; then
    missing=()
    while read -r p; do installed "$p" || missing+=("$p"); done < "$off/debs/WANTED"
    if [ "${#missing[@]}" -gt 0 ]; then
        # The wanted packages and those of their dependencies that are not installed, in
        # apt's order (offline/debs/ORDER): unpack, then configure once what it needs is.
        todo=()
        while read -r what arg; do
            if [ "$what" = unpack ] && ! installed "$(dpkg-deb -f "$off/debs/$arg" Package)"; then todo+=("$arg"); fi
        done < "$off/debs/ORDER"
        if [ "$(id -u)" -ne 0 ]; then
            die "missing Debian packages: ${missing[*]}. Run this script as root to install them from the bundle"
        fi
        echo "== Debian packages: ${missing[*]} (${#todo[@]} files)"
        declare -A ours=()
        while read -r what arg; do
            if [ "$what" = unpack ]; then
                p=$(dpkg-deb -f "$off/debs/$arg" Package)
                if installed "$p"; then continue; fi
                ours[$p]=1
                dpkg --unpack "$off/debs/$arg" >/dev/null
            elif [ -n "${ours[$arg]:-}" ]; then
                dpkg --configure "$arg" >/dev/null
            fi
        done < "$off/debs/ORDER"
        dpkg --configure --pending >/dev/null
    fi
fi

# --- Python and npm, from the bundle only -------------------------------------
PYTHON=$(command -v python3.11 || command -v python3 || true)
[ -n "$PYTHON" ] || die "Python 3.11 is needed (python3.11 or python3 on PATH)"
want_py=$(sed -n 's/^python: \([0-9.]*\) .*/\1/p' "$off/BUNDLE")
have_py=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
[ "$have_py" = "$want_py" ] || die "the bundle's wheels are for Python $want_py; $PYTHON is $have_py"

export PIP_NO_INDEX=1 PIP_FIND_LINKS="$off/wheels" PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1
export npm_config_offline=true npm_config_cache="$off/npm-cache" npm_config_audit=false npm_config_fund=false
# The cache knows each package by the registry address it came from; --offline never contacts it.
npm_config_registry=$(cat "$off/npm-registry")
export npm_config_registry
lock=$(cat "$off/LOCK")

echo "== Python packages ($lock)"
if [ ! -x .venv/bin/python ]; then
    # Without ensurepip's older pip: the bundle's own pip wheel installs itself.
    "$PYTHON" -m venv --without-pip .venv
    pip_wheel=("$off"/wheels/pip-*.whl)
    .venv/bin/python "${pip_wheel[0]}/pip" install --quiet --require-hashes --no-deps -r "$off/pip.lock"
fi
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r "$off/pip.lock"
.venv/bin/python -m pip install --quiet --require-hashes -r "$lock"

command -v npm >/dev/null || die "npm (Node.js) is needed for the front-end packages"
if [ "$lock" = requirements-dev.lock ]; then
    # The usual set-up, which now finds everything installed or in the bundle, and
    # leaves the stamps that tell `make run` the set-up is done.
    echo "== make setup"
    command -v make >/dev/null || die "make is needed"
    make --no-print-directory setup
    echo
    echo "Installed. Start the platform with: make run"
else
    echo "== npm packages"
    npm ci --no-audit --no-fund --loglevel=error
    echo
    echo "Installed the server packages of $lock (no test tools): migrate with"
    echo ".venv/bin/python manage.py migrate, serve with gunicorn (see the README's production layout)."
fi
