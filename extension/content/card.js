/* The card's content, built from the KB card and the highlight's verdict with DOM calls only: every string from the
 * page or the KB is set as text, never parsed as HTML. It answers in two seconds: a first line with the verdict for
 * this use (evidence, risk, what regulators decided), two or three sentences, then the number of sources, the date
 * it was reviewed and "Report a problem"; everything else is in sections the reader opens. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

  /* jurisdictions the headline names (others, such as WHO, stay in "What regulators say") */
  const PLACES = { US: "the US", EU: "the EU", UK: "the UK", CA: "Canada", AU: "Australia", NZ: "New Zealand",
    IE: "Ireland", HK: "Hong Kong" };
  /* a regulator's status (docs/annotations.schema.json) as a headline phrase, strongest first, and how places join */
  const STATUS_WORDS = [
    [["banned-or-restricted"], "banned or restricted in", " and "],
    [["not-approved", "approved-other-uses"], "not approved for this use in", " or "],
    [["warning-issued"], "official warnings in", " and "],
    [["approved"], "approved in", " and "],
  ];

  function el(doc, tag, props = {}, children = []) {
    const node = doc.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child) node.appendChild(child);
    return node;
  }

  function httpsUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "https:" ? parsed.href : null;
    } catch (_err) {
      return null;
    }
  }

  function joinPlaces(places, word) {
    return places.length < 2 ? places.join("") : `${places.slice(0, -1).join(", ")}${word}${places[places.length - 1]}`;
  }

  /** "not approved for this use in the US or the EU": from the regulators' `status` data, never from their notes.
   * The statuses are about the use the entry is about, so they are said only on a card for that verdict (where
   * "approved only for other uses" means not approved for this one). */
  function regulatorPhrase(card, highlight) {
    const ownUse = highlight.level !== "depends" && highlight.evidence === card.evidence && highlight.risk === card.risk;
    if (!ownUse) return "";
    const regulatory = Object.entries(card.regulatory || {});
    return STATUS_WORDS.map(([statuses, words, join]) => {
      const places = regulatory.filter(([where, r]) => r && statuses.includes(r.status) && PLACES[where])
        .map(([where]) => PLACES[where]);
      return places.length ? `${words} ${joinPlaces(places, join)}` : "";
    }).filter(Boolean).join(" · ");
  }

  /** The card's first line, in plain words: "Unproven for back pain · high risk · not approved in the US". */
  function verdictLine(card, highlight) {
    const regulators = regulatorPhrase(card, highlight);
    const tail = regulators ? ` · ${regulators}` : "";
    if (highlight.level === "depends") return `No use named here · its uses have different verdicts${tail}`;
    const words = Caveat.wording(highlight.evidence || card.evidence, highlight.risk || card.risk);
    const use = highlight.indication ? ` for ${highlight.indication}` : " (no use named here; every use it is known for rates the same)";
    return `${words.head}${use} · ${words.risk}${tail}`;
  }

  function indicationNote(card, highlight) {
    const match = (card.indications || []).find((i) => i.condition === highlight.indication);
    return match && match.note ? match.note : null;
  }

  /** A section the reader opens: <details> with its title; none when there is nothing to say. */
  function section(doc, title, body, open = false) {
    if (!body) return null;
    const details = el(doc, "details", { className: "more" }, [el(doc, "summary", { text: title }), body]);
    details.open = open;
    return details;
  }

  /** Each use with its own verdict (the one this card is about marked). */
  function uses(doc, card, highlight) {
    if (!card.indications || !card.indications.length) return null;
    return el(doc, "ul", { className: "uses" }, card.indications.map((i) => {
      const words = Caveat.wording(i.evidence, i.risk);
      const here = i.condition === highlight.indication ? " (this page)" : "";
      return el(doc, "li", {}, [
        el(doc, "span", { className: `tag ${i.level}`, text: words ? words.label : i.level }),
        doc.createTextNode(` ${i.condition}${here}: ${words ? `${words.head.toLowerCase()}, ${words.risk}` : i.evidence}`),
      ]);
    }));
  }

  /* an entry whose reviewers found no regulator's statement says so, rather than leaving the section out */
  const NO_REGULATOR = "The reviewers found no regulator's statement on this treatment.";

  function regulators(doc, regulatory) {
    const entries = Object.entries(regulatory || {}).filter(([, r]) => r && r.note);
    if (!entries.length) return el(doc, "p", { text: NO_REGULATOR });
    return el(doc, "ul", {}, entries.map(([where, r]) => el(doc, "li", { text: `${where}: ${r.note}` })));
  }

  function list(doc, items) {
    return items && items.length ? el(doc, "ul", {}, items.map((text) => el(doc, "li", { text: String(text) }))) : null;
  }

  function sourceItem(doc, source) {
    const href = httpsUrl(source.url);
    const title = String(source.title || source.url || "source");
    const where = [source.publisher, source.year].filter(Boolean).join(", ");
    const link = href ? el(doc, "a", { href, target: "_blank", rel: "noopener noreferrer", text: title })
      : el(doc, "span", { text: title });
    return el(doc, "li", {}, [link, where ? doc.createTextNode(` \u2014 ${where}`) : null]);
  }

  /** How the levels are chosen, for the reader who wonders why two cards differ. */
  function levelsExplained(doc) {
    return el(doc, "ul", { className: "levels" }, Object.entries(Caveat.LEVEL_WORDS).map(([level, w]) => el(doc, "li", {}, [
      el(doc, "span", { className: `tag ${level}`, text: w.label }), doc.createTextNode(` ${w.means}.`)])));
  }

  /** A button that runs `fn` only on the reader's own click: a page script's click() must not dismiss a treatment
   * (stored for every site) or open tabs. */
  function button(doc, className, text, fn, label) {
    const b = el(doc, "button", { type: "button", className, text, ...(label ? { "aria-label": label } : {}) });
    b.addEventListener("click", (e) => { if (e.isTrusted && fn) fn(); });
    return b;
  }

  /** What is always in view: how many sources, when it was reviewed, and the way to report a problem. */
  function meta(doc, card, onReport) {
    const count = (card.sources || []).length;
    return el(doc, "p", { className: "meta" }, [
      doc.createTextNode(`${count} source${count === 1 ? "" : "s"} · reviewed ${card.reviewed || "(date unknown)"} · `),
      button(doc, "report", "Report a problem", onReport && (() => onReport(card.id)), "Report a problem with this card"),
    ]);
  }

  /** The opening: the level and why, the verdict for this use, then two or three sentences. */
  function opening(doc, card, highlight) {
    const level = highlight.level || card.level;
    const words = Caveat.wording(highlight.evidence || card.evidence, highlight.risk || card.risk);
    return [
      el(doc, "p", { className: "verdict" }, [el(doc, "span", { className: `badge ${level}`, text: Caveat.LEVEL_WORDS[level].label }),
        doc.createTextNode(" "), el(doc, "strong", { className: "headline", text: verdictLine(card, highlight) })]),
      el(doc, "p", { className: "summary", text: indicationNote(card, highlight) || card.summary || "" }),
      level === "depends" ? null : el(doc, "p", { className: "why", text: words.why }),
    ];
  }

  /** The sections a reader opens; on a "depends" card the uses are the answer, so that one starts open. */
  function sections(doc, card, highlight) {
    const depends = highlight.level === "depends";
    const note = indicationNote(card, highlight);
    return [
      section(doc, depends ? "Each use and its verdict" : "Other uses and their verdicts", uses(doc, card, highlight), depends),
      section(doc, `About ${card.name}`, note && card.summary ? el(doc, "p", { text: card.summary }) : null),
      section(doc, "What regulators say", regulators(doc, card.regulatory)),
      section(doc, "Main risks", list(doc, card.risks)),
      section(doc, "Typical cost", card.cost && card.cost.note ? el(doc, "p", { text: card.cost.note }) : null),
      section(doc, `Sources (${(card.sources || []).length})`, card.sources && card.sources.length
        ? el(doc, "ol", { className: "sources" }, card.sources.map((s) => sourceItem(doc, s))) : null),
      section(doc, "How verdicts are chosen", levelsExplained(doc)),
    ];
  }

  /**
   * The card's content as an element: `card` is the KB card, `highlight` the server's highlight (level, evidence,
   * indication). `onDismiss`, `onReport` and `onClose` run when the reader hides the treatment, reports a problem
   * with the card, or closes it. `mention` ({index, count, onNext}) says which mention of the treatment this is, and
   * what moves to the next one.
   */
  function buildCard(doc, { card, highlight, onDismiss, onReport, onClose, mention = null }) {
    const body = el(doc, "div", { className: "body" });
    const next = mention && mention.count > 1 ? button(doc, "next", `Next mention (${mention.index} of ${mention.count})`,
      mention.onNext, `Next mention of ${card.name} on this page (this is ${mention.index} of ${mention.count})`) : null;
    const parts = [
      el(doc, "div", { className: "top" }, [el(doc, "p", { className: "name", text: card.name }), next,
        button(doc, "close", "\u00d7", onClose, "Close")]),
      ...opening(doc, card, highlight),
      meta(doc, card, onReport),
      ...sections(doc, card, highlight),
      el(doc, "div", { className: "foot" }, [
        el(doc, "p", { className: "advice", text: "Not medical advice: talk to a doctor before deciding." }),
        el(doc, "p", {}, [button(doc, "dismiss", `Don't show ${card.name} again`, onDismiss && (() => onDismiss(card.id)))]),
      ]),
    ];
    for (const part of parts) if (part) body.appendChild(part);
    return body;
  }

  Object.assign(Caveat, { buildCard, verdictLine, httpsUrl });
})(globalThis);
