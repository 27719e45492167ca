//! The incrementally updated index equals a rebuild (marksman's "paranoid mode" as a property).

use std::sync::Arc;

use proptest::prelude::*;

use crate::analysis::corpus::Corpus;
use crate::analysis::features::{self, Definition};
use crate::analysis::fixture::{KB, KB_TAGGED};

/// Sentence pieces with names, titles and triggers, so that edits add and remove discovered
/// names, partial names and spread names.
const PIECES: [&str; 12] = [
    "قال الرئيس الروسي فلاديمير بوتين إن روسيا ستساعد. ",
    "وقال زاخاروفيتش بيلانوف إن الوضع خطير. ",
    "التقى المتحدث باسم الوزارة زاخاروفيتش بيلانوف بالصحفيين. ",
    "ورد بيلانوف على الأسئلة. ",
    "وصل كيم جونج وون إلى بيونغ يانغ. ",
    "وقال كيم إن 70% من المصانع توقفت. ",
    "ذكرت وكالة فيدوموستينا أن الزيارة تاريخية. ",
    "نقلت فيدوموستينا عن مصادر مطلعة أن الاتفاق قريب. ",
    "ورأى مراقبون أن هذا ينتهك القرار. ",
    "🙂 في مدينة كراسنوفارسك وصل الوفد. ",
    "زار الوفد كراسنوفارسك أمس.\n",
    "\n",
];

const NAMES: [&str; 3] = ["a.txt", "b.txt", "c.txt"];

#[derive(Clone, Debug)]
enum Op {
    Set(usize, Vec<usize>),
    Remove(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..NAMES.len(), prop::collection::vec(0..PIECES.len(), 0..6)).prop_map(|(f, p)| Op::Set(f, p)),
        1 => (0..NAMES.len()).prop_map(Op::Remove),
    ]
}

