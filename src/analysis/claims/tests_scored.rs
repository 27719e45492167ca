//! Fixture tests of the check-worthiness score over the claim cues: every kept claim of a text
//! with its score (thousandths) under the built-in model, and the model file's own round trip.
//! Snapshots move when the model is retrained (`data/train_claims.sh`); review them then.

use expect_test::{expect, Expect};

use super::super::model::Lang;
use super::super::normalize::NormText;
use super::super::tokens::tokenize;
use super::tests::parse_fixture;
use super::{analyse_sentences, default_min_score, sentence_cases, CaseKind, ClaimModel, KEPT_SCORE};

fn check_scored(fixture: &str, expect: Expect) {
    let (text, mentions) = parse_fixture(fixture);
    let tokens = tokenize(&NormText::new(&text));
    let mut res = String::new();
    for c in analyse_sentences(&text, &tokens, &mentions).claims {
        let words: Vec<&str> = text[c.start as usize..c.end as usize].split_whitespace().take(6).collect();
        let shown = if c.is_flagged(default_min_score()) { "flagged" } else { "kept" };
        res.push_str(&format!("{} {shown} \"{}…\" — {}\n", c.score, words.join(" "), c.message(Lang::En)));
    }
    expect.assert_eq(&res);
}

#[test]
fn check_scores_rank_unsourced_sentences_and_vague_ones_always_count() {
    check_scored(
        "عنوان الخبر\nوارتفع عدد القتلى إلى 120 شخصا في المدينة.\nوقالت مصادر إن الجيش سيطر على 12 قرية في الشمال.\nوتستمر الزيارة يومين.\nوقال ⟦PER:بوتين⟧ إن روسيا ستدافع عن مصالحها.\n",
        expect![[r#"
            193 kept "وارتفع عدد القتلى إلى 120 شخصا…" — Unsourced claim: a figure (‹120›) with no named source in the sentence.
            1000 flagged "وقالت مصادر إن الجيش سيطر على…" — Vague source: ‹مصادر› is not a named source.
        "#]],
    );
}

#[test]
fn check_a_sentence_without_a_claim_cue_names_its_weightiest_word() {
    check_scored(
        "عنوان الخبر\nوبات على الجمهور أن ينتظر التسريبات المتوقعة لصور الزفاف.\nويعد هذا القرار من بين أهم الخطوات التي اتخذتها الحكومة منذ سنوات.\n",
        expect![[r#"
            139 kept "وبات على الجمهور أن ينتظر التسريبات…" — Unsourced claim: a statement that reads as a claim (‹الزفاف›) with no named source in the sentence.
            231 kept "ويعد هذا القرار من بين أهم…" — Unsourced claim: an evaluative word (‹أهم›) with no named source in the sentence.
        "#]],
    );
}

#[test]
fn sentence_cases_give_features_to_unattributed_sentences_only() {
    let (text, mentions) = parse_fixture(
        "عنوان الخبر\nوارتفع عدد القتلى إلى 120 شخصا في المدينة.\nوقالت مصادر إن الجيش سيطر على 12 قرية.\nوقال ⟦PER:بوتين⟧ إن روسيا ستدافع عن مصالحها.\n",
    );
    let tokens = tokenize(&NormText::new(&text));
    let cases = sentence_cases(&text, &tokens, &mentions);
    let kinds: Vec<CaseKind> = cases.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [CaseKind::Unattributed { cue: true }, CaseKind::Vague]);
    let features = &cases[0].features;
    for f in ["cue=figure", "has=figure", "figure@middle", "pos=lead", "w=القتلي", "digits", "before=none"] {
        assert!(features.iter().any(|x| x == f), "{f} in {features:?}");
    }
    let mut unique = features.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), features.len(), "each feature once");
    assert!(cases[1].features.is_empty());
    // Scoring the names gives what the check gives from their hashes (193 above).
    let score = ClaimModel::builtin().score(features.iter().map(String::as_str));
    assert_eq!((score * 1000.0).round(), 193.0);
}

#[test]
fn the_built_in_model_parses_and_writes_back_the_same() {
    let model = ClaimModel::builtin();
    assert!(model.len() > 100, "the shipped model has weights");
    assert!((f64::from(KEPT_SCORE) / 1000.0..1.0).contains(&model.threshold()));
    let again = ClaimModel::parse(&model.to_tsv("a header\nover two lines")).unwrap();
    assert_eq!(&again, model);
    assert_eq!(ClaimModel::parse("bias\tnot-a-number\n"), None);
    assert_eq!(ClaimModel::parse("no tab\n"), None);
    let tiny = ClaimModel::parse("threshold\t0.5\nbias\t0\nw=x\t2\n").unwrap();
    assert!((tiny.score(["w=x", "unknown"]) - 1.0 / (1.0 + (-2.0f64).exp())).abs() < 1e-9);
}

#[test]
fn a_long_sentence_costs_linear_time() {
    // Word features stop after the first tokens, so the duplicate check stays bounded.
    let long = format!("عنوان\n{}.\n", "كلمة أخرى مختلفة 120 شخصا ".repeat(20_000));
    let tokens = tokenize(&NormText::new(&long));
    let started = std::time::Instant::now();
    let _ = analyse_sentences(&long, &tokens, &[]);
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
}
