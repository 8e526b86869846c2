"""Proofreading: speed, typo-detection quality on ECSpell's odw.train, findings on the two samples.

    python benchmarks/eval_proofreading.py [path/to/shared]

Sentence level: a sentence is "flagged" when the typo check reports anything in it. Precision and
recall count sentences with errors (label > 0 in odw.train); the false-alarm rate is the share of
clean sentences flagged. Also reported for the even and odd lines separately, as a check that the
numbers do not hinge on a few sentences.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from report_writer.core.templating import sample_report
from report_writer.language import segment, typos
from report_writer.language.config import ProofConfig
from report_writer.language.proofread import check_report, check_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_core import median_ms  # noqa: E402  (benchmarks share the timing helper)


def timed(job, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    return median_ms(job, runs)


def typo_scores(lines: list[tuple[bool, str]]) -> tuple[float, float, float, float]:
    config = ProofConfig()
    tp = fp = fn = tn = 0
    for has_error, sentence in lines:
        flagged = any(True for _ in typos.typos(sentence, config))
        tp += has_error and flagged
        fn += has_error and not flagged
        fp += (not has_error) and flagged
        tn += (not has_error) and not flagged
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1, fp / max(1, fp + tn)


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
    start = time.perf_counter()
    segment.tokenizer()
    typos.warm_up()
    print(f"jieba + index loaded in {(time.perf_counter() - start) * 1000:.0f} ms")
    report = sample_report()
    print(f"check built-in sample report: {timed(lambda: check_report(report)):.1f} ms (median of 5)")
    samples = [shared / "samples" / n for n in ("fuling-2023-huimou.txt", "changshou-2023-zongshu.txt")]
    if all(p.is_file() for p in samples):
        texts = [p.read_text(encoding="utf-8") for p in samples]
        big = ("\n\n".join(texts) * 12)[:100_000]
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
    for name, subset in (("all", lines), ("even lines", lines[::2]), ("odd lines", lines[1::2])):
        p, r, f1, fa = typo_scores(subset)
        print(f"typo check on odw.train ({name}, {len(subset)} sentences): precision {p:.3f}  recall {r:.3f}  "
              f"F1 {f1:.3f}  false alarms on clean sentences {fa:.3f}")


if __name__ == "__main__":
    main()
