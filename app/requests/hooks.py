"""What the request register hands to the rest of the program: its open deadlines, recomputed when the
working-day calendar changes (DOMAIN.md §1 (c))."""
from app.requests.recompute import recompute_open_deadlines
from app.workdays.service import register_recompute

register_recompute("requests", recompute_open_deadlines)
