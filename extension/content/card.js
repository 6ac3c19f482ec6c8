/* Builds the card a reader sees for one highlight. Every string from the server or the page goes in through
 * textContent or a DOM property, never as HTML, and only https links are made clickable. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

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

  /** "Stem cell therapy - for back pain: unproven", from the highlight's verdict for the article's indication;
   * "depends on the use" when the page names none and the uses differ (the card then lists them). */
  function verdictLine(card, highlight) {
    if (highlight.level === "depends") return `${card.name}: depends on the use (no use named here)`;
    const evidence = highlight.evidence || card.evidence;
    return highlight.indication
      ? `${card.name} - for ${highlight.indication}: ${evidence}`
      : `${card.name}: ${evidence}`;
  }

  /** Each use with its own verdict: what a "depends" card is about. */
  function uses(doc, indications) {
    if (!indications || !indications.length) return null;
    return el(doc, "ul", { className: "uses" }, indications.map((i) => el(doc, "li", {}, [
      el(doc, "span", { className: "level-word", text: `${i.condition}: ` }),
      doc.createTextNode(`${i.evidence} · ${i.risk} risk → ${i.level}`),
    ])));
  }

  function section(doc, title, body) {
    return body ? [el(doc, "h3", { text: title }), body] : [];
  }

  function regulators(doc, regulatory) {
    const entries = Object.entries(regulatory || {}).filter(([, r]) => r && r.note);
    if (!entries.length) return null;
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

  function indicationNote(card, highlight) {
    const match = (card.indications || []).find((i) => i.condition === highlight.indication);
    return match && match.note ? match.note : null;
  }

  /**
   * The card's content as an element: `card` is the KB card, `highlight` the server's highlight (level, evidence,
   * indication). `onDismiss`, `onReport` and `onClose` run when the reader hides the treatment, reports a problem
   * with the card, or closes it.
   */
  function buildCard(doc, { card, highlight, onDismiss, onReport, onClose }) {
    const level = highlight.level || card.level;
    const body = el(doc, "div", { className: "body" });
    const style = (Caveat.LEVEL_STYLE || {})[level];
    const badge = el(doc, "span", { className: `badge ${level}`, text: style ? style.label : level });
    const closeButton = el(doc, "button", { className: "close", type: "button", "aria-label": "Close", text: "\u00d7" });
    // Only the reader's own clicks count: a page script that reaches the card and calls click() must not be able to
    // dismiss a treatment (stored for every site) or open tabs.
    const trusted = (fn) => (e) => { if (e.isTrusted && fn) fn(); };
    closeButton.addEventListener("click", trusted(onClose));
    const dismiss = el(doc, "button", { type: "button", className: "dismiss", text: `Don't show ${card.name} again` });
    dismiss.addEventListener("click", trusted(onDismiss && (() => onDismiss(card.id))));
    const report = el(doc, "button", { type: "button", className: "report", text: "Report a problem with this card" });
    report.addEventListener("click", trusted(onReport && (() => onReport(card.id))));
    const note = indicationNote(card, highlight);
    const parts = [
      closeButton,
      el(doc, "p", { className: "name", text: card.name }),
      el(doc, "p", { className: "verdict" }, [badge, doc.createTextNode(verdictLine(card, highlight))]),
      el(doc, "p", { className: "summary", text: card.summary || "" }),
      note ? el(doc, "p", { className: "note", text: note }) : null,
      // only where no use is named: elsewhere the list would push regulators and sources out of reach
      ...section(doc, "It depends on the use", level === "depends" ? uses(doc, card.indications) : null),
      ...section(doc, "What regulators say", regulators(doc, card.regulatory)),
      ...section(doc, "Main risks", list(doc, card.risks)),
      ...section(doc, "Typical cost", card.cost && card.cost.note ? el(doc, "p", { text: card.cost.note }) : null),
      ...section(doc, "Sources", card.sources && card.sources.length
        ? el(doc, "ol", { className: "sources" }, card.sources.map((s) => sourceItem(doc, s))) : null),
      el(doc, "div", { className: "foot" }, [
        el(doc, "p", { className: "reviewed", text: `Reviewed ${card.reviewed || "(date unknown)"}` }),
        el(doc, "p", { className: "advice", text: "Not medical advice: talk to a doctor before deciding." }),
        el(doc, "p", {}, [report]),
        el(doc, "p", {}, [dismiss]),
      ]),
    ];
    for (const part of parts) if (part) body.appendChild(part);
    return body;
  }

  Object.assign(Caveat, { buildCard, verdictLine, httpsUrl });
})(globalThis);
