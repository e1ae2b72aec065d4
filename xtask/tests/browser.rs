//! `docs/index.html` in a real browser: headless Chromium (Debian's `chromium` package) loads
//! the committed page, a user types queries and follows `#486`, and the test checks what is
//! shown, including every case of tests/data/search-cases.toml (the table the CLI's search
//! passes too) and the view kept in the address. Screenshots land in `target/browser/` as
//! artifacts to look at.
//!
//! Run it with `cargo test -p xtask --features browser-test --test browser`: the feature keeps
//! headless_chrome, and the C code its build compiles, out of `cargo test --workspace`. A
//! missing Chromium fails the test: `.ci/run` installs it with `apt-get install -y chromium`.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use headless_chrome::protocol::cdp::Emulation::{MediaFeature, SetDeviceMetricsOverride, SetEmulatedMedia};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use sip_codes_codegen::read_spec;

#[path = "../../tests/data/search_cases.rs"]
mod search_cases;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The codes of `specs/iana.toml`, read by the project's parser, as the page shows them.
fn spec_codes() -> Vec<u16> {
    let text = std::fs::read_to_string(workspace().join("specs/iana.toml")).unwrap();
    let (spec, problems) = read_spec(0, &Arc::from("specs/iana.toml"), &text);
    assert!(problems.is_empty(), "{problems:?}");
    spec.codes.iter().map(|entry| entry.code).collect()
}

fn codes_where(filter: impl Fn(u16) -> bool) -> BTreeSet<u16> {
    spec_codes().into_iter().filter(|code| filter(*code)).collect()
}

fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(path);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "Chromium is not installed, and this test needs it to check docs/index.html: \
         run `apt-get install -y chromium` (or point CHROMIUM at a Chrome binary)"
    );
}

/// A headless Chromium with a fresh profile, removed once the browser has exited.
struct Session {
    // Fields drop in order: the browser (which kills Chromium and waits for it), then the profile.
    browser: Browser,
    _profile: Profile,
}

/// A fresh `--user-data-dir` under target/tmp.
struct Profile(PathBuf);

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Session {
    fn start(name: &str) -> Session {
        let chromium = chromium();
        let profile = Profile(
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromium-{name}-{}", std::process::id())),
        );
        let _ = std::fs::remove_dir_all(&profile.0);
        std::fs::create_dir_all(&profile.0).unwrap();
        let options = LaunchOptions::default_builder()
            .path(Some(chromium.clone()))
            .headless(true)
            .sandbox(false)
            .enable_gpu(false)
            .window_size(Some((1280, 900)))
            .user_data_dir(Some(profile.0.clone()))
            .idle_browser_timeout(Duration::from_secs(120))
            .args(
                [
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--hide-scrollbars",
                ]
                .map(OsStr::new)
                .to_vec(),
            )
            .build()
            .expect("launch options");
        let browser =
            Browser::new(options).unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
        Session { browser, _profile: profile }
    }

    fn tab(&self) -> Arc<Tab> {
        let tab = self.browser.new_tab().expect("a tab");
        tab.set_default_timeout(Duration::from_secs(20));
        tab
    }

    /// A new tab showing the page, scrolled to `fragment` ("" or "#486").
    fn open(&self, fragment: &str) -> Arc<Tab> {
        let tab = self.tab();
        load(&tab, fragment);
        tab
    }
}

fn load(tab: &Tab, fragment: &str) {
    tab.navigate_to(&page_url(fragment)).unwrap().wait_until_navigated().unwrap();
    wait_for(tab, "document.body.dataset.filtered !== undefined", "the page's script to run");
}

