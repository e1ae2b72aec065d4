"use strict";
// Filters the reference as you type and handles #486-style anchors. The codes themselves
// are static HTML above, so without script the page still reads in full.
(function () {
  const input = document.getElementById("q");
  const status = document.getElementById("status");
  const unknown = document.getElementById("unknown");
  const none = document.getElementById("none");
  const chips = Array.from(document.querySelectorAll(".chip"));
  const sections = Array.from(document.querySelectorAll("section.class"));
  const classWords = new Map();
  for (const section of sections) {
    for (const word of section.dataset.keywords.split("|")) classWords.set(word, section.dataset.class);
  }
  const cards = Array.from(document.querySelectorAll("article.code")).map((el) => ({
    el,
    code: el.dataset.code,
    digit: el.closest("section").dataset.class,
    text: normalize(el.textContent),
  }));
  const total = cards.length;
  const canHighlight = typeof Highlight === "function" && typeof CSS !== "undefined" && "highlights" in CSS;

  function normalize(text) {
    return text.toLowerCase().replace(/\s+/g, " ");
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // A query is a class name ("4xx", "global", "client error"), or terms that must all
  // match: digits match the start of a code ("48"), "Nxx" a class, anything else the start
  // of a word in the phrase, description, references or Rust name ("busy").
  function parse(raw) {
    const query = normalize(raw).trim().replace(/^sip\/2\.0 /, "").replace(/\brfc ?(\d+)/g, "rfc $1");
    if (query === "") return null;
    const digit = classWords.get(query);
    if (digit) return { classOnly: digit, terms: [] };
    const terms = query.split(" ").map((term) => {
      if (/^\d{1,3}$/.test(term)) return { kind: "code", value: term };
      const cls = /^([1-9])xx$/.exec(term);
      if (cls) return { kind: "class", value: cls[1] };
      return { kind: "word", value: term, re: new RegExp("(?:^|[^\\p{L}\\p{N}])" + escapeRegExp(term), "u") };
    });
    return { classOnly: null, terms };
  }

  function matches(card, query) {
    if (query.classOnly) return card.digit === query.classOnly;
    return query.terms.every((term) => {
      if (term.kind === "code") return card.code.startsWith(term.value);
      if (term.kind === "class") return card.digit === term.value;
      return term.re.test(card.text);
    });
  }

  function phraseOf(code) {
    const el = document.getElementById(String(code));
    return el ? el.querySelector(".phrase").textContent : "";
  }

  // RFC 3261 §8.1.3.2: what a UAC makes of a code it does not know.
  function explainUnknown(query) {
    if (!query || query.classOnly || query.terms.length !== 1) return null;
    const term = query.terms[0];
    if (term.kind !== "code" || term.value.length !== 3) return null;
    const code = Number(term.value);
    if (code < 100 || code > 699) {
      const internal = code >= 700 ? " Some stacks use such codes internally; they must never be sent on the wire." : "";
      return { text: code + " is not a SIP response code: SIP's range is 100 to 699." + internal, target: null };
    }
    if (document.getElementById(String(code))) return null;
    const provisional = code < 200;
    const target = provisional ? 183 : Math.floor(code / 100) * 100;
    const kind = provisional ? "provisional response other than 100" : "final response";
    return {
      text: code + " is not registered. A UAC treats an unrecognized " + kind + " as ",
      target,
      after: " (RFC 3261 §8.1.3.2), and must not cache it.",
    };
  }

  function showUnknown(note) {
    unknown.replaceChildren();
    unknown.hidden = !note;
    if (!note) return;
    unknown.append(note.text);
    if (note.target) {
      const link = document.createElement("a");
      link.href = "#" + note.target;
      link.textContent = note.target + " " + phraseOf(note.target);
      unknown.append(link, note.after);
    }
  }

  function highlight(query, shown) {
    if (!canHighlight) return;
    CSS.highlights.delete("match");
    const words = query ? query.terms.filter((term) => term.kind === "word") : [];
    if (words.length === 0) return;
    const ranges = [];
    for (const card of shown) {
      const walker = document.createTreeWalker(card.el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.data.toLowerCase();
        for (const word of words) {
          let at = text.indexOf(word.value);
          while (at !== -1) {
            const before = at === 0 ? "" : text[at - 1];
            if (!/[\p{L}\p{N}]/u.test(before)) {
              const range = new Range();
              range.setStart(node, at);
              range.setEnd(node, at + word.value.length);
              ranges.push(range);
            }
            at = text.indexOf(word.value, at + word.value.length);
          }
        }
      }
    }
    CSS.highlights.set("match", new Highlight(...ranges));
  }

  function apply() {
    const raw = input.value;
    const query = parse(raw);
    const note = explainUnknown(query);
    const shown = [];
    for (const card of cards) {
      const show = query === null ? true : note && note.target ? card.code === String(note.target) : matches(card, query);
      card.el.hidden = !show;
      if (show) shown.push(card);
    }
    for (const section of sections) {
      section.hidden = !section.querySelector("article.code:not([hidden])");
    }
    showUnknown(note);
    none.hidden = shown.length > 0 || Boolean(note);
    const active = query && query.classOnly ? query.classOnly : query && query.terms.length === 1 && query.terms[0].kind === "class" ? query.terms[0].value : null;
    for (const chip of chips) chip.classList.toggle("active", chip.dataset.query === active + "xx");
    if (query === null) status.textContent = total + " codes";
    else if (note && note.target) status.textContent = "Below: " + note.target + ", the code a UAC treats it as.";
    else status.textContent = shown.length + " of " + total + " codes";
    highlight(query, shown);
    document.body.classList.toggle("filtering", query !== null);
    // Tells a test (or a curious reader) which query the visible rows answer.
    document.body.dataset.filtered = raw;
  }

  function reveal() {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id === "") return;
    const el = document.getElementById(id);
    if (el && el.classList.contains("code")) {
      if (el.hidden) {
        input.value = "";
        apply();
      }
      el.scrollIntoView({ block: "start" });
      el.focus({ preventScroll: true });
    } else if (el && el.classList.contains("class") && el.hidden) {
      input.value = "";
      apply();
      el.scrollIntoView({ block: "start" });
    } else if (!el && /^\d{1,3}$/.test(id)) {
      input.value = id;
      apply();
    }
  }

  input.addEventListener("input", () => {
    apply();
    window.scrollTo({ top: 0 });
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      input.value = "";
      apply();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && document.activeElement !== input && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  for (const chip of chips) {
    chip.addEventListener("click", (event) => {
      event.preventDefault();
      input.value = chip.classList.contains("active") ? "" : chip.dataset.query;
      apply();
      window.scrollTo({ top: 0 });
    });
  }
  window.addEventListener("hashchange", reveal);
  apply();
  reveal();
})();
