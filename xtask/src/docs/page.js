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
  const suggestBox = document.getElementById("suggest");
  const causeTable = document.getElementById("q850");
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
  const cards = Array.from(document.querySelectorAll("article.code")).map((el) => {
    const names = Array.from(el.querySelectorAll("[data-n]"), (part) => canonical(part.textContent));
    return {
      el,
      code: el.dataset.code,
      digit: el.dataset.code[0],
      deprecated: el.dataset.deprecated !== undefined,
      why: el.querySelector(".listed-why"),
      names,
      nameWords: names.flatMap(wordsOf),
      text: canonical(Array.from(el.querySelectorAll("[data-s]"), (part) => part.textContent).join(" ")),
    };
  });
  // Each symptom phrase as its keywords, with the symptom (search rule 4).
  const symptomPhrases = rules.symptoms.flatMap((symptom) =>
    symptom.phrases.map((phrase) => ({ key: termsOf(phrase).join(" "), symptom })),
  );
  // The Q.850 causes the spec lists, from the page's own table: cause, name, and the
  // response by RFC 3398 and RFC 4497 (null for none).
  const causeRows = Array.from(causeTable.querySelectorAll("tbody tr"), (row) => {
    const cells = row.querySelectorAll("td");
    const target = (cell) => (cell.querySelector("a") ? Number(cell.querySelector("a").textContent) : null);
    const name = row.querySelector(".cause-name");
    return { cause: Number(row.id.slice("q850-".length)), name: name ? name.textContent : "", isup: target(cells[0]), qsig: target(cells[1]) };
  });
  const otherCauses = document.getElementById("q850-other");
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

  function wordsOf(text) {
    return text.split(/[^\p{Alphabetic}\p{N}]+/u).filter(Boolean);
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

  // A Q.850 cause as search rule 3 reads it: "cause 17", "q.850 17", "Q.850;cause=17", or
  // "q.850" alone; null for any other query.
  function parseCause(normalized) {
    const tokens = normalized.split(/[\s;=:,]+/).filter(Boolean);
    let at = 0;
    if (tokens[at] === "reason") at++;
    const q850 = tokens[at] === "q.850" || tokens[at] === "q850";
    if (q850) at++;
    const cause = tokens[at] === "cause";
    if (cause) at++;
    if (!q850 && !cause) return null;
    const number = tokens[at];
    if (number === undefined) return q850 ? { kind: "q850" } : null;
    if (!isNumeric(number) || (tokens[at + 1] !== undefined && !tokens[at + 1].startsWith("text"))) return null;
    const value = Number(number);
    if (value >= 1 && value <= 127) return { kind: "cause", cause: value };
    return { kind: "invalid", why: number + " is not a Q.850 cause: causes run from 1 to 127" };
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
    const cause = parseCause(whole);
    if (cause) return { parts: [cause], words: null };
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

  // The response a gateway sends for a cause by RFC 3398 ("isup") or RFC 4497 ("qsig").
  function causeTarget(cause, table) {
    const row = causeRows.find((r) => r.cause === cause);
    if (row) return row[table];
    return otherCauses ? Number(otherCauses.dataset[table === "isup" ? "rfc3398" : "rfc4497"]) : null;
  }

  // "17 (user busy)", or "99" for a cause the spec does not list.
  function causeLabel(cause) {
    const row = causeRows.find((r) => r.cause === cause);
    return row && row.name ? cause + " (" + row.name + ")" : String(cause);
  }

  // What a cause becomes at a gateway, in the CLI's words.
  function causeSentence(cause) {
    const isup = causeTarget(cause, "isup");
    const qsig = causeTarget(cause, "qsig");
    const named = (code) => (code === null ? "no response" : code + " " + phraseOf(code));
    let sentence = "Q.850 cause " + causeLabel(cause) + " becomes " + named(isup) + " at a gateway (RFC 3398 §7.2.4.1)";
    if (isup === null) sentence += ": it clears the call with BYE or CANCEL, or retries, instead";
    sentence += ".";
    if (qsig !== isup) sentence += " RFC 4497 (QSIG) gives " + named(qsig) + ".";
    return { code: isup, sentence };
  }

  // Every code a cause the spec lists becomes by RFC 3398, with those causes.
  function q850Codes() {
    const codes = new Map();
    const add = (code, label) => {
      if (!codes.has(code)) codes.set(code, []);
      codes.get(code).push(label);
    };
    for (const row of causeRows) if (row.isup !== null) add(row.isup, causeLabel(row.cause));
    if (otherCauses) add(Number(otherCauses.dataset.rfc3398), "every cause without a row of its own");
    const why = new Map();
    for (const [code, labels] of codes) {
      const one = labels.length === 1 && /^[0-9]/.test(labels[0]);
      why.set(String(code), "Q.850 cause" + (one ? "" : "s") + " " + labels.join(", ") + " become" + (one ? "s" : "") + " it.");
    }
    return why;
  }

  // Whether `term` names the card (search rule 7): a word of its phrases or Rust name
  // starts with it, or with a negation and then it.
  function names(card, term) {
    return card.nameWords.some(
      (word) => word.startsWith(term) || rules.negations.some((neg) => word.startsWith(neg) && word.slice(neg.length).startsWith(term)),
    );
  }

  // The cards that match every keyword, best first by search rule 7.
  function ranked(words, terms) {
    const query = canonical(words);
    const squashed = query.replace(/[^\p{Alphabetic}\p{N}]/gu, "");
    return cards
      .filter((card) => terms.every((term) => startsWord(card.text, term)))
      .map((card) => ({
        card,
        rank: card.names.some((name) => name === query || name === squashed) ? 0 : 1 + terms.filter((term) => !names(card, term)).length,
      }))
      .sort((a, b) => a.rank - b.rank || Number(a.card.deprecated) - Number(b.card.deprecated) || Number(a.card.code) - Number(b.card.code))
      .map((entry) => entry.card.code);
  }

  // Optimal string alignment distance: insert, delete, replace, or swap two neighbours.
  function editDistance(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
        rows[i][j] = best;
      }
    }
    return rows[a.length][b.length];
  }

  // What keywords that find nothing may have meant (search rule 6), or null.
  function suggest(terms) {
    let changed = false;
    const out = [];
    for (const term of terms) {
      if (cards.some((card) => startsWord(card.text, term))) {
        out.push(term);
        continue;
      }
      const length = Array.from(term).length;
      if (length < 3) return null;
      const limit = length <= 5 ? 1 : 2;
      let best = null;
      for (const word of rules.vocabulary) {
        const distance = editDistance(term, word);
        if (distance <= limit && (best === null || distance < best.distance)) best = { distance, word };
      }
      if (best === null) return null;
      changed = changed || best.word !== term;
      out.push(best.word);
    }
    return changed && out.length > 0 ? out.join(" ") : null;
  }

  // RFC 3261 §8.1.3.2: what a UAC makes of a code it does not know.
  function standIn(code) {
    if (code < 100 || code > 699) return null;
    return code < 200 ? 183 : Math.floor(code / 100) * 100;
  }

  // What the query shows: codes, wild entries, notes, why each code is there, the order
  // (null: the page's), a suggestion, and whether to open the Q.850 table.
  function answer(query) {
    const shown = new Set();
    const wild = new Set();
    const notes = [];
    const why = new Map();
    let order = null;
    let suggestion = null;
    let openCauses = false;
    let terms = [];
    if (query.words !== null) {
      terms = termsOf(query.words);
      const key = terms.join(" ");
      const symptom = symptomPhrases.find((phrase) => phrase.key === key);
      if (symptom) {
        order = symptom.symptom.codes.map((entry) => String(entry.code));
        for (const entry of symptom.symptom.codes) why.set(String(entry.code), entry.why);
        terms = [];
      } else if (terms.length > 0) {
        order = ranked(query.words, terms);
        if (order.length === 0) suggestion = suggest(terms);
      }
      for (const code of order || []) shown.add(code);
    }
    // The page keeps its own order beside numbers; ranking lists keywords alone.
    if (query.parts.length > 0) order = null;
    for (const part of query.parts) {
      if (part.kind === "invalid") notes.push({ text: part.why + "." });
      else if (part.kind === "cause") {
        const { code, sentence } = causeSentence(part.cause);
        notes.push({ text: sentence, why: true });
        if (code !== null) {
          shown.add(String(code));
          why.set(String(code), sentence);
        }
      } else if (part.kind === "q850") {
        for (const [code, text] of q850Codes()) {
          shown.add(code);
          why.set(code, text);
        }
        openCauses = true;
      }
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
      if (named) shown.add(card.code);
    }
    return { shown, wild, notes, terms, why, order, suggestion, openCauses };
  }

  function showNotes(notes) {
    unknown.replaceChildren();
    unknown.hidden = notes.length === 0;
    for (const note of notes) {
      const line = document.createElement("p");
      if (note.why) line.className = "listed-why";
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
    const result = query
      ? answer(query)
      : { shown: null, wild: new Set(), notes: [], terms: [], why: new Map(), order: null, suggestion: null, openCauses: false };
    const shown = [];
    for (const card of cards) {
      const show = result.shown === null || result.shown.has(card.code);
      card.el.hidden = !show;
      if (show) shown.push(card);
      const why = result.why.get(card.code);
      card.why.textContent = why || "";
      card.why.hidden = !why;
      card.el.style.order = result.order ? String(result.order.indexOf(card.code)) : "";
    }
    document.body.classList.toggle("ranked", result.order !== null);
    suggestBox.replaceChildren();
    suggestBox.hidden = result.suggestion === null;
    if (result.suggestion !== null) {
      const link = document.createElement("a");
      link.href = hashFor(result.suggestion);
      link.textContent = result.suggestion;
      suggestBox.append("Did you mean ", link, "?");
    }
    if (result.openCauses) causeTable.open = true;
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
