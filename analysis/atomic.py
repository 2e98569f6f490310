"""Write files so that a failure never leaves a half-written file or destroys the old one."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _default_mode() -> int:
    """The mode a plain open() would give a new file under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_all(handle, data: bytes) -> None:
    """Write every byte (the one place a full disk is met)."""
    handle.write(data)


def write_bytes(path: Path | str, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`; an OSError names `path`."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        with open(tmp, "wb") as handle:
            _write_all(handle, data)
        os.chmod(tmp, _default_mode())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if exc.filename:
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path | str, text: str) -> None:
    """Atomic UTF-8 text write with Unix newlines."""
    write_bytes(path, text.encode("utf-8"))
