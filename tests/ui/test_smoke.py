"""``smoke`` fails when anything complained during the run."""
import sys

import pytest

from db.connection import close_database
from ui import application
from ui.main_window import MainWindow
from ui.smoke import run_smoke


@pytest.fixture
def smoke_env(qapp, monkeypatch):
    monkeypatch.setattr(application, "install_garbage_collector", lambda app: None)  # keep pytest's collector on
    yield
    close_database()


def test_a_clean_run_passes(tmp_path, smoke_env, capsys):
    assert run_smoke(str(tmp_path), None) == 0
    assert capsys.readouterr().out.startswith("smoke ok ")


@pytest.mark.parametrize("complain", [
    lambda: sys.stderr.write("Error calling Python override of QRunnable::run(): RuntimeError: Signal source has "
                             "been deleted\n"),
    lambda: __import__("ui.qt", fromlist=["QtCore"]).QtCore.qWarning("QBasicTimer::stop: Failed."),
])
def test_any_message_fails_the_run(tmp_path, smoke_env, monkeypatch, capsys, complain):
    visit = MainWindow.visit_all_tabs

    def visit_and_complain(self, process_events):
        complain()
        return visit(self, process_events)

    monkeypatch.setattr(MainWindow, "visit_all_tabs", visit_and_complain)
    assert run_smoke(str(tmp_path), None) == 1
    err = capsys.readouterr().err
    assert "自检失败" in err and ("Signal source" in err or "QBasicTimer" in err)
