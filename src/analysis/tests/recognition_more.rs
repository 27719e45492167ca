//! More recognition fixtures, by the rules alone: stacked proclitics (وب، ولل، فب، كال), hamza,
//! alef, ta marbuta and ya variants, tatweel and diacritics, emoji and Latin text before names,
//! line ends, quotation marks and hashtags, headlines, numbers beside names, names discovered
//! after titles and reporting verbs, nisba adjectives that are not names, organisations whose
//! name holds a place, and names inside longer names.

use expect_test::expect;

use super::recognition::{check_mentions, check_ranges};

#[test]
fn waw_and_ba_before_a_city_leave_the_city_alone() {
    check_ranges("عقد الوزراء اجتماعهم وب⟦موسكو⟧ تحديدا، ثم انتقلوا فب⟦القاهرة⟧ أيضا.\n");
}

#[test]
fn waw_and_lam_before_a_person_leave_the_surname_alone() {
    check_mentions(
        "ووجه الصحفيون أسئلة كثيرة، ولأردوغان نصيب منها، وللرئيس بوتين كذلك.\n",
        expect![[r#"
            a.txt:1:30 "أردوغان" PER erdogan Gazetteer
            a.txt:1:57 "بوتين" PER putin Gazetteer
        "#]],
    );
}

#[test]
fn lam_merged_with_the_article_still_finds_the_organisation() {
    check_mentions(
        "وقال متحدث للكرملين إن الزيارة ناجحة، وللأمم المتحدة موقف آخر.\n",
        expect![[r#"
            a.txt:1:13 "لكرملين" ORG kremlin Gazetteer
            a.txt:1:41 "لأمم المتحدة" ORG un Gazetteer
        "#]],
    );
}

#[test]
fn kaf_before_the_article_is_a_proclitic_before_a_city() {
    check_mentions(
        "لا توجد مدينة كالقاهرة في ازدحامها، ولا كموسكو في بردها.\n",
        expect![[r#"
        a.txt:1:16 "القاهرة" LOC city-360630 Gazetteer
        a.txt:1:42 "موسكو" LOC city-524901 Gazetteer
    "#]],
    );
}

#[test]
fn hamza_forms_of_one_surname_are_one_person() {
    check_mentions(
        r#"
//- a.txt
قال الرئيس التركي أردوغان إن بلاده مستعدة.
//- b.txt
وأضاف اردوغان أن الحوار مستمر، وكرر إردوغان ذلك.
"#,
        expect![[r#"
            a.txt:1:19 "أردوغان" PER erdogan Gazetteer
            b.txt:1:7 "اردوغان" PER erdogan Gazetteer
            b.txt:1:37 "إردوغان" PER erdogan Gazetteer
        "#]],
    );
}

#[test]
fn bare_alef_and_final_heh_spell_the_same_organisation() {
    check_mentions(
        "دعت الامم المتحده إلى وقف إطلاق النار، وأيدت جامعة الدول العربيه الدعوة.\n",
        expect![[r#"
        a.txt:1:5 "الامم المتحده" ORG un Gazetteer
        a.txt:1:46 "جامعة الدول العربيه" ORG arab-league Gazetteer
    "#]],
    );
}

#[test]
fn alef_maqsura_for_final_ya_is_the_same_name() {
    check_mentions(
        "استقبل عبد الفتاح السيسى ضيفه، وأكد السيسي أهمية اللقاء.\n",
        expect![[r#"
        a.txt:1:8 "عبد الفتاح السيسى" PER sisi Gazetteer
        a.txt:1:37 "السيسي" PER sisi Gazetteer
    "#]],
    );
}

#[test]
fn tatweel_and_diacritics_inside_a_name_keep_its_range() {
    check_ranges("أكـد ⟦أردوغـــان⟧ أن ⟦أَنْقَرَة⟧ لن تتراجع، وقال ⟦مَاكْرُون⟧ إن ⟦بـاريس⟧ توافق.\n");
}

#[test]
fn emoji_flags_and_latin_words_before_names_do_not_shift_ranges_and_a_latin_agency_is_found() {
    check_ranges("🇷🇺🇰🇵 BREAKING (⟦Reuters⟧): وصل ⟦بوتين⟧ إلى ⟦بيونغ يانغ⟧ 🔴 واستقبله ⟦كيم جونغ أون⟧.\n");
}

#[test]
fn a_line_end_closes_a_name_before_the_next_line_begins() {
    check_mentions(
        "وفي ختام اللقاء تحدث بوتين\nأردوغان عن الاقتصاد في جلسة منفصلة.\n",
        expect![[r#"
        a.txt:1:22 "بوتين" PER putin Gazetteer
        a.txt:2:1 "أردوغان" PER erdogan Gazetteer
    "#]],
    );
}

#[test]
fn names_in_crlf_text_are_found_on_every_line() {
    check_mentions(
        "وصل ماكرون إلى القاهرة.\r\nواستقبله السيسي في المطار.\r\n",
        expect![[r#"
        a.txt:1:5 "ماكرون" PER macron Gazetteer
        a.txt:1:16 "القاهرة" LOC city-360630 Gazetteer
        a.txt:2:10 "السيسي" PER sisi Gazetteer
    "#]],
    );
}

#[test]
fn guillemets_and_straight_quotes_around_names_are_outside_the_name() {
    check_ranges("نقلت «⟦رويترز⟧» عن \"⟦غوتيريش⟧\" قوله إن «⟦مجلس الأمن⟧» سيجتمع.\n");
}

#[test]
fn a_hashtag_names_the_person_it_tags() {
    check_mentions(
        "وانتشر وسم #بوتين على المنصات، كما تصدر #القاهرة قائمة الأكثر تداولا.\n",
        expect![[r#"
        a.txt:1:13 "بوتين" PER putin Gazetteer
        a.txt:1:42 "القاهرة" LOC city-360630 Gazetteer
    "#]],
    );
}

#[test]
fn a_headline_line_starts_with_a_name() {
    check_mentions(
        "ماكرون يصل إلى الرياض في زيارة رسمية\n\nوصل الرئيس الفرنسي إيمانويل ماكرون اليوم في زيارة تستمر يومين.\n",
        expect![[r#"
            a.txt:1:1 "ماكرون" PER macron Gazetteer
            a.txt:1:16 "الرياض" LOC city-108410 Gazetteer
            a.txt:3:20 "إيمانويل ماكرون" PER macron Gazetteer
        "#]],
    );
}

#[test]
fn numbers_beside_names_are_not_part_of_them() {
    check_ranges(
        "في 2024 زار ⟦ماكرون⟧ 3 مدن هي ⟦القاهرة⟧ و⟦الرياض⟧ و⟦عمان⟧ في ٢٠٢٤، ثم عاد ⟦ماكرون⟧ إلى ⟦باريس⟧ في 25 مايو.\n",
    );
}

#[test]
fn a_name_after_a_presidential_title_is_discovered() {
    check_mentions(
        "وأعلن الرئيس ميخائيل زيلوتشينكو أن الانتخابات ستجرى في موعدها.\n",
        expect![[r#"
            a.txt:1:14 "ميخائيل زيلوتشينكو" PER per-mykhayyl-zylwtshynkw Discovered
        "#]],
    );
}

#[test]
fn a_known_name_after_a_doctor_title_leaves_the_title_out_and_links_its_surname() {
    check_mentions(
        "وصرح الدكتور رائد العزاوي بأن الوضع معقد، وأضاف العزاوي أن الحل سياسي.\n",
        expect![[r#"
        a.txt:1:14 "رائد العزاوي" PER raed-al-azzawi Gazetteer
        a.txt:1:49 "العزاوي" PER raed-al-azzawi Partial
    "#]],
    );
}

#[test]
fn a_title_before_a_known_organisation_and_person_leaves_both_whole() {
    check_mentions(
        "وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن الوضع خطير.\n",
        expect![[r#"
        a.txt:1:20 "لأمم المتحدة" ORG un Gazetteer
        a.txt:1:33 "أنطونيو غوتيريش" PER guterres Gazetteer
    "#]],
    );
}

#[test]
fn a_dateline_and_an_agency_abbreviation_are_names() {
    check_mentions(
        "موسكو (أ.ف.ب) - أعلن الكرملين أن بوتين سيسافر غدا.\n",
        expect![[r#"
        a.txt:1:1 "موسكو" LOC city-524901 Gazetteer
        a.txt:1:8 "أ.ف.ب" ORG afp Gazetteer
        a.txt:1:22 "الكرملين" ORG kremlin Gazetteer
        a.txt:1:34 "بوتين" PER putin Gazetteer
    "#]],
    );
}

#[test]
fn a_government_of_a_country_gives_the_country_and_a_nisba_government_nothing() {
    check_mentions(
        "قالت الحكومة الروسية إن حكومة كوريا الجنوبية لم ترد، وأكد رئيس كوريا الجنوبية ذلك.\n",
        expect![[r#"
            a.txt:1:31 "كوريا الجنوبية" LOC country-kr Gazetteer
            a.txt:1:64 "كوريا الجنوبية" LOC country-kr Gazetteer
        "#]],
    );
}

#[test]
fn a_descriptive_agency_name_ends_before_the_adjective_official() {
    check_mentions(
        "وقالت وكالة الأنباء المركزية الكورية الشمالية الرسمية إن الزعيم أشرف على التجربة.\n",
        expect![[r#"
        a.txt:1:7 "وكالة الأنباء المركزية الكورية الشمالية" ORG kcna Gazetteer
    "#]],
    );
}

#[test]
fn fa_and_ba_and_ba_with_the_article_are_split_off() {
    check_ranges("ف⟦بوتين⟧ لم يرد، وب⟦روسيا⟧ قرارات، وب⟦الكرملين⟧ اجتماعات.\n");
}

#[test]
fn nisba_adjectives_and_titles_alone_are_not_names() {
    check_mentions("وأكد الرئيس الروسي أن الجانب المصري والحكومة الأردنية والقوات الروسية متفقون.\n", expect![[r#""#]]);
}

#[test]
fn a_ministry_named_with_its_country_is_one_organisation() {
    check_mentions(
        "وذكرت وزارة الخارجية الروسية في بيان أن لافروف سيزور القاهرة.\n",
        expect![[r#"
        a.txt:1:7 "وزارة الخارجية الروسية" ORG org-wzarh-alkharjyh-alrwsyh Discovered
        a.txt:1:41 "لافروف" PER lavrov Gazetteer
        a.txt:1:54 "القاهرة" LOC city-360630 Gazetteer
    "#]],
    );
}

#[test]
fn a_club_named_after_a_city_is_the_club_not_the_city() {
    check_mentions(
        "تعاقد ريال مدريد مع لاعب جديد، بينما فاز الوداد البيضاوي على ضيفه.\n",
        expect![[r#"
        a.txt:1:7 "ريال مدريد" ORG real-madrid Gazetteer
        a.txt:1:42 "الوداد البيضاوي" ORG wydad Gazetteer
    "#]],
    );
}

#[test]
fn a_longer_name_wins_over_the_name_inside_it() {
    check_mentions(
        "اجتمع مجلس الأمن الدولي في نيويورك، ثم دعت جامعة الدول العربية إلى قمة، وتحدث حزب الله عن عبد الله.\n",
        expect![[r#"
            a.txt:1:7 "مجلس الأمن الدولي" ORG unsc Gazetteer
            a.txt:1:28 "نيويورك" LOC city-5128581 Gazetteer
            a.txt:1:44 "جامعة الدول العربية" ORG arab-league Gazetteer
            a.txt:1:79 "حزب الله" ORG hezbollah Gazetteer
        "#]],
    );
}

#[test]
fn a_name_at_the_very_end_of_a_file_without_a_newline_is_found() {
    check_ranges("وفي المساء غادر الوفد متوجها إلى ⟦موسكو⟧");
}

#[test]
fn names_joined_by_waw_are_two_people() {
    check_mentions(
        "وعقد ماكرون وأردوغان وبوتين قمة ثلاثية.\n",
        expect![[r#"
        a.txt:1:6 "ماكرون" PER macron Gazetteer
        a.txt:1:14 "أردوغان" PER erdogan Gazetteer
        a.txt:1:23 "بوتين" PER putin Gazetteer
    "#]],
    );
}

#[test]
fn a_generic_head_is_left_out_even_where_a_longer_spelling_follows() {
    // «ميليشيا حزب النور» is a spelling; «حزب النور» is one too, and so is the longer «حزب النور
    // المصري» that starts there: the head is still left out.
    let toml = "[[entity]]\nid = \"nour\"\ntype = \"ORG\"\nname = \"حزب النور\"\naliases = [\"ميليشيا حزب النور\", \"حزب النور المصري\"]\n";
    check_mentions(
        &format!("//- isnad.toml\n{toml}//- a.txt\nوهاجمت ميليشيا حزب النور المصري القرية.\n"),
        expect![[r#"
            a.txt:1:16 "حزب النور" ORG nour Gazetteer
        "#]],
    );
}

#[test]
fn adjectives_and_generic_heads_stay_outside_built_in_names() {
    // «المحتلة» describes the place; «منظمة» and «جهاز» are generic heads (GUIDELINES.md §1).
    check_ranges(
        "وقعت مواجهات في ⟦الضفة الغربية⟧ المحتلة و⟦القدس⟧ المحتلة، وقالت منظمة ⟦أوبك⟧ إن جهاز ⟦الموساد⟧ لا علاقة له.\n",
    );
}

#[test]
fn a_persons_title_and_a_clubs_head_stay_outside_built_in_names() {
    // The rest is no spelling of its own (هاري، الأهلي), yet the title and «النادي» are left out.
    check_mentions(
        "وزار الأمير هاري القاهرة، وفاز النادي الأهلي على الزمالك.\n",
        expect![[r#"
            a.txt:1:13 "هاري" PER prince-harry Gazetteer
            a.txt:1:18 "القاهرة" LOC city-360630 Gazetteer
            a.txt:1:39 "الأهلي" ORG al-ahly Gazetteer
            a.txt:1:50 "الزمالك" ORG zamalek Gazetteer
        "#]],
    );
}

#[test]
fn the_preposition_spelled_as_a_surname_is_no_partial_name() {
    // عادل إمام is a known name; «أمام» (in front of) is the same letters once normalised.
    check_ranges("وقال ⟦عادل إمام⟧ إنه وقف أمام الجمهور.\n");
}

#[test]
fn a_function_word_inside_a_name_is_no_partial_name() {
    // «كان» (was) is a word of the chef's name; it names nobody where it is the verb.
    let toml = "[[entity]]\nid = \"roca\"\ntype = \"PER\"\nname = \"جوان دي كان روكا\"\n";
    check_ranges(&format!(
        "//- isnad.toml\n{toml}//- a.txt\nوقال ⟦جوان دي كان روكا⟧ إن المطعم سيفتح، وكان ⟦روكا⟧ يعمل هناك كما كان يدرس.\n"
    ));
}

#[test]
fn an_outlets_or_movements_head_stays_outside_a_one_word_name() {
    // «القاعدة» and «الأناضول» are no spellings on their own; a descriptive name stays whole.
    check_mentions(
        "وتبنى تنظيم القاعدة الهجوم، بحسب وكالة الأناضول ووكالة الأنباء الألمانية.\n",
        expect![[r#"
            a.txt:1:13 "القاعدة" ORG al-qaeda Gazetteer
            a.txt:1:40 "الأناضول" ORG anadolu Gazetteer
            a.txt:1:50 "وكالة الأنباء الألمانية" ORG dpa Gazetteer
        "#]],
    );
}
