"""python-docx in the bundle: its templates are read through its sub-package folders, which a frozen program may not
have. A missing template is the program's fault, never reported as if the output file could not be written."""
import sys
from pathlib import Path

import docx.parts.hdrftr
import pytest

from app import files
from app.errors import ServiceError
from app.printing import render_docx
from app.printing.samples import sample_letter


def test_a_missing_docx_template_is_named_not_blamed_on_the_output(tmp_path, monkeypatch):
    # the trial bundle: docx/parts/ did not exist, so docx/parts/../templates/default-footer.xml could not be opened
    bundle = Path(sys.prefix) / "_internal-without-folders"
    monkeypatch.setattr(docx.parts.hdrftr, "__file__", str(bundle / "docx" / "parts" / "hdrftr.py"))
    out = tmp_path / "letter.docx"
    with pytest.raises(ServiceError) as caught:
        files.deliver(out, lambda tmp: Path(tmp).write_bytes(render_docx(sample_letter())))
    message = str(caught.value)
    assert "default-footer.xml" in message and "程序文件" in message and "重新安装" in message
    assert "无法写入" not in message
    assert list(tmp_path.iterdir()) == []  # neither the output nor its temporary file


def test_a_missing_input_file_is_named(tmp_path):
    source = tmp_path / "scan.pdf"
    with pytest.raises(ServiceError) as caught:
        files.deliver(tmp_path / "out.pdf", lambda tmp: Path(tmp).write_bytes(source.read_bytes()))
    assert "无法读取" in str(caught.value) and str(source) in str(caught.value)
    assert "无法写入" not in str(caught.value)


def test_an_unwritable_output_is_still_told_as_such(tmp_path):
    out = tmp_path / "missing-folder" / "letter.docx"
    with pytest.raises(ServiceError, match="无法写入"):
        files.deliver(out, lambda tmp: Path(tmp).write_bytes(b"x"))
