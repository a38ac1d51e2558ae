"""The run log: rotating, in the data directory, without applicants' personal data."""
import logging

import pytest

from app import logs


@pytest.fixture
def log_dir(tmp_path):
    logs.configure(tmp_path, console=False)
    yield tmp_path
    logs.close()


def _text(root) -> str:
    for h in logging.getLogger().handlers:
        h.flush()
    return logs.log_path(root).read_text(encoding="utf-8")


@pytest.mark.parametrize("raw, shown", [
    ("身份证 53232119800101123X 已登记", "身份证 [证件号码] 已登记"),
    ("代码 91532300MA6K0XYW1B", "代码 [信用代码]"),
    ("电话 13812345678，座机 0871-63123456", "电话 [电话]，座机 [电话]"),
    ("邮箱 li.hua@example.com", "邮箱 [电子邮箱]"),
    ("申请编号 2026-依申请-0012，期限 2026-04-03", "申请编号 2026-依申请-0012，期限 2026-04-03"),
])
def test_personal_data_is_masked(raw, shown):
    assert logs.mask_personal_data(raw) == shown


def test_an_unexpected_error_is_logged_with_its_reference_and_no_personal_data(log_dir):
    try:
        raise ValueError("申请人 13812345678 的证件 53232119800101123X 无效")
    except ValueError as exc:
        reference = logs.log_unexpected(exc, "测试")
    text = _text(log_dir)
    assert f"意外错误 {reference}（测试）" in text
    assert "Traceback" in text and "ValueError" in text
    assert "13812345678" not in text and "53232119800101123X" not in text


def test_references_differ():
    assert len({logs.new_reference() for _ in range(50)}) == 50


def test_the_log_rotates(log_dir, monkeypatch):
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler))
    monkeypatch.setattr(handler, "maxBytes", 2000)
    for i in range(200):
        logging.getLogger("test").warning("第%d行 %s", i, "x" * 40)
    names = sorted(p.name for p in (log_dir / "logs").iterdir())
    assert names[:2] == ["zhengwu.log", "zhengwu.log.1"] and len(names) == 1 + logs.BACKUPS
    assert logs.log_path(log_dir).stat().st_size <= 2100


def test_nothing_is_created_until_a_line_is_written(tmp_path):
    logs.configure(tmp_path / "data", console=False)
    try:
        assert not (tmp_path / "data").exists()
    finally:
        logs.close()


def test_errors_in_threads_are_logged(log_dir):
    import threading
    t = threading.Thread(target=lambda: 1 / 0, name="工作线程")
    t.start()
    t.join()
    assert "ZeroDivisionError" in _text(log_dir) and "线程 工作线程" in _text(log_dir)
