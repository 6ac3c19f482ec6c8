"""The public API: one pipeline behind annotate, annotate_text and annotate_blocks; pure and thread-safe."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from caveat.annotator import AnnotatorError, KnowledgeBase, annotate, annotate_blocks, annotate_text


def test_offsets_count_code_points_after_an_emoji(kb):
    text = "😀😀 Fans loved her ivermectin post."
    (h,) = annotate_text(text, kb).highlights
    assert (h.start, h.end) == (text.index("ivermectin"), text.index("ivermectin") + len("ivermectin"))
    assert h.start == 18  # each emoji counts one, as Python str indices do (JavaScript would say 20)


def test_blocks_carry_their_index_and_block_offsets(kb, output_validator):
    blocks = ["Nothing here.", "She tried  colloidal silver\nfor a cold.", "", "PRP for her knee."]
    result = annotate_blocks(blocks, kb)
    got = [(h.block, h.exact, h.start, h.end) for h in result.highlights]
    assert got == [(1, "colloidal silver", 11, 27), (3, "PRP", 0, 3)]
    output_validator.validate(result.to_dict())
    assert all("block" in h for h in result.to_dict()["highlights"])


def test_html_and_text_agree(kb):
    html = "<p>She tried <b>colloidal</b> silver.</p><p>Then ozone therapy.</p>"
    from_html = annotate(html, kb)
    from_text = annotate_text(from_html.text, kb)
    assert from_html.to_dict() == from_text.to_dict()
    assert "block" not in from_html.to_dict()["highlights"][0]


def test_version_is_a_content_hash(tmp_path, kb):
    for f in kb.path.glob("*.yaml"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    assert KnowledgeBase.load(tmp_path).version == kb.version
    target = tmp_path / "ivermectin.yaml"
    target.write_text(target.read_text().replace("Stromectol", "Stromectol\n  - Ivomec human"))
    assert KnowledgeBase.load(tmp_path).version != kb.version


def test_thread_safe_same_results(kb):
    pages = [f"<p>Page {i}: ivermetcin, stem cell therapy for back pain, NAD+ drip and chelaton therapy.</p>"
             for i in range(40)]
    kb.matcher.clear_cache()
    with ThreadPoolExecutor(8) as pool:
        parallel = list(pool.map(lambda p: annotate(p, kb).to_dict(), pages))
    assert parallel == [annotate(p, kb).to_dict() for p in pages]


@pytest.mark.parametrize("call, arg", [(annotate_text, b"bytes"), (annotate_blocks, "a string"),
                                       (annotate_blocks, ["ok", 3])])
def test_wrong_types_raise_one_clear_error(kb, call, arg):
    with pytest.raises(AnnotatorError):
        call(arg, kb)


def test_twenty_megabyte_page(kb):
    page = "<html><body>" + "<p>An ordinary paragraph about the garden and the weather.</p>" * 330_000 + \
           "<p>Then colloidal silver.</p></body></html>"
    assert len(page) > 20_000_000
    assert [h.exact for h in annotate(page, kb).highlights] == ["colloidal silver"]


def test_search_finds_by_alias_with_typos(kb):
    assert kb.search("ozempik")[0]["id"] == "semaglutide"
    assert kb.search("stem-cell therapies")[0]["id"] == "stem-cell-therapy"
    assert kb.search("no such thing at all xq") == []


def test_many_mentions_in_one_long_line_cost_linear_time(kb):
    """A hostile page: 40,000 mentions in one paragraph with no spaces. Each lookup around a mention (paragraph,
    sentence, address, condition words) is computed once, so this finishes; a quadratic scan would not."""
    text = "ivermectin/COVID-19/" * 40_000
    result = annotate_text(text, kb)
    assert len(result.highlights) == 40_000
    assert {h.indication for h in result.highlights} == {"COVID-19"}


def test_hostile_pages_stay_linear(kb):
    """Inputs that made earlier versions quadratic (each took minutes): condition words that start but never finish
    in one long paragraph, tens of thousands of overlapping candidates, and thousands of near-miss starting words."""
    assert len(annotate_text("ivermectin head river. " * 6000, kb).highlights) == 6000
    assert len(annotate_text("ivermectin and platelet-rich plasma. " * 15000, kb).highlights) == 30000
    typos = [w[:i] + "q" + w[i + 1:] for w in ("ivermectin", "chelation", "homeopathy", "acupuncture", "semaglutide")
             for i in range(1, len(w) - 1)] * 40
    text = " ".join(typos) + " " + "filler words here " * 50_000
    assert {h.treatment for h in annotate_text(text, kb).highlights} <= {"ivermectin", "chelation-therapy",
                                                                          "homeopathy", "acupuncture", "semaglutide"}


def test_long_words_are_not_kept_in_caches(kb):
    word = "x" * 100_000
    kb.matcher.clear_cache()
    annotate_text(f"{word} and ivermectin", kb)
    assert all(len(k) <= 64 for k in kb.matcher._words) and all(len(k) <= 64 for k in kb.matcher._chunks)
