"""The outline's 关键词: terms that set a section apart, not the words every section of a review uses."""

from __future__ import annotations

from report_writer.language.segment import section_keywords


def test_terms_shared_by_every_section_give_way_to_the_sections_own() -> None:
    sections = [
        "政协委员围绕乡村振兴开展民主监督，政协委员赴农村集体经济组织视察，民主监督报告送交有关部门。",
        "政协委员参加专题协商会，就养老服务体系建设协商议政，政协委员提出养老机构改造的建议。",
        "政协委员撰写文史资料，编辑出版文史资料丛书，政协委员组织文史资料征集座谈。",
    ]
    found = section_keywords(sections, top=3)
    assert "民主监督" in found[0]
    assert "养老" in "".join(found[1])
    assert "文史资料" in found[2]
    assert not any("政协" in term or "委员" in term for terms in found for term in terms)


def test_numbers_letters_and_filler_are_not_key_terms() -> None:
    (terms,) = section_keywords(
        ["全年开展工作2025次，推动落实ABC项目，进一步加强湿地保护，湿地保护成效明显。"]
    )
    assert "湿地" in terms[0]
    assert not any(
        term in {"开展", "工作", "推动", "落实", "进一步", "加强", "2025", "ABC"} for term in terms
    )
