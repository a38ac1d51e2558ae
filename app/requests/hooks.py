"""What the request register hands to the rest of the program: its open deadlines, recomputed when the
working-day calendar changes (DOMAIN.md §1 (c))."""
from app.requests.recompute import recompute_open_deadlines
from app.workdays.service import register_recompute

register_recompute("requests", recompute_open_deadlines)

# The request services name their audit actions and fields at import; load them with the workspace so that the
# audit viewer can show every entry in Chinese.
from app.requests import (attachments, consultation, decision, documents, export, fees_service,  # noqa: E402,F401
                          ledger, register, review_cases, step_notices)

# ---- the assessment's figures (考核评议), per 承办科室 ----------------------------------------------------------------
from app import modules  # noqa: E402
from app.requests import measures  # noqa: E402

for _m in (
    modules.Measure("requests.on_time_pct", "依申请公开按期答复率", "依申请公开", "%", measures.on_time_pct,
                    records=measures.on_time_records),
    modules.Measure("requests.overdue", "依申请公开逾期答复件数", "依申请公开", "件", measures.overdue,
                    records=measures.overdue_records),
    modules.Measure("requests.notice_missing", "已办结未出具答复告知书件数", "依申请公开", "件",
                    measures.notice_missing, records=measures.notice_missing_records),
):
    modules.register_measure(_m)
