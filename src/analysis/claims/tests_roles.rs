//! Attribution fixtures for sources named by a description or a role that stand for an entity
//! the article names elsewhere: a body's generic name or epithet («وقال عملاق البحث»، «وقال
//! النادي الهولندي»), a word for a person («وقال الأديب الراحل»), a title the article gives a
//! named person elsewhere («قال متحدث باسم الرئاسة»), a spokesman for a country's body («وقال
//! متحدث باسم الجيش الإسرائيلي»). Rendered by `tests_attribution::render`.

use expect_test::expect;

use super::tests_attribution::check;

#[test]
fn an_epithet_for_a_company_stands_for_the_company() {
    check(
        "عنوان\nخسر ⟦ORG:غوغل⟧ قضية في ⟦LOC:لندن⟧ أمس.\nوقال عملاق البحث، في بيان، إنه سيحترم قرار المحكمة.\n",
        expect![[r#"
            "وقال عملاق البحث، في…" ← غوغل (cue ‹وقال›)
        "#]],
    );
}

#[test]
fn a_clubs_nisba_is_its_nationality_not_the_country_speaking() {
    check(
        "عنوان\nلعب ⟦ORG:أياكس⟧ في ⟦LOC:هولندا⟧ مباراة ودية.\nوقال ⟦PER:إدوين فان دير سار⟧ إن الفريق تعلم الدرس.\nوقال النادي الهولندي إنه طلب رأيا خارجيا.\n",
        expect![[r#"
            "وقال إدوين فان دير…" ← إدوين فان دير سار (cue ‹وقال›)
            "وقال النادي الهولندي إنه…" ← أياكس (cue ‹وقال›)
        "#]],
    );
}

#[test]
fn a_manufacturers_nisba_picks_the_body_named_last() {
    check(
        "عنوان\nوقال قصر ⟦ORG:الإليزيه⟧ إن ⟦LOC:الصين⟧ طلبت 184 طائرة.\nوتشهد السوق منافسة بين ⟦ORG:إيرباص⟧ و⟦ORG:بوينغ⟧.\nويقول المصنع الأمريكي إن البلاد ستحتاج إلى 7420 طائرة.\n",
        expect![[r#"
            "وقال قصر الإليزيه إن…" ← الإليزيه (cue ‹وقال›)
            "ويقول المصنع الأمريكي إن…" ← بوينغ (cue ‹ويقول›)
        "#]],
    );
}

#[test]
fn a_society_with_no_name_is_the_one_the_article_is_about() {
    check(
        "عنوان\nشارك 1500 شاب في دراسة ⟦ORG:الجمعية الملكية للصحة العامة⟧ عن النوم.\nوتعتقد الجمعية أن الابتعاد عن المنصات الاجتماعية يساعد على النوم.\n",
        expect![[r#"
            "وتعتقد الجمعية أن الابتعاد…" ← الجمعية الملكية للصحة العامة (cue ‹وتعتقد›)
        "#]],
    );
}

#[test]
fn a_word_for_a_person_is_the_person_named_before_not_the_body() {
    check(
        "عنوان\nتوفي الكاتب ⟦PER:أحمد خالد توفيق⟧ أمس، وقالت ⟦ORG:دار النشر⟧ إنها ستعيد طبع رواياته.\nوخلال حوار سابق، قال الأديب الراحل إن الكتابة كانت حياته.\n",
        expect![[r#"
            "توفي الكاتب أحمد خالد…" ← دار النشر (cue ‹وقالت›)
            "وخلال حوار سابق، قال…" ← أحمد خالد توفيق (cue ‹قال›)
        "#]],
    );
}

#[test]
fn a_title_goes_to_the_person_the_article_names_with_it_later() {
    check(
        "عنوان\nقال متحدث باسم الرئاسة في ⟦LOC:كوريا الجنوبية⟧، الثلاثاء، إن المحادثات ستستأنف بعد 25 مايو.\nوكان ⟦PER:يون يونج تشان⟧ المتحدث باسم الرئاسة الكورية يتحدث للصحفيين.\n",
        expect![[r#"
            "قال متحدث باسم الرئاسة…" ← يون يونج تشان (cue ‹قال›)
        "#]],
    );
}

#[test]
fn a_title_with_its_complement_goes_to_its_holder_not_the_last_person_quoted() {
    check(
        "عنوان\nالتقى الرئيس الروسي ⟦PER:فلاديمير بوتين⟧ نظيره في ⟦LOC:أنقرة⟧.\nوقال ⟦PER:رجب طيب أردوغان⟧ إن اللقاء كان مثمرا.\nوقال الرئيس الروسي إن بلاده ستزيد صادراتها.\n",
        expect![[r#"
            "وقال رجب طيب أردوغان…" ← رجب طيب أردوغان (cue ‹وقال›)
            "وقال الرئيس الروسي إن…" ← فلاديمير بوتين (cue ‹وقال›)
        "#]],
    );
}

#[test]
fn a_title_alone_still_goes_to_the_last_person_quoted() {
    check(
        "عنوان\nالتقى الرئيس ⟦PER:فلاديمير بوتين⟧ نظيره في ⟦LOC:أنقرة⟧.\nوقال ⟦PER:رجب طيب أردوغان⟧ إن اللقاء كان مثمرا.\nوأضاف الرئيس أن البلدين سيوقعان اتفاقا.\n",
        expect![[r#"
            "وقال رجب طيب أردوغان…" ← رجب طيب أردوغان (cue ‹وقال›)
            "وأضاف الرئيس أن البلدين…" ← رجب طيب أردوغان (cue ‹وأضاف›)
        "#]],
    );
}

#[test]
fn a_question_mark_before_the_holder_ends_the_words_read_before_the_name() {
    // «؟» is two bytes: the words after it start at a character, not inside it.
    check(
        "عنوان\nهل تنجح الخطة؟ الرئيس الروسي ⟦PER:فلاديمير بوتين⟧ يرى ذلك.\nوقال ⟦PER:رجب طيب أردوغان⟧ إن اللقاء كان مثمرا.\nوقال الرئيس الروسي إن بلاده ستزيد صادراتها.\n",
        expect![[r#"
            "الرئيس الروسي فلاديمير بوتين…" ← فلاديمير بوتين (cue ‹يرى›)
            "وقال رجب طيب أردوغان…" ← رجب طيب أردوغان (cue ‹وقال›)
            "وقال الرئيس الروسي إن…" ← فلاديمير بوتين (cue ‹وقال›)
        "#]],
    );
}

#[test]
fn a_spokesman_for_a_countrys_body_speaks_for_the_country() {
    check(
        "عنوان\nزار ⟦PER:بنيامين نتنياهو⟧ الحدود الشمالية لـ⟦LOC:إسرائيل⟧ أمس.\nوقال متحدث باسم الجيش الإسرائيلي في تصريح صحافي، إنه سيتم إرسال لواءين إلى الحدود.\n",
        expect![[r#"
            "وقال متحدث باسم الجيش…" ← إسرائيل (cue ‹وقال›)
        "#]],
    );
}

#[test]
fn a_title_with_a_complement_goes_to_the_person_named_with_the_bare_title() {
    check(
        "عنوان\nوفي كلمة غاضبة، لوح الرئيس ⟦PER:رودريجو دوتيرتي⟧ بصور لعاملات في ⟦LOC:الكويت⟧.\nوقال وزير الخارجية ⟦PER:آلان كايتانو⟧ إن بلاده تنتظر ردا.\nوكان الرئيس الفلبيني قد أعلن، الجمعة، أن بلاده ستوقف إرسال العمال.\n",
        expect![[r#"
            "وقال وزير الخارجية آلان…" ← آلان كايتانو (cue ‹وقال›)
            "وكان الرئيس الفلبيني قد…" ← رودريجو دوتيرتي (cue ‹أعلن›)
        "#]],
    );
}

#[test]
fn a_title_with_another_complement_is_another_office() {
    check(
        "عنوان\nوقال ⟦PER:خالد الناصر⟧ إن الأسعار سترتفع.\nوالتقى وزير النفط ⟦PER:جبار اللعيبي⟧ وفدا تركيا أمس.\nوأوضح وزير المالية أن الموازنة ستقر الشهر المقبل.\n",
        expect![[r#"
            "وقال خالد الناصر إن…" ← خالد الناصر (cue ‹وقال›)
            "وأوضح وزير المالية أن…" ← خالد الناصر (cue ‹وأوضح›)
        "#]],
    );
}
