//! Tests of how requests read the state: side by side under the read lock, after
//! [`prepare_read`] has brought the document they ask about up to date under the write lock; and
//! diagnostics published under the read lock.

use std::sync::{mpsc, Arc, RwLock};
use std::time::Duration;

use tower_lsp_server::lsp_types::{TextDocumentContentChangeEvent, Uri};

use crate::analysis::kb::Kb;
use crate::analysis::knowledge::KbData;
use crate::lsp::state::{prepare_read, read, uri_from_path, write, OpenFiles, State};
use crate::project::AnnSource;

/// A state with one open article at version 1.
fn with_open_article(text: &str) -> (Arc<RwLock<State>>, Uri) {
    let state = Arc::new(RwLock::new(State::new(Arc::new(KbData::new(Kb::builtin())))));
    let uri = uri_from_path("/c/a.txt").expect("a file URI");
    let files = OpenFiles { ann: AnnSource::Absent, disk_bom: false };
    write(&state).open(uri.clone(), text, 1, &files);
    (state, uri)
}

fn replace_all(text: &str) -> Vec<TextDocumentContentChangeEvent> {
    vec![TextDocumentContentChangeEvent { range: None, range_length: None, text: text.to_string() }]
}

#[test]
fn a_request_on_an_up_to_date_document_does_not_wait_for_another_reader() {
    let (state, uri) = with_open_article("وصل فلاديمير بوتين إلى موسكو.\n");
    let slow_reader = read(&state);
    assert!(slow_reader.is_current(&uri));
    let (tx, rx) = mpsc::channel();
    let (shared, asked) = (state.clone(), uri.clone());
    std::thread::spawn(move || {
        prepare_read(&shared, &asked);
        let _ = tx.send(read(&shared).file_id(&asked).is_some());
    });
    // With the first reader still holding the state, the second one answers.
    let answered = rx.recv_timeout(Duration::from_secs(10));
    drop(slow_reader);
    assert_eq!(answered, Ok(true), "the second reader waited for the first one");
}

#[test]
fn an_edited_document_is_indexed_again_before_it_is_read() {
    let (state, uri) = with_open_article("وصل فلاديمير بوتين إلى موسكو.\n");
    assert!(write(&state).change(&uri, 2, replace_all("قال كيم جونغ أون إن بيونغ يانغ سترد.\n")));
    assert!(!read(&state).is_current(&uri), "the edit is not indexed yet");
    prepare_read(&state, &uri);
    let s = read(&state);
    assert!(s.is_current(&uri));
    let file = s.file_id(&uri).and_then(|id| s.corpus.file(id)).expect("the article is indexed");
    assert!(file.text.contains("كيم"), "a read sees the edited text: {}", file.text);
}

#[test]
fn a_document_that_is_no_article_has_no_file_to_read() {
    let (state, _) = with_open_article("وصل فلاديمير بوتين إلى موسكو.\n");
    let ann = uri_from_path("/c/a.ann").expect("a file URI");
    let files = OpenFiles { ann: AnnSource::Absent, disk_bom: false };
    write(&state).open(ann.clone(), "T1\tPER 4 18\tفلاديمير بوتين\n", 1, &files);
    prepare_read(&state, &ann);
    assert_eq!(read(&state).file_id(&ann), None);
}

#[test]
fn diagnostics_of_an_up_to_date_document_are_published_while_another_reader_holds_the_state() {
    let (state, uri) = with_open_article("عنوان الخبر\n\nوقالت مصادر إن الجيش سيطر على 12 قرية.\n");
    let slow_reader = read(&state);
    let (tx, rx) = mpsc::channel();
    let (shared, asked) = (state.clone(), uri.clone());
    std::thread::spawn(move || {
        let _ = tx.send(crate::lsp::diagnostics::to_publish_reading(&shared, &asked).map(|(d, v)| (d.len(), v)));
    });
    let published = rx.recv_timeout(Duration::from_secs(10));
    drop(slow_reader);
    let (count, version) = published.expect("publishing waited for the reader").expect("first diagnostics are sent");
    assert!(count > 0, "the vague source is reported");
    assert_eq!(version, 1);
    // The same diagnostics again are not sent.
    assert_eq!(crate::lsp::diagnostics::to_publish_reading(&state, &uri), None);
}
