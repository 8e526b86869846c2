"""What a line of an old report is, from its words alone: a heading (numbered or not), a caption, a
run-in lead, page chrome, a dateline, a speaker line, an occasion line. Word formatting, where there is
any, is weighed in importer.py; these rules are what plain text has to go on."""

from __future__ import annotations

import re

CN_NUMBER = "一二三四五六七八九十"
# A heading's list marker; kept apart from the heading text (Section.numbering) so export can restore it.
HEADING_MARKER = re.compile(
    rf"^\s*(?:[{CN_NUMBER}]+、|（[{CN_NUMBER}]+）|\([{CN_NUMBER}]+\)|\d{{1,2}}[.．、](?!\d)|（\d{{1,2}}）|\(\d{{1,2}}\)"
    r"|第[一二三四五六七八九十]+(?:部分|章)[、：:\s]?|[■□○●◆◇▲△★☆▶►])\s*"
)
SENTENCE_END = "。！？!?"
CLAUSE_PUNCT = "。！？；，、：!?;,:"
HAN = re.compile(r"[\u4e00-\u9fff]")
CREDIT = re.compile(r"(?:供图|摄影?\s*[）)]?$|图片来源|图/|图：|摄）|摄\)|（摄|\(摄)")
CAPTION_SUBJECT = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,8}?(?:区|县|市|省|州|旗)?政协(?:主席|副主席|秘书长|常委|委员|党组|机关|领导)?[\u4e00-\u9fff]{0,6}?"
    r"|委员们?|政协委员|与会(?:人员|委员)?)"
    r"(?:组织|召开|开展|举行|调研|视察|走访|慰问|参加|出席|考察|察看|督导|牵头|助推|深入|来到|在|赴|与|为|看望|举办|启动)"
)
ORG_SUBJECT = re.compile(
    r"^[\u4e00-\u9fff]{0,8}?(?:区|县|市|省|州|旗)政协(?!工作|事业|协商|履职|力量|智慧)[\u4e00-\u9fff“”《》]{4,}"
)
DATE_ONLY = re.compile(
    r"^[（(]?(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日)?[）)]?$|^(?:19|20)\d{2}[-/.年]\d{1,2}"
)
DATE_START = re.compile(r"^(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日[，,]")
# Lines that belong to the web or print page, not to the report (named in a warning when left out).
CHROME = re.compile(
    r"^(?:(?:下载|打印本页|打印|分享到?|字号|大|中|小|关闭窗口|关闭本页|关闭|收藏|设为首页|加入收藏|返回顶部|返回列表|返回|"
    r"上一篇|下一篇|扫一扫|扫码阅读|阅读原文|相关新闻|相关阅读|点赞|在看|转发|评论|推荐阅读|全屏|加大|还原|减小|放大|缩小|"
    r"微信|微博|QQ空间|默认|【|】|〖|〗|[|｜/:：\s])+|(?:发布日期|发布时间|浏览次数|阅读次数|点击数|访问量)[:：].{0,60}"
    r"|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|[-—－]\s*\d+\s*[-—－]|\d{1,3}|[A-Za-z]?\d{1,2}版?"
    r"|(?:当前位置|您的位置|所在位置)[:：].*|[^|｜>＞]{1,8}(?:\s*[|｜>＞»]\s*[^|｜>＞]{1,8}){2,}"
    r"|[（(](?:责任编辑|编辑|审核|校对|来源|稿源)[:：\s][^）)]{0,20}[）)])$"
)
MEDIA_MARKER = re.compile(
    r"^(?:来源[:：]|本文转自|转自[:：]|时间[:：]|作者[:：]|编辑[:：]|责任编辑|文/|文\s*[|｜]|记者\s|本报记者|本报通讯员|通讯员\s"
    r"|本报讯|新华社|中新社|人民网|新华网|央视网|[\u4e00-\u9fff]{2,6}(?:日报|晚报|报|网|电视台)(?:讯|记者)"
    r"|(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s|$))"
)
BYLINE = re.compile(r"(?:记者|通讯员|文/|供稿|撰稿|作者)")
DATE_LINE = re.compile(r"^[（(]\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*[）)]$")
OCCASION = re.compile(r"^[（(].*(?:会议|大会|常委会|全体会议|在.+上).*[）)]$")
SALUTATION = re.compile(r"^各位(?:委员|代表|同志)")
TITLE_ORG_LINE = re.compile(r"(?:中国人民政治协商会议|政协|委员会)$")
TITLE_TAIL_LINE = re.compile(
    r"^(?:[\u4e00-\u9fff第]{0,20}委员会)?(?:常务委员会)?(?:工作)?报告$|^常务委员会|^[\u4e00-\u9fff]{0,16}委员会常务委员会"
)
LEAD_STOP_CHARS = re.compile(r"[是的要就其哪必则]")
PART_HEAD_END = re.compile(r"(?:回顾|主要工作|工作|特点|成效|任务|建议|部署|安排)$")


