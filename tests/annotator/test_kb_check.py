"""`caveat kb check`: every problem, each with its file and line, and the same list when the library loads."""
import datetime as dt
import shutil
import subprocess
import sys
import textwrap

import pytest

from caveat.annotator import KnowledgeBase, KnowledgeBaseError
from caveat.annotator.kb import bundled_kb_path, read_kb

TODAY = dt.date(2026, 11, 25)

GOOD = textwrap.dedent("""\
    id: sample-cure
    name: Sample cure
    category: supplement
    evidence: unproven
    risk: low
    summary: A made-up remedy used only by these tests to check the knowledge-base rules.
    aliases:
      - sample remedy
      - name: SCX
        exact: true
    indications:
      - condition: colds
        words: [cold, colds]
        evidence: unproven
        risk: low
        note: No trial has looked at it for colds.
        sources: [agency-page]
    regulatory:
      US:
        note: Not approved for any use.
        sources: [agency-page]
    risks:
      - Unknown
    sources:
      - id: agency-page
        title: An agency page
        publisher: U.S. Food and Drug Administration
        url: https://www.fda.gov/consumers
        year: 2024
        kind: regulator
      - id: other-page
        title: Another page
        publisher: Somebody
        url: https://example.org/page
        year: 2023
        kind: news
    reviewed: 2026-11-01
    """)


def check(tmp_path, text, name="sample-cure.yaml", extra=None, today=TODAY):
    (tmp_path / name).write_text(text)
    for other_name, other in (extra or {}).items():
        (tmp_path / other_name).write_text(other)
    problems = read_kb(tmp_path, today).problems
    return [str(p).replace(str(tmp_path) + "/", "") for p in problems]


def test_good_entry_has_no_problems(tmp_path):
    assert check(tmp_path, GOOD) == []


