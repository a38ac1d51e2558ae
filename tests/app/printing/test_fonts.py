"""Font choice: the administrator's file first, then the machine's official fonts, then free ones; only fonts
ReportLab can embed."""
import pytest

from app.printing import fontfiles, fonts
from app.printing.fonts import fontset
from app.printing.roles import ROLE_NAMES, ROLES

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def test_report_has_one_row_per_role_with_its_source():
    rows = fonts.font_report({})
    assert [r["role"] for r in rows] == list(ROLES)
    for row in rows:
        assert set(row) >= {"role", "role_name", "family", "path", "subfont", "official", "chosen_by", "note"}
        assert row["chosen_by"] in ("设置", "系统字体", "替代字体")
        assert row["official"] == (row["chosen_by"] != "替代字体") or row["chosen_by"] == "设置"
        font = fontfiles.load(row["path"], row["subfont"])
        assert font is not None and font.has("公")


def test_fonts_are_loaded_once_per_process():
    first = fonts.fontset({})
    assert fonts.fontset({}) is first
    rows = fonts.font_report({})
    assert fontfiles.load(rows[0]["path"], rows[0]["subfont"]) is first.primary("body")


@pytest.mark.skipif(fontfiles.load(WQY) is None, reason="WenQuanYi Micro Hei not installed")
def test_the_administrators_file_comes_first():
    rows = {r["role"]: r for r in fonts.font_report({"body": WQY + "#0"})}
    assert rows["body"]["chosen_by"] == "设置" and rows["body"]["path"] == WQY
    assert rows["body"]["official"] is False


def test_an_unusable_setting_falls_back_and_says_why(tmp_path):
    rows = {r["role"]: r for r in fonts.font_report({"body": str(tmp_path / "gone.ttf")})}
    assert rows["body"]["chosen_by"] != "设置"
    assert "无法使用" in rows["body"]["note"]


def test_postscript_outlines_are_refused(tmp_path):
    cff = tmp_path / "NotoSansCJK.otf"
    cff.write_bytes(b"OTTO" + b"\0" * 200)
    assert "PostScript" in fonts.font_file_problem(str(cff))
    assert fonts.font_file_problem(str(tmp_path / "none.ttf")) == "找不到这个字体文件"
    assert fonts.font_file_problem("") is None


def test_official_fonts_are_recognised_by_family_and_file_name(monkeypatch):
    fake = [fontfiles.FontFile("/fonts/simfang.ttf", 0, ()),
            fontfiles.FontFile("/fonts/x.ttf", 0, ("FangSong_GB2312",)),
            fontfiles.FontFile("/fonts/simsunb.ttf", 0, ("SimSun-ExtB",)),
            fontfiles.FontFile("/fonts/simsun.ttc", 0, ("SimSun", "宋体")),
            fontfiles.FontFile("/fonts/FZXBSJW.TTF", 0, ())]
    monkeypatch.setattr(fontfiles, "catalogue", lambda: fake)
    spec = fonts.OFFICIAL
    assert [e.path for e in fontfiles.find(spec["body"].families, spec["body"].files, spec["body"].keywords,
                                           fonts.EXCLUDE)] == ["/fonts/x.ttf", "/fonts/simfang.ttf"]
    assert [e.path for e in fontfiles.find(spec["song"].families, spec["song"].files, spec["song"].keywords,
                                           fonts.EXCLUDE)] == ["/fonts/simsun.ttc"]
    assert [e.path for e in fontfiles.find(spec["title"].families, spec["title"].files)] == ["/fonts/FZXBSJW.TTF"]


def test_fc_list_output_is_parsed():
    text = "/a/uming.ttc\t0\tAR PL UMing CN\n/a/uming.ttc\t1\tAR PL UMing HK\n/a/x.pfb\t0\tType1\n"
    parsed = fontfiles._parse_fc(text)
    assert [(e.path, e.index, e.families) for e in parsed] == [("/a/uming.ttc", 0, ("AR PL UMing CN",)),
                                                               ("/a/uming.ttc", 1, ("AR PL UMing HK",))]
    assert fontfiles.split_choice("C:\\Windows\\Fonts\\simsun.ttc#1") == ("C:\\Windows\\Fonts\\simsun.ttc", 1)
    assert fontfiles.split_choice("/f/a#b.ttf") == ("/f/a#b.ttf", 0)


def test_substitute_notice_names_each_role_printed_in_a_substitute_font():
    from app.printing.fonts import substitute_notice
    fs = fontset({})
    text = substitute_notice({})
    substitutes = [rf for rf in fs.roles.values() if not rf.official]
    if not substitutes:
        assert text is None
        return
    for rf in substitutes:
        assert f"{ROLE_NAMES[rf.role]}用“{rf.font.family}”" in text
    assert "系统管理 → 打印字体" in text