/// Polls `condition` (a JavaScript expression) until it holds; one evaluation is cheaper
/// than the DOM round trips of `wait_for_element`.
fn wait_for(tab: &Tab, condition: &str, what: &str) {
    for _ in 0..200 {
        if eval_string(tab, &format!("String(Boolean({condition}))")) == "true" {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("waited in vain for {what} ({condition})");
}

fn page_url(fragment: &str) -> String {
    let page = workspace().join("docs/index.html").canonicalize().expect("docs/index.html exists");
    format!("file://{}{fragment}", page.display())
}

fn eval_string(tab: &Tab, expression: &str) -> String {
    let value = tab.evaluate(expression, false).unwrap_or_else(|e| panic!("{expression}: {e}")).value;
    match value {
        Some(value) => value.as_str().map_or_else(|| value.to_string(), str::to_owned),
        None => String::new(),
    }
}

/// The codes whose rows are rendered (not hidden, not in a hidden class section).
fn shown(tab: &Tab) -> BTreeSet<u16> {
    let ids = eval_string(
        tab,
        "Array.from(document.querySelectorAll('article.code')).filter(e => e.getClientRects().length > 0).map(e => e.id).join(',')",
    );
    ids.split(',').filter(|id| !id.is_empty()).map(|id| id.parse().unwrap()).collect()
}

/// Clears the search box the way a user does (Escape), types `query` and waits until the
/// page has filtered for it. The search box must have the focus (see [`focus_search`]).
fn search(tab: &Tab, query: &str) -> BTreeSet<u16> {
    tab.press_key("Escape").unwrap();
    wait_for(tab, "document.body.dataset.filtered === ''", "Escape to clear the filter");
    tab.type_str(query).unwrap();
    wait_for(
        tab,
        &format!("document.body.dataset.filtered === {query:?}"),
        &format!("the filter for {query:?}"),
    );
    shown(tab)
}

/// Clicks into the search box, as a user does before typing.
fn focus_search(tab: &Tab) {
    tab.wait_for_element("#q").unwrap().click().unwrap();
    assert_eq!(eval_string(tab, "document.activeElement.id"), "q");
}

fn screenshot(tab: &Tab, name: &str) -> PathBuf {
    let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true).unwrap();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, png).unwrap();
    path
}

#[test]
fn typing_filters_by_number_class_phrase_and_keyword() {
    let session = Session::start("filter");
    let tab = session.open("");
    let all = codes_where(|_| true);
    assert_eq!(shown(&tab), all, "every code shows before a query");
    assert_eq!(
        eval_string(&tab, "String(performance.getEntriesByType('resource').length)"),
        "0",
        "the page loaded something"
    );
    screenshot(&tab, "index.png");
    focus_search(&tab);

    assert_eq!(search(&tab, "48"), codes_where(|c| (480..=489).contains(&c)));
    assert_eq!(
        eval_string(&tab, "document.getElementById('status').textContent"),
        format!("10 of {} codes", all.len())
    );
    assert_eq!(search(&tab, "4xx"), codes_where(|c| c / 100 == 4));
    assert_eq!(eval_string(&tab, "document.querySelector('.chip.active').textContent"), "4xx");
    assert_eq!(search(&tab, "global"), codes_where(|c| c / 100 == 6));
    assert_eq!(search(&tab, "Client Error"), codes_where(|c| c / 100 == 4));
    assert_eq!(search(&tab, "486 busy here"), BTreeSet::from([486]));

    let busy = search(&tab, "busy");
    assert!(busy.contains(&486) && busy.contains(&600), "{busy:?}");
    for code in &busy {
        let text = eval_string(&tab, &format!("document.getElementById('{code}').textContent.toLowerCase()"));
        assert!(text.contains("busy"), "{code} shows for \"busy\" without mentioning it: {text}");
    }
    assert_eq!(
        eval_string(&tab, "String(CSS.highlights.get('match').size >= 2)"),
        "true",
        "matches are highlighted"
    );
    screenshot(&tab, "search-busy.png");

    assert_eq!(search(&tab, "zzzz"), BTreeSet::new());
    assert_eq!(
        eval_string(&tab, "String(document.getElementById('none').hidden)"),
        "false",
        "says nothing matches"
    );

    // RFC 3261 §8.1.3.2: an unknown code is explained and its stand-in shown.
    assert_eq!(search(&tab, "477"), BTreeSet::from([400]));
    let note = eval_string(&tab, "document.getElementById('unknown').textContent");
    assert!(note.starts_with("477 is not registered") && note.contains("as 400 Bad Request"), "{note}");
    assert_eq!(
        eval_string(&tab, "String(document.getElementById('477').getClientRects().length > 0)"),
        "true"
    );
    screenshot(&tab, "unknown-477.png");
    assert_eq!(search(&tab, "188"), BTreeSet::from([183]));
    let note = eval_string(&tab, "document.getElementById('unknown').textContent");
    assert!(note.contains("183 Session Progress"), "{note}");

    tab.press_key("Escape").unwrap();
    wait_for(&tab, "document.body.dataset.filtered === ''", "Escape to clear the filter");
    assert_eq!(shown(&tab), all, "Escape clears the filter");
}

