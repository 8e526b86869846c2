"""The 校对 tab's and the right-click menu's actions on a finding: jump to it, 采用建议, 加入词表, and
校对设置. A finding is placed in the live text by the Proofreader (gui/proofing.py, by block id and
offset); a finding whose text changed since the check is never applied elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor

from report_writer.gui import common
from report_writer.gui.textdoc import OBJECT

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController
    from report_writer.gui.edit_actions import ShowRange
    from report_writer.gui.proofing import Located, Proofreader
    from report_writer.gui.services import WindowServices


class ProofreadingActions:
    def __init__(
        self,
        services: WindowServices,
        controller: ReportController,
        proofreader: Proofreader,
        show_range: ShowRange,
    ) -> None:
        self.services = services
        self.controller = controller
        self.proofreader = proofreader
        self.show_range = show_range

    def jump_to_finding(self, item: Located | None) -> None:
        where = self.proofreader.document_range(item) if item is not None else None
        if where is not None:
            self.show_range(*where)

    def apply_suggestion(self, item: Located | None, replacement: str | None = None) -> bool:
        if item is not None and replacement is None:
            replacement = item.finding.suggestion
        if item is None or replacement is None:
            self.services.status("这一条没有可以直接采用的建议，请手动修改。")
            return False
        where = self.proofreader.document_range(item)
        if where is None:  # its paragraph is gone or changed since the check: never fix other characters
            self.services.status("这段文字在校对后已改动，请等重新校对后再采用建议。")
            return False
        section_id, start, end = where
        cursor = QTextCursor(self.controller.document(section_id))
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        if OBJECT in cursor.selectedText():
            self.services.status("这里是数字字段，请在“数据”页修改。")
            return False
        cursor.insertText(replacement)
        self.proofreader.findings = [f for f in self.proofreader.findings if f is not item]
        self.proofreader.findingsChanged.emit()
        return True

    def ignore(self, item: Located | None) -> None:
        """忽略, with where to find the way back."""
        if item is None:
            return
        self.proofreader.ignore(item)
        self.services.status(f"已忽略「{item.finding.text}」（Ctrl+Z 撤销，或在“校对”页的“已忽略”中恢复）")

    def ask_word(self, title: str, label: str, word: str) -> str | None:
        return common.ask_text(self.services.dialog_parent(), title, label, word)

    def add_to_whitelist(self, item: Located | None) -> bool:
        """The flagged word is a local name or term: never flag it again, in any report. The writer
        may widen a flagged character to the whole name (杠 -> 青杠)."""
        from report_writer.gui.proofing import offers_whitelist
        from report_writer.language.config import ConfigError, add_to_whitelist

        if item is None or not offers_whitelist(item.finding):
            self.services.status("只有疑似错别字可以加入词表；这一处如确实无误，请用“忽略”。")
            return False
        flagged = item.finding.text.strip()
        context = item.context(8)
        label = (f"原文：……{context}……\n" if context else "") + (
            "以后不再提示的词语（可改成完整的地名、人名等；对所有报告生效，可在“校对设置”中删除）："
        )
        # offer the whole word or name the flagged character stands in (宪 → 宪廷池), found by the check
        offered = str(item.finding.extra.get("word") or flagged)
        word = self.ask_word("加入词表", label, offered if flagged in offered else flagged)
        if not word:
            return False
        try:
            add_to_whitelist(word)
        except ConfigError as exc:
            self.services.warn("加入词表", str(exc))
            return False
        self.proofreader.findings = [
            f for f in self.proofreader.findings if f.finding.text != item.finding.text
        ]
        self.proofreader.findingsChanged.emit()
        self.proofreader.schedule()
        # a setting of this computer, not a change to the report: not in the undo history, so say where
        # it is undone
        self.services.status(f"已加入词表：{word}（可在“校对设置”中删除）")
        return True

    def proof_settings(self) -> None:
        from report_writer.gui.proof_settings import edit_proof_settings

        if edit_proof_settings(self.services.dialog_parent(), self.proofreader.model_status):
            self.proofreader.schedule()
