"""Reports under attack and failure: hostile article text stays text in a real browser, bad parameters
stop before any notebook runs, and a crash, a kill or a full disk never damages the previous reports."""
from __future__ import annotations

import copy
import errno
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from browser import Chromium, find_chromium
from conftest import MINI_TEXT, mini_annotation_dict

from analysis import atomic, cli, paths
from analysis.report import execution, run
from analysis.report.output import LOCK_NAME, STAGING_PREFIX, output_folder

SENTINEL = "PWNED"
HOSTILE_TITLE = f"Strike <script>document.title='{SENTINEL}'</script> kills $x^2$ **bold** people"
LONG_WORD = "Qa" * 5000
HOSTILE_PARAGRAPHS = (
    f"Witness said <img src=x onerror=\"document.title='{SENTINEL}'\"> and "
    f"<svg onload=\"document.title='{SENTINEL}'\"></svg> were posted.\n"
    f"Links: <a href=\"javascript:document.title='{SENTINEL}'\">click</a> and [link](javascript:alert(1)) and "
    f"<iframe src=\"javascript:parent.document.title='{SENTINEL}'\"></iframe> "
    f"<iframe srcdoc=\"<script>parent.document.title='{SENTINEL}'</script>\"></iframe>.\n"
    "Maths $x^2$ and $$\\frac{1}{2}$$ and \\(y\\) with **bold**, __under__, `code`, ```fenced```, "
    "<b>tag</b> &amp; &lt; # not a heading.\n"
    f"A long word: {LONG_WORD} ends here.\n"
)
HOSTILE_ACTOR = f"<script>document.title='{SENTINEL}'</script> $x^2$ **bold**"
# Literal text each hostile page must show as typed (the article page shows all of it).
SHOWN_AS_TYPED = ("<script>", "$x^2$", "**bold**", "[link](javascript:alert(1))", "`code`", "<iframe",
                  "onerror=", LONG_WORD)
# Evaluated in the loaded page: anything a hostile payload would have done, plus the page's text.
PROBE = """JSON.stringify({
  title: document.title,
  pwned: !!document.getElementById('pwned') || document.title === 'SENTINEL',
  active: document.querySelectorAll('script, iframe, object, embed, svg[onload], img:not([src^="data:image/png"]),'
          + ' a[href^="javascript:"], [onerror], [onload], [onclick], [onmouseover]').length,
  bold_tags: document.querySelectorAll('b').length,
  text: document.body.innerText
})""".replace("SENTINEL", SENTINEL)


def shifted(node, delta: int):
    """A copy of an annotation dict with every span moved by `delta` characters."""
    if isinstance(node, list):
        return [shifted(n, delta) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: shifted(v, delta) for k, v in node.items()}
    if isinstance(out.get("start"), int) and isinstance(out.get("end"), int):
        out["start"] += delta
        out["end"] += delta
    return out


def write_hostile_article(folder: Path) -> Path:
    """The small test article under a hostile title, plus hostile paragraphs, with a gold annotation
    whose extra actor has a hostile name and is mentioned on the injected <img> tag."""
    first, rest = MINI_TEXT.split("\n", 1)
    text = f"{HOSTILE_TITLE}\n{rest}{HOSTILE_PARAGRAPHS}"
    gold = shifted(copy.deepcopy(mini_annotation_dict()), len(HOSTILE_TITLE) - len(first))
    gold["article"]["title"] = HOSTILE_TITLE
    gold["actors"].append({"id": "evil", "name": HOSTILE_ACTOR, "type": "armed_group"})
    tag = HOSTILE_PARAGRAPHS[HOSTILE_PARAGRAPHS.index("<img"):HOSTILE_PARAGRAPHS.index("> and") + 1]
    start = text.index(tag)
    gold["mentions"].append({"id": "m_evil", "actor": "evil", "start": start, "end": start + len(tag), "text": tag})
    article = folder / "hostile.txt"
    article.write_text(text, encoding="utf-8")
    paths.gold_path_for(article).write_text(json.dumps(gold), encoding="utf-8")
    return article


