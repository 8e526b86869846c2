"""Proofreading: speed, typo-detection quality on ECSpell's odw.train, findings on the two samples.

    python benchmarks/eval_proofreading.py [path/to/shared] [--sweep]

Sentence level: a sentence is "flagged" when the typo check reports anything in it. Precision and
recall count sentences with errors (label > 0 in odw.train); the false-alarm rate is the share of
clean sentences flagged. Also reported for the even and odd lines separately, as a check that the
numbers do not hinge on a few sentences.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from pathlib import Path

from report_writer.core.model import Paragraph, Report
from report_writer.core.templating import sample_report
from report_writer.language import segment, typos
from report_writer.language.config import ProofConfig
from report_writer.language.proofread import check_report, check_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_core import median_ms  # noqa: E402  (benchmarks share the timing helper)


def timed(job, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    """Median time of a full check: remembered paragraph results are dropped before every run."""
    return median_ms(lambda: (typos.forget(), job()), runs)


def recheck_after_edit(report: Report, runs: int = 5) -> float:
    """The check the app runs after a typing pause: one paragraph changed, the rest remembered."""
    paragraph = next(block for section in report.sections for block in section.blocks
                     if isinstance(block, Paragraph) and isinstance(block.parts[-1], str))
    original = paragraph.parts[-1]
    check_report(report)
    times = []
    for run in range(runs):
        paragraph.parts[-1] = f"{original}第{run}次修改的句子。"
        start = time.perf_counter()
        check_report(report)
        times.append((time.perf_counter() - start) * 1000)
    paragraph.parts[-1] = original
    return statistics.median(times)


def sentence_scores(lines: list[tuple[bool, str]]) -> list[tuple[bool, float]]:
    """(has an error, highest typo gain found in the sentence) for every sentence, every gain
    computed in full (floor 0), for the threshold sweep."""
    config = ProofConfig()
    return [(has_error, max((gain for *_, gain in typos.candidates(sentence, config, floor=0.0)), default=-math.inf))
            for has_error, sentence in lines]


def flagged(lines: list[tuple[bool, str]]) -> list[tuple[bool, float]]:
    """(has an error, 1 if the shipped check reports anything in the sentence else 0)."""
    config = ProofConfig()
    return [(has_error, float(any(True for _ in typos.typos(sentence, config)))) for has_error, sentence in lines]


def typo_scores(scores: list[tuple[bool, float]], threshold: float) -> tuple[float, float, float, float]:
    tp = sum(has_error and gain > threshold for has_error, gain in scores)
    fn = sum(has_error and gain <= threshold for has_error, gain in scores)
    fp = sum(not has_error and gain > threshold for has_error, gain in scores)
    tn = sum(not has_error and gain <= threshold for has_error, gain in scores)
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1, fp / max(1, fp + tn)


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = Path(arguments[0]) if arguments else Path(__file__).resolve().parents[2] / "shared"
    start = time.perf_counter()
    segment.tokenizer()
    typos.warm_up()
    print(f"jieba + index loaded in {(time.perf_counter() - start) * 1000:.0f} ms")
    report = sample_report()
    print(f"check built-in sample report: {timed(lambda: check_report(report)):.1f} ms (median of 5)")
    print(f"check it again after editing one paragraph: {recheck_after_edit(report):.1f} ms (median of 5)")
    samples = [shared / "samples" / n for n in ("fuling-2023-huimou.txt", "changshou-2023-zongshu.txt")]
    if all(p.is_file() for p in samples):
        texts = [p.read_text(encoding="utf-8") for p in samples]
        blocks = "\n\n".join(texts).split("\n\n")
        big = "\n\n".join(f"{k}. {blocks[k % len(blocks)]}" for k in range(40 * len(blocks)))[:100_000]
        print(f"check a {len(big):,}-character text: {timed(lambda: check_text(big), runs=3):.0f} ms (median of 3)")
        for path, text in zip(samples, texts, strict=True):
            findings = check_text(text)
            per_k = len(findings) / len(text) * 1000
            print(f"{path.name}: {len(findings)} findings in {len(text)} characters = {per_k:.2f} per 1,000")
            for finding in findings:
                print(f"    {finding.code:<22} {finding.text!r:<10} {finding.message[:50]}")
    train = shared / "data" / "ecspell" / "odw.train"
    if not train.is_file():
        print("odw.train not found: typo evaluation skipped")
        return
    lines = []
    for raw in train.read_text(encoding="utf-8").splitlines():
        label, wrong, right = raw.split("\t")
        lines.append((wrong != right, wrong))
    even, odd = flagged(lines[::2]), flagged(lines[1::2])
    print(f"typo check as shipped (threshold {typos.THRESHOLD}, tuned on the even lines; the odd lines are held out):")
    for name, scores in (("all", even + odd), ("even lines", even), ("odd lines", odd)):
        p, r, f1, fa = typo_scores(scores, 0.5)
        print(f"  odw.train {name} ({len(scores)} sentences): precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  "
              f"false alarms on clean sentences {fa:.3f}")
    if "--sweep" in sys.argv:
        even, odd = sentence_scores(lines[::2]), sentence_scores(lines[1::2])
        print("threshold sweep (precision / recall / false alarms), even | odd:")
        for threshold in (5.5, 5.75, 6.0, 6.25, 6.5, 6.75, 7.0):
            (pe, re_, _, fe), (po, ro, _, fo) = typo_scores(even, threshold), typo_scores(odd, threshold)
            print(f"  {threshold:5.2f}: {pe:.3f} / {re_:.3f} / {fe:.3f}  |  {po:.3f} / {ro:.3f} / {fo:.3f}")


if __name__ == "__main__":
    main()