def han_count(text: str) -> int:
    return len(HAN.findall(text))


def split_marker(text: str) -> tuple[str, str]:
    """(marker, rest): 「一、坚持…」 → ("一、", "坚持…")."""
    match = HEADING_MARKER.match(text)
    if not match or not match.group(0).strip():
        return "", text.strip()
    return match.group(0).strip(), text[match.end() :].strip()


def is_chrome(text: str) -> bool:
    stripped = text.strip()
    return (
        bool(stripped) and len(stripped) <= 60 and (bool(CHROME.match(stripped)) or is_latin_noise(stripped))
    )


def is_latin_noise(text: str) -> bool:
    """A line of pinyin or a web address amid Chinese (shangnan xian zhengxie, www.…): page furniture."""
    return (
        han_count(text) == 0
        and len(re.findall(r"[A-Za-z]", text)) >= 3
        and not re.search(r"\d{2,}\D+\d", text)
    )


def is_media_marker(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= 50 and bool(MEDIA_MARKER.match(stripped)) and stripped[-1:] not in SENTENCE_END


def is_byline(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) < 40 and bool(BYLINE.search(stripped)) and "。" not in stripped


def is_speaker(text: str) -> bool:
    """A name alone on a line (高侃才, letter-spaced 俞 志 平, 政协某某市委员会主席 张三) under a
    常委会工作报告 title."""
    squeezed = re.sub(r"[\s\u3000]+", "", text)
    if 2 <= len(squeezed) <= 4 and bool(re.fullmatch(r"[\u4e00-\u9fff]+", squeezed)):
        return True
    return bool(
        re.fullmatch(
            r"[\u4e00-\u9fff]{2,24}(?:主席|副主席|秘书长)[\s\u3000]+[\u4e00-\u9fff\s\u3000]{2,6}",
            text.strip(),
        )
    )


SUBTITLE_TAIL = re.compile(r"(?:会议上|上的报告|报告|综述|回眸|纪实|侧记|记略|小记|工作)[）)]?$")


def continues_subtitle(subtitle: str, following: str) -> bool:
    """A “——在…” line broken over two lines (——在中国人民政治协商会议某某市第十一届委员会 / 第四次会议上)."""
    line = following.strip()
    return (
        not SUBTITLE_TAIL.search(subtitle.strip())
        and 0 < len(line) <= 30
        and bool(SUBTITLE_TAIL.search(line))
        and not re.search(r"[，。；！？]", line)
        and not split_marker(line)[0]
    )


def is_subtitle(text: str) -> bool:
    stripped = text.strip()
    if stripped.startswith(("——", "—", "--", "－－")) and han_count(stripped) >= 4:
        return True
    return bool(OCCASION.match(stripped)) and not DATE_LINE.match(stripped) and len(stripped) <= 80


def is_date_line(text: str) -> bool:
    return bool(DATE_LINE.match(text.strip()))


def is_salutation(text: str) -> bool:
    return bool(SALUTATION.match(text.strip()))


def title_like(text: str) -> bool:
    stripped = text.strip()
    return (
        0 < len(stripped) <= 60
        and han_count(stripped) >= 4
        and stripped[-1] not in CLAUSE_PUNCT
        and "。" not in stripped
        and not is_subtitle(stripped)
        and not is_media_marker(stripped)
        and not is_byline(stripped)
        and not is_salutation(stripped)
        and not is_date_line(stripped)
    )


def joins_title(previous: str, following: str) -> bool:
    """A 常委会工作报告 title printed over lines (中国人民政治协商会议 / …委员会常务委员会 / 工作报告)."""
    if not title_like(following) or split_marker(following)[0]:
        return False
    return bool(TITLE_ORG_LINE.search(previous.strip()) or TITLE_TAIL_LINE.search(following.strip()))


def is_caption(text: str) -> bool:
    """A photo caption from its words: 图为…, a credit, a subject doing something (XX区政协调研…)."""
    stripped = text.strip()
    if not stripped or len(stripped) > 80:
        return False
    if stripped.startswith(("图为", "图：", "图:", "▲", "△")) or CREDIT.search(stripped):
        return True
    if stripped[-1] in "；，：;,:" or "。" in stripped[:-1]:
        return False
    if "，" in stripped or len(stripped) > 50:
        return False
    # a photo's subject: the office itself (长寿区政协调研…, 区政协2024年度工作会议现场);
    # a head rarely opens so
    return bool(
        CAPTION_SUBJECT.match(stripped)
        or (ORG_SUBJECT.match(stripped) and not re.search(r"[：:\s。！？]", stripped))
    )


def numbered_heading(text: str) -> tuple[str, str] | None:
    """一、… （一）… 1.… ■… heads: marker and a line that does not run on into sentences."""
    marker, rest = split_marker(text)
    if not marker or not rest or han_count(rest) < 2:
        return None
    limit = 90 if marker.endswith("、") or marker.startswith("第") else 40
    if len(rest) > limit or rest[-1] in "。！？；，、：;,:" or re.search(r"[。！？]", rest):
        return None
    if marker in "■□○●◆◇▲△★☆▶►" and "，" in rest:  # ■围绕…，在…：a bullet paragraph, not a head
        return None
    return marker, rest


def plain_heading_shape(text: str) -> bool:
    """An unnumbered head: paired phrases, a short verb-object with one comma, or a short phrase."""
    stripped = text.strip()
    if not stripped or len(stripped) > 40 or han_count(stripped) < 4 or stripped[-1] in CLAUSE_PUNCT:
        return False
    if (
        re.search(r"[。！？；、]", stripped)
        or is_caption(stripped)
        or is_byline(stripped)
        or is_media_marker(stripped)
    ):
        return False
    if stripped[0] in "（(【[" and stripped[-1] in "）)】]":  # (责任编辑：…), 【…】: a note, not a head
        return False
    if (
        is_subtitle(stripped)
        or is_date_line(stripped)
        or DATE_START.match(stripped)
        or DATE_ONLY.match(stripped)
    ):
        return False
    if "，" in stripped:
        return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,5}，[^，。！？；]{3,18}", stripped))
    return len(stripped.replace(" ", "")) >= 5 and stripped.count("：") <= 1


