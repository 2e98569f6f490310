"""The output folder: the suite replaces or removes only files it can prove it wrote (issue items C1-C7, 2)."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cli, paths
from analysis.errors import InputError
from analysis.report import output
from analysis.report.output import LOCK_NAME, MANIFEST_NAME, STAGING_PREFIX, OutputConflict, output_folder

BOOKKEEPING = {LOCK_NAME, MANIFEST_NAME}


def tool_writes(out: Path, files: dict[str, str], verb: str = "report", force: bool = False,
                replace_previous: bool = True) -> None:
    """One successful run of `verb` writing `files` (relative path -> text) into `out`."""
    with output_folder(out, verb, force=force, replace_previous=replace_previous) as staging:
        staging.check(files)
        for rel, text in files.items():
            (staging.path / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging.path / rel).write_text(text)


def user_files(out: Path) -> dict[str, bytes]:
    """Every file under `out` but the suite's bookkeeping, as relative path -> bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name not in BOOKKEEPING}


# ---------------------------------------------------------------- names (C1)

@pytest.mark.parametrize("stem", ["..", ".", "...", "", "a/b", "..\\x", ".hidden", "index.html", "a\x00b", "  "])
def test_names_from_articles_never_leave_the_folder_or_hide(stem):
    name = output.safe_name(stem)
    assert name and name not in (".", "..") and not name.startswith(".")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert name.casefold() != "index.html"


def test_names_are_unique_even_on_case_insensitive_disks():
    assert output.unique_names(["a", "A", "a", "..", "."]) == ["a", "A-2", "a-3", "article", "article-2"]


def test_an_article_named_dotdot_txt_writes_inside_out(tmp_path):
    """C1: `...txt` has the stem `..`; its pages once went to the folder above --out."""
    parent = tmp_path / "parent"
    parent.mkdir()
    (parent / "index.html").write_text("the user's page")
    from analysis.params import validate
    from analysis.report.run import planned_files

    arts = tmp_path / "arts"
    arts.mkdir()
    for name in ("...txt", "b.txt"):
        (arts / name).write_text("Headline\nBody.\n")
    checked = [validate(article=str(arts / "...txt"), annotations="auto"),
               validate(article=str(arts / "b.txt"), annotations="auto")]
    folders = output.unique_names(p.article.stem for p in checked)
    for rel in planned_files(checked, folders, [Path("01_a.ipynb")]):
        assert (parent / "out" / rel).resolve().is_relative_to((parent / "out").resolve()), rel
        assert not any(part.startswith(".") for part in Path(rel).parts), rel


# ---------------------------------------------------------------- ownership (C3, C5, C6, 2)

def test_user_files_beside_the_reports_survive_every_run(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / ".gitkeep").mkdir()  # C5: a folder, not a file
    (out / ".gitkeep" / "precious").write_text("keep")
    tool_writes(out, {"index.html": "one", "a/01.html": "a"})
    tool_writes(out, {"index.html": "two"})
    assert user_files(out) == {".gitkeep/precious": b"keep", "index.html": b"two", "notes.txt": b"mine"}
    assert not (out / "a").exists(), "a folder the suite made and emptied is removed"


