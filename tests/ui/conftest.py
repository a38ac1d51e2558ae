"""Qt tests: message boxes recorded instead of shown, background work run inline."""
import pytest

from ui import messages, tasks


@pytest.fixture(autouse=True)
def recorded_messages(monkeypatch):
    recorder = messages.RecordingMessages()
    old = messages.set_service(recorder)
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    yield recorder
    messages.set_service(old)


@pytest.fixture(autouse=True)
def file_dialogs_answered_by_qt_statics(monkeypatch):
    """The program's file dialogs are answered through ``QFileDialog.getOpenFileName``/``getSaveFileName``, which
    tests replace to choose a file without showing anything."""
    from ui import file_dialogs
    from ui.qt import QtWidgets

    def answer(dialog):
        saving = dialog.acceptMode() == QtWidgets.QFileDialog.AcceptSave
        static = QtWidgets.QFileDialog.getSaveFileName if saving else QtWidgets.QFileDialog.getOpenFileName
        return static(dialog.parent(), dialog.windowTitle(), dialog.initial_path, dialog.filter_text)

    monkeypatch.setattr(file_dialogs, "chooser", answer)


@pytest.fixture(autouse=True, scope="session")
def private_qsettings(tmp_path_factory):
    """Window geometry and other QSettings go to a temporary folder, not the tester's own configuration."""
    from ui.qt import QtCore
    QtCore.QSettings.setDefaultFormat(QtCore.QSettings.IniFormat)
    QtCore.QSettings.setPath(QtCore.QSettings.IniFormat, QtCore.QSettings.UserScope,
                             str(tmp_path_factory.mktemp("qsettings")))


@pytest.fixture(autouse=True)
def fresh_qsettings(private_qsettings):
    """Each test starts from no remembered columns, splitters or tabs."""
    from ui.qt import QtCore
    QtCore.QSettings().clear()
    yield
    QtCore.QSettings().clear()


@pytest.fixture
def loaded_modules():
    """The work modules' hooks registered, as the workspace registers them when it opens."""
    from app import modules
    modules.load()
