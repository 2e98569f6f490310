"""An output folder the suite writes into without ever touching what it did not write.

`output_folder(out, verb)` is the one way every verb (`report`, `tables`, `annotate`) writes:

- **lock**: a POSIX record lock on `OUT/.conflict-notebooks.lock`, so two runs never write one
  folder at once, whatever their TMPDIR; forked children do not inherit it, so a killed run
  releases it.  While a run holds it, the lock file records the run's random token;
- **staging**: the run writes into `OUT/.conflict-notebooks-staging-TOKEN/`, and its files are
  moved into place only when it succeeded (a failure leaves every earlier file as it was);
- **manifest**: `OUT/.conflict-notebooks-manifest.json` lists each file the suite wrote, with its
  sha256.  A file that is not listed, or changed since, is the user's: it is never replaced or
  removed.  A run that would overwrite one is refused, naming it, unless `force`; this is
  checked before the run and again just before the files are moved in;
- **leftovers**: a killed run's staging folder is found by its exact name, from the token left in
  the lock file, and removed by the next run; a commit cut short is reconciled from the manifest.

The folder itself is never renamed, replaced or re-permissioned: its mode and any file a user
keeps in it survive every run.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import ConflictNotebooksError, InputError, ParameterError

LOCK_NAME = ".conflict-notebooks.lock"
MANIFEST_NAME = ".conflict-notebooks-manifest.json"
STAGING_PREFIX = ".conflict-notebooks-staging-"
LEGACY_MARKER = ".conflict-notebooks-report"
MANIFEST_ABOUT = ("Files written by conflict-notebooks (python -m analysis), with their sha256. The suite "
                  "replaces or removes a listed file only while it is unchanged; every other file is yours.")
MAX_NAME = 100
RESERVED_NAMES = frozenset({"index.html"})
TOKEN_PATTERN = r"[0-9a-f]{16}"


class OutputConflict(ConflictNotebooksError):
    """A run would overwrite files the suite did not write (or that changed since it wrote them)."""

    def __init__(self, out: Path, names: list[str], late: bool = False) -> None:
        self.out = out
        self.names = sorted(names)
        shown = ", ".join(self.names[:10]) + (f" and {len(self.names) - 10} more" if len(self.names) > 10 else "")
        when = "appeared while the run was going on and " if late else ""
        hint = ""
        if (out / LEGACY_MARKER).is_file() and not (out / MANIFEST_NAME).is_file():
            hint = " (this folder was made by an older version, which kept no list of its files)"
        super().__init__(
            f"{out}: {when}holds {len(self.names)} file(s) this command did not write, or that were changed "
            f"since, and would overwrite them: {shown}{hint}. Move them away, choose another --out, or pass "
            "--force to overwrite them (files the run does not write are never touched)")


# ---------------------------------------------------------------- names

def safe_name(name: str) -> str:
    """A file or folder name made from untrusted text: no separators, no leading dot, never `.` or `..`."""
    text = unicodedata.normalize("NFC", name)
    text = re.sub(r"[^\w.\-]+", "_", text).strip("._-") or "article"
    text = text[:MAX_NAME].rstrip("._-") or "article"
    return f"{text}_" if text.casefold() in RESERVED_NAMES else text


def unique_names(names: Iterable[str]) -> list[str]:
    """safe_name of each, made unique (also on case-insensitive disks) by a suffix -2, -3, ..."""
    taken: set[str] = set()
    result = []
    for name in names:
        base = candidate = safe_name(name)
        number = 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


# ---------------------------------------------------------------- the manifest

def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Manifest:
    """What the suite wrote into one folder: file -> (sha256, verb), folders it made, and a commit under way."""

    files: dict[str, dict[str, str]] = field(default_factory=dict)
    folders: dict[str, str] = field(default_factory=dict)
    pending: dict[str, dict[str, str]] = field(default_factory=dict)
    pending_folders: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, out: Path, force: bool = False) -> Manifest:
        """The folder's manifest (empty when missing); one the suite cannot read is refused unless `force`."""
        path = out / MANIFEST_NAME
        if not (path.exists() or path.is_symlink()):
            return cls()
        try:
            if not path.is_file() or path.is_symlink():
                raise ValueError("not a regular file")
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("about") != MANIFEST_ABOUT:
                raise ValueError("not a manifest of this suite")
        except (OSError, ValueError, AttributeError):
            if force:
                return cls()
            raise OutputConflict(out, [MANIFEST_NAME]) from None
        return cls(files=_entries(data.get("files"), dict), folders=_entries(data.get("folders"), str),
                   pending=_entries(data.get("pending"), dict),
                   pending_folders=_entries(data.get("pending_folders"), str))

    def to_json(self) -> str:
        """Stable JSON: sorted keys, no timestamps, so the same files give the same manifest bytes."""
        data = {"about": MANIFEST_ABOUT, "files": self.files, "folders": self.folders}
        if self.pending or self.pending_folders:
            data.update(pending=self.pending, pending_folders=self.pending_folders)
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    def accepts(self, rel: str, sha: str) -> bool:
        """Whether a file with these bytes at `rel` is one the suite wrote (or was writing)."""
        return any(sha == entries.get(rel, {}).get("sha256") for entries in (self.files, self.pending))


