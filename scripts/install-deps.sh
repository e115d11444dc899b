#!/usr/bin/env bash
# Installs the Debian packages Vigie builds and runs with. Idempotent: installs only what is
# missing, and does nothing (no apt-get update) when everything is there. Needs root or sudo.
set -euo pipefail

# One line per part of the system, so that each stage adds its own without touching the others.
packages=(
  build-essential cmake ninja-build pkg-config python3 python3-yaml               # build, scripts
  libgtest-dev libgmock-dev libbenchmark-dev                                      # tests, bench
  nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libutf8proc-dev                 # core
  libmodest-dev                                                                   # ingest
  zlib1g-dev libuchardet-dev libxml2-dev                                          # ingest: gzip/WARC, charsets, feeds
  iso-codes                                                                       # actor dictionaries
  libgeonames-common                                                              # geo: place names
  libsqlite3-dev libcpp-httplib-dev chromium                                      # store, serve, browser test
  libcld2-dev libfasttext-dev liblzma-dev                                        # language: CLD2, fastText, .xz treebanks
  libhunspell-dev hunspell-fr hunspell-en-us                                      # syntax: dictionaries of unseen words
  clang libclang-rt-14-dev                                                        # make fuzz: libFuzzer, sanitizers
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

install_npm() {
  # Reference data and front-end libraries from npm (package.json, locked by package-lock.json);
  # reinstalled only when the lock file changed.
  cd "$(dirname "$0")/.."
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "install-deps: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Node.js and npm: Debian's packages unless a node with npm is already there (a NodeSource
# install ships its own npm and conflicts with Debian's npm package).
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  install_npm
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_npm
