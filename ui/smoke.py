"""``python -m app smoke``: open the main window offscreen, visit every tab, close, report the time taken.

The run fails (exit code 1) when anything complained on the way: a warning or error in the log (Qt's messages
included), an exception that reached a hook, or any text written to the error output — such as "Signal source has
been deleted" from a background task that outlived the window."""
from __future__ import annotations

import io
import logging
import os
import sys
import time


class _Complaints(logging.Handler):
    """Collects every warning, error, uncaught exception and stray line of error output during the run."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.stderr = io.StringIO()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.name}: {record.getMessage()}")

    def all(self) -> list[str]:
        return self.lines + [line for line in self.stderr.getvalue().splitlines() if line.strip()]


def run_smoke(data_dir: str | None, url: str | None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    from app.actor import system_actor
    from app.workspace import open_workspace
    from ui import tasks
    from ui.application import create_application, dispose_window, install_garbage_collector
    from ui.main_window import MainWindow

    complaints = _Complaints()
    logging.getLogger().addHandler(complaints)
    real_stderr, real_hook = sys.stderr, sys.excepthook
    sys.stderr = complaints.stderr

    def hook(kind, value, tb):
        logging.getLogger("smoke").error("未处理的异常", exc_info=(kind, value, tb))

    sys.excepthook = hook
    try:
        app = create_application()
        install_garbage_collector(app)
        ws = open_workspace(data_dir, url)
        window = MainWindow(system_actor("自检"), str(ws.data_dir.database_file))
        window.show()
        app.processEvents()
        pages = window.visit_all_tabs(app.processEvents)
        window.close()
        app.processEvents()
        dispose_window(window)
        tasks.shutdown()
        app.processEvents()
    finally:
        sys.stderr, sys.excepthook = real_stderr, real_hook
        logging.getLogger().removeHandler(complaints)
    elapsed = int((time.perf_counter() - started) * 1000)
    if pages == 0:
        print("自检失败：没有可访问的选项卡", file=sys.stderr)
        return 1
    problems = complaints.all()
    if problems:
        print(f"自检失败：运行中出现了 {len(problems)} 条警告或错误信息：", file=sys.stderr)
        for line in problems[:20]:
            print("  " + line, file=sys.stderr)
        return 1
    print(f"smoke ok {elapsed}")
    return 0
