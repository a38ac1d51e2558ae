#!/usr/bin/env bash
# Builds the one-folder bundle and the .deb, runs the bundle's commands, installs the .deb and runs smoke from it.
#   packaging/test-bundle.sh            (from anywhere; needs the project's .venv with the packaging extra)
# As root the .deb is installed with apt-get (which also installs its Depends) and removed again afterwards
# (KEEP_DEB=1 keeps it); as another user the installation step is reported as skipped. Exit code 0 only when every
# step passed. DEB_COMPRESSION=gzip builds the .deb faster (CI); the default is xz, the smaller download.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
name=zhengwu-gongkai
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
started=$SECONDS
fail() { echo "FAIL: $*"; [ -f "$work/out" ] && tail -5 "$work/out"; exit 1; }
step() { printf '%s: ' "$1"; shift; t=$SECONDS; "$@" >"$work/out" 2>&1 || fail "$*"; echo "ok ($((SECONDS - t)) s)"; }

"$PY" -c 'import PyInstaller' 2>/dev/null || "$PY" -m pip install -q -e '.[packaging]' || fail "cannot install pyinstaller"
step "bundle (PyInstaller)" "$PY" -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller \
  "packaging/$name.spec"
exe=dist/$name/$name
echo "bundle: $(du -sm "dist/$name" | cut -f1) MB"

# ---- the bundle's commands: every document kind the command line prints, every export format --------------------
d=$work/data
printf 'Bundle-check-2026\n' > "$work/pw"
step "--version" "$exe" --version
step "--help" "$exe" --help
step "init" "$exe" --data-dir "$d" init --admin admin --password-file "$work/pw" --office 某某镇人民政府
step "demo" "$exe" --data-dir "$d" demo --requests 30 --seed 3
step "check" "$exe" --data-dir "$d" check
step "smoke" "$exe" --data-dir "$d" smoke
step "requests export (xlsx)" "$exe" --data-dir "$d" requests export --out "$work/reg.xlsx"
step "items export (xlsx)" "$exe" --data-dir "$d" items export --out "$work/items.xlsx"
num=$("$PY" -c 'import sys, openpyxl; print(list(openpyxl.load_workbook(sys.argv[1], read_only=True).active.iter_rows(values_only=True))[1][0])' "$work/reg.xlsx")
step "notice 登记回执 ($num)" "$exe" --data-dir "$d" notice --request "$num" --kind 登记回执 --out "$work/n.pdf"
year=$(( $(date +%Y) - 1 ))
for fmt in pdf docx xlsx json; do
  step "report annual $year ($fmt)" "$exe" --data-dir "$d" report annual --year "$year" --format "$fmt" \
    --out "$work/report.$fmt"
done
# ---- 文字识别 offline from the bundle: a typed page rasterised at 150 dpi, its ID number read back ------------------
"$PY" - "$work/scan.png" <<'PY' || fail "cannot make the page image"
import sys
from PIL import Image, ImageDraw, ImageFont
page = Image.new("RGB", (1240, 400), "white")
ImageDraw.Draw(page).text((100, 150), "身份证号码：110101199003074514", fill="black",
                          font=ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 40))
page.save(sys.argv[1], dpi=(150, 150))
PY
step "ocr --in (page image)" "$exe" --data-dir "$d" ocr --in "$work/scan.png"
grep -q 110101199003074514 "$work/out" || fail "the bundle's ocr did not read the ID number"

if command -v pdffonts >/dev/null; then
  pdffonts "$work/n.pdf" | awk 'NR > 2 && $(NF-4) != "yes" {bad=1} END {exit bad}' || fail "a font of the notice is not embedded"
fi

