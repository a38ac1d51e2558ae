#!/usr/bin/env bash
# Builds the .deb for Debian / 统信UOS / 麒麟 from the one-folder bundle:
#   packaging/build-deb.sh [BUNDLE_DIR [OUT_DIR]]     (defaults: dist/zhengwu-gongkai and dist)
# The bundle goes to /opt/zhengwu-gongkai, the command to /usr/bin/zhengwu-gongkai, the menu entry and icon to
# /usr/share. The package depends on the packages of every system library the bundle's programs and libraries load
# (their DT_NEEDED entries, found with ldd as at run time) and recommends the free CJK
# fonts the printed documents fall back on. Prints the path of the .deb. DEB_COMPRESSION=gzip is faster than the
# default xz (75 MiB against 56 MiB).
set -euo pipefail
cd "$(dirname "$0")/.."
name=zhengwu-gongkai
bundle=$(cd "${1:-dist/$name}" && pwd)
out=$(mkdir -p "${2:-dist}" && cd "${2:-dist}" && pwd)
exe="$bundle/$name"
[ -x "$exe" ] || { echo "no bundle at $bundle (build it first: python -m PyInstaller packaging/$name.spec)" >&2; exit 1; }
for tool in dpkg-deb dpkg-query ldd readelf; do
  command -v "$tool" >/dev/null || { echo "$tool is needed to build the .deb" >&2; exit 1; }
done

version=$("$exe" --version | awk '{print $NF}')
arch=$(dpkg --print-architecture)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
root="$work/root"

# ---- which packages the bundle needs from the system ---------------------------------------------------------------
# A library an ELF file of the bundle names (DT_NEEDED) and the bundle does not carry is looked up where the
# loader finds it (ldd, with the bundle's folders first as at run time) and mapped to its package.
libdirs=$(find "$bundle" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)
find "$bundle" -name '*.so*' -printf '%f\n' | sort -u > "$work/carried"
: > "$work/libs"
while IFS= read -r -d '' f; do
  needed=$(readelf -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p') || continue
  [ -n "$needed" ] || continue
  resolved=$(LD_LIBRARY_PATH="$libdirs" ldd "$f" 2>/dev/null || true)
  for lib in $needed; do
    grep -qxF "$lib" "$work/carried" && continue
    # "libX.so => /path (addr)", or for the dynamic loader itself "/lib64/ld-linux-x86-64.so.2 (addr)" — or, when a
    # library names the loader among its DT_NEEDED (OpenCV's own Qt 5 does), "<the file> => /lib64/ld-linux…(addr)"
    # (awk reads a here-string: a pipe into an awk that exits early would end the script with SIGPIPE under pipefail)
    path=$(awk -v l="$lib" '$1 == l && $2 == "=>" {print $3; exit}
                            $1 ~ "/" l "$" {print $1; exit}
                            $2 == "=>" && $3 ~ "/" l "$" {print $3; exit}' <<< "$resolved")
    case "$path" in
      /*) echo "$path" >> "$work/libs" ;;
      *) echo "$lib, needed by $f, is not installed on this system" >&2; exit 1 ;;
    esac
  done
done < <(find "$bundle" -type f \( -name '*.so*' -o -perm -u+x \) -print0)
: > "$work/pkgs"
while read -r lib; do
  real=$(readlink -f "$lib")
  pkg=""
  for candidate in "$lib" "$real" "/usr$lib" "/usr$real" "${lib#/usr}" "${real#/usr}"; do
    pkg=$(dpkg-query -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1 || true)
    if [ -n "$pkg" ]; then break; fi
  done
  [ -n "$pkg" ] || { echo "no package owns $lib" >&2; exit 1; }
  echo "$pkg" >> "$work/pkgs"
done < <(sort -u "$work/libs")
depends=$(sort -u "$work/pkgs" | paste -sd, | sed 's/,/, /g')

# ---- the package's files -----------------------------------------------------------------------------------------
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/icons/hicolor/scalable/apps" \
         "$root/DEBIAN"
cp -a "$bundle" "$root/opt/$name"
ln -s "/opt/$name/$name" "$root/usr/bin/$name"
install -m 0644 packaging/linux/$name.desktop "$root/usr/share/applications/$name.desktop"
install -m 0644 app/resources/icons/app.svg "$root/usr/share/icons/hicolor/scalable/apps/$name.svg"
size=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<EOF
Package: $name
Version: $version
Architecture: $arch
Maintainer: 政务公开工作台 <noreply@localhost>
Installed-Size: $size
Section: office
Priority: optional
Depends: $depends
Recommends: fonts-arphic-uming | fonts-wqy-microhei | fonts-noto-cjk, fonts-arphic-ukai
Description: 政务公开工作台 — government information disclosure desk
 A desktop program for the 政府信息公开 offices of townships and county
 bureaus: requests and their statutory deadlines, notices printed in the
 GB/T 9704 layout, proactive disclosure review and the annual report.
 Runs offline; data stays in each user's ~/.local/share/zhengwu-gongkai.
EOF
deb="$out/${name}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$root" "$deb" >/dev/null
echo "$deb"
