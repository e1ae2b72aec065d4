//! Typical call flows as small ladder diagrams: which codes a trace of each shows, in order.
//! Phrases come from the spec; each code links to its entry.

/// One arrow: from lane `from` to lane `to`, a request (`method`) or a response (`code`).
pub(super) struct Step {
    pub from: usize,
    pub to: usize,
    pub message: Message,
    /// A word on the arrow: which request a response answers, a header that matters.
    pub note: &'static str,
}

pub(super) enum Message {
    Request(&'static str),
    Response(u16),
    /// Not a SIP message: media, a pause.
    Event(&'static str),
}

/// A flow: its anchor, title, what it shows, its lanes and its arrows.
pub(super) struct Flow {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub lanes: &'static [&'static str],
    pub steps: Vec<Step>,
}

fn request(from: usize, to: usize, method: &'static str, note: &'static str) -> Step {
    Step { from, to, message: Message::Request(method), note }
}

fn response(from: usize, to: usize, code: u16, note: &'static str) -> Step {
    Step { from, to, message: Message::Response(code), note }
}

fn event(lane: usize, what: &'static str) -> Step {
    Step { from: lane, to: lane, message: Message::Event(what), note: "" }
}

const CALLER: usize = 0;
const CALLEE: usize = 1;

/// The flows the page draws, in the order it shows them.
pub(super) fn flows() -> Vec<Flow> {
    vec![
        Flow {
            id: "flow-answered",
            title: "Answered",
            summary: "The callee's phone rings and is picked up. The caller confirms the 2xx with an ACK; \
                      either side ends the call later with a BYE.",
            lanes: &["Caller", "Callee"],
            steps: vec![
                request(CALLER, CALLEE, "INVITE", "SDP offer"),
                response(CALLEE, CALLER, 100, ""),
                response(CALLEE, CALLER, 180, ""),
                response(CALLEE, CALLER, 200, "SDP answer"),
                request(CALLER, CALLEE, "ACK", ""),
                event(CALLER, "media flows both ways"),
                request(CALLEE, CALLER, "BYE", ""),
                response(CALLER, CALLEE, 200, "to the BYE"),
            ],
        },
        Flow {
            id: "flow-busy",
            title: "Busy",
            summary: "The callee is in another call. A final failure is acknowledged too: the ACK \
                      ends the INVITE transaction, and no dialog remains.",
            lanes: &["Caller", "Callee"],
            steps: vec![
                request(CALLER, CALLEE, "INVITE", ""),
                response(CALLEE, CALLER, 100, ""),
                response(CALLEE, CALLER, 486, ""),
                request(CALLER, CALLEE, "ACK", ""),
            ],
        },
        Flow {
            id: "flow-declined",
            title: "Declined",
            summary: "The phone rings and the callee rejects the call. As a 6xx, the decline also ends \
                      any other branch a forking proxy was trying.",
            lanes: &["Caller", "Callee"],
            steps: vec![
                request(CALLER, CALLEE, "INVITE", ""),
                response(CALLEE, CALLER, 100, ""),
                response(CALLEE, CALLER, 180, ""),
                response(CALLEE, CALLER, 603, ""),
                request(CALLER, CALLEE, "ACK", ""),
            ],
        },
        Flow {
            id: "flow-cancelled",
            title: "Cancelled",
            summary: "The caller hangs up while the phone still rings. The CANCEL gets its own 200; \
                      the INVITE then ends with 487, which the caller acknowledges.",
            lanes: &["Caller", "Callee"],
            steps: vec![
                request(CALLER, CALLEE, "INVITE", ""),
                response(CALLEE, CALLER, 100, ""),
                response(CALLEE, CALLER, 180, ""),
                request(CALLER, CALLEE, "CANCEL", ""),
                response(CALLEE, CALLER, 200, "to the CANCEL"),
                response(CALLEE, CALLER, 487, "to the INVITE"),
                request(CALLER, CALLEE, "ACK", ""),
            ],
        },
        Flow {
            id: "flow-challenged",
            title: "Challenged",
            summary: "The caller's proxy asks for credentials before it routes the call: a 407 first is \
                      normal. The caller acknowledges it and sends the INVITE again, with a new CSeq \
                      and a Proxy-Authorization header.",
            lanes: &["Caller", "Proxy", "Callee"],
            steps: vec![
                request(0, 1, "INVITE", ""),
                response(1, 0, 407, "Proxy-Authenticate"),
                request(0, 1, "ACK", ""),
                request(0, 1, "INVITE", "Proxy-Authorization"),
                response(1, 0, 100, ""),
                request(1, 2, "INVITE", ""),
                response(2, 1, 180, ""),
                response(1, 0, 180, ""),
                response(2, 1, 200, ""),
                response(1, 0, 200, ""),
                request(0, 2, "ACK", ""),
            ],
        },
        Flow {
            id: "flow-redirected",
            title: "Redirected",
            summary: "A redirect server answers with the callee's current address in Contact instead \
                      of forwarding the call; the caller tries that address itself.",
            lanes: &["Caller", "Redirect server", "New target"],
            steps: vec![
                request(0, 1, "INVITE", ""),
                response(1, 0, 302, "Contact: new target"),
                request(0, 1, "ACK", ""),
                request(0, 2, "INVITE", "to the Contact"),
                response(2, 0, 180, ""),
                response(2, 0, 200, ""),
                request(0, 2, "ACK", ""),
            ],
        },
    ]
}
