#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the program needs (Qt's libraries, a CJK font, poppler, CUPS client,
# Xvfb for screenshots, readelf for building the .deb). As root it runs apt-get; as a normal user it prints the
# exact command instead.
set -u
pkgs=(
  libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 xvfb xauth
  fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai fonts-hanazono
  poppler-utils poppler-data libcups2
  binutils  # readelf: packaging/build-deb.sh finds the system libraries the bundle needs
)
command -v dpkg-query >/dev/null 2>&1 || { echo "not a Debian/Ubuntu system: install Qt 6's libraries and a CJK font by hand"; exit 0; }
py=${PYTHON:-python3}
if ! "$py" -c 'import venv, ensurepip' >/dev/null 2>&1; then pkgs+=(python3-venv); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  [ -n "${APT_UPDATED:-}" ] || apt-get update -q || exit 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" || exit 1
else
  echo "缺少系统软件包，请以管理员身份运行 / missing system packages, run as root:"
  echo "sudo apt-get install -y --no-install-recommends ${missing[*]}"
fi
