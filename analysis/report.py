"""`python -m analysis report`: execute every notebook with papermill and render HTML reports.

Notebooks run in parallel in a process pool with the working directory and the kernel
fixed: kernel `python3` is this interpreter, whatever other kernelspecs the machine has.
Each worker starts its kernel as the pool starts (it imports the suite while the parent
loads the articles) and keeps it for notebook after notebook, reset in between to what a
new kernel would be (empty namespace, execution count 1): only imports are reused.
Everything is written into a temporary folder beside the output and swapped in only when
every notebook succeeded, so a failure leaves the previous reports as they were.
Timestamps and durations are stripped and PNGs have fixed metadata, so the same inputs
give the same bytes.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import errno
import functools
import html
import json
import multiprocessing
import multiprocessing.util
import os
import shutil
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from . import params as P
from . import paths
from .atomic import write_text
from .errors import ConflictNotebooksError, InputError, ParameterError

KERNEL_NAME = "python3"
CELL_TIMEOUT = 600
START_TIMEOUT = 120
MARKER = ".conflict-notebooks-report"
KEPT_DOTFILES = (".gitkeep", ".gitignore")
TIMING_KEYS = ("start_time", "end_time", "duration")

# The lab template without its CDN scripts (require.js, MathJax, mermaid, widgets) and with
# each image's alt text taken from its output metadata (lab otherwise writes a placeholder).
TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}" alt="{{ (output | get_metadata('alt', 'image/png') or '') | escape_html }}">
</div>
{% endblock data_png %}
"""


def _write(path: Path, text: str) -> None:
    """Atomic write whose OSError names the file (a full disk's error otherwise names none)."""
    try:
        write_text(path, text)
    except OSError as exc:
        if exc.filename:
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc


class NotebookFailed(ConflictNotebooksError):
    """A notebook raised or timed out: names the article, the notebook, the cell and the error."""


@dataclass(frozen=True)
class Task:
    """One notebook to execute for one article."""

    article: str
    notebook: str
    folder: str
    parameters: dict[str, Any]
    show_code: bool
    final_folder: str = ""


@dataclass(frozen=True)
class Outcome:
    """What happened to a task: success, or where and how it failed."""

    task: Task
    ok: bool
    seconds: float
    cell: int | None = None
    cell_source: str = ""
    error: str = ""
    traceback: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """A message naming the notebook, the cell and the error."""
        where = f"{Path(self.task.article).name}: notebook {Path(self.task.notebook).name}"
        if self.cell is not None:
            first = next((line for line in self.cell_source.splitlines() if line.strip()
                          and not line.startswith("#")), self.cell_source.strip()[:80])
            where += f", cell {self.cell} ({first.strip()[:100]!r})"
        return f"{where}: {self.error}"


def notebooks(folder: Path = paths.NOTEBOOKS_DIR) -> list[Path]:
    """The report notebooks in order: files named NN_name.ipynb."""
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise InputError(folder, "holds no notebooks named like 01_article.ipynb",
                         "Run from a complete checkout of the project")
    return found


# ---------------------------------------------------------------- executing one notebook

def write_kernelspec(folder: Path) -> Path:
    """A kernelspec `python3` for this very interpreter, with the project importable; returns its JUPYTER_PATH."""
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    pythonpath = os.pathsep.join(p for p in (str(paths.PROJECT_DIR), os.environ.get("PYTHONPATH", "")) if p)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--IPKernelApp.log_level=CRITICAL"],
        "display_name": "Python 3 (conflict-notebooks)",
        "language": "python",
        "env": {"PYTHONPATH": pythonpath, "PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    }, indent=1))
    return folder


def _init_worker(jupyter_path: str) -> None:
    """Make the worker's kernels resolve `python3` to our kernelspec first, and start the one it keeps."""
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (jupyter_path, os.environ.get("JUPYTER_PATH", "")) if p)
    _WORKER["keep"] = True
    multiprocessing.util.Finalize(None, _drop_kernel, exitpriority=10)
    try:
        _WORKER["kernel"] = WarmKernel()
    except Exception:  # run_task starts one again and reports the error against its notebook
        _WORKER["kernel"] = None


# ---------------------------------------------------------------- warm kernels

