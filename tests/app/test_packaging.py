"""What the installers rely on: the modules loaded by name reach the bundle, the wheel carries the package data, one
version number, a plain message for a SQLite too old, and the program survives a windowed build's missing console."""
import importlib
import importlib.util
import io
import logging
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import app
from app import __main__ as entry
from app import logs, sqlite_check
from app.errors import StorageError

ROOT = Path(__file__).resolve().parents[2]


def bundle_contents():
    spec = importlib.util.spec_from_file_location("bundle_contents", ROOT / "packaging" / "bundle_contents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- the modules loaded by a name string --------------------------------------------------------------------------

def test_every_module_loaded_by_name_is_collected_and_importable():
    from app import modules, printing
    from app.cli import COMMAND_MODULES
    from db.migrations import STEP_MODULES
    collected = bundle_contents().modules_loaded_by_name()
    listed = [*COMMAND_MODULES, *modules.MODULES, *printing._EXPORTS.values(), *STEP_MODULES]
    assert set(listed) <= set(collected) and len(collected) == len(set(collected))
    for name in collected:
        importlib.import_module(name)


def test_a_name_added_to_a_list_is_collected_without_touching_the_spec(monkeypatch):
    from app import modules
    from db import migrations
    monkeypatch.setattr(modules, "MODULES", [*modules.MODULES, "app.complaints.hooks"])
    monkeypatch.setattr(migrations, "STEP_MODULES", [*migrations.STEP_MODULES, "db.migrations.m099_future"])
    collected = bundle_contents().modules_loaded_by_name()
    assert "app.complaints.hooks" in collected and "db.migrations.m099_future" in collected


def test_no_other_module_loads_by_a_name_the_spec_does_not_know():
    """A fifth list of names would be invisible to the bundle: only the four known places call import_module."""
    known = {ROOT / "app" / "cli" / "__init__.py", ROOT / "app" / "modules.py", ROOT / "app" / "printing" / "__init__.py",
             ROOT / "db" / "migrations" / "__init__.py"}
    found = {path for package in ("app", "ui", "db") for path in (ROOT / package).rglob("*.py")
             if re.search(r"import_module\(|__import__\(", path.read_text(encoding="utf-8"))}
    assert found == known


def test_the_spec_checks_its_analysis_against_the_lists():
    spec = (ROOT / "packaging" / "zhengwu-gongkai.spec").read_text(encoding="utf-8")
    assert "modules_loaded_by_name()" in spec and "hiddenimports=hidden" in spec
    assert "not in the bundle" in spec  # the build stops when the analysis missed one


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6", False),
    ("PySide6/Qt/lib/libQt6Qml.so.6", False),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6\\Qt6Quick.dll", False),
])
def test_unused_qt_parts_are_left_out(dest, kept):
    assert bundle_contents().keep_qt_file(dest) is kept


@pytest.mark.parametrize("dest, source, kept", [
    ("libsqlite3.so.0", "/lib/x86_64-linux-gnu/libsqlite3.so.0", True),  # the bundle's own SQLite
    ("libX11.so.6", "/lib/x86_64-linux-gnu/libX11.so.6", False),  # the desktop's, a dependency of the .deb
    ("libfontconfig.so.1", "/usr/lib/x86_64-linux-gnu/libfontconfig.so.1", False),
    ("libxcb-9065bb12.so.1.1.0", "/venv/lib/python3.11/site-packages/pillow.libs/libxcb-9065bb12.so.1.1.0", True),
    ("PySide6/Qt/lib/libQt6Core.so.6", "/venv/site-packages/PySide6/Qt/lib/libQt6Core.so.6", True),
])
def test_system_libraries_come_from_the_system_except_pythons_own(dest, source, kept):
    assert bundle_contents().keep_system_library(dest, source) is kept


# ---- the wheel and the version ------------------------------------------------------------------------------------

def test_one_version_number():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", app.__version__)


def test_version_option(capsys):
    with pytest.raises(SystemExit) as done:
        entry.main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"{app.APP_NAME} {app.__version__}"


