//! Tests of the tagger's features: stable hashes, and the cached emissions equal to the scores of
//! the listed features.

use super::*;
use crate::analysis::tokens::prepare;

#[test]
fn features_are_stable_and_differ_by_context() {
    let (_, tokens) = prepare("قال الرئيس فلاديمير بوتين");
    let none = vec![Proposal::default(); tokens.len()];
    let a = sequence_features(&tokens, &none, None, false);
    let b = sequence_features(&tokens, &none, None, false);
    assert_eq!(a, b);
    assert!(a[3].len() > 30, "{}", a[3].len());
    // The hash is this module's own: a fixed value guards the model format.
    assert_eq!(
        feature(2, &[value_hash("بوتين".as_bytes())]),
        FIXED,
        "the feature hash changed: bump FEATURE_VERSION and retrain"
    );
    assert_eq!(affix("بوتين", 2), "بو");
    assert_eq!(affix("بوتين", -3), "تين");
    assert_eq!(SHAPES[shape("putin") as usize], "L");
}

const FIXED: u64 = 3518621007412740164;

#[test]
fn finer_cluster_columns_add_features_and_leave_the_first_columns_as_they_were() {
    let (_, tokens) = prepare("قال الرئيس دونالد ترامب");
    let none = vec![Proposal::default(); tokens.len()];
    let with = |columns: &[u32]| -> Clusters {
        let mut ids = [NO_CLUSTER; MAX_CLUSTER_COLUMNS];
        ids[..columns.len()].copy_from_slice(columns);
        [1, 3].map(|i| (tokens[i].norm.to_string(), ids)).into_iter().collect()
    };
    let (one, three) = (with(&[5]), with(&[5, 1, 30]));
    let plain = sequence_features(&tokens, &none, Some(&one), false);
    let finer = sequence_features(&tokens, &none, Some(&three), false);
    // ترامب and الرئيس (tokens 3 and 1): two finer clusters of the word and two of its base (the
    // same word: the article is not split off); دونالد (token 2): two of each neighbour at ±1;
    // قال (token 0): two of الرئيس at +1.
    let added: Vec<usize> = (0..4).map(|i| finer[i].len() - plain[i].len()).collect();
    assert_eq!(added, [2, 4, 4, 4]);
    // The first column's features are where they were: the extra ones come after them.
    let extra: Vec<u64> = finer[3].iter().copied().filter(|f| !plain[3].contains(f)).collect();
    assert_eq!(extra.len(), 4);
    assert_eq!(finer[3].iter().copied().filter(|f| plain[3].contains(f)).collect::<Vec<_>>(), plain[3]);
    assert!(extra.contains(&feature(cluster_template(1, 0), &[num(1)])));
    assert!(extra.contains(&feature(cluster_template(2, 0), &[num(30)])));
    // The templates of the finer columns are their own.
    let templates: Vec<u8> = (0..3).flat_map(|c| (-1..=1).map(move |o| cluster_template(c, o))).collect();
    assert_eq!(templates, [34, 33, 35, 50, 51, 52, 53, 54, 55]);
}

#[test]
fn cached_emissions_are_the_scores_of_the_features() {
    // Articles with edges, punctuation, Latin, digits, joins, several lines and sports news
    // (the second, its first line with sports words and its second without); the later ones
    // reuse the cache the first filled.
    let texts = [
        "وقال الرئيس فلاديمير بوتين إن موسكو سترد على واشنطن.",
        "«ريال مدريد» يفوز 3-1 في الدوري، وقال المدرب Zidane: المباراة صعبة على الفريق\nبرشلونة تخسر",
        "بوتين",
    ];
    let sequences: Vec<(Vec<Token>, Vec<Proposal>, bool)> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let (_, tokens) = prepare(t);
            let proposals =
                (0..tokens.len()).map(|i| Proposal { label: ((i + k) % 7) as u8, origin: (i % 4) as u8 }).collect();
            let sport = is_sport(&tokens);
            (tokens, proposals, sport)
        })
        .collect();
    assert_eq!(sequences.iter().map(|s| s.2).collect::<Vec<_>>(), [false, true, false]);
    let mut keys: Vec<u64> = sequences
        .iter()
        .flat_map(|(t, p, sport)| {
            lines(t).flat_map(|(s, e)| sequence_features(&t[s..e], &p[s..e], None, *sport).into_iter().flatten())
        })
        .collect();
    keys.sort();
    keys.dedup();
    let weights = keys.iter().enumerate().map(|(k, f)| (*f, std::array::from_fn(|l| ((k * 7 + l) % 11) as f32 - 5.0)));
    let model = Model::new(weights.collect(), [0.0; N_LABELS], [[0.0; N_LABELS]; N_LABELS]);
    // A cache with the default generations, and one that rolls over after every article.
    let mut cache = Emissions::default();
    let mut small = Emissions::with_generation(2);
    for (tokens, proposals, sport) in sequences.iter().chain(&sequences) {
        let plain: Vec<Row> = lines(tokens)
            .flat_map(|(s, e)| sequence_features(&tokens[s..e], &proposals[s..e], None, *sport))
            .map(|f| model.scores(&f))
            .collect();
        cache.fit(&model);
        small.fit(&model);
        let fast = cache.article(&model, tokens, proposals, None);
        let rolled = small.article(&model, tokens, proposals, None);
        assert_eq!(plain.len(), fast.len());
        assert_eq!(fast, rolled);
        for (a, b) in plain.iter().zip(&fast) {
            for (x, y) in a.iter().zip(b) {
                assert!((x - y).abs() < 1e-3, "{a:?} vs {b:?}");
            }
        }
    }
}