# Sent to a kept kernel after each notebook, so that the next starts as in a new kernel: empty
# namespace, execution count 1, a new history session, warnings shown again; imports stay warm.
RESET_CODE = "get_ipython().reset(new_session=True)\n__import__('warnings')._filters_mutated()\n"
# Sent to a new kernel: import the suite while the kernel waits for its first notebook (a failed
# import is left for the notebook to meet, and report, in its own cell).
WARM_UP_CODE = ("try:\n    import analysis.bundle, analysis.charts, analysis.display, analysis.params\n"
                "except Exception:\n    pass\n" + RESET_CODE)
# What nbclient gives a kernel it starts itself: history in memory, never in the user's database.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]
# In a pool worker: whether it keeps its kernel between notebooks, and that kernel.
_WORKER: dict[str, Any] = {"keep": False, "kernel": None}


class WarmKernel:
    """A kernel a worker process keeps for notebook after notebook, reset between them."""

    def __init__(self) -> None:
        from jupyter_client.asynchronous import AsyncKernelClient
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        class Client(AsyncKernelClient):
            """The one client papermill is given for every notebook: connected and checked once."""

            ready = False

            def start_channels(self, *args: Any, **kwargs: Any) -> None:
                if not self.channels_running:
                    super().start_channels(*args, **kwargs)

            async def wait_for_ready(self, timeout: float | None = None) -> None:
                if not self.ready:
                    await super().wait_for_ready(timeout)
                    self.ready = True

        class Manager(AsyncKernelManager):
            shared: Client | None = None

            def client(self, **kwargs: Any) -> Client:
                if self.shared is None:
                    self.shared = super().client(**kwargs)
                return self.shared

        self._run = run_sync
        self.manager = Manager(kernel_name=KERNEL_NAME, client_factory=Client)
        self._run(self.manager.start_kernel)(extra_arguments=KERNEL_ARGUMENTS, cwd=str(paths.PROJECT_DIR))
        self.pending = self._send(WARM_UP_CODE)

    def _send(self, code: str) -> tuple[Any, str]:
        """Ask the kernel to run code silently, without waiting: (client, message id)."""
        client = self.manager.blocking_client()
        client.start_channels(iopub=False, stdin=False, hb=False)
        return client, client.execute(code, silent=True, store_history=False)

    def alive(self) -> bool:
        """Whether the kernel process still runs."""
        return bool(self._run(self.manager.is_alive)())

    def prepare(self) -> None:
        """Before a notebook: wait until the last warm-up or reset has run; an error if it failed."""
        import queue

        if self.pending is None:
            return
        (client, sent), self.pending = self.pending, None
        try:
            reply = client.get_shell_msg(timeout=START_TIMEOUT)
            while reply["parent_header"].get("msg_id") != sent:
                reply = client.get_shell_msg(timeout=START_TIMEOUT)
        except queue.Empty:
            raise RuntimeError(f"the kernel did not answer within {START_TIMEOUT} s") from None
        finally:
            client.stop_channels()
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"could not reset the kernel: {reply['content'].get('evalue', '')}")

    def finish(self) -> None:
        """After a notebook: start resetting the kernel for the next one (it runs while this one renders)."""
        self.pending = self._send(RESET_CODE)

    def stop(self) -> None:
        """Close every channel and shut the kernel down."""
        if self.pending is not None:
            self.pending[0].stop_channels()
            self.pending = None
        if self.manager.shared is not None:
            self.manager.shared.stop_channels()
        self._run(self.manager.shutdown_kernel)(now=True)


def _kept_kernel() -> WarmKernel:
    """This worker's kernel, started on first use (again if it died), ready for a notebook."""
    kernel = _WORKER["kernel"]
    if kernel is None or not kernel.alive():
        _drop_kernel()
        kernel = _WORKER["kernel"] = WarmKernel()
    kernel.prepare()
    return kernel


def _drop_kernel() -> None:
    """Shut down this worker's kept kernel, if any (after a failure, and when the worker exits)."""
    kernel, _WORKER["kernel"] = _WORKER["kernel"], None
    if kernel is not None:
        try:
            kernel.stop()
        except Exception:  # a kernel already gone needs no shutting down
            pass


