"""The annotated page in a real headless browser (Debian's chromium, driven by selenium through
chromedriver): it renders, every mark sits on its number, nothing is logged to the console, and
the links work. The screenshot it takes is the one docs/checking.md shows.

Skipped, with the reason, when chromium, chromedriver or selenium is missing on a developer's
machine; on CI (``CI`` set) their absence is a failure: ``.ci/run`` installs them.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from sarcoma_stats.cli import main

# a real browser takes seconds to start: part of the full suite, not of `-m "not slow"`
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "report.txt"
SCREENSHOT = ROOT / "docs" / "examples" / "check-annotated.png"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def _missing() -> str | None:
    try:
        import selenium
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    del selenium
    if not CHROMIUM or not CHROMEDRIVER:
        return "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test must run on CI: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="sarcoma-stats-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--window-size=1400,1000",
                 "--force-device-scale-factor=1"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory, browser):
    out = tmp_path_factory.mktemp("report")
    assert main(["check", str(EXAMPLE), "--report", str(out)]) == 0
    browser.get((out / "report-txt.html").as_uri())
    return browser


def test_page_renders_without_console_errors(page):
    assert page.title == "report.txt: checked numbers"
    assert page.find_element("css selector", "header h1").text == "report.txt"
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_every_mark_is_on_its_number_with_colour_and_symbol(page):
    text = EXAMPLE.read_text(encoding="utf-8")
    marks = page.find_elements("css selector", "#text mark")
    assert len(marks) > 20
    article = page.find_element("css selector", "#text").rect
    previous = None
    for mark in marks:
        start, end = int(mark.get_attribute("data-start")), int(mark.get_attribute("data-end"))
        number = mark.find_element("css selector", "a").text
        assert number == text[start:end]                     # the mark is on its number
        verdict = mark.get_attribute("data-verdict")
        symbol = mark.find_element("css selector", ".sym").text
        assert symbol == {"inconsistent": "\u2717", "query": "?", "consistent": "\u2713",
                          "not-checkable": "\u25cb"}[verdict]
        assert mark.value_of_css_property("color") != page.find_element(
            "css selector", "#text").value_of_css_property("color")   # coloured, and a symbol
        assert mark.get_attribute("title").strip()            # explanation on hover
        box = mark.rect
        assert article["x"] <= box["x"] and box["x"] + box["width"] <= article["x"] + article["width"] + 1
        assert box["y"] >= article["y"]
        if previous is not None:                             # marks follow the text's order
            assert (box["y"], box["x"]) >= (previous["y"] - 2, -1) or box["y"] > previous["y"]
        previous = box


def test_flags_link_to_their_place_and_back(page):
    flag = page.find_element("css selector", "#flags li a")
    target = flag.get_attribute("href").split("#")[1]
    flag.click()
    assert page.execute_script("return location.hash") == f"#{target}"
    mark = page.find_element("id", target)
    assert mark.get_attribute("data-verdict") == "inconsistent"   # the list opens with the flags
    back = mark.find_element("css selector", "a").get_attribute("href").split("#")[1]
    assert page.find_element("id", back).tag_name == "li"


def test_summary_counts_match_the_marks(page):
    summary = page.find_element("css selector", "header").text
    flagged = page.find_elements("css selector", "#text mark.v-inconsistent")
    assert f"{len(flagged)} inconsistent" in summary
    assert "claims:" in summary


def test_screenshot_for_the_documentation(page):
    page.execute_script("window.scrollTo(0, 0)")
    assert page.save_screenshot(str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