/// The card for `code` is the element a user sees at its top-left corner, below the sticky
/// header, and it carries the `:target` highlight.
fn assert_opened(tab: &Tab, code: u16) {
    wait_for(
        tab,
        &format!("document.querySelector(\"article[id='{code}']:target\")"),
        &format!("#{code} to open"),
    );
    let seen = eval_string(
        tab,
        &format!(
            "(() => {{ const card = document.getElementById('{code}'); const box = card.getBoundingClientRect();
               const hit = document.elementFromPoint(box.left + 12, box.top + 12);
               return String(box.top >= 0 && box.top < innerHeight && card.contains(hit)); }})()"
        ),
    );
    assert_eq!(seen, "true", "#{code} is scrolled into view and not hidden under the header");
    let (target, other) = (
        eval_string(tab, &format!("getComputedStyle(document.getElementById('{code}')).backgroundColor")),
        eval_string(tab, "getComputedStyle(document.getElementById('100')).backgroundColor"),
    );
    assert_ne!(target, other, "#{code} is highlighted");
}

#[test]
fn an_anchor_opens_its_code_on_desktop_and_phone_in_light_and_dark() {
    let session = Session::start("anchor");
    let tab = session.open("#486");
    assert_opened(&tab, 486);
    screenshot(&tab, "anchor-486.png");

    // Following a link to a code that the current filter hides clears the filter.
    focus_search(&tab);
    assert!(!search(&tab, "global").contains(&486));
    tab.evaluate("location.hash = '#487'", false).unwrap();
    assert_opened(&tab, 487);
    assert_eq!(eval_string(&tab, "document.getElementById('q').value"), "", "the filter was cleared");

    // A phone in dark mode: no sideways scrolling, dark background, the anchor still opens.
    let phone = session.tab();
    phone
        .call_method(SetDeviceMetricsOverride {
            width: 390,
            height: 844,
            device_scale_factor: 2.0,
            mobile: true,
            scale: None,
            screen_width: None,
            screen_height: None,
            position_x: None,
            position_y: None,
            dont_set_visible_size: None,
            screen_orientation: None,
            viewport: None,
            display_feature: None,
            device_posture: None,
        })
        .unwrap();
    phone
        .call_method(SetEmulatedMedia {
            media: None,
            features: Some(vec![MediaFeature { name: "prefers-color-scheme".into(), value: "dark".into() }]),
        })
        .unwrap();
    load(&phone, "#600");
    assert_opened(&phone, 600);
    let widths = eval_string(&phone, "document.documentElement.scrollWidth + ' ' + innerWidth");
    let (scroll, inner) = widths.split_once(' ').unwrap();
    assert!(
        scroll.parse::<u32>().unwrap() <= inner.parse().unwrap(),
        "scrolls sideways on a phone: {widths}"
    );
    let background = eval_string(&phone, "getComputedStyle(document.body).backgroundColor");
    let channels: Vec<u32> = background
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(", ")
        .map(|c| c.parse().unwrap())
        .collect();
    assert!(channels.iter().all(|c| *c < 64), "dark mode follows prefers-color-scheme: {background}");
    screenshot(&phone, "phone-dark-600.png");
    focus_search(&phone);
    assert_eq!(search(&phone, "48"), codes_where(|c| (480..=489).contains(&c)));
    screenshot(&phone, "phone-dark-48.png");
}

/// Puts `query` in the search box as a paste does (one input event) and waits for the filter.
fn paste(tab: &Tab, query: &str) -> BTreeSet<u16> {
    tab.evaluate(
        &format!(
            "(() => {{ const q = document.getElementById('q'); q.value = {query:?}; q.dispatchEvent(new Event('input')); }})()"
        ),
        false,
    )
    .unwrap();
    wait_for(
        tab,
        &format!("document.body.dataset.filtered === {query:?}"),
        &format!("the filter for {query:?}"),
    );
    shown(tab)
}

/// The codes whose rows are rendered, top to bottom as a reader sees them.
fn shown_in_order(tab: &Tab) -> Vec<u16> {
    let ids = eval_string(
        tab,
        "Array.from(document.querySelectorAll('article.code')).filter(e => e.getClientRects().length > 0)
           .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map(e => e.id).join(',')",
    );
    ids.split(',').filter(|id| !id.is_empty()).map(|id| id.parse().unwrap()).collect()
}