def clean_notebook(nb, input_name: str, moved: tuple[str, str] | None = None) -> None:
    """Strip what changes between runs: timestamps, durations, temporary paths, random cell ids.

    `moved` is (temporary folder, final folder): parameters that point into the temporary
    folder (an automatic annotation written there) are rewritten to where the file ends up.
    """
    meta = nb.metadata.get("papermill", {})
    if moved and moved[0] and moved[1]:
        meta["parameters"] = {k: v.replace(moved[0], moved[1]) if isinstance(v, str) else v
                              for k, v in meta.get("parameters", {}).items()}
    for key in TIMING_KEYS:
        meta.pop(key, None)
    meta["input_path"] = f"notebooks/{input_name}"
    meta["output_path"] = input_name
    meta["environment_variables"] = {}
    for cell in nb.cells:
        for key in TIMING_KEYS:
            cell.metadata.get("papermill", {}).pop(key, None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
            if moved and moved[0] and moved[1]:
                cell.source = cell.source.replace(moved[0], moved[1])


@functools.cache
def _exporter(show_code: bool):
    """The HTML exporter, made once per process and mode (compiling its templates is the slow part)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="lab", template_file="report.html.j2",
                            extra_loaders=[DictLoader({"report.html.j2": TEMPLATE})])
    if not show_code:
        exporter.exclude_input = True
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
        exporter.register_preprocessor(
            TagRemovePreprocessor(remove_cell_tags={"parameters", "injected-parameters"}), enabled=True)
    return exporter


def render_html(nb, show_code: bool) -> str:
    """Self-contained HTML of an executed notebook; code and parameter cells hidden unless asked."""
    resources = {"metadata": {"name": nb.metadata.get("title", "")}}
    body, _ = _exporter(show_code).from_notebook_node(nb, resources=resources)
    return body


def _failure(task: Task, started: float, output: Path, exc: BaseException) -> Outcome:
    """Turn an execution error into an Outcome naming the cell (read from the partial notebook)."""
    cell_index = getattr(exc, "cell_index", None)
    source = ""
    if cell_index is not None and output.is_file():
        import nbformat
        try:
            source = nbformat.read(output, as_version=4).cells[cell_index].source
        except Exception:  # the partial notebook is only a hint for the message
            source = ""
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    error = f"{ename}: {evalue}" if ename else f"{type(exc).__name__}: {exc}"
    return Outcome(task, False, time.monotonic() - started, cell_index, source, error.strip(),
                   list(getattr(exc, "traceback", []) or []))


def run_task(task: Task) -> Outcome:
    """Execute one notebook into its folder, clean it, and render its HTML beside it."""
    import nbformat
    import papermill as pm

    started = time.monotonic()
    source = Path(task.notebook)
    folder = Path(task.folder)
    output = folder / source.name
    try:
        kernel = _kept_kernel() if _WORKER["keep"] else None
        pm.execute_notebook(str(source), str(output), parameters=task.parameters, kernel_name=KERNEL_NAME,
                            cwd=str(paths.PROJECT_DIR), progress_bar=False, log_output=False,
                            start_timeout=START_TIMEOUT, execution_timeout=CELL_TIMEOUT,
                            **({"km": kernel.manager} if kernel else {}))
        if kernel is not None:
            kernel.finish()  # the kernel resets for its next notebook while this one is rendered
        nb = nbformat.read(output, as_version=4)
        clean_notebook(nb, source.name, (task.folder, task.final_folder))
        nb.metadata["title"] = notebook_title(source)
        _write(output, nbformat.writes(nb) + "\n")
        _write(output.with_suffix(".html"), render_html(nb, task.show_code))
    except Exception as exc:  # any failure is reported by the parent, which then discards everything
        _drop_kernel()
        return _failure(task, started, output, exc)
    return Outcome(task, True, time.monotonic() - started)


def notebook_title(path: Path) -> str:
    """A notebook's title: its first Markdown heading (our own text, not the article's)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


# ---------------------------------------------------------------- index pages

INDEX_CSS = ("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60em;margin:2em auto;"
             "padding:0 1em;line-height:1.5;color:#222}h1{font-size:1.6em}td,th{padding:2px 8px}"
             "li{margin:0.3em 0}.meta{color:#555}")