def test_the_wheel_carries_the_resources_and_the_version(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True, cwd=tmp_path)
    wheel, = tmp_path.glob("*.whl")
    assert wheel.name.startswith(f"zhengwu_gongkai-{app.__version__}-")
    names = zipfile.ZipFile(wheel).namelist()
    for resource in ("style.qss", "icons/app.svg", "calendars/2026.txt", "calendars/2026.json"):
        assert f"app/resources/{resource}" in names


def test_resources_are_read_through_the_package():
    from app.resources import resource
    assert "{" in resource("style.qss").read_text(encoding="utf-8")
    assert resource("icons/app.svg").read_bytes().lstrip().startswith(b"<")
    assert not (ROOT / "resources").exists()


# ---- SQLite -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("version", [(3, 27, 2), (3, 31, 1), (3, 33, 0)])
def test_an_old_sqlite_is_told_plainly(version):
    text = sqlite_check.problem(version)
    assert ".".join(map(str, version)) in text and "3.34" in text and "安装包" in text


def test_sqlite_without_trigram_is_told_plainly():
    assert "FTS5" in sqlite_check.problem((3, 45, 0), trigram=False)


def test_this_sqlite_will_do():
    assert sqlite_check.problem() is None


def test_an_old_sqlite_stops_the_start_before_any_migration(tmp_path, monkeypatch):
    from app.workspace import open_workspace
    monkeypatch.setattr(sqlite_check.sqlite3, "sqlite_version_info", (3, 27, 2))
    with pytest.raises(StorageError, match="3.27.2"):
        open_workspace(str(tmp_path / "data"))
    assert not (tmp_path / "data" / "zhengwu.db").exists()


# ---- a windowed build: no sys.stdout, no sys.stderr -----------------------------------------------------------------

@pytest.fixture
def no_console(monkeypatch, tmp_path):
    """Call it in the test itself: pytest puts its own capturing streams back between a fixture and the test."""

    def detach():
        monkeypatch.setattr(sys, "stdout", None)
        monkeypatch.setattr(sys, "stderr", None)
        monkeypatch.setattr(logs, "_console", None)
        return tmp_path

    return detach


@pytest.mark.parametrize("argv, code", [
    (["--version"], 0),
    (["--help"], 0),
    (["no-such-command"], 2),
    (["deadline", "--received", "2026-02-30"], 2),
])
def test_parsing_without_a_console(no_console, argv, code):
    no_console()
    with pytest.raises(SystemExit) as done:
        entry.main(argv)
    assert done.value.code == code


def test_an_error_without_a_console_goes_to_the_log(no_console):
    folder = no_console()
    data = folder / "data"
    code = entry.main(["--data-dir", str(data), "notice", "--request", "2026-1", "--kind", "登记回执", "--out",
                       str(folder / "x.pdf")])
    assert code != 0
    assert "错误：" in logs.log_path(data).read_text(encoding="utf-8")
    assert isinstance(sys.stderr, entry._LogStream) and isinstance(sys.stdout, entry._LogStream)


def test_an_unexpected_error_without_a_console(no_console, monkeypatch):
    import app.cli.maintenance as maintenance

    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(maintenance, "cmd_check", broken)  # register() reads it when the parser is built
    folder = no_console()
    code = entry.main(["--data-dir", str(folder / "data"), "check"])
    assert code == 70
    # the reference number and where the log is were "printed" into the log
    assert "参考编号" in logs.log_path(folder / "data").read_text(encoding="utf-8")


def test_the_stand_in_stream_writes_whole_lines_to_the_log(caplog):
    stream = entry._LogStream("stderr")
    with caplog.at_level(logging.INFO, logger="stderr"):
        print("第一行\n第二", file=stream, end="")
        assert [r.getMessage() for r in caplog.records] == ["第一行"]
        print("行", file=stream)
    assert [r.getMessage() for r in caplog.records] == ["第一行", "第二行"]
    assert stream.writable() and not stream.isatty() and isinstance(stream, io.TextIOBase)


def test_no_unguarded_write_to_the_console_streams():
    """``print(file=sys.stderr)`` is safe without a console (print skips a None file); a method called on the stream
    itself is not, unless the line checks it first."""
    offending = []
    for package in ("app", "ui", "db"):
        for path in (ROOT / package).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(r"sys\.(stderr|stdout)\.\w+\(", line) and "is not None" not in line:
                    offending.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offending == []