/// The CLI's table of search cases, on the page: the same codes for the same queries, in the
/// same order, with the same reasons and suggestions. An unregistered code shows the code a
/// UAC treats it as (RFC 3261 §8.1.3.2) beside the others.
#[test]
fn every_search_case_holds_on_the_page() {
    let session = Session::start("cases");
    let tab = session.open("");
    search_cases::assert_every_case(|case| {
        let shown = paste(&tab, &case.query);
        let notes = eval_string(&tab, "document.getElementById('unknown').textContent");
        let reasons = eval_string(
            &tab,
            "Array.from(document.querySelectorAll('.listed-why')).filter(e => e.getClientRects().length > 0).map(e => e.textContent).join('\\n')",
        );
        let suggestion = eval_string(
            &tab,
            "document.getElementById('suggest').hidden ? '' : document.querySelector('#suggest a').textContent",
        );
        let stand_ins: BTreeSet<u16> = case
            .unregistered
            .iter()
            .filter_map(|code| sip_codes::iana::StatusCode::interpret(*code).map(|s| s.code()))
            .collect();
        let mut problems = case.listing_problems(&shown, &stand_ins);
        let suggestion = Some(suggestion.as_str()).filter(|s| !s.is_empty());
        problems.extend(case.answer_problems(&shown_in_order(&tab), &reasons, suggestion));
        for code in &case.unregistered {
            if !notes.contains(&format!("{code} is not registered")) {
                problems.push(format!("does not explain {code}: {notes:?}"));
            }
        }
        for typed in &case.invalid {
            if !notes.contains(&format!("{typed} is not a ")) {
                problems.push(format!("does not name {typed} as typed: {notes:?}"));
            }
        }
        if case.unregistered.is_empty() && case.invalid.is_empty() && case.why.is_none() && !notes.is_empty()
        {
            problems.push(format!("says {notes:?}"));
        }
        problems
    });
}

/// What a new user tries: a symptom lists its codes best first across classes, each saying
/// why; a near miss's suggestion is a link that runs the corrected search; "q.850" opens
/// the cause table; a Reason header's cause shows its response.
#[test]
fn symptoms_suggestions_and_causes_read_as_answers() {
    let session = Session::start("answers");
    let tab = session.open("");
    focus_search(&tab);
    search(&tab, "codec mismatch");
    assert_eq!(shown_in_order(&tab), [488, 415, 606]);
    let headings = eval_string(
        &tab,
        "String(Array.from(document.querySelectorAll('section.class > h2')).filter(e => e.getClientRects().length > 0).length)",
    );
    assert_eq!(headings, "0", "a ranked list shows no class headings between its codes");
    let why = eval_string(&tab, "document.querySelector(\"article[id='488'] .listed-why\").textContent");
    assert!(why.contains("codecs"), "{why}");
    screenshot(&tab, "search-codec-mismatch.png");

    search(&tab, "bussy");
    wait_for(&tab, "!document.getElementById('suggest').hidden", "the suggestion");
    assert_eq!(eval_string(&tab, "document.getElementById('suggest').textContent"), "Did you mean busy?");
    screenshot(&tab, "search-bussy.png");
    tab.wait_for_element("#suggest a").unwrap().click().unwrap();
    wait_for(&tab, "document.body.dataset.filtered === 'busy'", "the suggestion to run");
    assert_eq!(&shown_in_order(&tab)[..2], [486, 600]);
    assert_eq!(eval_string(&tab, "String(document.getElementById('suggest').hidden)"), "true");

    focus_search(&tab);
    search(&tab, "q.850");
    assert_eq!(eval_string(&tab, "String(document.getElementById('q850').open)"), "true");
    let why = eval_string(&tab, "document.querySelector(\"article[id='486'] .listed-why\").textContent");
    assert_eq!(why, "Q.850 cause 17 (user busy) becomes it.");

    paste(&tab, "Reason: Q.850;cause=17;text=\"User busy\"");
    let note = eval_string(&tab, "document.getElementById('unknown').textContent");
    assert_eq!(note, "Q.850 cause 17 (user busy) becomes 486 Busy Here at a gateway (RFC 3398 §7.2.4.1).");
    screenshot(&tab, "search-cause-17.png");
}

fn hash(tab: &Tab) -> String {
    eval_string(tab, "location.hash")
}

