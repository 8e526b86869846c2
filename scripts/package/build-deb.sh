#!/usr/bin/env bash
# make package: build dist/report-writer_<version>_<arch>.deb inside a Debian 11 (bullseye, glibc 2.31) root.
#
#   1. a bullseye root (debootstrap) with Python 3.11 built from Debian 12's python3.11 source package
#      (kept between builds in $RW_ROOTS/build-bullseye-<arch>; delete it to start over);
#   2. the project's dependencies, read from pyproject.toml ([project] dependencies + the bundle extra),
#      installed there with pip, PySide6 pinned by packaging/linux/constraints-glibc231-<arch>.txt;
#   3. the PyInstaller bundle (build.spec) and the icons (scripts/render_icons.py) made there;
#   4. the .deb laid out (/opt/report-writer, /usr/bin, menu entry, icons, .rwp MIME type) and built;
#   5. scripts/check_glibc_floor.py run on the .deb: no ELF file may need more than glibc 2.31.
#
# Environment: RW_ROOTS (where roots live, default build/roots), RW_MIRROR (Debian mirror), RW_XZ_LEVEL (1),
# RW_ARCH (default: this machine's; arm64 works the same on an arm64 machine, untested here).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
source scripts/package/roots.sh

SUITE=bullseye
ARCH="${RW_ARCH:-$(dpkg --print-architecture)}"
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
BUILD_ROOT="$RW_ROOTS/build-$SUITE-$ARCH"
PYTHON_STAMP="$BUILD_ROOT/opt/python3.11/.built-from"
START=$(date +%s)

need_host_tools

# -- 1. the build root with Python 3.11 ---------------------------------------------------------------
if [[ ! -s $PYTHON_STAMP ]]; then
  log "build root $BUILD_ROOT: new $SUITE root, build tools"
  new_root "$SUITE" "$BUILD_ROOT" "$ARCH"
  # bookworm's sources only: the binary packages all come from bullseye.
  echo "deb-src $RW_MIRROR bookworm main" >"$BUILD_ROOT/etc/apt/sources.list.d/bookworm-src.list"
  in_root "$BUILD_ROOT" "apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      build-essential dpkg-dev ca-certificates libssl-dev zlib1g-dev libbz2-dev libffi-dev liblzma-dev \
      libsqlite3-dev uuid-dev libexpat1-dev \
      libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 \
      libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libx11-xcb1 fontconfig fonts-wqy-microhei >/dev/null"
  log "python3.11 source package from bookworm"
  in_root "$BUILD_ROOT" "mkdir -p /usr/src/python && cd /usr/src/python && apt-get source -qq python3.11 2>&1 \
      | grep -v -e unsandboxed -e 'applying' || true; ls -d /usr/src/python/python3.11-*/"
  log "configure + make Python 3.11 (shared libpython for PyInstaller; takes ~5 min on 2 cores)"
  in_root "$BUILD_ROOT" 'set -e; cd /usr/src/python/python3.11-*/
      # A Debian security patch makes pyexpat include core headers; Debian builds it into the interpreter,
      # we build it as a module, which needs the define that Python 3.12 adds to pyexpat.c upstream.
      grep -q "define Py_BUILD_CORE_MODULE" Modules/pyexpat.c \
        || sed -i "1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif" Modules/pyexpat.c
      ./configure -q --prefix=/opt/python3.11 --enable-shared LDFLAGS="-Wl,-rpath,/opt/python3.11/lib" \
        >/usr/src/python/configure.log 2>&1 || { tail -30 /usr/src/python/configure.log; exit 1; }
      make -j"$(nproc)" -s >/usr/src/python/make.log 2>&1 || { tail -40 /usr/src/python/make.log; exit 1; }
      rm -rf /opt/python3.11
      # ENSUREPIP=no: Debian disables ensurepip outside a venv; the venv below gets pip from it.
      make -s altinstall ENSUREPIP=no >/usr/src/python/install.log 2>&1 \
        || { tail -30 /usr/src/python/install.log; exit 1; }
      /opt/python3.11/bin/python3.11 -c "import ssl, sqlite3, lzma, bz2, ctypes, zlib, pyexpat, tomllib, uuid"
      basename "$PWD" >/opt/python3.11/.built-from
      rm -rf /usr/src/python'
  log "python: $(cat "$PYTHON_STAMP")"
