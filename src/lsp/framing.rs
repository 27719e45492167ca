//! A guard in front of the protocol reader. The framed reader of `tower-lsp-server` stops at its
//! first decode error, so one bad message from a client would end the session; here every frame
//! is checked first:
//! - a body that is not a JSON-RPC message (not JSON, `{}`, a batch array) is replaced by a
//!   notification the server ignores;
//! - a wrong `Content-Length` is detected when the next header turns up inside a body (too
//!   long, or over the size limit) or a header line holds other text (too short); reading
//!   resynchronises at the next `Content-Length:` header, so at most the damaged message is lost.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

/// What a malformed message becomes: a notification the server logs and otherwise ignores.
const REPLACEMENT: &[u8] = br#"{"jsonrpc":"2.0","method":"$/isnad/malformedMessage","params":{}}"#;

/// Largest message body accepted (a whole article is sent in didOpen; 10 MB is the article limit).
const MAX_BODY: usize = 64 * 1024 * 1024;

const HEADER: &[u8] = b"content-length:";

/// Reads framed messages from `input` and returns a reader of well-formed frames only, and a
/// receiver that fires once an `exit` notification has been passed on.
pub fn guard<R: AsyncRead + Unpin + Send + 'static>(
    input: R,
) -> (impl AsyncRead + Unpin + Send, tokio::sync::oneshot::Receiver<()>) {
    let (mut writer, reader) = tokio::io::duplex(1 << 16);
    let (exit_tx, exit_rx) = tokio::sync::oneshot::channel();
    let mut exit_tx = Some(exit_tx);
    tokio::spawn(async move {
        let mut input = Input { inner: input, buf: Vec::new(), eof: false };
        while let Some(length) = input.next_header().await {
            if length > MAX_BODY {
                log::error!("a message of {length} bytes is over the limit and was skipped");
                input.skip(length).await;
                continue;
            }
            let Some(mut body) = input.take(length).await else { break };
            let mut exit = false;
            // A header inside the body: the length was too long; the body ends there.
            if find_header(&body).is_some() {
                log::error!("a message with a wrong Content-Length was ignored");
                body = REPLACEMENT.to_vec();
            } else {
                match read_message(&body) {
                    Some(message) => exit = message == Message::Exit,
                    None => {
                        log::error!("a message that is not JSON-RPC was ignored ({length} bytes)");
                        body = REPLACEMENT.to_vec();
                    }
                }
            }
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            if writer.write_all(header.as_bytes()).await.is_err() || writer.write_all(&body).await.is_err() {
                break;
            }
            if exit {
                if let Some(tx) = exit_tx.take() {
                    let _ = tx.send(());
                }
            }
        }
        // End of input: the server sees stdin closed and exits.
        let _ = writer.shutdown().await;
    });
    (reader, exit_rx)
}

/// A message the guard passes on: the `exit` notification, after which the server leaves, or any other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Message {
    Exit,
    Other,
}

/// A JSON-RPC request, notification or response the protocol reader accepts, or `None` for a body
/// to ignore: one that also decodes as the reader's own types, since a body it cannot decode ends
/// its stream (an id that is a fraction, above `i64`, an object or a boolean; a duplicate key; an
/// error object without a numeric code).
fn read_message(body: &[u8]) -> Option<Message> {
    use tower_lsp_server::jsonrpc::{Request, Response};
    let Ok(serde_json::Value::Object(msg)) = serde_json::from_slice::<serde_json::Value>(body) else {
        return None;
    };
    let version = msg.get("jsonrpc").and_then(|v| v.as_str()) == Some("2.0");
    let request = msg.get("method").is_some_and(|m| m.is_string());
    let response = msg.contains_key("id") && (msg.contains_key("result") || msg.contains_key("error"));
    // `initialize` sent as a notification: the protocol layer runs it as one, and when it ends
    // (with no answer, so as a failure) it marks the server uninitialized again, even when a
    // real `initialize` request has succeeded in the meantime.
    if msg.get("method").and_then(|m| m.as_str()) == Some("initialize") && !msg.contains_key("id") {
        return None;
    }
    let decodes = if request {
        serde_json::from_slice::<Request>(body).is_ok()
    } else {
        serde_json::from_slice::<Response>(body).is_ok()
    };
    let exit = msg.get("method").and_then(|m| m.as_str()) == Some("exit");
    (version && (request || response) && decodes).then_some(if exit { Message::Exit } else { Message::Other })
}

/// Position of a `Content-Length: <digits>\r\n` header (any case) in a byte string. A JSON body
/// cannot hold one: raw line breaks are not allowed inside JSON strings.
fn find_header(bytes: &[u8]) -> Option<usize> {
    static FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build([HEADER]).expect("one literal pattern")
    });
    FINDER.find_iter(bytes).map(|m| m.start()).find(|&at| {
        let rest = &bytes[at + HEADER.len()..];
        let digits_at = rest.iter().position(|&b| b != b' ').unwrap_or(rest.len());
        let digits = rest[digits_at..].iter().take_while(|b| b.is_ascii_digit()).count();
        digits > 0 && rest[digits_at + digits..].starts_with(b"\r\n")
    })
}

/// Buffered input that can give bytes back.
struct Input<R> {
    inner: R,
    buf: Vec<u8>,
    eof: bool,
}

