"""The office's work modules, loaded when the workspace opens so that each can register what other parts call back
(the recomputation of its stored deadlines when the calendar changes, its demo data)."""
from __future__ import annotations

import importlib

MODULES = [
    "app.requests.hooks",
    "app.report.service",
]


def load() -> None:
    for name in MODULES:
        importlib.import_module(name)
