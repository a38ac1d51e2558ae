"""The one place that imports the Qt binding (PySide6, pinned to 6.11.3: 6.12.0 aborts on Python 3.11)."""
from PySide6 import QtCharts, QtCore, QtGui, QtPdf, QtPdfWidgets, QtPrintSupport, QtWidgets  # noqa: F401
from PySide6.QtCore import Qt, Signal, Slot  # noqa: F401
from shiboken6 import isValid  # noqa: F401  (False once Qt has deleted the object behind a wrapper)

__all__ = ["QtCharts", "QtCore", "QtGui", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtWidgets", "Qt", "Signal", "Slot", "isValid"]
