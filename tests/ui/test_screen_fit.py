"""Every window and dialog fits a 1366×768 office screen (the available geometry is faked: offscreen's screen is
another size), and the register shows the columns a clerk works by without scrolling."""
import datetime as dt

import pytest

from app.requests import detail, handling, register
from tests.db.factories import company, person
from ui import widgets
from ui.qt import QtCore, QtWidgets

D = dt.date
SCREEN = QtCore.QRect(0, 0, 1366, 768)


@pytest.fixture
def small_screen(monkeypatch):
    from ui.application import create_application
    create_application()  # the program's style sheet and fonts, as the office sees them
    monkeypatch.setattr(widgets, "available_geometry", lambda widget=None: SCREEN)
    return SCREEN


def fits(window: QtWidgets.QWidget) -> bool:
    """The window with its frame lies inside the screen, and its layout does not need more than that."""
    outer = QtCore.QRect(window.pos(), window.size() + widgets.FRAME_ALLOWANCE)
    need = window.minimumSizeHint() + widgets.FRAME_ALLOWANCE
    return SCREEN.contains(outer) and need.width() <= SCREEN.width() and need.height() <= SCREEN.height()


def inside(widget: QtWidgets.QWidget, window: QtWidgets.QWidget) -> bool:
    top_left = widget.mapTo(window, QtCore.QPoint(0, 0))
    return window.rect().contains(QtCore.QRect(top_left, widget.size()))


def _requests(staff):
    c = staff["clerk"]
    a = register.register(c, person(received_date=D(2026, 6, 22), applicant_name="欧阳建国",
                                    description="城关镇农村危房改造补助资金发放名单及审批表" * 3))
    handling.start(c, a["id"])
    b = register.register(c, company(received_date=D(2026, 6, 23), description="道路拓宽工程招标文件"))
    return a, b


def _main_window(qtbot, actor):
    from ui.main_window import MainWindow
    window = MainWindow(actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_main_window_and_register_fit_the_screen(qtbot, staff, today, small_screen):
    a, b = _requests(staff)
    window = _main_window(qtbot, staff["clerk"])
    assert fits(window) and inside(window.statusBar(), window)
    window.show_request(a["id"])  # a request being handled: the most step buttons
    qtbot.wait(20)
    view = window.tabs.currentWidget().page.register
    assert view.detail.request_id == a["id"] and len(view.detail.step_buttons) >= 8
    assert fits(window) and inside(window.statusBar(), window) and inside(view.detail.tabs, window)
    for button in view.detail.step_buttons.values():
        assert inside(button, window)


def test_register_columns_visible_without_scrolling(qtbot, staff, today, small_screen):
    from ui.requests.register_view import column
    _requests(staff)
    window = _main_window(qtbot, staff["clerk"])
    window.show_request(register.register(staff["clerk"], person(received_date=D(2026, 6, 29)))["id"])
    qtbot.wait(20)
    view = window.tabs.currentWidget().page.register
    table, header = view.view, view.view.horizontalHeader()
    width = table.viewport().width()
    for key in ("number", "applicant_name", "state_label", "due_text", "days_left_text"):
        c = column(key)
        assert not header.isSectionHidden(c)
        assert 0 <= header.sectionViewportPosition(c) and header.sectionViewportPosition(c) + header.sectionSize(c) <= width
    assert header.length() <= width and not table.horizontalScrollBar().isVisible()
    description = column("description")
    assert header.sectionSize(description) >= 150  # the description takes the rest and elides
    assert table.textElideMode() == QtCore.Qt.ElideRight
    # the detail pane keeps what it needs; the register has the rest
    assert view.detail.width() <= 520 and table.width() >= 780


def test_dialogs_fit_the_screen(qtbot, staff, today, small_screen, monkeypatch):
    from ui.requests.decision_dialog import DecisionDialog
    from ui.requests.notice_dialog import NoticeDialog
    from ui.requests.register_dialog import RegisterDialog
    a, _ = _requests(staff)
    d = detail.detail(staff["clerk"], a["id"])
    from ui.requests.import_dialog import ImportDialog
    from ui.requests.review_cases_page import case_dialog
    from ui.audit_page import AuditPage
    for dialog in (RegisterDialog(staff["clerk"]), DecisionDialog(staff["clerk"], d),
                   NoticeDialog(staff["clerk"], d), ImportDialog(staff["clerk"]), case_dialog(staff["clerk"]),
                   AuditPage(staff["admin"])):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert fits(dialog), type(dialog).__name__
    register_dialog = RegisterDialog(staff["clerk"])
    qtbot.addWidget(register_dialog)
    register_dialog.show()
    register_dialog.save()  # every error shown: the dialog keeps its size, the form scrolls
    qtbot.wait(10)
    assert fits(register_dialog) and inside(register_dialog.save_button, register_dialog)


def test_print_preview_fits_the_screen(qtbot, small_screen):
    from app.printing import render_pdf
    from app.printing.samples import sample_letter
    from ui.printing.preview import PreviewDialog
    dialog = PreviewDialog(render_pdf(sample_letter()), "样张", "样张.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    close = dialog.findChild(QtWidgets.QDialogButtonBox).button(QtWidgets.QDialogButtonBox.Close)
    assert fits(dialog) and inside(close, dialog) and dialog.height() <= 728


def test_every_window_of_every_role_fits(qtbot, staff, make_user, today, small_screen, loaded_modules, monkeypatch,
                                        tmp_path):
    """Each role's main window, every tab and sub-tab shown (the 工作台 with its charts), the search panel and the
    main dialogs: every visible top-level window fits the screen."""
    from app.paths import DataDir
    from app.publication import items
    from ui.admin import backup_page
    monkeypatch.setattr(backup_page, "_data_dir", lambda: DataDir(tmp_path))  # the test database has no data folder
    from tests.db.publication.conftest import item_data
    from ui.help import GuideDialog
    from ui.publication.dialogs import new_item_dialog
    _requests(staff)
    items.create(staff["clerk"], item_data(title="危房改造实施方案"))
    actors = [staff["clerk"], staff["head"], staff["leader"], staff["supervisor"], staff["admin"],
              make_user("secrecy_reviewer", username="sunli")]
    for actor in actors:
        QtCore.QSettings().clear()  # each user's first start: no placement remembered from the previous window
        window = _main_window(qtbot, actor)
        assert window.visit_all_tabs(lambda: qtbot.wait(1)) >= 1
        panel = window.open_search("危房改造")
        qtbot.waitExposed(panel)
        assert panel.hit_labels(), actor.username
        dialogs = [GuideDialog(window)] + ([new_item_dialog(actor, window)] if actor.can("publication.draft") else [])
        for dialog in dialogs:
            dialog.show()
        shown = [w for w in QtWidgets.QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
        assert window in shown and panel in shown and len(shown) >= 3
        for w in shown:
            assert fits(w), f"{actor.username}: {type(w).__name__} {w.windowTitle()}"
        for w in shown:
            w.close()
