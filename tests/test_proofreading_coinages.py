"""Coinages and short names of policy prose are left alone; slips of the same shape are still found."""

from __future__ import annotations

from report_writer.language import coinages, typos
from report_writer.language.checks_context import Context
from report_writer.language.config import ProofConfig
from report_writer.language.proofread import check_text


def typo_texts(text: str) -> list[str]:
    return [f.text for f in check_text(text, ProofConfig(), Context(2025, [])) if f.code == "typo.confusion"]


def test_a_series_of_coined_items_is_meant() -> None:
    text = "营造尊商、重商、亲商、护商的浓厚氛围。"
    assert all(coinages.in_coined_series(text, text.index(char)) for char in "重亲护")
    assert typo_texts(text) == []


def test_a_list_of_dictionary_names_still_shows_its_slip() -> None:
    text = "由教育部、财正部、人力资源社会保障部负责。"
    assert not coinages.in_coined_series(text, text.index("正"))
    assert "正" in typo_texts(text)


def test_a_short_company_name_before_its_kind_is_a_name() -> None:
    text = "推动华熙生物、中芯国际等企业扩大产能。"
    assert coinages.in_entity_name(text, text.index("熙"))
    assert coinages.in_entity_name(text, text.index("芯"))
    # a longer word the substitute completes is a slip, whatever follows: 新能园汽车 → 新能源汽车
    assert typo_texts("建立新能园汽车产业链。") == ["园"]


def test_the_word_a_substitute_makes() -> None:
    assert coinages.word_formed("发展大数局产业", 4, 5, "据") == "大数据"
    assert coinages.word_formed("实施服务业扩能提质行动", 6, 7, "大") == "扩大"


def test_items_that_end_alike_are_a_series_but_a_slip_in_a_list_of_words_is_not() -> None:
    text = "促进多劳者多得、技高者多得、创新者多得。"
    assert coinages.in_coined_series(text, text.index("技"))
    slip = "加强政治建设、思想建没、组织建设。"
    assert not coinages.in_coined_series(slip, slip.index("没"))
    assert "没" in typo_texts(slip)


def test_the_shape_alike_table_is_in_the_confusion_sets() -> None:
    from report_writer.language import typos

    assert "自" in typos.confusion()["白"] and "白" in typos.confusion()["自"]
    assert typo_texts("加强国际科学技木合作。") == ["木"]
    assert typo_texts("做好重大自然火害应急处置。") == ["火"]


def test_one_underline_per_place() -> None:
    # a slip makes its neighbour look odd too; an unknown coinage lights up every character
    assert [f.text for f in typos.typos("完善疫勤防控体系。", ProofConfig())] == ["勤"]
    assert len(list(typos.typos("委员们勤学深悟，把学习成果转化为履职实效。", ProofConfig()))) <= 1
    flags = [(3, 4, "学", 7.8, 1.0), (4, 5, "习", 9.3, 1.0), (5, 6, "务", 6.6, 1.0), (12, 13, "新", 8.0, 1.0)]
    assert typos.one_per_place(flags) == [flags[1], flags[3]]


def test_a_round_number_told_approximately_is_no_slip() -> None:
    # 近百场 and its kind fill every review's figures; the numeral there is never a slip of a word
    texts = ("全年开展协商活动近百场。", "惠及群众逾万人。", "举办文化活动超千场。", "建设委员工作室近百个。")
    for text in texts:
        assert typo_texts(text) == [], text


def test_levels_of_government_named_by_one_character_are_meant() -> None:
    assert typo_texts("委员建议登上央省主流媒体头版。") == []
    assert typo_texts("推动区镇村三级联动，形成工作合力。") == []


def test_phrases_coined_in_parallel_are_meant() -> None:
    assert typo_texts("委员们深学细悟、真学笃用，把学习成果转化为履职实效。") == []
    assert typo_texts("激励委员知责于心、担责于身、履责于行。") == []
    text = "支持革命老区、民族地区、边江地区加快发展。"  # items of one kind that end alike: a slip still
    assert not coinages.in_parallel_phrases(text, text.index("江"))
    assert typo_texts(text) == ["江"]


def test_two_verbs_each_with_its_adverb_are_a_coinage() -> None:
    text = "坚持深学细悟夯实思想根基。"
    assert coinages.in_paired_verbs(text, text.index("细"))
    assert typo_texts(text) == []
    assert typo_texts("坚持勤思善谋，推动工作落地见效。") == []
