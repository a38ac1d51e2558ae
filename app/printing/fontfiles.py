"""Font files on this machine, and loading one into ReportLab.

Finding: on Linux (统信UOS、麒麟 and other fontconfig systems) ``fc-list`` names every installed font with its family
names and TTC subfont index; on Windows (or when fc-list is missing) the font folders are listed and fonts are known by
their file names (simfang.ttf, simhei.ttf…). Loading: ReportLab embeds only fonts with TrueType (glyf) outlines; a font
with PostScript/CFF outlines or without embedding permission raises ``TTFError`` and is skipped with the reason kept.
Both the list of files and every loaded font are cached for the life of the process: reading a CJK font takes tens of
milliseconds, a render must not pay it again.
"""
from __future__ import annotations

import itertools
import os
import shutil
import struct
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int  # subfont index inside a .ttc collection
    families: tuple[str, ...]  # as fontconfig names them; empty when only the file name is known

    @property
    def basename(self) -> str:
        return os.path.basename(self.path).lower()


@dataclass(eq=False)
class LoadedFont:
    """A font registered with ReportLab under ``name``; ``cmap`` answers which characters it has."""
    name: str
    family: str
    path: str
    index: int
    cmap: dict[int, int]
    widths: dict[int, int]  # advance widths in 1/1000 em
    default_width: float
    ascent: float  # em fractions (OS/2 typo metrics, as PDF viewers read them)
    descent: float
    face: object = None  # ReportLab's parsed font, for glyph outlines' extent
    _ink: dict = field(default_factory=dict)

    def ink_right(self, ch: str) -> float:
        """Where the glyph's ink ends, in em from its origin (the glyph header's xMax); 1.0 when unknown."""
        return self._ink_box(ch)[0]

    def ink_top(self, ch: str) -> float:
        """How high the glyph's ink reaches above the baseline, in em (the glyph header's yMax); 1.0 when unknown."""
        return self._ink_box(ch)[1]

    def _ink_box(self, ch: str) -> tuple[float, float]:
        found = self._ink.get(ch)
        if found is None:
            found = self._ink[ch] = self._read_ink_box(ch)
        return found

    def _read_ink_box(self, ch: str) -> tuple[float, float]:
        face = self.face
        try:
            gid = self.cmap[ord(ch)]
            start, _length = face.get_table_pos("glyf")
            pos = start + face.glyphPos[gid]
            if face.glyphPos[gid + 1] == face.glyphPos[gid]:
                return 0.0, 0.0  # an empty glyph
            x_max, y_max = struct.unpack(">hh", face._ttf_data[pos + 6:pos + 10])
            return x_max / face.unitsPerEm, y_max / face.unitsPerEm
        except (KeyError, IndexError, AttributeError, struct.error):
            return 1.0, 1.0

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap

    def advance(self, ch: str) -> float:
        """The glyph's advance in em."""
        return self.widths.get(ord(ch), self.default_width) / 1000.0


def normalise(name: str) -> str:
    return name.lower().replace(" ", "").replace("-", "").replace("_", "")


