"""Dialogs for starting a report, exporting it, and editing a field or a figure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from report_writer.core.level import LEVELS, derive_level
from report_writer.core.templating import TemplatePack
from report_writer.export.profiles import FONT_PRESETS, PROFILES
from report_writer.gui.common import button, button_row, chinese_buttons


@dataclass
class NewReportChoice:
    action: str  # "template" | "open" | "sample" | "from_old"
    template_id: str = ""
    org_full: str = ""
    org_short: str = ""
    year: int = 0
    path: str = ""
    level: str = ""  # 区/县/市 …: the word in 全县, 县委; derived from the names unless the writer chose


class NewReportDialog(QDialog):
    """Welcome / new report: a template gallery with the section list, names and year; or a recent file."""

    def __init__(self, packs: list[TemplatePack], recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        self.setObjectName("newReportDialog")
        self.packs = packs
        self.choice: NewReportChoice | None = None
        templates = self._templates_box(packs)
        side = self._recent_side(recent)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        chinese_buttons(buttons).button(QDialogButtonBox.StandardButton.Ok).setText("创建")
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        top = QHBoxLayout()
        top.addWidget(templates, 3)
        top.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.gallery.currentRowChanged.connect(self._show_pack)
        if packs:
            self.gallery.setCurrentRow(0)
        self.resize(900, 560)

    def _templates_box(self, packs: list[TemplatePack]) -> QGroupBox:
        """从模板新建: the gallery on the left; the chosen pack's description and sections, and the office's
        names, level and year on the right."""
        self.gallery = QListWidget()
        self.gallery.setObjectName("templateGallery")
        for pack in packs:
            item = QListWidgetItem(
                f"{pack.name}\n{'内置模板' if pack.builtin else '我的模板'} · {len(pack.sections)} 节"
            )
            item.setData(Qt.ItemDataRole.UserRole, pack.id)
            self.gallery.addItem(item)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.sections = QListWidget()
        self.sections.setObjectName("templateSections")
        right = QVBoxLayout()
        right.addWidget(self.description)
        right.addWidget(QLabel("栏目："))
        right.addWidget(self.sections, 1)
        right.addLayout(self._office_form())
        gallery_box = QHBoxLayout()
        gallery_box.addWidget(self.gallery, 2)
        gallery_box.addLayout(right, 3)
        templates = QGroupBox("从模板新建")
        templates.setLayout(gallery_box)
        return templates

    def _office_form(self) -> QFormLayout:
        """单位全称, 简称 (suggested from the full name), 本级称谓 (derived from the names until the writer
        picks one) and 报告年度."""
        self.org_full = QLineEdit()
        self.org_full.setPlaceholderText("如：重庆市××区政协")
        self.org_short = QLineEdit()
        self.org_short.setPlaceholderText("如：××区政协")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.level = QComboBox()
        self.level.setObjectName("officeLevel")
        self.level.addItems(list(LEVELS))
        self.level.setToolTip(
            "报告中“全县”“县委、县政府”等说法用的级别，按单位名称自动推出（自治县为县、新区为区），可改"
        )
        self._level_chosen = False
        self.level.activated.connect(self._level_picked)
        form = QFormLayout()
        form.addRow("单位全称", self.org_full)
        form.addRow("单位简称", self.org_short)
        form.addRow("本级称谓", self.level)
        form.addRow("报告年度", self.year)
        self.org_full.textEdited.connect(self._suggest_short)
        self.org_full.textChanged.connect(self._suggest_level)
        self.org_short.textChanged.connect(self._suggest_level)
        return form

    def _recent_side(self, recent: list[str]) -> QVBoxLayout:
        """Recent files (double-click opens one), 从往年报告新建… and 打开示例报告."""
        self.recent = QListWidget()
        self.recent.setObjectName("recentFiles")
        for path in recent:
            self.recent.addItem(path)
        self.recent.itemDoubleClicked.connect(
            lambda item: self._finish(NewReportChoice("open", path=item.text()))
        )
        from_old = QPushButton("从往年报告新建…")
        from_old.setObjectName("fromOldReport")
        from_old.setToolTip("选择往年的 Word 文件、文本或项目文件，转入上面的“报告年度”，所有数字标为待更新")
        from_old.clicked.connect(self._from_old)
        sample = QPushButton("打开示例报告")
        sample.clicked.connect(lambda: self._finish(NewReportChoice("sample")))
        side = QVBoxLayout()
        side.addWidget(QLabel("最近打开（双击打开）："))
        side.addWidget(self.recent, 1)
        side.addWidget(from_old)
        side.addWidget(sample)
        return side

    def _suggest_short(self, text: str) -> None:
        for prefix in ("重庆市", "四川省", "贵州省"):
            if text.startswith(prefix) and not self.org_short.isModified():
                self.org_short.setText(text[len(prefix) :])

    def _level_picked(self, _index: int) -> None:
        self._level_chosen = True

    def _suggest_level(self, _text: str = "") -> None:
        if not self._level_chosen:
            self.level.setCurrentText(derive_level(self.org_full.text(), self.org_short.text()))

    def _show_pack(self, row: int) -> None:
        if row < 0:
            return
        pack = self.packs[row]
        self.description.setText(pack.description)
        self.sections.clear()
        for spec in pack.sections:
            self.sections.addItem(f"{spec.kind}　{spec.heading}" if spec.heading else f"{spec.kind}")

    def _create(self) -> None:
        row = self.gallery.currentRow()
        full, short = self.org_full.text().strip(), self.org_short.text().strip()
        if row < 0:
            self.error.setText("请先选择一个模板。")
            return
        if not full or not short:
            self.error.setText("请填写单位全称和简称，例如“重庆市××区政协”和“××区政协”。")
            return
        self._finish(
            NewReportChoice(
                "template", self.packs[row].id, full, short, self.year.value(), level=self.level.currentText()
            )
        )

    def _from_old(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择往年的报告", "", "报告 (*.docx *.txt *.md *.rwp)")
        if path:
            self._finish(NewReportChoice("from_old", year=self.year.value(), path=path))

    def _finish(self, choice: NewReportChoice) -> None:
        self.choice = choice
        self.accept()


@dataclass
class ExportChoice:
    profile: str
    fonts: str
    reference: str
    target: str
    appendix: bool = False


class ExportDialog(QDialog):
    def __init__(
        self, default_target: str, profile: str, fonts: str, reference: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出 Word 文件")
        self.setObjectName("exportDialog")
        self.profile = QComboBox()
        self.profile.addItems(list(PROFILES))
        self.profile.setCurrentText(profile)
        self.profile.setToolTip("公文：标题编号“一、二、”；刊物稿：标题不编号、居中，适合报刊")
        self.fonts = QComboBox()
        self.fonts.addItems(list(FONT_PRESETS))
        self.fonts.setCurrentText(fonts)
        self.fonts.setToolTip("公文标准：方正小标宋、仿宋_GB2312、楷体_GB2312；Windows自带：宋体、仿宋、楷体")
        self.reference = QLineEdit(reference)
        self.reference.setPlaceholderText("可选：用本单位的 Word 模板统一样式")
        self.target = QLineEdit(default_target)
        self.appendix = QCheckBox("文末附“主要数据年度对比”表")
        form = QFormLayout()
        form.addRow("版式", self.profile)
        form.addRow("字体", self.fonts)
        form.addRow("参考文档", self._with_button(self.reference, "选择…", self._pick_reference))
        form.addRow("保存到", self._with_button(self.target, "浏览…", self._pick_target))
        form.addRow("", self.appendix)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        chinese_buttons(buttons).button(QDialogButtonBox.StandardButton.Ok).setText("导出")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 220)

    @staticmethod
    def _with_button(edit: QLineEdit, text: str, slot: Callable[[], object]) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return box

    def _pick_reference(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择参考文档", self.reference.text(), "Word 文档 (*.docx)"
        )
        if path:
            self.reference.setText(path)

    def _pick_target(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "导出到", self.target.text(), "Word 文档 (*.docx)")
        if path:
            self.target.setText(path if path.lower().endswith(".docx") else path + ".docx")

    def _accept(self) -> None:
        target = self.target.text().strip()
        if not target:
            self.error.setText("请选择导出的文件名。")
            return
        if not target.lower().endswith(".docx"):
            target += ".docx"
            self.target.setText(target)
        if not Path(target).parent.exists():
            self.error.setText(f"文件夹不存在：{Path(target).parent}")
            return
        reference = self.reference.text().strip()
        if reference and not Path(reference).is_file():
            self.error.setText(f"找不到参考文档：{reference}")
            return
        self.accept()

    def choice(self) -> ExportChoice:
        return ExportChoice(
            self.profile.currentText(),
            self.fonts.currentText(),
            self.reference.text().strip(),
            self.target.text().strip(),
            self.appendix.isChecked(),
        )


class FigureDialog(QDialog):
    """Edit a figure's caption, replace its picture or remove it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("图片")
        self.setObjectName("figureDialog")
        self.result_action = "caption"
        self.new_image: str | None = None
        self.caption = QLineEdit(caption)
        self.caption.setPlaceholderText("图注，如：××区政协召开专题协商会")
        buttons = chinese_buttons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = button_row([button("更换图片…", self._replace), button("删除图片", self._remove)])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("图注："))
        layout.addWidget(self.caption)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(520, 150)

    def _replace(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择图片", "", "图片 (*.png *.jpg *.jpeg)")
        if path:
            self.new_image = path
            self.result_action = "replace"
            self.accept()

    def _remove(self) -> None:
        self.result_action = "remove"
        self.accept()
