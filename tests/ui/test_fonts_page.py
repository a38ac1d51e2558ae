"""系统管理 → 打印字体: the report in a table model, choosing a file, returning to automatic, the sample preview."""
import pytest

from app import settings
from app.printing import fontfiles
from ui.admin.fonts_page import FontsPage
from ui.qt import QtWidgets

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


@pytest.fixture
def admin(make_user):
    return make_user("admin", username="admin", display_name="管理员")


def test_lists_one_row_per_role(qtbot, qtmodeltester, admin):
    page = FontsPage(admin)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 5
    assert page.model.data(page.model.index(0, 0)) == "正文（仿宋）"
    assert page.model.data(page.model.index(0, 2)) in ("设置", "系统字体", "替代字体")
    qtmodeltester.check(page.model, force_py=True)
    assert not page.choose_button.isEnabled()


@pytest.mark.skipif(fontfiles.load(WQY) is None, reason="WenQuanYi Micro Hei not installed")
def test_choose_a_file_then_reset(qtbot, admin, monkeypatch, recorded_messages):
    page = FontsPage(admin)
    qtbot.addWidget(page)
    page.view.selectRow(0)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (WQY, ""))
    page.choose_file()
    assert settings.get("printing.font.body") == WQY
    assert page.rows[0]["chosen_by"] == "设置" and page.rows[0]["path"] == WQY
    assert recorded_messages.last()[0] == "info"
    page.view.selectRow(0)
    assert page.reset_button.isEnabled()
    page.reset_role()
    assert settings.get("printing.font.body") == ""
    assert page.rows[0]["chosen_by"] != "设置"


def test_a_postscript_font_is_refused_with_the_reason(qtbot, admin, monkeypatch, tmp_path):
    cff = tmp_path / "cff.otf"
    cff.write_bytes(b"OTTO" + b"\0" * 64)
    page = FontsPage(admin)
    qtbot.addWidget(page)
    page.view.selectRow(1)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(cff), ""))
    page.choose_file()
    assert "PostScript" in page.error.text()
    assert settings.get("printing.font.title") == ""


def test_preview_opens_the_sample_letter(qtbot, admin):
    page = FontsPage(admin)
    qtbot.addWidget(page)
    page.preview()
    dialog = page.preview_dialog
    assert dialog.page_count == 1 and dialog.save_docx_action.isVisible()
    dialog.close()
