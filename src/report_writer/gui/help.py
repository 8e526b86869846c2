"""帮助: the 使用指南 (a Chinese guide shipped in resources/help/) and the 快捷键 table, read from
the window's own menus so it always shows the shortcuts the app really has."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from report_writer.gui.common import button, button_row, submenu_of
from report_writer.paths import resource

# Keys that work inside the editor rather than through a menu.
EDITOR_KEYS = [
    ("Ctrl+L", "正文中：设为段首语 / 取消"),
    ("双击", "正文中：数字跳到“数据”页；图片修改图注"),
    ("右键", "正文中：校对建议、忽略、加入词表，剪切、复制、粘贴"),
    ("Ctrl+C / Ctrl+X / Ctrl+V", "复制 / 剪切 / 粘贴（从 Word、WPS、网页粘贴只保留文字和分段）"),
]


def guide_text() -> str:
    try:
        return resource("help", "guide.md").read_text(encoding="utf-8")
    except OSError:
        return "# 使用指南\n\n找不到使用指南文件，安装可能不完整。"


def shortcut_rows(menu_bar: QMenuBar) -> list[tuple[str, str]]:
    """(keys, 菜单 ▸ 命令) for every menu command that has a shortcut, then the editor's own keys."""
    rows: list[tuple[str, str]] = []

    def visit(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            submenu = submenu_of(action, menu_bar)
            if submenu is not None:
                visit(submenu, f"{path} ▸ {action.text()}")
            elif not action.isSeparator() and action.shortcuts():
                keys = " / ".join(
                    k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                )
                rows.append((keys, f"{path} ▸ {_plain(action)}"))

    for top in menu_bar.actions():
        top_menu = submenu_of(top, menu_bar)
        if top_menu is not None:
            visit(top_menu, _plain(top))
    return rows + EDITOR_KEYS


def _plain(action: QAction) -> str:
    text = action.text().replace("&", "")
    return text.split("(")[0].rstrip("…").strip() or text


class HelpDialog(QDialog):
    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("帮助")
        self.setObjectName("helpDialog")
        self.tabs = QTabWidget()
        self.guide = QTextBrowser()
        self.guide.setObjectName("helpGuide")
        self.guide.setOpenExternalLinks(False)
        self.guide.setMarkdown(guide_text())
        rows = shortcut_rows(menu_bar)
        self.keys = QTableWidget(len(rows), 2)
        self.keys.setObjectName("helpShortcuts")
        self.keys.setHorizontalHeaderLabels(["快捷键", "命令"])
        self.keys.verticalHeader().hide()
        self.keys.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, (keys, command) in enumerate(rows):
            self.keys.setItem(row, 0, QTableWidgetItem(keys))
            self.keys.setItem(row, 1, QTableWidgetItem(command))
        self.keys.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.keys.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.guide, "使用指南")
        self.tabs.addTab(self.keys, "快捷键")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(button_row([], [button("关闭", self.accept)]))
        self.resize(760, 640)

    def show_tab(self, name: str) -> HelpDialog:
        self.tabs.setCurrentIndex(1 if name == "快捷键" else 0)
        self.show()
        self.raise_()
        return self