def _entries(value: object, kind: type) -> dict:
    """A manifest section, keeping only well-formed entries whose paths stay inside the folder."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and _is_inside(k) and isinstance(v, kind)
            and (kind is str or (isinstance(v.get("sha256"), str) and isinstance(v.get("by"), str)))}


def _is_inside(rel: str) -> bool:
    """A relative path that stays inside the folder: no absolute path, no `..`, no empty part."""
    parts = PurePosixPath(rel).parts
    return bool(parts) and not PurePosixPath(rel).is_absolute() and all(p not in ("", ".", "..") for p in parts)


# ---------------------------------------------------------------- the lock

@dataclass
class _Lock:
    """The held lock of an output folder: its file descriptor and this run's token."""

    path: Path
    fd: int
    token: str
    previous: str | None


def _unwritable(out: Path, exc: OSError) -> ParameterError:
    """The error for an output folder that cannot be created or written."""
    return ParameterError("--out", str(out), f"a folder that can be created and written; {out} "
                          f"cannot ({exc.strerror or exc})")


def _open_locked(out: Path, verb: str) -> int:
    """The lock file of `out`, open and locked by this process; refused at once if another run holds it."""
    import fcntl

    path = out / LOCK_NAME
    for _ in range(5):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o666)
        except OSError as exc:
            raise _unwritable(out, exc) from None
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise InputError(out, f"is being written by another `{verb}` run right now",
                             "Wait for that run to finish, or pass another --out") from None
        with contextlib.suppress(FileNotFoundError):
            if os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False)):
                return fd
        os.close(fd)  # the file was removed and made again by a run that just ended: lock the new one
    raise InputError(out, "keeps changing its lock file", "Check that no other program is writing the folder")


def _acquire(out: Path, verb: str) -> _Lock:
    """Lock `out`, read the token a killed run left in the lock file, and record this run's token."""
    fd = _open_locked(out, verb)
    content = os.pread(fd, 4096, 0)
    if content and not content.startswith(b'{"token"'):
        os.close(fd)
        raise OutputConflict(out, [LOCK_NAME])  # a file of the user's that happens to bear our name
    previous = _recorded_token(content)
    token = secrets.token_hex(8)
    _record(fd, json.dumps({"token": token, "pid": os.getpid(), "verb": verb}) + "\n")
    return _Lock(out / LOCK_NAME, fd, token, previous)


def _recorded_token(content: bytes) -> str | None:
    """The token a run recorded in the lock file and did not clear (it was killed), if any."""
    try:
        token = json.loads(content.decode("utf-8")).get("token")
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None
    return token if isinstance(token, str) and re.fullmatch(TOKEN_PATTERN, token) else None


def _record(fd: int, text: str) -> None:
    """Replace the lock file's content (the lock itself is on the file, not on its bytes)."""
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("utf-8"), 0)
    os.fsync(fd)


def _release(lock: _Lock, remove: bool) -> None:
    """Clear the token (the run ended cleanly), optionally remove the lock file, unlock and close."""
    try:
        if remove:
            lock.path.unlink(missing_ok=True)
        else:
            _record(lock.fd, "")
    finally:
        os.close(lock.fd)  # closing releases the lockf lock


# ---------------------------------------------------------------- staging and commit

@dataclass
class Staging:
    """A run's private space inside the output folder: `path` mirrors what will appear in `out`."""

    out: Path
    root: Path
    verb: str
    force: bool
    manifest: Manifest

    @property
    def path(self) -> Path:
        """Where the run writes the files to publish, laid out as they should appear in `out`."""
        return self.root / "files"

    @property
    def scratch(self) -> Path:
        """Private working space that is never published (removed with the staging folder)."""
        return self.root / "scratch"

    def check(self, names: Iterable[str]) -> None:
        """Refuse now, before any work, if writing these relative paths would overwrite a user's file."""
        _refuse_conflicts(self, list(names), late=False)


