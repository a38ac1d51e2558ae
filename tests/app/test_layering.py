"""The layers point one way: ui -> app -> db. ``app`` and ``db`` never import Qt or ``ui``."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "shiboken6", "ui")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def _bad(package: str):
    out = []
    for path in sorted((ROOT / package).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "app/__main__.py":
            continue  # the start-up module may open the window (lazily)
        for line, name in _imports(path):
            if name.split(".")[0] in FORBIDDEN:
                out.append(f"{rel}:{line} imports {name}")
            if package == "db" and name.split(".")[0] == "app":
                out.append(f"{rel}:{line} imports {name} (db must not depend on app)")
    return out


def test_app_does_not_import_qt_or_ui():
    assert _bad("app") == []


def test_db_does_not_import_qt_ui_or_app():
    assert _bad("db") == []


def test_start_up_module_imports_ui_only_inside_functions():
    tree = ast.parse((ROOT / "app" / "__main__.py").read_text(encoding="utf-8"))
    for node in tree.body:  # module level only
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            assert not any(n.split(".")[0] in FORBIDDEN for n in names)


def test_ui_does_not_import_db_directly():
    bad = [f"{p.relative_to(ROOT)}:{line}" for p in sorted((ROOT / "ui").rglob("*.py"))
           for line, name in _imports(p) if name.split(".")[0] == "db" or name == "peewee"]
    assert bad == []
