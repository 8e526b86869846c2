"""Proofreading in the app: checks run on a worker thread after a pause in typing, on a snapshot of
the report; results for a report that changed meanwhile are dropped. Findings are underlined in the
editor (never on the word being typed) and listed in the 校对 tab, where one click applies a
suggestion or ignores a finding (ignored findings stay ignored for this report)."""

from __future__ import annotations

import concurrent.futures
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from report_writer.core.model import Paragraph, Report
from report_writer.gui.controller import ReportController
from report_writer.gui.textdoc import OBJECT, PROP_FIELD, PROP_STYLE, is_field, is_figure
from report_writer.language.findings import SEVERITY_NAMES, Finding

PAUSE_MS = 400
COLORS = {"error": QColor("#d32f2f"), "warning": QColor("#ef8f00"), "info": QColor("#1e88e5")}


@dataclass
class Located:
    """A finding with the section it belongs to (by id) and its key for “ignore”."""

    finding: Finding
    section_id: str
    key: str


def finding_key(report: Report, finding: Finding) -> str:
    section = report.sections[finding.section or 0]
    block = section.blocks[finding.paragraph or 0]
    context = (
        block.text(report.fields)[max(0, finding.start - 6) : finding.end + 6]
        if isinstance(block, Paragraph)
        else ""
    )
    return f"{finding.code}|{section.id}|{finding.text}|{context}"


def _snapshot(report: Report) -> Report:
    return Report.from_dict(report.to_dict())


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
        self.c = controller
        self.findings: list[Located] = []
        self._pool: concurrent.futures.Executor | None = checker
        self._owns_pool = checker is None
        self._future: concurrent.futures.Future[list[Finding]] | None = None
        self._generation = 0
        self._requested = 0
        self._fresh = False
        self.ready = False
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
        self.schedule()

    def _session_changed(self) -> None:
        self.findings = []
        self.findingsChanged.emit()
        self.schedule()

    def schedule(self, *_args: object) -> None:
        self._generation += 1
        self._timer.start()

    def start_check(self) -> None:
        """Check a snapshot of the report now (tests call this directly)."""
        if self._closed:
            return
        if self._future is not None and not self._future.done():
            self._timer.start()  # one check at a time; try again after the pause
            return
        self.c.flush()
        self._requested = self._generation
        from report_writer.language.proofread import check_report_data

        self._snapshot = _snapshot(self.c.report)
        self._future = self.pool().submit(check_report_data, self._snapshot.to_dict())
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
        report = self._snapshot
        ignored = set(self.c.report.ignored_findings)
        located = []
        for finding in results:
            if finding.section is None or finding.section >= len(report.sections):
                continue
            key = finding_key(report, finding)
            if key not in ignored:
                located.append(Located(finding, report.sections[finding.section].id, key))
        self.findings = located
        self.findingsChanged.emit()

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
        self.c.report.ignored_findings.append(item.key)
        self.c.mark_changed()
        self.findings = [f for f in self.findings if f is not item]
        self.findingsChanged.emit()

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


def block_positions(doc: QTextDocument) -> dict[int, tuple[int, list[tuple[int, int, int]]]]:
    """Model paragraph index -> (document position of its block, [(model offset, doc offset, model
    length)] for each fragment), mirroring how read_document builds the model from the document."""
    mapping: dict[int, tuple[int, list[tuple[int, int, int]]]] = {}
    index = 0
    block = doc.begin()
    blocks = []
    while block.isValid():
        blocks.append(block)
        block = block.next()
    for block in blocks:
        iterator = block.begin()
        has_text = False
        figure_count = 0
        while not iterator.atEnd():
            fragment = iterator.fragment()
            iterator += 1
            if is_figure(fragment.charFormat()):
                figure_count += len(fragment.text())
            else:
                has_text = True
        index += figure_count
        if has_text or figure_count == 0:
            mapping[index] = (block.position(), [])
            index += 1
    return mapping


def document_range(
    doc: QTextDocument, paragraph_position: int, fields, start: int, end: int
) -> tuple[int, int] | None:
    """Convert model offsets in a paragraph's text (field values spelled out) to document positions."""
    block = doc.findBlock(paragraph_position)
    model_offset = 0
    doc_start = doc_end = None
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        iterator += 1
        fmt = fragment.charFormat()
        if is_figure(fmt):
            continue
        for i, char in enumerate(fragment.text()):
            doc_pos = fragment.position() + i
            if char == OBJECT and is_field(fmt):
                field = fields.get(fmt.stringProperty(PROP_FIELD))
                length = len(field.display(fmt.stringProperty(PROP_STYLE) or "plain")) if field else 1
            else:
                length = 1
            if doc_start is None and model_offset + length > start:
                doc_start = doc_pos
            if model_offset < end:
                doc_end = doc_pos + 1
            model_offset += length
    if doc_start is None or doc_end is None:
        return None
    return doc_start, doc_end


class ProofreadingPanel(QWidget):
    """The 校对 tab: every finding of the report; click to jump, apply a suggestion, or ignore."""

    jumpRequested = Signal(object)  # Located

    def __init__(self, proofreader: Proofreader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.p = proofreader
        self.summary = QLabel("正在加载词典……")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("findingsList")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(
            lambda item: self.jumpRequested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
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
        report = self.p.c.report
        headings = {s.id: (i, s.heading or s.kind) for i, s in enumerate(report.sections)}
        self.list.clear()
        counts = {"error": 0, "warning": 0, "info": 0}
        for item in self.p.findings:
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
                f"第{index + 1}节 {heading[:14]}"
            )
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, item)
            entry.setForeground(COLORS[finding.severity])
            self.list.addItem(entry)
        total = len(self.p.findings)
        self.summary.setText(
            f"共 {total} 处：错误 {counts['error']}，提示 {counts['warning']}，留意 {counts['info']}。"
            "点击条目跳到原文。"
            if total
            else "没有发现问题。"
        )

    def current(self) -> Located | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


def underline_selections(
    editor: QTextEdit, items: list[Located], positions, fields
) -> list[QTextEdit.ExtraSelection]:
    """Wavy underlines for the findings of the section in the editor, skipping the word being typed."""
    doc = editor.document()
    cursor_pos = editor.textCursor().position()
    selections = []
    for item in items:
        finding = item.finding
        place = positions.get(finding.paragraph)
        if place is None:
            continue
        span = document_range(doc, place[0], fields, finding.start, finding.end)
        if span is None:
            continue
        start, end = span
        if editor.hasFocus() and start <= cursor_pos <= end:
            continue
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(COLORS[finding.severity])
        fmt.setToolTip(finding.message)
        selection.format = fmt
        selections.append(selection)
    return selections
