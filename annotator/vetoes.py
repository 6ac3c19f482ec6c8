"""Which candidate matches are not treatments after all. Each rule covers a category of false friend:

- part of a web address or an e-mail address, negated as part of a word ("non-opioid", "opioid-free"), a
  nickname ("alias 'El Bótox'"), or the "led" of a compound that says who leads ("Doctor-Led Treatments"); set
  against in a word ("the anti-sunscreen crowd") where its sentence makes no claim for the treatment;
- a name in another language: a name marked with a language matches only text in that language (a Spanish name
  spelled exactly so in Portuguese text counts too, and the other way round: "creatina"), and a typo is forgiven
  only in text of the language the name is written in (English unless marked);
- the entry's `not_when` words in the same sentence, for what context cannot decide, unless that sentence also names
  one of the entry's uses ("fenbendazole, a horse dewormer, for her cancer" is exactly the sentence to catch);
- an ambiguous name (a bare "stem cells", "CBD", "MSC") without treatment context (see `treatment_meant`), unless
  the same text already names that treatment where it is plainly meant (`sets_the_sense`): one sense per text, as a
  reader reads it ("hormone replacement therapy (HRT)" early on makes every later "HRT" the therapy);
- a sentence that describes the body's own substance or cells ("NAD+, short for nicotinamide adenine dinucleotide,
  is a coenzyme"; "growth hormone is released by the pituitary gland"), with no treatment cue: the substance, not
  the treatment (the KB's `substance_cues`); the treatment being meant elsewhere in the text does not change that.
  Only an ambiguous name can be the body's substance: "CJC-1295 ... stimulates the pituitary gland" is the drug;
- a name inside a phrase that measures the body's own level ("low levels of testosterone", "vitamin D deficiency",
  "NAD+ levels"; the KB's `measure_cues`): the level, not the treatment, whatever the cues; an ambiguous name after
  a verb that raises the level ("increased testosterone"; `raising_cues`), unless a treatment cue follows it
  within three words ("raised testosterone doses");
- a medicine with a proven use in a sentence about goods seized or smuggled (`contraband_cues`), and any name on a
  page that reports a drug bust (`enforcement_cues`, densely) and never names one of its entry's uses, and any
  name on a company's or a market's report (`finance_cues`, densely) whose sentence neither says people take it
  nor names a claim;
- a capitalised name that is part of the name of a body ("the Chiropractic Board of Australia", "Dept. of Medical
  Acupuncture"; the KB's `organisation_cues`), or a firm's name in the possessive ("ADT's board approved the deal";
  the KB's `company_cues`);
- a sentence whose patient is an animal ("Ivermectin Pour-On for Cattle", "provide your calf with colostrum"; the
  KB's `animal_cues`, not counting one inside a name such as "horse paste", nor a sentence that sets people beside
  animals: `people_cues`) that names none of the entry's uses other than its established ones (a dewormer's
  approved use is the animal's use too) and does not say people take it (a treatment cue and `person_cues`): the
  text uses the name in its animal sense, as below, unless one of its mentions is plainly the treatment (articles
  on people taking a horse dewormer mention horses too: "fenbendazole, a horse and dog dewormer, for her cancer" is
  caught); a sentence whose patient is a plant or a material ("plantlets", "flue gas": `material_cues`), or where
  the name is a band's or a title ("the debut album from supergroup LSD": `arts_cues`), is read the same way; on a
  page whose title ends on an animal patient ("Medicine for Dogs") or that quotes a vet label ("NOT
  FOR USE IN HUMANS"), every sentence that names no claim made to people; so in a text that names an animal
  patient by its kind twice and never a person (an equine clinic's page), every sentence that names none of the
  entry's claims. Animals as research subjects ("animal studies") or as the source of a food ("goat milk") are no
  patients of a sentence or a text;
- the other way round, once `not_when` shows the text uses a name in its other sense ("coffee tasting, known as
  cupping"), its mentions without treatment context take that sense too, unless one of them is plainly the treatment;
  a `not_when` phrase that takes in the name ("intermittent fasting") is another term, which silences only that
  same name elsewhere, not the treatment's other names ("prolonged fasting").
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from .context import HEADER, NAME_ONLY, Context, Span, Words
from .entry import Cues, Entry, Phrase
from .match import Match
from .normalize import CLOSE_QUOTES, NON_PREFIXES, OPEN_QUOTES, PARAGRAPH_BREAK, TOKEN_RE, norm

ENGLISH = "en"


VETO = "veto"                    # never a treatment here
OTHER_SENSE = "other sense"      # never a treatment here, and the text uses the name in another sense
OTHER_TERM = "other term"        # never a treatment here: the name is part of another term ("intermittent fasting")
SUBSTANCE = "substance"          # the body's own substance or cells, described
NO_CONTEXT = "no context"        # an ambiguous name with nothing around it to show a treatment is meant


def vetoed(m: Match, entry: Entry, ctx: Context, cues: Cues) -> str | None:
    """Why this match is not a highlight, or None when nothing stands against it."""
    alias = m.alias
    if ctx.in_address(m.start, m.end) or _negated(ctx.text, m) or _a_nickname(ctx.text, m) \
            or _led_by(ctx.text, m, cues.leader):
        return VETO
    if alias.lang is not None or m.fuzzy:
        lang = ctx.language(m.start)
        if lang != (alias.lang or ENGLISH) and (m.fuzzy or {lang, alias.lang} != _IBERIAN):
            return VETO
    sentence = _Around(ctx, ctx.sentence(m.start, m.end), m)
    # "the anti-ivermectin crowd" is set against the treatment, unless the sentence makes a claim for it
    if _set_against(ctx.text, m) and not sentence.any(entry.claim_words):
        return VETO
    # a colour names a product only where the product follows and the sentence makes a claim for it
    # ("chlorine dioxide-coloured drops cure autism"); a "turmeric-coloured dress" at a cancer gala is a dress
    if _a_colour(ctx.text, m) and not (_PRODUCT_AFTER_COLOUR.match(ctx.text, m.end)
                                       and sentence.any(entry.claim_words)):
        return VETO
    if entry.not_when and sentence.words.any(entry.not_when):
        # a veto phrase that takes in the name itself ("insulin resistance", "CBD office") is another term; one
        # that is only nearby ("horse") gives way when the sentence names a use: it is the sentence to catch
        if sentence.over_mention(entry.not_when):
            return OTHER_TERM
        if not sentence.any(entry.use_words):
            return OTHER_SENSE
    # a page whose title names the other sense ("How to make cleaning spray"): each mention needs its sentence to
    # name a use or a treatment cue
    header = ctx.words(*HEADER)
    if entry.not_when and header.any(entry.not_when) and not header.any(entry.use_words) \
            and not sentence.any(entry.use_words) and not sentence.cued(cues, entry.cues) \
            and not _names_a_cue(ctx, m, cues, entry) \
            and not (entry.unnamed_use.level == "danger" and _names_a_use(ctx, entry)):
        return OTHER_SENSE
    if sentence.framed(cues.measure):
        return SUBSTANCE
    if alias.ambiguous and sentence.framed(cues.raising) and not sentence.cue_follows(cues, entry):
        return SUBSTANCE
    if cues.organisation and _in_a_body_name(ctx.text, m, cues.organisation):
        return VETO
    if cues.business and _in_a_body_name(ctx.text, m, cues.business) and not _a_title_case_line(ctx.text, m.start) \
            and not _a_business_claim(entry, ctx, sentence, cues):
        return VETO
    if cues.contraband and sentence.any(cues.contraband) and _a_shipment(entry, sentence, cues):
        return OTHER_SENSE
    if cues.enforcement and entry.unnamed_use.level != "danger" and _a_drug_bust(ctx, cues) \
            and not sentence.any(cues.copy) and not sentence.cued(cues, entry.cues) and not _names_a_use(ctx, entry):
        return OTHER_SENSE
    if cues.finance and (_a_business_report(ctx, cues) or _a_business_story(ctx, cues)) \
            and not _taken_by_people(entry, ctx, cues, sentence) \
            and not (entry.unnamed_use.level == "danger" and sentence.cued(cues, entry.cues)) \
            and not sentence.any(entry.claim_words) \
            and not (sentence.any(entry.use_words) and sentence.free(cues.person, ctx.names)):
        return OTHER_SENSE
    if cues.company and _a_firms(ctx.text, m, cues.company):
        return VETO
    if _a_quoted_title(ctx, m, cues, sentence, entry) and not sentence.any(entry.claim_words):
        return OTHER_SENSE
    if about_an_animal(m, ctx, cues, sentence, entry) and not _a_claim_not_the_animals(sentence, entry, cues) \
            and not _taken_by_people(entry, ctx, cues, sentence):
        return OTHER_SENSE
    animal_page = _for_an_animal(ctx, cues)
    if animal_page and not (animal_page == "label" and _taken_by_people(entry, ctx, cues, sentence)) \
            and not (animal_page == "text" and sentence.any(entry.claim_words)
                     and not sentence.free(cues.animal, ctx.names, patients=True)) \
            and not _claims_for_people(m, entry, ctx, cues, sentence) \
            and not (animal_page != "text" and _claimed_in_text(ctx, entry, cues)):
        return OTHER_SENSE
    if alias.ambiguous and cues.substance and sentence.any(cues.substance) \
            and not sentence.cued(cues, entry.form_cues):
        return SUBSTANCE
    return NO_CONTEXT if alias.ambiguous and not treatment_meant(m, entry, ctx, cues, sentence) else None


def _names_a_cue(ctx: Context, m: Match, cues: Cues, entry: Entry) -> bool:
    """Does the mention's own name hold a treatment cue ("turmeric supplements", "insulin injections")?"""
    return ctx.words(m.start, m.end).any(cues.words + entry.cues)