impl<R: AsyncRead + Unpin> Input<R> {
    async fn fill(&mut self) -> bool {
        if self.eof {
            return false;
        }
        let mut chunk = [0u8; 1 << 14];
        match self.inner.read(&mut chunk).await {
            Ok(0) | Err(_) => {
                self.eof = true;
                false
            }
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }

    async fn line(&mut self) -> Option<Vec<u8>> {
        loop {
            if let Some(end) = self.buf.iter().position(|&b| b == b'\n') {
                let rest = self.buf.split_off(end + 1);
                return Some(std::mem::replace(&mut self.buf, rest));
            }
            if !self.fill().await {
                return (!self.buf.is_empty()).then(|| std::mem::take(&mut self.buf));
            }
        }
    }

    /// The next `n` bytes, or fewer when the next message's header turns up before them (the
    /// length was too long: waiting for the rest would wait for a message the client never sends).
    async fn take(&mut self, n: usize) -> Option<Vec<u8>> {
        // Bytes already searched for a header (less a header's length, which may straddle a read).
        let mut searched = 0;
        loop {
            let end = self.buf.len().min(n);
            let from = searched.min(end).saturating_sub(HEADER.len() + 24);
            let found = find_header(&self.buf[from..end]).map(|at| from + at);
            searched = end;
            if let Some(at) = found {
                let rest = self.buf.split_off(at);
                let mut body = std::mem::replace(&mut self.buf, rest);
                // Mark the body as damaged for the caller by keeping the header in it.
                body.extend_from_slice(b"Content-Length: 0\r\n");
                return Some(body);
            }
            if self.buf.len() >= n {
                let rest = self.buf.split_off(n);
                return Some(std::mem::replace(&mut self.buf, rest));
            }
            if !self.fill().await {
                return None;
            }
        }
    }

    /// Passes over the `n` bytes of an over-limit body, or up to the next message's header if one
    /// turns up before them (else a lying length would swallow every later message).
    async fn skip(&mut self, mut n: usize) {
        loop {
            let end = self.buf.len().min(n);
            if let Some(at) = find_header(&self.buf[..end]) {
                self.buf.drain(..at);
                return;
            }
            if self.buf.len() >= n {
                self.buf.drain(..n);
                return;
            }
            // Keep a tail that may hold the start of a header split across reads.
            let passed = self.buf.len().saturating_sub(HEADER.len() + 24);
            self.buf.drain(..passed);
            n -= passed;
            if !self.fill().await {
                return;
            }
        }
    }

    /// Reads up to the blank line after a `Content-Length:` header and returns the length. Lines
    /// before it that hold other text (the rest of a damaged message) are passed over.
    async fn next_header(&mut self) -> Option<usize> {
        let mut length = None;
        loop {
            let line = self.line().await?;
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if length.is_some() {
                    return length;
                }
                continue;
            }
            let at = text.as_bytes().windows(HEADER.len()).position(|w| w.eq_ignore_ascii_case(HEADER));
            if let Some(at) = at {
                if at > 0 {
                    log::error!("text before a message header was ignored ({at} bytes)");
                }
                length = text[at + HEADER.len()..].trim().parse().ok();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &'static [u8]) -> Vec<String> {
        let mut out = String::new();
        guard(input).0.read_to_string(&mut out).await.unwrap();
        out.split("Content-Length: ")
            .filter(|s| !s.is_empty())
            .map(|s| s.split("\r\n\r\n").nth(1).unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn bodies_the_protocol_reader_cannot_decode_are_not_messages() {
        // Found by tests/fuzz_lsp.rs: each of these but the last ended the session (an id of 1.5);
        // the last, racing a real `initialize`, left the server uninitialized.
        for body in [
            r#"{"jsonrpc":"2.0","id":1.5,"method":"x","params":454}"#,
            r#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":{"id":1},"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":true,"result":1}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"message":"no code"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"id":2,"method":"x"}"#,
            r#"{"jsonrpc":"2.0","method":"initialize","params":null}"#,
        ] {
            assert!(read_message(body.as_bytes()).is_none(), "{body}");
        }
        for body in [
            r#"{"jsonrpc":"2.0","id":-7,"method":"x","params":[1]}"#,
            r#"{"jsonrpc":"2.0","id":"f1","method":"x","params":null}"#,
            r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":"text"}"#,
            r#"{"jsonrpc":"2.0","id":0,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":"a","error":{"code":-1,"message":"no"}}"#,
        ] {
            assert!(read_message(body.as_bytes()).is_some(), "{body}");
        }
    }

    #[tokio::test]
    async fn bad_bodies_are_replaced_and_wrong_lengths_resynchronise() {
        let ok = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input: &'static [u8] = Box::leak(
            format!(
                "Content-Length: 2\r\n\r\n{{}}Content-Length: 3\r\n\r\nnotContent-Length: {n}\r\n\r\n{ok}Content-Length: 99\r\n\r\n{{\"a\"Content-Length: {n}\r\n\r\n{ok}Content-Length: 1\r\n\r\n{{xyz\r\nContent-Length: {n}\r\n\r\n{ok}",
                n = ok.len()
            )
            .into_bytes()
            .into_boxed_slice(),
        );
        let got = frames(input).await;
        let replaced = String::from_utf8_lossy(REPLACEMENT).to_string();
        let oks = got.iter().filter(|b| *b == ok).count();
        assert_eq!(oks, 3, "every valid message after a damaged one arrives: {got:?}");
        assert!(got.iter().all(|b| *b == ok || *b == replaced), "{got:?}");
    }

    #[tokio::test]
    async fn a_length_over_the_limit_does_not_swallow_the_next_messages() {
        // Found by tests/fuzz_lsp.rs: the skipped body ran over every later message.
        let ok = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input: &'static [u8] = Box::leak(
            format!(
                "Content-Length: 99999999999\r\n\r\n{{\"a\":Content-Length: {n}\r\n\r\n{ok}Content-Length: 70000000\r\n\r\nContent-Length: {n}\r\n\r\n{ok}",
                n = ok.len()
            )
            .into_bytes()
            .into_boxed_slice(),
        );
        let got = frames(input).await;
        assert_eq!(got, vec![ok.to_string(), ok.to_string()]);
    }
}
