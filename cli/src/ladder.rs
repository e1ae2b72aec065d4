//! `explain --ladder`: a call drawn as sngrep draws a flow, one column a host (address and
//! port), one arrow a message, with its time from the call's first message. Only captures
//! give the addresses it needs.

use std::io::{self, Write};
use std::net::SocketAddr;

use crate::capture::Timestamp;

/// The most arrows a call keeps for its ladder; later ones are counted.
pub const MAX_ARROWS: usize = 64;
/// The most hosts drawn; arrows to others are counted.
const MAX_HOSTS: usize = 6;

/// One message as an arrow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrow {
    /// When the packet that completed it was captured.
    pub time: Timestamp,
    /// Sender.
    pub src: SocketAddr,
    /// Receiver.
    pub dst: SocketAddr,
    /// The method, or the code and phrase.
    pub label: String,
}

/// Draws `arrows` (of which `dropped` more were not kept).
pub fn write(out: &mut impl Write, arrows: &[Arrow], dropped: u64) -> io::Result<()> {
    let Some(first) = arrows.first() else { return Ok(()) };
    let mut hosts: Vec<SocketAddr> = Vec::new();
    let mut undrawn = dropped;
    for arrow in arrows {
        for host in [arrow.src, arrow.dst] {
            if !hosts.contains(&host) && hosts.len() < MAX_HOSTS {
                hosts.push(host);
            }
        }
    }
    let names: Vec<String> = hosts.iter().map(SocketAddr::to_string).collect();
    let width = names.iter().map(String::len).max().unwrap_or(0).max(20) + 4;
    let margin = 12;
    let center = |column: usize| margin + column * width + width / 2;
    let total = margin + hosts.len() * width;
    let mut header = vec![b' '; total];
    for (i, name) in names.iter().enumerate() {
        let start = center(i).saturating_sub(name.len() / 2);
        header[start..start + name.len()].copy_from_slice(name.as_bytes());
    }
    writeln!(out, "{}", String::from_utf8_lossy(&header).trim_end())?;
    for arrow in arrows {
        let (Some(from), Some(to)) =
            (hosts.iter().position(|h| *h == arrow.src), hosts.iter().position(|h| *h == arrow.dst))
        else {
            undrawn += 1;
            continue;
        };
        let mut line = vec![b' '; total];
        for i in 0..hosts.len() {
            line[center(i)] = b'|';
        }
        let time = crate::calls::Seconds::between(first.time, arrow.time).to_string();
        let time = &time[..time.len().min(margin - 2)];
        line[..time.len()].copy_from_slice(time.as_bytes());
        let (lo, hi) = (center(from.min(to)), center(from.max(to)));
        let label: String = arrow.label.chars().filter(char::is_ascii).collect();
        if lo == hi {
            // A host sending to itself: the label beside its column.
            let text = format!(" {label}");
            let end = (lo + 1 + text.len()).min(total);
            line[lo + 1..end].copy_from_slice(&text.as_bytes()[..end - lo - 1]);
        } else {
            for b in &mut line[lo + 1..hi] {
                *b = b'-';
            }
            if from < to {
                line[hi - 1] = b'>';
            } else {
                line[lo + 1] = b'<';
            }
            let room = hi - lo - 3;
            let label = &label[..label.len().min(room.saturating_sub(2))];
            let start = lo + 2 + (room - label.len()) / 2;
            line[start..start + label.len()].copy_from_slice(label.as_bytes());
        }
        writeln!(out, "{}", String::from_utf8_lossy(&line).trim_end())?;
    }
    if undrawn > 0 {
        writeln!(
            out,
            "  ({undrawn} more messages not drawn: past {MAX_ARROWS} or to a host past {MAX_HOSTS})"
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arrow(secs: i64, src: &str, dst: &str, label: &str) -> Arrow {
        Arrow {
            time: Timestamp { secs, nanos: 0, digits: 3 },
            src: src.parse().unwrap(),
            dst: dst.parse().unwrap(),
            label: label.to_owned(),
        }
    }

    #[test]
    fn a_call_as_a_ladder() {
        let a = "192.0.2.1:5060";
        let b = "[2001:db8::2]:5080";
        let arrows = [arrow(10, a, b, "INVITE"), arrow(11, b, a, "180 Ringing"), arrow(15, a, b, "BYE")];
        let mut out = Vec::new();
        write(&mut out, &arrows, 0).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].contains("192.0.2.1:5060") && lines[0].contains("[2001:db8::2]:5080"), "{text}");
        assert!(
            lines[1].starts_with("0.000") && lines[1].contains("INVITE") && lines[1].ends_with(">|"),
            "{text}"
        );
        assert!(
            lines[2].starts_with("1.000") && lines[2].contains("|<") && lines[2].contains("180 Ringing"),
            "{text}"
        );
        assert!(lines[3].starts_with("5.000"), "{text}");
        let bar = |line: &str| line.find('|').unwrap();
        assert_eq!(bar(lines[1]), bar(lines[2]));
    }
}
