"""What the request register hands to the rest of the program: its open deadlines, recomputed when the
working-day calendar changes (DOMAIN.md §1 (c))."""
from app.requests.recompute import recompute_open_deadlines
from app.workdays.service import register_recompute

register_recompute("requests", recompute_open_deadlines)

# The request services name their audit actions and fields at import; load them with the workspace so that the
# audit viewer can show every entry in Chinese.
from app.requests import (attachments, consultation, decision, documents, export, fees_service,  # noqa: E402,F401
                          ledger, register, review_cases, step_notices)

# The 工作台, the one search box and the charts (app/requests/overview.py).
from app import modules  # noqa: E402
from app.requests import overview  # noqa: E402

modules.register_dashboard("requests", "依申请公开", overview.dashboard)
modules.register_search("requests", modules.SearchSource("依申请公开", "request.view", overview.search, overview.TAB))
modules.register_chart("requests.monthly", modules.Chart("每月收到的申请（按办理结果）", "request.view",
                                                         overview.monthly_outcomes))
# Shown once the assessment records the 承办科室 of requests and registers this measure for it.
modules.register_chart("requests.on_time_by_unit",
                       modules.unit_chart("按时答复率（按承办科室）", "request.view", "requests.on_time_rate"))
