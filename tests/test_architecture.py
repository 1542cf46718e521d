"""Rules that keep the code honest: imports flow one way (see [tool.importlinter] in
pyproject.toml), and the type hints hold."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is part of the test extra"
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_package_type_checks() -> None:
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert mypy, "mypy is part of the test extra"
    result = subprocess.run([mypy], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_importing_the_package_has_no_side_effects(tmp_path: Path) -> None:
    """Importing every non-interface module writes nothing and prints nothing."""
    code = (
        "import reader.model, reader.settings.feeds, reader.commands.cli; "
        "import reader.layout, reader.parse.loader, reader.parse.corpus"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert list(tmp_path.iterdir()) == []


def test_the_library_and_the_commands_load_no_textual() -> None:
    """What `list`, `export` and `show` run imports no Textual: it is the reader's alone,
    and costs start-up time the commands should not pay."""
    code = (
        "import sys, reader.commands.cli, reader.library.session, reader.library.admin; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
