#!/usr/bin/env bash
# Prove the .deb where it is meant to run:
#
#   scripts/package/prove-deb.sh [bullseye|bookworm|host] [dist/report-writer_<version>_<arch>.deb]
#
# bullseye / bookworm: a fresh Debian 11 / 12 root (debootstrap; nothing else installed). host: this machine.
# Installs the package with apt (as a user would), checks that every bundled library finds what it links to,
# that the menu entry and the .rwp type are registered, exports the sample with `report-writer demo` and
# reads the document back, starts the window offscreen (smoke mode) and waits for the checking process to
# answer, then purges the package and checks that nothing of it is left. Prints sizes and timings.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/package/roots.sh

TARGET="${1:-bullseye}"
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DEB="${2:-dist/report-writer_${VERSION}_$(dpkg --print-architecture).deb}"
[[ -s $DEB ]] || { echo "prove-deb: 找不到 $DEB，请先运行 make package" >&2; exit 1; }
DEB_NAME=$(basename "$DEB")
OUT="build/prove-$TARGET"
rm -rf "$OUT"
mkdir -p "$OUT"

# The steps, run as root inside the target system. $1 = the .deb path there, $2 = a scratch folder.
read -r -d '' PROOF <<'EOF' || true
set -euo pipefail
deb=$1; scratch=$2
step() { printf '\n== %s\n' "$*"; }
now() { date +%s.%N; }
elapsed() { awk "BEGIN { printf \"%.2f\", $2 - $1 }"; }

step "系统：$(. /etc/os-release; echo "$PRETTY_NAME"), $(ldd --version | head -1)"
step "apt install ./$(basename "$deb")"
apt-get update -qq
t0=$(now)
apt-get install -y -qq "$deb" >"$scratch/apt-install.log" 2>&1 || { tail -30 "$scratch/apt-install.log"; exit 1; }
echo "安装用时 $(elapsed "$t0" "$(now)") s（含下载依赖）"
dpkg -s report-writer | grep -E '^(Version|Installed-Size|Depends):'
echo "安装目录 /opt/report-writer：$(du -sh /opt/report-writer | cut -f1)"
dpkg -L report-writer | sort >"$scratch/files.txt"
touch "$scratch/marker"
sleep 1

step "每个 ELF 文件的依赖都能找到（ldd）"
missing=0
while IFS= read -r -d '' f; do
  if head -c4 "$f" | grep -q ELF; then
    out=$(LD_LIBRARY_PATH=/opt/report-writer/_internal ldd "$f" 2>/dev/null | grep 'not found' || true)
    if [[ -n $out ]]; then echo "$f:"; echo "$out"; missing=1; fi
  fi
done < <(find /opt/report-writer -type f -print0)
[[ $missing -eq 0 ]] && echo "全部找到" || { echo "有缺少的系统库"; exit 1; }

