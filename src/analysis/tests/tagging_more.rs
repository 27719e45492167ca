//! More recognition fixtures with the shipped tagger: people the knowledge base lacks in
//! reporting frames (compound given names, «بن», a title before the name, two speakers in one
//! sentence, a surname repeated later), unnamed sources that are no names, descriptive
//! organisation names with a place inside, a company beside its chief, and clubs beside cities.

use expect_test::expect;

use super::tagging::{check_tagged, rules_only};

#[test]
fn a_compound_given_name_in_a_reporting_frame_is_one_person() {
    check_tagged(
        "وقال جمال الدين العلوي إن الحكومة ستعلن خطة جديدة.\n",
        expect![[r#"
        a.txt:1:6 "جمال الدين العلوي" PER per-jmal-aldyn-alelwy Discovered
    "#]],
    );
}

#[test]
fn a_womans_name_with_bin_in_a_reporting_frame_is_one_person() {
    check_tagged(
        "وقالت سلمى بن عاشور إن الجمعية ستواصل عملها.\n",
        expect![[r#"
        a.txt:1:7 "سلمى بن عاشور" PER per-slmy-bn-eashwr Discovered
    "#]],
    );
}

#[test]
fn a_reported_speakers_surname_later_in_the_article_is_the_same_person() {
    let fixture = "وأضاف هشام القرشي أن المفاوضات متعثرة، وقال القرشي إن الحل قريب.\n";
    assert!(!rules_only(fixture).iter().any(|m| m.contains("هشام")), "{:?}", rules_only(fixture));
    check_tagged(
        fixture,
        expect![[r#"
        a.txt:1:7 "هشام القرشي" PER per-hsham-alqrshy Discovered
        a.txt:1:45 "القرشي" PER per-hsham-alqrshy Partial
    "#]],
    );
}

#[test]
fn a_title_before_an_unknown_name_stays_outside_it() {
    check_tagged(
        "وأكد الوزير خالد المنصوري أن الميزانية جاهزة.\n",
        expect![[r#"
        a.txt:1:13 "خالد المنصوري" PER per-khald-almnsswry Discovered
    "#]],
    );
}

#[test]
fn two_speakers_in_one_sentence_are_two_people() {
    check_tagged(
        "وقال فهد العتيبي إن المفاوضات مستمرة، وأكد بسام الحلبي ذلك.\n",
        expect![[r#"
        a.txt:1:6 "فهد العتيبي" PER per-fhd-aletyby Discovered
        a.txt:1:44 "بسام الحلبي" PER per-bsam-alhhlby Discovered
    "#]],
    );
}

#[test]
fn a_common_given_name_and_surname_after_qala_are_a_person() {
    check_tagged(
        "وقال أحمد يوسف إن الوضع صعب.\n",
        expect![[r#"
        a.txt:1:6 "أحمد يوسف" PER per-ahhmd-ywsf Discovered
    "#]],
    );
}

#[test]
fn unnamed_sources_in_reporting_frames_are_not_names() {
    check_tagged("وقال مسؤولون إن الوضع صعب، وقال خبراء إن الأزمة ستطول، وأفادت مصادر مطلعة بذلك.\n", expect![[r#""#]]);
}

#[test]
fn a_bank_and_a_university_named_after_places_are_organisations() {
    check_tagged(
        "وأعلن بنك الكويت الوطني عن أرباحه، وقال رئيس جامعة بغداد إن الدراسة ستبدأ.\n",
        expect![[r#"
            a.txt:1:7 "بنك الكويت الوطني" ORG org-bnk-alkwyt-alwttny Discovered
            a.txt:1:46 "جامعة بغداد" ORG org-jameh-bghdad Discovered
        "#]],
    );
}

#[test]
fn a_company_and_its_chief_are_an_organisation_and_a_person() {
    check_tagged(
        "وصرح المدير التنفيذي لشركة أرامكو أمين الناصر بأن الإنتاج مستقر.\n",
        expect![[r#"
        a.txt:1:28 "أرامكو" ORG aramco Gazetteer
        a.txt:1:35 "أمين الناصر" PER per-amyn-alnassr Discovered
    "#]],
    );
}

#[test]
fn clubs_in_a_match_report_are_organisations_and_the_venue_a_city() {
    check_tagged(
        "فاز الهلال على النصر في الرياض، وسجل سالم الدوسري هدف الفوز.\n",
        expect![[r#"
        a.txt:1:5 "الهلال" ORG org-alhlal Discovered
        a.txt:1:16 "النصر" ORG org-alnssr Discovered
        a.txt:1:25 "الرياض" LOC city-108410 Gazetteer
        a.txt:1:38 "سالم الدوسري" PER salem-al-dawsari Gazetteer
    "#]],
    );
}

#[test]
fn a_club_with_a_nisba_name_is_the_club_and_its_rival_too() {
    check_tagged(
        "تعادل الزمالك مع الإسماعيلي في القاهرة مساء أمس.\n",
        expect![[r#"
        a.txt:1:7 "الزمالك" ORG zamalek Gazetteer
        a.txt:1:18 "الإسماعيلي" ORG ismaily Gazetteer
        a.txt:1:32 "القاهرة" LOC city-360630 Gazetteer
    "#]],
    );
}

#[test]
fn tagged_names_past_tatweel_and_an_emoji_keep_their_ranges() {
    check_tagged(
        "🔴 وقال جمـال الدين العلـوي إن الحكومة ستعلن خطة جديدة.\n",
        expect![[r#"
        a.txt:1:8 "جمـال الدين العلـوي" PER per-jmal-aldyn-alelwy Discovered
    "#]],
    );
}

#[test]
fn a_name_that_starts_with_waw_or_fa_after_a_speech_verb_keeps_its_first_letter() {
    check_tagged(
        "وقال فارس العنبكي إن المفاوضات مستمرة.\nوقال وليد الخطيب إن الوضع صعب.\n",
        expect![[r#"
            a.txt:1:6 "فارس العنبكي" PER per-fars-alenbky Discovered
            a.txt:2:6 "وليد الخطيب" PER per-wlyd-alkhttyb Discovered
        "#]],
    );
}

#[test]
fn a_place_ends_after_its_final_hamza() {
    check_tagged(
        "وصل الوفد إلى صنعاء ثم كربلاء، وزار الدار البيضاء.\n",
        expect![[r#"
        a.txt:1:15 "صنعاء" LOC city-71137 Gazetteer
        a.txt:1:24 "كربلاء" LOC city-94824 Gazetteer
        a.txt:1:37 "الدار البيضاء" LOC city-2553604 Gazetteer
    "#]],
    );
}

#[test]
fn a_country_spelled_as_a_nisba_after_a_definite_noun_is_an_adjective_not_the_country() {
    check_tagged(
        "وصل الوفد إلى العاصمة السعودية الرياض، وارتفعت الأسهم السعودية، وسافر إلى السعودية ثم غادر السعودية.\n",
        expect![[r#"
            a.txt:1:32 "الرياض" LOC city-108410 Gazetteer
            a.txt:1:75 "السعودية" LOC country-sa Gazetteer
            a.txt:1:92 "السعودية" LOC country-sa Gazetteer
        "#]],
    );
}

#[test]
fn a_surname_alone_after_the_full_name_is_that_person_even_when_discovered_on_its_own() {
    check_tagged(
        "وأعلن الرئيس ميخائيل زيلوتشينكو أن الانتخابات ستجرى، وقال زيلوتشينكو إن النتائج ستعلن.\nوأكد الرئيس زيلوتشينكو ذلك.\n",
        expect![[r#"
            a.txt:1:14 "ميخائيل زيلوتشينكو" PER per-mykhayyl-zylwtshynkw Discovered
            a.txt:1:59 "زيلوتشينكو" PER per-mykhayyl-zylwtshynkw Partial
            a.txt:2:13 "زيلوتشينكو" PER per-mykhayyl-zylwtshynkw Partial
        "#]],
    );
}

#[test]
fn a_frequent_word_ends_a_name_right_before_the_inna_of_a_reporting_frame() {
    check_tagged(
        "وقالت وزيرة الاقتصاد نوال حداد إن النمو سيتحسن.\n",
        expect![[r#"
        a.txt:1:22 "نوال حداد" PER per-nwal-hhdad Discovered
    "#]],
    );
}

#[test]
fn a_vague_source_the_tagger_reads_as_a_person_is_no_name_but_a_known_name_after_it_is() {
    check_tagged(
        "وقال ناشط لـ CNN إن الشرطة اعتقلت العشرات، وفق ما ذكر مصدران أمنيان.\nوهاجم مستشارو ترمب رئيس الوزراء الكندي.\n",
        expect![[r#"
            a.txt:1:14 "CNN" ORG cnn Gazetteer
            a.txt:2:15 "ترمب" PER trump Gazetteer
        "#]],
    );
}

#[test]
fn a_first_letter_that_is_a_proclitic_before_a_town_stays_in_a_person_s_name() {
    // «لير» is a German town in the knowledge base: «كلير» is still no «ك» + «لير» in a person.
    check_tagged(
        "وقالت كلير مردوخ، مديرة الصحة العقلية في مؤسسة الرعاية الصحية في إنجلترا، إن على الشركات التحرك.\n",
        expect![[r#"
            a.txt:1:7 "كلير مردوخ" PER per-klyr-mrdwkh Discovered
            a.txt:1:42 "مؤسسة الرعاية الصحية" ORG org-mwssh-alreayh-alsshhyh Discovered
            a.txt:1:66 "إنجلترا" LOC admin1-gb-eng Gazetteer
        "#]],
    );
}
