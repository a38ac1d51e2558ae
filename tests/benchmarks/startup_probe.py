"""Child process of the start-up measurement: ``bare`` shows an empty PySide6 main window; ``app`` opens the office's
workspace, builds the program's main window for a clerk, shows it and waits until the register's first page is on
screen. Prints ``ready`` when done; the parent times from spawning to that line."""
from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    mode = sys.argv[1]
    from PySide6 import QtWidgets
    app = QtWidgets.QApplication([])
    if mode == "bare":
        window = QtWidgets.QMainWindow()
        window.show()
        app.processEvents()
    else:
        data_dir, url = sys.argv[2], sys.argv[3]
        from app.users import actor_for
        from app.workspace import open_workspace
        from db.models import User
        from ui.application import create_application  # noqa: F401 - the program's own start-up path
        from ui.main_window import MainWindow
        ws = open_workspace(data_dir, url)
        actor = actor_for(User.get(User.username == "bench"))
        window = MainWindow(actor, ws.url)
        window.show()
        app.processEvents()
        from ui.requests.register_view import RegisterView
        view = window.findChild(RegisterView)
        import time
        give_up = time.monotonic() + 60
        while view is not None and view.model.rowCount() == 0 and time.monotonic() < give_up:
            app.processEvents()
    print("ready", flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
