//! Debounced analysis after edits: a burst of didChange notifications produces one analysis of
//! the last version, and diagnostics are published only for the version that is still current.
//!
//! Between bursts, the same task settles the corpus: the other articles that an edit's change of
//! the spread names affects are analysed again a few at a time, each step analysed outside the
//! lock and put in under a short one, so that requests and the next keystrokes go first.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::mpsc;
use tower_lsp_server::lsp_types::Uri;
use tower_lsp_server::Client;

use crate::lsp::diagnostics;
use crate::lsp::state::{read, write, State};

/// How long the server waits for the next keystroke before analysing.
const QUIET: Duration = Duration::from_millis(15);
/// Articles analysed again per settling step (about 10–20 ms of work, without the lock), and the
/// pause between steps.
const SETTLE_STEP: usize = 64;
const SETTLE_PAUSE: Duration = Duration::from_millis(2);

#[derive(Clone)]
pub struct Debouncer {
    tx: mpsc::UnboundedSender<(Uri, i32)>,
}

impl Debouncer {
    /// Starts the analysis task.
    pub fn start(client: Client, state: Arc<RwLock<State>>) -> Debouncer {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(client, state, rx));
        Debouncer { tx }
    }

    /// Asks for the document to be analysed at this version (synchronous, never blocks).
    pub fn schedule(&self, uri: Uri, version: i32) {
        let _ = self.tx.send((uri, version));
    }
}

async fn run(client: Client, state: Arc<RwLock<State>>, mut rx: mpsc::UnboundedReceiver<(Uri, i32)>) {
    loop {
        let waiting = read(&state).corpus.has_pending();
        let next = if waiting {
            match tokio::time::timeout(SETTLE_PAUSE, rx.recv()).await {
                Ok(next) => next,
                Err(_) => {
                    settle_step(&client, &state).await;
                    continue;
                }
            }
        } else {
            rx.recv().await
        };
        let Some((uri, version)) = next else { return };
        // The burst, by URI text: the last version of each document wins.
        let mut pending: HashMap<String, (Uri, i32)> = HashMap::from([(uri.as_str().to_string(), (uri, version))]);
        while let Ok(Some((uri, version))) = tokio::time::timeout(QUIET, rx.recv()).await {
            pending.insert(uri.as_str().to_string(), (uri, version));
        }
        // Edited `.ann` documents (each scheduled itself) reach their articles now, once per burst.
        let ann_edited = pending.keys().any(|u| u.ends_with(".ann"));
        let worker = state.clone();
        let affected = if ann_edited {
            tokio::task::spawn_blocking(move || {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| write(&worker).articles_of_edited_anns()))
                    .unwrap_or_default()
            })
            .await
            .unwrap_or_default()
        } else {
            Vec::new()
        };
        for (uri, version) in affected {
            pending.insert(uri.as_str().to_string(), (uri, version));
        }
        for (uri, version) in pending.into_values() {
            let state = state.clone();
            let analysed = tokio::task::spawn_blocking(move || {
                // A newer edit is queued: its own turn will publish.
                if read(&state).docs.get(&uri).is_none_or(|d| d.version != version) {
                    return None;
                }
                diagnostics::to_publish_reading(&state, &uri).map(|d| (uri, d))
            })
            .await;
            if let Ok(Some((uri, (diags, v)))) = analysed {
                client.publish_diagnostics(uri, diags, Some(v)).await;
            }
        }
    }
}

/// One settling step; after the last one, the open documents' diagnostics are published again
/// (their mentions may have changed with the names spread from elsewhere).
async fn settle_step(client: &Client, state: &Arc<RwLock<State>>) {
    let worker = state.clone();
    let more = tokio::task::spawn_blocking(move || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // Requests read the index while the step's articles are analysed; it is locked only
            // to put the analyses in.
            let Some(inputs) = read(&worker).corpus.settle_inputs(SETTLE_STEP) else { return false };
            let settled = inputs.analyse();
            write(&worker).corpus.apply_settled(settled)
        }))
        .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    if !more {
        crate::lsp::indexing::publish_all(client, state).await;
    }
}
