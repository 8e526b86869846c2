"""Median timings of the core jobs (docs/ARCHITECTURE.md, “Budgets”). Run:  make bench

Prints: new from template, save, open, export of the sample with its photos, and the cold import of
the CLI. Figures are for this machine; compare runs on the same machine only.
"""

from __future__ import annotations

import copy
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from report_writer.core.images import media_from_bytes
from report_writer.core.importer import import_file
from report_writer.core.model import Figure, Paragraph, Report, new_id
from report_writer.core.project import Project
from report_writer.core.templating import find_pack, render_pack, sample_report
from report_writer.export.docx_writer import ExportOptions, export_docx
from report_writer.export.profiles import resolve_fonts, resolve_profile
from report_writer.paths import resource

RUNS = 15


def median_ms(job: Callable[[], object], runs: int = RUNS) -> float:
    job()  # warm-up: imports and caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _distinct_png(data: bytes, index: int) -> bytes:
    """The same picture with a text chunk of its own, so each copy is a different photo."""
    payload = b"Comment\x00" + str(index).encode()
    chunk = (
        struct.pack(">I", len(payload)) + b"tEXt" + payload + struct.pack(">I", zlib.crc32(b"tEXt" + payload))
    )
    return data[:-12] + chunk + data[-12:]


def _big_docx(workdir: Path, sample: Report, options: ExportOptions) -> Path:
    report = copy.deepcopy(sample)
    base = [copy.deepcopy(s) for s in sample.sections]
    while (
        sum(len(b.text(report.fields)) for s in report.sections for b in s.blocks if isinstance(b, Paragraph))
        < 30_000
    ):
        for section in base:
            clone = copy.deepcopy(section)
            clone.id = new_id()
            report.sections.append(clone)
    photo = resource("photos", "plenary.png").read_bytes()
    figures = [b for s in report.sections for b in s.blocks if isinstance(b, Figure)][:10]
    for index, figure in enumerate(figures):
        item = media_from_bytes(_distinct_png(photo, index))
        report.media[item.sha256] = item
        figure.image = item.sha256
    path = workdir / "big.docx"
    export_docx(report, path, options)
    return path


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="rw-bench-"))
    pack = find_pack("huimou")
    report = sample_report()
    path = workdir / "bench.rwp"
    project = Project.create(path, report)

    def new_from_template() -> object:
        return render_pack(pack, "重庆市示例区政协", "示例区政协", 2025)

    def save() -> object:
        return project.save(report)

    def open_and_load() -> object:
        with Project.open(path, readonly=True) as opened:
            return opened.load()

    options = ExportOptions(resolve_profile("公文"), resolve_fonts("公文标准"))

    def export() -> object:
        return export_docx(report, workdir / "bench.docx", options)

    big_docx = _big_docx(workdir, report, options)

    def import_big() -> object:
        return import_file(big_docx)

    rows = [
        ("new from template (render huimou)", median_ms(new_from_template), 200),
        ("save (one revision, photos deduplicated)", median_ms(save), 200),
        ("open + load latest revision with photos", median_ms(open_and_load), 200),
        (f"export sample with {len(report.referenced_media())} photos to .docx", median_ms(export), 1000),
        ("import a 30,000-character .docx with 10 photos", median_ms(import_big, 5), 1000),
    ]
    project.close()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import report_writer.cli"], check=True)
    rows.append(("cold start: python + import report_writer.cli", (time.perf_counter() - start) * 1000, 1000))
    print(f"report-writer core benchmark — median of {RUNS} runs")
    for name, value, budget in rows:
        verdict = "ok" if value < budget else "OVER BUDGET"
        print(f"  {name:<52} {value:8.1f} ms   (budget {budget} ms: {verdict})")


if __name__ == "__main__":
    main()
