"""`report-writer check` for writers who stay in Word: findings as comments in a copy, several files
or a folder at once with a summary per file; the original is never touched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
import pytest

from report_writer.cli import main


def _write_report(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("示例区政协2024年工作综述")
    paragraph = document.add_paragraph()
    paragraph.add_run("委员们深刻把握")
    paragraph.add_run("把握").bold = True  # the slip spans two runs of different formatting
    paragraph.add_run("精神实质，再接再励，履职尽责。")
    document.add_paragraph("围绕“小微协商开展活动。")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].add_run("政府和和企业共同参与。")
    document.save(str(path))


def _comments(path: Path) -> list[tuple[str, str]]:
    """(commented text, comment text) of every comment in the file."""
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    texts = {str(c.comment_id): c.text for c in document.comments}
    found = []
    body = document.element.body
    for start in body.iter(qn("w:commentRangeStart")):
        comment_id = start.get(qn("w:id"))
        covered = []
        node = start.getnext()
        while node is not None and not (
            node.tag == qn("w:commentRangeEnd") and node.get(qn("w:id")) == comment_id
        ):
            covered.extend(t.text or "" for t in node.iter(qn("w:t")))
            node = node.getnext()
        found.append(("".join(covered), texts[comment_id]))
    return found


def test_comments_are_written_at_their_place_in_a_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "报告.docx", tmp_path / "报告-校对.docx"
    _write_report(source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    assert main(["check", str(source), "--comments", "-o", str(target)]) == 0
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    comments = _comments(target)
    covered = [text for text, _ in comments]
    assert "把握" in covered and "励" in covered and "和" in covered and "“" in covered
    assert any("厉" in comment for text, comment in comments if text == "励")
    # the text of the copy is the original text: runs were split, not changed
    original = [p.text for p in docx.Document(str(source)).paragraphs]
    assert [p.text for p in docx.Document(str(target)).paragraphs] == original
    out = capsys.readouterr().out
    assert "报告.docx：共" in out and str(target) in out


def test_comments_refuse_to_overwrite_the_original(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "报告.docx"
    _write_report(source)
    assert main(["check", str(source), "--comments", "-o", str(source)]) == 1
    err = capsys.readouterr().err
    assert "不能覆盖原文件" in err and len(err.strip().splitlines()) == 1


def test_a_folder_is_checked_file_by_file_with_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "甲.txt").write_text("委员们深刻把握把握精神实质。", encoding="utf-8")
    (tmp_path / "乙.txt").write_text("委员们积极建言献策。", encoding="utf-8")
    (tmp_path / "说明.pdf").write_bytes(b"%PDF")  # not a report: skipped
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "甲.txt：共 1 处需要查看" in out and "乙.txt：没有发现问题。" in out
    assert out.strip().endswith("合计 2 个文件：共 1 处需要查看（错误 1）。")
    assert main(["check", str(tmp_path / "甲.txt"), str(tmp_path / "乙.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(Path(name).name for name in data) == ["乙.txt", "甲.txt"]


def test_several_word_files_get_commented_copies_in_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("一.docx", "二.docx"):
        _write_report(tmp_path / name)
    out_dir = tmp_path / "校对结果"
    assert (
        main(
            ["check", str(tmp_path / "一.docx"), str(tmp_path / "二.docx"), "--comments", "-o", str(out_dir)]
        )
        == 0
    )
    assert sorted(p.name for p in out_dir.iterdir()) == ["一-校对.docx", "二-校对.docx"]
    capsys.readouterr()
    assert main(["check", str(tmp_path / "一.docx"), "--comments"]) == 0
    assert (tmp_path / "一-校对.docx").is_file()


def test_one_file_ends_with_its_count_by_severity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "报告.txt"
    source.write_text("委员们深刻把握把握精神实质，再接再励。", encoding="utf-8")
    assert main(["check", str(source)]) == 0
    assert capsys.readouterr().out.strip().endswith("共 2 处需要查看（错误 2）。")


def test_a_folder_with_other_files_gets_copies_for_its_word_files_and_names_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_report(tmp_path / "一.docx")
    (tmp_path / "草稿.txt").write_text("委员们深刻把握把握精神实质。", encoding="utf-8")
    (tmp_path / "提纲.md").write_text("# 提纲\n", encoding="utf-8")
    out_dir = tmp_path / "校对结果"
    assert main(["check", "--comments", str(tmp_path), "-o", str(out_dir)]) == 0
    assert [p.name for p in out_dir.iterdir()] == ["一-校对.docx"]
    lines = capsys.readouterr().out.strip().splitlines()
    assert "草稿.txt：不是 Word 文件，未写批注（跳过）。" in lines
    assert "提纲.md：不是 Word 文件，未写批注（跳过）。" in lines
    first = next(line for line in lines if line.startswith("一.docx："))
    assert "）。带批注的副本：" in first  # no half-width space between the two sentences
    assert lines[-1].startswith("合计 1 个文件：")
    # a text file named on its own is a mistake, said with its name; a folder without Word files too
    assert main(["check", "--comments", str(tmp_path / "草稿.txt")]) == 1
    assert "草稿.txt 不是 Word 文件" in capsys.readouterr().err
    (tmp_path / "一.docx").unlink()
    assert main(["check", "--comments", str(tmp_path)]) == 1
    assert "没有 Word 文件" in capsys.readouterr().err


def test_folder_output_has_no_empty_headers_and_long_headings_end_with_an_ellipsis(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from report_writer.core.model import Paragraph
    from report_writer.core.project import write_new_project
    from report_writer.core.templating import sample_report

    report = sample_report()
    report.sections[2].heading = "围绕中心服务大局建言资政凝聚共识（一）"  # 19 characters: shown whole
    report.sections[3].heading = "围绕中心服务大局建言资政凝聚共识彰显新担当新作为"
    for section in report.sections[2:4]:
        section.blocks.append(Paragraph(["委员们再接再励，履职尽责。"]))
    write_new_project(tmp_path / "报告.rwp", report)
    (tmp_path / "好.txt").write_text("委员们积极建言献策。", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "== 报告.rwp ==" in out and "== 好.txt ==" not in out and "好.txt：没有发现问题。" in out
    assert "第3节「围绕中心服务大局建言资政凝聚共识（一）」" in out
    assert "第4节「围绕中心服务大局建言资政凝聚共识彰显新…」" in out


def test_check_of_a_project_leaves_out_what_the_writer_ignored_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from report_writer.core.model import Paragraph
    from report_writer.core.project import write_new_project
    from report_writer.core.templating import sample_report
    from report_writer.language.ignored import ignore_key
    from report_writer.language.proofread import check_report

    report = sample_report()
    section = report.sections[1]
    paragraph = Paragraph(["委员们再接再励，按步就班。"])
    section.blocks.append(paragraph)
    findings = check_report(report)
    slip = next(f for f in findings if f.block_id == paragraph.id and f.text == "励")
    report.ignored_findings.append(ignore_key(section.id, paragraph.text(report.fields), slip))
    write_new_project(tmp_path / "报告.rwp", report)
    assert main(["check", str(tmp_path / "报告.rwp")]) == 0
    out = capsys.readouterr().out
    assert "「励」" not in out and "「步」" in out
    assert out.strip().endswith(
        f"共 {len(findings) - 1} 处需要查看（错误 {len(findings) - 1}）。另有 1 处已在报告中忽略。"
    )
    assert main(["check", str(tmp_path / "报告.rwp"), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(findings) - 1
