"""``python -m app smoke``: open the main window offscreen, visit every tab, close, report the time taken."""
from __future__ import annotations

import os
import sys
import time


def run_smoke(data_dir: str | None, url: str | None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    from app.actor import system_actor
    from app.workspace import open_workspace
    from ui.application import create_application
    from ui.main_window import MainWindow

    app = create_application()
    ws = open_workspace(data_dir, url)
    window = MainWindow(system_actor("自检"), str(ws.data_dir.database_file))
    window.show()
    app.processEvents()
    pages = window.visit_all_tabs(app.processEvents)
    window.close()
    app.processEvents()
    elapsed = int((time.perf_counter() - started) * 1000)
    if pages == 0:
        print("自检失败：没有可访问的选项卡", file=sys.stderr)
        return 1
    print(f"smoke ok {elapsed}")
    return 0