def _page(title: str, body: str) -> str:
    """A complete, script-free HTML page."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{INDEX_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def article_index(bundle, reports: list[tuple[str, str]]) -> str:
    """index.html of one article: its title and date (escaped), key figures and links to each report."""
    from .display import annotation_kind, html_table
    from .views import key_figures

    title = bundle.article.title
    published = bundle.published.isoformat() if bundle.published else "unknown"
    kind = annotation_kind(bundle.annotation.source)
    links = "\n".join(f'<li><a href="{urllib.parse.quote(href)}">{html.escape(name)}</a></li>'
                      for href, name in reports)
    body = (f"<h1>{html.escape(title)}</h1>\n"
            f'<p class="meta">Published {html.escape(published)} · file {html.escape(Path(bundle.article.path).name)}'
            f" · annotation: {html.escape(kind)}</p>\n<h2>Key figures</h2>\n"
            + html_table(key_figures(bundle.frames), headers={"sentence": "from sentence", "sentence_text": "which reads"})
            + f"\n<h2>Reports</h2>\n<ul>\n{links}\n</ul>")
    return _page(f"Reports: {title}", body)


def overall_index(entries: list[tuple[str, Any]]) -> str:
    """index.html over several articles: one line per article, linking to its folder."""
    items = "\n".join(
        f'<li><a href="{urllib.parse.quote(folder)}/index.html">{html.escape(b.article.title)}</a> '
        f'<span class="meta">({html.escape(b.published.isoformat() if b.published else "date unknown")}, '
        f"{html.escape(folder)})</span></li>" for folder, b in entries)
    return _page("Conflict-notebooks reports", f"<h1>Reports</h1>\n<ul>\n{items}\n</ul>")


# ---------------------------------------------------------------- the command

@dataclass
class Plan:
    """One article's validated parameters, loaded bundle and output subfolder name."""

    article: Path
    params: P.NotebookParams
    bundle: Any
    folder: str
    annotation_path: Path | None = None


def parse_parameters(pairs: list[list[str]] | list[tuple[str, str]], show_code: bool) -> dict[str, Any]:
    """`-p NAME VALUE` pairs as notebook parameters (checked by name; values checked per article)."""
    given: dict[str, Any] = {}
    for name, value in pairs:
        P.check_names([name])
        if name == "article":
            raise ParameterError("article", value, "article files as positional arguments, not -p article")
        given[name] = value
    if show_code:
        given["show_code"] = True
    annotations = given.get("annotations")
    if isinstance(annotations, str) and annotations.strip().lower() not in P.ANNOTATION_CHOICES:
        given["annotations"] = str(Path(annotations).expanduser().resolve())
    return given


def check_article(article: Path, given: dict[str, Any]) -> P.NotebookParams:
    """One article's validated parameters (cheap: done for every article before any kernel starts)."""
    return P.validate(article=article, **{k: v for k, v in given.items() if k != "article"})


def plan_article(params: P.NotebookParams) -> Plan:
    """Load an article (once, in the parent) for its index page and its notebooks' parameters."""
    from .bundle import load_bundle

    bundle = load_bundle(params.article, params.annotations, params.published)
    return Plan(article=params.article, params=params, bundle=bundle, folder=params.article.stem)


def _check_output(out: Path) -> None:
    """Refuse to replace a folder that is not a report folder (never delete someone's files)."""
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError(out, "exists and is not a folder", "Choose another --out folder")
    entries = [e.name for e in out.iterdir() if e.name not in KEPT_DOTFILES]
    if entries and MARKER not in entries:
        raise InputError(out, "exists and holds files that are not reports made by this command",
                         "Choose an empty or new --out folder (the report command replaces the whole folder)")


