"""Who may import whom (docs/architecture.md), read from the source: the shared building blocks name
no app, and no product module reaches the demo or the benchmark."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ["core", "federation", "news", "agreements"]
APPS = {"federation", "news", "agreements"}
TOOLING = {"demo", "bench"}


def modules(package):
    return sorted((ROOT / package).rglob("*.py"))


def imported(path):
    """Every module a file imports, at any depth of the file (functions included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def top(name):
    return name.split(".")[0]


def offending(paths, forbidden):
    found = []
    for path in paths:
        for name in sorted(imported(path)):
            if forbidden(name):
                found.append(f"{path.relative_to(ROOT)}: {name}")
    return found


def test_the_files_these_tests_read_exist():
    for package in [*PRODUCT, *TOOLING]:
        assert modules(package), package
    assert ROOT / "core" / "pagecache.py" in modules("core")


def test_nothing_under_core_imports_an_app_the_demo_or_the_benchmark():
    forbidden = APPS | TOOLING | {"tests"}
    assert offending(modules("core"), lambda name: top(name) in forbidden) == []


def test_no_product_module_imports_the_demo_or_the_benchmark():
    paths = [path for package in PRODUCT for path in modules(package)]
    assert offending(paths, lambda name: top(name) in TOOLING) == []


def test_news_imports_neither_agreements_nor_the_worker_profiles():
    def forbidden(name):
        return top(name) == "agreements" or name.startswith("federation.workers")

    assert offending(modules("news"), forbidden) == []


# An app named in a string (a model label, a URL name) is an import in disguise.
APP_STRING = re.compile(r"^(federation|news|agreements|workers)[.:]\w")


def strings_in_code(path):
    """String constants outside docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


def test_core_names_no_apps_model_or_url_in_its_code():
    found = [
        f"{path.relative_to(ROOT)}: {value!r}"
        for path in modules("core")
        for value in strings_in_code(path)
        if APP_STRING.match(value)
    ]
    assert found == []


def test_the_production_settings_install_neither_the_demo_nor_the_benchmark():
    from federation import settings

    assert not TOOLING & {top(app) for app in settings.INSTALLED_APPS}
    assert not [m for m in settings.MIDDLEWARE if top(m) in TOOLING]
    assert top(settings.ROOT_URLCONF) not in TOOLING


def readme_layout():
    """{path: description} from the README's layout block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Layout", 1)[1].split("```")[1]
    entries, current = {}, None
    for line in block.strip("\n").splitlines():
        if line.startswith(" "):
            entries[current] += " " + line.strip()
            continue
        paths = re.match(r"((?:\S+/ )*\S+/)\s+(.*)", line)
        for path in paths.group(1).split():
            entries[path] = paths.group(2)
        current = path
    return entries


def test_the_readme_layout_names_every_package_and_every_core_module():
    layout = readme_layout()
    for path in layout:
        assert (ROOT / path).is_dir(), path
    packages = {
        f"{p.parent.relative_to(ROOT).as_posix()}/"
        for p in ROOT.glob("*/__init__.py")
        if p.parent.name != "tests"
    } | {"federation/workers/"}
    assert packages <= set(layout)
    core_modules = {p.stem for p in (ROOT / "core").glob("*.py")} - {"__init__", "apps"}
    assert {m for m in core_modules if m not in layout["core/"]} == set()
