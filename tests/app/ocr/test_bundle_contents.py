"""What the installer carries for recognition: the engine's models and settings as package data, onnxruntime's
libraries, and none of OpenCV's own Qt plug-ins."""
from pathlib import Path

import pytest

from tests.app.test_packaging import bundle_contents as contents

hooks = pytest.importorskip("PyInstaller.utils.hooks", reason="PyInstaller is the packaging extra")
collect_data_files, collect_dynamic_libs = hooks.collect_data_files, hooks.collect_dynamic_libs

def test_the_models_and_the_engine_settings_are_collected():
    patterns = dict(contents().DATA_FILES)["rapidocr_onnxruntime"]
    collected = [Path(src).name for src, _ in collect_data_files("rapidocr_onnxruntime", includes=patterns)]
    assert "config.yaml" in collected
    assert sum(name.endswith(".onnx") for name in collected) >= 3  # detection, direction, recognition


def test_onnxruntime_libraries_are_collected():
    assert "onnxruntime" in contents().DYNAMIC_LIBRARY_PACKAGES
    libraries = [Path(src).name for src, _ in collect_dynamic_libs("onnxruntime")]
    assert any(name.startswith("onnxruntime_pybind11_state") or "libonnxruntime" in name for name in libraries)


def test_opencv_qt_plugins_stay_out_and_numpy_is_kept():
    c = contents()
    assert not c.keep_qt_file("cv2/qt/plugins/platforms/libqxcb.so")
    assert c.keep_qt_file("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert c.keep_qt_file("cv2/cv2.abi3.so")
    assert "numpy" not in c.EXCLUDES


def test_the_wheels_bundled_libraries_are_copied_unstripped():
    c = contents()
    assert c.keep_unstripped("numpy.libs/libscipy_openblas64_-32a4b2a6.so")
    assert c.keep_unstripped("opencv_python.libs\\libavcodec-c4204469.so.62")
    assert not c.keep_unstripped("PySide6/Qt/lib/libQt6Core.so.6") and not c.keep_unstripped("libpython3.11.so.1.0")
