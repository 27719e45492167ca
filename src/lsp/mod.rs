//! The protocol edge: serves the Language Server Protocol on stdio (or any pair of pipes, in
//! tests) over the analysis core.
//!
//! `server` holds the handler table (each handler a few lines), `state` the open documents and
//! the index, `initialize` the capabilities, `convert`, `locations`, `hovers`, `workspace_edit`
//! and `rename` the conversions, `indexing` the workspace build and file watching, `debounce`
//! the analysis after edits. stdout belongs to the protocol; logs go to stderr.

pub mod convert;
pub mod debounce;
pub mod diagnostics;
pub mod framing;
pub mod hovers;
pub mod indexing;
pub mod initialize;
pub mod locations;
pub mod rename;
pub mod server;
pub mod state;
#[cfg(test)]
mod state_reads;
pub mod workspace_edit;

use std::sync::{Arc, RwLock};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

use crate::analysis::kb::Kb;
use crate::analysis::knowledge::KbData;

/// Enough concurrent requests that slow ones never stop the server from reading stdin
/// (so `$/cancelRequest` and `shutdown` are always read).
const MAX_CONCURRENT_REQUESTS: usize = 256;

/// How long the protocol layer may take to finish after `exit` (write the answers in flight).
const EXIT_GRACE: std::time::Duration = std::time::Duration::from_millis(200);

/// Serves the protocol on stdin/stdout with the built-in knowledge base and the tagger, then
/// leaves the process.
pub fn run() -> anyhow::Result<()> {
    let tagger = crate::models::tagger()?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async {
        let kb = Arc::new(KbData::new(Kb::builtin()).with_tagger(tagger));
        serve(kb, tokio::io::stdin(), tokio::io::stdout()).await;
    });
    // stdin closed or `exit` received: leave at once, without waiting for background work.
    std::process::exit(0)
}

/// Serves the protocol over `input`/`output` (stdio in [`run`], in-memory pipes in tests) until
/// the input ends, or `exit` was received and the answers in flight had [`EXIT_GRACE`] to be
/// written. Must run on a multi-threaded tokio runtime; work in the background may outlive it.
pub async fn serve<I, O>(kb: Arc<KbData>, input: I, output: O)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    let state = Arc::new(RwLock::new(state::State::new(kb)));
    let (service, socket) = LspService::build(|client| {
        let debouncer = debounce::Debouncer::start(client.clone(), state.clone());
        server::Backend { client, state: state.clone(), debouncer }
    })
    .custom_method("isnad/statements", server::Backend::statements)
    .finish();
    let (input, exit_seen) = framing::guard(input);
    let serve = Server::new(input, output, socket).concurrency_level(MAX_CONCURRENT_REQUESTS).serve(service);
    // After `exit` the protocol layer still waits for every handler to end, and one may wait
    // for ever on a client that never answers the server's own request (a registration or a
    // progress token): give the answers in flight a moment to be written, then leave.
    tokio::pin!(serve);
    tokio::select! {
        () = &mut serve => {}
        Ok(()) = exit_seen => {
            let _ = tokio::time::timeout(EXIT_GRACE, serve).await;
        }
    }
}