@pytest.mark.parametrize("old, new, expected", [
    ("risk: low\nsummary", "risk: low\n  bad: [\nsummary", "sample-cure.yaml:6: yaml: syntax error"),
    ("aliases:", "aliasses:", "sample-cure.yaml:7: aliasses: unknown key 'aliasses' (a typo?)"),
    ("year: 2024", "year: last year", "sample-cure.yaml:29: sources[0].year: 'last year' is not of type 'integer'"),
    ("risk: low\nsummary", "summary", "sample-cure.yaml:1: entry: 'risk' is a required property"),
    ("name: Sample cure\n", "name: Sample cure\nname: Other\n", "sample-cure.yaml:3: name: duplicate key 'name' (first at line 2)"),
    ("id: sample-cure", "id: sample-kure", "sample-cure.yaml:1: id: id 'sample-kure' must match the file name"),
    ("https://example.org/page", "http://example.org/page", "sample-cure.yaml:34: sources[1].url: 'http://example.org/page' does not match"),
    ("sources: [agency-page]\nregulatory", "sources: [missing-page]\nregulatory", "sample-cure.yaml:17: indications[0].sources[0]: cites source 'missing-page'"),
    ("reviewed: 2026-11-01", "reviewed: 2027-01-01", "sample-cure.yaml:37: reviewed: date 2027-01-01 is in the future"),
    # source rules: who may be a regulator; papers carry an id; each verdict rests on a strong kind
    ("https://www.fda.gov/consumers", "https://example.com/consumers", "sample-cure.yaml:30: sources[0].kind: 'regulator' sources must come from a national authority, and example.com is not one"),
    ("https://www.fda.gov/consumers", "https://www.hoylandmedicalpractice.nhs.uk/x", "sample-cure.yaml:30: sources[0].kind: 'regulator' sources must come from a national authority, and www.hoylandmedicalpractice.nhs.uk"),
    ("https://www.fda.gov/consumers", "https://www.inverclyde.gov.uk/x", "sample-cure.yaml:30: sources[0].kind: 'regulator' sources must come from a national authority, and www.inverclyde.gov.uk"),
    ("https://www.fda.gov/consumers", "https://pubmed.ncbi.nlm.nih.gov/123/", "sample-cure.yaml:30: sources[0].kind: 'regulator' sources must come from a national authority, and pubmed.ncbi.nlm.nih.gov"),
    ("https://www.fda.gov/consumers", "https://web.archive.org/web/2019/https://www.example.com/fda", "sample-cure.yaml:30: sources[0].kind: 'regulator' sources must come from a national authority, and web.archive.org"),
    ("kind: news", "kind: trial", "sample-cure.yaml:36: sources[1].kind: 'trial' sources need a doi, pmid or trial_id"),
    ("kind: news", "kind: journal", "sample-cure.yaml:36: sources[1].kind: 'journal' sources need a doi, pmid or trial_id"),
    ("sources: [agency-page]\nregulatory", "sources: [other-page]\nregulatory", "sample-cure.yaml:17: indications[0].sources: cites no regulator, agency, guideline, systematic review or trial"),
    ("sources: [agency-page]\nrisks", "sources: [other-page]\nrisks", "sample-cure.yaml:21: regulatory.US.sources: cites no regulator, agency, guideline, systematic review or trial"),
    ("    kind: news\n", "", "sample-cure.yaml:31: sources[1]: 'kind' is a required property"),
    ("evidence: unproven\nrisk", "evidence: maybe\nrisk", "sample-cure.yaml:4: evidence: 'maybe' is not one of"),
    # a claim beyond the evidence cannot be an established use
    ("words: [cold, colds]\n    evidence: unproven", "claim: true\n    words: [cold, colds]\n    evidence: established",
     "sample-cure.yaml:13: indications[0].claim: a claim goes beyond the evidence"),
    ("reviewed: 2026-11-01", "reviewed: 2026-02-30", "sample-cure.yaml:37: reviewed: '2026-02-30' is not a real date"),
    ("summary: A made-up", "summary: " + "x" * 301 + " A made-up", "sample-cure.yaml:6: summary: "),
    # odd shapes: reported as problems, never a traceback
    ("id: sample-cure", "id: &a [*a]", "sample-cure.yaml:1: id: YAML anchors and aliases"),
    ("id: sample-cure", "id: [*a]", "sample-cure.yaml:1: id[0]: YAML anchors and aliases"),
    ("sources:\n  - id: agency-page", "sources: 5\nxsources:\n  - id: agency-page", "sample-cure.yaml:24: sources: '5' is not of type 'array'"),
    ("indications:\n  - condition", "indications: 7\nxindications:\n  - condition", "sample-cure.yaml:11: indications: '7' is not of type 'array'"),
    ("https://example.org/page", "https://[bad", "sample-cure.yaml:34: sources[1].url: 'https://[bad' is not a valid"),
    ("name: Sample cure", "name: !!bool maybe\nnot_when: !!int x", "sample-cure.yaml:3: not_when: 'x' is not of type 'array'"),
])
def test_each_error_kind_names_file_line_and_field(tmp_path, old, new, expected):
    assert old in GOOD
    problems = check(tmp_path, GOOD.replace(old, new, 1))
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize("url", [
    "https://www.fda.gov/x", "https://accessdata.fda.gov/x", "https://www.nhs.uk/medicines/x",
    "https://www.gov.uk/drug-safety-update/x", "https://cks.nice.org.uk/x", "https://ods.od.nih.gov/x",
    "https://web.archive.org/web/20120321213742/http:/www.cancer.org/x",
    "https://wayback.archive.org/web/20130209065404/http://www.cancer.org/x",
    "https://webarchive.library.unt.edu/eot2008/20080916/http://www.fda.gov/x",
])
def test_national_authority_pages_may_back_a_verdict(tmp_path, url):
    assert check(tmp_path, GOOD.replace("https://www.fda.gov/consumers", url)) == []


def test_a_paper_with_its_id_may_back_a_verdict(tmp_path):
    paper = GOOD.replace("kind: news", "kind: systematic-review\n    doi: 10.1002/14651858.CD000001")
    assert check(tmp_path, paper.replace("sources: [agency-page]\nregulatory", "sources: [other-page]\nregulatory")) == []


def test_an_entry_no_regulator_has_spoken_on_may_say_so(tmp_path):
    text = GOOD.replace("regulatory:\n  US:\n    note: Not approved for any use.\n    sources: [agency-page]\n", "regulatory: {}\n")
    assert "regulatory: {}" in text and check(tmp_path, text) == []


