"""What the PyInstaller bundle must hold beyond what its analysis finds by following ``import`` statements.

Read by ``packaging/zhengwu-gongkai.spec`` and by ``tests/app/test_packaging.py``; it is loaded by file path (the
folder ``packaging/`` is not a Python package: ``packaging`` is also the name of a PyPI package PyInstaller needs).

Four places load modules by a name in a list (``importlib.import_module``), which PyInstaller cannot see. The lists
are read here, at build time, so that a module added to one of them is bundled without touching the spec.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def modules_loaded_by_name() -> list[str]:
    """Every module the program imports by a name string, in the order of the lists that name them."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from app import modules
    from app import printing
    from app.cli import COMMAND_MODULES
    from db.migrations import STEP_MODULES
    names = [*COMMAND_MODULES, *modules.MODULES, *printing._EXPORTS.values(), *STEP_MODULES]
    return list(dict.fromkeys(names))


# Data files read at run time, as (package, glob patterns) for PyInstaller's collect_data_files.
DATA_FILES = [
    ("app.resources", ["**/*.qss", "**/*.svg", "**/*.txt", "**/*.json"]),  # stylesheet, icon, example notices
    # holidays names its days through gettext catalogues (domain = country code); only China's are read
    ("holidays", ["locale/*/LC_MESSAGES/CN.mo"]),
    # the recognition engine's models and settings, read from its package folder (nothing is downloaded at run time)
    ("rapidocr_onnxruntime", ["models/*.onnx", "config.yaml", "**/*.yaml"]),
]

# Packages whose shared libraries are loaded by a path of their own (onnxruntime's providers), collected whole.
DYNAMIC_LIBRARY_PACKAGES = ["onnxruntime"]

# Libraries copied as they are, not stripped: the wheels' bundled libraries (auditwheel's ``*.libs`` folders) are laid
# out by patchelf, and ``strip`` leaves them unloadable ("ELF load command address/offset not page-aligned": numpy's
# OpenBLAS, and with it the recognition engine, failed to load in the bundle).
UNSTRIPPED = ("numpy.libs/", "opencv_python.libs/", "numpy/", "cv2/", "onnxruntime/")


def keep_unstripped(dest: str) -> bool:
    return dest.replace("\\", "/").startswith(UNSTRIPPED)

# Packages whose modules are also kept as .py files in the bundle: python-docx opens its templates by a path that
# goes through its own sub-package folders (docx/parts/../templates/default-footer.xml), and on Linux such a path
# exists only if docx/parts is a real folder.
SOURCE_PACKAGES = ["docx"]

# Python modules the program never uses but whose hooks would pull in large parts of Qt, or that come with the
# environment the bundle is built in (the test tools).
EXCLUDES = [
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuick3D", "PySide6.QtQuickControls2",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick", "PySide6.QtWebChannel",
    "PySide6.QtWebSockets", "PySide6.QtWebView", "PySide6.QtVirtualKeyboard", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtSpatialAudio", "PySide6.QtTextToSpeech", "PySide6.Qt3DCore",
    "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic", "PySide6.Qt3DAnimation", "PySide6.Qt3DExtras",
    "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtHelp", "PySide6.QtBluetooth", "PySide6.QtNfc",
    "PySide6.QtPositioning", "PySide6.QtLocation", "PySide6.QtSensors", "PySide6.QtSerialPort", "PySide6.QtSerialBus",
    "PySide6.QtRemoteObjects", "PySide6.QtScxml", "PySide6.QtStateMachine", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtDataVisualization", "PySide6.QtGraphs", "PySide6.QtHttpServer", "PySide6.QtNetworkAuth",
    "tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "pdfplumber", "IPython", "matplotlib",
]

# Files of the collected Qt that the program never loads, matched (in lower case) against the path inside the bundle.
# Linux runs
# on X11 (xcb), tests and smoke on offscreen; wayland/eglfs/vnc plug-ins and their libraries are left out.
EXCLUDED_QT_FILES = [
    "plugins/platforms/libqwayland", "plugins/platforms/libqeglfs", "plugins/platforms/libqvnc",
    "plugins/platforms/libqlinuxfb", "plugins/platforms/libqminimalegl", "plugins/platforms/libqvkkhrdisplay",
    "plugins/wayland-", "plugins/egldeviceintegrations", "plugins/platforminputcontexts/libqtvirtualkeyboard",
    "plugins/platformthemes/libqgtk3",  # would need GTK 3 and its whole stack; Qt's own dialogs are used instead
    "plugins/qmltooling", "plugins/generic", "plugins/networkinformation", "plugins/tls/libqopensslbackend",
    "qt6wayland", "qt6wlshell", "qt6eglfs", "qt6qml", "qt6quick", "qt6virtualkeyboard", "qt6webengine", "/qml/",
    # OpenCV (the recognition engine's image library) brings Qt 5 platform plug-ins of its own; the window's Qt is
    # PySide6's, and cv2's plug-in folder would be offered to it (QT_QPA_PLATFORM_PLUGIN_PATH)
    "cv2/qt/",
]

# On Linux the bundle keeps, of the system's libraries, only those Python itself and the non-Qt extension modules
# need (SQLite above all: the bundle carries its own, with FTS5 trigram). The desktop's libraries that Qt uses (X11,
# xcb, fontconfig, freetype, glib, D-Bus, CUPS and what they pull in) come from the system: the .deb depends on
# their packages (packaging/build-deb.sh finds them with ldd), so they match the system's own configuration files.
KEPT_SYSTEM_LIBRARIES = ("libpython", "libsqlite3.", "libstdc++.", "libgcc_s.", "libz.", "libcrypto.", "libssl.",
                         "libuuid.", "libtinfo.", "libreadline.", "liblzma.", "libffi.", "libbz2.", "libexpat.",
                         "libmpdec.")
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def keep_system_library(dest: str, source: str) -> bool:
    """Whether a library PyInstaller found among the system's (not in a Python package) stays in the bundle."""
    if "/" in dest.replace("\\", "/") or not source.startswith(SYSTEM_LIBRARY_DIRS) or "site-packages" in source:
        return True
    return dest.startswith(KEPT_SYSTEM_LIBRARIES)


# Qt translations: only the Chinese ones are installed (ui.application.install_translations).
KEPT_TRANSLATIONS = ("_zh_cn.qm",)


def keep_qt_file(dest: str) -> bool:
    """Whether a collected file (its destination path inside the bundle) stays in the bundle."""
    path = dest.replace("\\", "/").lower()
    if any(part in path for part in EXCLUDED_QT_FILES):
        return False
    if "/translations/" in path and path.endswith(".qm"):
        return path.endswith(KEPT_TRANSLATIONS)
    return True