def _a_quoted_title(ctx: Context, m: Match, cues: Cues, sentence: _Around, entry: Entry) -> bool:
    """Is the mention, capitalised and wholly inside quotation marks, a title: a name the text calls a title
    elsewhere ("listening to the track “Lithium”": `title_cues`), whatever its sentence says of it ("I still need a
    dose of “Lithium”"), or one in a paragraph about songs, albums or games (`arts_cues`) in a sentence with no
    treatment cue, use or taking phrase ("“Special K” is quintessential Placebo")? A claim made to people still
    counts (the caller's check), and so does a scare-quoted product taken ("the singer, whose album is out, was
    injecting “Ozempic”"; "Doctors had her on “Lithium” for bipolar disorder")."""
    text = ctx.text
    before, after = text[m.start - 1:m.start] if m.start else "", text[m.end:m.end + 2]
    if not (text[m.start:m.start + 1].isupper() and before in OPEN_QUOTES
            and (after[:1] in CLOSE_QUOTES or after[:1] in _INSIDE_QUOTES and after[1:] in CLOSE_QUOTES)):
        return False
    return text[m.start:m.end].lower() in _titles(ctx, cues) \
        or bool(cues.arts) and ctx.words(*ctx.paragraph(m.start)).any(cues.arts) and not sentence.cued(cues) \
        and not sentence.any(entry.use_words) and not sentence.framed(cues.taking)


def _titles(ctx: Context, cues: Cues) -> frozenset[str]:
    """The quoted capitalised names that a title word stands right before ("the single “Special K”"), once per
    text."""
    if ctx.titles is None:
        ctx.titles = frozenset(q.group(2).rstrip(",.").lower() for q in _QUOTED.finditer(ctx.text)
                               if norm(q.group(1)) in cues.title) if cues.title else frozenset()
    return ctx.titles


_QUOTED = re.compile(r"(\w+)[ \t]+['\"‘“]([A-Z][^'\"‘“’”\n]{0,60})['\"’”]")


_INSIDE_QUOTES = frozenset(",.")   # "the single “Lithium,” from Nevermind"


def _a_named_acronym(text: str, m: Match) -> bool:
    """Is the mention an acronym followed by a capitalised word ("two weeks on MSC Bellissima", "30 years on HRT
    Television")? Then a taking phrase before it names a ship, a channel or a firm."""
    name = text[m.start:m.end]
    return name.isupper() and bool(_CAPITALISED_NEXT.match(text, m.end))


_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-Z]")


def _a_shipment(entry: Entry, sentence: _Around, cues: Cues) -> bool:
    """Is a sentence about goods seized or smuggled (`contraband_cues`) about a shipment of this treatment, not a
    treatment taken? Only for a medicine with a proven use ("5.6 million Tramadol tablets intercepted"): a product
    with none is a warning wherever it is seized ("Health Canada seized Miracle Mineral Solution"), a sentence that
    names a copy is the copy's ("seized fake Ozempic pens"), and one that names a use is about taking it
    ("smuggling insulin from Canada for their type 1 diabetes")."""
    return any(i.level == "established" for i in entry.indications) and not sentence.any(cues.copy) \
        and not sentence.any(entry.use_words)


