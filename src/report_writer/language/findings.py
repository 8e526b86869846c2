"""A proofreading finding: what is wrong, where (Python string indexes), and the fix if there is one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

SEVERITY_NAMES = {"error": "错误", "warning": "提示", "info": "留意"}


@dataclass
class Finding:
    code: str
    severity: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    text: str = ""
    section: int | None = None  # index of the section in the report (structured input)
    paragraph: int | None = None  # index of the block within the section
    extra: dict[str, Any] = field(default_factory=dict)
    # The same place by id (check_report fills them): the window finds the paragraph by these, as an
    # index may point at another paragraph once the writer has added or deleted one. Not in to_json.
    section_id: str | None = None
    block_id: str | None = None

    def shifted(self, offset: int) -> Finding:
        # replace(), not asdict(): asdict deep-copies, which cost most of a check with many findings
        return replace(self, start=self.start + offset, end=self.end + offset, extra=dict(self.extra))

    def to_json(self) -> dict[str, Any]:
        data = {
            "code": self.code,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            # every fix worth offering (the editor's menu lists them); [] when none is confident
            "suggestions": list(
                self.extra.get("suggestions", [] if self.suggestion is None else [self.suggestion])
            ),
        }
        if self.section is not None:
            data["section"] = self.section
            data["paragraph"] = self.paragraph
        return data
