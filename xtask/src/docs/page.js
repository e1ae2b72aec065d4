"use strict";
// Filters the reference as you type, keeps the view in the address (#q=busy, #4xx, #486) and
// explains unregistered codes. The codes are static HTML above, so without script the page
// still reads in full. The matching follows specs/search.toml exactly as cli/src/query.rs
// does; tests/data/search-cases.toml holds both to it.
(function () {
  const rules = JSON.parse(document.getElementById("rules").textContent);
  const input = document.getElementById("q");
  const status = document.getElementById("status");
  const unknown = document.getElementById("unknown");
  const none = document.getElementById("none");
  const chips = Array.from(document.querySelectorAll(".chip[data-query]"));
  const sections = Array.from(document.querySelectorAll("section.class"));
  const wildSection = document.getElementById("wild");
  const flowsSection = document.getElementById("flows");
  const intros = Array.from(document.querySelectorAll(".intro"));
  const WORD = "[\\p{Alphabetic}\\p{N}]";
  const rfcGap = new RegExp("(?<!" + WORD + ")rfc (?=[0-9])", "gu");
  const spellings = rules.spellings.map(([from, to]) => ({
    from,
    to,
    re: new RegExp("(?<!" + WORD + ")" + escapeRegExp(from) + "(?!" + WORD + ")", "gu"),
  }));
  const cards = Array.from(document.querySelectorAll("article.code")).map((el) => ({
    el,
    code: el.dataset.code,
    digit: el.dataset.code[0],
    text: canonical(Array.from(el.querySelectorAll("[data-s]"), (part) => part.textContent).join(" ")),
  }));
  const wilds = Array.from(document.querySelectorAll("article.wild"));
  const total = cards.length;
  const canHighlight = typeof Highlight === "function" && typeof CSS !== "undefined" && "highlights" in CSS;

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // Lower case, single spaces, "RFC 3261" as "rfc3261".
  function normalize(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean).join(" ").replace(rfcGap, "rfc");
  }

  // Each spelling of a synonym, as a whole word, becomes the synonym's first spelling.
  function canonical(text) {
    let out = normalize(text);
    for (const spelling of spellings) out = out.replace(spelling.re, spelling.to);
    return out;
  }

  function startsWord(text, term) {
    return new RegExp("(?<!" + WORD + ")" + escapeRegExp(term), "u").test(text);
  }

  const isNumeric = (token) => /^[0-9]+$/.test(token);
  const isNumbered = (token) => isNumeric(token) || /^[0-9]([0-9][xX]|[xX]{2})$/.test(token);
  const outOfRange = (token) => token + " is not a SIP status code: SIP codes run from 100 to 699";

  // One number or pattern: "486", "48", "4", "48x", "4xx".
  function parseOne(token) {
    const digits = token.replace(/[xX]+$/, "");
    const inRange = token[0] >= "1" && token[0] <= "6";
    const shape = token.length + "/" + digits.length;
    if ((shape === "1/1" || shape === "3/1") && inRange) return { kind: "class", digit: token[0] };
    if (shape === "3/1") return { kind: "invalid", why: token + " is not a SIP class: classes run from 1xx to 6xx" };
    if ((shape === "2/2" || shape === "3/2") && inRange) return { kind: "prefix", digits };
    if (shape === "3/3") {
      const code = Number(token);
      if (code >= 100 && code <= 699) return { kind: "code", code };
      if (document.querySelector("article.wild[data-code='" + code + "']")) return { kind: "code", code };
    }
    return { kind: "invalid", why: outOfRange(token) };
  }

  // The query's parts and its keywords (null when none), by the rules of specs/search.toml.
  function parse(raw) {
    const tokens = raw.split(/\s+/).filter(Boolean);
    if (tokens.length > 1 && tokens[0].toLowerCase() === "sip/2.0") tokens.shift();
    if (tokens.length === 0) return null;
    const whole = normalize(tokens.join(" "));
    for (const cls of rules.classes) {
      if (cls.names.includes(whole)) return { parts: [{ kind: "class", digit: String(cls.digit) }], words: null };
    }
    if (whole.split(" ").length !== tokens.length) return { parts: [], words: tokens.join(" ") };
    if (tokens.length > 1 && tokens[0].length === 3 && isNumeric(tokens[0]) && !tokens.slice(1).some(isNumbered)) {
      return { parts: [parseOne(tokens[0])], words: null };
    }
    const parts = tokens.filter(isNumbered).map(parseOne);
    const words = tokens.filter((token) => !isNumbered(token));
    return { parts, words: words.length ? words.join(" ") : null };
  }

  function termsOf(words) {
    return canonical(words)
      .split(" ")
      .map((term) => term.replace(/^[^\p{Alphabetic}\p{N}]+|[^\p{Alphabetic}\p{N}]+$/gu, ""))
      .filter(Boolean);
  }

  function phraseOf(code) {
    const el = document.getElementById(String(code));
    return el ? el.querySelector(".phrase").textContent : "";
  }

  // RFC 3261 §8.1.3.2: what a UAC makes of a code it does not know.
  function standIn(code) {
    if (code < 100 || code > 699) return null;
    return code < 200 ? 183 : Math.floor(code / 100) * 100;
  }

  // What the query shows: codes, wild entries and notes.
  function answer(query) {
    const shown = new Set();
    const wild = new Set();
    const notes = [];
    let terms = [];
    let matchesWords = null;
    if (query.words !== null) {
      terms = termsOf(query.words);
      matchesWords = (card) => terms.length > 0 && terms.every((term) => startsWord(card.text, term));
    }
    for (const part of query.parts) {
      if (part.kind === "invalid") notes.push({ text: part.why + "." });
      else if (part.kind === "code" && !document.querySelector("article.code[data-code='" + part.code + "']")) {
        const target = standIn(part.code);
        if (document.querySelector("article.wild[data-code='" + part.code + "']")) wild.add(String(part.code));
        if (target === null) {
          notes.push({ text: outOfRange(String(part.code)) + ". Stacks use such codes locally; they never go on the wire." });
        } else {
          shown.add(String(target));
          const kind = part.code < 200 ? "provisional response other than 100" : "final response";
          notes.push({ text: part.code + " is not registered. A UAC treats an unrecognized " + kind + " as ", target, after: " (RFC 3261 §8.1.3.2)." });
        }
      }
    }
    for (const card of cards) {
      const named = query.parts.some(
        (part) =>
          (part.kind === "code" && String(part.code) === card.code) ||
          (part.kind === "prefix" && card.code.startsWith(part.digits)) ||
          (part.kind === "class" && card.digit === part.digit),
      );
      if (named || (matchesWords && matchesWords(card))) shown.add(card.code);
    }
    return { shown, wild, notes, terms };
  }

  function showNotes(notes) {
    unknown.replaceChildren();
    unknown.hidden = notes.length === 0;
    for (const note of notes) {
      const line = document.createElement("p");
      line.append(note.text);
      if (note.target) {
        const link = document.createElement("a");
        link.href = "#" + note.target;
        link.textContent = note.target + " " + phraseOf(note.target);
        line.append(link, note.after);
      }
      unknown.append(line);
    }
  }

  function highlight(terms, shown) {
    if (!canHighlight) return;
    CSS.highlights.delete("match");
    if (terms.length === 0) return;
    // A term and every spelling that stands for it: "timeout" marks "Time-out" too.
    const needles = terms.flatMap((term) => [term, ...spellings.filter((s) => s.to === term).map((s) => s.from)]);
    const before = new RegExp(WORD, "u");
    const ranges = [];
    for (const card of shown) {
      for (const part of card.el.querySelectorAll("[data-s]")) {
        const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.data.toLowerCase();
          for (const needle of needles) {
            for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
              if (at > 0 && before.test(text[at - 1])) continue;
              const range = new Range();
              range.setStart(node, at);
              range.setEnd(node, at + needle.length);
              ranges.push(range);
            }
          }
        }
      }
    }
    CSS.highlights.set("match", new Highlight(...ranges));
  }

  // The address that restores a view: "#4xx" for a class pattern, "#q=..." otherwise.
  function hashFor(raw) {
    const query = raw.trim();
    if (query === "") return "";
    if (/^[1-6]xx$/i.test(query)) return "#" + query.toLowerCase();
    return "#q=" + encodeURIComponent(query).replace(/%20/g, "+");
  }

  function apply(updateAddress) {
    const raw = input.value;
    const query = parse(raw);
    const result = query ? answer(query) : { shown: null, wild: new Set(), notes: [], terms: [] };
    const shown = [];
    for (const card of cards) {
      const show = result.shown === null || result.shown.has(card.code);
      card.el.hidden = !show;
      if (show) shown.push(card);
    }
    for (const section of sections) section.hidden = !section.querySelector("article.code:not([hidden])");
    for (const el of wilds) el.hidden = query !== null && !result.wild.has(el.dataset.code);
    wildSection.hidden = query !== null && result.wild.size === 0;
    flowsSection.hidden = query !== null;
    for (const intro of intros) intro.hidden = query !== null;
    showNotes(result.notes);
    none.hidden = query === null || shown.length > 0 || result.notes.length > 0 || result.wild.size > 0;
    const onlyClass = query && query.words === null && query.parts.length === 1 && query.parts[0].kind === "class" ? query.parts[0].digit : null;
    for (const chip of chips) {
      const active = chip.dataset.query === onlyClass + "xx";
      chip.classList.toggle("active", active);
      if (active) chip.setAttribute("aria-current", "true");
      else chip.removeAttribute("aria-current");
    }
    status.textContent = query === null ? total + " codes" : shown.length + " of " + total + " codes";
    highlight(result.terms, shown);
    document.body.classList.toggle("filtering", query !== null);
    if (updateAddress) {
      const hash = hashFor(raw);
      if (hash !== location.hash) history.replaceState(null, "", hash || location.pathname + location.search);
    }
    // Tells a test (or a curious reader) which query the visible rows answer.
    document.body.dataset.filtered = raw;
  }

  function filterFromHash(hash) {
    if (hash.startsWith("q=")) return decodeURIComponent(hash.slice(2).replace(/\+/g, " "));
    if (/^[1-6]xx$/i.test(hash)) return hash;
    return null;
  }

  // Follows the address: a filter state, or an anchor to open (clearing a filter that hides it).
  function follow() {
    const hash = location.hash.slice(1);
    const filter = filterFromHash(hash);
    if (filter !== null) {
      input.value = filter;
      apply(false);
      return;
    }
    if (hash === "") {
      if (input.value !== "") {
        input.value = "";
        apply(false);
      }
      return;
    }
    const id = decodeURIComponent(hash);
    const el = document.getElementById(id);
    if (!el) {
      if (/^[0-9]{1,3}$/.test(id)) {
        input.value = id;
        apply(false);
      }
      return;
    }
    // A Q.850 row sits in a collapsed table: open it.
    const details = el.closest("details");
    if (details) details.open = true;
    if (el.offsetParent === null && input.value !== "") {
      input.value = "";
      apply(false);
    }
    el.scrollIntoView({ block: "start" });
    if (el.tabIndex === -1) el.focus({ preventScroll: true });
  }

  input.addEventListener("input", () => {
    apply(true);
    window.scrollTo({ top: 0 });
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      input.value = "";
      apply(true);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && document.activeElement !== input && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  for (const chip of chips) {
    chip.addEventListener("click", (event) => {
      event.preventDefault();
      input.value = chip.classList.contains("active") ? "" : chip.dataset.query;
      apply(true);
      window.scrollTo({ top: 0 });
    });
  }
  // Anchors land below the sticky header, however tall it wraps on a narrow screen.
  const top = document.querySelector(".top");
  const fitHeader = () => {
    document.documentElement.style.scrollPaddingTop = top.offsetHeight + 8 + "px";
  };
  if (typeof ResizeObserver === "function") new ResizeObserver(fitHeader).observe(top);
  fitHeader();
  window.addEventListener("hashchange", follow);
  apply(false);
  follow();
})();
