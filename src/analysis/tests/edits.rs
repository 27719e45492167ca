//! Code actions and rename: the edits are applied to the fixture's files, the results shown with
//! the Arabic visible, and the corpus read again from them to check that the edit did what its
//! title says.

use expect_test::{expect, Expect};

use crate::analysis::config::parse_config;
use crate::analysis::corpus::Corpus;
use crate::analysis::edits::{self, Action, FileEdits, TextEdit};
use crate::analysis::features;
use crate::analysis::fixture::{t_line, Fixture, KB};

/// `text` with the edits applied (they do not overlap).
pub(super) fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| (e.start, e.end));
    for pair in sorted.windows(2) {
        assert!(pair[0].end <= pair[1].start, "overlapping edits {pair:?}");
    }
    let mut out = text.to_string();
    for e in sorted.iter().rev() {
        out.replace_range(e.start as usize..e.end as usize, &e.new_text);
    }
    out
}

/// The fixture's files after the edits (a file edited with `create` must not exist, and vice versa).
pub(super) fn applied(fx: &Fixture, changes: &[FileEdits]) -> Fixture {
    let mut files = fx.files.clone();
    for c in changes {
        match files.iter_mut().find(|(n, _)| *n == c.file) {
            Some((_, text)) => {
                assert!(!c.create, "{} exists", c.file);
                *text = apply(text, &c.edits);
            }
            None => {
                assert!(c.create, "{} does not exist", c.file);
                files.push((c.file.clone(), apply("", &c.edits)));
            }
        }
    }
    Fixture { files, cursor: None, ranges: Vec::new() }
}

/// The changed files of `after`, in the order of the changes, with visible line ends.
pub(super) fn show(after: &Fixture, changes: &[FileEdits]) -> String {
    let mut out = String::new();
    for c in changes {
        let text = &after.files.iter().find(|(n, _)| *n == c.file).expect("changed file").1;
        let visible = text.replace('\u{feff}', "<BOM>").replace("\r\n", "<CRLF>\n").replace('\t', "→");
        out.push_str(&format!("//- {}{}\n{visible}", c.file, if c.create { " (new)" } else { "" }));
        if !text.ends_with('\n') {
            out.push_str("<no newline>\n");
        }
    }
    out
}

/// The entity id of the mention at the first occurrence of `needle` in `file`, with its origin.
pub(super) fn linked(corpus: &Corpus, file: &str, needle: &str) -> String {
    let id = corpus.file_id(file).expect("file");
    let at = corpus.file(id).expect("file").text.find(needle).expect("needle") as u32;
    let m = features::mention_at(corpus, id, at).expect("mention");
    format!("{} {:?}", corpus.entity_of(m).map_or("?", |e| corpus.entity_id(e)), m.origin)
}

/// Actions write to `isnad.toml` (not there yet) and to any file.
pub(super) fn context() -> edits::ActionContext<'static> {
    edits::ActionContext { config_file: "isnad.toml", config: edits::ConfigTarget::Absent, writable: &|_| true }
}

pub(super) fn titles(actions: &[Action]) -> String {
    actions.iter().map(|a| format!("{:?}: {}\n", a.kind, a.title)).collect()
}

fn check_action(fixture: &str, act: impl Fn(&Corpus, u32, u32) -> Option<Action>, expect: Expect) -> Fixture {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let action = act(&corpus, file, offset).expect("an action");
    let after = applied(&fx, &action.edits);
    expect.assert_eq(&format!("{}\n{}", action.title, show(&after, &action.edits)));
    after
}

