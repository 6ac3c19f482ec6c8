"""Tests generated from the whole bundled knowledge base: every alias finds its entry in ordinary writing, every
indication's words pick that indication, and everyday text stays silent."""
import re

import pytest

from caveat.annotator import KnowledgeBase, annotate_text
from caveat.annotator.context import Words
from caveat.annotator.match import _COMMON, MIN_FUZZY_LEN
from caveat.annotator.normalize import TOKEN_RE, norm

KB = KnowledgeBase.load()
TEMPLATE = "Readers asked about {} after the interview."
CUED_TEMPLATE = "Readers asked about {}, a treatment, after the interview."  # an ambiguous name needs a treatment cue
TEMPLATES_BY_LANGUAGE = {  # a name marked with a language is matched in text of that language only
    "es": ("Los lectores preguntaron por {} después de la entrevista, y el médico dijo que no lo recomienda.",
           "Los lectores preguntaron por el tratamiento con {} después de la entrevista, y el médico dijo que no."),
    "pt": ("Os leitores perguntaram sobre {} depois da entrevista, e o médico disse que não o recomenda.",
           "Os leitores perguntaram sobre o tratamento com {} depois da entrevista, e o médico disse que não."),
}


def plural(phrase):
    head, _, last = phrase.rpartition(" ")
    if not last.isalpha() or len(last) < 2 or last.endswith(("s", "i")):  # "kojis": -is is kept ("psoriasis")
        return None
    if re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif last.endswith(("x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}".strip()


def typo(phrase):
    words = phrase.split()
    long = [w for w in words if w.isalpha() and len(w) >= MIN_FUZZY_LEN + 1]
    if not long:
        return None
    word = max(long, key=len)
    mid = len(word) // 2
    swapped = word[:mid] + word[mid + 1] + word[mid] + word[mid + 2:]
    if swapped == word:
        swapped = word[:mid] + ("q" if word[mid] != "q" else "z") + word[mid + 1:]
    if swapped.lower() in _COMMON:
        return None
    return phrase.replace(word, swapped, 1)


def variants(alias, exact):
    if exact:
        return [alias]
    out = [alias, alias.upper(), alias.title(), plural(alias), typo(alias)]
    if " " in alias:
        out.append(alias.replace(" ", "-"))
        first, rest = alias.split(" ", 1)
        if len(re.match(r"\w*", rest).group()) > 1:  # a skipped word never leads to one letter ("vitamin C a")
            out.append(f"{first} new {rest}")
    if "-" in alias:
        out.append(alias.replace("-", " "))
    return [v for v in dict.fromkeys(out) if v]


def misses(entry_id):
    entry = KB.entry(entry_id)
    out = []
    for alias in entry.aliases:
        for v in variants(alias.name, alias.exact):
            plain, cued = TEMPLATES_BY_LANGUAGE.get(alias.lang, (TEMPLATE, CUED_TEMPLATE))
            text = (cued if alias.ambiguous else plain).format(v)
            if alias.short_form:  # a short form is the treatment only once the text has named it in full
                text = f"{entry.name} is sold here.\n\n{text}"
            if alias.listed_with:  # a listed name is the treatment only as an item of a list beside a partner
                text = f"Her cancer treatment: {v} and {KB.entry(alias.listed_with[0]).name.lower()}."
            lo = text.index(v, text.index("\n\n") + 2 if alias.short_form else 0)
            hits = [h for h in annotate_text(text, KB).highlights if h.start < lo + len(v) and h.end > lo]
            if [h.treatment for h in hits] != [entry_id]:
                out.append((v, [(h.exact, h.treatment) for h in hits]))
    return out


@pytest.mark.parametrize("entry_id", KB.ids())
def test_every_alias_variant_finds_its_entry(entry_id):
    assert misses(entry_id) == []


def indication_cases():
    for entry_id in KB.ids():
        entry = KB.entry(entry_id)
        for ind in entry.indications:
            yield entry_id, ind.condition


@pytest.mark.parametrize("entry_id, condition", list(indication_cases()))
def test_indication_words_pick_the_indication(entry_id, condition):
    """"<name> for <word>" picks a use whose words occur there, and never one less specific than another there."""
    entry = KB.entry(entry_id)
    names = [a.name for a in entry.aliases if not (a.exact or a.ambiguous or a.lang or a.short_form)]
    name = names[0] if names else entry.aliases[0].name
    ind = next(i for i in entry.indications if i.condition == condition)
    for phrase in ind.words:
        text = f"She was offered {name} for {' '.join(phrase)}."
        h = next(h for h in annotate_text(text, KB).highlights if h.treatment == entry_id)
        words = Words([norm(w) for w in TOKEN_RE.findall(text)])
        longest = {i.condition: max((len(p) for p in i.words if words.contain(p)), default=0)
                   for i in entry.indications}
        assert longest[condition] > 0
        assert longest[h.indication] >= max(longest.values()) - 1, (text, h.indication)


NEUTRAL = [
    # sport
    "United took the lead in the second half when their captain curled a free kick into the top corner. The "
    "coach praised the defence, which kept a clean sheet for the fourth match running, and said the squad would "
    "rest before the cup tie on Wednesday.",
    "She finished the marathon in three hours and ten minutes, shaving four minutes off her best, and thanked the "
    "volunteers who handed out water and bananas along the course.",
    # cooking
    "Whisk the eggs with the sugar until pale, fold in the flour, and bake for twenty-five minutes. Let the cake "
    "cool before you spread the lemon icing, or it will slide off the sides.",
    "Fry the onions slowly in olive oil, add garlic, tomatoes and a pinch of chilli, then simmer the sauce for an "
    "hour. A splash of vinegar at the end lifts the flavour.",
    # finance
    "The central bank held interest rates at four per cent, and markets rallied as inflation eased. Analysts "
    "expect mortgage costs to fall slowly next year, though savers will earn less on their deposits.",
    "Shares in the retailer jumped after it reported higher sales over the holiday season and raised its "
    "dividend. The company plans to open thirty new stores and cut its debt by half.",
    # biology teaching text
    "Cells are the building blocks of life. Each cell has a membrane that controls what enters and leaves, and "
    "most cells have a nucleus that holds the genetic material. Plants also have a cell wall and chloroplasts, "
    "which capture light to make sugar.",
    "Blood carries oxygen from the lungs to the tissues. Red blood cells hold haemoglobin, white blood cells "
    "fight infection, and platelets help the blood to clot when a vessel is damaged.",
    "Enzymes speed up chemical reactions in living things. Temperature and acidity change how well an enzyme "
    "works, which is why our body keeps a steady temperature.",
    # everyday life
    "The train was delayed by forty minutes because of a signal fault, so we bought coffee and read the paper "
    "on the platform until it arrived.",
    "Our garden needs more light in winter: we cut back the hedge, moved the pots to the sunny wall and planted "
    "bulbs that will flower in spring.",
    "The museum's new exhibition shows silver jewellery from the Bronze Age, and the guide explained how the "
    "metal was mined, melted and shaped.",
]


@pytest.mark.parametrize("text", NEUTRAL)
def test_everyday_text_stays_silent(text):
    assert [(h.exact, h.treatment) for h in annotate_text(text, KB).highlights] == []
