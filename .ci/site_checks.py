"""axe-core and the W3C Nu HTML checker on every page of a built docgen site.

    python .ci/site_checks.py SITE_FOLDER --axe AXE_MIN_JS --vnu VNU_JAR

axe-core runs in headless Chromium through chromium-driver (Selenium), on each page in the
light and the dark theme at 1280 and 390 CSS pixels wide (the printable edition, which is light
only, in the light theme). The Nu checker reads every page in one run. Prints each finding and
exits 1 when there is any; the closing line counts pages checked and findings.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

WIDTHS = [1280, 390]
LIGHT_ONLY = {"print.html"}


def nu_errors(vnu, pages):
    """Errors of the Nu checker, one line each."""
    run = subprocess.run(["java", "-Xss8m", "-jar", vnu, "--errors-only", "--format", "json"]
                         + [str(p) for p in pages], capture_output=True, text=True)
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    found = []
    for message in report.get("messages", []):
        if message.get("type") in ("error", "non-document-error"):
            where = pathlib.Path(message.get("url", "?").removeprefix("file:")).name
            found.append(f"nu: {where} line{message.get('lastLine', '?')}: {message.get('message')}")
    return found


def browser(chromium, driver):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                 "--disable-background-networking", "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def axe_violations(chrome, axe_source, page, theme, width):
    """axe-core's violations on `page` in `theme` at `width` CSS pixels, one line per rule."""
    chrome.set_window_size(width, 900)
    chrome.get(page.as_uri())
    chrome.execute_script("document.documentElement.setAttribute('data-theme', arguments[0]);"
                          "if (window.docgen && window.docgen.applyTheme) { window.docgen.applyTheme(arguments[0]); }",
                          theme)
    chrome.execute_script(axe_source)
    result = chrome.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "document.fonts.ready.then(function () {"
        "  return axe.run(document, {resultTypes: ['violations']});"
        "}).then(function (r) { done(r.violations); }, function (e) { done([{id: 'axe-error', help: String(e), nodes: []}]); });")
    found = []
    for violation in result:
        targets = ", ".join(" ".join(node.get("target", [])) for node in violation.get("nodes", [])[:4])
        found.append(f"axe: {page.name} ({theme}, {width} px): {violation['id']} ({violation.get('impact')}): "
                     f"{violation.get('help')} — {len(violation.get('nodes', []))} node(s): {targets}")
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--axe", required=True)
    parser.add_argument("--vnu", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--driver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    site = pathlib.Path(args.site).resolve()
    pages = sorted(site.glob("*.html"))
    if not pages:
        print(f"site-checks: no pages in {site}", file=sys.stderr)
        return 1
    started = time.monotonic()
    findings = nu_errors(args.vnu, pages)
    nu_seconds = time.monotonic() - started
    axe_source = pathlib.Path(args.axe).read_text(encoding="utf-8")
    chrome = browser(args.chromium, args.driver)
    runs = 0
    try:
        chrome.set_script_timeout(120)
        for page in pages:
            for theme in (["light"] if page.name in LIGHT_ONLY else ["light", "dark"]):
                for width in WIDTHS:
                    findings += axe_violations(chrome, axe_source, page, theme, width)
                    runs += 1
    finally:
        chrome.quit()
    for line in findings:
        print(line)
    print(f"site-checks: {len(pages)} pages, Nu checker in {nu_seconds:.1f} s, axe-core in {runs} runs, "
          f"{time.monotonic() - started:.1f} s in all")
    failed = {page.name for page in pages if any(f" {page.name}" in line for line in findings)}
    print(f"site-checks: {len(pages) - len(failed)} passed, {len(failed)} failed")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
