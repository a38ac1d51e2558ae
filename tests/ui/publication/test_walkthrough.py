"""An item carried from drafting to published in the main window at 1366×768, by four people who each log in through
the login dialog: the drafter (起草, 提交, 发布), the editor (初审), the section head (复审), the secrecy reviewer (保密审查)
and the leader (终审). A screenshot of the window is taken at each step; with ``ZWGK_SCREENSHOTS=DIR`` they are kept
there to be looked at (run under a real X server for the program's own look)."""
import datetime as dt
import os
from pathlib import Path

import pytest

from app import clock
from db.models import InfoItem
from ui import widgets
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.qt import QtCore, Qt

from tests.db.publication.conftest import item_data

SCREEN = QtCore.QRect(0, 0, 1366, 768)
PASSWORD = "Passw0rd-2026"


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("ZWGK_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _log_in(qtbot, username: str):
    dialog = LoginDialog("某某县人民政府办公室")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    assert dialog.actor.username == username
    return dialog.actor


def _open_publication(qtbot, actor):
    # The geometry the previous window saved is restored by Qt against the real screen (offscreen's is 800×600),
    # not the faked 1366×768 one; each login here starts from the program's first size instead.
    QtCore.QSettings().remove("main_window/geometry")
    window = MainWindow(actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    index = next(i for i, t in enumerate(titles) if t.startswith("发布审核"))
    window.tabs.setCurrentIndex(index)
    return window, window.tabs.widget(index).ensure_built(), titles[index]


def _shoot(qtbot, window, shots, name: str) -> None:
    qtbot.wait(30)
    image = window.grab()
    assert image.save(str(shots / f"{name}.png"))
    outer = QtCore.QRect(window.pos(), window.size() + widgets.FRAME_ALLOWANCE)
    assert SCREEN.contains(outer), (name, window.geometry())


def _press(qtbot, pane, label: str, layout=None) -> None:
    qtbot.wait(30)  # the step buttons are laid out
    layout = layout or pane.actions
    buttons = [layout.itemAt(i).widget() for i in range(layout.count())]
    button = next((b for b in buttons if b.text().startswith(label)), None)
    assert button is not None, (label, [b.text() for b in buttons])
    window = button.window()
    top_left = button.mapTo(window, QtCore.QPoint(0, 0))
    assert window.rect().contains(QtCore.QRect(top_left, button.size())), f"{label} is cut off"
    button.click()


def test_four_logins_carry_an_item_from_drafting_to_published(qtbot, crew, fill_forms, shots, monkeypatch):
    from ui.application import create_application
    create_application()
    monkeypatch.setattr(widgets, "available_geometry", lambda widget=None: SCREEN)

    drafter = _log_in(qtbot, "zhangming")
    window, page, _title = _open_publication(qtbot, drafter)
    page.tabs.setCurrentWidget(page.register)
    fill_forms.answer(**{k: v for k, v in item_data().items() if k != "formed_date"}, formed_date=dt.date(2026, 3, 2))
    page.register.new_button.click()
    item = InfoItem.get()
    _shoot(qtbot, window, shots, "1-drafter-drafted")
    fill_forms.answer(confirm=True)
    _press(qtbot, page.register.detail, "提交审核")
    assert InfoItem.get().stage == "first_review"
    _shoot(qtbot, window, shots, "2-drafter-submitted")
    window.close()

    for n, (username, opinion, stage) in enumerate((("liuyang", "文字无误", "second_review"),
                                                    ("lihua", "事实准确，依据充分", "secrecy"),
                                                    ("sunli", "不涉及国家秘密，同意公开", "final_review"),
                                                    ("wangqiang", "同意发布", "ready")), start=3):
        actor = _log_in(qtbot, username)
        window, page, title = _open_publication(qtbot, actor)
        assert title == "发布审核（1）" and page.tabs.tabText(0) == "待我审核（1）"
        assert page.queue.select_item(item.id)
        _shoot(qtbot, window, shots, f"{n}-{username}-queue")
        fill_forms.answer(opinion=opinion)
        _press(qtbot, page.queue.detail, "审核通过")
        assert InfoItem.get().stage == stage
        assert page.tabs.tabText(0) == "待我审核（0）"
        window.close()

    drafter = _log_in(qtbot, "zhangming")
    window, page, _title = _open_publication(qtbot, drafter)
    page.tabs.setCurrentWidget(page.register)
    assert page.register.select_item(item.id)
    fill_forms.answer(date=clock.today(), channel="门户网站", location="http://www.example.gov.cn/zwgk/1.html")
    _press(qtbot, page.register.detail, "登记发布")
    item = InfoItem.get()
    assert item.stage == "published" and item.index_number == "/2026-00001"
    _shoot(qtbot, window, shots, "7-drafter-published")
    page.tabs.setCurrentWidget(page.catalogue)
    assert page.catalogue.model.total == 1 and page.catalogue.model.row_at(0)["index_number"] == "/2026-00001"
    _shoot(qtbot, window, shots, "8-catalogue")
    signers = [page.register.detail.history_model.row_at(i)["user"]
               for i in range(page.register.detail.history_model.rowCount())]
    assert signers == ["张明", "张明", "刘洋", "李华", "孙丽", "王强", "张明"]
    assert len(list(shots.glob("*.png"))) == 8
