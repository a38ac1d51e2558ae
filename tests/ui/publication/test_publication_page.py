"""The 发布审核 tab: an item drafted, signed by four people in turn and published through the window; 待我审核
counts; the models pass qtmodeltester and page."""
import datetime as dt

from app import clock
from app.publication import query
from db.models import InfoItem
from ui.models.paging import FunctionSource
from ui.publication.page import PublicationPage, item_model

from tests.db.publication.conftest import item_data


def _click(pane, label):
    for i in range(pane.actions.count()):
        b = pane.actions.itemAt(i).widget()
        if b.text().startswith(label):
            b.click()
            return
    raise AssertionError(f"no button {label}: {_buttons(pane)}")


def _buttons(pane):
    return [pane.actions.itemAt(i).widget().text() for i in range(pane.actions.count())]


def test_four_people_take_an_item_from_drafting_to_publication(qtbot, crew, fill_forms):
    page = PublicationPage(crew["drafter"])
    qtbot.addWidget(page)
    page.show()
    fill_forms.answer(**{k: v for k, v in item_data().items() if k != "formed_date"},
                      formed_date=dt.date(2026, 3, 2))
    page.register.new_item()
    item = InfoItem.get()
    assert page.register.detail.item_id == item.id and _buttons(page.register.detail) == ["提交审核…"]
    fill_forms.answer(confirm=True)
    _click(page.register.detail, "提交审核")
    assert InfoItem.get().stage == "first_review" and _buttons(page.register.detail) == []  # not their own

    for who, opinion, stage in (("editor", "文字无误", "second_review"), ("head", "依据充分", "secrecy"),
                                ("secrecy", "不涉密", "final_review"), ("leader", "同意发布", "ready")):
        other = PublicationPage(crew[who])
        qtbot.addWidget(other)
        other.show()
        assert other.tabs.tabText(0) == "待我审核（1）"
        assert other.queue.select_item(item.id)
        fill_forms.answer(opinion=opinion)
        _click(other.queue.detail, "审核通过")
        assert InfoItem.get().stage == stage
        assert other.tabs.tabText(0) == "待我审核（0）"
        other.close()
    page.register.refresh(keep=item.id)
    fill_forms.answer(date=clock.today(), channel="门户网站", location="http://www.example.gov.cn/zwgk/1.html")
    _click(page.register.detail, "登记发布")
    item = InfoItem.get()
    assert item.stage == "published" and item.index_number == "/2026-00001"
    assert "/2026-00001" in page.register.detail.info.toPlainText()
    history = page.register.detail.history_model
    assert [history.row_at(i)["user"] for i in range(history.rowCount())] == ["张明", "张明", "刘洋", "李华", "孙丽",
                                                                               "王强", "张明"]


def test_a_refusal_is_shown_in_the_dialog(qtbot, crew, drafted, fill_forms):
    page = PublicationPage(crew["drafter"])
    qtbot.addWidget(page)
    page.register.select_item(drafted)
    fill_forms.answer(confirm=False)
    _click(page.register.detail, "提交审核")
    dialog = fill_forms.dialogs[-1]
    assert "依申请公开或不予公开的内容" in dialog.error.text()
    assert InfoItem.get_by_id(drafted).stage == "draft"


def test_models(qtmodeltester, crew, drafted):
    from app.publication import items
    for k in range(5):
        items.create(crew["drafter"], item_data(title=f"第{k}条"))
    model = item_model()
    model.page_size = 2
    actor = crew["leader"]
    f = query.ItemFilter()
    model.set_source(FunctionSource(lambda: query.count(actor, f),
                                    lambda o, n, s, d: query.fetch(actor, f, o, n, s, d)))
    assert model.rowCount() == 2 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 6 and not model.canFetchMore()
    model.sort(1)  # by title, re-run in the database
    titles = [model.row_at(i)["title"] for i in range(model.rowCount())]
    assert len(titles) == 2 and titles == sorted(titles)
    qtmodeltester.check(model, force_py=True)


def test_catalogue_tab_lists_the_published_items_of_a_year(qtbot, crew, drafted):
    from app.publication import items, review
    from tests.db.publication.test_screen_and_publication import _to_ready
    _to_ready(crew, drafted)
    review.publish(crew["drafter"], drafted, clock.today(), "门户网站", "http://x/1")
    items.create(crew["drafter"], item_data(title="未发布"))
    page = PublicationPage(crew["leader"])
    qtbot.addWidget(page)
    cat = page.catalogue
    assert cat.filters.year.currentData() == 2026 and cat.model.total == 1
    assert cat.model.row_at(0)["index_number"] == "/2026-00001"
    cat.filters.year.setCurrentIndex(1)  # 2025
    assert cat.model.total == 0


def test_main_tab_shows_the_queue_count_before_the_page_is_built(qtbot, crew, drafted):
    from app.publication import review
    from ui.main_window import TabbedArea, main_tabs
    review.submit(crew["drafter"], drafted, confirm_content=True)
    area = TabbedArea(crew["editor"], main_tabs())
    qtbot.addWidget(area)
    titles = [area.tabText(i) for i in range(area.count())]
    assert "发布审核（1）" in titles
    assert area.widget(titles.index("发布审核（1）")).page is None  # not built yet


def test_register_and_catalogue_export_from_the_window(qtbot, crew, drafted, tmp_path, monkeypatch,
                                                       recorded_messages):
    import openpyxl
    from PySide6 import QtWidgets
    from app.publication import review
    from tests.db.publication.test_screen_and_publication import _to_ready
    _to_ready(crew, drafted)
    review.publish(crew["drafter"], drafted, clock.today(), "门户网站", "http://x/1")
    page = PublicationPage(crew["drafter"])
    qtbot.addWidget(page)
    out = tmp_path / "items.xlsx"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.register.export_button.click()
    assert "已导出 1 条信息" in recorded_messages.log[-1][2]
    assert openpyxl.load_workbook(out).active.max_row == 2
    out = tmp_path / "catalogue.xlsx"
    page.catalogue.catalogue_button.click()
    assert "已导出 2026 年公开目录 1 条" in recorded_messages.log[-1][2] and out.exists()


def test_the_register_shows_the_columns_an_office_works_by_and_the_rest_from_the_header_menu(qtbot, crew, drafted):
    from ui.publication.page import COLUMNS, HIDDEN_AT_FIRST
    from ui.widgets import columns_menu
    page = PublicationPage(crew["drafter"])
    qtbot.addWidget(page)
    header = page.register.view.horizontalHeader()
    hidden = [c.key for i, c in enumerate(COLUMNS) if header.isSectionHidden(i)]
    assert hidden == list(HIDDEN_AT_FIRST)
    menu = columns_menu(page.register.view)
    next(a for a in menu.actions() if a.text() == "索引号").setChecked(True)
    assert not header.isSectionHidden([c.key for c in COLUMNS].index("index_number"))