#[test]
fn link_candidates_are_ranked_by_spelling() {
    let fx = Fixture::parse("//- a.txt\nقال الرئيس $0بوتيم إن الأمر انتهى.\n");
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let list: Vec<String> = edits::link_candidates(&corpus, file, offset, 5)
        .into_iter()
        .map(|(e, d)| format!("{} {} {d:.1}", corpus.entity_id(e), features::display_name(&corpus, e)))
        .collect();
    expect![[r#"
        (
            "per-bwtym Discovered",
            [
                "putin فلاديمير بوتين 1.0",
                "maria-butina ماريا بوتينا 1.3",
            ],
        )
    "#]]
    .assert_debug_eq(&(linked(&corpus, "a.txt", "بوتيم"), list));
}

#[test]
fn link_to_annotates_a_mention_in_a_new_ann_and_links_it_on_reading() {
    let fixture = "//- dir.v2/a.txt\nقال الرئيس $0بوتيم إن سيول سترد.\n";
    let putin = KB.kb.index_of("putin").expect("putin");
    let after = check_action(
        fixture,
        |c, f, o| edits::link_to(c, f, o, putin),
        expect![[r#"
        Link to فلاديمير بوتين (putin)
        //- dir.v2/a.ann (new)
        T1→PER 11 16→بوتيم
        N1→Reference T1 isnad:putin→بوتيم
    "#]],
    );
    expect!["putin Annotated"].assert_eq(&linked(&after.corpus(), "dir.v2/a.txt", "بوتيم"));
}

#[test]
fn link_to_replaces_the_reference_of_an_annotated_mention_and_keeps_every_other_byte() {
    let text = "قال الرجل الغامض إن بوتن سيزور سيول.\n";
    let ann = format!(
        "\u{feff}{}#1\tAnnotatorNotes T1\tthe man nobody names\r\n{}N7\tReference T2 isnad:lavrov\tبوتن\r\nR1\tMeets Arg1:T1 Arg2:T2",
        t_line(text, 1, "Person", "الرجل الغامض", Some("Wikidata:Q99999999"), "\r\n"),
        t_line(text, 2, "Person", "بوتن", Some("Wikidata:Q1"), "\r\n"),
    );
    let at = text.find("بوتن").unwrap();
    let fixture = format!("//- a.txt\n{}$0{}//- a.ann\n{ann}", &text[..at], &text[at..]);
    let before = Fixture::parse(&fixture).corpus();
    assert_eq!(linked(&before, "a.txt", "بوتن"), "lavrov Annotated");
    let putin = KB.kb.index_of("putin").expect("putin");
    let after = check_action(
        &fixture,
        |c, f, o| edits::link_to(c, f, o, putin),
        expect![[r#"
        Link to فلاديمير بوتين (putin)
        //- a.ann
        <BOM>T1→Person 4 16→الرجل الغامض<CRLF>
        N1→Reference T1 Wikidata:Q99999999→الرجل الغامض<CRLF>
        #1→AnnotatorNotes T1→the man nobody names<CRLF>
        T2→Person 20 24→بوتن<CRLF>
        N8→Reference T2 isnad:putin→بوتن<CRLF>
        R1→Meets Arg1:T1 Arg2:T2<no newline>
    "#]],
    );
    let corpus = after.corpus();
    assert_eq!(linked(&corpus, "a.txt", "بوتن"), "putin Annotated");
    assert_eq!(linked(&corpus, "a.txt", "الرجل الغامض"), "Wikidata:Q99999999 Annotated");
    let problems = &corpus.file(corpus.file_id("a.txt").unwrap()).unwrap().annotations.as_ref().unwrap().problems;
    assert_eq!(problems, &[]);
}

#[test]
fn add_to_knowledge_base_appends_an_entry_that_reads_back_without_problems() {
    let fixture = "//- isnad.toml\n[settings]\nannotations-only = false\n//- a.txt\nقال وزير الخارجية $0سيرغي لافروفيتش إن سيول سترد.\n//- b.txt\nوقال وزير الخارجية سيرغي لافروفتش إن موسكو سترد.\n";
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let toml = &fx.files[0].1;
    let action = edits::add_to_knowledge_base(&corpus, file, offset, "isnad.toml", Some(toml)).expect("an action");
    let after = applied(&fx, &action.edits);
    expect![[r#"
        Add «سيرغي لافروفيتش» to the knowledge base
        //- isnad.toml
        [settings]
        annotations-only = false

        [[entity]]
        id = "per-syrghy-lafrwfytsh"
        type = "PER"
        name = "سيرغي لافروفيتش"
        english = ""
        aliases = ["سيرغي لافروفتش"]
        wikidata = ""
        description = ""
    "#]]
    .assert_eq(&format!("{}\n{}", action.title, show(&after, &action.edits)));
    let text = &after.files[0].1;
    let (config, problems) = parse_config(text, "isnad.toml", &KB.kb, &[]);
    assert_eq!(problems, [], "{text}");
    assert_eq!(config.expect("config").entities.len(), 1);
    let corpus = after.corpus();
    assert_eq!(linked(&corpus, "b.txt", "سيرغي"), linked(&corpus, "a.txt", "سيرغي"));
    let entity = features::entity_at(&corpus, corpus.file_id("a.txt").unwrap(), offset).expect("entity");
    assert_eq!(corpus.kb_entity(entity).map(|e| e.source.as_str()), Some("corpus"));
    // Without an isnad.toml, one is created; an entity the knowledge base has gets no action.
    let created = edits::add_to_knowledge_base(&corpus, file, offset, "isnad.toml", None);
    assert!(created.is_none(), "already in the knowledge base");
    let fresh = Fixture::parse("قال وزير الخارجية $0سيرغي لافروفيتش إن سيول سترد.\n");
    let c = fresh.corpus();
    let (file, offset) = fresh.position(&c);
    let action = edits::add_to_knowledge_base(&c, file, offset, "isnad.toml", None).expect("an action");
    assert!(action.edits[0].create);
    let text = apply("", &action.edits[0].edits);
    assert_eq!(parse_config(&text, "isnad.toml", &KB.kb, &[]).1, []);
}

#[test]
fn toml_strings_are_escaped() {
    let s = "a \"quoted\" \\ name\twith\u{7}";
    let doc = format!("x = {}\n", edits::toml_string(s));
    let parsed = toml_edit::ImDocument::parse(doc.as_str()).expect("valid TOML");
    assert_eq!(parsed.get("x").and_then(|x| x.as_str()), Some(s));
}

#[test]
fn automatic_annotations_are_appended_to_a_crlf_file_with_a_bom() {
    let text = "قال الرجل الغامض إن الرئيس بوتين سيزور سيول مع كيم جونغ أون.\n";
    let ann = format!(
        "\u{feff}{}#1\tAnnotatorNotes T1\tthe man nobody names\r\nnot an annotation\r\n\r\nT5\tPerson 0 3\tقال",
        t_line(text, 1, "Person", "الرجل الغامض", None, "\r\n")
    );
    let fixture = format!("//- a.txt\n{text}//- a.ann\n{ann}");
    let fx = Fixture::parse(&fixture);
    let corpus = fx.corpus();
    let file = corpus.file_id("a.txt").unwrap();
    let action = edits::write_automatic_annotations(&corpus, file).expect("an action");
    let after = applied(&fx, &action.edits);
    expect![[r#"
        Write automatic annotations to a.ann
        //- a.ann
        <BOM>T1→Person 4 16→الرجل الغامض<CRLF>
        #1→AnnotatorNotes T1→the man nobody names<CRLF>
        not an annotation<CRLF>
        <CRLF>
        T5→Person 0 3→قال<CRLF>
        T6→Person 27 32→بوتين<CRLF>
        N1→Reference T6 isnad:putin→بوتين<CRLF>
        T7→LOC 39 43→سيول<CRLF>
        N2→Reference T7 isnad:city-1835848→سيول<CRLF>
        T8→Person 47 59→كيم جونغ أون<CRLF>
        N3→Reference T8 isnad:kim-jong-un→كيم جونغ أون<CRLF>
    "#]]
    .assert_eq(&format!("{}\n{}", action.title, show(&after, &action.edits)));
    let new = &after.files.iter().find(|(n, _)| n == "a.ann").unwrap().1;
    assert!(new.starts_with(&ann), "existing lines changed");
    // Read again, every mention is annotated and names what it named.
    let again = after.corpus();
    let ids = |c: &Corpus| -> Vec<String> {
        c.file(c.file_id("a.txt").unwrap())
            .unwrap()
            .mentions
            .iter()
            .map(|m| c.entity_id(c.entity_of(m).unwrap()).to_string())
            .collect()
    };
    assert_eq!(ids(&again), ids(&corpus));
    assert!(again.file(file).unwrap().mentions.iter().all(|m| m.origin == crate::analysis::model::Origin::Annotated));
    assert!(edits::write_automatic_annotations(&again, file).is_none());
}

#[test]
fn annotate_everywhere_extends_and_creates_ann_files() {
    let a = "قال الرئيس $0بوتين إن بوتين لن يتراجع.\n";
    let b = "وصل بوتين إلى بيونغ يانغ.\n";
    let b_ann = t_line(b, 1, "LOC", "بيونغ يانغ", None, "\n");
    let fixture = format!("//- a.txt\n{a}//- b.txt\n{b}//- b.ann\n{b_ann}//- c.txt\nلا أحد هنا.\n");
    let after = check_action(
        &fixture,
        |c, f, o| edits::annotate_everywhere(c, f, o, &|_| true),
        expect![[r#"
        Annotate «فلاديمير بوتين» in every article
        //- a.ann (new)
        T1→PER 11 16→بوتين
        N1→Reference T1 isnad:putin→بوتين
        T2→PER 20 25→بوتين
        N2→Reference T2 isnad:putin→بوتين
        //- b.ann
        T1→LOC 14 24→بيونغ يانغ
        T2→PER 4 9→بوتين
        N1→Reference T2 isnad:putin→بوتين
    "#]],
    );
    let corpus = after.corpus();
    assert_eq!(linked(&corpus, "b.txt", "بوتين"), "putin Annotated");
}

#[test]
fn rename_rewrites_every_mention_and_keeps_annotations_on_their_text() {
    let a = "وصل $0كيم جونغ أون إلى موسكو، وقال كيم جونغ أون إن سيول بعيدة.\n";
    let b = "التقى كيم جونج أون بالرئيس بوتين في سيول.\n";
    let b_ann =
        t_line(b, 1, "PER", "كيم جونج أون", Some("isnad:kim-jong-un"), "\n") + &t_line(b, 2, "LOC", "سيول", None, "\n");
    let fixture = format!("//- a.txt\n{a}//- b.txt\n{b}//- b.ann\n{b_ann}");
    let fx = Fixture::parse(&fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let prepared = edits::prepare_rename(&corpus, file, offset);
    expect![[r#"
        Ok(
            (
                7,
                29,
                "كيم جونغ أون",
            ),
        )
    "#]]
    .assert_debug_eq(&prepared);
    let changes = edits::rename(&corpus, file, offset, "كيم جون أون", &|_| true).expect("edits");
    let after = applied(&fx, &changes);
    expect![[r#"
        //- a.txt
        وصل كيم جون أون إلى موسكو، وقال كيم جون أون إن سيول بعيدة.
        //- b.txt
        التقى كيم جون أون بالرئيس بوتين في سيول.
        //- b.ann
        T1→PER 6 17→كيم جون أون
        N1→Reference T1 isnad:kim-jong-un→كيم جون أون
        T2→LOC 35 39→سيول
    "#]]
    .assert_eq(&show(&after, &changes));
    let corpus = after.corpus();
    assert_eq!(corpus.file(corpus.file_id("b.txt").unwrap()).unwrap().annotations.as_ref().unwrap().problems, []);
    assert_eq!(linked(&corpus, "b.txt", "سيول"), linked(&corpus, "a.txt", "سيول").replace("Gazetteer", "Annotated"));
    assert_eq!(linked(&corpus, "b.txt", "كيم"), "kim-jong-un Annotated");
}

#[test]
fn code_actions_at_a_mention() {
    let fx = Fixture::parse("//- a.txt\nقال الرئيس $0بوتيم إن سيول سترد.\n");
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let actions = edits::code_actions(&corpus, file, offset, &context());
    expect![[r#"
        QuickFix: Link to فلاديمير بوتين (putin)
        QuickFix: Link to ماريا بوتينا (maria-butina)
        Refactor: Add «بوتيم» to the knowledge base
        Refactor: Annotate «بوتيم» in every article
        Source: Write automatic annotations to a.ann
    "#]]
    .assert_eq(&titles(&actions));
    let elsewhere = edits::code_actions(&corpus, file, 0, &context());
    expect![[r#"
        Source: Write automatic annotations to a.ann
    "#]]
    .assert_eq(&titles(&elsewhere));
}

#[test]
fn written_annotations_use_the_types_annotation_conf_declares() {
    use crate::analysis::annotations::read_annotations;
    use crate::analysis::corpus::CorpusOptions;
    use crate::analysis::standoff::conf::parse_conf;
    use std::sync::Arc;
    let text = "قال الرئيس بوتين إن سيول سترد.\n";
    let conf = parse_conf("[entities]\nPerson\nLocation\n");
    let options = CorpusOptions { annotation_conf: conf.clone(), ..CorpusOptions::default() };
    let build = |ann: Option<&str>| {
        let anns = ann.map(|a| Arc::new(read_annotations("a.ann", a, text, &conf)));
        Corpus::build_with(KB.clone(), vec![("a.txt".into(), Arc::from(text), anns)], options.clone())
    };
    let corpus = build(None);
    let action = edits::write_automatic_annotations(&corpus, 0).expect("an action");
    let ann = apply("", &action.edits[0].edits);
    expect![[r#"
        T1	Person 11 16	بوتين
        N1	Reference T1 isnad:putin	بوتين
        T2	Location 20 24	سيول
        N2	Reference T2 isnad:city-1835848	سيول
    "#]]
    .assert_eq(&ann);
    let again = build(Some(&ann));
    assert_eq!(linked(&again, "a.txt", "بوتين"), "putin Annotated");
    assert_eq!(linked(&again, "a.txt", "سيول"), "city-1835848 Annotated");
}
