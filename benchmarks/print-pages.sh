#!/usr/bin/env bash
# Pages each chapter of a built site takes when printed from headless Chromium, on A4 and on
# Letter, and the pages of the printable edition (print.html) when the site has one.
#
#   bash benchmarks/print-pages.sh Output
#
# Each page is printed from a copy that only adds `@page { size: A4 }` (or `letter`), as
# choosing the paper in the print dialog does; pdfinfo (poppler-utils) counts the pages.
set -euo pipefail
site="$(cd "${1:-Output}" && pwd)"
chromium="${DOCGEN_CHROMIUM:-$(command -v chromium || command -v chromium-browser)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$site" "$work/site"
printf '%-28s %4s %7s\n' page A4 Letter
for page in "$work"/site/*.html; do
  name="$(basename "$page")"
  [[ "$name" == index.html || "$name" == __* ]] && continue
  counts=()
  for paper in A4 letter; do
    copy="$work/site/__${paper}__$name"
    sed "s|</head>|<style>@page { size: $paper; }</style></head>|" "$page" > "$copy"
    "$chromium" --headless=new --no-sandbox --disable-gpu --no-pdf-header-footer --hide-scrollbars \
      --virtual-time-budget=10000 --user-data-dir="$work/profile" \
      --print-to-pdf="$work/out.pdf" "file://$copy" >/dev/null 2>&1
    counts+=("$(pdfinfo "$work/out.pdf" | awk '/^Pages:/ {print $2}')")
  done
  printf '%-28s %4s %7s\n' "$name" "${counts[0]}" "${counts[1]}"
done
