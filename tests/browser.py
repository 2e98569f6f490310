"""Open a page in headless Chromium over the DevTools pipe and report what happened there.

No network port is opened: Chromium talks on file descriptors 3 and 4
(`--remote-debugging-pipe`).  Every wait is bounded, and the browser is killed on exit.
"""
from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--mute-audio", "--remote-debugging-pipe",
         "--hide-scrollbars")
VIEWPORT_HEIGHT = 900


def find_chromium() -> str | None:
    """The Chromium executable: /usr/bin/chromium (Debian), else the first one on PATH."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def chromium_for_tests(timeout: float = 30.0) -> Iterator[Chromium]:
    """A browser for a test module's fixture: required in CI, else the test is skipped without one."""
    import pytest

    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install chromium) to check reports in a browser")
        pytest.skip("Chromium is not installed (apt-get install chromium); the browser checks need it")
    with Chromium(executable, timeout=timeout) as browser:
        yield browser


@dataclass
class PageVisit:
    """What a loaded page showed: the result of a probe script, console messages, errors and requests."""

    probe: Any
    console: list[tuple[str, str]] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class Chromium:
    """A headless Chromium driven through the DevTools protocol on a pipe."""

    def __init__(self, executable: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="cn-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire() -> None:
            # Through fresh copies, so that dup2 never targets its own source and keeps close-on-exec.
            reading, writing = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=wire)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Kill the browser (this process only) and delete its profile."""
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=10)
        finally:
            for fd in (self._to_browser, self._from_browser):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or self.process.poll() is not None:
                raise TimeoutError(f"Chromium did not answer within {self.timeout} s "
                                   f"(exit status {self.process.poll()})")
            ready, _, _ = select.select([self._from_browser], [], [], min(left, 0.5))
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise TimeoutError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one DevTools command and wait (bounded) for its answer; events seen meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict:
        """Wait (bounded) for an event of this session."""
        deadline = time.monotonic() + self.timeout
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        while True:
            event = self._read_message(deadline)
            self.events.append(event)
            if event.get("method") == method and event.get("sessionId") == session:
                return event

    def _open(self, page: Path, width: int | None, settle: float) -> tuple[str, str]:
        """A fresh tab (`width` CSS pixels wide, as a phone below 600) with `page` loaded and settled."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=session)
        if width is not None:
            self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": VIEWPORT_HEIGHT,
                                                             "deviceScaleFactor": 1, "mobile": width < 600},
                      session=session)
        self.events.clear()
        self.call("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
        self.wait_for("Page.loadEventFired", session)
        time.sleep(settle)  # timers and error handlers of injected markup would fire now
        return target, session

    def screenshot(self, page: Path, out: Path, width: int, max_height: int | None = None) -> Path:
        """A PNG of the whole page at `width` CSS pixels (its top `max_height` pixels when given)."""
        target, session = self._open(page, width, settle=0.2)
        size = self.call("Page.getLayoutMetrics", session=session)["cssContentSize"]
        height = int(size["height"]) if max_height is None else min(int(size["height"]), max_height)
        shot = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}, session=session)
        self.call("Target.closeTarget", {"targetId": target})
        out.write_bytes(base64.b64decode(shot["data"]))
        return out

    def visit(self, page: Path, probe: str, settle: float = 0.5, width: int | None = None) -> PageVisit:
        """Load a local page in a fresh tab, let it settle, evaluate `probe` and collect what happened."""
        target, session = self._open(page, width, settle)
        result = self.call("Runtime.evaluate", {"expression": probe, "returnByValue": True}, session=session)
        visit = PageVisit(result.get("result", {}).get("value"))
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            params = event.get("params", {})
            method = event.get("method")
            if method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                visit.console.append((params.get("type", ""), text))
            elif method == "Runtime.exceptionThrown":
                visit.exceptions.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                visit.log_errors.append(params["entry"].get("text", ""))
            elif method == "Network.requestWillBeSent":
                visit.requests.append(params.get("request", {}).get("url", ""))
        self.call("Target.closeTarget", {"targetId": target})
        return visit


def main(argv: list[str]) -> int:
    """`python tests/browser.py PAGE OUT.png WIDTH [HEIGHT]`: a screenshot for the docs, in 256 colours."""
    from PIL import Image

    if len(argv) not in (3, 4):
        print(main.__doc__)
        return 2
    page, out, width = Path(argv[0]), Path(argv[1]), int(argv[2])
    executable = find_chromium()
    if executable is None:
        print("Chromium is not installed (apt-get install chromium)")
        return 1
    with Chromium(executable) as browser:
        browser.screenshot(page, out, width, int(argv[3]) if len(argv) == 4 else None)
    Image.open(out).convert("RGB").quantize(256).save(out, optimize=True)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
