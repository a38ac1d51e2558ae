"""Messages name the command the user actually has: the bundle's executable, the installed script, or
``python -m app`` in a source tree."""
import sys
from pathlib import Path

import pytest

from app import APP_ID, program
from app.paths import DataDir


@pytest.fixture
def bundle(monkeypatch, tmp_path):
    """A PyInstaller bundle: ``sys.frozen`` set, ``sys.executable`` the bundle's program in a folder with a space."""
    folder = tmp_path / "Program Files" / APP_ID
    folder.mkdir(parents=True)
    exe = folder / APP_ID
    exe.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(program.shutil, "which", lambda name: None)
    return exe


def test_a_source_tree_runs_python_m_app(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "argv", [str(Path("app") / "__main__.py")])
    assert program.command_line("restore", "备份.zip") == "python -m app restore 备份.zip"


def test_an_installed_script_is_typed_by_its_name(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "argv", [f"/usr/local/bin/{APP_ID}"])
    assert program.command_line("check") == f"{APP_ID} check"


def test_a_bundle_names_its_own_executable_quoted(bundle, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert program.command_line("restore", "/media/U 盘/a.zip") == f'"{bundle}" restore "/media/U 盘/a.zip"'


def test_the_deb_bundle_on_the_path_is_typed_by_its_name(bundle, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(program.shutil, "which", lambda name: str(bundle) if name == APP_ID else None)
    assert program.command_line("check") == f"{APP_ID} check"


def test_a_windows_bundle_names_its_console_program(bundle, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert program.program() == f'"{bundle.with_name(APP_ID + "-cli.exe")}"'


def test_the_restore_hint_and_the_command_line_help_use_it(bundle, monkeypatch, tmp_path):
    from app.cli import build_parser
    from app.workspace import _backup_hint
    monkeypatch.setattr(sys, "platform", "linux")
    hint = _backup_hint(DataDir(tmp_path / "data"))
    assert f'"{bundle}" restore' in hint and "python -m app" not in hint
    assert build_parser().prog == f'"{bundle}"'


def test_no_message_spells_out_python_m_app():
    """Every message that names a command builds it with ``app.program``; docstrings and comments may say it."""
    import ast
    root = Path(program.__file__).resolve().parent.parent
    found = []
    for path in [*(root / "app").rglob("*.py"), *(root / "ui").rglob("*.py")]:
        if path.name == "program.py" and path.parent.name == "app":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        found += [f"{path.relative_to(root)}:{n.lineno}" for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str) and "python -m app" in n.value
                  and id(n) not in docstrings]
    assert found == []
