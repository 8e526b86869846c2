"""Proofreading: speed, typo-detection quality on ECSpell's odw.train, findings on the two samples.

    python benchmarks/eval_proofreading.py [path/to/shared] [--sweep | --corpus | --odw | --speed | --lm]

`--lm` prints only the side-by-side table of the typo figures with the word-trigram language model and
without it (REPORT_WRITER_LM=off), each measured in a fresh process; the full run prints it after the speed.

Sentence level: a sentence is "flagged" when the typo check reports anything in it. Precision and
recall count sentences with errors (label > 0 in odw.train); the false-alarm rate is the share of
clean sentences flagged. Also reported for the even and odd lines separately, as a check that the
numbers do not hinge on a few sentences. `--odw` prints, per half, the typo check alone beside the whole
check (`check_text`: a sentence counts as flagged when any typo or slip finding is in it, as a writer sees
it).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from report_writer.language import lm, typos
from report_writer.language.config import ProofConfig
from report_writer.language.proofread import check_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed_proofreading as speed  # noqa: E402  (benchmarks share the timing helpers)


def sentence_scores(lines: list[tuple[bool, str]]) -> list[tuple[bool, float]]:
    """(has an error, highest typo gain found in the sentence) for every sentence, every gain
    computed in full (floor 0), for the threshold sweep."""
    config = ProofConfig()
    return [
        (has_error, max((c[3] for c in typos.candidates(sentence, config, floor=0.0)), default=-math.inf))
        for has_error, sentence in lines
    ]


def flagged(lines: list[tuple[bool, str]]) -> list[tuple[bool, float]]:
    """(has an error, 1 if the shipped check reports anything in the sentence else 0)."""
    config = ProofConfig()
    return [
        (has_error, float(any(True for _ in typos.typos(sentence, config)))) for has_error, sentence in lines
    ]


def typo_scores(scores: list[tuple[bool, float]], threshold: float) -> tuple[float, float, float, float]:
    tp = sum(has_error and gain > threshold for has_error, gain in scores)
    fn = sum(has_error and gain <= threshold for has_error, gain in scores)
    fp = sum(not has_error and gain > threshold for has_error, gain in scores)
    tn = sum(not has_error and gain <= threshold for has_error, gain in scores)
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1, fp / max(1, fp + tn)


def non_space(text: str) -> int:
    return sum(1 for char in text if not char.isspace())


def findings_in(files: list[Path], examples: int = 0) -> tuple[int, Counter[str], dict[str, list[str]]]:
    """Non-space characters of the files, their findings by code (and "suggestion offered", "severity
    error|warning|info"), and up to `examples` × 3 findings of each code in context."""
    by_code: Counter[str] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    characters = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        characters += non_space(text)
        for finding in check_text(text):
            by_code[finding.code] += 1
            by_code["suggestion offered"] += finding.suggestion is not None
            by_code[f"severity {finding.severity}"] += 1
            if len(shown[finding.code]) < examples * 3:
                left = text[max(0, finding.start - 8) : finding.start].replace("\n", " ")
                right = text[finding.end : finding.end + 8].replace("\n", " ")
                fix = "" if finding.suggestion is None else f" → {finding.suggestion or '删'}"
                shown[finding.code].append(f"{left}[{finding.text}]{right}{fix}")
    return characters, by_code, shown


def corpus_rate(shared: Path, examples: int = 4) -> None:
    """Findings per 1,000 non-space characters on published official prose (essentially free of
    slips, so nearly every finding is a false alarm), by code, with examples behind each; then the same
    on the real 政协 texts of corpus/import_dev (the genre the app is for; never tuned on)."""
    folder = shared / "corpus" / "official_prose"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        print(f"official prose not found in {folder}: false-alarm rate skipped")
        return
    characters, by_code, shown = findings_in(files, examples)
    offered = by_code.pop("suggestion offered", 0)
    severities = {key: by_code.pop(f"severity {key}", 0) for key in ("error", "warning", "info")}
    total = sum(by_code.values())
    print(
        f"official prose ({len(files)} files, {characters:,} non-space characters): {total} findings = "
        f"{total / characters * 1000:.2f} per 1,000 (target ≤ 1.0); {offered} with a suggestion; "
        f"错误 {severities['error']}, 提示 {severities['warning']}, "
        f"留意 {severities['info']} (dotted: no sure fix)"
    )
    for code, count in by_code.most_common():
        print(f"  {code:<24} {count:>5}  {count / characters * 1000:.2f}/1000")
        for example in shown[code][::3][:examples]:
            print(f"      {example}")
    texts = sorted((shared / "corpus" / "import_dev").glob("*_clean.txt"))
    genre = [path for path in texts if "seed" not in path.name]
    if genre:
        characters, by_code, shown = findings_in(genre, examples)
        for key in [key for key in by_code if key == "suggestion offered" or key.startswith("severity ")]:
            by_code.pop(key)
        total = sum(by_code.values())
        print(
            f"政协 texts of import_dev ({len(genre)} files, {characters:,} characters, not tuned on): "
            f"{total} findings = {total / characters * 1000:.2f} per 1,000"
        )
        for code in by_code:
            for example in shown[code][:examples]:
                print(f"      {code}: {example}")


def odw_lines(shared: Path) -> list[tuple[str, str]]:
    train = shared / "data" / "ecspell" / "odw.train"
    pairs = []
    for raw in train.read_text(encoding="utf-8").splitlines():
        _label, wrong, right = raw.split("\t")
        pairs.append((wrong, right))
    return pairs


def odw_figures(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Sentence-level P/R/FA of the typo check as shipped, and its suggestions: offered, and right (the
    suggestion is what the corrected sentence has there)."""
    config = ProofConfig()
    tp = fn = fp = tn = offered = right = 0
    for wrong, correct in pairs:
        found = list(typos.typos(wrong, config))
        has_error = wrong != correct
        tp, fn = tp + (has_error and bool(found)), fn + (has_error and not found)
        fp, tn = fp + (not has_error and bool(found)), tn + (not has_error and not found)
        for finding in found:
            if finding.suggestion is not None:
                offered += 1
                right += (
                    len(correct) == len(wrong) and correct[finding.start : finding.end] == finding.suggestion
                )
    return {
        "P": tp / max(1, tp + fp),
        "R": tp / max(1, tp + fn),
        "FA": fp / max(1, fp + tn),
        "offered": offered,
        "right": right,
    }


def whole_check_figures(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Sentence-level P/R/FA of what a writer sees: a sentence counts as flagged when the whole check
    (`check_text`, every check together) reports a typo or a slip in it — the typo check's guesses and the
    slips table's certain rows."""
    tp = fn = fp = tn = 0
    for wrong, correct in pairs:
        found = any(f.code.startswith(("typo", "slip")) for f in check_text(wrong))
        has_error = wrong != correct
        tp, fn = tp + (has_error and found), fn + (has_error and not found)
        fp, tn = fp + (not has_error and found), tn + (not has_error and not found)
    return {"P": tp / max(1, tp + fp), "R": tp / max(1, tp + fn), "FA": fp / max(1, fp + tn)}


def print_odw(shared: Path) -> None:
    """The odw.train figures per half: the typo check alone, then the whole check (typo or slip)."""
    pairs = odw_lines(shared)
    typos.warm_up()
    for half, part in (("even", pairs[::2]), ("odd", pairs[1::2])):
        alone, whole = odw_figures(part), whole_check_figures(part)
        print(
            f"  odw.train {half} ({len(part)}): typo check alone P {alone['P']:.3f} R {alone['R']:.3f} "
            f"FA {alone['FA']:.3f};  whole check, typo or slip finding P {whole['P']:.3f} R {whole['R']:.3f} "
            f"FA {whole['FA']:.3f}"
        )


def corpus_halves(shared: Path) -> dict[str, dict[str, float]]:
    """Findings per 1,000 non-space characters by code, for the official prose files split in two halves
    by their sorted order (A: 1st, 3rd, …; B: 2nd, 4th, …): tune on one, report the other."""
    files = sorted((shared / "corpus" / "official_prose").glob("*.txt"))
    result: dict[str, dict[str, float]] = {}
    for name, half in (("A", files[::2]), ("B", files[1::2]), ("all", files)):
        characters, counts, _shown = findings_in(half)
        result[name] = {code: count / characters * 1000 for code, count in counts.items()}
        result[name]["all"] = (
            sum(n for code, n in counts.items() if not code.startswith(("suggestion offered", "severity ")))
            / characters
            * 1000
        )
    return result


def lm_figures(shared: Path) -> dict[str, object]:
    """Every figure of the side-by-side table, in this process's mode (model or not)."""
    pairs = odw_lines(shared)
    typos.warm_up()
    block = speed.twenty_thousand(shared)
    cold, fresh = speed.cold(block), speed.fresh_process(block, runs=1)
    return {
        "model": lm.language_model() is not None,
        "even": odw_figures(pairs[::2]),
        "odd": odw_figures(pairs[1::2]),
        "corpus": corpus_halves(shared),
        "cold": cold.cpu,
        "cold_wall": cold.wall,
        "warm_up": fresh.warm_up.cpu,
        "first": fresh.first_check.cpu,
        "memory": fresh.peak_rss,
    }


def lm_table(shared: Path) -> None:
    """The typo figures with the language model and without it, side by side (one process per mode)."""
    runs = {}
    for label, setting in (("without LM", "off"), ("with LM", "")):
        environment = dict(os.environ, REPORT_WRITER_LM=setting) if setting else dict(os.environ)
        if not setting:
            environment.pop("REPORT_WRITER_LM", None)
        output = subprocess.run(
            [sys.executable, __file__, str(shared), "--lm-json"],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        runs[label] = json.loads(output.splitlines()[-1])
    labels = list(runs)
    if not runs["with LM"]["model"]:
        print("language model not available here: both columns are the unigram check")
    print(f"{'':<44}" + "".join(f"{label:>26}" for label in labels))

    def row(name: str, values: list[str]) -> None:
        print(f"{name:<44}" + "".join(f"{value:>26}" for value in values))

    for half in ("even", "odd"):
        row(
            f"odw.train {half} P / R / FA",
            [f"{r[half]['P']:.3f} / {r[half]['R']:.3f} / {r[half]['FA']:.1%}" for r in runs.values()],
        )
        row(
            f"odw.train {half} suggestions right / offered",
            [f"{r[half]['right']} / {r[half]['offered']}" for r in runs.values()],
        )
    codes = sorted({code for r in runs.values() for code in r["corpus"]["all"]} - {"all"})
    for code in ["all", *codes]:
        row(
            f"official prose /1000 {code} (A | B)",
            [
                f"{r['corpus']['A'].get(code, 0):.2f} | {r['corpus']['B'].get(code, 0):.2f}"
                for r in runs.values()
            ],
        )
    row(
        "cold check of 20,000 characters, ms CPU (wall)",
        [f"{r['cold']:.0f} ({r['cold_wall']:.0f})" for r in runs.values()],
    )
    row(
        "fresh process: warm-up, first check, ms CPU",
        [f"{r['warm_up']:.0f}, {r['first']:.0f}" for r in runs.values()],
    )
    row("peak RSS of a checking process, MB", [f"{r['memory']:.0f}" for r in runs.values()])
    print(f"  [{speed.load()}]")


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = Path(arguments[0]) if arguments else Path(__file__).resolve().parents[2] / "shared"
    if "--lm-json" in sys.argv:  # one column of the side-by-side table (run by lm_table)
        print(json.dumps(lm_figures(shared)))
        return
    if "--lm" in sys.argv:
        lm_table(shared)
        return
    if "--odw" in sys.argv:  # the odw.train figures alone, quickly
        print_odw(shared)
        return
    if "--corpus" in sys.argv:  # the false-alarm rate alone, quickly
        corpus_rate(shared, examples=8)
        return
    speed.report_speed(shared)  # speed and memory, with the machine's load beside each figure
    if "--speed" in sys.argv:
        return
    lm_table(shared)
    corpus_rate(shared)
    samples = [shared / "samples" / n for n in ("fuling-2023-huimou.txt", "changshou-2023-zongshu.txt")]
    if all(p.is_file() for p in samples):
        texts = [p.read_text(encoding="utf-8") for p in samples]
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
    print(
        f"typo check as shipped (threshold {typos.THRESHOLD}, tuned on the even lines; "
        "the odd lines are held out):"
    )
    for name, scores in (("all", even + odd), ("even lines", even), ("odd lines", odd)):
        p, r, f1, fa = typo_scores(scores, 0.5)
        print(
            f"  odw.train {name} ({len(scores)} sentences): precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  "
            f"false alarms on clean sentences {fa:.3f}"
        )
    print("typo check alone, and the whole check (flagged by any typo or slip finding: what a writer sees):")
    print_odw(shared)
    if "--sweep" in sys.argv:
        even, odd = sentence_scores(lines[::2]), sentence_scores(lines[1::2])
        print("threshold sweep (precision / recall / false alarms), even | odd:")
        for threshold in (5.5, 5.75, 6.0, 6.25, 6.5, 6.75, 7.0):
            (pe, re_, _, fe), (po, ro, _, fo) = typo_scores(even, threshold), typo_scores(odd, threshold)
            print(f"  {threshold:5.2f}: {pe:.3f} / {re_:.3f} / {fe:.3f}  |  {po:.3f} / {ro:.3f} / {fo:.3f}")


if __name__ == "__main__":
    main()