step "菜单项与 .rwp 文件类型"
grep -E '^(Name|Exec|Icon|MimeType)=' /usr/share/applications/report-writer.desktop
command -v desktop-file-validate >/dev/null && desktop-file-validate /usr/share/applications/report-writer.desktop && echo "desktop-file-validate: 通过"
grep 'rwp' /usr/share/mime/globs2
grep 'x-report-writer-project' /usr/share/applications/mimeinfo.cache
ls /usr/share/icons/hicolor/*/apps/report-writer.* | wc -l | xargs echo "图标文件数："

step "report-writer demo -o x.docx"
export REPORT_WRITER_HOME="$scratch/home"
t0=$(now)
report-writer demo -o "$scratch/x.docx"
echo "导出用时 $(elapsed "$t0" "$(now)") s"
t0=$(now)
report-writer templates >/dev/null
echo "命令行启动（report-writer templates）用时 $(elapsed "$t0" "$(now)") s"
t0=$(now)
report-writer check "$scratch/x.docx" | tail -3 || true
echo "校对导出的文档用时 $(elapsed "$t0" "$(now)") s"

step "上下文语言模型（随安装包，在 /opt/report-writer/_internal/lm）：校对“最低生活暴涨标准”"
printf '今年全区提高城乡居民最低生活暴涨标准，惠及困难群众三千余人。\n' >"$scratch/lm.txt"
t0=$(now)
report-writer check -v "$scratch/lm.txt" 2>"$scratch/lm.err" | tee "$scratch/lm.out"
echo "用时 $(elapsed "$t0" "$(now)") s"
cat "$scratch/lm.err"
# amd64 packages carry the model (kenlm-ex has wheels there); an arm64 one goes without and says so
with_model=$([[ $(dpkg --print-architecture) == amd64 || -e /opt/report-writer/_internal/lm/zh_CN.lm ]] && echo 1 || true)
if [[ -n $with_model ]]; then
  grep -q '已启用上下文语言模型（fcitx5 zh_CN.lm' "$scratch/lm.err" || { echo "上下文语言模型没有启用"; exit 1; }
  # the slip only the context tells (word frequencies alone do not flag it)
  grep -q '「暴涨」 → 「保障」' "$scratch/lm.out" || { echo "没有用上下文语言模型找出“暴涨”"; exit 1; }
  ls -l /opt/report-writer/_internal/lm/
fi

step "窗口（offscreen，检查模式）"
t0=$(now)
QT_QPA_PLATFORM=offscreen REPORT_WRITER_SMOKE=1 report-writer 2>&1 | tee "$scratch/smoke.log"
echo "启动窗口、打开示例、校对进程应答并退出共用时 $(elapsed "$t0" "$(now)") s"
grep -q '窗口已打开' "$scratch/smoke.log" && grep -q '校对进程已运行' "$scratch/smoke.log"
[[ -z $with_model ]] || grep -q '校对进程的上下文语言模型：已启用' "$scratch/smoke.log"
if [[ -n $(find /opt/report-writer -newer "$scratch/marker" -print -quit) ]]; then
  echo "运行时写入了安装目录："; find /opt/report-writer -newer "$scratch/marker" | head; exit 1
fi
echo "运行后安装目录无新文件"

step "apt purge report-writer"
apt-get purge -y -qq report-writer >"$scratch/apt-purge.log" 2>&1 || { tail -20 "$scratch/apt-purge.log"; exit 1; }
left=0
while IFS= read -r path; do
  if [[ -f $path || -L $path ]]; then echo "残留：$path"; left=1; fi
done <"$scratch/files.txt"
[[ -e /opt/report-writer ]] && { echo "残留：/opt/report-writer"; left=1; }
grep -q rwp /usr/share/mime/globs2 2>/dev/null && { echo "残留：.rwp 仍在 MIME 数据库中"; left=1; }
grep -q report-writer /usr/share/applications/mimeinfo.cache 2>/dev/null && { echo "残留：mimeinfo.cache"; left=1; }
hash -r; command -v report-writer >/dev/null && { echo "残留：report-writer 命令"; left=1; }
[[ $left -eq 0 ]] && echo "卸载干净：$(wc -l <"$scratch/files.txt") 个条目全部移除，MIME 与菜单缓存已更新"
[[ $left -eq 0 ]]
EOF

if [[ $TARGET == host ]]; then
  scratch=$(mktemp -d)
  cp "$DEB" "$scratch/$DEB_NAME"
  bash -c "$PROOF" proof "$scratch/$DEB_NAME" "$scratch" 2>&1 | tee "$OUT/proof.log"
  cp "$scratch/x.docx" "$OUT/x.docx"
  rm -rf "$scratch"
else
  need_host_tools
  ROOT_DIR="$RW_ROOTS/prove-$TARGET"
  log "fresh $TARGET root in $ROOT_DIR"
  new_root "$TARGET" "$ROOT_DIR"
  mkdir -p "$ROOT_DIR/root/proof"
  cp "$DEB" "$ROOT_DIR/root/proof/$DEB_NAME"
  printf '%s\n' "$PROOF" >"$ROOT_DIR/root/proof.sh"
  in_root "$ROOT_DIR" "bash /root/proof.sh /root/proof/$DEB_NAME /root/proof" 2>&1 | tee "$OUT/proof.log"
  cp "$ROOT_DIR/root/proof/x.docx" "$OUT/x.docx"
  rm -rf "$ROOT_DIR"
fi

# The exported document, read back here with the standard library (the root has no Python).
python3 - "$OUT/x.docx" <<'EOF'
import re
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as docx:
    xml = docx.read("word/document.xml").decode("utf-8")
    media = [n for n in docx.namelist() if n.startswith("word/media/")]
paragraphs = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)]
paragraphs = [p for p in paragraphs if p.strip()]
assert paragraphs and paragraphs[0].startswith("凝心聚力"), paragraphs[:2]
chars = sum(len(p) for p in paragraphs)
print(f"\n== 文档检查：{len(paragraphs)} 段、{chars} 字、{len(media)} 张图片；标题：{paragraphs[0]}")
EOF
echo "prove-deb ($TARGET): 通过"
