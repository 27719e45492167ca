//! Rename and the `.ann` that follows an edited article (issue 9): what is renamed (names, in every
//! spelling) and what is left (partial names, annotated descriptions, discontinuous annotations),
//! invalid new names, the `.ann` rewritten from one consistent text, annotations written back
//! after an edit, and actions refused on an `.ann` that could not be read or outside the folders.

use std::sync::Arc;

use expect_test::expect;

use super::edits::{applied, context, linked, show, titles};
use crate::analysis::corpus::Corpus;
use crate::analysis::edits::{self, ActionContext, ConfigTarget};
use crate::analysis::fixture::{t_line, Fixture};

#[test]
fn rename_leaves_partial_names_descriptions_and_discontinuous_annotations() {
    let a = "وصل $0كيم جونغ أون إلى موسكو. وقال كيم إن الزعيم الكوري سيعود.\n";
    let b = "التقى كيم جونج أون بالرئيس بوتين.\n";
    // T1 names Kim, T2 is the description «الزعيم الكوري» annotated as Kim, T3 is «كيم … أون» in
    // two fragments around «جونغ».
    let c = "قال كيم جونغ أون للصحفيين.\n";
    let desc = t_line(&a.replace("$0", ""), 2, "PER", "الزعيم الكوري", Some("isnad:kim-jong-un"), "\n");
    let kim = c.find("كيم").unwrap();
    let un = c.find("أون").unwrap();
    let cp = |b: usize| c[..b].chars().count();
    let split = format!(
        "T3\tPER {} {};{} {}\tكيم أون\nN3\tReference T3 isnad:kim-jong-un\tكيم أون\n",
        cp(kim),
        cp(kim) + 3,
        cp(un),
        cp(un) + 3
    );
    let fixture = format!("//- a.txt\n{a}//- a.ann\n{desc}//- b.txt\n{b}//- c.txt\n{c}//- c.ann\n{split}");
    let fx = Fixture::parse(&fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let changes = edits::rename(&corpus, file, offset, "كيم جون أون", &|_| true).expect("edits");
    let after = applied(&fx, &changes);
    expect![[r#"
        //- a.txt
        وصل كيم جون أون إلى موسكو. وقال كيم إن الزعيم الكوري سيعود.
        //- a.ann
        T2→PER 39 52→الزعيم الكوري
        N2→Reference T2 isnad:kim-jong-un→الزعيم الكوري
        //- b.txt
        التقى كيم جون أون بالرئيس بوتين.
    "#]]
    .assert_eq(&show(&after, &changes));
    // Starting from the partial name, the description or a fragment is refused with the reason.
    let id = |name: &str| corpus.file_id(name).unwrap();
    let at = |name: &str, needle: &str, nth: usize| {
        let text = &corpus.file(id(name)).unwrap().text;
        text.match_indices(needle).nth(nth).unwrap().0 as u32
    };
    let refusals: Vec<String> = [("a.txt", "كيم", 1), ("a.txt", "الزعيم", 0), ("c.txt", "أون", 0)]
        .iter()
        .map(|&(n, needle, nth)| edits::prepare_rename(&corpus, id(n), at(n, needle, nth)).unwrap_err())
        .collect();
    expect![[r#"
        [
            "«كيم» is a partial name of «كيم جونغ أون»: rename from a mention of its full name (partial names, descriptions and discontinuous annotations are left as they are)",
            "«الزعيم الكوري» is an annotated description, not a name of «كيم جونغ أون»: rename from a mention of its full name (partial names, descriptions and discontinuous annotations are left as they are)",
            "«أون» is a discontinuous annotation of «كيم جونغ أون»: rename from a mention of its full name (partial names, descriptions and discontinuous annotations are left as they are)",
        ]
    "#]]
    .assert_debug_eq(&refusals);
}

#[test]
fn invalid_new_names_are_refused_with_the_reason() {
    let fx = Fixture::parse("//- a.txt\nقال $0بوتين إن الأمر انتهى.\n");
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let answers: Vec<String> = ["", "   ", "فلاديمير\nبوتين", "فلاديمير\u{2028}بوتين", "بو\u{7}تين"]
        .iter()
        .map(|n| edits::rename(&corpus, file, offset, n, &|_| true).unwrap_err())
        .collect();
    expect![[r#"
        [
            "the new name is empty",
            "the new name is empty",
            "the new name holds a line break; a name is one line",
            "the new name holds a line break; a name is one line",
            "the new name holds the control character U+0007",
        ]
    "#]]
    .assert_debug_eq(&answers);
}

/// The corpus after an edit of `name` made in the editor: the annotations shifted with the text,
/// the `.ann` file as it was on disk.
fn edited(fx: &Fixture, name: &str, at: &str, insert: &str) -> Corpus {
    let mut corpus = fx.corpus();
    let id = corpus.file_id(name).unwrap();
    let f = corpus.file(id).unwrap();
    let start = f.text.find(at).unwrap();
    let mut text = f.text.to_string();
    text.insert_str(start, insert);
    let mut anns = (**f.annotations.as_ref().unwrap()).clone();
    anns.shift(start as u32, start as u32, insert.len() as u32);
    corpus.set_article(name, Arc::from(text), Some(Arc::new(anns)));
    corpus
}

#[test]
fn the_moved_annotations_of_an_edited_article_are_written_back_on_request() {
    let a = "قال بوتين إن سيول بعيدة.\n";
    let ann = t_line(a, 1, "PER", "بوتين", Some("isnad:putin"), "\r\n") + &t_line(a, 2, "LOC", "سيول", None, "\r\n");
    let fx = Fixture::parse(&format!("//- a.txt\n{a}//- a.ann\n\u{feff}{ann}"));
    assert!(edits::sync_annotations(&fx.corpus(), 0).is_none(), "nothing moved yet");
    let corpus = edited(&fx, "a.txt", "قال", "أمس ");
    let id = corpus.file_id("a.txt").unwrap();
    let action = edits::sync_annotations(&corpus, id).expect("an action");
    let mut files = fx.files.clone();
    files[0].1 = corpus.file(id).unwrap().text.to_string();
    let fx2 = Fixture { files, cursor: None, ranges: Vec::new() };
    let after = applied(&fx2, &action.edits);
    expect![[r#"
        Write the moved annotations to a.ann
        //- a.ann
        <BOM>T1→PER 8 13→بوتين<CRLF>
        N1→Reference T1 isnad:putin→بوتين<CRLF>
        T2→LOC 17 21→سيول<CRLF>
    "#]]
    .assert_eq(&format!("{}\n{}", action.title, show(&after, &action.edits)));
    let reread = after.corpus();
    let problems = &reread.file(reread.file_id("a.txt").unwrap()).unwrap().annotations.as_ref().unwrap().problems;
    assert_eq!(problems, &[], "the written file fits the edited text");
    assert_eq!(linked(&reread, "a.txt", "بوتين"), "putin Annotated");
    // And it is offered at any position of the article.
    let offered = edits::offered_actions(&corpus, id, 0, &context());
    assert!(offered.iter().any(|o| o.title == action.title), "{offered:?}");
}

#[test]
fn a_rename_after_an_unsaved_edit_writes_offsets_of_one_text() {
    let a = "قال بوتين إن سيول بعيدة.\n";
    let ann = t_line(a, 1, "PER", "بوتين", Some("isnad:putin"), "\n") + &t_line(a, 2, "LOC", "سيول", None, "\n");
    let fx = Fixture::parse(&format!("//- a.txt\n{a}//- a.ann\n{ann}"));
    let corpus = edited(&fx, "a.txt", "قال", "أمس ");
    let id = corpus.file_id("a.txt").unwrap();
    let at = corpus.file(id).unwrap().text.find("بوتين").unwrap() as u32;
    let changes = edits::rename(&corpus, id, at, "فلاديمير بوتين", &|_| true).expect("edits");
    let mut files = fx.files.clone();
    files[0].1 = corpus.file(id).unwrap().text.to_string();
    let after = applied(&Fixture { files, cursor: None, ranges: Vec::new() }, &changes);
    expect![[r#"
        //- a.txt
        أمس قال فلاديمير بوتين إن سيول بعيدة.
        //- a.ann
        T1→PER 8 22→فلاديمير بوتين
        N1→Reference T1 isnad:putin→فلاديمير بوتين
        T2→LOC 26 30→سيول
    "#]]
    .assert_eq(&show(&after, &changes));
    let reread = after.corpus();
    let problems = &reread.file(reread.file_id("a.txt").unwrap()).unwrap().annotations.as_ref().unwrap().problems;
    assert_eq!(problems, &[]);
}

#[test]
fn an_ann_that_could_not_be_read_is_never_written_and_says_why() {
    let fixture = "//- a.txt\nقال الرئيس $0بوتيم إن سيول سترد.\n//- a.ann\n<unreadable: not UTF-8 text (invalid byte at offset 12)>\n//- b.txt\nوقال بوتيم أيضا.\n";
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let offered = edits::offered_actions(&corpus, file, offset, &context());
    let shown: Vec<String> =
        offered.iter().map(|o| format!("{} — {}", o.title, o.disabled.as_deref().unwrap_or("enabled"))).collect();
    expect![[r#"
        [
            "Link to فلاديمير بوتين (putin) — a.ann could not be read (not UTF-8 text (invalid byte at offset 12)): isnad does not write to it",
            "Link to ماريا بوتينا (maria-butina) — a.ann could not be read (not UTF-8 text (invalid byte at offset 12)): isnad does not write to it",
            "Add «بوتيم» to the knowledge base — enabled",
            "Annotate «بوتيم» in every article — enabled",
            "Write automatic annotations to a.ann — a.ann could not be read (not UTF-8 text (invalid byte at offset 12)): isnad does not write to it",
        ]
    "#]]
    .assert_debug_eq(&shown);
    // Annotating everywhere writes b.ann only.
    let everywhere = edits::code_actions(&corpus, file, offset, &context());
    let files: Vec<&str> = everywhere
        .iter()
        .filter(|a| a.title.starts_with("Annotate"))
        .flat_map(|a| a.edits.iter().map(|e| e.file.as_str()))
        .collect();
    assert_eq!(files, ["b.ann"]);
    // A rename changes the article, never the unreadable .ann beside it.
    let changes = edits::rename(&corpus, file, offset, "بوتين", &|_| true).unwrap();
    assert!(changes.iter().all(|c| c.file != "a.ann"), "{changes:?}");
    // An isnad.toml that could not be read gets nothing either.
    let ctx =
        ActionContext { config_file: "isnad.toml", config: ConfigTarget::Unreadable("a FIFO"), writable: &|_| true };
    let kb =
        edits::offered_actions(&corpus, file, offset, &ctx).into_iter().find(|o| o.title.starts_with("Add")).unwrap();
    assert_eq!(kb.disabled.as_deref(), Some("isnad.toml could not be read (a FIFO): isnad does not write to it"));
}

#[test]
fn nothing_is_offered_or_renamed_outside_the_writable_files() {
    let fixture = "//- /outside/a.txt\nقال الرئيس $0بوتيم إن سيول سترد.\n//- /ws/b.txt\nوقال بوتيم أيضا.\n";
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let inside = |name: &str| name.starts_with("/ws/");
    let ctx = ActionContext { config_file: "/ws/isnad.toml", config: ConfigTarget::Absent, writable: &inside };
    let actions = edits::code_actions(&corpus, file, offset, &ctx);
    expect![[r#"
        Refactor: Add «بوتيم» to the knowledge base
        Refactor: Annotate «بوتيم» in every article
    "#]]
    .assert_eq(&titles(&actions));
    let files: Vec<&str> = actions.iter().flat_map(|a| a.edits.iter().map(|e| e.file.as_str())).collect();
    assert_eq!(files, ["/ws/isnad.toml", "/ws/b.ann"]);
    let changes = edits::rename(&corpus, file, offset, "بوتين", &inside).unwrap();
    let files: Vec<&str> = changes.iter().map(|c| c.file.as_str()).collect();
    assert_eq!(files, ["/ws/b.txt"]);
}
