"""Step latency of the dashboard with many concurrent browser sessions (a classroom).

Starts ``birosim dashboard`` on localhost, opens N sessions (one headless-Chromium context
each, so N Solara sessions, each with its own pair of models), then has every session press
"Step" ``--steps`` times at once, each waiting for its charts to redraw before pressing again.
A step's latency is the time from the click until every chart line of that page shows the new
day: the server steps both models by ``--days`` days, re-renders the page and sends it to the
browser. Prints the median, 90th percentile and maximum over all clicks for each N.

The browsers run on the same machine as the server here; in a classroom they run on the
participants' laptops, so these figures are an upper bound for the server.

    .venv/bin/python benchmarks/dashboard_sessions.py --sessions 20 30 --steps 5
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from chromium import CHROMIUM, FLAGS  # noqa: E402

SETTLED = """old => {
    const day = Number(document.querySelector('.birosim-day').innerText.match(/\\d+/)[0]);
    const lines = [...document.querySelectorAll('polyline.birosim-line')];
    return day !== old && lines.length > 0 && lines.every(line => Number(line.dataset.n) === day);
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    birosim = Path(sys.executable).with_name("birosim")
    server = subprocess.Popen([str(birosim), "dashboard", "--port", str(port)],
                              stdout=subprocess.DEVNULL)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the dashboard did not start within 60 s")


async def session(browser, url: str, steps: int, ready: asyncio.Barrier) -> list[float]:
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(300_000)
    await page.goto(url)
    await page.wait_for_selector(".birosim-chart", timeout=300_000)
    await ready.wait()  # every session loaded: now they all step at once
    latencies = []
    for _ in range(steps):
        day = int((await page.inner_text(".birosim-day")).split(":")[1].split()[0])
        start = time.perf_counter()
        await page.click(".birosim-step")
        await page.wait_for_function(SETTLED, arg=day, timeout=300_000)
        latencies.append(time.perf_counter() - start)
    await context.close()
    return latencies


async def classroom(url: str, sessions: int, steps: int) -> list[float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        ready = asyncio.Barrier(sessions)
        results = await asyncio.gather(*(session(browser, url, steps, ready)
                                         for _ in range(sessions)))
        await browser.close()
    return [latency for latencies in results for latency in latencies]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[20, 30])
    parser.add_argument("--steps", type=int, default=5, help="Step clicks per session")
    args = parser.parse_args()
    port = free_port()
    server = start_server(port)
    try:
        print("sessions  clicks  median s  p90 s  max s   (Step = 5 working days, both sides)")
        for sessions in args.sessions:
            latencies = sorted(asyncio.run(classroom(f"http://127.0.0.1:{port}/", sessions,
                                                     args.steps)))
            p90 = latencies[int(0.9 * (len(latencies) - 1))]
            print(f"{sessions:8d}  {len(latencies):6d}  {statistics.median(latencies):8.2f}  "
                  f"{p90:5.2f}  {latencies[-1]:5.2f}", flush=True)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
