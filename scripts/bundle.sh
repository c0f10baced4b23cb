#!/usr/bin/env bash
# make bundle: one archive with everything `make run` needs on a machine with no
# network: the source tree (git archive HEAD), the Python wheels of a lock file,
# the npm cache of package-lock.json and the Debian packages the set-up installs
# (with the dependencies a minimal Debian lacks). scripts/install-offline.sh
# installs from it. Usage:
#
#   bash scripts/bundle.sh [DEBIAN_PACKAGE...]
#
# Environment: PY (the Python whose pip downloads; wheels fit its version and
# platform), BUNDLE_LOCK (default requirements-dev.lock, which `make run` installs),
# BUNDLE_DEBS (0 leaves the Debian packages out), BUNDLE_OUT (default var/bundle),
# BUNDLE_CACHE (default var/bundle/cache: wheels, npm and Debian downloads kept
# between runs, so a second bundle needs no network).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
LOCK=${BUNDLE_LOCK:-requirements-dev.lock}
DEBS=${BUNDLE_DEBS:-1}
OUT=${BUNDLE_OUT:-var/bundle}
CACHE=${BUNDLE_CACHE:-var/bundle/cache}

step() { echo "== $* (at ${SECONDS}s)"; }
die() { echo "make bundle: $*" >&2; exit 1; }
[ -x "$PY" ] || die "no Python at $PY (run make setup first)"
[ -f "$LOCK" ] || die "no lock file $LOCK"
command -v git >/dev/null && git rev-parse HEAD >/dev/null 2>&1 || die "needs git and a commit (the source is git archive HEAD)"
command -v npm >/dev/null || die "needs npm (it fills the npm cache that the bundle carries)"
[ -n "$(git status --porcelain --untracked-files=no)" ] \
    && echo "make bundle: note: uncommitted changes are not in the bundle (it carries HEAD)" >&2

version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)-$(git rev-parse --short HEAD)
name=dangjian-$version
mkdir -p "$OUT" "$CACHE/wheels" "$CACHE/npm" "$CACHE/debs"
OUT=$(cd "$OUT" && pwd)
CACHE=$(cd "$CACHE" && pwd)
stage=$(mktemp -d "$OUT/.stage-XXXXXX")
trap 'rm -rf "$stage"' EXIT
top=$stage/$name
off=$top/offline

step "source ($(git rev-parse --short HEAD))"
git archive --format=tar --prefix="$name/" HEAD | tar -x -C "$stage"
mkdir -p "$off/wheels" "$off/debs"

step "Python wheels for $LOCK"
# pip itself at the lock's pin (the Makefile installs it first: older pips refuse
# some locked extras), then the lock. Hash-checked, one file per pin.
awk '/^pip==/{p=1} p{print; if ($0 !~ /\\$/) exit}' requirements-dev.lock > "$off/pip.lock"
pipq() { "$PY" -m pip "$@" 2>&1 | { grep -v 'is ignored: it is neither a file nor a directory' || true; }; }
req=$stage/wheels.txt
if grep -q '^pip==' "$LOCK"; then cp "$LOCK" "$req"; else cat "$off/pip.lock" "$LOCK" > "$req"; fi
# From the kept wheels when they hold every pin; otherwise from the package index.
if ! PIP_CONFIG_FILE=/dev/null "$PY" -m pip download --quiet --disable-pip-version-check --no-index \
        --find-links "$CACHE/wheels" --require-hashes --no-deps -r "$req" -d "$off/wheels" >/dev/null 2>&1; then
    pipq download --quiet --disable-pip-version-check --require-hashes --no-deps -r "$req" -d "$CACHE/wheels"
    PIP_CONFIG_FILE=/dev/null "$PY" -m pip download --quiet --disable-pip-version-check --no-index \
        --find-links "$CACHE/wheels" --require-hashes --no-deps -r "$req" -d "$off/wheels"
fi
echo "$LOCK" > "$off/LOCK"

step "npm packages for package-lock.json"
# The bundle carries an npm cache; npm ci --offline installs from it. npm_cache_covers checks
# that a cache holds every package of package-lock.json, each matching the lock's integrity.
npm_cache_covers() {
    "$PY" - "$1" <<'EOF_PY'
import base64, hashlib, json, pathlib, sys
content = pathlib.Path(sys.argv[1]) / "_cacache" / "content-v2"
lock = json.loads(pathlib.Path("package-lock.json").read_text())
missing = []
for path, package in lock["packages"].items():
    if not path or package.get("link"):
        continue
    algorithm, digest = package["integrity"].split()[0].split("-", 1)
    hexdigest = base64.b64decode(digest).hex()
    blob = content / algorithm / hexdigest[:2] / hexdigest[2:4] / hexdigest[4:]
    if not blob.is_file() or hashlib.new(algorithm, blob.read_bytes()).hexdigest() != hexdigest:
        missing.append(path.removeprefix("node_modules/"))
if missing:
    sys.exit("not in the npm cache: " + ", ".join(missing))
EOF_PY
}
if ! npm_cache_covers "$CACHE/npm" 2>/dev/null; then
    # npm ci in a scratch folder fills the kept cache; the project's node_modules stays as it is.
    scratch=$stage/npm
    mkdir -p "$scratch"
    cp package.json package-lock.json "$scratch/"
    (cd "$scratch" && npm ci --prefer-offline --cache "$CACHE/npm" --ignore-scripts --no-audit --no-fund \
        --loglevel=error >/dev/null)
    rm -rf "$scratch"
