"""House habits read from the source: every module says in its first line what it is for."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["core", "federation", "news", "agreements", "demo", "bench", "tests"]


def python_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # written by makemigrations
            yield path


def test_every_module_opens_with_a_line_that_says_what_it_is_for():
    lacking = []
    for path in python_files():
        source = path.read_text(encoding="utf-8")
        if path.name == "__init__.py" and not source.strip():
            continue  # an empty package marker has nothing to describe
        docstring = ast.get_docstring(ast.parse(source))
        if not docstring or not docstring.strip():
            lacking.append(str(path.relative_to(ROOT)))
    assert lacking == []