def _check_writable(out: Path) -> None:
    """Refuse, before any notebook runs, an output folder whose parent cannot be created or written."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        probe = Path(tempfile.mkdtemp(prefix=f".{out.name}.probe-", dir=out.parent))
        probe.rmdir()
    except OSError as exc:
        raise ParameterError("--out", str(out), f"a folder that can be created and written; {out.parent} "
                             f"cannot ({exc.strerror or exc})") from None


def _pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (a permission error still means it exists)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale(entry: Path, out: Path, kind: str) -> bool:
    """A `.NAME.KIND-PID-xxxx` folder beside `out` left by a run that no longer exists."""
    rest = entry.name[len(f".{out.name}.{kind}-"):]
    pid = rest.split("-", 1)[0]
    return not (pid.isdecimal() and _pid_alive(int(pid)))


def remove_leftovers(out: Path) -> list[Path]:
    """Clean up after a killed run: restore a previous report folder set aside, delete temporary folders.

    A run killed between renaming the old reports aside and renaming the new ones in leaves `out`
    missing and the old reports in `.NAME.old-PID-xxxx`: they are put back.  Folders of runs still
    alive are left alone.  Returns the folders removed or restored.
    """
    if not out.parent.is_dir():
        return []
    handled = []
    for kind in ("old", "tmp"):
        for entry in sorted(out.parent.glob(f".{out.name}.{kind}-*")):
            if not entry.is_dir() or not _stale(entry, out, kind):
                continue
            if kind == "old" and not out.exists() and (entry / MARKER).is_file():
                os.rename(entry, out)
            else:
                shutil.rmtree(entry, ignore_errors=True)
            handled.append(entry)
    return handled


def _make_readable(folder: Path) -> None:
    """Give the reports ordinary permissions (temporary files and folders are created private)."""
    mask = os.umask(0)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)
    for path in sorted(folder.rglob("*")):
        path.chmod((0o777 if path.is_dir() else 0o666) & ~mask)


def _swap_in(tmp: Path, out: Path) -> None:
    """Replace `out` by `tmp`: rename the old folder aside, rename the new one in, then delete the old."""
    for name in KEPT_DOTFILES:
        if (out / name).is_file() and not (tmp / name).exists():
            shutil.copy2(out / name, tmp / name)
    if not out.exists():
        os.rename(tmp, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-{os.getpid()}-", dir=out.parent))
    os.rmdir(old)
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _tasks(plans: list[Plan], tmp: Path, several: bool, books: list[Path], out: Path) -> list[Task]:
    """Every (article, notebook) pair, each writing into its article's folder in the temporary output."""
    tasks = []
    for plan in plans:
        folder = tmp / plan.folder if several else tmp
        final = out / plan.folder if several else out
        folder.mkdir(parents=True, exist_ok=True)
        annotations: Path | str = plan.params.annotations
        if annotations == "auto":
            plan.annotation_path = folder / "annotation.auto.json"
            _write(plan.annotation_path, plan.bundle.annotation.to_json())
            annotations = plan.annotation_path
        parameters = {
            "article": str(plan.article),
            "annotations": str(annotations),
            "published": plan.params.published.isoformat() if plan.params.published else None,
            "top_n": plan.params.top_n,
            "show_code": plan.params.show_code,
        }
        tasks.extend(Task(str(plan.article), str(nb), str(folder), parameters, plan.params.show_code,
                          str(final)) for nb in books)
    return tasks


def _ready() -> None:
    """A task that does nothing: submitting it makes the pool start its workers, and they their kernels."""


