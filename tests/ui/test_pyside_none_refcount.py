"""Guards the PySide6 pin: 6.12.0 on Python 3.11 corrupts the refcount of ``None`` and aborts the process
(``Fatal Python error: none_dealloc``) after a few thousand Qt calls that return None. 6.11.3 must survive 100,000."""
import subprocess
import sys
import textwrap

import PySide6


def test_pinned_version():
    assert PySide6.__version__ == "6.11.3"


def test_hundred_thousand_none_returns_in_a_child_process():
    # A child process, because the failure mode is an abort that would take the whole test run down.
    code = textwrap.dedent("""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6 import QtCore, QtGui, QtWidgets
        app = QtWidgets.QApplication([])
        from ui.models.paging import Column, PagingTableModel
        model = PagingTableModel([Column("a", "A")])
        std = QtGui.QStandardItemModel(3, 3)
        invalid = QtCore.QModelIndex()
        before = sys.getrefcount(None)
        n = 0
        for i in range(100_000):
            assert model.data(invalid) is None          # our model, Python returning None through Qt
            assert std.data(std.index(i % 3, i % 3)) is None  # Qt's model returning an empty QVariant
            n += 1
        after = sys.getrefcount(None)
        print("ok", n, before, after)
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.startswith("ok 100000")