def _a_drug_bust(ctx: Context, cues: Cues) -> bool:
    """Is the page a report of police or customs at work (a drug bust, a smuggling case): one of the
    `enforcement_cues`, and words of those, the `seizure_cues` and the `contraband_cues` at least three times and at
    least once in every 150 words? There a name whose entry's uses the page never names is the goods ("$8.5 million
    of psilocybin mushrooms", "9 kilos of ketamine"); a page that names a use ("sold the mushrooms as a cure for
    depression") is about taking it. A regulator seizing products sold to people names no police: that page is a
    health text. Not for a product whose verdict with no use named is danger (the caller's check): black salve or
    tianeptine is a danger wherever it is seized, as in `_a_shipment`."""
    return _dense(ctx, "bust", cues.enforcement + cues.seizure + cues.contraband, 3, 150, cues.enforcement)


def _names_a_use(ctx: Context, entry: Entry) -> bool:
    """Does any paragraph of the text name one of the entry's uses, not counting words that name a harm ("can cause
    anxiety attacks and paranoia") or only a brand's name?"""
    return any(n > NAME_ONLY for span in _paragraphs(ctx) for n, _ in ctx.hits(entry, span))


def _a_business_report(ctx: Context, cues: Cues) -> bool:
    """Is the page a company's or a market's report (`finance_cues`: "revenue", "earnings", "analysts" at least five
    times, at least once in every 30 words, and three different ones)? Health news on prices and shortages never
    comes close; an earnings report names Ozempic and Wegovy as revenue lines, and its reader is not taking them."""
    return _dense(ctx, "business", cues.finance, 5, 30, distinct=3)


def _a_business_story(ctx: Context, cues: Cues) -> bool:
    """Is the page a short story about a business event: its title names one (`business_event_cues`: "Solona Medspas
    Files Bankruptcy"), and its text names one among finance words half as dense as a report's? Read as a report
    is; a title's "sales" or "lawsuit" is no event, since death and injury stories are told through lawsuits."""
    return bool(cues.business_event) and ctx.words(*HEADER).any(cues.business_event) \
        and _dense(ctx, "business-story", cues.finance, 3, 60, needed=cues.business_event, distinct=2)


def _dense(ctx: Context, kind: str, phrases: tuple[Phrase, ...], least: int, per: int,
           needed: tuple[Phrase, ...] = (), distinct: int = 1) -> bool:
    """Do the phrases occur at least `least` times and at least once in every `per` words of the text, as at least
    `distinct` different phrases (and one of `needed`, if given, at least once)? Once per text and kind, in one pass
    over the text's folded words (a set lookup each), not by cutting the text into indexed words."""
    found = ctx.page_kinds.get(kind)
    if found is None:
        words, counts = _folded_words(ctx)
        need = max(least, len(words) / per)
        firsts, _ = _surface_index(phrases)
        found = False
        if sum(counts[form] for form in firsts) >= need:   # most texts stop here: their first words are too few
            seen = list(_occurrences(words, phrases))
            kinds = {p for _, p in seen}
            found = len({i for i, _ in seen}) >= need and len(kinds) >= distinct \
                and (not needed or not kinds.isdisjoint(needed))
        ctx.page_kinds[kind] = found
    return found


def _folded_words(ctx: Context) -> tuple[list[str], Counter[str]]:
    """The text's words lower-cased and without accents, and how often each occurs, once per text."""
    if ctx.folded_words is None:
        folded = ctx.text.lower()
        if not folded.isascii():
            folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
        words = _WORD.findall(folded)
        ctx.folded_words = (words, Counter(words))
    return ctx.folded_words


_COMBINING = re.compile(r"[\u0300-\u036f]")
_WORD = re.compile(r"[^\W_]+")


def _occurrences(words: list[str], phrases: tuple[Phrase, ...]) -> Iterator[tuple[int, Phrase]]:
    """Each phrase, with the word where it starts, where it occurs among the folded words, by the surface forms its
    normalised words take (the plain word, its plural: "dealer" as "dealers", "therapy" as "therapies"). A place
    where several phrases start ("police", "police seized") counts once for the caller."""
    firsts, surface = _surface_index(phrases)
    for i, w in enumerate(words):
        for p in firsts.get(w, ()):
            if all(i + k < len(words) and surface.get(words[i + k]) == p[k] for k in range(1, len(p))):
                yield i, p


@functools.lru_cache(maxsize=8)
def _surface_index(phrases: tuple[Phrase, ...]) -> tuple[dict[str, list[Phrase]], dict[str, str]]:
    """For the phrases' words, each surface form a folded text may show (word -> normalised word), and the phrases
    by the surface forms of their first word."""
    surface: dict[str, str] = {}
    for p in phrases:
        for w in p:
            for form in (w, w + "s", w + "es", w[:-1] + "ies" if w.endswith("y") else w):
                surface.setdefault(form, w)
    firsts: dict[str, list[Phrase]] = {}
    for form, w in surface.items():
        firsts[form] = [p for p in phrases if p[0] == w]
    return {f: ps for f, ps in firsts.items() if ps}, surface


_IBERIAN = {"es", "pt"}   # a name spelled alike in both ("creatina", "ivermectina") means the same in both


def _negated(text: str, m: Match) -> bool:
    """Is the name negated as part of a word: "a non-opioid pill", "non-hormonal options", "opioid-free"?"""
    return _prefixed(text, m, NON_PREFIXES) or text[m.end:m.end + 5].lower() == "-free"


def _a_colour(text: str, m: Match) -> bool:
    """Is the name a colour's: "turmeric-colored pieces", "a saffron-coloured robe"?"""
    return _COLOURED.match(text, m.end) is not None


_COLOURED = re.compile(r"[-\u2010\u2011](?:colou?r(?:ed)?|hued)\b", re.I)
_PRODUCT_AFTER_COLOUR = re.compile(r"[-\u2010\u2011](?:colou?r(?:ed)?|hued)[ \t]+(?:[a-z-]+[ \t]+)?(?:pills?|capsules?|"
                                   r"tablets?|drops|powders?|paste|liquid|solution|tea|tonic|milk|oil|gumm(?:y|ies)|"
                                   r"tinctures?|extract|drinks?|syrup|supplements?|softgels?|caps)\b", re.I)


def _set_against(text: str, m: Match) -> bool:
    """Is the name set against in a word: "the anti-sunscreen crowd", "anti-vaccine activists"?"""
    return _prefixed(text, m, _ANTI)


def _prefixed(text: str, m: Match, prefixes: tuple[str, ...]) -> bool:
    """Does the name follow one of these prefixes, itself at the start of a word?"""
    return any(text[max(m.start - len(p), 0):m.start].lower() == p
               and (m.start == len(p) or not text[m.start - len(p) - 1].isalnum()) for p in prefixes)