fi

# -- 2. sources and dependencies -----------------------------------------------------------------------
WORK="$BUILD_ROOT/work"
rm -rf "$WORK"
mkdir -p "$WORK/src"
if git rev-parse --git-dir >/dev/null 2>&1; then
  # tracked and new files, as they are in the work tree (not .venv, build/, dist/)
  git ls-files -z -co --exclude-standard | while IFS= read -r -d '' f; do [[ -e $f ]] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf - | tar -C "$WORK/src" -xf -
else
  tar --exclude=./.venv --exclude=./build --exclude=./dist -cf - . | tar -C "$WORK/src" -xf -
fi
log "dependencies from pyproject.toml"
in_root "$BUILD_ROOT" 'set -e; cd /work/src
  /opt/python3.11/bin/python3.11 -c "
import tomllib
project = tomllib.load(open(\"pyproject.toml\", \"rb\"))[\"project\"]
print(\"\n\".join(project[\"dependencies\"] + project[\"optional-dependencies\"][\"bundle\"]))
" >/work/requirements.txt
  cat /work/requirements.txt | tr "\n" " "; echo
  /opt/python3.11/bin/python3.11 -m venv /work/venv
  /work/venv/bin/python -m pip install -q --upgrade pip
  /work/venv/bin/python -m pip install -q -r /work/requirements.txt -c packaging/linux/constraints-glibc231-'"$ARCH"'.txt
  /work/venv/bin/python -m pip list --format=freeze | tr "\n" " "; echo'

# -- 2b. the context language model ---------------------------------------------------------------------
# fcitx5's zh_CN.lm (LGPL-2.1+) goes inside the bundle: Ubuntu 20.04 has no libime-data-language-model, and
# the proofreader is tuned and tested on Debian 12's (the one scripts/install-system-deps.sh installs on the
# dev machines and CI). scripts/fetch_language_model.py (on this host, cached in build/lm-cache) downloads that
# package at the version and SHA-256 pinned in it, as the Windows build does, checks it and unpacks the model,
# its notice and licence texts into the build root's /work/lm for build.spec.
LM_PKG=libime-data-language-model
LM_ENV=""
LM_VERSION=""
if in_root "$BUILD_ROOT" "/work/venv/bin/python -c 'import kenlm'" 2>/dev/null; then
  log "$LM_PKG (scripts/fetch_language_model.py)"
  python3 scripts/fetch_language_model.py --output "$WORK/lm"
  LM_ENV="REPORT_WRITER_BUNDLE_LM=/work/lm/zh_CN.lm"
  LM_VERSION=$(python3 -c 'import sys; sys.path.insert(0, "scripts"); import fetch_language_model as f; print(f.PIN.version)')
  log "model: /work/lm/zh_CN.lm ($LM_PKG $LM_VERSION, $(du -h "$WORK/lm/zh_CN.lm" | cut -f1))"
else
  log "no kenlm wheel for $ARCH: the package goes without the context language model"
fi

# -- 3. icons and the PyInstaller bundle ---------------------------------------------------------------
log "icons and PyInstaller bundle"
in_root "$BUILD_ROOT" 'set -e; cd /work/src
  QT_QPA_PLATFORM=offscreen /work/venv/bin/python scripts/render_icons.py /work/icons >/dev/null
  '"$LM_ENV"' /work/venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath /work/dist --workpath /work/pyi build.spec'

# -- 4. the .deb ---------------------------------------------------------------------------------------
log "laying out the package"
PKG="$WORK/pkg"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/share/mime/packages" \
  "$PKG/usr/share/doc/report-writer"
cp -a "$WORK/dist/report-writer" "$PKG/opt/report-writer"
ln -s /opt/report-writer/report-writer "$PKG/usr/bin/report-writer"
install -m644 packaging/linux/report-writer.desktop "$PKG/usr/share/applications/report-writer.desktop"
install -m644 packaging/linux/report-writer-mime.xml "$PKG/usr/share/mime/packages/report-writer.xml"
for png in "$WORK"/icons/hicolor/*/apps/report-writer.png; do
  size_dir=$(basename "$(dirname "$(dirname "$png")")")
  install -D -m644 "$png" "$PKG/usr/share/icons/hicolor/$size_dir/apps/report-writer.png"
  install -D -m644 "$png" "$PKG/usr/share/icons/hicolor/$size_dir/mimetypes/application-x-report-writer-project.png"
done
install -D -m644 packaging/icon/report-writer.svg "$PKG/usr/share/icons/hicolor/scalable/apps/report-writer.svg"
cat >"$PKG/usr/share/doc/report-writer/copyright" <<EOF
report-writer (政协年度工作综述写作助手) $VERSION
The program and its bundled Python packages and Qt libraries; the licences of the bundled
third-party components are inside /opt/report-writer/_internal (each package's *.dist-info).
EOF
if [[ -n $LM_VERSION ]]; then
  # The model and the library that reads it are LGPL-2.1+: said here, with the model's own copyright file.
  cat >>"$PKG/usr/share/doc/report-writer/copyright" <<EOF

Files: /opt/report-writer/_internal/lm/zh_CN.lm
Copyright: 2015-2022, CSSlayer <wengxt@gmail.com> (fcitx5 libime; unmodified, from Debian's
 $LM_PKG $LM_VERSION)
License: LGPL-2.1+
 This library is free software; you can redistribute it and/or modify it under the terms of the
 GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1
 of the License, or (at your option) any later version.
 .
 On Debian and Ubuntu the complete text of the GNU Lesser General Public License version 2.1 is in
 /usr/share/common-licenses/LGPL-2.1; a copy is in /opt/report-writer/_internal/lm/ as well.

Files: /opt/report-writer/_internal/kenlm*
Copyright: Kenneth Heafield and the KenLM contributors (the kenlm-ex wheel)
License: LGPL-2.1+
 See /opt/report-writer/_internal/kenlm_ex-*.dist-info/licenses/LICENSE.

The copyright file of Debian's $LM_PKG package follows.

EOF
  cat "$WORK/lm/debian-copyright.txt" >>"$PKG/usr/share/doc/report-writer/copyright"
fi
install -m755 packaging/linux/postinst "$PKG/DEBIAN/postinst"
install -m755 packaging/linux/postrm "$PKG/DEBIAN/postrm"
INSTALLED_KB=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
DEPENDS=$(grep -v '^#' packaging/linux/depends.txt | grep -v '^\s*$' | paste -sd, | sed 's/,/, /g')
cat >"$PKG/DEBIAN/control" <<EOF
Package: report-writer
Version: $VERSION
Architecture: $ARCH
Maintainer: report-writer <report-writer@localhost>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme, libgtk-3-0
Section: editors
Priority: optional
Homepage: https://localhost/report-writer
Description: 政协年度工作综述写作助手
 A desktop program for drafting a CPPCC office's annual work review: sections from
 templates, figures kept as fields, proofreading of wording and figures, and a Word
 export that follows GB/T 9704. Works offline.
EOF
(cd "$PKG" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum >DEBIAN/md5sums)
DEB_NAME="report-writer_${VERSION}_${ARCH}.deb"
# xz, which every dpkg since Debian 6 reads. Level 1 by default: on a busy 2-core machine level 6 (dpkg-deb's
# default) took over 30 minutes for this package (its large match finder thrashes the shared caches), level 1
# about a minute, for a .deb about 13 % larger. RW_XZ_LEVEL=6 (or 9) for a release build's smaller file.
XZ_LEVEL="${RW_XZ_LEVEL:-1}"
log "dpkg-deb (xz -$XZ_LEVEL)"
mkdir -p dist
dpkg-deb --root-owner-group -Zxz -z"$XZ_LEVEL" --build "$PKG" "$WORK/$DEB_NAME" >/dev/null
cp "$WORK/$DEB_NAME" "dist/$DEB_NAME"

# -- 5. the glibc floor --------------------------------------------------------------------------------
log "ELF check (readelf, in the build root)"
in_root "$BUILD_ROOT" "/opt/python3.11/bin/python3.11 /work/src/scripts/check_glibc_floor.py /work/$DEB_NAME"

log "built dist/$DEB_NAME: $(du -h "dist/$DEB_NAME" | cut -f1) (.deb), installed $((INSTALLED_KB / 1024)) MiB, $(($(date +%s) - START)) s"
