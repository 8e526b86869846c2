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

# fcitx5's word-trigram model (zh_CN.lm, LGPL-2.1+), the proofreader's context language model (language/lm.py).
# Debian 11+ and Ubuntu 22.04+ have it; where apt does not know it (Ubuntu 20.04) the app works without it.
optional_pkgs=(libime-data-language-model)

pkgs=("${runtime_pkgs[@]}")
if [[ "$mode" == "test" ]]; then
  pkgs+=("${test_pkgs[@]}")
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-system-deps: 不是 Debian/Ubuntu 系统，请自行安装：${pkgs[*]}" >&2
  exit 0
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for pkg in "${pkgs[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done
optional_missing=()
have_lists=$(compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null && echo yes || true)
for pkg in "${optional_pkgs[@]}"; do
  if installed "$pkg"; then
    continue
  elif [[ -z $have_lists ]] || apt-cache show "$pkg" >/dev/null 2>&1; then
    optional_missing+=("$pkg")  # known here, or apt knows nothing yet (a fresh machine): try after the update
  else
    echo "install-system-deps: 本系统没有 $pkg，校对不用上下文语言模型" >&2
  fi
done

if [[ ${#missing[@]} -eq 0 && ${#optional_missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=(env DEBIAN_FRONTEND=noninteractive)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n env DEBIAN_FRONTEND=noninteractive)
else
  echo "install-system-deps: 缺少系统软件包，请运行：sudo apt-get install ${missing[*]} ${optional_missing[*]}" >&2
  exit 0
fi

echo "install-system-deps: 安装 ${missing[*]} ${optional_missing[*]}"
"${as_root[@]}" apt-get update -qq
if [[ ${#missing[@]} -gt 0 ]]; then
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for pkg in "${optional_missing[@]}"; do
  # only if this release has it (after the update above: a fresh machine's apt knows nothing before it)
  if apt-cache show "$pkg" >/dev/null 2>&1; then
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null
  else
    echo "install-system-deps: 本系统没有 $pkg，校对不用上下文语言模型" >&2
  fi
done