_ANTI = ("anti-", "anti\u2011", "anti\u2013")


def _led_by(text: str, m: Match, leaders: frozenset[str]) -> bool:
    """Is "LED" the end of a compound that says who leads ("Doctor-Led Treatments", "nurse-led clinics": the KB's
    `leader_cues`), not light ("red-LED therapy", "a blue-LED mask")?"""
    if m.start < 2 or text[m.start - 1] not in "-\u2011" or text[m.start:m.start + 3].lower() != "led":
        return False
    leader = _LAST_WORD.search(text, max(m.start - 30, 0), m.start - 1)
    return leader is not None and norm(leader.group()) in leaders


_LAST_WORD = re.compile(r"\w+$")


def _a_nickname(text: str, m: Match) -> bool:
    """Is the name someone's nickname: after "alias", or after a capitalised Spanish or Portuguese article in the
    middle of a sentence ("alias 'El Bótox'", "Cornered, El Bótox tried to escape")?"""
    return _NICKNAME.search(text, max(m.start - 24, 0), m.start) is not None


_NICKNAME = re.compile(r"(?:\balias\s+[\"“‘']?(?:El\s+|La\s+|O\s+|A\s+)?"
                       r"|[^.!?:;\n\s–—-][\"“‘']?[ \t\u00a0]+[\"“‘']?(?:El|La|Los|Las|O|Os)[ \t\u00a0]+)\Z")


def treatment_meant(m: Match, entry: Entry, ctx: Context, cues: Cues, sentence: _Around | None = None) -> bool:
    """An ambiguous name stands for the treatment where its sentence has a treatment cue (the KB's _cues.yaml, or
    the entry's own `cues`), or says someone is on it ("I'm on TRT"), or says what it is for ("PRP for her knee"), or
    names one of its uses with a cue in the paragraph. Use words alone are not enough: biology and business
    writing name the same conditions ("NAD+ declines with ageing")."""
    sentence = sentence or _Around(ctx, ctx.sentence(m.start, m.end), m)
    if sentence.cued(cues, entry.cues) or sentence.framed(cues.taking) and not _a_named_acronym(ctx.text, m):
        return True
    words, _, hi = sentence.words, sentence.lo, sentence.hi
    if any(w in _FOR for w in words.words[hi:hi + 3]) and any(words.within(p, hi, len(words.words))
                                                             for p in entry.use_words):
        return True
    if not sentence.any(entry.use_words):
        return False
    return _Around(ctx, ctx.paragraph(m.start), m).cued(cues, entry.cues) or bool(ctx.hits(entry, HEADER))


def names_its_use(m: Match, entry: Entry, ctx: Context) -> bool:
    """Does the mention's own sentence name one of the entry's uses (for an ambiguous name, a use that is not
    established: a claim)? Then a sentence elsewhere that uses the name in another sense ("Apple cider vinegar kills
    weeds.") does not take this one along ("Apple cider vinegar helps with weight loss, fans say.")."""
    return _Around(ctx, ctx.sentence(m.start, m.end), m).any(entry.claim_words if m.alias.ambiguous
                                                               else entry.use_words)


def stands_alone(m: Match, entry: Entry, ctx: Context) -> bool:
    """Can a short form stand for its treatment in a text that never names the treatment in full? Only where its own
    sentence names one of the treatment's uses by a phrase of two or more words ("exercise may help ease the
    symptoms of low back pain"; not "an army exercise in knee-deep mud") and every use of the treatment is
    established: a short form read as the wrong treatment then shows a calm, true card, never an alarm ("an enema
    before cancer treatment" is not a coffee enema)."""
    if entry.unnamed_use.level != "established" or any(i.level != "established" for i in entry.indications):
        return False
    sentence = _Around(ctx, ctx.sentence(m.start, m.end), m)
    return any(len(p) > 1 and sentence.words.outside(p, sentence.lo, sentence.hi) for p in entry.use_words)


def about_an_animal(m: Match, ctx: Context, cues: Cues, sentence: _Around | None = None,
                    entry: Entry | None = None) -> bool:
    """Is the mention's sentence about an animal patient ("immunity to the body of the young calf"), or about what
    a chemical or a therapy is applied to when that is a plant or a material ("chemotherapy and cryotherapy clear
    viruses from plantlets", "sodium bicarbonate injected into flue gas"; `material_cues`), or is the name a band's or
    a title in a sentence about music, film or a game ("the debut album from supergroup LSD"; `arts_cues`), unless
    that sentence has a treatment cue or names one of the entry's uses ("her new song is about coming off
    antidepressants after years of depression")?
    In a text that names no treatment unambiguously and already uses the name in that sense, such a sentence does
    not show the treatment plainly meant, whatever use it names: the use is the animal's."""
    sentence = sentence or _Around(ctx, ctx.sentence(m.start, m.end), m)
    # an animal named only as what a product is meant for is no patient ("ivermectin tablets meant for animals")
    return (bool(cues.animal) and sentence.free(cues.animal, ctx.names, patients=True, idioms=cues.idioms)
            or bool(cues.material) and sentence.free(cues.material, ctx.names)
            or bool(cues.arts) and sentence.free(cues.arts, ctx.names) and not _treated_anyway(sentence, cues, entry)) \
        and not sentence.free(cues.people, ctx.names)


def _treated_anyway(sentence: _Around, cues: Cues, entry: Entry | None) -> bool:
    """Does a sentence about a song or an album still say a treatment is taken: a treatment cue, or one of the entry's
    uses?"""
    return sentence.cued(cues) or entry is not None and sentence.any(entry.use_words)


def _for_an_animal(ctx: Context, cues: Cues) -> str:
    """Why the page is about an animal patient, if it is: "title" when its title ends on one (below), "label" when
    it says its product is for animals only, as a vet drug's label does ("NOT FOR USE IN HUMANS",
    `animal_label_cues`); else "". Then the text's doses and tablets are the animal's, and only a sentence that names
    a claim made to people ("for COVID") is about people, or, where a label is only quoted (news on people taking a
    vet drug), a sentence that says people take it."""
    if ctx.for_animals is None:  # once per text
        ctx.for_animals = "title" if _title_for_an_animal(ctx, cues) else \
            "label" if cues.animal_label and _names_a_label(ctx.text.lower(), cues.animal_label) else \
            "text" if _only_animals(ctx, cues) else ""
    return ctx.for_animals


