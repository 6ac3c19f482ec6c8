"""Which use a mention is about, and so which verdict its highlight shows.

The words of each of the entry's uses (indications) are looked for nearest first: the mention's sentence, its
paragraph, the page's title and headline, then the paragraphs around it, ring by ring. In the first place where any
use's words occur, the most specific wins: a longer phrase beats a shorter one ("treatment-resistant depression"
beats "depression"), and words within three words of the mention, or in its own clause, count one more, unless
they only name the drug's class ("the anti-parasitic drug ivermectin, which he called a cure for cancer"); a
class that is the sentence's only use gives way to a use the paragraph, the page or the paragraphs around name. A
treatment's own name among a use's words (a brand sold for one use: "Spravato", "Ozempic") counts as much when it is
the mention itself, and least anywhere else, and not more than a use's other words when the sentence says the
product is a copy (`copy_cues`): "compounded versions of tirzepatide (Mounjaro)" is about the copy, and "fake
Ozempic pens" are not the approved use; a copy word close to a generic name, or in its clause, makes it the use
whose words include that copy word, however long a proven use's phrase ("compounded semaglutide and/or
tirzepatide weight loss injections"), and anywhere before it in its sentence on a page whose title names a copy
("FBI warns of counterfeit semaglutide": "drugs that claim to contain semaglutide"; not "semaglutide prescribed for
diabetes ... should not switch to compounded products"); so does one before a brand's name in its clause with nothing
between that starts another part of the sentence ("fake versions of diabetes treatments Ozempic and Mounjaro, for
weight loss"; not "compounded semaglutide and urge patients to stick with Wegovy"). Words after a harm phrase
(`harm_cues`: "documented risks of blindness"), to the clause's end or the next highlighted treatment, name harms,
not uses. A brand's name nearby is the last resort: the paragraph, the page and the paragraphs around are read first
("semaglutide, sold as Ozempic" in an article on compounded copies is about the copies). On equal strength the most
cautious use wins, whatever the phrases' lengths.
When nothing names a use, the highlight says so: the level all uses share, or "depends" (docs/knowledge-base.md,
"How verdicts are chosen").
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .context import HEADER, NAME_ONLY, Context, Words, strongest
from .entry import Cues, Entry, Indication, Phrase, Verdict

NEAR = 3   # words either side of a mention that count as close, even across a comma
COPY_NEAR = 6   # words either side where a copy word still describes the mention ("compounded X and/or Y")
GENUINE_NEAR = 4   # words before a mention where a genuine word still describes it ("FDA-approved injectable X")


def verdict_for(entry: Entry, ctx: Context, start: int, end: int, cues: Cues = Cues(())) -> Verdict:
    ind = indication_for(entry, ctx, start, end, cues)
    return Verdict(ind.level, ind.evidence, ind.risk, ind.condition) if ind else entry.unnamed_use


def indication_for(entry: Entry, ctx: Context, start: int, end: int, cues: Cues = Cues(())) -> Indication | None:
    if not entry.indications:
        return None
    span = ctx.sentence(start, end)
    words = ctx.words(*span)
    lo, hi = max(words.index(start) - NEAR, 0), words.index(end) + NEAR
    clause = ctx.clause(start, end)
    if clause != span:  # a sentence of one clause makes nothing closer than the rest
        lo, hi = min(lo, words.index(clause[0])), max(hi, words.index(clause[1]))
    own = words.index(start), words.index(end)
    marked = _called_genuine(words, own, cues)
    genuine = marked or not words.any(cues.copy)
    sentence = _claimed_harm([(_score(ctx, span, ind, n, (lo, hi), own, genuine), n, ind)
                              for n, ind in ctx.hits(entry, span)], words, own)
    if marked:
        sentence = _not_copies(sentence, cues.copy, words)
    labels = _labels(sentence, words, own)
    if labels and words.any(cues.words):   # "my dad takes the diabetes drug metformin": the class is the use
        labels = set()
    if sentence and max(h[0] for h in sentence) > NAME_ONLY and not labels:
        if not genuine and not _a_brand(sentence, words, own):
            near = (0, max(hi, own[1] + COPY_NEAR)) if ctx.words(*HEADER).any(cues.copy) else \
                (min(lo, max(own[0] - COPY_NEAR, 0)), max(hi, own[1] + COPY_NEAR))   # a page about copies: all before
            sentence = _copied(sentence, words, cues.copy, near)
        elif not genuine:
            sentence = _copied(sentence, words, cues.copy, _governed(ctx, words, own, start))
        return strongest(_contrast(sentence, words, cues.contrast))
    paragraph = ctx.paragraph(start)
    for hits in _further(entry, ctx, paragraph, cues.contrast):
        hits = _not_copies(hits, cues.copy) if marked else hits
        hits = [h for h in hits if h[2] not in labels]
        if hits and max(h[0] for h in hits) > NAME_ONLY:
            return strongest(hits)
    return strongest(sentence)  # only a class label or a brand's name says which use: take the sentence's


def _called_genuine(words: Words, own: tuple[int, int], cues: Cues) -> bool:
    """Does a genuine word stand up to four words before the mention ("FDA-approved injectable semaglutide"), with no
    copy word within six words of it ("counterfeit versions of branded Ozempic", "licensed but sold counterfeit
    Ozempic") and nothing that denies it ("not genuine Ozempic", "falsely claimed to be FDA-approved")?"""
    lo = max(own[0] - GENUINE_NEAR, 0)
    found = [i for p in cues.genuine for i in words.find(p) if lo <= i and i + len(p) <= own[0]]
    return bool(found) and not any(words.over(p, max(own[0] - COPY_NEAR, 0), own[1] + COPY_NEAR) for p in cues.copy) \
        and not any(w in _DENIALS for i in found for w in words.words[max(i - 2, 0):i])


_DENIALS = frozenset({"not", "non", "isn't", "isnt", "never", "falsely", "claimed", "claim", "claims", "as", "fake"})


def _not_copies(hits: list[tuple[float, float, Indication]], copy: tuple[Phrase, ...], words: Words | None = None
                ) -> list[tuple[float, float, Indication]]:
    """The uses that are not a copy's: a mention the text calls genuine ("FDA-approved injectable semaglutide",
    "branded Ozempic"; `genuine_cues`) is the approved product, whatever copy words its sentence or page hold. In its
    own sentence the copy's use still stands when words other than copy words name it ("obtaining branded Ozempic
    without a valid prescription")."""
    return [h for h in hits if not any(p in h[2].words for p in copy)
            or words is not None and any(p not in copy and words.contain(p) for p in h[2].words)]


def _contrast(hits: list[tuple[float, float, Indication]], words: Words,
              contrast: tuple[Phrase, ...]) -> list[tuple[float, float, Indication]]:
    """A sentence that names an established use beside another, with a word that sets them apart ("proven for
    decompression sickness, but no evidence it helps autism"; "cleared only for ..."), is about the other use."""
    other = [h for h in hits if h[2].level != "established"]
    if other and len(other) < len(hits) and _sets_apart(words, contrast):
        return other
    return hits


def _copied(hits: list[tuple[float, float, Indication]], words: Words, copy: tuple[Phrase, ...],
            near: tuple[int, int]) -> list[tuple[float, float, Indication]]:
    """A copy word within a few words of the mention or in its clause ("compounded semaglutide and/or tirzepatide
    weight loss injections") makes the mention the use whose words say so, however long the proven use's phrase: a
    copy is not the product proven for it. Farther off it may be about something else ("approved for weight management
    in 2021, and the FDA has warned about counterfeit versions"). Not for a brand's name (the caller's check):
    "compounded tirzepatide, the active ingredient in Mounjaro" names the genuine product beside the copy."""
    said = [p for p in copy if words.within(p, *near)]
    copied = [h for h in hits if any(p in h[2].words for p in said)]
    return copied or hits


def _claimed_harm(hits: list[tuple[float, float, Indication]], words: Words, own: tuple[int, int]
                  ) -> list[tuple[float, float, Indication]]:
    """A harm claimed in the sentence's other words ("The whooping cough vaccine causes autism") beats a use named
    only inside the mention itself ("whooping cough vaccine"): the sentence is about the claim."""
    if not any(h[2].harm_claim for h in hits):
        return hits
    told = [h for h in hits if any(words.outside(p, *own) for p in h[2].words)]
    return told if any(h[2].harm_claim for h in told) else hits


def _governed(ctx: Context, words: Words, own: tuple[int, int], start: int) -> tuple[int, int]:
    """The words before a brand's name, in its clause, back to the nearest punctuation or word that starts another
    part of the sentence (`_STOPS`): a copy word there describes the brand ("fake versions of diabetes treatments
    Ozempic and Mounjaro, for weight loss"); one across a comma or a "to" names another product ("compounded
    tirzepatide, the active ingredient in Mounjaro"; "urge patients to stick with Wegovy")."""
    clause = ctx.clause(start, start + 1)
    stop = max((m.end() for m in _STOPS.finditer(ctx.text, clause[0], start)), default=clause[0])
    return words.index(stop), own[0]


# punctuation, and words that start another part of the sentence ("warn against compounded semaglutide and urge
# patients to stick with Wegovy", "fake pens should switch to Ozempic")
_STOPS = re.compile(r"[,;:()\[\]—–]|\b(?:to|than|instead|but|while|with|that|which|who|should|must|urge[ds]?|"
                    r"not)\b", re.IGNORECASE)


def _a_brand(hits: list[tuple[float, float, Indication]], words: Words, own: tuple[int, int]) -> bool:
    """Is the mention itself a name one of its uses is sold under ("Mounjaro", "Ozempic")?"""
    return any(words.within(p, *own) for h in hits for p in h[2].names)


_OPENERS = frozenset({("however",), ("but",)})


def _sets_apart(words: Words, contrast: tuple[Phrase, ...]) -> bool:
    """Does the sentence set one thing against another? "However" or "But" opening it sets it against the sentence
    before ("However, the advice is vitamin D for bone health during the pandemic"); "Although", "Whereas" or "The
    only" opening it set its own parts apart."""
    return any(i > 0 or p not in _OPENERS for p in contrast for i in words.find(p))


def _score(ctx: Context, span: tuple[int, int], ind: Indication, n: float, near: tuple[int, int],
           own: tuple[int, int], genuine: bool) -> float:
    """How strongly a sentence ties the mention to a use: its words count one more within three words of the
    mention, and the mention itself being a name sold for that use ("Spravato") counts as much, unless the sentence
    says the product is a copy ("compounded versions of tirzepatide (Mounjaro)"): then the name is one word among
    the others, and a tie goes to the more cautious use."""
    words = ctx.words(*span)
    label = _label_start(words, ind.words, own[0]) if ind.level == "established" else None
    close = max(ctx.longest_use(span, ind.words, near[0], label), ctx.longest_use(span, ind.words, own[0], near[1])) \
        if label is not None else ctx.longest_use(span, ind.words, *near)
    named = max((len(p) for p in ind.names if words.within(p, *own)), default=0)
    return max(n, close + 1 if close else 0, named + genuine if named else 0)


def _labels(hits: list[tuple[float, float, Indication]], words: Words, own: tuple[int, int]) -> set[Indication]:
    """The sentence's proven uses when they are named only as the mention's class ("reports of poisoning by the
    anti-parasite drug Ivermectin" under a title on COVID-19): that says what the product is, not what it is used
    for, so the paragraph, the page and the paragraphs around are read first, and only when they name no other use
    is the class the use. Empty when the sentence names any use otherwise, or the mention is a brand sold for the
    use ("diabetes drug Ozempic"); the caller keeps the class when the sentence has a treatment cue ("my dad takes
    the diabetes drug metformin")."""
    if not hits:
        return set()
    label = _label_start(words, tuple(p for h in hits for p in h[2].words), own[0])
    if label is None or any(h[2].level != "established" for h in hits) or _a_brand(hits, words, own):
        return set()
    named = {h[2] for h in hits if h[0] > NAME_ONLY}
    elsewhere = any(i < label or i >= own[0] for h in hits for p in h[2].words for i in words.find(p))
    return set() if elsewhere else named


_CLASS = frozenset({"drug", "medication", "medicine", "pill", "treatment"})


def _label_start(words: Words, phrases: tuple[Phrase, ...], first: int) -> int | None:
    """Where a use named as the mention's class starts ("the anti-parasitic drug ivermectin", "the diabetes
    medication Ozempic"): a description of what the product is, not of what the sentence says it is used for. Only
    for a proven use (the caller's check): "the COVID drug ivermectin" names the claim itself."""
    if first < 2 or words.words[first - 1] not in _CLASS:
        return None
    starts = [first - 1 - len(p) for p in phrases if first - 1 - len(p) >= 0
              and tuple(words.words[first - 1 - len(p):first - 1]) == p]
    return min(starts) if starts else None


def _further(entry: Entry, ctx: Context, paragraph: tuple[int, int], contrast: tuple[Phrase, ...]
             ) -> Iterator[list[tuple[float, float, Indication]]]:
    """The paragraph, the title and headline, then the paragraphs around, except those about other treatments
    (their uses are theirs). Articles often set a treatment's proven use beside the one being sold ("a transplant
    is proven for leukaemia ..."), so the paragraphs around may make a verdict more cautious, never calmer: an
    established use found only there is not taken; nor is one from a sentence of the paragraph that sets it apart
    ("The only stem cell product the FDA has approved is for blood cancers")."""
    key = (entry.id, paragraph, contrast)
    found = ctx.paragraph_uses.get(key)
    if found is None:  # once per paragraph: a paragraph of many sentences and mentions is not read again for each
        found = ctx.paragraph_uses[key] = [(n, n, ind) for span in ctx.sentences(paragraph)
                                           for n, ind in ctx.hits(entry, span)
                                           if ind.level != "established" or not _sets_apart(ctx.words(*span), contrast)]
    yield found
    yield [(n, n, ind) for n, ind in ctx.hits(entry, HEADER)]
    for ring in ctx.neighbours(paragraph):
        yield [(n, n, ind) for span in ring if ctx.treatments.get(span, {entry.id}) <= {entry.id}
               for n, ind in ctx.hits(entry, span) if ind.level != "established" and not ind.claim]
