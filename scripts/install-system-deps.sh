#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the app (runtime) or the test suite (test) needs.
# Only missing packages are installed; without root it prints the command to run instead.
set -euo pipefail
mode="${1:-test}"

runtime_pkgs=(
  fonts-noto-cjk fontconfig libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0
)
# The render test converts exports with LibreOffice and reads them with poppler; each Chinese font
# role maps to a different free font (tests/fonts/fonts.conf), so all of these must be present.
test_pkgs=(
  libreoffice-writer-nogui poppler-utils fonts-arphic-gkai00mp fonts-wqy-microhei fonts-liberation2 xvfb xauth
  binutils  # readelf, for the glibc floor check of the packages
)

pkgs=("${runtime_pkgs[@]}")
if [[ "$mode" == "test" ]]; then
  pkgs+=("${test_pkgs[@]}")
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-system-deps: 不是 Debian/Ubuntu 系统，请自行安装：${pkgs[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  echo "install-system-deps: 安装 ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "install-system-deps: 安装 ${missing[*]}"
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-system-deps: 缺少系统软件包，请运行：sudo apt-get install ${missing[*]}" >&2
fi
