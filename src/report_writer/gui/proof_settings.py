"""校对设置: the office's words never flagged, the checks it switched off and its own 提法 rows,
edited here and kept in proofreading.toml in the user folder (language.config reads and writes it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from report_writer.gui.common import ask_text, button, button_row, chinese_buttons, message
from report_writer.language.config import CHECK_FAMILIES, ConfigError, ProofConfig, read_config, save_config
from report_writer.language.findings import SEVERITY_NAMES
from report_writer.language.lm import language_model_status

RULE_COLUMNS = ("要查找的写法", "应改为", "级别", "说明")
MODEL_HELP = (
    "上下文语言模型帮助判断错别字：看一个词放在前后文中是否通顺。\n"
    "它是 fcitx5 输入法的词语模型 zh_CN.lm（LGPL-2.1+），安装包自带；开发环境中由 Debian/Ubuntu 的\n"
    "libime-data-language-model 软件包提供，或用 scripts/fetch_language_model.py --install 装到用户目录。\n"
    "环境变量 REPORT_WRITER_LM 可指定模型文件，设为 off 则不用。"
)


class ProofSettingsDialog(QDialog):
    def __init__(
        self, config: ProofConfig, parent: QWidget | None = None, model_status: str | None = None
    ) -> None:
        """`model_status`: what the checking process said of the context language model; without it the
        same is worked out here from the file alone (a path check and its header; nothing is loaded)."""
        super().__init__(parent)
        self.setWindowTitle("校对设置")
        self.resize(640, 460)
        self.config = config
        tabs = QTabWidget()
        tabs.addTab(self._words_page(), "不检查的词语")
        tabs.addTab(self._checks_page(), "检查项目")
        tabs.addTab(self._rules_page(), "本单位提法")
        buttons = chinese_buttons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.model_status = QLabel(model_status or language_model_status())
        self.model_status.setObjectName("modelStatus")
        self.model_status.setWordWrap(True)
        self.model_status.setToolTip(MODEL_HELP)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.model_status)
        layout.addWidget(QLabel("设置对本机所有报告生效，保存在用户目录的 proofreading.toml 中。"))
        layout.addWidget(buttons)

    # ---- words -------------------------------------------------------------------------------

    def _words_page(self) -> QWidget:
        page = QWidget()
        self.words = QListWidget()
        self.words.setObjectName("whitelist")
        self.words.addItems(sorted(self.config.whitelist))
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("本地地名、人名、企业名等，不作为错别字或其他问题提示："))
        layout.addWidget(self.words, 1)
        layout.addLayout(button_row([button("添加…", self._add_word), button("删除", self._remove_word)]))
        return page

    def _add_word(self) -> None:
        word = ask_text(self, "添加词语", "不检查的词语：")
        if word and not self.words.findItems(word, Qt.MatchFlag.MatchExactly):
            self.words.addItem(word)

    def _remove_word(self) -> None:
        for item in self.words.selectedItems():
            self.words.takeItem(self.words.row(item))

    # ---- checks ------------------------------------------------------------------------------

    def _checks_page(self) -> QWidget:
        page = QWidget()
        self.checks = QListWidget()
        self.checks.setObjectName("checkFamilies")
        for prefix, name in CHECK_FAMILIES.items():
            self._check_item(prefix, name, prefix not in self.config.disabled)
        for code in sorted(self.config.disabled - set(CHECK_FAMILIES)):  # single rules switched off earlier
            self._check_item(code, f"单条规则 {code}", False)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("取消勾选的项目不再检查："))
        layout.addWidget(self.checks, 1)
        return page

    def _check_item(self, code: str, name: str, enabled: bool) -> None:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked)
        self.checks.addItem(item)

    # ---- the office's own rows ---------------------------------------------------------------

    def _rules_page(self) -> QWidget:
        page = QWidget()
        self.rules = QTableWidget(0, len(RULE_COLUMNS))
        self.rules.setObjectName("ownRules")
        self.rules.setHorizontalHeaderLabels(list(RULE_COLUMNS))
        self.rules.horizontalHeader().setStretchLastSection(True)
        self._hidden_rules: list[
            dict[str, Any]
        ] = []  # regular-expression rows written by hand: kept as they are
        for rule in self.config.extra_rules:
            if "pattern" in rule:
                self._hidden_rules.append(rule)
            else:
                self._add_rule_row(rule)
        layout = QVBoxLayout(page)
        note = "文中出现“要查找的写法”时提示，并可一键改为“应改为”的文字（例如本单位名称的规范简称）。"
        if self._hidden_rules:
            note += (
                f"\n另有 {len(self._hidden_rules)} 条正则表达式规则写在 proofreading.toml 中，"
                "这里不显示，保存时保留。"
            )
        label = QLabel(note)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.rules, 1)
        layout.addLayout(
            button_row(
                [button("添加一行", lambda: self._add_rule_row({})), button("删除所选行", self._remove_rule)]
            )
        )
        return page

    def _add_rule_row(self, rule: dict[str, Any]) -> None:
        row = self.rules.rowCount()
        self.rules.insertRow(row)
        self.rules.setItem(row, 0, QTableWidgetItem(str(rule.get("text", ""))))
        self.rules.setItem(row, 1, QTableWidgetItem(str(rule.get("replace", ""))))
        severity = QComboBox()
        for key, name in SEVERITY_NAMES.items():
            severity.addItem(name, key)
        severity.setCurrentIndex(max(0, severity.findData(rule.get("severity", "warning"))))
        self.rules.setCellWidget(row, 2, severity)
        self.rules.setItem(row, 3, QTableWidgetItem(str(rule.get("note", ""))))

    def _remove_rule(self) -> None:
        for row in sorted({index.row() for index in self.rules.selectedIndexes()}, reverse=True):
            self.rules.removeRow(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.rules.item(row, column)
        return item.text().strip() if item else ""

    # ---- result ------------------------------------------------------------------------------

    def result_config(self) -> ProofConfig:
        whitelist = {self.words.item(i).text() for i in range(self.words.count())}
        disabled = {
            str(self.checks.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.checks.count())
            if self.checks.item(i).checkState() != Qt.CheckState.Checked
        }
        rules: list[dict[str, Any]] = []
        for row in range(self.rules.rowCount()):
            text = self._cell(row, 0)
            if not text:
                continue
            severity = self.rules.cellWidget(row, 2)
            rule: dict[str, Any] = {
                "text": text,
                "category": "本单位提法",
                "severity": severity.currentData() if isinstance(severity, QComboBox) else "warning",
                "note": self._cell(row, 3),
            }
            if self._cell(row, 1):
                rule["replace"] = self._cell(row, 1)
                rule["canonical"] = self._cell(row, 1)
            rules.append(rule)
        return ProofConfig(disabled=disabled, whitelist=whitelist, extra_rules=[*self._hidden_rules, *rules])


def edit_proof_settings(parent: QWidget | None, model_status: str | None = None) -> bool:
    """Show the dialog and save what the user chose; True when settings were saved."""
    try:
        config = read_config()
    except ConfigError as exc:
        message(parent, QMessageBox.Icon.Warning, "校对设置", str(exc))
        return False
    dialog = ProofSettingsDialog(config, parent, model_status)
    if not dialog.exec():
        return False
    try:
        save_config(dialog.result_config())
    except ConfigError as exc:
        message(parent, QMessageBox.Icon.Warning, "校对设置", str(exc))
        return False
    return True