fi
cp -a "$CACHE/npm" "$off/npm-cache"
# npm finds a package's cached manifest under the registry's address, so the install names the
# same registry (it never contacts it: npm runs with --offline).
npm config get registry > "$off/npm-registry"
npm_cache_covers "$off/npm-cache" || die "the npm cache does not cover package-lock.json"

if [ "$DEBS" != 0 ] && [ "$#" -gt 0 ]; then
    step "Debian packages: $*"
    command -v apt-cache >/dev/null || die "no apt-cache: BUNDLE_DEBS=0 leaves the Debian packages out"
    # What apt would install on a minimal Debian: one whose packages are this machine's
    # Priority: required ones and what they depend on. apt's own resolver picks among
    # alternatives, as on the real machine.
    base=$(dpkg-query -W -f='${Package} ${Priority}\n' | awk '$2 == "required" {print $1}')
    apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances $base | grep -E '^[a-z0-9]' | sort -u > "$stage/base.txt"
    awk 'NR == FNR {base[$1]; next} {split($0, l, "\n"); p = substr(l[1], 10); sub(/:.*/, "", p)}
         p in base {print $0 "\n"}' "$stage/base.txt" RS= /var/lib/dpkg/status > "$stage/status"
    want=$(apt-get install --simulate --no-install-recommends -o Debug::NoLocking=1 \
        -o Dir::State::status="$stage/status" "$@" 2>&1 \
        | awk '/^E:/ {print > "/dev/stderr"; bad = 1}
               /^Inst / {v = $3; sub(/^\(/, "", v); match($0, /\[[a-z0-9-]+\]\)/)
                         print "Inst", $2, v, substr($0, RSTART + 1, RLENGTH - 3)}
               /^Conf / {print "Conf", $2}
               END {exit bad}') || die "apt cannot resolve $* (apt-get update first, or BUNDLE_DEBS=0)"
    # offline/debs/ORDER replays apt's own sequence (unpack, configure), so that each
    # package's pre-dependencies are configured before it is unpacked.
    fetch=()
    : > "$stage/debs.txt"
    while read -r what p v a; do
        if [ "$what" = Conf ]; then echo "configure $p"; continue; fi
        f="${p}_${v//:/%3a}_${a}.deb"
        [ -f "$CACHE/debs/$f" ] || fetch+=("$p=$v")
        echo "$f" >> "$stage/debs.txt"
        echo "unpack $f"
    done <<< "$want" > "$off/debs/ORDER"
    if [ "${#fetch[@]}" -gt 0 ]; then
        (cd "$CACHE/debs" && apt-get download -qq $([ "$(id -u)" -eq 0 ] && echo -o APT::Sandbox::User=root) "${fetch[@]}") \
            || die "apt-get download failed (BUNDLE_DEBS=0 leaves the Debian packages out)"
    fi
    while read -r f; do cp "$CACHE/debs/$f" "$off/debs/"; done < "$stage/debs.txt"
    printf '%s\n' "$@" > "$off/debs/WANTED"
fi

{
    echo "name: $name"
    echo "commit: $(git rev-parse HEAD)"
    echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "python: $("$PY" -c 'import sys, sysconfig; print("%d.%d" % sys.version_info[:2], sysconfig.get_platform())')"
    echo "lock: $LOCK ($(ls "$off/wheels" | wc -l) wheels)"
    echo "npm: $(ls -d "$off"/npm-cache/_cacache >/dev/null 2>&1 && echo package-lock.json)"
    echo "debian: $(ls "$off/debs" | grep -c '\.deb$' || true) packages"
    echo
    echo "Install with no network: bash scripts/install-offline.sh, then make run."
} > "$off/BUNDLE"
(cd "$top" && find offline -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > offline/SHA256SUMS)

step "archive"
rm -f "$OUT"/dangjian-*.tar.gz  # one archive, the one SHA256SUMS names
tar -C "$stage" -cf - "$name" | gzip -1 > "$OUT/$name.tar.gz.part"
mv "$OUT/$name.tar.gz.part" "$OUT/$name.tar.gz"
(cd "$OUT" && sha256sum "$name.tar.gz" > SHA256SUMS)
echo "$OUT/$name.tar.gz ($(du -h "$OUT/$name.tar.gz" | cut -f1)), checksum in $OUT/SHA256SUMS"
