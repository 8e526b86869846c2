"""Every finding of the proofreader on fixed texts, one per line, to compare before and after a change
that must not change what the check finds (a speed-up, a refactoring):

    python benchmarks/dump_findings.py [path/to/shared] > before.txt
    ... change ...
    python benchmarks/dump_findings.py [path/to/shared] > after.txt && cmp before.txt after.txt

Texts: the official prose corpus (each file checked whole, as eval_proofreading.py does), both
samples, the built-in sample report, every odw.train sentence (checked whole and by the typo check
alone, as the evaluation does). With `--gains`, also every typo candidate of each odw.train sentence
with its full gain (floor 0, the threshold sweep's path), floats written exactly (a tie for the best
alike shown as such: which of them comes first depends on the hash seed).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from report_writer.core.templating import sample_report
from report_writer.language import proofread, typos
from report_writer.language.config import ProofConfig
from report_writer.language.findings import Finding


def lines(label: str, findings: Iterable[Finding]) -> Iterable[str]:
    for f in findings:
        place = "" if f.section is None else f"{f.section}/{f.paragraph}/"
        yield (
            f"{label}\t{place}{f.start}-{f.end}\t{f.code}\t{f.severity}\t{f.text!r}\t{f.message}\t"
            f"{f.suggestion!r}\t{sorted(f.extra.items())!r}"
        )


def dump(shared: Path, gains: bool) -> Iterable[str]:
    proofread.warm_up()
    for path in sorted((shared / "corpus" / "official_prose").glob("*.txt")):
        yield from lines(path.name, proofread.check_text(path.read_text(encoding="utf-8")))
    for path in sorted((shared / "samples").glob("*.txt")):
        yield from lines(path.name, proofread.check_text(path.read_text(encoding="utf-8")))
    yield from lines("sample_report", proofread.check_report(sample_report()))
    config = ProofConfig()
    train = (shared / "data" / "ecspell" / "odw.train").read_text(encoding="utf-8").splitlines()
    for number, raw in enumerate(train):
        sentence = raw.split("\t")[1]
        yield from lines(f"odw{number}", proofread.check_text(sentence))
        yield from lines(f"odw{number}/typos", typos.typos(sentence, config))
        if gains:
            for start, end, substitute, gain, margin in typos.candidates(sentence, config, floor=0.0):
                # alikes tied for the best come in the order of a set, which changes with the hash seed
                shown = substitute if margin else "(tie)"
                yield f"odw{number}/gain\t{start}-{end}\t{shown}\t{gain!r}\t{margin!r}"


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = Path(arguments[0]) if arguments else Path(__file__).resolve().parents[2] / "shared"
    for line in dump(shared, "--gains" in sys.argv):
        print(line)


if __name__ == "__main__":
    main()