def test_alias_claimed_by_two_entries(tmp_path):
    other = GOOD.replace("sample-cure", "other-cure").replace("Sample cure", "Other cure").replace("SCX", "OCX")
    problems = check(tmp_path, GOOD, extra={"other-cure.yaml": other.replace("sample remedy", "Sample-Remedies")})
    assert problems == ["sample-cure.yaml:8: aliases[0]: alias 'sample remedy' is already claimed by other-cure.yaml"]


def test_one_spelling_cannot_be_both_sure_and_ambiguous(tmp_path):
    """Plurals fold: "sample remedies" matches what "sample remedy" matches, so only one of them being ambiguous
    would let the sure one override the context the other asks for. The name may be re-declared ambiguous."""
    twins = GOOD.replace("  - sample remedy\n", "  - sample remedy\n  - {name: Sample remedies, ambiguous: true}\n"
                         "  - {name: sample cure, ambiguous: true}\n")
    assert check(tmp_path, twins) == [
        "sample-cure.yaml:9: aliases[1]: alias 'Sample remedies' matches the same words as 'sample remedy' (plurals "
        "and accents fold) but only one is ambiguous: mark both ambiguous, or neither"]


@pytest.mark.parametrize("extra, line, field, words", [
    # the name re-declared ambiguous, then a sure plural: the plural still answers to the ambiguous alias
    ("  - {name: sample cure, ambiguous: true}\n  - sample cures\n", 10, "aliases[2]", "'sample cures' matches the same words as 'sample cure'"),
    # a short form and an ambiguous alias of the same words, in either order
    ("  - {name: sample remedies, ambiguous: true, short_form: true}\n", 9, "aliases[1]", "'sample remedies' matches the same words as 'sample remedy'"),
    # an exact alias spelling the words of an ambiguous one
    ("  - {name: Sample Remedy, exact: true, ambiguous: true}\n", 9, "aliases[1]", "'Sample Remedy' matches the same words as 'sample remedy'"),
])
def test_twins_disagreeing_on_ambiguous_are_refused_whatever_their_kind_or_order(tmp_path, extra, line, field, words):
    problems = check(tmp_path, GOOD.replace("  - sample remedy\n", "  - sample remedy\n" + extra))
    assert len(problems) >= 1 and problems[0].startswith(f"sample-cure.yaml:{line}: {field}: alias {words}"), problems


def test_a_short_form_first_is_compared_too(tmp_path):
    text = GOOD.replace("  - sample remedy\n", "  - {name: sample remedy, short_form: true}\n"
                        "  - {name: sample remedies, ambiguous: true}\n")
    assert [p.split(": ", 2)[1] for p in check(tmp_path, text)] == ["aliases[1]"]


def test_a_name_in_two_languages_is_fine_but_not_beside_one_for_every_language(tmp_path):
    both = GOOD.replace("  - sample remedy\n", "  - sample remedy\n  - {name: remedio muestra, lang: es}\n"
                        "  - {name: remedio muestra, lang: pt}\n")
    assert check(tmp_path, both) == []
    again = GOOD.replace("  - sample remedy\n", "  - sample remedy\n  - {name: sample remedy, lang: es}\n")
    assert check(tmp_path, again) == [
        "sample-cure.yaml:9: aliases[1]: alias 'sample remedy' matches the same words as 'sample remedy', which has "
        "no lang and so already matches in every language: keep one"]


def test_stale_review_is_a_warning_only(tmp_path):
    problems = check(tmp_path, GOOD.replace("reviewed: 2026-11-01", "reviewed: 2024-01-01"))
    assert problems == ["sample-cure.yaml:37: reviewed: warning: last reviewed 2024-01-01, over 2 years ago: "
                        "check the sources again"]
    assert len(KnowledgeBase.load(tmp_path, today=TODAY)) == 1


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    broken = GOOD.replace("aliases:", "aliasses:").replace("year: 2024", "year: x").replace("risk: low\nsummary", "summary")
    assert len(check(tmp_path, broken)) >= 3


@pytest.mark.parametrize("content", ["", "- just\n- a list\n", "\x00\x01binary", "a: 1\n---\nb: 2\n"])
def test_empty_and_odd_files(tmp_path, content):
    problems = check(tmp_path, content)
    assert problems and all(p.startswith("sample-cure.yaml:") for p in problems)


