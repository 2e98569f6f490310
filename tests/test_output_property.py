"""The output-folder rule as a property: whatever the folder holds and however a run ends (success,
failure, refusal, SIGKILL at a random moment), every file the suite did not write is still there,
byte for byte, and the next run leaves no staging folder behind.

Each example runs the real `output_folder` in a subprocess that writes files slowly, so a kill
lands before, during or after the move into place; the test may add files while it runs.
"""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.report.output import LOCK_NAME, MANIFEST_NAME, STAGING_PREFIX, OutputConflict, output_folder

NAMES = ["index.html", "a.html", "notes.txt", "sub/index.html", "sub/b.html", ".gitkeep", ".gitkeep/x",
         "keep/y.txt", "x/y/z.txt", "sub"]
DRIVER = r"""
import json, sys, time
from analysis.report.output import output_folder
out, plan = sys.argv[1], json.loads(sys.argv[2])
with output_folder(out, "report", replace_previous=True) as staging:
    staging.check(plan["files"])
    for rel, text in plan["files"].items():
        target = staging.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        time.sleep(plan["pause"])
    if plan["fail"]:
        raise SystemExit(3)
"""
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def write_files(root: Path, files: dict[str, bytes]) -> dict[str, bytes]:
    """Create the files that fit (a name cannot be both a file and a folder); returns those written."""
    made = {}
    for rel, data in files.items():
        target = root / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as handle:
                handle.write(data)
        except OSError:  # the name is taken by a folder, or a parent is a file
            continue
        made[rel] = data
    return made


def consistent(files: dict[str, str]) -> dict[str, str]:
    """A set of files a run can write: no name is also the folder of another."""
    return {rel: text for rel, text in files.items() if not any(o.startswith(rel + "/") for o in files)}


def snapshot(out: Path, skip: set[str]) -> dict[str, bytes]:
    """Files under `out` but the bookkeeping and the paths in `skip`."""
    if not out.is_dir():
        return {}
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and p.name not in (LOCK_NAME, MANIFEST_NAME)
            and not p.relative_to(out).parts[0].startswith(STAGING_PREFIX)
            and p.relative_to(out).as_posix() not in skip}


def tool_run(out: Path, files: dict[str, str]) -> None:
    """A run in this process, refused (harmlessly) when it would overwrite a user's file."""
    try:
        with output_folder(out, "report", replace_previous=True) as staging:
            staging.check(files)
            for rel, text in files.items():
                (staging.path / rel).parent.mkdir(parents=True, exist_ok=True)
                (staging.path / rel).write_text(text)
    except OutputConflict:
        pass


names = st.sampled_from(NAMES)
contents = st.binary(max_size=16)


@PROPERTY
@given(earlier=st.dictionaries(names, st.text("ab", max_size=3), max_size=4),
       user=st.dictionaries(names, contents, max_size=5),
       edits=st.lists(names, max_size=2, unique=True),
       run=st.dictionaries(names, st.text("cd", max_size=3), min_size=1, max_size=5),
       added=st.dictionaries(names, contents, max_size=2),
       ending=st.sampled_from(["success", "failure", "kill"]),
       kill_after=st.floats(0.0, 0.4), add_after=st.floats(0.0, 0.3), pause=st.sampled_from([0.0, 0.02, 0.05]))
def test_files_the_suite_did_not_write_survive_any_run(earlier, user, edits, run, added, ending, kill_after,
                                                       add_after, pause):
    with tempfile.TemporaryDirectory() as tmp:
        parent = Path(tmp)
        out = parent / "out"
        out.mkdir()
        if earlier:
            tool_run(out, consistent(earlier))
        ours = set(snapshot(out, set()))
        edited = write_edits(out, ours, edits)
        write_files(out, user)
        expected = {rel: data for rel, data in snapshot(out, set()).items() if rel not in ours or rel in edited}
        plan = {"files": consistent(run), "pause": pause, "fail": ending == "failure"}
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(out), json.dumps(plan)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.monotonic()
        time.sleep(add_after)
        expected.update(write_files(out, added))
        if ending == "kill":
            time.sleep(max(0.0, kill_after - (time.monotonic() - started)))
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        after = snapshot(out, set())
        assert {rel: after.get(rel) for rel in expected} == expected
        tool_run(out, {"index.html": "again"})
        after = snapshot(out, set())
        assert {rel: after.get(rel) for rel in expected} == expected
        assert not [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]
        assert sorted(p.name for p in parent.iterdir()) == ["out"]


def write_edits(out: Path, ours: set[str], edits: list[str]) -> dict[str, bytes]:
    """The user edits some of the suite's files: from then on they are the user's."""
    edited = {}
    for rel in edits:
        if rel in ours:
            (out / rel).write_bytes(b"edited by hand")
            edited[rel] = b"edited by hand"
    return edited