# ---- every document and export the command line offers, each file checked -----------------------------------------
# The list is the program's own (`documents`: every command that writes a file, once per --kind and --format, with
# examples from the demo data), so a document added later is printed here too. Each output must be a PDF that
# pdfinfo opens with its fonts embedded, an xlsx/docx whose zip holds its main part, or JSON that parses.
check_document() {
  local file=$1
  [ -s "$file" ] || { echo "empty or missing: $file"; return 1; }
  case $file in
    *.pdf)
      [ "$(head -c 5 "$file")" = "%PDF-" ] || { echo "not a PDF: $file"; return 1; }
      if command -v pdfinfo >/dev/null; then
        pdfinfo "$file" | awk '$1 == "Pages:" && $2 > 0 {ok=1} END {exit !ok}' || { echo "no pages: $file"; return 1; }
        pdffonts "$file" | awk 'NR > 2 && $(NF-4) != "yes" {bad=1} END {exit bad}' || { echo "a font is not embedded: $file"; return 1; }
      fi ;;
    *.xlsx|*.docx)
      "$PY" - "$file" <<'PYCHECK' || return 1
import sys, zipfile
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    main = "xl/workbook.xml" if path.endswith(".xlsx") else "word/document.xml"
    assert z.testzip() is None and main in z.namelist(), f"{path}: no {main}"
PYCHECK
      ;;
    *.json) "$PY" -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$file" || return 1 ;;
    *) echo "unknown kind of file: $file"; return 1 ;;
  esac
}

print_every_document() {
  local t=$SECONDS n=0 files=0 argv i out file
  "$exe" --data-dir "$d" documents >"$work/documents.tsv" 2>"$work/out" </dev/null || fail "documents"
  while IFS=$'\t' read -r -a argv; do
    n=$((n + 1))
    out=$work/doc$n
    for i in "${!argv[@]}"; do  # {out}: this document's file; {in}: a PDF with the office's name (the notice above)
      argv[i]=${argv[i]/"{out}"/$out}
      argv[i]=${argv[i]/"{in}"/$work/n.pdf}
    done
    "$exe" --data-dir "$d" "${argv[@]}" >"$work/out" 2>&1 </dev/null || fail "${argv[*]}"
    for file in "$out".* "$out"-*; do
      [ -e "$file" ] || continue
      check_document "$file" >>"$work/out" 2>&1 || fail "${argv[*]}: $(tail -1 "$work/out")"
      files=$((files + 1))
    done
  done <"$work/documents.tsv"
  [ "$n" -gt 0 ] || fail "documents listed nothing"
  echo "every document: $n commands, $files files printed and checked ($((SECONDS - t)) s)"
}
print_every_document

# ---- the .deb ------------------------------------------------------------------------------------------------------
t=$SECONDS
deb=$(packaging/build-deb.sh "dist/$name" dist) || fail "build-deb.sh"
echo "deb: $deb, $(( $(stat -c %s "$deb") / 1048576 )) MB ($((SECONDS - t)) s)"
if [ "$(id -u)" -ne 0 ]; then
  echo "install: skipped (not root; as root: apt-get install $(readlink -f "$deb"))"
  echo "bundle ok in $((SECONDS - started)) s"
  exit 0
fi
if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q 'install ok installed'; then
  fail "$name is already installed on this machine: the test would replace it"
fi
step "apt-get install $(basename "$deb")" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$(readlink -f "$deb")"
[ "$(readlink -f /usr/bin/$name)" = "/opt/$name/$name" ] || fail "/usr/bin/$name does not lead to /opt/$name"
[ -f /usr/share/applications/$name.desktop ] && [ -f /usr/share/icons/hicolor/scalable/apps/$name.svg ] || fail "menu entry or icon missing"
if command -v desktop-file-validate >/dev/null; then step "desktop entry" desktop-file-validate /usr/share/applications/$name.desktop; fi
d2=$work/installed
step "installed: init" $name --data-dir "$d2" init --admin admin --password-file "$work/pw" --office 某某镇人民政府
step "installed: smoke" $name --data-dir "$d2" smoke
if [ -z "${KEEP_DEB:-}" ]; then step "dpkg --purge" dpkg --purge "$name"; fi
echo "bundle and .deb ok in $((SECONDS - started)) s"