def _only_animals(ctx: Context, cues: Cues) -> bool:
    """Does the text name an animal patient by its kind at least twice ("fish", "horses"; not just "animals"), or a
    plant or material (`material_cues`: "kratom plantations"), and never a person (`person_cues`: no "people",
    "patients", "she"), or name animals at least five times and three times as often as people (a pet page names
    the owners and the children, but the dogs far more)? Then its sentences that name none of the entry's claims
    ("Does ESWT work?" on an equine clinic's page) are about the same animals; one that names a claim made to people
    ("fenbendazole, sold as a dog deworming drug, cures cancer") is not."""
    person = _single_words(cues.person)
    if not person:
        return False
    kinds = _kinds(cues.animal)
    persons, at_most = _persons_and_animals(ctx, person, frozenset(p[0] for p in kinds))
    if persons and at_most < max(5, 3 * persons):   # most texts: decided without cutting the text into words
        return False
    words = ctx.words(0, len(ctx.text))
    if persons:   # owners and children on a pet's page: at least five animals, and three to each person
        animals = len(set(_free_positions(words, kinds, ctx.names, patients=ctx.text, idioms=cues.idioms)))
        return animals >= max(5, 3 * persons) and not _free(words, cues.people, ctx.names)
    return (_named_twice(words, kinds, ctx, cues.idioms) or _named_twice(words, cues.material, ctx, ())) \
        and not _free(words, cues.people, ctx.names)


def _persons_and_animals(ctx: Context, person: frozenset[str], firsts: frozenset[str]) -> tuple[int, int]:
    """How many times a word for a person occurs outside every name, and how many words could begin an animal's
    kind (at most the animals `_free_positions` finds), in one pass over the text's words."""
    persons = animals = 0
    for w in TOKEN_RE.finditer(ctx.text):
        word = norm(w.group())
        persons += word in person and not _inside(w.start(), ctx.names)
        animals += word in firsts
    return persons, animals


def _named_twice(words: Words, phrases: tuple[Phrase, ...], ctx: Context, idioms: tuple[Phrase, ...]) -> bool:
    """Do the phrases occur at least twice as patients, outside every name? A pet named once in a post about
    someone's dose ("Drink MMS every hour. Keep it away from pets.") does not make the text about the pet."""
    found: set[int] = set()   # positions: "dog" and "dogs" are one phrase once plurals fold
    for i in _free_positions(words, phrases, ctx.names, patients=ctx.text, idioms=idioms):
        found.add(i)
        if len(found) == 2:
            return True
    return False


@functools.lru_cache(maxsize=4)
def _kinds(animal: tuple[Phrase, ...]) -> tuple[Phrase, ...]:
    """The animal words that name a kind of animal: not the word "animal" itself in any language, which texts about
    people also use ("made from plants, animals or chemicals"), nor a word with an everyday other sense ("a PET
    scan", "a CAT scan", "my calf cramps", "herd immunity", "to vet", "it bears a warning")."""
    return tuple(p for p in animal if p not in _NOT_A_KIND)


_NOT_A_KIND = frozenset({("animal",), ("animale",), ("animais",), ("animaux",), ("tiere",), ("pet",), ("cat",),
                         ("calf",), ("herd",), ("vet",), ("bear",)})


@functools.lru_cache(maxsize=4)
def _single_words(phrases: tuple[Phrase, ...]) -> frozenset[str]:
    return frozenset(p[0] for p in phrases if len(p) == 1)


