"""Which of the tags code's numeric constants the tests pin.

Each module-level number in `reader/parse/tags/` is set to 0, halved and doubled in a copy of
the package, and the tag tests are run against the copy. A constant whose every variant
passes is decided by no test: it earns one (an inline page where it decides the split) or
goes. The script prints, for each constant, which variants some test catches.

    python benchmarks/tag_weights.py            # every constant
    python benchmarks/tag_weights.py _GLUE_COST # only those named
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TAGS = ROOT / "reader" / "parse" / "tags"
TESTS = [
    "tests/test_loader_tags.py",
    "tests/test_loader_seed.py",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_tags_*.py")),
]
VARIANTS = ("0", "half", "double")


@dataclass(frozen=True, slots=True)
class Constant:
    module: str
    name: str
    value: int | float
    line: int


def constants() -> list[Constant]:
    """Every `NAME = number` at the top level of the tags modules."""
    found = []
    for path in sorted(TAGS.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                value = _number(node.value)
                if value is not None:
                    found.append(Constant(path.stem, node.targets[0].id, value, node.lineno))
    return found


def _number(node: ast.expr) -> int | float | None:
    """The value of a number written as a literal or as arithmetic on literals (`40 * 40`);
    None for anything else (a constant made from another is varied with it)."""
    if not all(isinstance(n, ast.Constant | ast.BinOp | ast.operator) for n in ast.walk(node)):
        return None
    value = eval(compile(ast.Expression(node), "<constant>", "eval"), {"__builtins__": {}})
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def varied(value: int | float, variant: str) -> int | float:
    if variant == "0":
        return type(value)(0)
    if variant == "half":
        return value // 2 if isinstance(value, int) else value / 2
    return value * 2


def caught(constant: Constant, variant: str, work: Path) -> str | None:
    """The first test that fails with the constant varied, or None when all pass."""
    copy = work / "reader"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(ROOT / "reader", copy, ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / "parse" / "tags" / f"{constant.module}.py"
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines[constant.line - 1]
    value = varied(constant.value, variant)
    new = re.sub(rf"^{constant.name} = [^#]+", f"{constant.name} = {value!r}  ", line)
    assert new != line, line
    lines[constant.line - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(work), "NEWSREADER_LIBRARY": ":memory:"}
    # Run from the copy's folder: `python -m` puts the working folder first on the path.
    tests = [str(ROOT / test) for test in TESTS]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-x",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(ROOT),
            "-c",
            str(ROOT / "pyproject.toml"),
            *tests,
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        return None
    failed = re.search(r"^FAILED (\S+)", result.stdout, re.MULTILINE)
    return failed.group(1).split("::")[-1] if failed else f"exit {result.returncode}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these constants")
    args = parser.parse_args()
    chosen = [c for c in constants() if not args.names or c.name in args.names]
    survivors = 0
    with tempfile.TemporaryDirectory(prefix="newsreader-weights-") as work:
        for constant in chosen:
            results = {variant: caught(constant, variant, Path(work)) for variant in VARIANTS}
            alive = [variant for variant, test in results.items() if test is None]
            survivors += len(alive) == len(VARIANTS)
            shown = "  ".join(f"{v}: {results[v] or 'SURVIVES'}" for v in VARIANTS)
            print(f"{constant.module}.{constant.name} = {constant.value!r}  {shown}", flush=True)
    print(f"{len(chosen)} constants, {survivors} survive all three variants")


if __name__ == "__main__":
    main()
