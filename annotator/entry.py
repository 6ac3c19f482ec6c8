"""A loaded KB entry: the fields the matcher, the context rules and the cards need, built once from the YAML data."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from .cards import Card
from .levels import DEPENDS, Evidence, Level, Risk, ShownLevel, level_for
from .normalize import norm_phrase, normal

Phrase = tuple[str, ...]   # a normalised phrase: ("back", "pain")


@dataclass(frozen=True)
class Indication:
    condition: str
    words: tuple[Phrase, ...]   # normalised phrases that signal this condition
    evidence: Evidence
    risk: Risk
    level: Level
    names: tuple[Phrase, ...] = ()  # its words that are also names of the treatment ("Ozempic" for diabetes)
    harm_claim: bool = False        # a claim that the treatment causes a harm ("vaccines cause autism"), not a use
    claim: bool = False             # a claim beyond a proven treatment's uses ("statins prevent dementia")
    firsts: frozenset[str] = frozenset()  # the first words of `words`: a span with none of them names no use here


class Cues(NamedTuple):
    """The KB's treatment cues (_cues.yaml), and the idioms in which a cue word means nothing ("take place")."""
    words: tuple[Phrase, ...]
    idioms: tuple[Phrase, ...] = ()
    substance: tuple[Phrase, ...] = ()  # phrases of sentences that describe the body's own substance
    contrast: tuple[Phrase, ...] = ()   # words that set one use against another ("but", "only for")
    copy: tuple[Phrase, ...] = ()       # words that say a product is not the genuine one ("compounded", "fake")
    animal: tuple[Phrase, ...] = ()     # words that show an animal is the patient ("cattle", "calves", "dog")
    measure: tuple[tuple[Phrase, Phrase], ...] = ()  # (words before, words after) the name in "low *", "* levels"
    organisation: tuple[str, ...] = ()  # capitalised words that end or start a body's name ("Board", "Society")
    company: tuple[str, ...] = ()       # words after a possessive name that make it a firm's ("ADT's board")
    taking: tuple[tuple[Phrase, Phrase], ...] = ()   # (words before, words after) the name in "I'm on *"
    people: tuple[Phrase, ...] = ()     # words that show people are patients too ("in humans and animals")
    harm: tuple[str, ...] = ()          # phrases, as written, after which a clause lists harms ("risks of")
    raising: tuple[tuple[Phrase, Phrase], ...] = ()  # "increased *", "boost *": verbs that raise the body's level
    animal_label: tuple[Phrase, ...] = ()  # a label's words for a product for animals only ("not for human use")
    person: tuple[Phrase, ...] = ()        # words for people taking something ("people", "patients", "she")
    material: tuple[Phrase, ...] = ()      # what a chemical is applied to when not a person ("crops", "flue gas")
    arts: tuple[Phrase, ...] = ()          # words of music, film and games: a name is a band's or a title ("album")
    genuine: tuple[Phrase, ...] = ()       # words just before a name that make it the approved product ("branded")
    contraband: tuple[Phrase, ...] = ()    # words of goods seized or smuggled ("seized", "smuggling")
    enforcement: tuple[Phrase, ...] = ()   # words of police and customs at work ("police", "arrested", "raid")
    seizure: tuple[Phrase, ...] = ()       # words for goods the authorities took ("seized"), counted with those
    finance: tuple[Phrase, ...] = ()       # words of company and market reports ("revenue", "quarter", "shares")
    title: frozenset[str] = frozenset()   # words just before a quoted title ("the track “Lithium”")
    leader: frozenset[str] = frozenset()  # words before "-led" that say who leads ("doctor-led"), not LED light
    list_openers: frozenset[str] = frozenset()  # words before the first item of a list ("had", "such") (lists.py)
    list_modifiers: frozenset[str] = frozenset()  # words after a name that make it no list item ("drugs") (lists.py)
    business: tuple[str, ...] = ()      # capitalised words that end or start a business's name ("Clinic", "LLC")
    business_event: tuple[Phrase, ...] = ()  # words of a firm's bankruptcy, sale or job cuts, for titles


def framing_phrase(pattern: str) -> tuple[Phrase, Phrase]:
    """A pattern that frames the name, such as `measure_cues`' "low levels of *" or `taking_cues`' "I'm on *", as
    (the words before the name, the words after it)."""
    before, _, after = pattern.partition("*")
    return norm_phrase(before), norm_phrase(after)


class AliasSpec(NamedTuple):
    name: str
    exact: bool              # case-sensitive, whole word, never fuzzy
    ambiguous: bool          # highlighted only where the text shows a treatment is meant
    lang: str | None         # matched only in text of this language (None: the KB's own, English)
    path: tuple[str | int, ...]  # where it stands in the YAML file
    short_form: bool = False  # only in a text that names the treatment in full (short_forms.py)
    listed_with: tuple[str, ...] = ()   # only as an item of a list beside one of these entries (lists.py)