def _make_folder(out: Path) -> bool:
    """Create `out` when missing (returns True); refuse a path that is not a folder or cannot be made."""
    if out.is_dir():
        return False
    if out.exists() or out.is_symlink():
        raise InputError(out, "exists and is not a folder", "Choose another --out folder")
    try:
        out.mkdir(parents=True)
    except FileExistsError:
        if not out.is_dir():
            raise InputError(out, "exists and is not a folder", "Choose another --out folder") from None
        return False
    except OSError as exc:
        raise _unwritable(out, exc) from None
    return True


def _remove_tree(path: Path) -> None:
    """Remove a staging folder of ours (a real folder, never followed through a link)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)


def _save(staging_root: Path, out: Path, manifest: Manifest) -> None:
    """Write the manifest atomically, through a temporary file in the staging folder (nothing else in `out`)."""
    staging_root.mkdir(exist_ok=True)
    temporary = staging_root / MANIFEST_NAME
    temporary.write_text(manifest.to_json(), encoding="utf-8")
    os.replace(temporary, out / MANIFEST_NAME)


def _current_sha(out: Path, rel: str) -> str | None:
    """The sha256 of a regular file at `out/rel` (no link followed anywhere), else None."""
    target = out / rel
    try:
        if not all(_dir_or_missing(out / parent) for parent in _parents(rel)):
            return None
        info = os.lstat(target)
    except OSError:
        return None
    return file_sha256(target) if stat.S_ISREG(info.st_mode) else None


def _parents(rel: str) -> list[str]:
    """The folders between `out` and a relative path: 'a/b/c' -> ['a', 'a/b']."""
    parts = PurePosixPath(rel).parts[:-1]
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _dir_or_missing(path: Path) -> bool:
    """A real folder (not a link: writing through a user's link would write elsewhere), or nothing yet."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _conflicts(out: Path, manifest: Manifest, names: list[str]) -> tuple[list[str], list[str]]:
    """The paths among `names` that exist and are not provably the suite's: (files, blocking).

    `files` are files or links where a file goes (--force may overwrite them); `blocking` are
    folders where a file goes, or anything but a real folder where a folder goes (never overwritten).
    """
    files: set[str] = set()
    blocking: set[str] = set()
    for rel in names:
        blocking.update(parent for parent in _parents(rel) if not _dir_or_missing(out / parent))
        target = out / rel
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            continue
        except OSError:
            blocking.add(rel)
            continue
        if stat.S_ISDIR(info.st_mode):
            blocking.add(rel)
            continue
        sha = _current_sha(out, rel)
        if sha is None or not manifest.accepts(rel, sha):
            files.add(rel)
    return sorted(files), sorted(blocking)


def _refuse_conflicts(staging: Staging, names: list[str], late: bool) -> None:
    """Raise OutputConflict when writing `names` would overwrite something that is not the suite's."""
    files, blocking = _conflicts(staging.out, staging.manifest, names)
    if blocking or (files and not staging.force):
        raise OutputConflict(staging.out, blocking + ([] if staging.force else files), late=late)


def _staged_files(root: Path) -> list[str]:
    """Every file under the staging `files` folder, as sorted relative POSIX paths."""
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _link_or_rename(source: Path, target: Path) -> None:
    """Move a staged file to a path that must not exist: os.link fails rather than overwrite."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        if target.exists() or target.is_symlink():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.rename(source, target)
        return
    source.unlink()


def _move_in(staging: Staging, rel: str) -> None:
    """Put one staged file at its place; replace only a file of ours (or any file with force), keeping its mode."""
    source, target = staging.path / rel, staging.out / rel
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        _link_or_rename(source, target)
        return
    if stat.S_ISREG(info.st_mode):
        os.chmod(source, stat.S_IMODE(info.st_mode))
    os.replace(source, target)


def _remove_previous(staging: Staging, incoming: set[str]) -> None:
    """Remove what earlier runs of this verb wrote and this run did not, while it is unchanged."""
    manifest, out = staging.manifest, staging.out
    for rel, entry in sorted(manifest.files.items()):
        if entry.get("by") != staging.verb or rel in incoming:
            continue
        if _current_sha(out, rel) == entry.get("sha256"):
            (out / rel).unlink()
        del manifest.files[rel]  # removed, or changed since: then it is the user's
    used = {parent for rel in manifest.files for parent in _parents(rel)}
    for rel in sorted(manifest.folders, key=lambda r: -r.count("/")):
        if manifest.folders[rel] == staging.verb and rel not in used:
            with contextlib.suppress(OSError):
                if _dir_or_missing(out / rel):
                    (out / rel).rmdir()  # only when empty: a user's file keeps it
            if not (out / rel).exists():
                del manifest.folders[rel]


def _commit(staging: Staging, replace_previous: bool) -> list[str]:
    """Check once more, then move every staged file into `out` and record it; returns the relative paths."""
    out, manifest = staging.out, staging.manifest
    names = _staged_files(staging.path)
    _refuse_conflicts(staging, names, late=True)
    shas = {rel: file_sha256(staging.path / rel) for rel in names}
    new_folders = sorted({p for rel in names for p in _parents(rel) if not (out / p).exists()},
                         key=lambda r: r.count("/"))
    manifest.pending = {rel: {"sha256": sha, "by": staging.verb} for rel, sha in shas.items()}
    manifest.pending_folders = {rel: staging.verb for rel in new_folders}
    _save(staging.root, out, manifest)
    for rel in new_folders:
        (out / rel).mkdir(exist_ok=True)
    try:
        for rel in names:
            try:
                _move_in(staging, rel)
            except FileExistsError:
                raise OutputConflict(out, [rel], late=True) from None
    finally:
        _reconcile(out, manifest)
        _save(staging.root, out, manifest)
    if replace_previous:
        _remove_previous(staging, set(names))
        _save(staging.root, out, manifest)
    return names


def _reconcile(out: Path, manifest: Manifest) -> None:
    """Fold a commit (finished or cut short) into the manifest: record what is on disk now."""
    for rel, entry in manifest.pending.items():
        sha = _current_sha(out, rel)
        if sha == entry.get("sha256"):
            manifest.files[rel] = dict(entry)
        elif sha is None or sha != manifest.files.get(rel, {}).get("sha256"):
            manifest.files.pop(rel, None)
    for rel, verb in manifest.pending_folders.items():
        if _dir_or_missing(out / rel) and (out / rel).exists():
            manifest.folders.setdefault(rel, verb)
    manifest.pending, manifest.pending_folders = {}, {}


def _recover(out: Path, lock: _Lock, staging_root: Path, force: bool) -> Manifest:
    """Remove a killed run's staging folder (by its exact name) and finish its manifest; return the manifest."""
    if lock.previous:
        _remove_tree(out / f"{STAGING_PREFIX}{lock.previous}")
    manifest = Manifest.read(out, force)
    if manifest.pending or manifest.pending_folders:
        _reconcile(out, manifest)
        _save(staging_root, out, manifest)
    return manifest


def _holds_no_output(out: Path) -> bool:
    """Whether the suite has no file recorded in `out` (then its bookkeeping files go too)."""
    try:
        return not Manifest.read(out).files
    except OutputConflict:
        return False


@contextlib.contextmanager
def output_folder(out: Path | str, verb: str, force: bool = False,
                  replace_previous: bool = False) -> Iterator[Staging]:
    """Lock `out`, give the run a staging folder, and on success move its files in and record them.

    `replace_previous`: files this verb wrote in earlier runs and this run does not write are
    removed (while unchanged), as a report folder's old articles are.  On any failure or
    interruption nothing in `out` changes, except that a folder this call created is removed again
    (when empty), and so are the lock and manifest when the suite has no file in `out`.
    """
    out = Path(out)
    created = _make_folder(out)
    lock = _acquire(out, verb)
    root = out / f"{STAGING_PREFIX}{lock.token}"
    ok = False
    try:
        root.mkdir(mode=0o700)
        manifest = _recover(out, lock, root, force)
        staging = Staging(out=out, root=root, verb=verb, force=force, manifest=manifest)
        staging.path.mkdir()
        staging.scratch.mkdir()
        yield staging
        _commit(staging, replace_previous)
        ok = True
    finally:
        _remove_tree(root)
        remove = not ok and _holds_no_output(out)
        if remove:
            (out / MANIFEST_NAME).unlink(missing_ok=True)
        _release(lock, remove)
        if remove and created:
            with contextlib.suppress(OSError):
                out.rmdir()  # only when empty
