"""The project is an installable package: a wheel holds `analysis` and its data, nothing else."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analysis import __version__, paths


@pytest.mark.slow
def test_wheel_holds_the_package_and_its_data_only(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path),
                             str(paths.PROJECT_DIR)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("conflict_notebooks-*.whl")
    assert f"-{__version__}-" in wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    assert "analysis/data/gazetteer.json" in names and "analysis/cli/__init__.py" in names
    assert {n.split("/")[0] for n in names} == {"analysis", f"conflict_notebooks-{__version__}.dist-info"}
    entry_points = zipfile.ZipFile(wheel).read(f"conflict_notebooks-{__version__}.dist-info/entry_points.txt")
    assert b"conflict-notebooks = analysis.cli:main" in entry_points


def test_console_script_and_module_entry_give_the_same_help():
    script = Path(sys.executable).parent / "conflict-notebooks"
    module = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True, text=True)
    console = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert module.returncode == console.returncode == 0
    assert "tables" in module.stdout and module.stdout == console.stdout