def worker_pool(jobs: int, jupyter_path: Path) -> cf.ProcessPoolExecutor:
    """A pool of `jobs` worker processes, started now so that their kernels boot while the parent works."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        context = multiprocessing.get_context()
    pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                  initargs=(str(jupyter_path),))
    pool.submit(_ready)
    return pool


def _execute(pool: cf.ProcessPoolExecutor, tasks: list[Task]) -> list[Outcome]:
    """Run the tasks in the pool, printing a progress line as each finishes; stop at the first failure."""
    outcomes: list[Outcome] = []
    futures = {pool.submit(run_task, t): t for t in tasks}
    for future in cf.as_completed(futures):
        try:
            outcome = future.result()
        except cf.process.BrokenProcessPool:
            outcome = Outcome(futures[future], False, 0.0, error="the process running this notebook died "
                              "(killed from outside, or out of memory)")
        outcomes.append(outcome)
        label = f"{Path(outcome.task.article).stem} / {Path(outcome.task.notebook).stem}"
        status = "ok" if outcome.ok else "FAILED"
        print(f"[{len(outcomes)}/{len(tasks)}] {label}: {status} ({outcome.seconds:.1f} s)", flush=True)
        if not outcome.ok:
            for other in futures:
                other.cancel()
            break
    return outcomes


def run_reports(articles: list[Path], out: Path, given: dict[str, Any], jobs: int | None = None,
                notebook_dir: Path = paths.NOTEBOOKS_DIR) -> Path:
    """Execute every notebook for every article and swap the reports into `out`; raises NotebookFailed."""
    out = out.expanduser().resolve()
    books = notebooks(notebook_dir)
    _check_output(out)
    _check_writable(out)
    with _exclusive(out):
        return _run_locked(articles, out, given, jobs, books)


def lock_path(out: Path) -> Path:
    """The lock file of an output folder: in the temporary directory, so nothing is left beside the reports."""
    import hashlib

    digest = hashlib.sha256(str(out).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"conflict-notebooks-report-{digest}.lock"


@contextlib.contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """Hold a lock on `out` so that two runs never write into the same output folder at once.

    A POSIX record lock (lockf) belongs to this process alone: forked workers do not inherit it,
    so it is released the moment this process ends, even when it is killed.
    """
    import fcntl

    with open(lock_path(out), "a+b") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise InputError(out, "is being written by another `report` run right now",
                             "Wait for that run to finish, or pass another --out") from None
        try:
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


def _run_locked(articles: list[Path], out: Path, given: dict[str, Any], jobs: int | None,
                books: list[Path]) -> Path:
    """The body of run_reports, run while this process holds the output folder's lock."""
    remove_leftovers(out)
    checked = [check_article(a, given) for a in articles]
    folders = [p.article.stem for p in checked]
    clash = sorted({f for f in folders if folders.count(f) > 1})
    if clash:
        raise InputError(clash[0], "names more than one article", "Give articles with different file names")
    several = len(checked) > 1
    jobs = min(max(1, jobs or os.cpu_count() or 1), len(checked) * len(books))
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-", dir=out.parent))
    kernel_home = tmp / ".kernel"
    try:
        with worker_pool(jobs, write_kernelspec(kernel_home)) as pool:
            plans = [plan_article(p) for p in checked]
            tasks = _tasks(plans, tmp, several, books, out)
            print(f"Running {len(tasks)} notebook(s) for {len(plans)} article(s), {jobs} at a time -> {out}",
                  flush=True)
            outcomes = _execute(pool, tasks)
        failed = [o for o in outcomes if not o.ok]
        if failed:
            raise NotebookFailed(failed[0].describe() + _traceback_tail(failed[0]))
        titles = {b.name: notebook_title(b) for b in books}
        for plan in plans:
            folder = tmp / plan.folder if several else tmp
            reports = [(Path(b).with_suffix(".html").name, titles[b.name]) for b in books]
            _write(folder / "index.html", article_index(plan.bundle, reports))
        if several:
            _write(tmp / "index.html", overall_index([(p.folder, p.bundle) for p in plans]))
        _write(tmp / MARKER, "Made by `python -m analysis report`; the whole folder is replaced on each run.\n")
        shutil.rmtree(kernel_home)
        _make_readable(tmp)
        _swap_in(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _traceback_tail(outcome: Outcome, lines: int = 6) -> str:
    """The last lines of the notebook's traceback, without terminal colour codes."""
    import re

    text = "\n".join(outcome.traceback)
    text = re.sub(r"\x1b\[[0-9;]*m", "", text).strip()
    tail = text.splitlines()[-lines:]
    return ("\n" + "\n".join("    " + t for t in tail)) if tail else ""


def _os_error(exc: OSError) -> str:
    """An OSError as one line naming the file, the reason and, for a full disk, what to do."""
    where = f"{exc.filename}: " if exc.filename else ""
    text = f"{where}{exc.strerror or exc}"
    if exc.errno == errno.ENOSPC:
        text += " (free some space on that disk or choose another --out folder)"
    return text


def command_report(args) -> int:
    """Entry point of `python -m analysis report`."""
    articles = [Path(a).expanduser().resolve() for a in args.articles] or [paths.SEED_ARTICLE]
    out = Path(args.out) if args.out else paths.REPORTS_DIR
    given = parse_parameters(args.parameter, args.show_code)
    if args.jobs is not None and args.jobs < 1:
        raise ParameterError("--jobs", args.jobs, "a whole number of at least 1")
    started = time.monotonic()
    try:
        final = run_reports(articles, out, given, args.jobs)
    except NotebookFailed as exc:
        print(f"error: {exc}\nThe previous reports in {out} were left as they were.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: could not write the reports: {_os_error(exc)}\n"
              f"The previous reports in {out} were left as they were.", file=sys.stderr)
        return 1
    print(f"Wrote {final / 'index.html'} in {time.monotonic() - started:.1f} s", flush=True)
    return 0
