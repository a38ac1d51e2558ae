"""申请登记表 and 送达回证 on paper: the labels on one line each, numbers and e-mail addresses never broken."""
import pytest

from app.requests import documents, register
from tests.app.printing.helpers import lines_of, pages_chars
from tests.db.factories import company, person

LABELS = ("统一社会信用代码", "法定代表人或负责人", "所需信息的内容描述", "登记人（签字）", "文件名称、文号")


def _lines(pdf: bytes) -> list[str]:
    return ["".join(c["text"] for c in line) for page in pages_chars(pdf) for line in lines_of(page)]


@pytest.mark.parametrize("applicant", [
    company(email="zhou.li.procurement-office@example-group.com.cn"),
    person(email="chenxiaohong1985@example.com", id_number="11010519491231002X"),
])
def test_labels_stay_on_one_line_and_addresses_are_whole(staff, today, applicant):
    out = register.register(staff["clerk"], applicant)
    req = documents.records.get(out["id"])
    pdf = documents._render(documents.compose("申请登记表", documents.context(req, "申请登记表"), None))
    # a cell's text is a run of characters on one baseline; split by cell with the gaps between cells
    text = _lines(pdf)
    joined = "\n".join(text)
    for label in LABELS:
        if label in ("统一社会信用代码", "法定代表人或负责人") and applicant["applicant_type"] == "natural":
            continue
        assert any(label in line for line in text), (label, joined)
    assert any(out["number"] in line for line in text)
    assert any(applicant["email"] in line for line in text), joined
    assert any(applicant["phone"] in line for line in text)


def test_service_receipt_labels_stay_on_one_line(staff, today):
    out = register.register(staff["clerk"], person())
    req = documents.records.get(out["id"])
    doc = documents.compose("送达回证", documents.context(req, "送达回证"), None)
    text = _lines(documents._render(doc))
    assert any("受送达人签名或盖章" in line for line in text), text
