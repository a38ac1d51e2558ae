"""The program's life: logging out and in, background work afterwards, quitting while work is under way.

These run the program in a child process: what they guard against is a crash (a segmentation fault kills the
process) or a message printed while the interpreter shuts down, neither of which a test inside pytest could see."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Log in, visit every tab, 注销 — three times — then log in once more and preview the annual report, the background
# task that crashed the program after a logout (the old windows were freed by the garbage collector in the worker).
LOGOUT_THEN_WORK = textwrap.dedent("""
    import sys
    from app import office, users
    from app.actor import system_actor
    from app.workspace import open_workspace
    from ui.application import create_application, run_sessions
    from ui.main_window import MainWindow
    from ui.printing.preview import PreviewDialog
    import weakref
    from ui.qt import QtCore, QtWidgets, isValid

    app = create_application()
    windows = []
    open_workspace(sys.argv[1])
    office.first_run_setup({"name": "某某镇人民政府"}, "admin", "管理员", "Passw0rd-2026")
    users.create_user(system_actor("测试"), "lihua", "李华", "Passw0rd-2026", ["section_head"])
    logins = []
    LOGOUTS = 3

    def login():
        if len(logins) > LOGOUTS:
            return None
        logins.append(1)
        return users.authenticate("lihua", "Passw0rd-2026")

    def drive():
        for w in app.topLevelWidgets():
            if isinstance(w, PreviewDialog) and w.isVisible():
                print("preview shown", flush=True)
                w.reject()
                for m in app.topLevelWidgets():
                    if isinstance(m, MainWindow) and m.isVisible():
                        m.close()
                return
        for w in app.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible() and not getattr(w, "driven", False):
                w.driven = True
                windows.append(weakref.ref(w))
                w.visit_all_tabs(app.processEvents)
                if len(logins) <= LOGOUTS:
                    w.logout()
                    return
                for i in range(w.tabs.count()):
                    if w.tabs.tabText(i) == "年度报告":
                        w.tabs.setCurrentIndex(i)
                        w.tabs.widget(i).ensure_built().preview()
                return

    timer = QtCore.QTimer()
    timer.timeout.connect(drive)
    timer.start(100)
    rc = run_sessions(login, "测试")
    alive = [r() for r in windows if r() is not None and isValid(r())]
    print("done", len(logins), rc, "windows", len(windows), "alive", len(alive), flush=True)
""")

# Quit while a background task is still running: it must finish quietly (it used to print "RuntimeError: Signal
# source has been deleted" from ui/tasks.py as the interpreter shut down).
QUIT_DURING_WORK = textwrap.dedent("""
    import time
    from ui import tasks
    from ui.application import create_application, run_sessions
    from ui.qt import QtWidgets

    app = create_application()
    widget = QtWidgets.QWidget()
    results = []
    tasks.run_task(widget, "计算", lambda h: time.sleep(0.5) or 42, results.append)
    run_sessions(lambda: None, "测试")  # the user gives up at the login: the program quits
    print("quit", results, flush=True)
""")


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    return subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=180)


def test_logout_three_times_then_background_work_does_not_crash(tmp_path):
    result = _run(LOGOUT_THEN_WORK, str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "preview shown" in result.stdout
    assert "done 4 0 windows 4 alive 0" in result.stdout  # every closed window was destroyed
    assert "Segmentation" not in result.stderr and "QBasicTimer" not in result.stderr


def test_quitting_waits_for_background_work(tmp_path):
    result = _run(QUIT_DURING_WORK)
    assert result.returncode == 0, result.stderr
    assert "Signal source has been deleted" not in result.stderr
    assert result.stderr.strip() == ""
