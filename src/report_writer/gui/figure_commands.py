"""The undo step for any change to the figures (add, rename, delete, 设为数字, a 征集表 read back, the year
moved): the change is made by core (core/figures.py, core/sheets.py, core/year_follow.py); this keeps the
fields and blocks before and after so that undo and redo put them back."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from report_writer.core.model import Block, Field, Report

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController


# A change core makes to the report (what it returns is not used); it raises FigureError to refuse.
Change = Callable[[Report], object]
# The fields; each section's blocks; the title, subtitle, year and each section's heading.
State = tuple[dict[str, Field], dict[str, list[Block]], tuple[str, str, int, dict[str, str]]]


class ChangeFigures(QUndoCommand):
    """One undo step for any change to the figures, and to the text where figures stand (a figure deleted
    leaves its number as text). It keeps the fields and the blocks before and after."""

    def __init__(self, controller: ReportController, text: str, change: Change) -> None:
        super().__init__(text)
        self.controller = controller
        controller.flush()
        report = controller.report
        self.before = _state(report)
        change(report)  # raises FigureError before anything is pushed
        self.after = _state(report)
        self.changed_sections = [
            sid for sid, blocks in self.after[1].items() if blocks != self.before[1].get(sid)
        ]
        self._first = True

    def _apply(self, state: State) -> None:
        fields, blocks, titles = state
        report = self.controller.report
        report.fields.clear()
        report.fields.update(copy.deepcopy(fields))
        for section in report.sections:
            if section.id in self.changed_sections and section.id in blocks:
                section.blocks = copy.deepcopy(blocks[section.id])
        report.title, report.subtitle, report.year, headings = titles
        for section in report.sections:
            section.heading = headings.get(section.id, section.heading)
        self.controller.reload_sections(self.changed_sections)
        self.controller.fields_changed()
        if self.before[2] != self.after[2]:
            self.controller.heading_changed("")

    def redo(self) -> None:
        if self._first:  # the change is already made; only the views need to know
            self._first = False
            self.controller.reload_sections(self.changed_sections)
            self.controller.fields_changed()
            if self.before[2] != self.after[2]:
                self.controller.heading_changed("")
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


def _state(report: Report) -> State:
    return (
        copy.deepcopy(report.fields),
        {s.id: copy.deepcopy(s.blocks) for s in report.sections},
        (report.title, report.subtitle, report.year, {s.id: s.heading for s in report.sections}),
    )


def change_figures(controller: ReportController, text: str, change: Change) -> None:
    """Make a change as one undo step; a FigureError leaves the report as it was and is raised."""
    controller.flush()
    trial = copy.deepcopy(controller.report)
    change(trial)  # check first on a copy: nothing changes if the change is refused
    controller.undo_stack.push(ChangeFigures(controller, text, change))
