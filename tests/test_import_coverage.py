"""Never lose a character: every non-space character of an imported text or Word file ends in the report or
in a warning naming what was left out. Checked over many generated inputs (a seeded generator: shuffled,
truncated, joined, noisy, traditional), and on the dev corpus when it is present."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from report_writer.core import script
from report_writer.core.importer import ImportResult, import_file, import_text, placed_text

TITLES = [
    "凝心聚力谋发展 履职尽责谱新篇",
    "中国人民政治协商会议",
    "某某县第十届委员会常务委员会工作报告",
    "工作报告",
    "某某区政协：书写履职新答卷",
]
FRONT = [
    "——某某区政协2024年工作综述",
    "（2025年1月8日在政协某某县第十届委员会第五次会议上）",
    "（2025年1月8日）",
    "张 三 丰",
    "各位委员、同志们：",
    "记者 李明",
    "新华社北京3月3日电",
    "来源：某某日报",
    "下载",
    "打印 | 分享到",
]
HEADINGS = [
    "一、2024年工作回顾",
    "（一）强化政治引领，夯实思想根基",
    "1.助推重点项目建设",
    "■围绕乡村振兴积极履职",
    "强化政治引领夯实思想之基",
    "明方向，把稳“思想之舵”",
    "聚焦中心大局 建言资政更加有效",
    "回望2024：初心如磐担使命",
    "打造委员进小院3.0版本",
    "将政协协商延伸到群众家门口",
]
SENTENCES = [
    "全年开展协商活动21场次，形成建议35条。",
    "聚焦热点建言献策。围绕产业发展组织委员视察调研12次。",
    "坚定捍卫“两个确立”，坚守政治底色。深刻领悟决定性意义，提交提案301件。",
    "（一）坚持党的领导，把牢履职之本。坚持在县委领导下谋划和开展工作，向县委请示报告32次。",
    "编报社情民意信息430余篇，其中被采用近百篇，占比12.5%。",
    "收到提案301件，立案286件，办复率100%。",
    "——聚焦民生实事，开展“请你来协商”活动8场；",
    "工欲善其事，必先利其器。委员履职能力持续提升。",
    "兴、重点项目建设等方面持续发力，",
    "一年来，委员们深入基层、走访群众，为民办实事1.50亿元。",
]
CAPTIONS = [
    "某某区政协调研河流保护情况",
    "3月15日，委员们在产业园区察看项目进展情况。",
    "专题协商会现场（记者 王明 摄）",
    "图为委员视察现场",
]
NOISE = [
    "zhengxie 2024",
    "- 3 -",
    "第 2 页 共 5 页",
    "12",
    "A3版",
    "★★★",
    "……",
    "http://example.cn/a.html",
    "①②③",
    "〖 大 中 小 〗",
]


def lost(result: ImportResult, source: str) -> Counter[str]:
    def chars(text: str) -> Counter[str]:
        return Counter(c for c in text if not c.isspace())

    return chars(source) - chars(placed_text(result))


def generated_lines(rng: random.Random) -> list[str]:
    lines = rng.sample(TITLES, rng.randint(0, 3)) + rng.sample(FRONT, rng.randint(0, 5))
    for _ in range(rng.randint(1, 6)):
        lines.append(rng.choice(HEADINGS))
        for _ in range(rng.randint(0, 4)):
            lines.append("".join(rng.sample(SENTENCES, rng.randint(1, 3))))
            if rng.random() < 0.3:
                lines.append(rng.choice(CAPTIONS))
            if rng.random() < 0.2:
                lines.append(rng.choice(NOISE))
    return lines


def mutate(lines: list[str], rng: random.Random) -> str:
    """Shuffle, truncate, join, split, add blank lines and noise: the shapes pasted text really has."""
    lines = list(lines)
    if rng.random() < 0.3:
        rng.shuffle(lines)
    if rng.random() < 0.3 and lines:
        cut = rng.randrange(len(lines))
        lines[cut] = lines[cut][: rng.randint(0, len(lines[cut]))]
    if rng.random() < 0.3 and len(lines) > 1:
        at = rng.randrange(len(lines) - 1)
        lines[at : at + 2] = [lines[at] + rng.choice(["", " ", "\u3000"]) + lines[at + 1]]
    if rng.random() < 0.3 and lines:
        at = rng.randrange(len(lines))
        text = lines[at]
        split = rng.randint(0, len(text))
        lines[at : at + 1] = [text[:split], text[split:]]
    separators = ["\n", "\n\n", "\n\n\n\n", "\r\n", "\n \n"]
    text = "".join(line + rng.choice(separators) for line in lines)
    if rng.random() < 0.3:
        text = (
            rng.choice(["", "  ", "\ufeff", "# ", "#两会# ", "**聚焦民生。**"])
            + text
            + rng.choice(["", "*", "**", "\u00a0"])
        )
    return text


@pytest.mark.parametrize("seed", range(40))
def test_no_character_lost_in_generated_text(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(10):
        text = mutate(generated_lines(rng), rng)
        if not "".join(text.split()):
            continue
        if rng.random() < 0.25:
            text = script.to_simplified(text)[::-1][::-1]
            text = "".join(_traditional(c) for c in text)
        result = import_text(text)
        assert not lost(result, text), text


def _traditional(char: str) -> str:
    return {
        "会": "會",
        "议": "議",
        "协": "協",
        "发": "發",
        "员": "員",
        "县": "縣",
        "区": "區",
        "国": "國",
        "为": "為",
        "报": "報",
        "展": "展",
        "实": "實",
        "调": "調",
        "项": "項",
        "场": "場",
        "条": "條",
        "个": "個",
    }.get(char, char)


def test_traditional_text_is_imported_as_it_is_and_read_like_simplified() -> None:
    text = (
        "凝心聚力謀發展 履職盡責譜新篇\n\n——商南縣政協2023年工作綜述\nshangnan xian zhengxie\n\n"
        "2023年，商南縣政協緊扣縣委中心工作，開展協商議政活動21場次。\n\n"
        "強化政治引領夯實思想之基\n\n全年組織學習研討18次，委員讀書活動持續開展。\n"
    )
    result = import_text(text)
    report = result.report
    assert result.traditional and report.title == "凝心聚力謀發展 履職盡責譜新篇"
    assert [s.heading for s in report.sections] == ["", "強化政治引領夯實思想之基"]
    assert {(f.value, f.unit) for f in report.fields.values()} == {(21, "場次"), (18, "次")}
    assert not lost(result, text) and result.dropped == [("shangnan xian zhengxie", "拼音或网址")]
    simplified = import_text(text, simplify=True)
    assert simplified.report.title == "凝心聚力谋发展 履职尽责谱新篇" and simplified.report.year == 2023
    assert simplified.report.org_short == "商南县政协"


@pytest.mark.parametrize("seed", range(6))
def test_no_character_lost_in_generated_word_files(seed: int, tmp_path: Path) -> None:
    rng = random.Random(1000 + seed)
    document = docx.Document()
    source = []
    for line in generated_lines(rng):
        paragraph = document.add_paragraph()
        if rng.random() < 0.3:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cut = rng.randint(0, len(line)) if rng.random() < 0.4 else 0
        paragraph.add_run(line[:cut]).bold = True
        paragraph.add_run(line[cut:])
        source.append(line)
    if rng.random() < 0.5:
        table = document.add_table(rows=2, cols=2)
        for row_index, row in enumerate(table.rows):
            for column, cell in enumerate(row.cells):
                cell.text = f"项目{row_index}{column}"
                source.append(cell.text)
    path = tmp_path / "generated.docx"
    document.save(str(path))
    assert not lost(import_file(path), "\n".join(source))


def test_dev_corpus_shuffled_and_truncated_loses_nothing(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "import_dev"
    if not corpus.is_dir():
        pytest.skip("corpus/import_dev 不存在")
    rng = random.Random(7)
    for path in sorted(corpus.glob("*_clean.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for text in ("\n".join(lines), mutate(lines, rng), "\n".join(lines[: rng.randint(1, len(lines))])):
            if "".join(text.split()):
                assert not lost(import_text(text), text), path.name
