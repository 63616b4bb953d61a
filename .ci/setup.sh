#!/usr/bin/env bash
# Installs the Debian packages docgen needs, only when some are missing.
# Idempotent: a second run checks with dpkg and does nothing.
#
#   .ci/setup.sh           packages to build and run docgen
#   .ci/setup.sh --test    also what the tests need (headless Chromium, its driver and Java for
#                          .ci/site-checks, poppler-utils to read the PDF of the course)
set -euo pipefail

packages=(
  pkg-config
  libcairo2-dev                 # figures: drawing
  libpng-dev                    # figures: PNG encoding with chosen zlib settings
  libdeflate-dev                # figures: --optimize-images recompresses PNGs at level 12
  libcmark-gfm-dev              # markup: CommonMark parser
  libcmark-gfm-extensions-dev   # markup: tables, strikethrough, autolinks, task lists
  liblapacke-dev                # models: LAPACK closed forms
  libopenblas-dev               # models: BLAS for Gram updates
  fonts-dejavu-core             # figures: the sans-serif text font
  fonts-lmodern                 # site: Latin Modern Math, shipped with the site for MathML
  libharfbuzz-dev               # site: the math font cut to the characters the course uses (hb-subset)
  libbrotli-dev                 # site: that font packed as WOFF2 (Brotli)
  libssl-dev                    # build: SHA-256 of inputs and cache keys (libcrypto, SHA instructions)
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(
    chromium                    # browser tests of the built site from file://, docgen build --pdf
    chromium-driver             # .ci/site-checks: axe-core in Chromium through Selenium
    default-jre-headless        # .ci/site-checks: the W3C Nu HTML checker (vnu.jar)
    poppler-utils               # pdfinfo and pdftoppm: the pages of the course's PDF
    woff2                       # the reference WOFF2 decoder, to check the math font docgen packs
    python3-venv                # .ci/site-checks: its PyPI wheels in a virtual environment
  )
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
