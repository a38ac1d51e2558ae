"""The application's identity as the desktop sees it: a stable ASCII name (QSettings' file), the Chinese display
name, the desktop entry the .deb installs, the one version number; and its stylesheet and icon from the package."""
from pathlib import Path

import app
from ui.application import create_application
from ui.qt import QtCore

ROOT = Path(__file__).resolve().parents[2]


def test_identity(qapp):
    create_application()
    assert qapp.applicationName() == app.APP_ID == "zhengwu-gongkai"
    assert app.APP_ID.isascii()
    assert qapp.applicationDisplayName() == app.APP_NAME
    assert qapp.desktopFileName() == app.APP_ID
    assert qapp.applicationVersion() == app.__version__
    assert (ROOT / "packaging" / "linux" / f"{app.APP_ID}.desktop").is_file()
    assert Path(QtCore.QSettings().fileName()).stem == app.APP_ID


def test_stylesheet_and_icon_come_from_the_package(qapp):
    create_application()
    assert qapp.styleSheet().strip()
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().availableSizes()
