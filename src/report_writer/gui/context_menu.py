"""The editor's right-click menu, built by us so that it speaks Chinese and puts first what the
writer right-clicked for: the proofreading finding under the mouse (its suggestion, 忽略,
加入词表), then 撤销/重做, 剪切/复制/粘贴/全选, 设为段首语 and actions other parts of the app add
(设为数字 / 取消数字 from the 数字 menu): each is a provider in BodyEdit.top_providers / extra_providers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from report_writer.gui.proofing import offers_whitelist
from report_writer.language.findings import SEVERITY_NAMES

if TYPE_CHECKING:
    from report_writer.gui.figure_actions import FigureActions
    from report_writer.gui.proofing import Located, Proofreader
    from report_writer.gui.proofreading_actions import ProofreadingActions

# Given the menu's parent and the document position clicked, the actions to add (may be none).
ActionProvider = Callable[[QWidget, int], list[QAction]]
MAX_FINDINGS = 3
MESSAGE_LINES = 3  # at most this many lines of the message at the top of the menu
MESSAGE_CHARS = 28


# characters a line should not start with (Chinese line-breaking: closing punctuation stays with the
# text before it), and the characters of a run that is never split (a year, a figure, a Latin word)
NO_LINE_START = "，。、；：？！）》」』”’％%…"
NO_LINE_END = "（《「『“‘"


def _unbreakable(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ".%-/:") or char in "〇"


def message_lines(text: str, width: int = MESSAGE_CHARS, most: int = MESSAGE_LINES) -> list[str]:
    """The message as menu lines of about `width` characters (a menu does not wrap): never inside a run
    of digits or Latin letters (“2024年” stays whole), never with closing punctuation at a line's start.
    More than `most` lines: the last one ends with “…”."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + width, len(text))
        if end < len(text):
            # inside a run (…2|024…): break before the run, or after it when the run fills the line
            run_start = end
            while run_start > start and _unbreakable(text[run_start - 1]) and _unbreakable(text[run_start]):
                run_start -= 1
            if run_start > start:
                end = run_start
            else:
                while end < len(text) and _unbreakable(text[end - 1]) and _unbreakable(text[end]):
                    end += 1
            while end < len(text) and text[end] in NO_LINE_START:
                end += 1
            if end - 1 > start and text[end - 1] in NO_LINE_END:
                end -= 1
        lines.append(text[start:end])
        start = end
    if len(lines) > most:
        lines = lines[: most - 1] + [lines[most - 1][:-1] + "…"]
    return lines


def _action(
    parent: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    enabled: bool = True,
    name: str = "",
) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setEnabled(enabled)
    if name:
        action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def suggestions_of(item: Located) -> list[str]:
    """The confident corrections of a finding (one today; a list where the checker offers several)."""
    several = item.finding.extra.get("suggestions") if isinstance(item.finding.extra, dict) else None
    if isinstance(several, list) and several:
        return [str(s) for s in several]
    return [] if item.finding.suggestion is None else [item.finding.suggestion]


def findings_at(proofreader: Proofreader, section_id: str, position: int) -> list[Located]:
    found = []
    for item in proofreader.for_section(section_id):
        where = proofreader.document_range(item)
        if where is not None and where[1] <= position <= where[2]:
            found.append(item)
    return found[:MAX_FINDINGS]


def finding_actions(
    proofreading: ProofreadingActions, section_id: str | None, parent: QWidget, position: int
) -> list[QAction]:
    """For each finding under the mouse in the section shown: what it says, its suggestion(s), 忽略 and
    加入词表."""
    if section_id is None:
        return []
    actions: list[QAction] = []
    for item in findings_at(proofreading.proofreader, section_id, position):
        finding = item.finding
        note = f"［{SEVERITY_NAMES[finding.severity]}］{finding.message}"
        # the whole message, a menu line at a time (a disabled line shows no tooltip)
        for line in message_lines(note):
            heading = _action(parent, line, lambda: None, enabled=False)
            heading.setToolTip(finding.message)
            actions.append(heading)
        for suggestion in suggestions_of(item):
            text = f"删除“{finding.text}”" if suggestion == "" else f"改为“{suggestion}”"
            fix = _action(
                parent,
                text,
                partial(proofreading.apply_suggestion, item, suggestion),
                name="applySuggestion",
            )
            font = fix.font()
            font.setBold(True)
            fix.setFont(font)
            actions.append(fix)
        actions.append(_action(parent, "忽略", partial(proofreading.ignore, item), name="ignoreFinding"))
        if offers_whitelist(finding):
            actions.append(
                _action(
                    parent, "加入词表…", partial(proofreading.add_to_whitelist, item), name="addToWhitelist"
                )
            )
        separator = QAction(parent)
        separator.setSeparator(True)
        actions.append(separator)
    return actions[:-1]


def build_menu(parent: QWidget, position: int, groups: list[list[ActionProvider]]) -> QMenu:
    """One menu from groups of providers, a separator between groups that added something."""
    menu = QMenu(parent)
    menu.setObjectName("editorContextMenu")
    for group in groups:
        actions = [action for provider in group for action in provider(menu, position)]
        if actions and menu.actions():
            menu.addSeparator()
        for action in actions:
            menu.addAction(action)
    return menu


def figure_menu_actions(figures: FigureActions, parent: QWidget) -> list[QAction]:
    """设为数字 (a selected number becomes a figure of the 数据 tab) and 取消数字 (a figure back to text)."""
    return [
        _action(
            parent,
            "设为数字…",
            figures.make_figure_from_selection,
            "Ctrl+Shift+D",
            enabled=figures.can_make_figure(),
            name="makeFigure",
        ),
        _action(
            parent,
            "取消数字",
            figures.unmake_figure_at_cursor,
            enabled=figures.can_unmake_figure(),
            name="unmakeFigure",
        ),
    ]
