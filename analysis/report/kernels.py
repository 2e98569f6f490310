"""The kernel the report notebooks run in: a private kernelspec, and kernels kept warm between notebooks.

The notebooks name the kernel `conflict-notebooks`; the report writes a kernelspec of that
name for this very interpreter into a private JUPYTER_PATH, so the kernel is this
environment's Python whatever other kernelspecs the machine has.  Each kernel is started
through `analysis.report.lifeline`, so it dies with the worker that started it.  Kernels run
in the caller's working folder: relative paths mean the same to the kernel as to the caller.
"""
from __future__ import annotations

import json
import os
import queue
import sys
from pathlib import Path
from typing import Any

KERNEL_NAME = "conflict-notebooks"
START_TIMEOUT = 120
# Sent to a kept kernel after each notebook, so that the next starts as in a new kernel: empty
# namespace, execution count 1, a new history session, warnings shown again; imports stay warm.
RESET_CODE = "get_ipython().reset(new_session=True)\n__import__('warnings')._filters_mutated()\n"
# Sent to a new kernel: import the suite while the kernel waits for its first notebook (a failed
# import is left for the notebook to meet, and report, in its own cell).
WARM_UP_CODE = ("try:\n    import analysis.bundle, analysis.charts, analysis.display, analysis.params\n"
                "except Exception:\n    pass\n" + RESET_CODE)
# What nbclient gives a kernel it starts itself: history in memory, never in the user's database.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]


def write_kernelspec(folder: Path) -> Path:
    """A kernelspec `conflict-notebooks` for this interpreter under `folder`; returns `folder` (a JUPYTER_PATH)."""
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "analysis.report.lifeline", "ipykernel_launcher", "-f", "{connection_file}",
                 "--IPKernelApp.log_level=CRITICAL"],
        "display_name": "Python 3 (conflict-notebooks)",
        "language": "python",
        "env": {"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    }, indent=1))
    return folder


def use_kernelspecs(jupyter_path: Path | str) -> None:
    """Make this process (and the kernels it starts) find our kernelspec before any other of that name."""
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(jupyter_path), os.environ.get("JUPYTER_PATH", ""))
                                                 if p)


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
        self._run(self.manager.start_kernel)(extra_arguments=KERNEL_ARGUMENTS, cwd=os.getcwd())
        self.pending: tuple[Any, str] | None = self._send(WARM_UP_CODE)

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