def write_mini_article(folder: Path) -> Path:
    """The small test article with its gold annotation."""
    article = folder / "mini.txt"
    article.write_text(MINI_TEXT, encoding="utf-8")
    paths.gold_path_for(article).write_text(json.dumps(mini_annotation_dict()), encoding="utf-8")
    return article


def tiny_notebooks(folder: Path, *cells: str) -> Path:
    """A notebook folder with one notebook: a heading, the parameters cell, then `cells`."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell("article = annotations = published = top_n = show_code = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Tiny"), params, *map(nbformat.v4.new_code_cell, cells or ("1",))]
    nbformat.write(nb, folder / "01_tiny.ipynb")
    return folder


def previous_reports(out: Path) -> dict[str, str]:
    """A report folder from an earlier run (written through the output folder); returns its contents."""
    with output_folder(out, "report") as staging:
        (staging.path / "index.html").write_text("<p>previous report</p>")
    return contents(out)


def contents(folder: Path) -> dict[str, str]:
    """Every file in a folder but the lock file (it holds a running run's token)."""
    return {p.name: p.read_text() for p in sorted(folder.iterdir()) if p.is_file() and p.name != LOCK_NAME}


def leftovers(out: Path) -> list[str]:
    """Staging folders of report runs left in `out`, and anything the runs left beside it."""
    inside = [p.name for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)] if out.is_dir() else []
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")]
    return sorted(inside + beside)


# ---------------------------------------------------------------- hostile text in a real browser

@pytest.fixture(scope="module")
def chromium():
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install chromium) to check reports in a browser")
        pytest.skip("Chromium is not installed (apt-get install chromium); the browser checks need it")
    with Chromium(executable, timeout=30) as browser:
        yield browser


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    """Every report of the hostile article, made once by the command line."""
    root = tmp_path_factory.mktemp("hostile")
    out = root / "out"
    assert cli.main(["report", str(write_hostile_article(root)), "--out", str(out), "--jobs", "2"]) == 0
    return out


def test_the_probe_catches_hostile_markup_when_it_is_not_escaped(chromium, tmp_path):
    page = tmp_path / "unescaped.html"
    page.write_text(f"<!DOCTYPE html><title>t</title><p>{HOSTILE_TITLE}</p><p>{HOSTILE_PARAGRAPHS}</p>")
    seen = json.loads(chromium.visit(page, PROBE).probe)
    assert seen["pwned"] and seen["active"] > 0 and seen["bold_tags"] == 1


@pytest.mark.slow
def test_hostile_text_is_shown_as_text_and_runs_nothing_in_a_browser(chromium, hostile_reports):
    pages = sorted(hostile_reports.glob("*.html"))
    assert len(pages) == len(execution.notebooks()) + 1
    for page in pages:
        visit = chromium.visit(page, PROBE)
        seen = json.loads(visit.probe)
        assert not seen["pwned"] and seen["active"] == 0 and seen["bold_tags"] == 0, (page.name, seen["title"])
        assert not visit.exceptions and not visit.log_errors, (page.name, visit.exceptions, visit.log_errors)
        assert not [c for c in visit.console if c[0] in ("error", "assert", "warning")], page.name
        fetched = [url for url in visit.requests if not url.startswith("data:image/png;base64,")]
        assert fetched == [page.resolve().as_uri()], (page.name, fetched)
        if page.name in ("01_article.html", "index.html"):
            assert HOSTILE_TITLE in seen["text"], page.name
        if page.name == "01_article.html":
            for literal in SHOWN_AS_TYPED:
                assert literal in seen["text"], literal[:40]


# ---------------------------------------------------------------- bad parameters

def _no_notebooks(*args, **kwargs):
    raise AssertionError("a notebook was started despite a bad parameter")


def _read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return folder / "reports"


