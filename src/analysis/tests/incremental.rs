//! The incrementally updated index equals a rebuild (marksman's "paranoid mode" as a property).

use std::sync::Arc;

use proptest::prelude::*;

use crate::analysis::corpus::Corpus;
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
        for op in &ops {
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
            if deferred && ops.len() % 2 == 0 {
                corpus.settle(1);
            }
        }
        while corpus.settle(1) {}
        let rebuilt = Corpus::build(
            kb,
            files.iter().enumerate().filter_map(|(i, t)| Some((NAMES[i].to_string(), Arc::from(t.as_deref()?)))).collect(),
        );
        prop_assert_eq!(corpus.dump(), rebuilt.dump());
    }
}