def font_dirs() -> list[Path]:
    """Where fonts live when fontconfig cannot be asked: Windows' system and per-user folders, then the Unix ones."""
    dirs = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    home = Path.home()
    dirs += [home / ".local" / "share" / "fonts", home / ".fonts", Path("/usr/share/fonts"),
             Path("/usr/local/share/fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    return [d for d in dirs if d.is_dir()]


def _run_fc_list(*args: str) -> str | None:
    exe = shutil.which("fc-list")
    if not exe:
        return None
    try:
        done = subprocess.run([exe, *args], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


def _parse_fc(text: str) -> list[FontFile]:
    out = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0]:
            continue
        path = parts[0]
        try:
            index = int(parts[1] or 0)
        except ValueError:
            index = 0
        families = tuple(f.strip() for f in parts[2].split(",") if f.strip()) if len(parts) > 2 else ()
        if path.lower().endswith(FONT_SUFFIXES):
            out.append(FontFile(path, index, families))
    return out


def _scan_dirs() -> list[FontFile]:
    out = []
    for folder in font_dirs():
        for root, _dirs, files in os.walk(folder):
            for name in files:
                if name.lower().endswith(FONT_SUFFIXES):
                    out.append(FontFile(os.path.join(root, name), 0, ()))
    return out


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap with characters beyond U+FFFF (CJK Ext-B names such as 𠮷) written as UTF-16BE
    surrogate pairs, as the PDF specification (9.10.3) requires; ReportLab writes five hex digits there, which text
    extraction and search then cannot read."""
    chars = ["<%02X> <%s>" % (i, chr(v).encode("utf-16-be").hex().upper()) for i, v in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        "<< /Registry (%s)" % fontname, "/Ordering (%s)" % fontname, "/Supplement 0", ">> def",
        "/CMapName /%s def" % fontname, "/CMapType 2 def", "1 begincodespacerange", "<00> <%02X>" % (len(subset) - 1),
        "endcodespacerange", "%d beginbfchar" % len(subset), *chars, "endbfchar", "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end"])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap

_lock = threading.RLock()
_catalogue: list[FontFile] | None = None
_loaded: dict[tuple[str, int], LoadedFont | None] = {}
_problems: dict[tuple[str, int], str] = {}
_counter = itertools.count(1)


def catalogue() -> list[FontFile]:
    """Every installed font file (fontconfig's view, else the font folders), read once."""
    global _catalogue
    with _lock:
        if _catalogue is None:
            text = _run_fc_list("-f", "%{file}\t%{index}\t%{family}\n")
            found = _parse_fc(text) if text is not None else []
            if not found:
                found = _scan_dirs()
            _catalogue = found
        return _catalogue


def find(families: tuple[str, ...] = (), files: tuple[str, ...] = (), keywords: tuple[str, ...] = (),
         exclude: tuple[str, ...] = ()) -> list[FontFile]:
    """Installed fonts matching, in order of preference: an exact family name (in the order given), a file name,
    then a family containing a keyword. Names are compared ignoring case, spaces, '-' and '_'."""
    entries = catalogue()
    ranked: list[tuple[tuple[int, int], FontFile]] = []
    fam_rank = {normalise(f): i for i, f in enumerate(families)}
    file_rank = {f.lower(): i for i, f in enumerate(files)}
    keys = [normalise(k) for k in keywords]
    bad = [normalise(x) for x in exclude]
    for entry in entries:
        names = [normalise(f) for f in entry.families]
        if any(b in n for n in names for b in bad) or any(b in normalise(entry.basename) for b in bad):
            continue
        ranks = [(0, fam_rank[n]) for n in names if n in fam_rank]
        if entry.basename in file_rank:
            ranks.append((1, file_rank[entry.basename]))
        ranks += [(2, i) for i, k in enumerate(keys) if any(k in n for n in names)]
        if ranks:
            ranked.append((min(ranks), entry))
    ranked.sort(key=lambda pair: pair[0])
    seen, out = set(), []
    for _rank, entry in ranked:
        key = (os.path.realpath(entry.path), entry.index)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def fonts_with_char(ch: str, extension_files: tuple[str, ...]) -> list[FontFile]:
    """Installed fonts that claim the character: fontconfig answers directly; without it, the known fonts for the
    CJK extension blocks (SimSun-ExtB…) are tried by file name."""
    out: list[FontFile] = []
    text = _run_fc_list(f":charset={ord(ch):x}", "-f", "%{file}\t%{index}\t%{family}\n")
    if text:
        out += _parse_fc(text)
    wanted = {f.lower() for f in extension_files}
    out += [e for e in catalogue() if e.basename in wanted]
    return out


def load(path: str, index: int = 0) -> LoadedFont | None:
    """Register the font with ReportLab once; None (with the reason in ``problem``) when it cannot be embedded."""
    key = (path, index)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        font = None
        try:
            name = f"ZWGK{next(_counter)}"
            tt = TTFont(name, path, subfontIndex=index)
            face = tt.face
            if not face.charToGlyph:
                raise TTFError("字体没有字符映射表")
            pdfmetrics.registerFont(tt)
            family = face.familyName
            if isinstance(family, bytes):
                family = family.decode("utf-8", "replace")
            font = LoadedFont(name=name, family=str(family), path=path, index=index, cmap=face.charToGlyph,
                              widths=face.charWidths, default_width=face.defaultWidth or 1000,
                              ascent=face.ascent / 1000.0, descent=face.descent / 1000.0, face=face)
        except TTFError as err:
            _problems[key] = "PostScript（CFF）轮廓，无法嵌入 PDF" if "postscript" in str(err).lower() else str(err)
        except (OSError, ValueError, IndexError, KeyError, AssertionError) as err:  # unreadable or damaged file
            _problems[key] = f"无法读取：{err}"
        _loaded[key] = font
        return font


def problem(path: str, index: int = 0) -> str | None:
    return _problems.get((path, index))


def split_choice(value: str) -> tuple[str, int]:
    """A chosen font as stored in the settings: ``path`` or ``path#N`` for subfont N of a .ttc collection."""
    value = value.strip()
    head, sep, tail = value.rpartition("#")
    if sep and tail.isdigit() and head:
        return head, int(tail)
    return value, 0
