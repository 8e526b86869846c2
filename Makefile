# Quick start:  make run   (set up, then open the app on the built-in sample)
#               make test  (set up, then run ruff, the type checker and the whole test suite)
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python

.PHONY: run test test-fast setup system-deps system-deps-runtime lint bench bundle bundle-smoke screenshots clean \
	package package-deb package-proof package-proof-host test-pinned-qt

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

system-deps-runtime:
	bash scripts/install-system-deps.sh runtime

system-deps:
	bash scripts/install-system-deps.sh test

run: setup system-deps-runtime
	$(VENV)/bin/report-writer

test: setup system-deps
	$(PY) -m ruff check src tests scripts benchmarks
	$(PY) -m ruff format --check src tests scripts benchmarks
	$(PY) -m mypy
	$(PY) -m pytest

# While you work: the suite without the tests marked slow (app processes, LibreOffice, the hostile corpus).
# `make test` (and CI) still runs everything.
test-fast: setup
	$(PY) -m pytest -m "not slow"

# The GUI tests on the PySide6 the .deb is built with (packaging/linux/constraints-glibc231-<arch>.txt, 6.9.3 on
# x86_64) in a venv of its own: the dev venv may have a newer PySide6, and an API that differs between them
# (6.9's QAction.menu() hands back a dead wrapper) would break only the installed package.
PINNED_QT_VENV ?= .venv-pinned-qt
PINNED_QT := packaging/linux/constraints-glibc231-$(shell dpkg --print-architecture 2>/dev/null || echo amd64).txt
test-pinned-qt: setup system-deps
	test -x $(PINNED_QT_VENV)/bin/python || $(PYTHON) -m venv $(PINNED_QT_VENV)
	$(PINNED_QT_VENV)/bin/python -m pip install --quiet -e '.[dev,bundle]' -c $(PINNED_QT)
	$(PINNED_QT_VENV)/bin/python -c "import PySide6; print('PySide6', PySide6.__version__)"
	$(PINNED_QT_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/test_gui*.py tests/test_qt_binding.py tests/test_packaging.py tests/test_windows_paths.py

lint: setup
	$(PY) -m ruff check src tests scripts benchmarks
	$(PY) -m ruff format --check src tests scripts benchmarks
	$(PY) -m mypy

bench: setup
	$(PY) benchmarks/bench_core.py
	$(PY) benchmarks/bench_gui.py
	$(PY) benchmarks/eval_proofreading.py

# system-deps-runtime: also brings libime-data-language-model, whose zh_CN.lm build.spec puts in the bundle
bundle: setup system-deps-runtime
	$(PY) -m pip install --quiet -e '.[bundle]'
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

# The built program starts (window offscreen, opens the sample, quits) and its demo command exports.
bundle-smoke: bundle
	QT_QPA_PLATFORM=offscreen REPORT_WRITER_SMOKE=1 REPORT_WRITER_HOME=build/smoke-home dist/report-writer/report-writer
	REPORT_WRITER_HOME=build/smoke-home dist/report-writer/report-writer demo -o build/smoke.docx
	$(PY) -c "import docx; d = docx.Document('build/smoke.docx'); assert d.paragraphs[0].text.startswith('凝心聚力'); print('bundle ok')"
	printf '政協工作報告\n\n會議協商發展，國家體育經濟。\n' > build/smoke-traditional.txt
	REPORT_WRITER_HOME=build/smoke-home dist/report-writer/report-writer import build/smoke-traditional.txt --json --simplify | grep -q '政协工作报告' && echo 'bundle opencc ok'
	REPORT_WRITER_HOME=build/smoke-home dist/report-writer/report-writer new --template huimou --org 重庆市测试县政协 --short 测试县政协 --year 2025 -o build/smoke.rwp --force
	REPORT_WRITER_HOME=build/smoke-home dist/report-writer/report-writer sheet build/smoke.rwp -o build/smoke.xlsx --force
	# check reads proofreading.toml through language/config.py, which needs tomlkit in the bundle
	REPORT_WRITER_HOME=build/smoke-home dist/report-writer/report-writer check build/smoke.docx --json > build/smoke-check.json && echo 'bundle check ok'
	# the context language model (kenlm + zh_CN.lm) is in the bundle and loads; x86_64 has the kenlm-ex wheel
	printf '今年全区提高城乡居民最低生活暴涨标准，惠及困难群众三千余人。\n' > build/smoke-lm.txt
	REPORT_WRITER_HOME=build/smoke-home dist/report-writer/report-writer check -v build/smoke-lm.txt > build/smoke-lm.out 2> build/smoke-lm.err; cat build/smoke-lm.out build/smoke-lm.err
	[ "$$(uname -m)" != x86_64 ] || { grep -q '已启用上下文语言模型' build/smoke-lm.err && grep -q '「暴涨」 → 「保障」' build/smoke-lm.out; } && echo 'bundle language model ok'

# The .deb for Debian 11+ / Ubuntu 20.04+ (Kylin V10 SP1): built in a Debian 11 root (needs root and the
# Debian mirror), its ELF files checked against glibc 2.31, then installed, run and removed in fresh Debian 11,
# Ubuntu 20.04 (Kylin V10 SP1's base) and Debian 12 roots. Output: dist/report-writer_<version>_<arch>.deb.
package: package-deb package-proof

package-deb:
	bash scripts/package/build-deb.sh

package-proof:
	bash scripts/package/prove-deb.sh bullseye
	bash scripts/package/prove-deb.sh focal
	bash scripts/package/prove-deb.sh bookworm

# The same proof on this machine itself (installs and purges the package here).
package-proof-host:
	bash scripts/package/prove-deb.sh host

screenshots: setup
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
