"""What the request register hands to the rest of the program: its open deadlines, recomputed when the
working-day calendar changes (DOMAIN.md §1 (c))."""
from app.requests.recompute import recompute_open_deadlines
from app.workdays.service import register_recompute

register_recompute("requests", recompute_open_deadlines)

# The request services name their audit actions and fields at import; load them with the workspace so that the
# audit viewer can show every entry in Chinese.
from app.requests import (attachments, consultation, decision, documents, export, fees_service,  # noqa: E402,F401
                          ledger, register, review_cases, step_notices)