@dataclass(frozen=True)
class Verdict:
    """What a highlight says: the level, the evidence and risk behind it, and the use it is about (None: none named)."""
    level: ShownLevel
    evidence: Evidence
    risk: Risk
    indication: str | None


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    aliases: tuple[AliasSpec, ...]    # the name comes first
    not_when: tuple[Phrase, ...]      # normalised veto phrases
    cues: tuple[Phrase, ...]          # the entry's own words that show it is meant as a treatment
    indications: tuple[Indication, ...]
    card: Card
    use_words: tuple[Phrase, ...] = ()  # every use's words that are not also one of its names ("MMR")
    claim_words: tuple[Phrase, ...] = ()  # the words of its uses that are not established (claims made to people)
    examples: tuple[dict[str, Any], ...] = ()  # sentences with the card they must produce (kb_examples.py)
    form_cues: tuple[Phrase, ...] = ()  # its cues with no word of a use: how it is taken or sold ("pellet", "IU")

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Entry:
        aliases = _without_repeats(alias_list(data))
        names = {norm_phrase(a.name) for a in aliases}
        indications = tuple(_indication(i, names) for i in data["indications"])
        use_words = tuple(dict.fromkeys(p for i in indications for p in i.words))
        claimed = tuple(dict.fromkeys(p for i in indications if i.level != "established" for p in i.words))
        cues = _phrases(data.get("cues", []))
        return cls(data["id"], data["name"], aliases, _phrases(data.get("not_when", [])), cues, indications,
                   Card.from_data(data), use_words, claimed, tuple(data.get("examples", ())),
                   _form_cues(cues, use_words))

    @property
    def unnamed_use(self) -> Verdict:
        """The verdict when nothing near a mention names a use: the shared level when every use (and the default)
        has the same one, else 'depends', whose card lists each use with its verdict. A claim that the treatment
        causes a harm is no use: "get vaccinated this winter" is not made doubtful by the autism myth; nor is a
        claim beyond a proven treatment's uses: "take your statin" is not made doubtful by news on dementia."""
        card = self.card
        levels = {card.level} | {i.level for i in self.indications if not (i.harm_claim or i.claim)}
        return Verdict(card.level if len(levels) == 1 else DEPENDS, card.evidence, card.risk, None)


def _indication(data: dict[str, Any], names: set[Phrase]) -> Indication:
    """A use, with the words that name the treatment kept apart: a brand name says which use the brand is sold for
    only when nothing else in the text names one ("compounded Ozempic" is about the copy, not about diabetes)."""
    phrases = _phrases(data["words"])
    words = tuple(p for p in phrases if p not in names)
    return Indication(data["condition"], words, data["evidence"], data["risk"],
                      level_for(data["evidence"], data["risk"]), tuple(p for p in phrases if p in names),
                      bool(data.get("harm_claim")), bool(data.get("claim")), frozenset(p[0] for p in words))


def _form_cues(cues: tuple[Phrase, ...], use_words: tuple[Phrase, ...]) -> tuple[Phrase, ...]:
    """The cues that share no word with a use's words: how the treatment is taken or sold ("gummies", "pellet").
    "sleep" is part of melatonin's "sleep aid", and biology writing names it too."""
    in_uses = {word for phrase in use_words for word in phrase}
    return tuple(c for c in cues if not in_uses.intersection(c))


def bare_name(name: str) -> str:
    """The name without a bracketed abbreviation: "Platelet-rich plasma (PRP)" is matched as "Platelet-rich
    plasma"."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip() or name


def alias_list(data: dict[str, Any]) -> list[AliasSpec]:
    """Every spelling the matcher looks for. The name counts, as its `bare_name`."""
    out = [AliasSpec(bare_name(data["name"]), False, False, None, ("name",))]
    for i, alias in enumerate(data["aliases"]):
        if isinstance(alias, str):
            out.append(AliasSpec(alias, False, False, None, ("aliases", i)))
        else:
            out.append(AliasSpec(alias["name"], bool(alias.get("exact")), bool(alias.get("ambiguous")),
                                 alias.get("lang"), ("aliases", i), bool(alias.get("short_form")),
                                 tuple(alias.get("listed_with") or ())))
    return out


def _without_repeats(aliases: list[AliasSpec]) -> tuple[AliasSpec, ...]:
    """Each spelling once in each language (Spanish and Portuguese both write "ivermectina"). The name is dropped
    when an alias spells the same words: the alias says how that spelling is matched ("CBD (cannabidiol)" is named
    "CBD", and the alias CBD is exact and ambiguous)."""
    name, rest = aliases[0], aliases[1:]
    first = [] if any(norm_phrase(a.name) == norm_phrase(name.name) for a in rest) else [name]
    unique: dict[tuple[str, bool, str | None], AliasSpec] = {}
    for alias in first + rest:
        unique.setdefault((alias.name, alias.exact, alias.lang), alias)
    return tuple(unique.values())


def _phrases(words: list[str]) -> tuple[Phrase, ...]:
    """Each phrase normalised, plus its words run together ("anti-ageing" also as "antiageing"), as the matcher
    does for names."""
    out: dict[Phrase, None] = {}
    for phrase in map(norm_phrase, words):
        if phrase:
            out[phrase] = None
            if len(phrase) > 1:
                out[(normal("".join(phrase)),)] = None
    return tuple(out)
