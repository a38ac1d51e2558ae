"""A request that was a complaint and its case point to each other in the window: the request's detail lists the case
as a link, which opens it in the 举报投诉 tab; a user who may not see complaints gets no line."""
from app import modules
from app.complaints import cases
from app.requests import register
from ui.main_window import MainWindow
from ui.requests.detail_pane import DetailPane

from tests.db.factories import person


def test_the_request_lists_its_case_and_the_link_opens_it(qtbot, crew):
    modules.load()
    req = register.register(crew["clerk"], person(description="举报村委会不公开低保名单，要求查处"))
    made = cases.from_request(crew["clerk"], req["number"])
    window = MainWindow(crew["clerk"])
    qtbot.addWidget(window)
    window.show()
    page = window.show_record("依申请公开", req["id"])
    pane = page.findChild(DetailPane)
    assert pane.request_id == req["id"]
    assert pane.related.isVisibleTo(pane), pane.related.text()
    assert made["number"] in pane.related.text() and "举报投诉" in pane.related.text()
    pane.related.linkActivated.emit(f"举报投诉|{made['id']}")
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("举报投诉")
    shown = [w for w in window.findChildren(object) if getattr(w, "case_id", None) == made["id"]]
    assert shown, "the 举报投诉 tab did not show the linked case"

    other = register.register(crew["clerk"], person(description="2025年本镇财政预算"))
    pane.show_request(other["id"])
    assert not pane.related.isVisibleTo(pane) and pane.related.text() == ""


def test_no_line_for_a_user_who_may_not_see_complaints(qtbot, crew):
    modules.load()
    req = register.register(crew["clerk"], person(description="举报村委会不公开低保名单，要求查处"))
    cases.from_request(crew["clerk"], req["number"])
    assert modules.related_records(crew["clerk"], "request", req["id"])
    nobody = [a for a in crew.values() if not a.can("complaint.view")]
    assert nobody  # the 监督员 reads complaints only in the archive
    for actor in nobody:
        assert modules.related_records(actor, "request", req["id"]) == []
