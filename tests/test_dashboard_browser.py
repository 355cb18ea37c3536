"""The dashboard in a real browser: offline, per-side levers, language, events, separate sessions.

One server (``birosim dashboard classroom classroom``: the same scenario on both sides, so with
common random numbers both sides stay identical until a lever or an event separates them) and
one headless Chromium serve every test here; each test opens its own browser context (a fresh
user, so a fresh Solara session).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("playwright")
from birosim.core.parameters import get_parameter  # noqa: E402
from chromium import CHROMIUM, chromium_browser  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

BIROSIM = Path(sys.executable).with_name("birosim")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = subprocess.Popen(
        [str(BIROSIM), "dashboard", "classroom", "classroom", "--lang", "en", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"dashboard exited: {process.stderr.read()}")
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("dashboard did not start within 60 s")
    yield process, url
    if process.poll() is None:
        process.terminate()  # stops the server too
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as chromium:
        yield chromium


def open_page(browser, url):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.wait_for_selector(".birosim-chart", timeout=60_000)
    return context, page, requests


def latest(page, side: str, column: str) -> tuple[int, str]:
    line = page.locator(f'polyline[data-side="{side}"][data-column="{column}"]').first
    return int(line.get_attribute("data-n")), line.get_attribute("data-latest")


SETTLED = """old => {
    const day = Number(document.querySelector('.birosim-day').innerText.match(/\\d+/)[0]);
    const lines = [...document.querySelectorAll('polyline.birosim-line')];
    return day !== old && lines.length > 0 && lines.every(line => Number(line.dataset.n) === day);
}"""


def shown_day(page) -> int:
    return int(page.locator(".birosim-day").inner_text().split(":")[1].split()[0])


def step(page, times: int = 1) -> None:
    """Click Step and wait until the day and every chart line have moved on."""
    for _ in range(times):
        day = shown_day(page)
        page.click(".birosim-step")
        page.wait_for_function(SETTLED, arg=day)


@pytest.fixture(scope="module")
def session(server, browser):
    """One participant's page, shared by the tests below in file order (each leaves both sides
    with the same rules, so both sides' charts stay identical until the slider test)."""
    _, url = server
    context, page, requests = open_page(browser, url)
    failed = []
    page.on("response", lambda response: failed.append(response.url)
            if response.status >= 400 else None)
    yield page, requests, failed
    context.close()


def test_page_loads_with_no_request_beyond_localhost(server, session):
    _, url = server
    page, requests, failed = session
    step(page)
    hosts = {request.split("/")[2] for request in requests}
    assert hosts == {url.split("/")[2]}, hosts
    assert all(r.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
               for r in requests), [r for r in requests if "127.0.0.1" not in r]
    assert not failed, failed


def test_switching_language_shows_indonesian_labels(session):
    page, _, _ = session
    assert page.get_by_text("Play", exact=True).count() == 1
    page.get_by_role("button", name="id", exact=True).click()
    page.get_by_text("Jalankan", exact=True).wait_for()
    try:
        label = page.get_by_text(get_parameter("measurement.intensity").label("id"), exact=True)
        expect(label).to_have_count(2)  # side A and side B
        expect(page.get_by_text("Play", exact=True)).to_have_count(0)
    finally:  # the later tests read the English page
        page.get_by_role("button", name="en", exact=True).click()
        page.get_by_text("Play", exact=True).wait_for()


def test_a_bad_typed_value_gets_a_message_and_changes_nothing(session):
    page, _, _ = session
    page.get_by_role("button", name="Accountability").click()
    block = ".birosim-lever-A.birosim-lever-integrity-audit_rate"
    field = page.locator(f"{block} input[type=text]")
    slider = page.locator(f"{block} [role=slider]")
    field.wait_for()
    page.wait_for_timeout(1000)  # the theme's controls settle before typing
    before = slider.get_attribute("aria-valuenow")
    field.fill("99")
    field.press("Enter")
    field.press("Tab")
    message = page.locator(f"{block} .birosim-error")
    message.wait_for(timeout=60_000)
    assert "99" in message.inner_text()
    assert get_parameter("integrity.audit_rate").allowed("en") in message.inner_text()
    step(page, 2)
    assert slider.get_attribute("aria-valuenow") == before  # the lever kept its value
    assert latest(page, "A", "corrupt_acts") == latest(page, "B", "corrupt_acts")


def test_a_surge_shows_on_both_sides(session):
    page, _, _ = session
    before = {side: float(latest(page, side, "backlog")[1].split()[-1]) for side in "AB"}
    page.click(".birosim-event-demand_surge")
    page.wait_for_selector(".birosim-marker", state="attached")
    step(page, 4)
    charts = page.locator("svg.birosim-chart").count()
    assert page.locator(".birosim-marker").count() == charts  # marked on every chart
    for side in "AB":
        assert float(latest(page, side, "backlog")[1].split()[-1]) > before[side]
    assert latest(page, "A", "backlog") == latest(page, "B", "backlog")


def test_slider_on_one_side_changes_only_that_side_and_sessions_are_separate(
        server, browser, session):
    _, url = server
    page, _, _ = session
    other_context, other, _ = open_page(browser, url)
    page.get_by_role("button", name="Flexibility").click()
    block = ".birosim-lever-A.birosim-lever-service-delegation"
    slider = page.locator(f"{block} .v-slider")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)
    typed = page.locator(f"{block} input[type=text]")
    page.wait_for_function("el => el.value !== '0'", arg=typed.element_handle())
    while shown_day(page) < 50:  # delegation is practised from the next monthly review on
        step(page)
    days = shown_day(page)
    while shown_day(other) < days:
        step(other)
    a_changed, b_untouched = latest(page, "A", "backlog"), latest(page, "B", "backlog")
    assert a_changed != b_untouched
    # the second session saw no slider and no surge: its sides agree and differ from session 1
    assert latest(other, "A", "backlog") == latest(other, "B", "backlog") != b_untouched
    assert other.locator(".birosim-marker").count() == 0
    other_context.close()


def test_ctrl_c_stops_the_server_cleanly(server):
    process, _ = server
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0
    assert "Traceback" not in err, err
    assert "http://127.0.0.1:" in out


def test_bad_scenario_is_one_line_and_exit_code_2():
    result = subprocess.run([str(BIROSIM), "dashboard", "no_such_scenario"], capture_output=True,
                            text=True, env={**os.environ, "COLUMNS": "200"}, timeout=60)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no_such_scenario" in result.stderr
