use crate::{Class, Code};

/// RFC 3261 §16.7 step 6: which of a forking proxy's final responses to send upstream, and
/// with which code.
///
/// `finals` are the responses in the response context, in the order they arrived. The result
/// is the index of the response to forward and the code to send, or `None` when there is no
/// final response to choose from.
///
/// # The choice
///
/// 1. A 2xx, if any (the first one). Step 5 forwards every 2xx as soon as it arrives, so a
///    2xx should never reach step 6; if one is passed anyway, nothing outranks it and the
///    rest of `finals` is not read.
/// 2. Otherwise a 6xx, if any (the first one): a 6xx wins over every other class (MUST).
/// 3. Otherwise the lowest class present (SHOULD): 3xx, then 4xx, then 5xx. Within 4xx a
///    401, 407, 415, 420 or 484 comes first, since each tells the client how to change its
///    request; within a class the earliest response wins (the RFC lets the proxy pick any).
/// 4. A 503 is not chosen while any other response is present: the proxy should not pass a
///    503 upstream unless every later request would get one too, which it cannot know. When
///    the context holds only 503s the first is chosen and the code to send is 500, as the
///    RFC asks.
/// 5. Codes 700..=999 have no class and never beat a response that has one; they win only
///    over 503s. The code to send for one is 500: it is not a code to repeat on the wire, and
///    all it tells is that the branch failed at a server.
///
/// 1xx responses are not final and never enter the context (step 5 forwards them, except
/// 100, which is hop-by-hop); any in `finals` are skipped, but still counted by the index.
///
/// The result depends only on the codes and their order. The function reads each item once,
/// keeps no buffer, does not allocate and does not panic; the index saturates at
/// `usize::MAX`.
///
/// # No final response
///
/// `None` means the context is empty. For an INVITE, step 6 then sends 408 Request Timeout.
/// For any other method RFC 4320 §4.2 forbids that 408: the proxy sends no final response at
/// all and lets the client's transaction time out.
///
/// # Step 7: what to copy into the chosen response
///
/// When the chosen response is a 401 or 407, the proxy MUST copy into it every
/// WWW-Authenticate and Proxy-Authenticate value of every 401 and 407 in the context,
/// unchanged and in any order, so the client can answer each challenge at once (it may then
/// pick or make up the To tag). [`is_auth_challenge`] selects those responses. No other code
/// merges header fields: a chosen 415, 420 or 484 goes up as it came.
///
/// # Around the choice
///
/// On receiving a 6xx the proxy should CANCEL its pending branches and must not start new
/// ones; once it forwards any final response it must CANCEL those still pending (step 10).
/// RFC 6026 §8.2 stops a proxy from forwarding a response that matches no client transaction,
/// and RFC 6228 §6 may have it send a 199 for each early dialog a discarded response ends.
///
/// ```
/// use sip_codes::{best_response, Code};
///
/// let codes = |list: &[u16]| list.iter().map(|&n| Code::new(n).unwrap()).collect::<Vec<_>>();
///
/// // RFC 3261 §16.7's own example: forward the 407.
/// assert_eq!(best_response(codes(&[503, 407, 501, 404])), Some((1, Code::new(407).unwrap())));
/// // A lone 503 goes upstream as 500.
/// assert_eq!(best_response(codes(&[503, 503])), Some((0, Code::new(500).unwrap())));
/// // A 6xx beats everything but a 2xx.
/// assert_eq!(best_response(codes(&[302, 486, 603])), Some((2, Code::new(603).unwrap())));
/// assert_eq!(best_response(codes(&[180])), None);
/// ```
pub fn best_response<I: IntoIterator<Item = Code>>(finals: I) -> Option<(usize, Code)> {
    let mut best: Option<(Rank, usize, Code)> = None;
    let mut index = 0usize;
    for code in finals {
        if let Some(rank) = Rank::of(code) {
            if best.is_none_or(|(held, _, _)| rank < held) {
                best = Some((rank, index, code));
            }
            if rank == Rank::Success {
                break;
            }
        }
        index = index.saturating_add(1);
    }
    best.map(|(rank, index, code)| match rank {
        Rank::Unclassified | Rank::ServiceUnavailable => (index, SERVER_INTERNAL_ERROR),
        _ => (index, code),
    })
}

/// RFC 3261 §16.7 step 7 and §22.3: whether the response is a 401 Unauthorized or a
/// 407 Proxy Authentication Required, the two whose challenges (WWW-Authenticate,
/// Proxy-Authenticate) a proxy gathers into the response it forwards.
///
/// ```
/// use sip_codes::{is_auth_challenge, Code};
///
/// assert!(is_auth_challenge(Code::new(407).unwrap()));
/// assert!(!is_auth_challenge(Code::new(403).unwrap()));
/// ```
pub const fn is_auth_challenge(code: Code) -> bool {
    matches!(code.get(), 401 | 407)
}

/// A response's place in the step 6 order; a smaller rank wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Success,
    GlobalFailure,
    Redirection,
    /// 401, 407, 415, 420, 484: they tell the client how to resubmit.
    Resubmittable,
    ClientError,
    /// Every 5xx but 503.
    ServerError,
    /// 700..=999.
    Unclassified,
    ServiceUnavailable,
}

impl Rank {
    /// `None` for the 1xx, which have no place in the context.
    const fn of(code: Code) -> Option<Rank> {
        Some(match code.class() {
            Some(Class::Provisional) => return None,
            Some(Class::Success) => Rank::Success,
            Some(Class::GlobalFailure) => Rank::GlobalFailure,
            Some(Class::Redirection) => Rank::Redirection,
            Some(Class::ClientError) => match code.get() {
                401 | 407 | 415 | 420 | 484 => Rank::Resubmittable,
                _ => Rank::ClientError,
            },
            Some(Class::ServerError) => match code.get() {
                503 => Rank::ServiceUnavailable,
                _ => Rank::ServerError,
            },
            None => Rank::Unclassified,
        })
    }
}

/// What a proxy sends instead of a lone 503 or a code without a class.
const SERVER_INTERNAL_ERROR: Code = match Code::new(500) {
    Some(code) => code,
    None => panic!("500 is a status code"),
};
