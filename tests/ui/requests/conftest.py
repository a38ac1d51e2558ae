"""Request-register window tests: dialogs are driven without showing them (their exec is replaced)."""
import pytest

from ui.forms import FormDialog


@pytest.fixture
def fill_forms(monkeypatch):
    """Answer each FormDialog with the given values (by field key) and press 确定; records what was shown."""
    answers: list[dict] = []
    shown: list[FormDialog] = []

    def fake_exec(self):
        shown.append(self)
        for key, value in (answers.pop(0) if answers else {}).items():
            self.set_value(key, value)
        self.submit()
        return self.result()

    monkeypatch.setattr(FormDialog, "exec", fake_exec)

    class Control:
        def answer(self, **values):
            answers.append(values)
            return self

        @property
        def dialogs(self):
            return shown

    return Control()


@pytest.fixture
def no_preview(monkeypatch):
    """Preview dialogs are built but not shown; the list holds them so tests can emit ``printed``."""
    from ui.printing import preview
    opened = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda self: opened.append(self) or 0)
    return opened
