//! A guard in front of the protocol reader: frames from stdin whose body is not valid JSON, or
//! whose headers are broken, are replaced or skipped here, so that one bad message from a client
//! cannot end the session (the framed reader of `tower-lsp-server` stops at its first decode error).

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};

/// What a malformed message becomes: a notification the server logs and otherwise ignores.
const REPLACEMENT: &[u8] = br#"{"jsonrpc":"2.0","method":"$/isnad/malformedMessage","params":{}}"#;

/// Largest message body accepted (a whole article is sent in didOpen; 10 MB is the article limit).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// Reads framed messages from `input` and returns a reader of well-formed frames only.
pub fn guard<R: AsyncRead + Unpin + Send + 'static>(input: R) -> impl AsyncRead + Unpin + Send {
    let (mut writer, reader) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        loop {
            let Some(length) = read_headers(&mut input).await else { break };
            let Some(length) = length.filter(|&n| n <= MAX_BODY) else {
                log::error!("a message without a valid Content-Length was skipped");
                continue;
            };
            let mut body = vec![0; length];
            if input.read_exact(&mut body).await.is_err() {
                break;
            }
            if serde_json::from_slice::<serde_json::Value>(&body).is_err() {
                log::error!("a message whose body is not valid JSON was ignored ({length} bytes)");
                body = REPLACEMENT.to_vec();
            }
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            if writer.write_all(header.as_bytes()).await.is_err() || writer.write_all(&body).await.is_err() {
                break;
            }
        }
        // End of input: the server sees stdin closed and exits.
        let _ = writer.shutdown().await;
    });
    reader
}

/// Reads header lines up to the blank line. `None` at end of input; `Some(None)` when the
/// headers had no usable Content-Length.
async fn read_headers<R: AsyncBufReadExt + Unpin>(input: &mut R) -> Option<Option<usize>> {
    let mut length = None;
    let mut seen_any = false;
    loop {
        let mut line = String::new();
        match input.read_line(&mut line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if seen_any {
                return Some(length);
            }
            continue;
        }
        seen_any = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
}
