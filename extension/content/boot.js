/* Wires Caveat into the page: pointer, keyboard and tap on highlights open the card; the popup's questions are
 * answered; settings changes apply at once. Loaded last of the content scripts. */
(function (root) {
  "use strict";
  const Caveat = root.Caveat;
  const page = Caveat.page;
  if (page.booted) return; // injected again (see main.js)
  page.booted = true;
  const { applySettings, report, startedAt } = Caveat.contentMain;

  function markFrom(event) {
    const target = event.composedPath ? event.composedPath()[0] : event.target;
    const mark = target && target.nodeType === 1 ? target.closest(Caveat.MARK) : target && target.parentElement
      && target.parentElement.closest(Caveat.MARK);
    if (!mark || !page.annotator) return null;
    const first = page.annotator.placedFor(mark);
    return first ? first.marks[0] : null;
  }

  /** The report page is an extension page, which a web page may not link to: the worker opens it. */
  function reportProblem(treatment) {
    const kb = (page.annotator && page.annotator.kbVersion) || "";
    chrome.runtime.sendMessage({ type: "report", treatment, kb }).catch(() => {});
  }

  function dismiss(treatment) {
    page.popover.close();
    const dismissed = [...new Set([...page.settings.dismissed, treatment])];
    chrome.storage.sync.set({ dismissed }).catch(() => {});
  }

  /** The card for the highlight a mark belongs to. */
  function render(mark) {
    const placed = page.annotator && page.annotator.placedFor(mark);
    const card = placed && page.annotator.cards.get(placed.treatment);
    if (!card) return null;
    const mentions = page.annotator.live().filter((p) => p.treatment === placed.treatment);
    const index = mentions.indexOf(placed);
    const element = Caveat.buildCard(document, {
      card, highlight: placed.highlight, onDismiss: dismiss, onReport: reportProblem,
      onClose: () => page.popover.close({ returnFocus: true }),
      mention: { index: index + 1, count: mentions.length, onNext: () => nextMention(mentions[(index + 1) % mentions.length]) },
    });
    return { element, level: placed.level, marks: placed.marks, key: placed.highlight,
      title: Caveat.verdictLine(card, placed.highlight) };
  }

  /** Brings a mention into view and gives it keyboard focus (which opens its card). */
  function focusMention(placed) {
    const mark = placed.marks[0];
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }

  /** "Next mention" in a card: the next mention's card opens, with focus on its own "Next mention", so that each
   * press goes one further. */
  function nextMention(placed) {
    focusMention(placed);
    page.popover.focusCard(".next");
  }

  page.popover = new Caveat.Popover(document, render);
  page.jumps = new Map();

  /** After Esc the pointer may rest on another highlight, which the browser then reports as hovered: it opens
   * nothing until the pointer moves. */
  function holdHover() {
    page.hoverHeld = true;
    document.addEventListener("mousemove", () => { page.hoverHeld = false; }, { once: true, capture: true });
  }

  const handlers = {
    pointerdown(e) {
      page.touch = e.pointerType === "touch"; // a tap: the mouse events that follow are the browser's imitation
    },
    mouseover(e) {
      const mark = markFrom(e);
      if (!mark || page.hoverHeld) return;
      page.popover.open(mark);
      if (page.touch) page.popover.pinned = true; // a tap opens it like a click
    },
    mouseout(e) {
      if (markFrom(e) && !page.popover.pinned && !page.popover.contains(e.relatedTarget)) page.popover.scheduleClose();
    },
    focusin(e) {
      const mark = markFrom(e);
      if (!mark) return;
      page.popover.open(mark);
      page.popover.focusedMark = mark;
    },
    focusout(e) {
      if (!markFrom(e)) return;
      if (e.relatedTarget) page.popover.focusedMark = null; // moved on (a highlight the page removes keeps it)
      if (!page.popover.contains(e.relatedTarget)) page.popover.scheduleClose();
    },
    click(e) {
      const mark = markFrom(e);
      if (!mark) { // a click elsewhere closes a card a click opened
        if (page.popover.pinned && !page.popover.contains(e.target)) page.popover.close();
        return;
      }
      if (mark.closest("a[href]")) return; // inside a link, the link keeps working
      page.popover.open(mark);
      page.popover.pinned = true;
    },
    keydown(e) {
      if (e.key === "Escape" && page.popover.mark) {
        page.popover.close({ returnFocus: true });
        holdHover();
        return;
      }
      const mark = (e.key === "Enter" || e.key === " ") && markFrom(e);
      if (mark) {
        e.preventDefault();
        page.popover.open(mark);
        page.popover.focusCard();
      }
    },
  };
  for (const [type, handler] of Object.entries(handlers)) {
    document.addEventListener(type, (e) => {
      if (!e.isTrusted) return; // a page script's synthetic events never drive Caveat
      try {
        handler(e);
      } catch (_err) {
        /* never break the page's own event handling */
      }
    }, true);
  }
  const follow = () => page.popover.mark && page.popover.place(); // the card stays beside its highlight
  root.addEventListener("scroll", follow, { passive: true, capture: true });
  root.addEventListener("resize", follow, { passive: true });

  /** Focuses the next mention of a treatment (of one level, when `level` is given): each press goes further. */
  function jump(id, level) {
    const placed = page.annotator
      ? page.annotator.live().filter((p) => p.treatment === id && (!level || p.level === level)) : [];
    if (!placed.length) return false;
    const key = `${id}\n${level || ""}`;
    const next = ((page.jumps.get(key) ?? -1) + 1) % placed.length;
    page.jumps.set(key, next);
    focusMention(placed[next]);
    return true;
  }

  function status() {
    const annotator = page.annotator;
    return {
      state: page.state,
      error: page.error,
      host: location.hostname,
      treatments: annotator ? annotator.summary() : [],
      perf: annotator && {
        startedAt, paintedAt: page.paintedAt, batches: annotator.batches, unanchored: annotator.unanchored,
        hidden: annotator.hidden, pending: page.dirty.size, // regions queued to be collected again
        sending: page.sending, // batches under way
      },
      checked: annotator ? annotator.answers.size : 0, // texts read (each line of text once)
      unchecked: page.waiting.size + page.unseen.size, // hidden parts holding prose, checked when they show
      servers: [...page.servers], // who answered (see main.js)
    };
  }

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only Caveat's own pages (popup, worker) may ask; other content scripts and pages cannot reach this listener.
    if (sender.id !== chrome.runtime.id || !String(sender.url || "").startsWith(chrome.runtime.getURL(""))) return false;
    if (message && message.type === "getStatus") sendResponse(status());
    else if (message && message.type === "activate") { // the reader clicked Caveat's button on this page
      const waiting = page.state === "waiting";
      page.activated = true;
      if (waiting) applySettings().catch(() => report());
      sendResponse({ ok: true });
    }
    else if (message && message.type === "jump") {
      sendResponse({ ok: jump(String(message.id), message.level ? String(message.level) : "") });
    }
    return false;
  });

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "sync") applySettings().catch(() => {});
  });

  applySettings().catch(() => report());
})(globalThis);