def _names_a_label(lowered: str, phrases: tuple[Phrase, ...]) -> bool:
    """Does the (lower-cased) text hold one of the label phrases? Each phrase's longest word is looked for with
    `str.find`, and the phrase itself only around where it stands: a page is never cut into words, nor scanned by a
    regular expression at every offset, for a check that almost always fails (a tenth of the time on 2 MB pages)."""
    for anchor, pattern in _label_patterns(phrases):
        i = lowered.find(anchor)
        while i != -1:
            if pattern.search(lowered, max(i - _LABEL_REACH, 0), i + _LABEL_REACH):
                return True
            i = lowered.find(anchor, i + _LABEL_REACH // 2)  # a phrase around a nearer one lies in this window
    return False


@functools.lru_cache(maxsize=8)
def _label_patterns(phrases: tuple[Phrase, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each label phrase as (its longest word, a regular expression allowing a plural ending on each word)."""
    return tuple((max(p, key=len), re.compile(r"\b" + r"\W+".join(re.escape(w) + r"(?:e?s)?" for w in p) + r"\b"))
                 for p in phrases)


_LABEL_REACH = 80  # characters either side of a phrase's longest word: over twice the longest phrase


def _title_for_an_animal(ctx: Context, cues: Cues) -> bool:
    """Does the page's title end on an animal patient ("Heartworm Prevention and Medicine for Dogs", "Ivermectin in
    Cattle: dosing", "What Joint Supplement is good for my Horse?") and name no people ("a substance for cows is
    making waves with humans": the people words are those of `people_cues` that are not animals)? Not when the
    animal word is part of a name in the title ("horse paste"), is what a product is meant for ("ivermectin meant
    for horses"), or goes on ("for herd immunity", "in fish and supplements")."""
    header = ctx.words(*HEADER)
    return bool(header.words) and \
        not any(header.contain((w,)) for w in _people_words(cues.people, cues.animal)) and \
        any(_ends_on_patient(ctx, header, i, len(p)) for p in cues.animal for i in header.find(p))


def _ends_on_patient(ctx: Context, header: Words, i: int, n: int) -> bool:
    words, text = header.words, ctx.page.header
    j = i - 1 if i > 1 and words[i - 1] in _OWNERS else i   # "for my horse", "in your dog"
    if j == 0 or words[j - 1] not in _PATIENT or (j > 1 and words[j - 2] in _INTENDED):
        return False
    if _inside(header.starts[i], ctx.header_names):
        return False
    after = text[header.starts[i + n - 1]:].split(None, 1)
    rest = after[1] if len(after) > 1 else ""
    return not rest or rest[0] in _TITLE_BREAK or not after[0][-1].isalnum()


def _taken_by_people(entry: Entry, ctx: Context, cues: Cues, sentence: _Around) -> bool:
    """Does a sentence about an animal say people take the treatment: a treatment cue, and people named outside any
    name ("people have been taking it in the form of horse paste"; not "human growth hormone")?"""
    return sentence.cued(cues, entry.cues) and sentence.free(cues.person, ctx.names)


def _a_claim_not_the_animals(sentence: _Around, entry: Entry, cues: Cues) -> bool:
    """Does the sentence name one of the entry's claims that is not tied to the animal by the words around it? "CBD
    for anxiety in dogs", "dogs' anxiety" and "dog anxiety" are the dog's; "a horse dewormer, for her cancer" is not."""
    words = sentence.words
    kinds = _single_words(_kinds(cues.animal))
    w = words.words
    for p in entry.claim_words:
        for i in words.find(p):
            j = i + len(p)
            if j > sentence.lo and i < sentence.hi:
                continue   # the mention's own words
            after = j + 1 < len(w) and w[j] in _OF_ANIMALS \
                and (w[j + 1] in kinds or j + 2 < len(w) and w[j + 2] in kinds)   # "anxiety in (older) dogs"
            if not after and not (i > 0 and w[i - 1] in kinds):                   # "dog anxiety", "dogs' anxiety"
                return True
    return False


_OF_ANIMALS = frozenset({"in", "among", "of"})


def _claims_for_people(m: Match, entry: Entry, ctx: Context, cues: Cues, sentence: _Around) -> bool:
    """On a page about an animal, does the mention's sentence name a claim made to people: one of the entry's uses
    that is not established, in a paragraph that names no animal or in a sentence that names people ("joint health"
    beside a horse is the horse's; "owners took their dog's ivermectin for COVID-19" is a claim made to people)?"""
    if not sentence.any(entry.claim_words):
        return False
    return sentence.free(cues.person, ctx.names) or not _names_an_animal(ctx, ctx.paragraph(m.start), cues)


def _claimed_in_text(ctx: Context, entry: Entry, cues: Cues) -> bool:
    """Does the text name one of the entry's uses that is not established (a claim made to people) in a paragraph
    that names no animal? On a page about a horse's joints, "joint health" is the horse's."""
    found = ctx.claims_in_text.get(entry.id)
    if found is None:
        found = ctx.claims_in_text[entry.id] = ctx.words(0, len(ctx.text)).any(entry.claim_words) and \
            any(ctx.words(*span).any(entry.claim_words) and not _names_an_animal(ctx, span, cues)
                for span in _paragraphs(ctx))
    return found


def _names_an_animal(ctx: Context, span: Span, cues: Cues) -> bool:
    """Does the span name an animal outside every name the text holds ("horse paste", "fish oil" are names)?"""
    return _free(ctx.words(*span), cues.animal, ctx.names)


def _paragraphs(ctx: Context) -> Iterator[Span]:
    """The text's paragraphs, from the first to the last."""
    start = 0
    for gap in PARAGRAPH_BREAK.finditer(ctx.text):
        yield start, gap.start()
        start = gap.end()
    yield start, len(ctx.text)


_INTENDED = frozenset({"meant", "made", "intended", "designed", "formulated", "sold", "marketed", "labelled",
                       "labeled", "approved", "only", "solo", "so", "solamente", "unicamente", "somente", "apena",
                       "hecho", "feito"})
_FOR_WHOM = frozenset({"for", "para"})
_DETERMINERS = frozenset({"a", "an", "the", "no", "its", "their", "some", "this", "that"})  # "Ozempic bears a warning"
_RESEARCH = frozenset({"study", "studies", "research", "model", "models", "experiment", "experiments", "data",
                       "testing", "trial", "trials"})
_PRODUCE = frozenset({"milk", "cheese", "meat", "butter", "yogurt", "yoghurt", "colostrum", "leather", "wool", "liver",
                      "broth", "steak", "tallow", "fillet", "egg"})
_FOODS = frozenset({"meat", "dairy", "egg", "seafood", "vegetable", "fruit", "grain", "bean", "nut", "rice", "bread",
                    "cheese", "milk", "sugar"})   # a food list's neighbours: "avoids meat, fish, dairy"
_ADJACENT = re.compile(r"[\w'’-]+\s+")   # one word, then only space: "goat milk", "cow's milk", not "goats, milk"
_TITLE_BREAK = frozenset(":|-–—,.!?()[]")
_PATIENT = frozenset({"for", "in"})
_OWNERS = frozenset({"my", "your", "our", "their", "his", "her"})  # not "the": "for the Bears" is a team


@functools.lru_cache(maxsize=4)
def _people_words(people: tuple[Phrase, ...], animal: tuple[Phrase, ...]) -> frozenset[str]:
    animals = {w for p in animal for w in p}
    return frozenset(w for p in people for w in p if w not in animals and w not in ("and", "or"))


def sets_the_sense(m: Match, entry: Entry, ctx: Context, health_text: bool) -> bool:
    """Can this highlighted mention make the text's other, context-less mentions of the name count as meant? An
    unambiguous name can ("hormone replacement therapy (HRT)"); an ambiguous one can in a text that names some
    treatment by an unambiguous name (`health_text`: "BPC-157 ... regenerative peptides"), or where its own sentence
    names one of the entry's uses. Elsewhere a cue word can belong to something else ("ADT's board approved the
    deal", "take a water sample ... calcium"), so each mention needs its own context. So it does on a page whose
    title names the other sense ("A Forager's Guide to Lion's Mane Mushroom"), whatever the text."""
    if entry.not_when and ctx.words(*HEADER).any(entry.not_when):
        return False
    return not m.alias.ambiguous or health_text or _Around(ctx, ctx.sentence(m.start, m.end), m).any(entry.use_words) \
        or titled(entry, ctx)


def titled(entry: Entry, ctx: Context) -> bool:
    """Does the page's title name the treatment and one of its uses ("New Topical Borax and DMSO Method for
    Arthritis"), and nothing of its other senses? Then the whole text is about the treatment: its mentions need no
    context of their own."""
    header = ctx.words(*HEADER)
    return entry.id in ctx.header_entries and header.any(entry.use_words) \
        and not (entry.not_when and header.any(entry.not_when))


_FOR = frozenset({"for", "against", "treat", "cure"})
_PUNCTUATION = re.compile(r"[,;:.!?()\[\]—–]")
_CLOSING = re.compile(r"[)\]}]")


def _in_a_body_name(text: str, m: Match, words: tuple[str, ...]) -> bool:
    """Is the mention, capitalised, part of the name of a board, society or department ("the Chiropractic Board of
    Australia", "Dept. of Medical Acupuncture", "the Fish Oil Producers' Organization")?"""
    if not text[m.start:m.start + 1].isupper():
        return False
    after, before = _body_patterns(words)
    if after.match(text, m.end, m.end + 120):
        return True
    found = before.search(text, max(m.start - 120, 0), m.start)
    # a headline capitalises its verbs too: "Department of Health Warns Against Ivermectin" names no body around it
    return found is not None and not (found.group("between") and _a_title_case_line(text, m.start))


def _a_business_claim(entry: Entry, ctx: Context, sentence: _Around, cues: Cues) -> bool:
    """Does the sentence say what a business named after the treatment sells it for, or that someone had it there: it
    names one of the entry's uses or claims, people taking it, or, for a dangerous treatment, a treatment cue ("The
    Miami Stem Cell Center says its injections can cure knee arthritis", "the Free Flu Vaccine Clinic", "a man died
    after an infusion at the Chelation Therapy Center")? Then the name is the treatment as sold there. A headline in
    title case names no firm ("Ozone Therapy Clinic Owner Charged After Patient Dies"): the caller's check."""
    return sentence.any(entry.use_words) or sentence.any(entry.claim_words) \
        or _taken_by_people(entry, ctx, cues, sentence) \
        or entry.unnamed_use.level == "danger" and sentence.cued(cues, entry.cues)


def _a_title_case_line(text: str, pos: int) -> bool:
    """Is the line around `pos` written in title case, as headlines are (most of its longer words capitalised)?"""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    longer = _LONGER_WORD.findall(text, start, end if end != -1 else len(text))
    return len(longer) >= 4 and sum(w[0].isupper() for w in longer) >= 0.8 * len(longer)


_LONGER_WORD = re.compile(r"[^\W\d_]{4,}")


def _a_firms(text: str, m: Match, words: tuple[str, ...]) -> bool:
    """Is the mention, capitalised and in the possessive, a firm's name ("ADT's board approved the transaction",
    "ADT's shares rose")?"""
    return text[m.start:m.start + 1].isupper() and bool(_firm_pattern(words).match(text, m.end, m.end + 60))


@functools.lru_cache(maxsize=4)
def _firm_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"[’']s[ \t]+(?:[a-z-]+[ \t]+)?(?i:%s)\b" % "|".join(re.escape(w) for w in words))


@functools.lru_cache(maxsize=4)
def _body_patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    body = "|".join(re.escape(w) for w in words)
    capitalised = r"(?:[A-Z][\w’'.-]*|of|and|for|&)"
    after = re.compile(r"(?:[’']s)?(?:[ \t]+%s){0,4}?[ \t]+(?:%s)\b" % (capitalised, body))
    # English headlines capitalise every word ("Medical Board Warns of Ivermectin"): only Spanish and Portuguese
    # names put adjectives between the body's word and the name ("Mesa Nacional de Vacunación")
    before = re.compile(r"\b(?:%s)\.?(?:[ \t]+(?:of|for|on)|(?:[ \t]+[A-ZÀ-Þ][\w’'-]*){0,2}[ \t]+(?:de|del|da|do|dos|das))"
                        r"[ \t]+(?P<between>(?:[A-ZÀ-Þ][\w’'-]*[ \t]+){0,4})$" % body)
    return after, before


@functools.lru_cache(maxsize=8)
def _by_neighbour(patterns: tuple[tuple[Phrase, Phrase], ...]
                  ) -> tuple[dict[str, tuple[tuple[Phrase, Phrase], ...]], dict[str, tuple[tuple[Phrase, Phrase], ...]]]:
    """The (before, after) patterns indexed by the word next to the name: the last word before it, or, for a
    pattern with nothing before, the first word after it."""
    by_before: dict[str, tuple[tuple[Phrase, Phrase], ...]] = {}
    by_after: dict[str, tuple[tuple[Phrase, Phrase], ...]] = {}
    for before, after in patterns:
        if before:
            by_before[before[-1]] = by_before.get(before[-1], ()) + ((before, after),)
        elif after:
            by_after[after[0]] = by_after.get(after[0], ()) + ((before, after),)
    return by_before, by_after


def _free(words: Words, phrases: tuple[Phrase, ...], names: list[Span], lo: int = 0, hi: int = 0,
          patients: str = "", idioms: tuple[Phrase, ...] = ()) -> bool:
    """Does one of the phrases occur outside word positions [lo, hi) and outside every name? With `patients` (the
    text the words come from), only animals as patients count: not one right after "meant for", "sold for", "only
    for", "solo para"... (what a product is for, not who takes it), nor research on animals ("animal studies", "dog
    research"), nor an animal as the source of a food ("goat milk"), nor one inside an idiom ("used as guinea pigs
    for the vaccine", "a cattle call for cortisone shots")."""
    return next(_free_positions(words, phrases, names, lo, hi, patients, idioms), None) is not None


def _free_positions(words: Words, phrases: tuple[Phrase, ...], names: list[Span], lo: int = 0, hi: int = 0,
                    patients: str = "", idioms: tuple[Phrase, ...] = ()) -> Iterator[int]:
    """Where the phrases occur as `_free` counts them, phrase by phrase (only those whose first word the span has:
    the cue lists run to a hundred phrases, a sentence to a few dozen words)."""
    at = words.at
    for p in phrases:
        if p[0] not in at:
            continue
        for i in words.find(p):
            if (i + len(p) <= lo or i >= hi) and not _inside(words.starts[i], names) and not (
                    patients and (_not_a_patient(words, i, i + len(p), patients)
                                  or bool(idioms) and i in _idiom_positions(words, idioms))):
                yield i


def _idiom_positions(words: Words, idioms: tuple[Phrase, ...]) -> frozenset[int]:
    """The positions of words inside one of the KB's idioms, once per span (callers pass the KB's whole list)."""
    if words.idiom_positions is None:
        words.idiom_positions = frozenset(i + k for idiom in idioms for i in words.find(idiom)
                                          for k in range(len(idiom)))
    return words.idiom_positions


def _not_a_patient(words: Words, i: int, j: int, text: str) -> bool:
    """Is the animal at words [i, j) what a product is for ("sold for horses", "solo para caballos y vacas": the
    first of up to three animals after the words), a research subject ("animal studies"), food ("calf liver", a list
    such as "meat, fish, dairy"), or the verb "bears" ("Ozempic bears a boxed warning")?"""
    w = words.words
    return any(w[k] in _FOR_WHOM and w[k - 1] in _INTENDED for k in range(max(i - 3, 1), i)) \
        or j < len(w) and (w[j] in _RESEARCH or w[i] == "bear" and w[j] in _DETERMINERS
                           or _a_food(words, j, text)) \
        or _in_a_food_list(words, i, j, text)


def _in_a_food_list(words: Words, i: int, j: int, text: str) -> bool:
    """Is the animal at words [i, j) an item in a list of foods ("avoids meat, fish, dairy and sugar"): a food word
    next to it across a comma or an "and"/"or"? Not a food word written against it: "dairy cows" and "meat goats"
    are animals."""
    w = words.words
    before = i > 0 and w[i - 1] in _FOODS and _LISTED.search(text, words.starts[i - 1], words.starts[i]) is not None
    after = j < len(w) and w[j] in _FOODS and _LISTED.search(text, words.starts[j - 1], words.starts[j]) is not None
    return before or after


_LISTED = re.compile(r",|\band\b|\bor\b|\by\b|\be\b")


def _a_food(words: Words, j: int, text: str) -> bool:
    """Is the word at j a food the animal before it gives, written right after it ("the eight-day goat milk
    cleanse", "cow colostrum")? Not across punctuation, nor a label's withdrawal period ("for goats, milk withdrawal
    0 days": the goats are the patients)."""
    w = words.words
    return w[j] in _PRODUCE and (j + 1 == len(w) or w[j + 1] != "withdrawal") \
        and _ADJACENT.fullmatch(text, words.starts[j - 1], words.starts[j]) is not None


def _inside(pos: int, spans: list[Span]) -> bool:
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


_SMALL = r"(?:a|an|and|as|at|by|for|from|in|of|on|or|the|to|with)"
_TITLE_WORD = rf"(?:[A-Z0-9][\w'’-]*|{_SMALL})"
_EPITHET = re.compile(r"\b(?:(?<!such )(?<!well )as(?:[ \t]+(?:a|an|the))?|touted|promoted|so-called|called|dubbed|"
                      r"billed|hailed|labell?ed|branded|marketed)[ \t]*$", re.IGNORECASE)
_QUOTED_TITLE = re.compile(rf"(?<!\w)['\"‘“]([A-Z0-9][\w'’-]*(?:[ ,:]+{_TITLE_WORD}){{1,7}})['\"’”](?!\w)")


def _in_titles(words: Words, text: str) -> frozenset[int]:
    """The positions of words inside a quoted title ("after his turn in 'A Cure for Wellness'", the song "Cure for
    Pain"): a film's or a song's name says nothing about a treatment taken. A quoted phrase that a product is sold as
    or called ("sold as the 'Anti-Ageing Treatment'", "dubbed 'Miracle Cure'") is an epithet, and its words count."""
    if not words.starts:
        return frozenset()
    lo, hi = words.starts[0], words.starts[-1] + 1
    spans = [m.span(1) for m in _QUOTED_TITLE.finditer(text, max(lo - 1, 0), hi + 200)
             if not _EPITHET.search(text, max(m.start() - 24, 0), m.start())]
    return frozenset(i for i, start in enumerate(words.starts) if any(a <= start < b for a, b in spans))


class _Around:
    """The words of a span around a mention. The mention's own words never count: "MMR" is one of the vaccine
    entry's use words, so it cannot vouch for itself."""

    def __init__(self, ctx: Context, span: Span, m: Match):
        self.words = ctx.words(*span)
        self.lo, self.hi = self.words.index(m.start), self.words.index(m.end)
        self.text, self.start, self.end = ctx.text, m.start, m.end

    def any(self, phrases: tuple[Phrase, ...]) -> bool:
        return any(self.words.outside(p, self.lo, self.hi) for p in phrases)

    def free(self, phrases: tuple[Phrase, ...], names: list[Span], patients: bool = False,
             idioms: tuple[Phrase, ...] = ()) -> bool:
        """Does one of the phrases occur outside the mention and outside every name the text holds ("no more horse
        paste" names a product, not an animal patient)? `names` are the (start, end) offsets of candidate names."""
        return _free(self.words, phrases, names, self.lo, self.hi, self.text if patients else "", idioms)

    def framed(self, patterns: tuple[tuple[Phrase, Phrase], ...]) -> bool:
        """True when the mention stands inside one of the (words before, words after) patterns: one that measures
        the substance ("low levels of testosterone", "a vitamin D test"), or says someone takes it ("I'm on TRT").
        Words after a closing bracket are not the mention's ("interaction with Zoloft (sertraline) is low": the
        chance is low, not the drug's level), nor words before a comma or a full stop ("Ten years on, stem cells...")."""
        words, lo, hi = self.words.words, self.lo, self.hi
        by_before, by_after = _by_neighbour(patterns)   # only patterns whose nearest word is the mention's neighbour
        # a comma or a full stop parts the words before from the name ("Ten years on, stem cells remain...")
        joined = lo and not _PUNCTUATION.search(self.text, self.words.starts[lo - 1], self.start)
        near = by_before.get(words[lo - 1], ()) if joined else ()
        if hi < len(words) and not _CLOSING.search(self.text, self.end, self.words.starts[hi]):
            near += by_after.get(words[hi], ())
        return any(tuple(words[lo - len(before):lo]) == before and tuple(words[hi:hi + len(after)]) == after
                   for before, after in near if lo >= len(before))

    def cue_follows(self, cues: Cues, entry: Entry) -> bool:
        """A treatment cue, or one of the entry's own, starting within three words after the mention with no
        punctuation between ("raised testosterone doses", "boost NAD+ with weekly injections"; not "boost
        testosterone, whatever the supplement ads say")."""
        words, hi = self.words, self.hi
        for p in cues.words + entry.cues:
            found = words.find(p)
            k = bisect.bisect_left(found, hi)
            if k < len(found) and found[k] < hi + 3 and not _PUNCTUATION.search(self.text, self.end,
                                                                              words.starts[found[k]]):
                return True
        return False

    def over_mention(self, phrases: tuple[Phrase, ...]) -> bool:
        """True when one of the phrases occurs over the mention's own words ("insulin resistance")."""
        return any(self.words.over(p, self.lo, self.hi) for p in phrases)

    def cued(self, cues: Cues, own: tuple[Phrase, ...] = ()) -> bool:
        """A treatment cue outside the mention and outside any idiom ("a cash injection"): one of the KB's, or of
        `own` (an entry's cues) other than the mention's own words."""
        words, lo, hi = self.words, self.lo, self.hi
        if words.cue_bounds is None:
            words.idiom_words = _idiom_positions(words, cues.idioms) | _in_titles(words, self.text)
            found = [(i, i + len(cue)) for cue in cues.words for i in words.find(cue) if i not in words.idiom_words]
            words.cue_bounds = (min(e for _, e in found), max(i for i, _ in found)) if found else (1 << 62, -1)
        first_end, last_start = words.cue_bounds
        name = tuple(words.words[lo:hi])   # the name again is no cue for itself ("landing the jab ... the jab")
        return first_end <= lo or last_start >= hi or any(
            i not in words.idiom_words and (i + len(p) <= lo or i >= hi) for p in own if p != name
            for i in words.find(p))
