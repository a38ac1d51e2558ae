"""Qt tests: message boxes recorded instead of shown, background work run inline."""
import pytest

from ui import messages, tasks


@pytest.fixture(autouse=True)
def recorded_messages(monkeypatch):
    recorder = messages.RecordingMessages()
    old = messages.set_service(recorder)
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    yield recorder
    messages.set_service(old)
