//! Debounced analysis after edits: a burst of didChange notifications produces one analysis of
//! the last version, and diagnostics are published only for the version that is still current.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;
use tower_lsp_server::lsp_types::Uri;
use tower_lsp_server::Client;

use crate::lsp::server::lock;
use crate::lsp::state::State;

/// How long the server waits for the next keystroke before analysing.
const QUIET: Duration = Duration::from_millis(15);

#[derive(Clone)]
pub struct Debouncer {
    tx: mpsc::UnboundedSender<(Uri, i32)>,
}

impl Debouncer {
    /// Starts the analysis task.
    pub fn start(client: Client, state: Arc<Mutex<State>>) -> Debouncer {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(client, state, rx));
        Debouncer { tx }
    }

    /// Asks for the document to be analysed at this version (synchronous, never blocks).
    pub fn schedule(&self, uri: Uri, version: i32) {
        let _ = self.tx.send((uri, version));
    }
}

async fn run(client: Client, state: Arc<Mutex<State>>, mut rx: mpsc::UnboundedReceiver<(Uri, i32)>) {
    while let Some((uri, version)) = rx.recv().await {
        // The burst, by URI text: the last version of each document wins.
        let mut pending: HashMap<String, (Uri, i32)> = HashMap::from([(uri.as_str().to_string(), (uri, version))]);
        while let Ok(Some((uri, version))) = tokio::time::timeout(QUIET, rx.recv()).await {
            pending.insert(uri.as_str().to_string(), (uri, version));
        }
        for (uri, version) in pending.into_values() {
            let state = state.clone();
            let analysed = tokio::task::spawn_blocking(move || {
                let mut s = lock(&state);
                // A newer edit is queued: its own turn will publish.
                if s.docs.get(&uri).is_none_or(|d| d.version != version) {
                    return None;
                }
                s.diagnostics(&uri).map(|d| (uri, d))
            })
            .await;
            if let Ok(Some((uri, (diags, v)))) = analysed {
                client.publish_diagnostics(uri, diags, Some(v)).await;
            }
        }
    }
}
