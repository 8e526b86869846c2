"""Proofreading speed and memory, as the app meets them. Run alone or from eval_proofreading.py:

    python benchmarks/speed_proofreading.py [path/to/shared]

Every figure is the median of several runs, in wall-clock time and in the process's own CPU time,
with the machine's load average beside it: on a shared machine the wall-clock figure grows with
the load, the CPU figure much less, so compare CPU figures across runs made at different loads.

- cold check: the checking process is warmed (jieba and the indexes loaded) but remembers no
  paragraph or sentence (`proofread.forget()` before every run);
- re-check after an edit: what the app's checking process does after a typing pause — the report
  is turned into a dict, sent to the process (pickled) and checked whole; the paragraphs that did
  not change are remembered there;
- a fresh process (three of them) that does what the app's checking process does: its warm-up, its
  first check (20,000 characters: this one also pays for what is set up on first use) and its peak
  resident size after checking the sample report as well.
"""

from __future__ import annotations

import os
import pickle
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from report_writer.core.model import Paragraph, Report
from report_writer.core.templating import sample_report
from report_writer.language import proofread
from report_writer.language.proofread import check_report, check_report_data, check_text, report_spans


@dataclass
class Timing:
    wall: float  # median, ms
    cpu: float  # median of the process's CPU time, ms
    runs: int

    def __str__(self) -> str:
        return f"{self.wall:.1f} ms wall / {self.cpu:.1f} ms CPU (median of {self.runs})"


def measure(job: Callable[[int], object], runs: int, before: Callable[[int], object] | None = None) -> Timing:
    """Median wall and CPU time of `job(run)`; `before(run)` is not timed."""
    job(-1)  # warm-up: imports and caches of the code itself
    walls, cpus = [], []
    for run in range(runs):
        if before is not None:
            before(run)
        wall, cpu = time.perf_counter(), time.process_time()
        job(run)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return Timing(statistics.median(walls), statistics.median(cpus), runs)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min) / {five:.1f} (5 min) on {os.cpu_count()} cores"


def twenty_thousand(shared: Path) -> str:
    """20,000 characters of real prose (the official corpus, else the samples repeated). The corpus
    files have no blank lines: the text is one paragraph, the hardest case for the typo check."""
    folder = shared / "corpus" / "official_prose"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))] if folder.is_dir() else []
    if not texts:
        texts = [span.text for span in report_spans(sample_report())]
    joined = "\n".join(texts)
    while len(joined) < 20_000:
        joined += "\n" + joined
    return joined[:20_000]


def cold(text: str, runs: int = 7) -> Timing:
    return measure(lambda _run: check_text(text), runs, before=lambda _run: proofread.forget())


def recheck_after_edit(report: Report, runs: int = 15) -> Timing:
    """The app's re-check after a typing pause: one paragraph changed, the report sent whole."""
    paragraph = next(
        block
        for section in report.sections
        for block in section.blocks
        if isinstance(block, Paragraph) and isinstance(block.parts[-1], str)
    )
    original = paragraph.parts[-1]
    check_report(report)

    def edit(run: int) -> None:
        paragraph.parts[-1] = f"{original}第{run + 2}次修改的句子。"

    def check(_run: int) -> None:
        check_report_data(pickle.loads(pickle.dumps(report.to_dict())))

    try:
        return measure(check, runs, before=edit)
    finally:
        paragraph.parts[-1] = original


def recheck_long_paragraph(text: str, runs: int = 7) -> Timing:
    """Re-check of the 20,000-character paragraph after one sentence in its middle changed."""
    middle = text.index("。", len(text) // 2) + 1
    check_text(text)
    edited = [f"{text[:middle]}第{run + 2}次修改的句子。{text[middle:]}" for run in range(-1, runs)]
    return measure(lambda run: check_text(edited[run + 1]), runs)


MEMORY_PROBE = """
import resource, sys, time
from report_writer.core.templating import sample_report
from report_writer.language import proofread
wall, cpu = time.perf_counter(), time.process_time()
proofread.warm_up()
warm = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
text = open(sys.argv[1], encoding="utf-8").read()
wall, cpu = time.perf_counter(), time.process_time()
proofread.check_text(text)
first = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
proofread.check_report(sample_report())
print(*warm, *first, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@dataclass
class FreshProcess:
    warm_up: Timing  # loading jieba, the indexes and the tagger (the app does it in the background)
    first_check: Timing  # the first check after it: what a writer waits for the first time
    peak_rss: float  # MB


def fresh_process(text: str, runs: int = 3) -> FreshProcess:
    """A fresh process doing what the app's checking process does: warm up, check the text (the first
    check after warming up also pays for what is set up on first use), check the sample report.
    Medians of `runs` processes; peak resident size (MB) the largest of them."""
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"rw-speed-{os.getpid()}.txt"
    probe.write_text(text, encoding="utf-8")
    figures = []
    try:
        for _run in range(runs):
            result = subprocess.run(
                [sys.executable, "-c", MEMORY_PROBE, str(probe)], capture_output=True, text=True, check=True
            )
            figures.append([float(value) for value in result.stdout.split()[-5:]])
    finally:
        probe.unlink()
    warm_wall, warm_cpu, first_wall, first_cpu, _ = (
        statistics.median(column) for column in zip(*figures, strict=True)
    )
    return FreshProcess(
        Timing(warm_wall, warm_cpu, runs),
        Timing(first_wall, first_cpu, runs),
        max(row[-1] for row in figures) / 1024,
    )


def hundred_thousand(shared: Path) -> str:
    """100,000 characters of paragraphs, from both samples (as eval_proofreading.py has always built it)."""
    samples = [shared / "samples" / n for n in ("fuling-2023-huimou.txt", "changshou-2023-zongshu.txt")]
    texts = [p.read_text(encoding="utf-8") for p in samples if p.is_file()]
    if not texts:
        texts = [span.text for span in report_spans(sample_report())]
    blocks = "\n\n".join(texts).split("\n\n")
    return "\n\n".join(f"{k}. {blocks[k % len(blocks)]}" for k in range(40 * len(blocks)))[:100_000]


def report_speed(shared: Path) -> None:
    block = twenty_thousand(shared)
    fresh = fresh_process(block)
    print(f"fresh checking process: warm-up (jieba + indexes + tagger) {fresh.warm_up}  [{load()}]")
    print(f"  its first check, of {len(block):,} characters: {fresh.first_check}  [{load()}]")
    print(f"  peak memory (warm-up, that check, the sample report): {fresh.peak_rss:.0f} MB")
    proofread.warm_up()
    report = sample_report()
    print(f"check built-in sample report, cold: {cold_report(report)}  [{load()}]")
    print(
        f"re-check it after editing one paragraph (target ≤ 10 ms): {recheck_after_edit(report)}  [{load()}]"
    )
    print(f"cold check of {len(block):,} characters (target ≤ 150 ms): {cold(block)}  [{load()}]")
    print(f"re-check of it after editing one sentence: {recheck_long_paragraph(block)}  [{load()}]")
    big = hundred_thousand(shared)
    print(f"cold check of a {len(big):,}-character text: {cold(big, runs=3)}  [{load()}]")


def cold_report(report: Report, runs: int = 7) -> Timing:
    return measure(lambda _run: check_report(report), runs, before=lambda _run: proofread.forget())


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = Path(arguments[0]) if arguments else Path(__file__).resolve().parents[2] / "shared"
    report_speed(shared)


if __name__ == "__main__":
    main()