fn text(pieces: &[usize]) -> String {
    pieces.iter().map(|&i| PIECES[i]).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("ISNAD_INCREMENTAL_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)))]
    #[test]
    fn incremental_index_equals_rebuild(
        ops in prop::collection::vec(op(), 1..12),
        deferred in any::<bool>(),
        tagged in any::<bool>(),
    ) {
        // Recognised by the rules alone or with the shipped tagger.
        let kb = if tagged { KB_TAGGED.clone() } else { KB.clone() };
        let mut corpus = Corpus::new(kb.clone());
        // As in the language server: spreading to other articles waits, then settles in steps.
        corpus.defer_spread = deferred;
        let mut files: Vec<Option<String>> = vec![None; NAMES.len()];
        for (step, op) in ops.iter().enumerate() {
            // Some steps analyse a settling step across the change, as the language server does
            // outside its lock: what the change made stale must not be put in.
            let across = if deferred && step % 3 == 2 { corpus.settle_inputs(2) } else { None };
            match op {
                Op::Set(f, pieces) => {
                    let t = text(pieces);
                    corpus.set_file(NAMES[*f], Arc::from(t.as_str()));
                    files[*f] = Some(t);
                }
                Op::Remove(f) => {
                    corpus.remove_file(NAMES[*f]);
                    files[*f] = None;
                }
            }
            if let Some(inputs) = across {
                corpus.apply_settled(inputs.analyse());
            }
            // Some steps settle a little in between, others leave the queue as it is.
            if deferred && step % 2 == 0 {
                corpus.settle(1);
            }
            // Some steps read (as hover and definition do), so that what is cached per entity
            // must follow the next changes.
            if step % 3 != 1 {
                let _ = navigation(&mut corpus);
            }
        }
        while corpus.settle(1) {}
        let mut rebuilt = Corpus::build(
            kb,
            files.iter().enumerate().filter_map(|(i, t)| Some((NAMES[i].to_string(), Arc::from(t.as_deref()?)))).collect(),
        );
        prop_assert_eq!(corpus.dump(), rebuilt.dump());
        prop_assert_eq!(navigation(&mut corpus), navigation(&mut rebuilt));
    }
}

/// Hover and definition at every mention of every file (file name, offset, summary, definition).
fn navigation(corpus: &mut Corpus) -> Vec<String> {
    let mut out = Vec::new();
    for (id, f) in corpus.files() {
        for m in &f.mentions {
            let hover = features::hover(corpus, id, m.start).map(|(_, s)| s);
            let definition = match features::definition(corpus, id, m.start) {
                Some(Definition::InFile(r)) => Some((corpus.file(r.file).map(|f| f.name.clone()), r.start, r.end)),
                _ => None,
            };
            out.push(format!("{} {} {hover:?} {definition:?}", f.name, m.start));
        }
    }
    out
}

/// A name stops spreading when its words turn up in many more articles than it is discovered in,
/// and spreads again when they go: the incremental index follows the words' counts too.
#[test]
fn a_name_whose_words_become_common_stops_spreading_as_in_a_rebuild() {
    for kb in [KB.clone(), KB_TAGGED.clone()] {
        let mut corpus = Corpus::new(kb.clone());
        let mut files: Vec<(String, String)> = vec![
            ("a.txt".into(), "وقال زاخاروفيتش بيلانوف إن الوضع خطير.\n".into()),
            ("b.txt".into(), "وصل زاخاروفيتش بيلانوف إلى المدينة.\n".into()),
        ];
        let check = |corpus: &Corpus, files: &[(String, String)], when: &str| {
            let rebuilt =
                Corpus::build(kb.clone(), files.iter().map(|(n, t)| (n.clone(), Arc::from(t.as_str()))).collect());
            assert_eq!(corpus.dump(), rebuilt.dump(), "{when}");
        };
        for (name, text) in &files {
            corpus.set_file(name, Arc::from(text.as_str()));
        }
        check(&corpus, &files, "the name spread");
        assert!(corpus.dump().contains("== spread\nPER زاخاروفيتش بيلانوف"), "{}", corpus.dump());
        for i in 0..45 {
            let (name, text) =
                (format!("w{i:02}.txt"), "زار زاخاروفيتش المدينة. ثم اعتذر بيلانوف للجميع.\n".to_string());
            corpus.set_file(&name, Arc::from(text.as_str()));
            files.push((name, text));
        }
        check(&corpus, &files, "its words in 47 articles");
        assert!(!corpus.dump().contains("PER زاخاروفيتش بيلانوف Form"), "{}", corpus.dump());
        for (name, _) in files.split_off(2) {
            corpus.remove_file(&name);
        }
        check(&corpus, &files, "its words back in two articles");
    }
}

/// An entity with many mentions keeps them in corpus order once asked (references); a change of an
/// article that names it, or its removal, is seen by the next reader — the memo is forgotten.
#[test]
fn the_ordered_mentions_of_a_large_entity_follow_every_change() {
    let many = "قال فلاديمير بوتين إن روسيا ستساعد. ".repeat(600);
    let mut corpus = Corpus::new(KB.clone());
    corpus.set_file("b.txt", Arc::from(many.as_str()));
    corpus.set_file("a.txt", Arc::from(many.as_str()));
    let putin = corpus.file(0).and_then(|f| corpus.entity_of(&f.mentions[0])).expect("بوتين is recognised");
    let listed = |corpus: &Corpus| {
        let ordered = corpus.ordered_mentions(putin);
        let direct: Vec<_> = corpus.mentions_of(putin).into_iter().map(|(f, m)| (f, m.start, m.end)).collect();
        assert_eq!(&ordered[..], &direct[..], "the memo equals the mentions worked out again");
        let names: Vec<&str> =
            ordered.iter().map(|&(f, _, _)| corpus.file(f).map_or("?", |f| f.name.as_str())).collect();
        let mut runs: Vec<(&str, usize)> = Vec::new();
        for name in names {
            match runs.last_mut() {
                Some((last, n)) if *last == name => *n += 1,
                _ => runs.push((name, 1)),
            }
        }
        format!("{runs:?}")
    };
    assert_eq!(listed(&corpus), r#"[("a.txt", 600), ("b.txt", 600)]"#);
    corpus.set_file("c.txt", Arc::from("وصل فلاديمير بوتين إلى موسكو."));
    assert_eq!(listed(&corpus), r#"[("a.txt", 600), ("b.txt", 600), ("c.txt", 1)]"#);
    corpus.set_file("a.txt", Arc::from("وصل فلاديمير بوتين إلى موسكو. ثم غادر بوتين."));
    assert_eq!(listed(&corpus), r#"[("a.txt", 2), ("b.txt", 600), ("c.txt", 1)]"#);
    corpus.remove_file("b.txt");
    assert_eq!(listed(&corpus), r#"[("a.txt", 2), ("c.txt", 1)]"#);
}