def test_a_file_the_suite_did_not_write_is_named_and_kept(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("the user's own index")
    with pytest.raises(OutputConflict) as info:
        tool_writes(out, {"index.html": "report", "x.html": "x"})
    assert "index.html" in str(info.value) and "--force" in str(info.value)
    assert user_files(out) == {"index.html": b"the user's own index"}
    tool_writes(out, {"index.html": "report"}, force=True)
    assert (out / "index.html").read_text() == "report"


def test_a_report_file_the_user_edited_becomes_the_users(tmp_path):
    out = tmp_path / "out"
    tool_writes(out, {"index.html": "v1", "old.html": "old"})
    (out / "index.html").write_text("edited by hand")
    (out / "old.html").write_text("kept notes")
    with pytest.raises(OutputConflict, match="index.html"):
        tool_writes(out, {"index.html": "v2"})
    tool_writes(out, {"new.html": "v2"})
    assert user_files(out) == {"index.html": b"edited by hand", "new.html": b"v2", "old.html": b"kept notes"}


def test_files_added_while_the_run_goes_on_are_kept(tmp_path):
    """C3: emptiness used to be checked once, before the run; files added meanwhile were deleted."""
    out = tmp_path / "out"
    tool_writes(out, {"index.html": "v1"})
    with output_folder(out, "report", replace_previous=True) as staging:
        (staging.path / "index.html").write_text("v2")
        (out / "added-meanwhile.txt").write_text("mine")
    assert user_files(out) == {"added-meanwhile.txt": b"mine", "index.html": b"v2"}


def test_a_clash_that_appears_during_the_run_is_refused_just_before_the_files_move(tmp_path):
    out = tmp_path / "out"
    tool_writes(out, {"index.html": "v1"})
    with pytest.raises(OutputConflict, match="appeared while the run"):
        with output_folder(out, "report", replace_previous=True) as staging:
            staging.check(["index.html", "new.html"])
            (staging.path / "index.html").write_text("v2")
            (staging.path / "new.html").write_text("v2")
            (out / "new.html").write_text("the user's, made meanwhile")
    assert user_files(out) == {"index.html": b"v1", "new.html": b"the user's, made meanwhile"}
    assert not [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]


def test_the_folder_keeps_its_permissions(tmp_path):
    """C6: regenerating turned a private (0700) report folder into 0755."""
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    out.chmod(0o700)
    tool_writes(out, {"index.html": "v1"})
    (out / "index.html").chmod(0o600)
    tool_writes(out, {"index.html": "v2"})
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "index.html").stat().st_mode) == 0o600


def test_a_failed_run_changes_nothing_and_removes_a_folder_it_created(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        with output_folder(out, "report") as staging:
            (staging.path / "index.html").write_text("half")
            raise RuntimeError("a notebook failed")
    assert not out.exists()
    tool_writes(out, {"index.html": "v1"})
    before = user_files(out)
    with pytest.raises(RuntimeError):
        with output_folder(out, "report") as staging:
            (staging.path / "index.html").write_text("v2")
            raise RuntimeError("a notebook failed")
    assert user_files(out) == before and sorted(p.name for p in out.iterdir()) == sorted(BOOKKEEPING | {"index.html"})


def test_links_and_folders_in_the_way_are_never_written_through_even_with_force(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "a").symlink_to(elsewhere)
    (out / "index.html").mkdir()
    with pytest.raises(OutputConflict) as info:
        tool_writes(out, {"a/01.html": "x", "index.html": "x"}, force=True)
    assert "a" in info.value.names and "index.html" in info.value.names
    assert list(elsewhere.iterdir()) == []


def test_a_manifest_the_suite_cannot_read_is_refused_unless_forced(tmp_path):
    out = tmp_path / "out"
    tool_writes(out, {"index.html": "v1"})
    (out / MANIFEST_NAME).write_text("{not json")
    with pytest.raises(OutputConflict, match=MANIFEST_NAME):
        tool_writes(out, {"index.html": "v2"})
    tool_writes(out, {"index.html": "v2"}, force=True)
    assert json.loads((out / MANIFEST_NAME).read_text())["files"]["index.html"]["by"] == "report"


# ---------------------------------------------------------------- leftovers (C4)

def test_a_killed_runs_staging_folder_is_removed_by_its_exact_name_only(tmp_path):
    """C4: clean-up once deleted the user's `.out.tmp-backup/`; brackets in --out acted as a glob."""
    parent = tmp_path / "S"
    out = parent / "r[12345]"
    out.mkdir(parents=True)
    lookalikes = [parent / ".r[12345].tmp-backup", parent / ".r[12345].old-notes", parent / ".r1.tmp-1-x",
                  out / f"{STAGING_PREFIX}backup", out / f"{STAGING_PREFIX}0123456789abcdef-mine"]
    for folder in lookalikes:
        folder.mkdir()
        (folder / "keep").write_text("mine")
    dead = out / f"{STAGING_PREFIX}00112233aabbccdd"
    dead.mkdir()
    (dead / "half.html").write_text("left by a killed run")
    (out / LOCK_NAME).write_text(json.dumps({"token": "00112233aabbccdd", "pid": 1, "verb": "report"}))
    tool_writes(out, {"index.html": "v1"})
    assert not dead.exists()
    assert all((folder / "keep").read_text() == "mine" for folder in lookalikes)
    assert (out / LOCK_NAME).read_text() == ""


def test_a_commit_cut_short_is_reconciled_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    tool_writes(out, {"index.html": "v1", "b.html": "v1"})
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    new_sha = __import__("hashlib").sha256(b"v2").hexdigest()
    manifest["pending"] = {"index.html": {"sha256": new_sha, "by": "report"},
                           "c.html": {"sha256": new_sha, "by": "report"}}
    (out / MANIFEST_NAME).write_text(json.dumps(manifest))
    (out / "index.html").write_text("v2")  # moved in before the kill; b.html and c.html were not
    tool_writes(out, {"index.html": "v3", "b.html": "v3"})
    assert user_files(out) == {"index.html": b"v3", "b.html": b"v3"}


# ---------------------------------------------------------------- the lock (C7)

def test_a_second_run_is_refused_whatever_its_temporary_folder(tmp_path):
    """C7: the lock lived in TMPDIR, so two runs with different TMPDIR values both ran."""
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom analysis.report.output import output_folder\n"
         "with output_folder(sys.argv[1], 'report'):\n    print('held', flush=True)\n    time.sleep(60)\n",
         str(out)], env=dict(os.environ, TMPDIR=str(tmp_path)), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        other_tmp = tmp_path / "other-tmp"
        other_tmp.mkdir()
        done = subprocess.run([sys.executable, "-c", "import sys\nfrom analysis.report.output import output_folder\n"
                               "with output_folder(sys.argv[1], 'report'):\n    pass\n", str(out)],
                              env=dict(os.environ, TMPDIR=str(other_tmp)), capture_output=True, text=True)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert done.returncode != 0 and "is being written by another `report` run" in done.stderr
    tool_writes(out, {"index.html": "v1"})  # the killed holder's lock is gone with it
    assert (out / "index.html").read_text() == "v1"


