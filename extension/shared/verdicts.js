/* The words of a verdict: one table for every evidence x risk pair, shared by the card and the options page.
 * The level (danger ... established) comes from evidence and risk together, so two cards with the same evidence can
 * carry different levels ("disproven, low risk" is a warning, "disproven, high risk" a danger). The card therefore
 * never shows a level word alone: its "why" line names both halves, so the difference reads as the risk, never as a
 * contradiction. The level matrix mirrors annotator/levels.py (a unit test holds the two together). */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

  const EVIDENCE = ["established", "promising", "limited", "unproven", "disproven"];
  const RISKS = ["low", "moderate", "high", "severe"];

  /* evidence -> level per risk, in the order of RISKS (annotator/levels.py) */
  const MATRIX = {
    established: ["established", "established", "established", "established"],
    promising: ["caution", "caution", "warning", "danger"],
    limited: ["caution", "caution", "warning", "danger"],
    unproven: ["warning", "warning", "danger", "danger"],
    disproven: ["warning", "warning", "danger", "danger"],
  };

  /* what the headline says about the evidence for a use, and how the "why" line says it */
  const EVIDENCE_WORDS = {
    established: { head: "Established", why: "good evidence it works" },
    promising: { head: "Early evidence", why: "early evidence only" },
    limited: { head: "Little evidence", why: "little or weak evidence it works" },
    unproven: { head: "Unproven", why: "no good evidence it works" },
    disproven: { head: "Shown not to work", why: "good evidence it does not work" },
  };

  const LEVEL_WORDS = {
    danger: { label: "Danger", means: "little or no evidence it helps, and a high or severe risk of harm" },
    warning: { label: "Warning", means: "no good evidence it helps but a low or moderate risk, or early evidence and a high risk" },
    depends: { label: "Depends on the use", means: "the page names no use, and the treatment's uses have different verdicts: the card lists them" },
    caution: { label: "Caution", means: "early or limited evidence, and a low or moderate risk" },
    established: { label: "Established", means: "good evidence it works for this use; its risks are weighed by doctors" },
  };

  function levelFor(evidence, risk) {
    const row = MATRIX[evidence];
    return row ? row[RISKS.indexOf(risk)] : undefined;
  }

  /** The words for one evidence x risk pair: {level, label, head, risk, why}. */
  function wording(evidence, risk) {
    const level = levelFor(evidence, risk);
    const words = EVIDENCE_WORDS[evidence];
    if (!level || !words) return null;
    const harm = level === "established" ? `${risk} risk, weighed against the benefit` : `${risk} risk of harm`;
    return { level, label: LEVEL_WORDS[level].label, head: words.head, risk: `${risk} risk`,
      why: `${LEVEL_WORDS[level].label}: ${words.why}; ${harm}.` };
  }

  Object.assign(Caveat, { EVIDENCE, RISKS, LEVEL_WORDS, levelFor, wording });
})(globalThis);
