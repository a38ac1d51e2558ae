"""Which font prints what: the official fonts of GB/T 9704-2012 where the machine has them, free ones otherwise.

Each role (``roles.ROLES``) gets, in this order: the administrator's font file (系统管理 → 打印字体), an official font
installed on the machine (仿宋、方正小标宋、黑体、楷体、宋体 — Windows file names or fontconfig family names, including
the 方正/华文 fonts that 统信UOS and 麒麟 ship), then a free TrueType font (AR PL UMing CN, AR PL UKai CN, WenQuanYi
Micro Hei). Fonts are always embedded, so only TrueType-outline fonts qualify (``fontfiles.load``).

No character prints as an empty box: each character goes to the first font of its role's fallback chain whose cmap
has it (other official fonts, the free fonts, finally any installed font fontconfig finds for it). A character no
installed font has is printed as the geta mark 〓, the printer's sign for a missing character, and reported in
``FontSet.missing`` so the window can warn.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from app.errors import ServiceError
from app.printing import fontfiles
from app.printing.fontfiles import FontFile, LoadedFont
from app.printing.roles import ROLE_NAMES, ROLES, setting_key

MISSING_MARK = "〓"  # 缺字符号 (geta mark)
SAMPLE_CJK = "中文公开"


@dataclass(frozen=True)
class Official:
    families: tuple[str, ...]
    files: tuple[str, ...]
    keywords: tuple[str, ...]


OFFICIAL = {
    "body": Official(
        ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "FZFangSong-Z02", "方正仿宋简体",
         "FZFangSong-Z02S", "华文仿宋", "STFangsong"),
        ("仿宋_gb2312.ttf", "fangsong_gb2312.ttf", "simfang.ttf", "fzfsk.ttf", "fzfsjw.ttf", "stfangso.ttf"),
        ("仿宋", "fangsong")),
    "title": Official(
        ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05", "方正小标宋"),
        ("fzxbsjw.ttf", "fzxbsk.ttf", "方正小标宋简体.ttf", "方正小标宋_gbk.ttf"),
        ("小标宋", "xiaobiaosong")),
    "heading1": Official(
        ("黑体", "SimHei", "方正黑体_GBK", "FZHei-B01", "方正黑体简体", "FZHei-B01S", "华文黑体", "STHeiti"),
        ("simhei.ttf", "fzhtk.ttf", "fzhtjw.ttf", "stheiti.ttf"),
        ("黑体", "simhei", "heiti", "fzhei")),
    "heading2": Official(
        ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "FZKai-Z03", "方正楷体简体", "FZKai-Z03S",
         "华文楷体", "STKaiti"),
        ("楷体_gb2312.ttf", "kaiti_gb2312.ttf", "simkai.ttf", "fzktk.ttf", "fzktjw.ttf", "stkaiti.ttf"),
        ("楷体", "kaiti")),
    "song": Official(
        ("宋体", "SimSun", "方正书宋_GBK", "FZShuSong-Z01", "方正书宋简体", "FZShuSong-Z01S", "华文宋体", "STSong"),
        ("simsun.ttc", "simsun.ttf", "fzssk.ttf", "fzssjw.ttf", "stsong.ttf"),
        ("宋体", "simsun", "songti", "stsong", "书宋", "shusong")),
}
# SimSun-ExtB and its kin hold only the extension blocks: fallbacks for rare characters, never a role's font.
EXCLUDE = ("extb", "extg", "exta")
EXTENSION_FILES = ("simsunb.ttf", "simsunextg.ttf", "mingliub.ttc", "hanaminb.ttf", "hanamina.ttf",
                   "babelstonehan.ttf")

UMING = (("AR PL UMing CN",), ("uming.ttc",))
UKAI = (("AR PL UKai CN",), ("ukai.ttc",))
WQY = (("WenQuanYi Micro Hei",), ("wqy-microhei.ttc",))
YAHEI = (("Microsoft YaHei", "微软雅黑"), ("msyh.ttc", "msyh.ttf"))
LATIN = (("DejaVu Sans", "Arial"), ("dejavusans.ttf", "arial.ttf"))
FREE = {
    "body": (UMING, UKAI, WQY),
    "title": (UMING, WQY),
    "song": (UMING, WQY),
    "heading1": (WQY, UMING),
    "heading2": (UKAI, UMING, WQY),
}
LAST_RESORT = (WQY, YAHEI, UMING, UKAI, LATIN)


class FontUnavailable(ServiceError):
    """No embeddable Chinese font at all on this machine."""

    def __init__(self):
        super().__init__("没有找到可以嵌入 PDF 的中文字体（TrueType）。请安装仿宋、宋体等字体，或在 Debian/统信UOS/麒麟上"
                         "安装 fonts-arphic-uming 和 fonts-wqy-microhei。")


@dataclass
class RoleFont:
    role: str
    font: LoadedFont
    official: bool  # a real 仿宋/小标宋/黑体/楷体/宋体, not a substitute
    chosen_by: str  # "设置" | "系统字体" | "替代字体"
    fake_bold: bool = False  # the title's substitute is stroked to look like 小标宋
    note: str = ""


def _is_official(role: str, font: LoadedFont, entry: FontFile | None = None) -> bool:
    names = [fontfiles.normalise(font.family)] + [fontfiles.normalise(f) for f in (entry.families if entry else ())]
    spec = OFFICIAL[role]
    keys = [fontfiles.normalise(k) for k in spec.keywords + spec.families]
    if any(k in n for n in names for k in keys):
        return True
    return entry is not None and entry.basename in spec.files


def _official_files(role: str) -> list[FontFile]:
    spec = OFFICIAL[role]
    return fontfiles.find(spec.families, spec.files, spec.keywords, EXCLUDE)


def _free_files(specs) -> list[FontFile]:
    out = []
    for families, files in specs:
        out += fontfiles.find(families, files)
    return out


def _first_loadable(entries: list[FontFile]) -> tuple[LoadedFont, FontFile] | None:
    for entry in entries:
        font = fontfiles.load(entry.path, entry.index)
        if font is not None and all(font.has(ch) for ch in SAMPLE_CJK):
            return font, entry
    return None


class FontSet:
    """The fonts of one configuration (the administrator's choices), with a per-character fallback cache."""

    def __init__(self, overrides: dict[str, str] | None = None):
        self.overrides = {k: v for k, v in (overrides or {}).items() if v}
        self.roles: dict[str, RoleFont] = {role: self._choose(role) for role in ROLES}
        self._chains: dict[str, list[FontFile | LoadedFont]] = {}
        self._chars: dict[str, dict[str, tuple[LoadedFont, str]]] = {role: {} for role in ROLES}
        self._lock = threading.RLock()
        self.missing: set[str] = set()

    # ---- choosing each role's font -----------------------------------------------------------------------------
    def _choose(self, role: str) -> RoleFont:
        note = ""
        chosen = self.overrides.get(role)
        if chosen:
            path, index = fontfiles.split_choice(chosen)
            font = fontfiles.load(path, index)
            if font is not None:
                return RoleFont(role, font, _is_official(role, font), "设置")
            note = f"设置的字体文件无法使用（{fontfiles.problem(path, index) or '找不到文件'}），已自动选择。"
        found = _first_loadable(_official_files(role))
        if found:
            return RoleFont(role, found[0], True, "系统字体", note=note)
        if role == "title":  # GB/T 9704 7.3.1: 小标宋; a 宋体 stroked a little heavier comes closest
            found = _first_loadable(_official_files("song"))
            if found:
                return RoleFont(role, found[0], False, "替代字体", fake_bold=True,
                                note=note + "未安装方正小标宋，以宋体加粗代替。")
        found = _first_loadable(_free_files(FREE[role])) or _first_loadable(_free_files(LAST_RESORT))
        if not found:
            raise FontUnavailable()
        note += "未安装方正小标宋，以替代字体加粗代替。" if role == "title" else "未安装正式字体，使用替代字体。"
        return RoleFont(role, found[0], False, "替代字体", fake_bold=(role == "title"), note=note)

    def primary(self, role: str) -> LoadedFont:
        return self.roles[role].font

    # ---- per-character fallback ---------------------------------------------------------------------------------
    def _chain(self, role: str) -> list[FontFile | LoadedFont]:
        chain = self._chains.get(role)
        if chain is None:
            related = {"body": ("body", "song"), "title": ("title", "song", "body"), "song": ("song", "body"),
                       "heading1": ("heading1", "song"), "heading2": ("heading2", "body", "song")}[role]
            chain = [self.roles[role].font] + [self.roles[r].font for r in related if r != role]
            for r in related:
                chain += _official_files(r)
            chain += _free_files(FREE[role]) + _free_files(LAST_RESORT)
            self._chains[role] = chain
        return chain

    def resolve(self, role: str, ch: str) -> tuple[LoadedFont, str]:
        """The font that prints ``ch`` in this role, and the character actually printed (``ch`` or 〓)."""
        hit = self._chars[role].get(ch)
        if hit is not None:
            return hit
        with self._lock:
            hit = self._chars[role].get(ch) or self._resolve(role, ch)
            self._chars[role][ch] = hit
            return hit

    def _resolve(self, role: str, ch: str) -> tuple[LoadedFont, str]:
        code = ord(ch)
        for item in self._chain(role):
            font = item if isinstance(item, LoadedFont) else fontfiles.load(item.path, item.index)
            if font is not None and code in font.cmap:
                return font, ch
        for entry in fontfiles.fonts_with_char(ch, EXTENSION_FILES):
            font = fontfiles.load(entry.path, entry.index)
            if font is not None and code in font.cmap:
                self._chain(role).append(font)
                return font, ch
        self.missing.add(ch)
        if ch != MISSING_MARK:
            font, drawn = self.resolve(role, MISSING_MARK)
            if drawn == MISSING_MARK:
                return font, MISSING_MARK
        return self.primary(role), "?"

    def missing_in(self, text: str, role: str = "body") -> set[str]:
        """The characters of ``text`` that no installed font has (they would print as 〓)."""
        return {ch for ch in set(text) if not ch.isspace() and self.resolve(role, ch)[1] != ch}


_sets: dict[tuple, FontSet] = {}
_sets_lock = threading.Lock()


def configured_overrides() -> dict[str, str]:
    """The administrator's font files from the settings, or nothing when no database is open (tests, benchmarks)."""
    from db.connection import database
    if database.obj is None:
        return {}
    import peewee
    from app import settings
    try:
        values = settings.get_all()
    except peewee.PeeweeException:  # a database without the settings table yet
        return {}
    return {role: values.get(setting_key(role)) or "" for role in ROLES}


def fontset(overrides: dict[str, str] | None = None) -> FontSet:
    """The cached ``FontSet`` for the given (default: configured) choices; built once per configuration."""
    if overrides is None:
        overrides = configured_overrides()
    key = tuple(sorted((k, v) for k, v in overrides.items() if v))
    found = _sets.get(key)
    if found is None:
        with _sets_lock:
            found = _sets.get(key)
            if found is None:
                found = _sets[key] = FontSet(dict(key))
    return found


def reload() -> None:
    """Forget the chosen fonts (after the administrator changed them); loaded font files stay cached."""
    with _sets_lock:
        _sets.clear()


def font_report(overrides: dict[str, str] | None = None) -> list[dict]:
    """One row per role: which font prints it, from which file, and why that one."""
    fs = fontset(overrides)
    rows = []
    for role in ROLES:
        rf = fs.roles[role]
        rows.append({
            "role": role, "role_name": ROLE_NAMES[role], "family": rf.font.family, "path": rf.font.path,
            "subfont": rf.font.index, "official": rf.official, "chosen_by": rf.chosen_by,
            "setting": fs.overrides.get(role, ""), "note": rf.note,
        })
    return rows


def substitute_notice(overrides: dict[str, str] | None = None) -> str | None:
    """What the print preview tells the clerk when some text prints in a substitute font instead of 仿宋, 小标宋…
    (said on the screen, never printed on the page); None when every role has its official font."""
    fs = fontset(overrides)
    substitutes = [rf for rf in fs.roles.values() if not rf.official]
    if not substitutes:
        return None
    used = "；".join(f"{ROLE_NAMES[rf.role]}用“{rf.font.family}”" for rf in substitutes)
    return (f"注意：本机缺少规范字体，这份文书以替代字体显示和打印（{used}）。正式文书应使用仿宋、方正小标宋等规范字体："
            "请安装这些字体，或由管理员在“系统管理 → 打印字体”中指定字体文件。")


def font_file_problem(value: str) -> str | None:
    """Why a font file cannot serve as a role's font (for the settings' check); None when it can."""
    if not value:
        return None
    import os
    path, index = fontfiles.split_choice(value)
    if not os.path.isfile(path):
        return "找不到这个字体文件"
    font = fontfiles.load(path, index)
    if font is None:
        return f"无法使用：{fontfiles.problem(path, index)}"
    if not all(font.has(ch) for ch in SAMPLE_CJK):
        return "这个字体没有汉字"
    return None