def short_phrase(text: str) -> bool:
    stripped = text.strip()
    return (
        4 <= len(stripped) <= 22
        and han_count(stripped) >= 4
        and not re.search(r"[，。；：！？、“”]", stripped)
        and not is_caption(stripped)
        and not split_marker(stripped)[0]
    )


def caption_shape(text: str, after_picture: bool) -> bool:
    """Whether a line right after a picture (or where a picture stood) reads as its caption."""
    stripped = text.strip()
    if is_caption(stripped):
        return True
    if not after_picture or not stripped or len(stripped) > 90:
        return False
    if stripped[-1] in "；，：;,:" or split_marker(stripped)[0]:
        return False
    return stripped.count("。") <= 1


def split_lead(text: str, comma_form: bool) -> tuple[str | None, str]:
    """A run-in lead that opens a paragraph: 聚焦热点建言献策。 / （一）坚持党的领导，把牢履职之本。 /
    (with comma_form) 坚定捍卫“两个确立”，坚守政治底色。 — never an aphorism such as
    工欲善其事，必先利其器。"""
    marker, _rest = split_marker(text)
    if marker in ("■", "□", "○", "●", "◆", "◇", "▲", "△", "★", "☆", "▶", "►"):
        marker = ""
    body_start = len(text) - len(text.lstrip())
    if marker:
        body_start = text.index(marker) + len(marker)
    match = re.match(r"\s*([^。！？；：]{4,30}?[。！？])", text[body_start:])
    if not match:
        return None, text
    sentence = match.group(1)
    end = body_start + match.end()
    rest = text[end:]
    if len(rest.strip()) < 10 or re.search(r"\d", sentence) or sentence.startswith(("——", "—")):
        return None, text
    clauses = re.split(r"[，、]", sentence[:-1])
    if marker:
        ok = len(sentence) <= 30
    elif len(clauses) == 1:
        ok = 4 <= len(sentence) <= 17 and "“" not in sentence[:1]
    else:
        ok = (
            comma_form
            and len(clauses) == 2
            and all(4 <= len(c) <= 12 for c in clauses)
            and not LEAD_STOP_CHARS.search(sentence)
        )
    return (text[:end], rest) if ok else (None, text)
