#!/usr/bin/env bash
# Bytes a browser loads to show each chapter page of a built site, figures aside: the page's HTML
# and every local style sheet, script, icon and font it refers to (a font counted in full, as a
# first visit loads it). Shared files are counted on every page, as a first visit to that page
# loads them.
#
#   bash benchmarks/page-bytes.sh Output
set -euo pipefail
site="${1:-Output}"
python3 - "$site" <<'PY'
import pathlib, re, sys
site = pathlib.Path(sys.argv[1])
def refs(path):
    text = path.read_text(encoding="utf-8")
    found = set(re.findall(r'(?:href|src)="([^"#?:]+)"', text))
    found |= set(re.findall(r'url\("([^")]+)"\)', text))
    return {f for f in found if not f.endswith((".html", ".png", ".csv", ".pdf"))}
total_pages = 0
rows = []
for page in sorted(site.glob("*.html")):
    files = {page}
    for ref in refs(page):
        target = (site / ref)
        if target.is_file():
            files.add(target)
            if target.suffix == ".css":
                for inner in re.findall(r'url\("([^")]+)"\)', target.read_text(encoding="utf-8")):
                    candidate = target.parent / inner
                    if candidate.is_file(): files.add(candidate)
    fonts = sum(f.stat().st_size for f in files if f.suffix in (".otf", ".woff2"))
    html = page.stat().st_size
    total = sum(f.stat().st_size for f in files)
    rows.append((page.name, html, total - html - fonts, fonts, total))
print(f"{'page':30} {'HTML':>8} {'CSS+JS':>8} {'font':>8} {'total':>8}")
for name, html, other, fonts, total in rows:
    print(f"{name:30} {html:8} {other:8} {fonts:8} {total:8}")
PY
