"""Stopping `report`: no worker or kernel outlives it, and Ctrl-C or SIGTERM prints one line (issue items 12, 13)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from conftest import MINI_TEXT, mini_annotation_dict
from test_robustness_report import tiny_notebooks

from analysis.report.output import LOCK_NAME, STAGING_PREFIX, output_folder

DRIVER = ("import sys\nfrom pathlib import Path\nfrom analysis.cli.report import command_report\n"
          "from analysis.report import run\n"
          "from types import SimpleNamespace\n"
          "run.notebooks = lambda folder=None, books=Path(sys.argv[3]): sorted(books.glob('*.ipynb'))\n"
          "sys.exit(command_report(SimpleNamespace(articles=[sys.argv[1]], out=sys.argv[2], parameter=[],\n"
          "                        show_code=False, jobs=2, force=False)))\n")


def start_report(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """`report` on two tiny notebooks that sleep, in its own process group; returns (process, --out)."""
    article = tmp_path / "mini.txt"
    article.write_text(MINI_TEXT, encoding="utf-8")
    (tmp_path / "mini.gold.json").write_text(json.dumps(mini_annotation_dict()), encoding="utf-8")
    books = tiny_notebooks(tmp_path / "books", "import time\ntime.sleep(60)")
    (books / "01_tiny.ipynb").rename(books / "02_other.ipynb")
    tiny_notebooks(books, "import time\ntime.sleep(60)")
    out = tmp_path / "out"
    with output_folder(out, "report") as staging:
        (staging.path / "index.html").write_text("previous")
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(article), str(out), str(books)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    return proc, out


def wait_for_kernels(proc: subprocess.Popen, count: int, timeout: float = 120) -> list[psutil.Process]:
    """The report's descendants once `count` kernels run (workers and kernels)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        family = psutil.Process(proc.pid).children(recursive=True)
        kernels = [p for p in family if "analysis.report.lifeline" in " ".join(_cmdline(p))]
        if len(kernels) >= count:
            return family
        time.sleep(0.2)
    raise TimeoutError("the report's kernels did not start in time")


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


def still_alive(processes: list[psutil.Process], within: float = 5.0) -> list[psutil.Process]:
    """The processes still running (zombies count as gone) after waiting up to `within` seconds."""
    deadline = time.monotonic() + within
    alive = processes
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    return alive


def kill_all(processes: list[psutil.Process]) -> None:
    for process in processes:
        try:
            process.kill()
        except psutil.Error:
            pass


@pytest.mark.parametrize("extra_delay", [0.0, 1.5])
def test_no_worker_or_kernel_outlives_a_killed_report(tmp_path, extra_delay):
    proc, out = start_report(tmp_path)
    family = []
    try:
        family = wait_for_kernels(proc, 2)
        time.sleep(extra_delay)
        family = psutil.Process(proc.pid).children(recursive=True)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        alive = still_alive(family)
    finally:
        kill_all(family)
        proc.stdout.close()
        proc.stderr.close()
    assert len(family) >= 4, "two workers and their two kernels were running"
    assert alive == [], [(p.pid, _cmdline(p)) for p in alive]
    assert (out / "index.html").read_text() == "previous"


@pytest.mark.parametrize("signum,status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_stopping_report_prints_one_line_and_leaves_nothing_running(tmp_path, signum, status):
    proc, out = start_report(tmp_path)
    family = []
    try:
        family = wait_for_kernels(proc, 2)
        time.sleep(0.5)
        family = psutil.Process(proc.pid).children(recursive=True)
        if signum == signal.SIGINT:
            os.killpg(proc.pid, signum)  # as Ctrl-C in a terminal: the whole foreground group
        else:
            os.kill(proc.pid, signum)
        stdout, stderr = proc.communicate(timeout=60)
        alive = still_alive(family)
    finally:
        kill_all(family)
    assert proc.returncode == status
    assert stderr.splitlines() == [f"interrupted ({signal.Signals(signum).name}): the reports in {out} were not "
                                   "replaced"], stderr
    assert "Traceback" not in stdout and "KeyboardInterrupt" not in stdout
    assert alive == [], [(p.pid, _cmdline(p)) for p in alive]
    assert (out / "index.html").read_text() == "previous"
    assert not [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]
    assert (out / LOCK_NAME).read_text() == ""
