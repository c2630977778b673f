"""House habits read from the source: every module says in its first line what it is for, and
no product module runs long unless it is mostly declarations (models: fields, choices, Meta)."""

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


PRODUCT = ["core", "federation", "news", "agreements"]
LONG_MODULE = 400


def declared_and_computed(tree):
    """Lines of declarations (fields, choices, Meta, constants) and lines of function code."""
    declared = computed = 0
    for node in tree.body:
        lines = node.end_lineno - node.lineno + 1
        if isinstance(node, ast.ClassDef):
            inner = ast.Module(body=node.body, type_ignores=[])
            more_declared, more_computed = declared_and_computed(inner)
            declared, computed = declared + more_declared, computed + more_computed
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            computed += lines
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.Expr, ast.Import, ast.ImportFrom)):
            declared += lines
        else:
            computed += lines
    return declared, computed


def test_no_product_module_runs_past_400_lines_unless_it_is_mostly_declarations():
    too_long = {}
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            if "migrations" in path.parts or len(source.splitlines()) <= LONG_MODULE:
                continue
            declared, computed = declared_and_computed(ast.parse(source))
            if computed >= declared:
                too_long[str(path.relative_to(ROOT))] = (declared, computed)
    assert too_long == {}, "split by topic: (declaration lines, function lines)"