def test_not_utf8(tmp_path):
    (tmp_path / "sample-cure.yaml").write_bytes(GOOD.encode().replace(b"Sample cure", b"Sample \xff cure"))
    assert [str(p).split(": ", 1)[1] for p in read_kb(tmp_path, TODAY).problems] == ["file: not UTF-8 text"]


def test_load_raises_one_error_with_the_same_list(tmp_path):
    (tmp_path / "sample-cure.yaml").write_text(GOOD.replace("aliases:", "aliasses:"))
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.load(tmp_path, today=TODAY)
    assert [str(p) for p in info.value.problems] == [str(p) for p in read_kb(tmp_path, TODAY).problems]


def test_cli_exit_codes(tmp_path):
    (tmp_path / "sample-cure.yaml").write_text(GOOD)
    ok = subprocess.run([sys.executable, "-m", "caveat.annotator", "kb", "check", str(tmp_path), "--today", "2026-11-25"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (tmp_path / "sample-cure.yaml").write_text(GOOD.replace("aliases:", "aliasses:"))
    bad = subprocess.run([sys.executable, "-m", "caveat.annotator", "kb", "check", str(tmp_path)], capture_output=True,
                         text=True)
    assert bad.returncode == 1
    assert "sample-cure.yaml:7: aliasses: unknown key" in bad.stdout


def test_hostile_strings_in_yaml_are_kept_as_text(tmp_path):
    hostile = GOOD.replace("Unknown", "'<img src=x onerror=alert(1)><script>alert(2)</script>'")
    (tmp_path / "sample-cure.yaml").write_text(hostile)
    kb = KnowledgeBase.load(tmp_path, today=TODAY)
    assert kb.card("sample-cure").risks == ("<img src=x onerror=alert(1)><script>alert(2)</script>",)


def test_yaml_tags_are_refused_safely(tmp_path):
    problems = check(tmp_path, GOOD.replace("name: Sample cure", "name: !!python/object/apply:os.system ['true']"))
    assert any("sample-cure.yaml:2" in p for p in problems)


def test_bundled_kb_is_clean():
    data, cues, problems, _ = read_kb(bundled_kb_path(), dt.date.today())
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert len(data) == len([p for p in bundled_kb_path().glob("*.yaml") if not p.name.startswith("_")])
    assert "therapy" in cues["treatment_cues"] and "take place" in cues["idioms"]


def test_a_title_word_of_two_words_is_named_not_a_crash(tmp_path):
    # the loader reads title words as single words: a hyphenated one is refused at its line, not a traceback
    problems = check(tmp_path, GOOD, extra={"_cues.yaml": "treatment_cues:\n  - took\ntitle_cues:\n  - music-video\n"})
    assert problems == ["_cues.yaml:4: title_cues[0]: 'music-video' does not match '^\\\\w+$'"]


def test_a_cue_listed_twice_is_named_with_both_lines(tmp_path):
    problems = check(tmp_path, GOOD, extra={"_cues.yaml": "treatment_cues:\n  - took\n  - dose\n  - took\n"})
    assert problems == ["_cues.yaml:4: treatment_cues[2]: 'took' is listed twice (first at line 2): keep one"]


def test_new_entry_scaffold_lists_its_todos(tmp_path):
    shutil.rmtree(tmp_path)
    tmp_path.mkdir()
    out = subprocess.run([sys.executable, "-m", "caveat.annotator", "kb", "new", "Cold Plunge", "--kb", str(tmp_path)],
                         capture_output=True, text=True)
    assert out.returncode == 0 and (tmp_path / "cold-plunge.yaml").exists()
    problems = check(tmp_path, (tmp_path / "cold-plunge.yaml").read_text(), name="cold-plunge.yaml",
                     today=dt.date.today())  # the scaffold is dated today
    assert problems and all("TODO" in p or "national authority" in p for p in problems)
    assert any(p.startswith("cold-plunge.yaml:9: summary: placeholder left in") for p in problems)


def test_reloading_does_not_grow_memory(tmp_path):
    import tracemalloc
    (tmp_path / "sample-cure.yaml").write_text(GOOD)
    read_kb(tmp_path, TODAY)
    tracemalloc.start()
    read_kb(tmp_path, TODAY)
    first = tracemalloc.get_traced_memory()[0]
    for _ in range(20):
        read_kb(tmp_path, TODAY)
    grown = tracemalloc.get_traced_memory()[0] - first
    tracemalloc.stop()
    assert grown < 200_000, f"{grown} bytes kept after 20 reloads"


def test_scaffold_escapes_names_and_folds_accents(tmp_path):
    from caveat.annotator.scaffold import new_entry
    path = new_entry('Células "madre" back\\slash cure', tmp_path, TODAY)
    assert path.name == "celulas-madre-back-slash-cure.yaml"
    parsed = read_kb(tmp_path, TODAY).problems
    assert not any("yaml: syntax error" in str(p) for p in parsed)


def _with_examples(examples):
    return GOOD.replace("reviewed: 2026-11-01", "reviewed: 2026-11-01\nexamples:\n" + examples)


def test_examples_run_and_each_miss_names_its_line(tmp_path):
    (tmp_path / "sample-cure.yaml").write_text(_with_examples(
        '  - {text: "She took sample remedy for her colds.", level: warning, indication: colds}\n'
        '  - {text: "She took sample remedy for her colds.", level: danger, indication: colds}\n'
        '  - {text: "The Sample Remedy Band played all night.", silent: true}\n'))
    out = subprocess.run([sys.executable, "-m", "caveat.annotator", "kb", "check", str(tmp_path), "--today",
                          "2026-11-25"], capture_output=True, text=True)
    lines = [line.replace(str(tmp_path) + "/", "") for line in out.stdout.splitlines()]
    assert out.returncode == 1
    assert lines == ["sample-cure.yaml:40: examples[1]: must show danger for colds, but shows warning for colds on "
                     "'sample remedy'",
                     "sample-cure.yaml:41: examples[2]: must stay silent, but shows warning for no use named on "
                     "'Sample Remedy'"]


def test_reviewed_cannot_be_older_than_the_newest_change(tmp_path):
    text = GOOD.replace("reviewed: 2026-11-01", "reviewed: 2026-11-01\nchanges:\n"
                        "  - {date: 2026-11-20, note: Added the colds use.}")
    assert check(tmp_path, text) == ["sample-cure.yaml:37: reviewed: reviewed 2026-11-01 is older than the newest "
                                     "change (2026-11-20): a change is a review, so set reviewed to its date"]


def test_every_bundled_example_gives_its_card():
    from caveat.annotator.kb_examples import check_examples
    kb = KnowledgeBase.load(bundled_kb_path(), today=dt.date.today())
    assert [str(p) for p in check_examples(kb, bundled_kb_path())] == []
    assert sum(len(kb.entry(i).examples) for i in kb.ids()) >= len(kb)


def test_kb_new_never_writes_into_the_installed_package(tmp_path):
    out = subprocess.run([sys.executable, "-m", "caveat.annotator", "kb", "new", "Cold Plunge"], capture_output=True,
                         text=True, cwd=tmp_path)
    assert out.returncode == 2 and "give --kb" in out.stderr
    assert not (bundled_kb_path() / "cold-plunge.yaml").exists()
    (tmp_path / "annotator" / "kb").mkdir(parents=True)
    out = subprocess.run([sys.executable, "-m", "caveat.annotator", "kb", "new", "Cold Plunge"], capture_output=True,
                         text=True, cwd=tmp_path)
    assert out.returncode == 0 and (tmp_path / "annotator" / "kb" / "cold-plunge.yaml").is_file()


def test_a_listed_name_must_name_entries_that_exist(tmp_path):
    listed = GOOD.replace("  - sample remedy\n", "  - sample remedy\n  - {name: remedy, listed_with: [no-such-cure]}\n")
    assert check(tmp_path, listed) == [
        "sample-cure.yaml:9: aliases[1]: listed_with names 'no-such-cure', which is not an entry of this knowledge base"]


def test_two_entries_may_share_a_listed_name(tmp_path):
    other = GOOD.replace("sample-cure", "other-cure").replace("Sample cure", "Other cure").replace("SCX", "OCX") \
        .replace("  - sample remedy\n", "  - other remedy\n  - {name: remedy, listed_with: [sample-cure]}\n")
    mine = GOOD.replace("  - sample remedy\n", "  - sample remedy\n  - {name: remedy, listed_with: [other-cure]}\n")
    assert check(tmp_path, mine, extra={"other-cure.yaml": other}) == []
