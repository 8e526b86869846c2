"""A corpus of hostile and broken inputs, generated here (nothing downloaded), and a runner that feeds
each one to the `report-writer` command.

Kinds: mutated and malicious Word files (flips, truncations, bombs by size, elements, runs and text,
lying sizes, entities, broken styles and images), odd text (control characters, non-characters,
5,000-digit numbers, titles of megabytes, UTF-16, binary), corrupt and hand-edited .rwp files
(wrong types, NaN, lone surrogates, NULL body, missing tables, zeroed pages, broken photos),
template packs (bad manifests, symlinks out of the pack, costly Jinja), proofreading.toml, --values,
and permissions.

Every case says what must happen: the exit code (never 70), and for a guarded case a piece of the
one-line message, so that removing the guard fails the test. The runner forks one warmed-up child
per case (so a few hundred cases take a minute, not ten), kills it after TIME_LIMIT seconds, reads
its peak memory from wait4, and checks that no input file changed.

    .venv/bin/python tests/hostile_corpus.py /tmp/hostile [--long]
prints a JSON summary (cases, failures, slowest, peak memory).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import struct
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

TIME_LIMIT = 30.0
MEMORY_LIMIT_MB = 1024
ROOT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class Case:
    name: str
    argv: list[str]
    expect: str | None = None  # a piece of the stderr line (guarded cases) or of stdout when exit is 0
    codes: tuple[int, ...] = (1,)  # allowed exit codes
    home: str | None = None  # REPORT_WRITER_HOME (template packs, proofreading.toml)
    as_nobody: bool = False  # permissions cases, when the runner is root
    modifies: bool = False  # a hot journal is rolled back in place: the file changes on purpose
    forbidden: str | None = None  # must not appear in any output (a leak)
    kind: str = ""
    long: bool = False  # only in the long run


@dataclass
class Corpus:
    folder: Path
    cases: list[Case] = field(default_factory=list)

    def add(self, case: Case) -> None:
        self.cases.append(case)


# ---- Word files --------------------------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _png(width: int = 4, height: int = 3, broken_body: bool = False) -> bytes:
    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * width for _ in range(height))
    data = zlib.compress(raw)
    if broken_body:
        data = data[:4] + bytes(len(data) - 4)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _base_docx(path: Path, paragraphs: list[str] | None = None, picture: bytes | None = None) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("示例区政协2024年工作回眸", style="Title")
    for text in paragraphs or [
        "一年来，区政协围绕中心、服务大局，开展协商活动12场次，提交提案230件。",
        "聚焦主责主业 建言资政更加有力",
        "全年组织委员视察调研45次，形成调研报告18篇。",
    ]:
        document.add_paragraph(text)
    if picture is not None:
        document.add_picture(io.BytesIO(picture))
        document.add_paragraph("图为区政协召开全体会议")
    document.save(str(path))


def _rezip(source: Path, target: Path, replace: dict[str, bytes], drop: tuple[str, ...] = ()) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename in drop:
                continue
            new.writestr(item.filename, replace.get(item.filename, old.read(item.filename)))
        for name, data in replace.items():
            if name not in old.namelist():
                new.writestr(name, data)


def _document(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {W_NS}><w:body>{body}</w:body></w:document>"
    ).encode()


def _styles(styles: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W_NS}>{styles}</w:styles>'
    ).encode()


def _para(text: str, style: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _word_cases(corpus: Corpus, rng: random.Random, long: bool) -> None:
    folder = corpus.folder / "docx"
    folder.mkdir()
    base = folder / "base.docx"
    _base_docx(base, picture=_png())
    good = base.read_bytes()

    def add(
        name: str,
        expect: str | None,
        codes: tuple[int, ...] = (1,),
        commands: tuple[str, ...] = ("import",),
        forbidden: str | None = None,
        is_long: bool = False,
    ) -> None:
        path = folder / name
        for command in commands:
            argv = {
                "import": ["import", str(path), "--json"],
                "check": ["check", str(path)],
                "rollover": ["rollover", str(path), "--year", "2025", "-o", f"{name}.rwp"],
                "reference": [
                    "export",
                    str(corpus.folder / "rwp" / "good.rwp"),
                    "-o",
                    f"{name}.ref.docx",
                    "--reference",
                    str(path),
                ],
            }[command]
            corpus.add(
                Case(
                    f"docx/{name}/{command}",
                    argv,
                    expect,
                    codes,
                    kind="docx",
                    forbidden=forbidden,
                    long=is_long,
                )
            )

    add("base.docx", "示例区政协", (0,), ("import",))
    add("base.docx", None, (0,), ("check", "rollover", "reference"))
    # Mutations: byte flips and truncations of a valid file.
    for index in range(60 if long else 24):
        data = bytearray(good)
        for _ in range(rng.choice((1, 4, 32))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        (folder / f"flip{index}.docx").write_bytes(bytes(data))
        add(f"flip{index}.docx", None, (0, 1), ("import",) if index % 3 else ("import", "check"))
    for index, cut in enumerate(sorted({rng.randrange(10, len(good)) for _ in range(16 if long else 8)})):
        (folder / f"cut{index}.docx").write_bytes(good[:cut])
        add(f"cut{index}.docx", "不是有效的 Word 文件", (1,))
    # Not a Word file at all.
    (folder / "empty.docx").write_bytes(b"")
    add("empty.docx", "空文件")
    (folder / "text.docx").write_bytes("这不是 Word 文件".encode())
    add("text.docx", "不是有效的 Word 文件", (1,), ("import", "reference"))
    (folder / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    add("old.docx", "另存为 .docx")
    (folder / "folder.docx").mkdir()
    add("folder.docx", "找不到文件")
    _rezip(base, folder / "nobody.docx", {}, drop=("word/document.xml",))
    add("nobody.docx", "没有 Word 正文")
    # Bombs: size, elements, paragraphs, runs, text, members; each costs far more to parse than to store.
    bombs = {
        "bomb-size.docx": _document("<w:p/>" * 7_000_000),  # 42 MB of XML in a few hundred KB
        "bomb-paragraphs.docx": _document("<w:p/>" * 400_000),
        "bomb-runs.docx": _document("<w:p>" + "<w:r/>" * 400_000 + "</w:p>"),
        "bomb-text.docx": _document(_para("政" * 2_100_000)),
        "bomb-elements.docx": _document(
            "<w:p>"
            + "<w:r><w:rPr/></w:r>" * 190_000
            + "</w:p>"
            + "<w:p/>" * 19_000
            + "<w:tbl>"
            + "<w:tr/>" * 900_000
            + "</w:tbl>"
        ),
        "bomb-short-paragraphs.docx": _document(_para("一年来，委员们积极履职。") * 60_000),
    }
    expect = {
        "bomb-size.docx": "解压后过大",
        "bomb-paragraphs.docx": "段落超过",
        "bomb-runs.docx": "文字片段超过",
        "bomb-text.docx": "万字",
        "bomb-elements.docx": "结构过于复杂",
        "bomb-short-paragraphs.docx": "段落超过",
    }
    for name, xml in bombs.items():
        _rezip(base, folder / name, {"word/document.xml": xml})
        add(
            name,
            expect[name],
            (1,),
            ("import", "reference") if name in ("bomb-size.docx", "bomb-paragraphs.docx") else ("import",),
        )
    members = {f"word/media/x{i}.bin": b"x" for i in range(2_100)}
    _rezip(base, folder / "bomb-members.docx", members)
    add("bomb-members.docx", "中的文件多达")
    # A member whose declared size lies (the zip says 100 bytes, the stream holds megabytes).
    lying = folder / "lying.docx"
    _rezip(base, lying, {"word/document.xml": _document(_para("真") * 50_000)})
    _patch_declared_size(lying, "word/document.xml", 100)
    add("lying.docx", "已损坏或不是有效的 Word 文件")
    crc = bytearray(good)
    offset = good.find(b"word/document.xml") + 17 + 40  # inside the compressed document
    crc[offset] ^= 0xFF
    (folder / "badcrc.docx").write_bytes(bytes(crc))
    add("badcrc.docx", None, (1,))
    # Entities: billion laughs, external file and network entities.
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
        + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8))
        + f"]><w:document {W_NS}><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
    )
    _rezip(base, folder / "laughs.docx", {"word/document.xml": laughs.encode()})
    add("laughs.docx", None, (1,))
    secret = corpus.folder / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-7731", encoding="utf-8")
    external = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
        f"<w:document {W_NS}><w:body><w:p><w:r><w:t>标题&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    _rezip(base, folder / "external.docx", {"word/document.xml": external.encode()})
    add("external.docx", None, (0, 1), ("import", "check"), forbidden="SECRET-OUTSIDE-7731")
    network = (
        f'<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "http://192.0.2.1/x.dtd">'
        f"<w:document {W_NS}><w:body>{_para('网络实体')}</w:body></w:document>"
    )
    _rezip(base, folder / "network.docx", {"word/document.xml": network.encode()})
    add("network.docx", None, (0, 1))
    # Structure: no body, broken styles.
    _rezip(
        base,
        folder / "nobodytag.docx",
        {"word/document.xml": f"<w:document {W_NS}><w:p/></w:document>".encode()},
    )
    add("nobodytag.docx", "w:body")
    style_cases = {
        "style-sz.docx": (
            '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/>'
            '<w:rPr><w:sz w:val="abc"/></w:rPr></w:style>',
            "无效的数值",
        ),
        "style-outline.docx": (
            '<w:style w:type="paragraph" w:styleId="H"><w:name w:val="H"/>'
            '<w:pPr><w:outlineLvl w:val="one"/></w:pPr></w:style>',
            "无效的数值",
        ),
        "style-cycle.docx": (
            '<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>',
            "循环继承",
        ),
        "style-chain.docx": (
            "".join(
                f'<w:style w:type="paragraph" w:styleId="S{i}"><w:basedOn w:val="S{i + 1}"/></w:style>'
                for i in range(5_000)
            ),
            "超过 30 层",
        ),
        "style-many.docx": (
            "".join(f'<w:style w:type="paragraph" w:styleId="M{i}"/>' for i in range(6_000)),
            "样式超过",
        ),
    }
    for name, (styles, message) in style_cases.items():
        body = _para(
            "聚焦主责主业 建言资政更加有力", "S0" if "chain" in name else ("A" if "cycle" in name else "H")
        )
        _rezip(
            base,
            folder / name,
            {"word/styles.xml": _styles(styles), "word/document.xml": _document(body + _para("正文。"))},
        )
        add(name, message)
    # Images: a valid header over a broken body, truncated, a pixel bomb; the import goes on without them.
    for name, image in (
        ("image-body.docx", _png(broken_body=True)),
        ("image-cut.docx", _png()[:40]),
        ("image-huge.docx", _png()[:16] + struct.pack(">II", 100_000, 100_000) + _png()[24:]),
    ):
        with zipfile.ZipFile(base) as archive:
            media = [n for n in archive.namelist() if n.startswith("word/media/")]
        _rezip(base, folder / name, {media[0]: image})
        add(name, "无法读取的图片", (0,), ("import",))


def _patch_declared_size(path: Path, member: str, size: int) -> None:
    """Rewrite the uncompressed size a zip declares for `member` (local header and central directory)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_offset : start + name_offset + len(name)] == name:
                data[start + size_offset : start + size_offset + 4] = struct.pack("<I", size)
            start += 4
    path.write_bytes(bytes(data))


