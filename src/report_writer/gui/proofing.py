"""Proofreading in the app: checks run on a worker thread after a pause in typing, on a snapshot of
the report; results for a report that changed meanwhile are dropped. Findings are underlined in the
editor (never on the word being typed) and listed in the 校对 tab, where one click applies a
suggestion or ignores a finding (ignored findings stay ignored for this report). 忽略 and its way
back (the 校对 tab's “已忽略 N 处” menu) are steps of the one undo history, as every other change to the
report is: Ctrl+Z right after 忽略 brings the finding back.

A finding names its paragraph by id (Paragraph.id) and an offset in the paragraph's text; the editor
position comes from the places read_document recorded (controller.block_places). A finding whose
paragraph is gone, or whose text up to the finding is no longer the text checked, is dropped."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QUndoCommand
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from report_writer.core.model import Paragraph, Report, Section
from report_writer.gui.controller import ReportController
from report_writer.gui.textdoc import BlockPlace, document_span
from report_writer.language.findings import SEVERITY_NAMES, Finding
from report_writer.language.ignored import ignore_key

PAUSE_MS = 400
COLORS = {"error": QColor("#d32f2f"), "warning": QColor("#ef8f00"), "info": QColor("#1e88e5")}


@dataclass
class Located:
    """A finding with its section and paragraph (by id), the paragraph's text as it was checked, and
    its key for “ignore”."""

    finding: Finding
    section_id: str
    block_id: str
    checked_text: str
    key: str

    def fits(self, text: str) -> bool:
        """The paragraph's text up to the finding's end is still the text checked, so the finding's
        offsets still name the characters it was about (an edit after it does not move them)."""
        end = self.finding.end
        return len(text) >= end and text[:end] == self.checked_text[:end]

    def context(self, around: int) -> str:
        """The checked text around the finding."""
        return self.checked_text[max(0, self.finding.start - around) : self.finding.end + around]


def offers_whitelist(finding: Finding) -> bool:
    """加入词表 makes sense for a character the typo check finds odd (a local name or term it does not
    know), not for a figure, a year, a known slip with its sure fix or punctuation: whitelisting those
    would only hide a real mistake everywhere."""
    return finding.code.startswith("typo.") and any(char.isalnum() for char in finding.text)


def finding_key(section: Section, checked_text: str, finding: Finding) -> str:
    return ignore_key(section.id, checked_text, finding)


def locate(report: Report, findings: list[Finding]) -> list[Located]:
    """The findings of a check of `report` that name a paragraph of it, with the text checked."""
    blocks = report.blocks_by_id()
    located = []
    for finding in findings:
        section, block = blocks.get(finding.block_id or "", (None, None))
        if section is None or not isinstance(block, Paragraph) or section.id != finding.section_id:
            continue  # the title, or a place this report does not have
        checked = block.text(report.fields)
        located.append(
            Located(finding, section.id, block.id, checked, finding_key(section, checked, finding))
        )
    return located


def checking_process() -> concurrent.futures.Executor:
    """Checks run in a separate process: a check in a thread of this process would hold the
    interpreter lock and make typing and switching sections wait (measured: 0.9 s while jieba loads)."""
    import multiprocessing

    from report_writer.gui.worker_guard import watch_parent

    return concurrent.futures.ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=watch_parent
    )


class Proofreader(QObject):
    """Checks the controller's report in the checking process. `checker` is one shared with other windows
    (the tests share one, so each window does not start and warm up its own); without it the
    proofreader starts its own process on first use and ends it in shutdown()."""

    findingsChanged = Signal()

    def __init__(
        self, controller: ReportController, checker: concurrent.futures.Executor | None = None
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.findings: list[Located] = []
        self.ignored: list[Located] = []  # findings of the last check that the report's 忽略 leaves out
        self.keywords: dict[str, list[str]] = {}  # section id → key terms, from the last check
        self._pool: concurrent.futures.Executor | None = checker
        self._owns_pool = checker is None
        self._future: concurrent.futures.Future[list[Finding]] | None = None
        self._generation = 0
        self._requested = 0
        self._fresh = False
        self.ready = False
        # what the checking process says of the context language model (lm.language_model_status()), once
        # its warm-up has loaded it; None until then (校对设置 then asks language/lm.py in this process)
        self.model_status: str | None = None
        self._model_asked = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.start_check)
        self._poll = QTimer(self)
        self._poll.setInterval(30)
        self._poll.timeout.connect(self._collect)
        for signal in (
            controller.sectionEdited,
            controller.fieldsChanged,
            controller.structureChanged,
            controller.headingChanged,
        ):
            signal.connect(self.schedule)
        controller.sessionChanged.connect(self._session_changed)

    def pool(self) -> concurrent.futures.Executor:
        if self._pool is None:
            self._pool = checking_process()
        return self._pool

    def warm_up(self) -> None:
        """Start the checking process and load jieba there, after the window is shown."""
        from report_writer.language.proofread import warm_up

        if self._closed:
            return
        self.pool().submit(warm_up).add_done_callback(lambda _f: setattr(self, "ready", True))
        self._ask_model_status()
        self.schedule()

    def _ask_model_status(self) -> None:
        """Once, before the first check (the process runs one call at a time, in order: the answer is in
        when that check's results are)."""
        from report_writer.language.proofread import context_model_status

        if self._model_asked:
            return
        self._model_asked = True
        self.pool().submit(context_model_status).add_done_callback(self._model_status_known)

    def _model_status_known(self, future: concurrent.futures.Future[str]) -> None:
        # a callback on the pool's thread: only a plain attribute is set here
        if not future.cancelled() and future.exception() is None:
            self.model_status = future.result()

    def _session_changed(self) -> None:
        self.findings = []
        self.ignored = []
        self.findingsChanged.emit()
        self.schedule()

    def schedule(self, *_args: object) -> None:
        self._generation += 1
        self._timer.start()
        self._drop_misplaced()

    def place_of(self, item: Located) -> BlockPlace | None:
        """Where the finding's paragraph stands in its section's document now, or None when the
        paragraph (or its section) is gone or its text no longer fits the finding."""
        try:
            place = self.controller.block_places(item.section_id).get(item.block_id)
        except KeyError:
            return None
        if (
            place is None
            or not isinstance(place.block, Paragraph)
            or not item.fits(place.block.text(self.controller.report.fields))
        ):
            return None
        return place

    def document_range(self, item: Located) -> tuple[str, int, int] | None:
        """(section id, start, end) in the section's document of the characters the finding is about."""
        place = self.place_of(item)
        span = (
            document_span(place, self.controller.report.fields, item.finding.start, item.finding.end)
            if place
            else None
        )
        return (item.section_id, *span) if span else None

    def _drop_misplaced(self) -> None:
        """Findings for a paragraph deleted or changed under them leave the list (and the underlines)
        now; the next check, already scheduled, finds what is there."""
        if self._closed:
            return
        kept = [item for item in self.findings if self.place_of(item) is not None]
        if len(kept) != len(self.findings):
            self.findings = kept
            self.findingsChanged.emit()

    def start_check(self) -> None:
        """Check a snapshot of the report now (tests call this directly)."""
        if self._closed:
            return
        if self._future is not None and not self._future.done():
            self._timer.start()  # one check at a time; try again after the pause
            return
        self.controller.flush()
        self._requested = self._generation
        from report_writer.language.proofread import check_report_data

        self._ask_model_status()
        # One copy of the report as data: the checking process reads it, and this side keeps it as the
        # snapshot whose text the findings' offsets refer to.
        self._snapshot_data = self.controller.report.to_dict()
        self._snapshot = Report.from_dict(self._snapshot_data)
        self._future = self.pool().submit(check_report_data, self._snapshot_data)
        self._poll.start()

    def _collect(self) -> None:
        if self._future is None or not self._future.done():
            return
        self._poll.stop()
        future, self._future = self._future, None
        self._fresh = self._requested == self._generation
        if not self._fresh:
            self._timer.start()  # the text changed while checking: these results are stale
            return
        try:
            results = future.result()
        except Exception as exc:  # a check must never take the editor down
            self.findings = []
            self.findingsChanged.emit()
            raise RuntimeError(f"校对出错：{exc}") from exc
        ignored = set(self.controller.report.ignored_findings)
        # The check ran on a snapshot: keep only what still names the same characters in the live report.
        located = [item for item in locate(self._snapshot, results) if self.place_of(item) is not None]
        self.findings = [item for item in located if item.key not in ignored]
        self.ignored = [item for item in located if item.key in ignored]
        self.findingsChanged.emit()
        self._find_keywords()

    def _find_keywords(self) -> None:
        """The outline's 关键词 come from the checking process, which has the segmenter loaded; they
        are read when a tooltip is shown, so they need no signal."""
        from report_writer.language.proofread import section_keywords_data

        def keep(future: concurrent.futures.Future[dict[str, list[str]]]) -> None:
            if not future.cancelled() and future.exception() is None:
                self.keywords = future.result()

        self.pool().submit(section_keywords_data, self._snapshot_data).add_done_callback(keep)

    def wait(self, timeout_ms: int = 60000) -> None:
        """Run a check and wait for it (tests and the benchmark)."""
        from PySide6.QtCore import QDeadlineTimer, QEventLoop

        if self._closed:
            return
        deadline = QDeadlineTimer(timeout_ms)
        loop = QEventLoop()
        self._fresh = False
        while not self._fresh and not deadline.hasExpired():
            # when a check is already running, wait for it, then check again if it was stale
            self.start_check()
            while self._future is not None and not deadline.hasExpired():
                loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
                self._collect()

    def for_section(self, section_id: str) -> list[Located]:
        return [item for item in self.findings if item.section_id == section_id]

    def ignore(self, item: Located) -> None:
        """忽略: one step of the undo history (Ctrl+Z brings the finding back)."""
        self.controller.undo_stack.push(IgnoreFindings(self, [item], ignore=True))

    def restore(self, items: list[Located]) -> None:
        """Findings ignored earlier are shown again: one step of the undo history as well."""
        if items:
            self.controller.undo_stack.push(IgnoreFindings(self, items, ignore=False))

    def set_ignored(self, items: list[Located], ignore: bool) -> None:
        """Put the findings' keys into the report's ignored findings or take them out, and move them
        between the list shown and the list of ignored findings."""
        keys = {item.key for item in items}
        stored = self.controller.report.ignored_findings
        if ignore:
            stored.extend(key for key in dict.fromkeys(item.key for item in items) if key not in stored)
            self.findings = [f for f in self.findings if f.key not in keys]
            self.ignored = [f for f in self.ignored if f.key not in keys] + list(items)
        else:
            stored[:] = [key for key in stored if key not in keys]
            self.ignored = [f for f in self.ignored if f.key not in keys]
            back = [item for item in items if self.place_of(item) is not None]
            self.findings = sorted(
                [f for f in self.findings if f.key not in keys] + back, key=self._report_order()
            )
            if len(back) < len(items):  # a paragraph changed since: the next check finds what is there
                self.schedule()
        self.controller.mark_changed()
        self.findingsChanged.emit()

    def _report_order(self) -> Callable[[Located], tuple[int, int, int]]:
        order = {
            block.id: (s_index, b_index)
            for s_index, section in enumerate(self.controller.report.sections)
            for b_index, block in enumerate(section.blocks)
        }
        return lambda item: (*order.get(item.block_id, (len(order), 0)), item.finding.start)

    def shutdown(self) -> None:
        self._closed = True
        self._timer.stop()
        self._poll.stop()
        if self._pool is not None and not self._owns_pool:
            if self._future is not None:
                self._future.cancel()  # a shared process carries on with the other windows' checks
            self._pool = None
        elif self._pool is not None:
            # End the checking process now (a check may be mid-way), then let the pool tidy up;
            # shutdown(wait=False) would leave it to an exit handler that fails on closed pipes.
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class IgnoreFindings(QUndoCommand):
    """忽略 (ignore=True) or 恢复 (ignore=False) of some findings as a step of the one undo history. The
    step is about the report (its ignored findings are saved with it), so it belongs to the history like
    a heading or a figure; undoing it shows the finding again where it is, as undoing 改为 does."""

    def __init__(self, proofreader: Proofreader, items: list[Located], ignore: bool) -> None:
        super().__init__("忽略校对条目" if ignore else "恢复忽略的校对条目")
        self.proofreader, self.items, self.ignore = proofreader, list(items), ignore
        self._done = False

    def redo(self) -> None:
        self.proofreader.set_ignored(self.items, self.ignore)
        if self._done:  # the first time it is what the writer just did; Ctrl+Y shows where it acts
            self._reveal()
        self._done = True

    def undo(self) -> None:
        self.proofreader.set_ignored(self.items, not self.ignore)
        self._reveal()

    def _reveal(self) -> None:
        where = self.proofreader.document_range(self.items[0]) if len(self.items) == 1 else None
        if where is not None:
            self.proofreader.controller.reveal(where[0], where[1])


class ProofreadingPanel(QWidget):
    """The 校对 tab: every finding of the report; click to jump, apply a suggestion, or ignore."""

    jumpRequested = Signal(object)  # Located

    def __init__(self, proofreader: Proofreader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proofreader = proofreader
        self.summary = QLabel("正在加载词典……")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("findingsList")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(
            lambda item: self.jumpRequested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.list.currentItemChanged.connect(lambda *_items: self._offer_what_applies())
        self.apply_button = QPushButton("采用建议")
        self.apply_button.setObjectName("applySuggestion")
        self.ignore_button = QPushButton("忽略")
        self.ignore_button.setToolTip("本报告中不再提示这一处")
        self.whitelist_button = QPushButton("加入词表")
        self.whitelist_button.setObjectName("addToWhitelist")
        self.whitelist_button.setToolTip("这个词（地名、人名等）以后在所有报告中都不再提示")
        self.recheck = QPushButton("重新校对")
        self.recheck.clicked.connect(proofreader.start_check)
        self.settings_button = QPushButton("校对设置…")
        # the way back from 忽略 (besides Ctrl+Z): the findings this report ignores, one or all restored
        self.ignored_button = QToolButton()
        self.ignored_button.setObjectName("ignoredFindings")
        self.ignored_button.setAutoRaise(True)
        self.ignored_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.ignored_menu = QMenu(self.ignored_button)
        self.ignored_menu.aboutToShow.connect(self._fill_ignored_menu)
        self.ignored_button.setMenu(self.ignored_menu)
        self.ignored_button.setToolTip("本报告中忽略的条目：可逐条或全部恢复（也可以用 Ctrl+Z 撤销忽略）")
        self.ignored_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.ignored_button, 0, Qt.AlignmentFlag.AlignLeft)
        for buttons in (
            (self.apply_button, self.ignore_button, self.whitelist_button),
            (self.recheck, self.settings_button),
        ):
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            layout.addLayout(row)
        proofreader.findingsChanged.connect(self.refresh)

    def refresh(self) -> None:
        report = self.proofreader.controller.report
        headings = {s.id: (i, s.heading or s.kind) for i, s in enumerate(report.sections)}
        self.list.clear()
        counts = {"error": 0, "warning": 0, "info": 0}
        for item in self.proofreader.findings:
            finding = item.finding
            counts[finding.severity] += 1
            index, heading = headings.get(item.section_id, (0, ""))
            fix = (
                "（删除）"
                if finding.suggestion == ""
                else (f" → {finding.suggestion}" if finding.suggestion else "")
            )
            text = (
                f"［{SEVERITY_NAMES[finding.severity]}］「{finding.text}」{fix}\n{finding.message}\n"
                f"第{index + 1}节 {heading if len(heading) <= 16 else heading[:15] + '…'}"
            )
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, item)
            entry.setForeground(COLORS[finding.severity])
            self.list.addItem(entry)
        total = len(self.proofreader.findings)
        self.summary.setText(
            f"共 {total} 处：错误 {counts['error']}，提示 {counts['warning']}，留意 {counts['info']}。"
            "点击条目跳到原文。"
            if total
            else "没有发现问题。校对随输入自动进行：错别字、成语和常用词的错写、规范提法、数字和年份、标点。"
        )
        ignored = len(self.proofreader.ignored)
        self.ignored_button.setText(f"已忽略 {ignored} 处（恢复…）")
        self.ignored_button.setVisible(bool(ignored))
        self._offer_what_applies()

    def ignored_actions(self) -> list[tuple[str, list[Located]]]:
        """What the 已忽略 menu offers: each ignored finding (the first 20), then all of them."""
        report = self.proofreader.controller.report
        numbers = {s.id: i + 1 for i, s in enumerate(report.sections)}
        items = self.proofreader.ignored
        offers = [
            (
                f"恢复 ［{SEVERITY_NAMES[item.finding.severity]}］「{item.finding.text}」"
                f" 第{numbers.get(item.section_id, 0)}节 {item.finding.message[:20]}"
                + ("…" if len(item.finding.message) > 20 else ""),
                [item],
            )
            for item in items[:20]
        ]
        if len(items) > 1:
            offers.append((f"全部恢复（{len(items)} 处）", list(items)))
        return offers

    def _fill_ignored_menu(self) -> None:
        self.ignored_menu.clear()
        for text, items in self.ignored_actions():
            if text.startswith("全部恢复"):
                self.ignored_menu.addSeparator()
            action = self.ignored_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, chosen=items: self.proofreader.restore(chosen))

    def _offer_what_applies(self) -> None:
        """采用建议 only for a finding that has a suggestion, 加入词表 only for a word the typo check does not
        know (offers_whitelist), 忽略 for any finding."""
        item = self.current()
        self.apply_button.setEnabled(item is not None and item.finding.suggestion is not None)
        self.ignore_button.setEnabled(item is not None)
        self.whitelist_button.setEnabled(item is not None and offers_whitelist(item.finding))

    def current(self) -> Located | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


def underline_selections(
    editor: QTextEdit, items: list[Located], document_range: Callable[[Located], tuple[str, int, int] | None]
) -> list[QTextEdit.ExtraSelection]:
    """Wavy underlines for the findings of the section in the editor, skipping the word being typed."""
    doc = editor.document()
    cursor_pos = editor.textCursor().position()
    selections = []
    for item in items:
        finding = item.finding
        where = document_range(item)
        if where is None:
            continue
        _section_id, start, end = where
        if editor.hasFocus() and start <= cursor_pos <= end:
            continue
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        quiet = finding.severity == "info"  # 留意: something to look at again, drawn so it does not shout
        fmt.setUnderlineStyle(
            QTextCharFormat.UnderlineStyle.DotLine if quiet else QTextCharFormat.UnderlineStyle.WaveUnderline
        )
        fmt.setUnderlineColor(COLORS[finding.severity])
        # a faint tint as well: Qt draws the wave one pixel thin, easy to miss under a single character
        tint = QColor(COLORS[finding.severity])
        tint.setAlpha(18 if quiet else 36)
        fmt.setBackground(tint)
        fmt.setToolTip(finding.message)
        selection.format = fmt
        selections.append(selection)
    return selections