/// Every filter lives in the address: typing writes it, loading or reloading restores it.
#[test]
fn the_view_is_kept_in_the_address() {
    let session = Session::start("address");
    let tab = session.open("");
    focus_search(&tab);
    let busy = search(&tab, "busy");
    assert_eq!(hash(&tab), "#q=busy");
    tab.reload(false, None).unwrap();
    wait_for(&tab, "document.body.dataset.filtered === 'busy'", "the reload to restore the filter");
    assert_eq!(shown(&tab), busy, "reloading restores the view");
    assert_eq!(eval_string(&tab, "document.getElementById('q').value"), "busy");

    let tab = session.open("#4xx");
    wait_for(&tab, "document.body.dataset.filtered === '4xx'", "#4xx to filter");
    assert_eq!(shown(&tab), codes_where(|c| c / 100 == 4));
    assert_eq!(eval_string(&tab, "document.querySelector('.chip.active').textContent"), "4xx");

    let tab = session.open("#q=100+180+200");
    assert_eq!(shown(&tab), BTreeSet::from([100, 180, 200]));
    assert_eq!(eval_string(&tab, "document.getElementById('q').value"), "100 180 200");

    // A chip writes its class; Escape clears the address.
    tab.wait_for_element(".chip.c6").unwrap().click().unwrap();
    wait_for(&tab, "document.body.dataset.filtered === '6xx'", "the 6xx chip");
    assert_eq!(hash(&tab), "#6xx");
    focus_search(&tab);
    tab.press_key("Escape").unwrap();
    wait_for(&tab, "document.body.dataset.filtered === ''", "Escape");
    assert_eq!(hash(&tab), "");
    let tab = session.open("#q=time-out");
    let timeouts = shown(&tab);
    assert!(timeouts.contains(&408) && timeouts.contains(&504), "{timeouts:?}");
    assert_eq!(
        eval_string(&tab, "String(CSS.highlights.get('match').size >= 2)"),
        "true",
        "spelling variants are highlighted"
    );
    screenshot(&tab, "search-time-out.png");
}

/// The sections beyond the codes: facts per code, call flows whose codes link to their
/// entries, unregistered codes, the footer.
#[test]
fn codes_flows_and_unregistered_codes_link_together() {
    let session = Session::start("sections");
    let tab = session.open("#401");
    assert_opened(&tab, 401);
    let card = eval_string(&tab, "document.getElementById('401').textContent");
    assert!(card.contains("MUST") && card.contains("WWW-Authenticate"), "{card}");
    assert!(card.contains("In a trace"), "{card}");
    screenshot(&tab, "card-401.png");

    let tab = session.open("#flows");
    wait_for(&tab, "document.getElementById('flows').getBoundingClientRect().top < 200", "#flows to scroll");
    let flows = eval_string(&tab, "String(document.querySelectorAll('#flows figure.flow').length)");
    assert_eq!(flows, "6");
    screenshot(&tab, "flows.png");
    // Every arrow of a flow sits inside its ladder: no label spills over the next column.
    let spill = eval_string(
        &tab,
        "Array.from(document.querySelectorAll('.ladder li')).filter(li => { const l = li.closest('.ladder').getBoundingClientRect(); const r = li.getBoundingClientRect(); return r.left < l.left - 1 || r.right > l.right + 1; }).length",
    );
    assert_eq!(spill, "0", "arrows outside their ladder");
    tab.evaluate("location.hash = '#flow-challenged'", false).unwrap();
    wait_for(
        &tab,
        "Math.abs(document.getElementById('flow-challenged').getBoundingClientRect().top - document.querySelector('.top').offsetHeight) < 40",
        "#flow-challenged to scroll",
    );
    screenshot(&tab, "flow-challenged.png");
    tab.wait_for_element("#flow-busy a[href='#486']").unwrap().click().unwrap();
    assert_opened(&tab, 486);

    // A cause links to its row in the collapsed Q.850 table, which opens.
    tab.wait_for_element("article[id='486'] a[href='#q850-17']").unwrap().click().unwrap();
    wait_for(
        &tab,
        "document.getElementById('q850').open && document.getElementById('q850-17').getClientRects().length > 0",
        "the Q.850 row to show",
    );
    screenshot(&tab, "q850-17.png");

    let tab = session.open("#477");
    wait_for(&tab, "document.querySelector(\"article[id='477']:target\")", "#477 to open");
    let text = eval_string(&tab, "document.getElementById('477').innerText");
    assert!(text.contains("Kamailio") && text.contains("400 Bad Request"), "{text}");
    screenshot(&tab, "wild-477.png");

    // The footer speaks to users: how to use it, what the data is, where to report.
    let tab = session.open("#about");
    let foot = eval_string(&tab, "document.getElementById('about').innerText");
    for needle in ["How to use it", "What the data is", "Where it comes from", "Found a mistake"] {
        assert!(foot.contains(needle), "{needle} in {foot}");
    }
    screenshot(&tab, "about.png");

    // Keyboard: "/" focuses the search box from anywhere.
    tab.press_key("/").unwrap();
    assert_eq!(eval_string(&tab, "document.activeElement.id"), "q");
}