# ---- plain text ---------------------------------------------------------------------------------------


def _text_cases(corpus: Corpus, long: bool) -> None:
    folder = corpus.folder / "text"
    folder.mkdir()
    body = (
        "一年来，区政协开展协商活动12场次，提交提案230件。\n\n"
        "聚焦主责主业 建言资政更加有力\n\n全年组织视察调研45次。\n"
    )
    texts: dict[str, tuple[bytes, str | None, tuple[int, ...]]] = {
        "vt.txt": (
            ("示例区政协2024年工作回眸\n\n" + body.replace("，", "\v，") + "第一行\f第二行。\n").encode(),
            "换行",
            (0,),
        ),
        "nul.txt": (
            (
                "示例区政协2024年工作回眸\n\n"
                + body.replace("提案", "提\x00案\x01\x1b")
                + "\ufffe\uffff结束。"
            ).encode(),
            "控制字符已删除",
            (0,),
        ),
        "bidi.txt": (
            ("示例区政协\u202e2024年工作回眸\n\n" + body + "\u200b\ufeff零宽。").encode(),
            None,
            (0,),
        ),
        "digits.txt": (
            (
                "示例区政协2024年工作回眸\n\n共开展活动" + "9" * 5_000 + "场次，" + "8" * 400 + ".5人。\n"
            ).encode(),
            "示例区政协",
            (0,),
        ),
        "title.txt": (("政" * 3_000_000 + "\n\n" + body).encode(), "太长", (1,)),
        "title-long.txt": (("标题" * 150 + "\n\n" + body).encode(), None, (0,)),
        "utf16.txt": (("示例区政协2024年工作回眸\n\n" + body).encode("utf-16"), "不是 UTF-8", (1,)),
        "binary.txt": (bytes(range(256)) * 50, "不是 UTF-8", (1,)),
        "surrogate.txt": (b"\xed\xa0\x80" + body.encode(), "不是 UTF-8", (1,)),
        "empty.txt": (b"", "空文件", (1,)),
        "spaces.txt": (b" \n\n\t\n\xe3\x80\x80\n", "没有可导入的文字", (1,)),
        "bom.txt": (b"\xef\xbb\xbf" + ("示例区政协2024年工作回眸\n\n" + body).encode(), "示例区政协", (0,)),
        "crlf.md": (
            ("# 示例区政协2024年工作回眸\r\n\r\n## 聚焦主责主业\r\n\r\n" + body).encode(),
            None,
            (0,),
        ),
        "big.txt": (("政协委员积极履职。\n\n" * 1_200_000).encode()[: 21 * 1024 * 1024], "太大", (1,)),
        "one-paragraph.txt": (("委员" * 1_100_000).encode(), "太长", (1,)),
        "markdown-odd.md": (
            ("#" * 5000 + " 标题\n\n" + "**" * 20_000 + "\n\n![x](" + "(" * 5000 + "\n").encode(),
            None,
            (0, 1),
        ),
    }
    if long:
        texts["many-lines.txt"] = (("第一段，委员履职。\n\n" * 150_000).encode(), None, (0, 1))
    for name, (data, expect, codes) in texts.items():
        (folder / name).write_bytes(data)
        json_expect = expect if codes != (0,) or expect in ("示例区政协",) else None
        corpus.add(
            Case(
                f"text/{name}/import",
                ["import", str(folder / name), "--json"],
                json_expect,
                codes,
                kind="text",
            )
        )
        o_expect = expect if codes != (0,) or expect in ("换行", "控制字符已删除") else None
        corpus.add(
            Case(
                f"text/{name}/import-o",
                ["import", str(folder / name), "-o", f"{name}.rwp"],
                o_expect,
                codes,
                kind="text",
            )
        )
        check_codes = codes if codes != (0,) else (0,)
        check_expect = (
            expect if codes == (1,) and expect not in ("太长", "空文件", "没有可导入的文字") else None
        )
        if name in ("title.txt", "one-paragraph.txt"):
            check_expect, check_codes = "超过一次校对", (1,)
        if name in ("empty.txt", "spaces.txt"):
            check_expect, check_codes = None, (0, 1)
        corpus.add(
            Case(f"text/{name}/check", ["check", str(folder / name)], check_expect, check_codes, kind="text")
        )
    (folder / "check-huge.txt").write_bytes(("政" * 250_000).encode())
    corpus.add(
        Case(
            "text/check-huge.txt/check",
            ["check", str(folder / "check-huge.txt")],
            "超过一次校对",
            (1,),
            kind="text",
        )
    )
    (folder / "check-odd.txt").write_bytes(("政" * 12_000 + "\n\n" + "的的" * 8_000).encode())
    corpus.add(
        Case("text/check-odd.txt/check", ["check", str(folder / "check-odd.txt")], None, (0,), kind="text")
    )


