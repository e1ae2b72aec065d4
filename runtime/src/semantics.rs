//! What the RFCs say a status code means beyond its class, as data: the Q.850 cause a gateway
//! maps it to and back (RFC 3398, RFC 4497), its effect on a dialog (RFC 5057), the header
//! fields a response with it carries (RFC 3261 §20 and the extension RFCs), how a forking
//! proxy picks the response to send upstream (RFC 3261 §16.7), and what a final response means
//! for the call and for a router choosing the next route.
//!
//! Every generated type carries the per-code facts of its spec (`to_q850`, `from_q850`,
//! `dialog_effect`, `header_rules`, ...). This module holds the types those accessors return
//! and the class-level rules for a [`Code`](crate::Code) no spec lists.

mod dialog;
mod gateway;
mod headers;
mod policy;
mod proxy;

pub use dialog::{DialogEffect, dialog_effect_fallback};
pub use gateway::{Q850Table, q850_fallback, response_fallback};
pub use headers::{HeaderRule, Requirement};
pub use policy::{CallOutcome, RouteAction, outcome_fallback, route_fallback};
pub use proxy::{best_response, is_auth_challenge};