def test_an_output_path_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "file"
    target.write_text("keep")
    with pytest.raises(InputError, match="not a folder"):
        tool_writes(target, {"index.html": "x"})
    assert target.read_text() == "keep"


# ---------------------------------------------------------------- tables and annotate (item 2)

def test_tables_never_replace_a_users_csv_without_force(mini_files, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "events.csv").write_text("my own events\n")
    assert cli.main(["tables", str(mini_files), "--out", str(data)]) == 2
    err = capsys.readouterr().err
    assert "events.csv" in err and "--force" in err and (data / "events.csv").read_text() == "my own events\n"
    assert sorted(p.name for p in data.iterdir()) == ["events.csv"]
    assert cli.main(["tables", str(mini_files), "--out", str(data), "--force"]) == 0
    assert (data / "events.csv").read_text() != "my own events\n"
    assert cli.main(["tables", str(mini_files), "--out", str(data)]) == 0, "its own files are replaced freely"


def test_annotate_keeps_a_hand_edited_annotation(mini_files, tmp_path, capsys):
    out = tmp_path / "ann"
    assert cli.main(["annotate", str(mini_files), "--published", "2024-08-12", "--out", str(out)]) == 0
    target = out / "mini.auto.json"
    target.write_text(target.read_text().replace('"auto"', '"auto" '))  # a hand edit
    edited = target.read_bytes()
    assert cli.main(["annotate", str(mini_files), "--published", "2024-08-12", "--out", str(out)]) == 2
    assert "mini.auto.json" in capsys.readouterr().err and target.read_bytes() == edited
    assert cli.main(["tables", str(mini_files), "--out", str(out)]) == 0, "annotate's tables are the suite's"


def test_errors_name_paths_as_text(tmp_path, capsys):
    assert cli.main(["report", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt" in err and "PosixPath" not in err and "WindowsPath" not in err


def test_reports_folder_of_the_project_is_a_clean_report_folder():
    """`make reports` regenerates reports/ without --force: every file there is in its manifest."""
    manifest = json.loads((paths.REPORTS_DIR / MANIFEST_NAME).read_text(encoding="utf-8"))
    on_disk = set(user_files(paths.REPORTS_DIR))
    assert on_disk == set(manifest["files"]), "reports/ holds files its manifest does not list"
    assert not manifest.get("pending")