@pytest.mark.parametrize("arguments,name", [
    (["-p", "published", "yesterday"], "published"),
    (["-p", "top_n", "-3"], "top_n"),
    (["-p", "top_n", "ten"], "top_n"),
    (["-p", "top_n", "2.5"], "top_n"),
    (["--out", "/proc/conflict-notebooks/reports"], "--out"),
    (["--out", "/sys/conflict-notebooks-reports"], "--out"),
    (["--out", "{tmp}/a-file/reports"], "--out"),
    (["--out", "{read_only}"], "--out"),
])
def test_bad_parameter_is_refused_naming_it_before_any_notebook_runs(arguments, name, tmp_path, monkeypatch, capsys):
    if "{read_only}" in arguments and os.geteuid() == 0:
        pytest.skip("root can write into a read-only folder; /proc and /sys cover an unwritable --out")
    (tmp_path / "a-file").write_text("not a folder")
    arguments = [a.format(tmp=tmp_path, read_only=_read_only_folder(tmp_path) if "{read_only}" in a else "")
                 for a in arguments]
    if "--out" not in arguments:
        arguments += ["--out", str(tmp_path / "out")]
    monkeypatch.setattr(execution, "execute", _no_notebooks)
    assert cli.main(["report", str(write_mini_article(tmp_path)), *arguments]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: parameter {name}=") and "expected" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob(".out.*"))


def test_unwritable_output_folder_exits_2_without_traceback_from_the_shell(tmp_path):
    done = subprocess.run([sys.executable, "-m", "analysis", "report", str(write_mini_article(tmp_path)),
                           "--out", "/proc/conflict-notebooks/reports"],
                          cwd=paths.PROJECT_DIR, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "parameter --out=" in done.stderr and "cannot" in done.stderr and done.stdout == ""


# ---------------------------------------------------------------- failures mid-way

@pytest.mark.parametrize("cell", ["import os\nos._exit(1)", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"])
def test_a_kernel_that_dies_is_reported_and_the_previous_reports_stay(cell, tmp_path):
    out = tmp_path / "out"
    before = previous_reports(out)
    with pytest.raises(execution.NotebookFailed) as info:
        run.run_reports([write_mini_article(tmp_path)], out, {}, jobs=1,
                        notebook_dir=tiny_notebooks(tmp_path / "books", "x = 1", cell))
    assert "01_tiny.ipynb" in str(info.value) and "died" in str(info.value).lower()
    assert f"cell 4 of 4 ({cell.splitlines()[0]!r})" in str(info.value)
    assert contents(out) == before and leftovers(out) == []


def _worker_dies(task):
    os._exit(3)


def test_a_killed_worker_process_is_reported_and_the_previous_reports_stay(tmp_path, monkeypatch):
    out = tmp_path / "out"
    before = previous_reports(out)
    monkeypatch.setattr(execution, "run_task", _worker_dies)
    with pytest.raises(execution.NotebookFailed, match="process running this notebook died"):
        run.run_reports([write_mini_article(tmp_path)], out, {}, jobs=1,
                        notebook_dir=tiny_notebooks(tmp_path / "books"))
    assert contents(out) == before and leftovers(out) == []


def _read_line(stream, deadline: float) -> str:
    import select

    while time.monotonic() < deadline:
        if select.select([stream], [], [], 1)[0]:
            return stream.readline()
    raise TimeoutError("the report command printed no progress line in time")


@pytest.mark.slow
def test_report_killed_mid_way_leaves_the_previous_reports_and_the_next_run_cleans_up(tmp_path):
    out = tmp_path / "out"
    before = previous_reports(out)
    command = [sys.executable, "-m", "analysis", "report", str(write_mini_article(tmp_path)), "--out", str(out),
               "--jobs", "1"]
    proc = subprocess.Popen(command, cwd=paths.PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        line = ""
        while not line.startswith("[1/"):
            line = _read_line(proc.stdout, deadline)
            assert line or proc.poll() is None, "the report command ended before its first progress line"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # its orphaned workers and kernels, all started by this test
        except ProcessLookupError:
            pass
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    assert contents(out) == before
    token = json.loads((out / LOCK_NAME).read_text())["token"]
    assert leftovers(out) == [f"{STAGING_PREFIX}{token}"]
    run.run_reports([write_mini_article(tmp_path)], out, {}, jobs=1, notebook_dir=tiny_notebooks(tmp_path / "b"))
    assert leftovers(out) == [] and (out / "01_tiny.html").is_file() and (out / "index.html").is_file()


@pytest.mark.parametrize("failing,where", [("index.html", "index.html"), ("01_tiny.html", "01_tiny.ipynb")])
def test_a_full_disk_says_what_failed_and_keeps_the_previous_reports(failing, where, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    before = previous_reports(out)
    real_write = atomic._write_all

    def write_until_full(handle, data):
        if Path(handle.name).name.startswith(f".{failing}."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as write(2) reports it: no file name
        real_write(handle, data)

    monkeypatch.setattr(atomic, "_write_all", write_until_full)
    books = sorted(tiny_notebooks(tmp_path / "books").glob("*.ipynb"))
    monkeypatch.setattr(run, "notebooks", lambda folder=None: books)
    assert cli.main(["report", str(write_mini_article(tmp_path)), "--out", str(out), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and where in err and "left as they were" in err
    assert "Traceback" not in err
    assert contents(out) == before and leftovers(out) == []


# ---------------------------------------------------------------- kernels kept between notebooks

def _stream_text(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_a_kept_kernel_starts_each_notebook_as_a_new_kernel_would_and_is_shut_down_after(tmp_path):
    books = tmp_path / "books"
    tiny_notebooks(books, "import os, sys\nleaked = 1\nprint('pid', os.getpid())\nprint('python', sys.executable)")
    (books / "01_tiny.ipynb").rename(books / "01_first.ipynb")
    tiny_notebooks(books, "import os\nprint('pid', os.getpid())\nprint('leaked' in dir(), len(Out))")
    (books / "01_tiny.ipynb").rename(books / "02_second.ipynb")
    out = run.run_reports([write_mini_article(tmp_path)], tmp_path / "out", {}, jobs=1, notebook_dir=books)
    first, second = (nbformat.read(out / name, as_version=4) for name in ("01_first.ipynb", "02_second.ipynb"))
    pids = {re.search(r"pid (\d+)", _stream_text(nb)).group(1) for nb in (first, second)}
    assert len(pids) == 1, "one worker should run both notebooks in the same kernel"
    assert f"python {sys.executable}\n" in _stream_text(first), "the kernel is this environment's interpreter"
    assert "False 0" in _stream_text(second), "the second notebook saw the first one's variables or outputs"
    counts = [[c.execution_count for c in nb.cells if c.cell_type == "code"] for nb in (first, second)]
    assert counts[0] == counts[1] == list(range(1, len(counts[0]) + 1))
    with pytest.raises(ProcessLookupError):
        os.kill(int(pids.pop()), 0)


def test_a_second_run_into_the_same_folder_is_refused_while_the_first_holds_it(tmp_path):
    """Two runs writing one output folder at once would mix their reports: the second is refused,
    even when the two have different temporary folders (the lock lives in the output folder)."""
    out = tmp_path / "reports"
    before = previous_reports(out)
    books = tiny_notebooks(tmp_path / "books", "import time\ntime.sleep(30)")
    command = [sys.executable, "-c", "import sys\nfrom pathlib import Path\nfrom analysis.report import run_reports\n"
               "run_reports([Path(sys.argv[1])], Path(sys.argv[2]), {}, jobs=1, notebook_dir=Path(sys.argv[3]))",
               str(write_mini_article(tmp_path)), str(out), str(books)]
    first_tmp, second_tmp = tmp_path / "tmp1", tmp_path / "tmp2"
    first_tmp.mkdir()
    second_tmp.mkdir()
    first = subprocess.Popen(command, env=dict(os.environ, TMPDIR=str(first_tmp)), stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        assert _read_line(first.stdout, time.monotonic() + 120).startswith("Running")
        second = subprocess.run([sys.executable, "-m", "analysis", "report", str(write_mini_article(tmp_path)),
                                 "--out", str(out)], env=dict(os.environ, TMPDIR=str(second_tmp)),
                                capture_output=True, text=True, timeout=120)
    finally:
        first.kill()
        first.wait()
        first.stdout.close()
    assert second.returncode == 2 and second.stdout == ""
    assert second.stderr.startswith(f"error: {out}: is being written by another `report` run right now")
    assert "--out" in second.stderr
    assert contents(out) == before
