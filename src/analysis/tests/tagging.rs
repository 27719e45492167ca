//! Recognition with the shipped tagger: what the rules alone miss (names with no title or frame
//! they know, descriptive organisation names, a city standing for its club in sports news), the
//! knowledge base still the truth, and ranges into the original text.

use expect_test::{expect, Expect};

use crate::analysis::fixture::{render, Fixture};

/// Every mention of every file with the tagger: `file:line:col "text" TYPE entity-id origin`.
pub(super) fn check_tagged(fixture: &str, expect: Expect) {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus_tagged();
    let mut out = String::new();
    for (id, f) in corpus.files() {
        for m in &f.mentions {
            let entity = corpus.entity_of(m).map_or("?", |e| corpus.entity_id(e));
            out.push_str(&format!("{} {} {} {:?}\n", render(&corpus, id, m.start, m.end), m.ty, entity, m.origin));
        }
    }
    expect.assert_eq(&out);
}

/// What the rules alone find in the same fixture (to show the tagger's difference).
pub(super) fn rules_only(fixture: &str) -> Vec<String> {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let files = corpus.files();
    files.iter().flat_map(|(id, f)| f.mentions.iter().map(|m| render(&corpus, *id, m.start, m.end))).collect()
}

#[test]
fn a_name_after_a_speech_verb_the_rules_do_not_know_is_found() {
    let fixture = "وقال خافيير سولانا إن الاتحاد الأوروبي سيرسل مراقبين.\n";
    assert!(!rules_only(fixture).iter().any(|m| m.contains("سولانا")), "{:?}", rules_only(fixture));
    check_tagged(
        fixture,
        expect![[r#"
            a.txt:1:6 "خافيير سولانا" PER per-khafyyr-swlana Discovered
            a.txt:1:23 "الاتحاد الأوروبي" ORG eu Gazetteer
        "#]],
    );
}

#[test]
fn descriptive_organisation_names_are_one_organisation_with_the_place_inside() {
    check_tagged(
        "وأعلن الاتحاد الجزائري لكرة القدم أن المدرب سيبقى. وقال رئيس جامعة القاهرة إن الطلاب عادوا.\n",
        expect![[r#"
            a.txt:1:7 "الاتحاد الجزائري لكرة القدم" ORG org-alathhad-aljzayry-lkrh-alqdm Discovered
            a.txt:1:62 "جامعة القاهرة" ORG org-jameh-alqahrh Discovered
        "#]],
    );
}

#[test]
fn a_city_is_its_club_in_sports_news_and_a_city_elsewhere() {
    check_tagged(
        r#"
//- sport.txt
فاز برشلونة على ريال مدريد في مباراة الدوري، وسجل ميسي هدفين للفريق في الملعب.
//- visit.txt
زار وزير الخارجية برشلونة ثم توجه إلى مدريد لحضور مؤتمر اقتصادي.
"#,
        expect![[r#"
            sport.txt:1:5 "برشلونة" ORG barcelona-fc Gazetteer
            sport.txt:1:17 "ريال مدريد" ORG real-madrid Gazetteer
            sport.txt:1:51 "ميسي" PER messi Gazetteer
            visit.txt:1:19 "برشلونة" LOC city-3128760 Gazetteer
            visit.txt:1:39 "مدريد" LOC city-3117735 Gazetteer
        "#]],
    );
}

#[test]
fn the_knowledge_base_keeps_its_types_and_splits_joined_names() {
    // بيونج يانج is a place even where it reads like a name; «كيم وبوتين» is two persons.
    check_tagged(
        "وأكد سعيد الحمداني أنه وصل إلى بيونج يانج مع كيم وبوتين.\n",
        expect![[r#"
            a.txt:1:6 "سعيد الحمداني" PER per-seyd-alhhmdany Discovered
            a.txt:1:32 "بيونج يانج" LOC city-1871859 Gazetteer
            a.txt:1:46 "كيم" PER per-kym Discovered
            a.txt:1:51 "بوتين" PER putin Gazetteer
        "#]],
    );
}

#[test]
fn tagged_ranges_point_into_the_original_past_emoji_and_diacritics() {
    let fx = Fixture::parse("😀🙂 وقال ⟦خافيـير سُولانا⟧ إن ⟦بيونـغ يانغ⟧ سترد، بحسب (⟦أ.ف.ب⟧).\n");
    let corpus = fx.corpus_tagged();
    let id = corpus.file_id(&fx.files[0].0).unwrap();
    let want: Vec<String> = fx.ranges.iter().map(|&(_, s, e)| render(&corpus, id, s, e)).collect();
    let files = corpus.files();
    let got: Vec<String> =
        files.iter().flat_map(|(_, f)| f.mentions.iter()).map(|m| render(&corpus, id, m.start, m.end)).collect();
    assert_eq!(got, want);
}

#[test]
fn a_name_the_rules_joined_to_a_verb_is_the_taggers_own() {
    // The rules read «الرئيس برقوطان سيزور» as a two-word name and برقوطان as its partial name;
    // the tagger's برقوطان must not point at a full name that is mentioned nowhere.
    check_tagged(
        "وقال الرئيس برقوطان في مؤتمر صحفي إن الرئيس برقوطان سيزور موسكو. وأكد برقوطان ذلك.\n",
        expect![[r#"
            a.txt:1:13 "برقوطان" PER per-brqwttan Discovered
            a.txt:1:45 "برقوطان" PER per-brqwttan Discovered
            a.txt:1:59 "موسكو" LOC city-524901 Gazetteer
            a.txt:1:71 "برقوطان" PER per-brqwttan Discovered
        "#]],
    );
}

#[test]
fn coordinated_people_are_two_mentions_and_a_name_with_a_w_stays_whole() {
    check_tagged(
        "والتقى سولانا ولاريجاني في فيينا أمس، ثم تحدث هارفي واينستين إلى الصحفيين.\n",
        expect![[r#"
            a.txt:1:8 "سولانا" PER per-swlana Discovered
            a.txt:1:16 "لاريجاني" PER per-laryjany Discovered
            a.txt:1:28 "فيينا" LOC city-2761369 Gazetteer
            a.txt:1:47 "هارفي واينستين" PER per-harfy-waynstyn Discovered
        "#]],
    );
}