# ---- project files (.rwp) -----------------------------------------------------------------------------


def _edit_body(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(path)
    for revision_id, body in conn.execute("SELECT id, body FROM revision").fetchall():
        data = json.loads(body)
        new = edit(data)
        conn.execute(
            "UPDATE revision SET body = ? WHERE id = ?",
            (new if isinstance(new, str) else json.dumps(data, ensure_ascii=False), revision_id),
        )
    conn.commit()
    conn.close()


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


FILE_LEVEL = ("缺少数据表", "数据类型不对", "不是 report-writer 项目文件", "更新版本")


def _rwp_cases(corpus: Corpus, rng: random.Random, long: bool) -> None:
    from report_writer.core.project import Project
    from report_writer.core.sanitize import MAX_BLOCKS, MAX_SECTIONS
    from report_writer.core.templating import sample_report

    folder = corpus.folder / "rwp"
    folder.mkdir()
    good = folder / "good.rwp"
    Project.create(good, sample_report()).close()
    good_bytes = good.read_bytes()

    def variant(name: str) -> Path:
        path = folder / name
        path.write_bytes(good_bytes)
        return path

    def add(
        name: str,
        expect: str | None,
        codes: tuple[int, ...] = (1,),
        commands: tuple[str, ...] = ("export", "check", "history", "compare", "rollover"),
        sub: str = "rwp",
    ) -> None:
        path = corpus.folder / sub / name
        for command in commands:
            argv = {
                "export": ["export", str(path), "-o", "out.docx", "--draft"],
                "check": ["check", str(path)],
                "history": ["history", str(path)],
                "compare": ["compare", str(path), "-o", "out.csv"],
                "rollover": ["rollover", str(path), "--year", "2026", "-o", "next.rwp"],
            }[command]
            this_expect, this_codes = expect, codes
            if command == "history" and not any(word in (expect or "") for word in FILE_LEVEL):
                this_expect, this_codes = None, (codes if codes == (0,) else (0, 1))  # history reads no body
            corpus.add(
                Case(
                    f"{sub}/{name}/{command}",
                    argv,
                    this_expect,
                    this_codes,
                    kind="rwp",
                    modifies=sub != "rwp",
                )
            )

    add("good.rwp", None, (0,))
    edits = {
        "title-number.rwp": (lambda d: d.update(title=123), "title：应为 str"),
        "sections-text.rwp": (lambda d: d.update(sections="abc"), "sections：应为 list"),
        "parts-number.rwp": (lambda d: d["sections"][1]["blocks"][0].update(parts=5), "parts：应为 list"),
        "part-number.rwp": (lambda d: d["sections"][1]["blocks"][0].update(parts=[5]), "应为 dict"),
        "value-list.rwp": (lambda d: d["fields"][0].update(value=[1, 2]), "应为 int/float/str"),
        "year-text.rwp": (lambda d: d.update(year="2024"), "year：应为 int"),
        "year-huge.rwp": (lambda d: d.update(year=10**30), "年度不合理"),
        "value-huge.rwp": (lambda d: d["fields"][0].update(value=10**20), "数字过大"),
        "kind-unknown.rwp": (lambda d: d["sections"][0].update(kind="黑客"), "不是允许的取值"),
        "version-new.rwp": (lambda d: d.update(format_version=99), "请升级"),
        "ref-unknown.rwp": (
            lambda d: d["sections"][1]["blocks"][0].update(parts=[{"field": "nope"}]),
            "不存在的字段",
        ),
        "no-title.rwp": (lambda d: d.pop("title") and None, "缺少“title”"),
        "title-huge.rwp": (lambda d: d.update(title="政" * 1_000_000), "标题过长"),
        "sections-many.rwp": (
            lambda d: d.update(sections=[{"kind": "其他", "heading": "", "blocks": []}] * 100_000),
            f"超过上限 {MAX_SECTIONS} 节",
        ),
        "blocks-many.rwp": (
            lambda d: d["sections"][1].update(
                blocks=[{"type": "paragraph", "parts": ["委员履职。"]}] * (MAX_BLOCKS + 1)
            ),
            f"超过上限 {MAX_BLOCKS} 个",
        ),
        "block-type.rwp": (lambda d: d["sections"][0]["blocks"].append({"type": "script"}), "未知的块类型"),
        "body-list.rwp": (lambda d: "[1, 2, 3]", "应为 dict"),
        "body-garbage.rwp": (lambda d: "{not json", "不是有效的 JSON"),
        "nan.rwp": (
            lambda d: (
                json.dumps(d)
                .replace('"value": 12', '"value": NaN', 1)
                .replace('"value": 2024', '"value": NaN', 1)
                if '"value": ' in json.dumps(d)
                else json.dumps(d)
            ),
            None,
        ),
        "infinity.rwp": (
            lambda d: re.sub(r'"value": \d+', '"value": Infinity', json.dumps(d), count=1),
            "不是数字的数值",
        ),
        "exponent.rwp": (
            lambda d: re.sub(r'"value": \d+', '"value": 1e999', json.dumps(d), count=1),
            "不是有效的数字",
        ),
        "digits.rwp": (
            lambda d: re.sub(r'"value": \d+', '"value": ' + "9" * 5000, json.dumps(d), count=1),
            "不是有效的 JSON",
        ),
        "nesting.rwp": (lambda d: '{"a": ' + "[" * 200_000 + "]" * 200_000 + "}", None),
        "surrogate.rwp": (
            lambda d: json.dumps(d).replace('"heading": "', '"heading": "\\ud800\\u0000\\u000b', 1),
            None,
        ),
        "control.rwp": (lambda d: d.update(title=d["title"] + "\u0001\ufffe\u000b"), None),
    }
    for name, (edit, expect) in edits.items():
        _edit_body(variant(name), edit)
        codes: tuple[int, ...] = (1,) if expect else (0, 1)
        if name in ("surrogate.rwp", "control.rwp"):
            codes = (0,)
        add(name, expect, codes)
    _sql(variant("blob-body.rwp"), "UPDATE revision SET body = X'00FF00FF'")
    add("blob-body.rwp", "内容应为文字")
    loose = (
        "ALTER TABLE revision RENAME TO r_old",
        "CREATE TABLE revision (id INTEGER PRIMARY KEY AUTOINCREMENT, saved_at, kind, label, body)",
        "INSERT INTO revision SELECT * FROM r_old",
        "DROP TABLE r_old",
    )
    _sql(variant("null-body.rwp"), *loose, "UPDATE revision SET body = NULL")
    add("null-body.rwp", "内容应为文字")
    _sql(variant("saved-text.rwp"), *loose, "UPDATE revision SET saved_at = 'yesterday'")
    add("saved-text.rwp", "数据类型不对")
    _sql(variant("label-null.rwp"), *loose, "UPDATE revision SET label = NULL, kind = 5")
    add("label-null.rwp", "数据类型不对")
    for table in ("media", "revision", "meta"):
        _sql(variant(f"no-{table}.rwp"), f"DROP TABLE {table}")
        add(f"no-{table}.rwp", "缺少数据表")
    _sql(variant("no-revisions.rwp"), "DELETE FROM revision")
    add("no-revisions.rwp", "没有任何版本")
    _sql(variant("media-broken.rwp"), "UPDATE media SET data = substr(data, 1, 40)")
    add("media-broken.rwp", "已损坏")
    _sql(variant("media-text.rwp"), "UPDATE media SET data = 'abc'")
    add("media-text.rwp", "已损坏")
    _sql(variant("media-missing.rwp"), "DELETE FROM media")
    add("media-missing.rwp", "在文件中缺失")
    _sql(variant("app-id.rwp"), "PRAGMA application_id = 7")
    add("app-id.rwp", "不是 report-writer 项目文件")
    _sql(variant("newer.rwp"), "PRAGMA user_version = 99")
    add("newer.rwp", "更新版本")
    page_size = struct.unpack(">H", good_bytes[16:18])[0]
    for page in (1, 2, 3):
        data = bytearray(good_bytes)
        data[page * page_size : (page + 1) * page_size] = bytes(page_size)
        (folder / f"zero-page{page}.rwp").write_bytes(bytes(data))
        add(f"zero-page{page}.rwp", None, (0, 1))
    (folder / "zero-header.rwp").write_bytes(bytes(100) + good_bytes[100:])
    add("zero-header.rwp", "不是 report-writer 项目文件")
    for index in range(30 if long else 12):
        data = bytearray(good_bytes)
        for _ in range(rng.choice((1, 8, 64))):
            data[rng.randrange(100, len(data))] = rng.randrange(256)
        (folder / f"flip{index}.rwp").write_bytes(bytes(data))
        add(f"flip{index}.rwp", None, (0, 1), ("export", "check") if index % 2 else ("history",))
    for index, cut in enumerate((50, 4096, len(good_bytes) // 2, len(good_bytes) - 1)):
        (folder / f"cut{index}.rwp").write_bytes(good_bytes[:cut])
        add(f"cut{index}.rwp", None, (1,), ("export", "history"))
    (folder / "text.rwp").write_text("不是项目文件", encoding="utf-8")
    add("text.rwp", "不是 report-writer 项目文件", (1,), ("export",))
    # A save cut short: a hot journal beside the file. It opens with the last committed save.
    hot_folder = corpus.folder / "rwp-hot"
    hot_folder.mkdir()
    shutil.copyfile(good, hot_folder / "hot.rwp")
    conn = sqlite3.connect(hot_folder / "hot.rwp", isolation_level=None)
    conn.execute("PRAGMA cache_size=1")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE revision SET body = 'garbage'")
    conn.execute("DELETE FROM media")
    snapshot = (hot_folder / "hot.rwp").read_bytes(), (hot_folder / "hot.rwp-journal").read_bytes()
    conn.execute("ROLLBACK")
    conn.close()
    for index, command in enumerate(("export", "check", "history", "compare", "rollover")):
        name = f"hot{index}.rwp"
        (hot_folder / name).write_bytes(snapshot[0])
        (hot_folder / f"{name}-journal").write_bytes(snapshot[1])
        add(name, None, (0,), (command,), sub="rwp-hot")


# ---- template packs, proofreading.toml, --values ------------------------------------------------------

EVIL_JINJA = {
    "mul": ("{{ 'x' * 10**9 }}", "重复生成的文字超过"),
    "pow": ("{{ 9**9**9 }}", "乘方的结果超过"),
    "range": (
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        "循环次数超过",
    ),
    "range-big": ("{{ range(10**9)|list }}", "range 的长度超过"),
    "loop-string": (
        "{% set s = 'x' * 90000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        "循环次数超过",
    ),
    "center": ("{{ 'x'|center(10**8) }}", "宽度或次数参数超过"),
    "method": ("{{ 'x'.ljust(10**8) }}", "宽度或次数参数超过"),
    "format": ("{{ '%100000000s'|format('x') }}", "格式宽度超过"),
    "percent": ("{{ '%100000000s' % 'x' }}", "格式宽度超过"),
    "str-format": ("{{ '{:100000000}'.format('x') }}", "格式宽度超过"),
    "replace": ("{{ ('x' * 10000)|replace('x', 'y' * 10000) }}", "替换后的文字超过"),
    "join": ("{{ ('x' * 100000).join(range(100000)) }}", "拼接的文字超过"),
    "output": ("{% for i in range(99999) %}{{ 'x' * 99 }}{% endfor %}", "生成的文字超过"),
    "recursion": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "递归过深"),
    "lipsum": ("{{ lipsum(10**6) }}", "lipsum"),
    "class": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "不安全"),
    "globals": ("{{ self._TemplateReference__context }}", "不安全"),
    "cycler": ("{{ cycler.__init__.__globals__ }}", "不安全"),
    "syntax": ("{% for %}", "语法错误"),
    "undefined": ("{{ nothing_here }}", "缺少字段"),
    "control": ("示例\x0b正文\x00。", None),
}


def _pack(
    home: Path, pack_id: str, body: str = "正文。", manifest_extra: str = "", manifest: str | None = None
) -> Path:
    pack = home / "templates" / pack_id
    pack.mkdir(parents=True)
    text = (
        manifest
        if manifest is not None
        else (
            f'id = "{pack_id}"\nname = "测试"\n'
            f'title = "{{{{ short }}}}{{{{ year }}}}年工作回眸"\n{manifest_extra}'
            '\n[[sections]]\nkind = "导语"\nheading = ""\nfile = "a.md"\n'
        )
    )
    (pack / "template.toml").write_text(text, encoding="utf-8")
    (pack / "a.md").write_text(body, encoding="utf-8")
    return pack


def _template_cases(corpus: Corpus) -> None:
    homes = corpus.folder / "homes"
    secret = corpus.folder / "secret.txt"
    new = [
        "new",
        "--org",
        "重庆市示例区政协",
        "--short",
        "示例区政协",
        "--year",
        "2025",
        "-o",
        "new.rwp",
        "--template",
    ]

    def home(name: str) -> Path:
        path = homes / name
        path.mkdir(parents=True)
        return path

    for name, (body, expect) in EVIL_JINJA.items():
        h = home(f"jinja-{name}")
        _pack(h, "evil", body)
        corpus.add(
            Case(
                f"template/jinja-{name}/new",
                [*new, "evil"],
                expect,
                (0,) if expect is None else (1,),
                home=str(h),
                kind="template",
            )
        )
    broken = {
        "fields-text": ('fields = "abc"', "“fields”的类型不对"),
        "sections-number": (None, "“sections”的类型不对"),
        "field-number": ("fields = [1, 2]", "第 1 项应为表"),
        "digits": ("sample = { year = " + "9" * 5000 + " }", "无法读取的数值"),
        "syntax": ("title = = ", "格式错误"),
    }
    for name, (extra, expect) in broken.items():
        h = home(f"broken-{name}")
        if name == "sections-number":
            _pack(h, "evil", manifest='id = "evil"\nname = "x"\ntitle = "t"\nsections = 5\n')
        elif name == "syntax":
            _pack(h, "evil", manifest='id = "evil"\ntitle = = \n')
        else:
            _pack(h, "evil", manifest_extra=extra or "")
        corpus.add(Case(f"template/broken-{name}/new", [*new, "evil"], expect, home=str(h), kind="template"))
        corpus.add(
            Case(
                f"template/broken-{name}/templates",
                ["templates"],
                "无法使用",
                (0,),
                home=str(h),
                kind="template",
            )
        )
        corpus.add(
            Case(
                f"template/broken-{name}/new-good", [*new, "huimou"], None, (0,), home=str(h), kind="template"
            )
        )
        corpus.add(
            Case(
                f"template/broken-{name}/demo",
                ["demo", "-o", "demo.docx"],
                None,
                (0,),
                home=str(h),
                kind="template",
            )
        )
    # Symlinks out of the pack: the section file, an include, a linked folder, the manifest, a photo.
    h = home("link-section")
    pack = _pack(h, "evil")
    (pack / "a.md").unlink()
    (pack / "a.md").symlink_to(secret)
    corpus.add(
        Case(
            "template/link-section/new",
            [*new, "evil"],
            "链接到模板包以外",
            home=str(h),
            forbidden="SECRET-OUTSIDE",
            kind="template",
        )
    )
    h = home("link-include")
    pack = _pack(h, "evil", "{% include 'link' %}")
    (pack / "link").symlink_to(secret)
    corpus.add(
        Case(
            "template/link-include/new",
            [*new, "evil"],
            "链接到模板包以外",
            home=str(h),
            forbidden="SECRET-OUTSIDE",
            kind="template",
        )
    )
    h = home("link-folder")
    pack = _pack(h, "evil", "{% include 'outside/secret.txt' %}")
    (pack / "outside").symlink_to(corpus.folder)
    corpus.add(
        Case(
            "template/link-folder/new",
            [*new, "evil"],
            "链接到模板包以外",
            home=str(h),
            forbidden="SECRET-OUTSIDE",
            kind="template",
        )
    )
    h = home("link-passwd")
    pack = _pack(h, "evil", "{% include 'passwd' %}")
    (pack / "passwd").symlink_to("/etc/passwd")
    corpus.add(
        Case(
            "template/link-passwd/new",
            [*new, "evil"],
            "链接到模板包以外",
            home=str(h),
            forbidden="root:x:0",
            kind="template",
        )
    )
    h = home("link-manifest")
    pack = _pack(h, "evil")
    outside_manifest = corpus.folder / "outside-template.toml"
    outside_manifest.write_text((pack / "template.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (pack / "template.toml").unlink()
    (pack / "template.toml").symlink_to(outside_manifest)
    corpus.add(
        Case("template/link-manifest/new", [*new, "evil"], "链接到模板包以外", home=str(h), kind="template")
    )
    h = home("photo-outside")
    _pack(h, "evil", "![图](../../../secret.txt)")
    corpus.add(
        Case("template/photo-outside/new", [*new, "evil"], "超出了模板文件夹", home=str(h), kind="template")
    )
    h = home("dotdot")
    _pack(
        h,
        "evil",
        manifest=(
            'id = "evil"\nname = "x"\ntitle = "t"\n[[sections]]\nkind = "导语"\nfile = "../../secret.txt"\n'
        ),
    )
    corpus.add(Case("template/dotdot/new", [*new, "evil"], "不能包含路径", home=str(h), kind="template"))
    h = home("big-file")
    _pack(h, "evil", "政" * 400_000)
    corpus.add(Case("template/big-file/new", [*new, "evil"], "模板文件过大", home=str(h), kind="template"))
    h = home("not-utf8")
    pack = _pack(h, "evil")
    (pack / "a.md").write_bytes("正文".encode("gbk"))
    corpus.add(Case("template/not-utf8/new", [*new, "evil"], "不是 UTF-8", home=str(h), kind="template"))
    h = home("title-huge")
    _pack(
        h,
        "evil",
        manifest='id = "evil"\nname = "x"\ntitle = "{% for i in range(900) %}标题{% endfor %}"\n'
        '[[sections]]\nkind = "导语"\nfile = "a.md"\n',
    )
    corpus.add(Case("template/title-huge/new", [*new, "evil"], "标题过长", home=str(h), kind="template"))


def _settings_cases(corpus: Corpus) -> None:
    homes = corpus.folder / "homes"
    sample = corpus.folder / "text" / "bom.txt"
    settings = {
        "syntax": (b'disabled = ["typo"\nwhitelist = 1 2', "格式有误"),
        "binary": (bytes(range(256)) * 20, "不是 UTF-8"),
        "utf16": ('disabled = ["typo"]\n'.encode("utf-16"), "不是 UTF-8"),
        "disabled-number": (b"disabled = 5\n", "disabled 应写成"),
        "whitelist-string": ('whitelist = "政协"\n'.encode(), "whitelist 应写成"),
        "whitelist-mixed": ('whitelist = ["政协", 5]\n'.encode(), "whitelist 应写成"),
        "rule-string": (b'rule = "x"\n', "rule 应写成"),
        "catastrophic": (b'[[rule]]\npattern = "(.*)*X"\nreplace = "y"\n', "重复之中又有重复"),
        "alternation": ('[[rule]]\npattern = "(政|政协)*X"\n'.encode(), "重复的“或”分支"),
        "backref": ('[[rule]]\npattern = "(政)\\\\1"\n'.encode(), "反向引用"),
        "bad-regex": (b'[[rule]]\npattern = "("\n', "不是有效的正则表达式"),
        "empty-match": (b'[[rule]]\npattern = "x*"\n', "能匹配空文字"),
        "severity-number": ('[[rule]]\ntext = "政协代表"\nseverity = 5\n'.encode(), "应为文字"),
        "no-pattern": (b"[[rule]]\nnote = 'x'\n", "缺少 pattern 或 text"),
        "huge": (b"# " + b"x" * (2 * 1024 * 1024), "过大"),
        "digits": (("x = " + "9" * 5000).encode(), "无法读取的数值"),
        "good": (
            (
                'disabled = ["typo"]\nwhitelist = ["政协"]\n'
                '[[rule]]\npattern = "示范区政协"\nreplace = "示例区政协"\n'
            ).encode(),
            None,
        ),
    }
    for name, (data, expect) in settings.items():
        h = homes / f"settings-{name}"
        h.mkdir(parents=True)
        (h / "proofreading.toml").write_bytes(data)
        corpus.add(
            Case(f"settings/{name}/check", ["check", str(sample)], expect, (0,), home=str(h), kind="settings")
        )
    values_dir = corpus.folder / "values"
    values_dir.mkdir()
    new = [
        "new",
        "--template",
        "huimou",
        "--org",
        "重庆市示例区政协",
        "--short",
        "示例区政协",
        "--year",
        "2025",
        "-o",
        "v.rwp",
    ]
    values = {
        "digits": (("[values]\nproposals = " + "9" * 5000).encode(), "位数过多"),
        "nan": (b"[values]\nproposals = nan\n", "不是有效的数字"),
        "inf": (b"[values]\nproposals = inf\n", "不是有效的数字"),
        "huge": (b"[values]\nproposals = 100000000000000000\n", "数字过大"),
        "table": (b"[values.proposals]\nx = 1\n", "应为数字或文字"),
        "list": (b"[values]\nproposals = [1, 2]\n", "应为数字或文字"),
        "binary": (bytes(range(256)), "格式错误"),
        "unknown": (b"[values]\nnot_a_field = 1\n", "没有的字段"),
        "values-string": (b'values = "x"\n', "应为表"),
        "big-file": (b"# " + b"x" * (2 * 1024 * 1024), "过大"),
        "long-text": (('[values]\nproposals = "' + "政" * 5000 + '"\n').encode(), "过长"),
    }
    for name, (data, expect) in values.items():
        (values_dir / f"{name}.toml").write_bytes(data)
        corpus.add(
            Case(
                f"values/{name}/new",
                [*new, "--values", str(values_dir / f"{name}.toml")],
                expect,
                kind="values",
            )
        )
    corpus.add(
        Case(
            "args/org-long/new",
            [
                "new",
                "--template",
                "huimou",
                "--org",
                "政" * 100_000,
                "--short",
                "示例区政协",
                "--year",
                "2025",
                "-o",
                "o.rwp",
            ],
            "单位全称过长",
            kind="args",
        )
    )
    corpus.add(
        Case(
            "args/org-control/new",
            [
                "new",
                "--template",
                "huimou",
                "--org",
                "重庆市\x0b示例区\x1b政协",
                "--short",
                "示例区政协",
                "--year",
                "2025",
                "-o",
                "o.rwp",
            ],
            None,
            (0,),
            kind="args",
        )
    )
    corpus.add(
        Case(
            "args/year/new",
            [
                "new",
                "--template",
                "huimou",
                "--org",
                "重庆市示例区政协",
                "--short",
                "示例区政协",
                "--year",
                "99999",
                "-o",
                "o.rwp",
            ],
            "年度不合理",
            kind="args",
        )
    )
    corpus.add(
        Case(
            "args/output-dir/export",
            ["export", str(corpus.folder / "rwp" / "good.rwp"), "-o", "/nonexistent/x.docx", "--draft"],
            "文件夹不存在",
            kind="args",
        )
    )


def _permission_cases(corpus: Corpus, perm_folder: Path | None) -> None:
    """Unreadable inputs and unwritable outputs. As root, files are readable whatever their mode, so
    the runner drops to the nobody user for these cases (perm_folder is world-traversable)."""
    if perm_folder is None:
        return
    from report_writer.core.project import Project
    from report_writer.core.templating import sample_report

    base = perm_folder / "base"
    base.mkdir()
    _base_docx(base / "locked.docx")
    (base / "locked.txt").write_text("示例区政协2024年工作回眸\n\n正文。", encoding="utf-8")
    Project.create(base / "locked.rwp", sample_report()).close()
    (base / "readable.txt").write_text("示例区政协2024年工作回眸\n\n正文。", encoding="utf-8")
    for name in ("locked.docx", "locked.txt", "locked.rwp"):
        os.chmod(base / name, 0)
    home = perm_folder / "home"
    home.mkdir()
    os.chmod(home, 0o777)
    locked_home = perm_folder / "locked-home"
    locked_home.mkdir()
    (locked_home / "proofreading.toml").write_text('disabled = ["typo"]\n', encoding="utf-8")
    os.chmod(locked_home / "proofreading.toml", 0)
    os.chmod(locked_home, 0o777)
    readonly = perm_folder / "readonly"
    readonly.mkdir()
    os.chmod(readonly, 0o555)
    cases = [
        ("locked.docx/import", ["import", str(base / "locked.docx"), "--json"], "没有读取"),
        ("locked.docx/check", ["check", str(base / "locked.docx")], "没有读取"),
        ("locked.txt/import", ["import", str(base / "locked.txt"), "--json"], "没有读取"),
        ("locked.rwp/export", ["export", str(base / "locked.rwp"), "-o", "x.docx", "--draft"], "没有读取"),
        ("locked.rwp/history", ["history", str(base / "locked.rwp")], "没有读取"),
        (
            "readonly/import",
            ["import", str(base / "readable.txt"), "-o", str(readonly / "x.rwp")],
            "没有权限在",
        ),
        ("settings-locked/check", ["check", str(base / "readable.txt")], "没有读取校对设置文件"),
    ]
    for name, argv, expect in cases:
        codes = (0,) if name.startswith("settings") else (1,)
        corpus.add(
            Case(
                f"perm/{name}",
                argv,
                expect,
                codes,
                home=str(locked_home if codes == (0,) else home),
                as_nobody=True,
                kind="permissions",
            )
        )


def build(folder: Path, long: bool = False, perm_folder: Path | None = None) -> Corpus:
    corpus = Corpus(folder)
    rng = random.Random(15)
    folder.mkdir(parents=True, exist_ok=True)
    _rwp_cases(corpus, rng, long)  # first: the Word cases use good.rwp as an export source
    _word_cases(corpus, rng, long)
    _text_cases(corpus, long)
    _template_cases(corpus)
    _settings_cases(corpus)
    _permission_cases(corpus, perm_folder)
    if not long:
        corpus.cases = [c for c in corpus.cases if not c.long and _in_quick_run(c)]
    return corpus


def _in_quick_run(case: Case) -> bool:
    """The default test suite's share: every guard at least once, fewer repeats of the same path
    (the five commands that load a .rwp the same way, the random mutations, the output variants)."""
    parts = case.name.split("/")
    if parts[0] == "rwp" and parts[-1] != "export":
        return parts[1] == "good.rwp" or (parts[-1] == "history" and case.expect is not None)
    if re.match(r"flip\d+", parts[1]):
        return int(re.findall(r"\d+", parts[1])[0]) < (8 if parts[0] == "docx" else 4)
    if parts[0] == "text" and parts[-1] == "import-o":
        return case.expect is not None
    if parts[0] == "template" and parts[-1] in ("new-good", "demo"):
        return "fields-text" in parts[1]
    return True


# ---- the runner -----------------------------------------------------------------------------------------

ENGLISH_RUN = re.compile(r"[A-Za-z]{3,}[ :,]+[A-Za-z]{3,}[ :,]+[A-Za-z]{3,}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _hashes(folder: Path, skip: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        relative = str(path.relative_to(folder))
        if path.is_symlink() or not path.is_file() or relative.startswith(skip):
            continue
        try:
            out[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        except PermissionError:
            continue
    return out


def _warm_up() -> None:
    # Everything a command may import, loaded before a permissions case drops to the nobody user
    # (who may not read the interpreter's own library when it lives under /root).
    import argparse  # noqa: F401
    import csv  # noqa: F401
    import encodings.utf_16  # noqa: F401
    import multiprocessing  # noqa: F401
    import tomllib  # noqa: F401
    import traceback  # noqa: F401

    import docx  # noqa: F401

    from report_writer import cli  # noqa: F401
    from report_writer.core import docx_import, importer, project, templating  # noqa: F401
    from report_writer.export import docx_writer  # noqa: F401
    from report_writer.language import proofread

    proofread.warm_up()


def _run_child(case: Case, out: Path, default_home: Path) -> None:
    os.chdir(out)
    os.environ["REPORT_WRITER_HOME"] = case.home or str(default_home)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        handle = os.open(out / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        os.dup2(handle, fd)
        os.close(handle)
    if case.as_nobody and os.geteuid() == 0:
        os.setgid(65534)
        os.setuid(65534)
    from report_writer import cli

    try:
        code = cli.main(case.argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - anything escaping main is a bug the test reports
        import traceback

        traceback.print_exc()
        code = 99
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run(corpus: Corpus) -> dict[str, object]:
    _warm_up()
    skip = ("out/", "rwp-hot/")
    before = _hashes(corpus.folder, skip)
    default_home = corpus.folder / "default-home"
    default_home.mkdir(exist_ok=True)
    failures: list[str] = []
    timings: list[tuple[float, str]] = []
    peak_mb = 0.0
    for index, case in enumerate(corpus.cases):
        out = corpus.folder / "out" / str(index)
        out.mkdir(parents=True)
        if case.as_nobody:
            os.chmod(out, 0o777)
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _run_child(case, out, default_home)
        status, usage = 0, None
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() - started > TIME_LIMIT:
                os.kill(pid, signal.SIGKILL)
                _, status, usage = os.wait4(pid, 0)
                failures.append(f"{case.name}: hang (over {TIME_LIMIT:.0f} s)")
                break
            time.sleep(0.01)
        elapsed = time.monotonic() - started
        timings.append((elapsed, case.name))
        memory_mb = usage.ru_maxrss / 1024 if usage else 0.0
        peak_mb = max(peak_mb, memory_mb)
        if memory_mb > MEMORY_LIMIT_MB:
            failures.append(f"{case.name}: peak memory {memory_mb:.0f} MB")
        code = os.waitstatus_to_exitcode(status)
        stdout = (out / "stdout").read_text(encoding="utf-8", errors="replace")
        stderr = (out / "stderr").read_text(encoding="utf-8", errors="replace")
        problem = _judge(case, code, stdout, stderr, out)
        if problem:
            failures.append(f"{case.name}: {problem}")
    after = _hashes(corpus.folder, skip)
    changed = sorted(name for name in before if after.get(name) != before[name])
    failures.extend(f"input changed: {name}" for name in changed)
    timings.sort(reverse=True)
    return {
        "cases": len(corpus.cases),
        "failures": failures,
        "peak_memory_mb": round(peak_mb),
        "slowest": [f"{name} {seconds:.1f}s" for seconds, name in timings[:5]],
        "kinds": {
            kind: sum(1 for c in corpus.cases if c.kind == kind)
            for kind in sorted({c.kind for c in corpus.cases})
        },
    }


def _judge(case: Case, code: int, stdout: str, stderr: str, out: Path) -> str | None:
    if code == 70:
        return f"internal error (exit 70): {stderr.strip()[:200]}"
    if code not in case.codes:
        return f"exit {code}, expected {case.codes}: {stderr.strip()[:200]}"
    lines = [line for line in stderr.splitlines() if line.strip()]
    if code != 0 and len(lines) != 1:
        return f"{len(lines)} lines on stderr: {stderr[:300]!r}"
    for line in lines:
        if not line.startswith("report-writer: ") or not CJK.search(line):
            return f"not a report-writer message in Chinese: {line[:200]!r}"
        if ENGLISH_RUN.search(line.replace(str(case.argv[-1]), "")) or "Traceback" in line:
            return f"library text in the message: {line[:200]!r}"
        if len(line) > 400:
            return f"message of {len(line)} characters"
    if case.expect is not None and case.expect not in stderr + stdout:
        return f"expected “{case.expect}”, got: {(stderr or stdout).strip()[:200]!r}"
    if case.forbidden:
        for path in [out / "stdout", out / "stderr", *out.glob("*")]:
            if path.is_file() and case.forbidden.encode() in path.read_bytes():
                return f"leaked “{case.forbidden}” into {path.name}"
    return None


def main(argv: list[str]) -> int:
    import tempfile

    folder = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="hostile-"))
    long = "--long" in argv
    if folder.exists():
        shutil.rmtree(folder)
    perm_folder = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        perm_folder = Path(tempfile.mkdtemp(prefix="hostile-perm-"))
        os.chmod(perm_folder, 0o755)
    try:
        corpus = build(folder, long=long, perm_folder=perm_folder)
        started = time.monotonic()
        summary = run(corpus)
        summary["seconds"] = round(time.monotonic() - started, 1)
    finally:
        if perm_folder is not None:
            for path in perm_folder.rglob("*"):
                if not path.is_symlink():
                    os.chmod(path, 0o755)
            shutil.rmtree(perm_folder, ignore_errors=True)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main([a for a in sys.argv[1:]]))
