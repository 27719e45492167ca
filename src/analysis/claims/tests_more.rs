//! More claim fixtures, one behaviour each: unsourced check-worthy sentences (figures with
//! units, predictions, accusations, evaluations, causal claims), what must stay unflagged
//! (dates, schedules, sourced sentences, an actor speaking of itself, narration, headlines and
//! captions), vague-source flags, and ranges after emoji or Latin text. Rendered by
//! `tests::render` (one line per flagged sentence).

use expect_test::{expect, Expect};

use super::tests::{parse_fixture, render};

fn check(fixture: &str, expect: Expect) {
    let (text, mentions) = parse_fixture(fixture);
    expect.assert_eq(&render(&text, &mentions));
}

#[test]
fn a_loss_in_millions_of_dollars_with_no_source_is_unsourced() {
    check(
        "عنوان\nوبلغت خسائر القطاع الزراعي 300 مليون دولار هذا العام.\n",
        expect![[r#"
        Unsourced "وبلغت خسائر القطاع الزراعي 300 مليون دولار هذا…" — Unsourced claim: a figure (‹300›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn a_percentage_with_no_source_is_unsourced() {
    check(
        "عنوان\nوانخفضت نسبة الأمية إلى 12% في المناطق الريفية.\n",
        expect![[r#"
        Unsourced "وانخفضت نسبة الأمية إلى 12% في المناطق الريفية." — Unsourced claim: a figure (‹نسبة›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn a_future_verb_with_no_source_is_an_unsourced_prediction() {
    check(
        "عنوان\nوستشهد المنطقة موجة حر شديدة خلال الأسبوع المقبل.\n",
        expect![[r#"
        Unsourced "وستشهد المنطقة موجة حر شديدة خلال الأسبوع المقبل." — Unsourced claim: a prediction (‹وستشهد›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn sawfa_with_no_source_is_an_unsourced_prediction() {
    check(
        "عنوان\nوسوف تنهار العملة المحلية إذا استمر العجز على حاله.\n",
        expect![[r#"
        Unsourced "وسوف تنهار العملة المحلية إذا استمر العجز على…" — Unsourced claim: a prediction (‹وسوف›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn an_involvement_stated_as_fact_is_an_unsourced_accusation() {
    check(
        "عنوان\nوتورط عدد من الموظفين في عمليات اختلاس أموال عامة.\n",
        expect![[r#"
        Unsourced "وتورط عدد من الموظفين في عمليات اختلاس أموال…" — Unsourced claim: an accusation (‹وتورط›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn an_alleged_deal_is_an_unsourced_accusation() {
    check(
        "عنوان\nوجرت الصفقة المزعومة بين الشركتين في سرية تامة.\n",
        expect![[r#"
        Unsourced "وجرت الصفقة المزعومة بين الشركتين في سرية تامة." — Unsourced claim: an accusation (‹المزعومة›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn an_evaluation_stated_as_fact_is_unsourced() {
    check(
        "عنوان\nوكانت السياسة الزراعية للحكومة فاشلة في السنوات الأخيرة.\n",
        expect![[r#"
        Unsourced "وكانت السياسة الزراعية للحكومة فاشلة في السنوات الأخيرة." — Unsourced claim: an evaluative word (‹فاشلة›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn unprecedented_stated_as_fact_is_an_unsourced_evaluation() {
    check(
        "عنوان\nوشهدت الأسواق موجة غلاء غير مسبوقة في أسعار اللحوم.\n",
        expect![[r#"
        Unsourced "وشهدت الأسواق موجة غلاء غير مسبوقة في أسعار…" — Unsourced claim: an evaluative word (‹غير مسبوقة›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn bi_sabab_with_no_source_is_an_unsourced_causal_claim() {
    check(
        "عنوان\nوتراجعت السياحة في المدينة بسبب ارتفاع أسعار الفنادق.\n",
        expect![[r#"
        Unsourced "وتراجعت السياحة في المدينة بسبب ارتفاع أسعار الفنادق." — Unsourced claim: a causal claim (‹بسبب›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn adda_ila_with_no_source_is_an_unsourced_causal_claim() {
    check(
        "عنوان\nوانقطعت الكهرباء عن الأحياء الشرقية، ما أدى إلى توقف المخابز عن العمل.\n",
        expect![[r#"
            Unsourced "وانقطعت الكهرباء عن الأحياء الشرقية، ما أدى إلى…" — Unsourced claim: a causal claim (‹أدى إلى›) with no named source in the sentence.
        "#]],
    );
}

#[test]
fn a_figure_said_by_a_named_minister_is_not_flagged() {
    check("عنوان\nوقال وزير العمل ⟦PER:فهد الراشد⟧ إن 40% من الشباب عاطلون عن العمل.\n", expect![[""]]);
}

#[test]
fn a_figure_according_to_a_named_body_is_not_flagged() {
    check("عنوان\nوارتفع التضخم إلى 8% في مايو، بحسب ⟦ORG:الجهاز المركزي للإحصاء⟧.\n", expect![[""]]);
}

#[test]
fn a_prediction_continued_with_wa_adaf_is_not_flagged() {
    check(
        "عنوان\nوقال ⟦PER:ماهر سليم⟧ إن المصنع سيفتتح في الخريف.\nوأضاف أن المصنع سيوفر ألفي وظيفة.\n",
        expect![[""]],
    );
}

#[test]
fn a_date_with_a_month_name_is_not_a_figure() {
    check("عنوان\nوعقد البرلمان جلسته في 12 مارس الماضي بحضور معظم الأعضاء.\n", expect![[""]]);
}

#[test]
fn a_year_is_not_a_figure() {
    check("عنوان\nوافتتح المتحف أبوابه للزوار عام 1998 في وسط المدينة.\n", expect![[""]]);
}

#[test]
fn a_clock_time_in_a_schedule_is_not_a_figure() {
    check("عنوان\nويبدأ المؤتمر الساعة 10 صباحا في القاعة الرئيسية.\n", expect![[""]]);
}

#[test]
fn a_visit_that_lasts_two_days_is_a_schedule_not_a_claim() {
    check("عنوان\nوتستمر الزيارة يومين يلتقي خلالهما الوفد بالمسؤولين.\n", expect![[""]]);
}

#[test]
fn the_actor_praising_is_its_own_source() {
    check("عنوان\nوأشاد الرئيس ⟦PER:قيس سعيد⟧ بالإنجازات التاريخية للجيش الوطني.\n", expect![[""]]);
}

#[test]
fn plain_narration_of_an_arrival_is_not_flagged() {
    check("عنوان\nووصل الوفد إلى المطار صباح الأحد وتوجه إلى مقر الحكومة.\n", expect![[""]]);
}

#[test]
fn a_headline_with_a_figure_and_a_prediction_is_never_flagged() {
    check(
        "الحكومة ستخفض الضرائب بنسبة 20% العام المقبل\nووصل الوفد إلى المطار صباح الأحد وتوجه إلى مقر الحكومة.\n",
        expect![[""]],
    );
}

#[test]
fn a_photo_caption_with_a_credit_is_never_flagged() {
    check("عنوان\nمتظاهرون أمام البرلمان في أكبر احتجاج تشهده العاصمة منذ سنوات طويلة (أ.ف.ب)\n", expect![[""]]);
}

#[test]
fn a_question_is_never_flagged() {
    check("عنوان\nهل ستنخفض أسعار الوقود بنسبة 10% في الشهر المقبل؟\n", expect![[""]]);
}

#[test]
fn security_sources_with_a_death_toll_are_a_vague_source() {
    check(
        "عنوان\nوقالت مصادر أمنية إن 20 مسلحا قتلوا في الاشتباكات.\n",
        expect![[r#"
        Vague "وقالت مصادر أمنية إن 20 مسلحا قتلوا في…" — Vague source: ‹مصادر أمنية› is not a named source.
    "#]],
    );
}

#[test]
fn some_people_believe_is_a_vague_source() {
    check(
        "عنوان\nويرى البعض أن القرار سيضر بالاقتصاد المحلي.\n",
        expect![[r#"
        Vague "ويرى البعض أن القرار سيضر بالاقتصاد المحلي." — Vague source: ‹البعض› is not a named source.
    "#]],
    );
}

#[test]
fn estimates_indicate_is_a_vague_source() {
    check(
        "عنوان\nوتشير التقديرات إلى أن عدد النازحين تجاوز مليون شخص.\n",
        expect![[r#"
        Vague "وتشير التقديرات إلى أن عدد النازحين تجاوز مليون…" — Vague source: ‹التقديرات› is not a named source.
    "#]],
    );
}

#[test]
fn experts_warn_is_a_vague_source() {
    check(
        "عنوان\nويحذر خبراء من أن الجفاف سيدمر المحاصيل هذا العام.\n",
        expect![[r#"
        Vague "ويحذر خبراء من أن الجفاف سيدمر المحاصيل هذا…" — Vague source: ‹خبراء› is not a named source.
    "#]],
    );
}

#[test]
fn a_named_speaker_wins_over_sources_quoted_inside_the_sentence() {
    check("عنوان\nوقال ⟦PER:طارق عزيز⟧ إن مصادر الطاقة المتجددة ستغطي نصف الاستهلاك.\n", expect![[""]]);
}

#[test]
fn an_emoji_before_the_sentence_keeps_the_range_of_a_vague_flag() {
    check(
        "عنوان\n🔴 وقالت مصادر طبية إن 15 شخصا أصيبوا في الحادث.\n",
        expect![[r#"
        Vague "🔴 وقالت مصادر طبية إن 15 شخصا أصيبوا…" — Vague source: ‹مصادر طبية› is not a named source.
    "#]],
    );
}

#[test]
fn latin_text_before_the_sentence_keeps_the_range_of_an_unsourced_flag() {
    check(
        "عنوان\nBREAKING وارتفع عدد ضحايا الزلزال إلى 300 قتيل.\n",
        expect![[r#"
        Unsourced "BREAKING وارتفع عدد ضحايا الزلزال إلى 300 قتيل." — Unsourced claim: a figure (‹300›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn a_sourced_sentence_and_an_unsourced_one_on_one_line() {
    check(
        "عنوان\nوقال ⟦PER:سمير جعجع⟧ إن الانتخابات ستجري في موعدها. 📊 وبلغت نسبة المشاركة 45% في الدورة السابقة.\n",
        expect![[r#"
            Unsourced "📊 وبلغت نسبة المشاركة 45% في الدورة السابقة." — Unsourced claim: a figure (‹نسبة›) with no named source in the sentence.
        "#]],
    );
}

#[test]
fn a_death_toll_with_no_source_is_unsourced() {
    check(
        "عنوان\nوقتل 12 شخصا في حادث سير على الطريق الصحراوي.\n",
        expect![[r#"
        Unsourced "وقتل 12 شخصا في حادث سير على الطريق…" — Unsourced claim: a figure (‹12›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn qad_with_an_imperfect_is_an_unsourced_prediction() {
    check(
        "عنوان\nوقد يؤدي القرار إلى ارتفاع الأسعار في الأسواق.\n",
        expect![[r#"
        Unsourced "وقد يؤدي القرار إلى ارتفاع الأسعار في الأسواق." — Unsourced claim: a prediction (‹وقد يؤدي›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn a_pluperfect_kana_qad_is_no_prediction() {
    check("عنوان\nوكان الرئيس قد زار المدينة في جولة تفقدية.\n", expect![[""]]);
}

#[test]
fn an_ordinal_is_not_a_figure() {
    check("عنوان\nوتوج المنتخب بطلا للبطولة للمرة الثالثة في تاريخه.\n", expect![[""]]);
}

#[test]
fn a_resolution_number_is_a_label_not_a_figure() {
    check("عنوان\nوطالب المجلس بتطبيق القرار 2254 بشكل كامل.\n", expect![[""]]);
}

#[test]
fn a_superlative_stated_as_fact_is_an_unsourced_evaluation() {
    check(
        "عنوان\nوتعد هذه الصفقة الأكبر في تاريخ الشركة.\n",
        expect![[r#"
        Unsourced "وتعد هذه الصفقة الأكبر في تاريخ الشركة." — Unsourced claim: an evaluative word (‹الأكبر›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn a_violation_stated_as_fact_is_an_unsourced_accusation() {
    check(
        "عنوان\nوتنتهك هذه الممارسات القانون الدولي بشكل صارخ.\n",
        expect![[r#"
        Unsourced "وتنتهك هذه الممارسات القانون الدولي بشكل صارخ." — Unsourced claim: an accusation (‹وتنتهك›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn natijatan_li_is_an_unsourced_causal_claim() {
    check(
        "عنوان\nوتضررت المحاصيل نتيجة لموجة الصقيع التي ضربت البلاد.\n",
        expect![[r#"
        Unsourced "وتضررت المحاصيل نتيجة لموجة الصقيع التي ضربت البلاد." — Unsourced claim: a causal claim (‹نتيجة›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn a_quotation_with_no_speaker_is_unsourced() {
    check(
        "عنوان\n«سنفوز بالبطولة هذا العام مهما كانت الظروف».\n",
        expect![[r#"
        Unsourced "«سنفوز بالبطولة هذا العام مهما كانت الظروف»." — Unsourced claim: a prediction (‹سنفوز›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn historic_in_the_words_of_a_named_speaker_is_not_flagged() {
    check("عنوان\nووصف ⟦PER:عادل إمام⟧ الزيارة بأنها تاريخية.\n", expect![[""]]);
}

#[test]
fn a_named_official_voicing_concern_is_not_flagged() {
    check("عنوان\nوأعرب ⟦PER:أنطونيو غوتيريش⟧ عن قلقه البالغ من تدهور الأوضاع.\n", expect![[""]]);
}

#[test]
fn a_phone_call_between_leaders_is_narration() {
    check("عنوان\nوتلقى الرئيس اتصالا هاتفيا من نظيره الفرنسي بحثا خلاله العلاقات الثنائية.\n", expect![[""]]);
}

#[test]
fn a_one_nil_win_in_words_is_a_score_not_a_claim() {
    check("عنوان\nوفاز ⟦ORG:الرجاء⟧ على ⟦ORG:الوداد⟧ بهدف نظيف في الديربي.\n", expect![[""]]);
}

#[test]
fn a_read_more_teaser_with_a_figure_is_boilerplate() {
    check("عنوان\nاقرأ أيضا: ارتفاع عدد الضحايا إلى 50 قتيلا في الفيضانات.\n", expect![[""]]);
}

#[test]
fn no_reports_of_casualties_is_not_a_vague_source() {
    check("عنوان\nولم ترد تقارير عن سقوط ضحايا في الحادث.\n", expect![[""]]);
}

#[test]
fn an_anonymous_source_inside_a_named_ministry_is_still_vague() {
    check(
        "عنوان\nوأكد مصدر في ⟦ORG:وزارة الدفاع⟧ أن الطائرة سقطت بسبب عطل فني.\n",
        expect![[r#"
        Vague "وأكد مصدر في وزارة الدفاع أن الطائرة سقطت…" — Vague source: ‹مصدر› is not a named source.
    "#]],
    );
}

#[test]
fn analysts_expecting_growth_are_a_vague_source() {
    check(
        "عنوان\nويتوقع محللون أن ينمو الاقتصاد بنسبة 3% العام المقبل.\n",
        expect![[r#"
        Vague "ويتوقع محللون أن ينمو الاقتصاد بنسبة 3% العام…" — Vague source: ‹محللون› is not a named source.
    "#]],
    );
}

#[test]
fn a_forecast_by_a_named_fund_is_not_flagged() {
    check("عنوان\nوتوقع ⟦ORG:صندوق النقد الدولي⟧ أن ينمو الاقتصاد بنسبة 3% العام المقبل.\n", expect![[""]]);
}

#[test]
fn arabic_indic_digits_with_a_unit_are_a_figure() {
    check(
        "عنوان\nوبلغت قيمة الصادرات ٣٠٠ مليون دولار خلال الربع الأول.\n",
        expect![[r#"
        Unsourced "وبلغت قيمة الصادرات ٣٠٠ مليون دولار خلال الربع…" — Unsourced claim: a figure (‹٣٠٠›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn an_arabic_percent_sign_is_part_of_the_figure() {
    check(
        "عنوان\nوارتفعت البطالة إلى ١٢٪ بين الشباب.\n",
        expect![[r#"
        Unsourced "وارتفعت البطالة إلى ١٢٪ بين الشباب." — Unsourced claim: a figure (‹١٢٪›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn a_flag_emoji_keeps_the_range_and_the_next_sentence_is_narration() {
    check(
        "عنوان\n🇪🇬 وتجاوزت ديون البلاد 160 مليار دولار. ✅ ووصل الوفد إلى القاهرة مساء الأحد.\n",
        expect![[r#"
            Unsourced "🇪🇬 وتجاوزت ديون البلاد 160 مليار دولار." — Unsourced claim: a figure (‹160›) with no named source in the sentence.
        "#]],
    );
}

#[test]
fn a_score_in_digits_is_not_a_figure() {
    check("عنوان\nوفاز الفريق على ضيفه بنتيجة 2-1 في المباراة.\n", expect![""]);
}

#[test]
fn a_score_in_words_is_not_a_figure() {
    check("عنوان\nوفاز الفريق على ضيفه بثلاثة أهداف مقابل هدف في المباراة.\n", expect![""]);
}

#[test]
fn goals_and_the_minute_of_a_match_are_not_figures() {
    check("عنوان\nوسجل اللاعب هدفين في الدقيقة 90 من المباراة.\n", expect![""]);
}

#[test]
fn how_long_a_summit_lasts_is_a_schedule() {
    check("عنوان\nوتستمر القمة ثلاثة أيام في العاصمة.\n", expect![""]);
}

#[test]
fn how_many_hours_talks_lasted_is_not_a_figure() {
    check("عنوان\nواستمرت المحادثات 6 ساعات في القصر الرئاسي.\n", expect![""]);
}

#[test]
fn the_day_of_a_match_is_a_date() {
    check("عنوان\nوتقام المباراة يوم 15 من الشهر الجاري على الملعب الوطني.\n", expect![""]);
}

#[test]
fn the_size_of_a_squad_is_a_plain_fact() {
    check("عنوان\nويتكون الفريق من 23 لاعبا بينهم خمسة محترفين.\n", expect![""]);
}

#[test]
fn when_a_company_was_founded_is_background() {
    check("عنوان\nوتأسست الشركة قبل 50 عاما في مدينة صغيرة.\n", expect![""]);
}

#[test]
fn min_al_muqarrar_announces_a_schedule_not_a_prediction() {
    check("عنوان\nومن المقرر أن يصل الوفد إلى العاصمة الأسبوع المقبل.\n", expect![[""]]);
}

#[test]
fn local_media_are_a_vague_source() {
    check(
        "عنوان\nوذكرت وسائل إعلام محلية أن الحكومة تدرس رفع الضرائب.\n",
        expect![[r#"
        Vague "وذكرت وسائل إعلام محلية أن الحكومة تدرس رفع…" — Vague source: ‹وسائل إعلام› is not a named source.
    "#]],
    );
}

#[test]
fn an_informed_source_is_a_vague_source() {
    check(
        "عنوان\nوقال مصدر مطلع إن المفاوضات وصلت إلى طريق مسدود.\n",
        expect![[r#"
        Vague "وقال مصدر مطلع إن المفاوضات وصلت إلى طريق…" — Vague source: ‹مصدر مطلع› is not a named source.
    "#]],
    );
}

#[test]
fn min_al_mutawaqqa_is_an_impersonal_vague_source() {
    check(
        "عنوان\nومن المتوقع أن ترتفع الأسعار خلال الأشهر المقبلة.\n",
        expect![[r#"
        Vague "ومن المتوقع أن ترتفع الأسعار خلال الأشهر المقبلة." — Vague source: ‹ومن المتوقع› is not a named source.
    "#]],
    );
}

#[test]
fn min_al_murajjah_is_an_impersonal_vague_source() {
    check(
        "عنوان\nومن المرجح أن تتأجل الانتخابات إلى العام المقبل.\n",
        expect![[r#"
        Vague "ومن المرجح أن تتأجل الانتخابات إلى العام المقبل." — Vague source: ‹ومن المرجح› is not a named source.
    "#]],
    );
}

#[test]
fn a_passive_dhukira_with_nobody_named_before_is_vague() {
    check(
        "عنوان\nوذكر أن السلطات أغلقت المعبر الحدودي أمام الشاحنات.\n",
        expect![[r#"
        Vague "وذكر أن السلطات أغلقت المعبر الحدودي أمام الشاحنات." — Vague source: ‹وذكر› is not a named source.
    "#]],
    );
}

#[test]
fn a_quotation_after_vague_officials_inherits_the_vague_source() {
    check(
        "عنوان\nوقال مسؤولون: «الوضع تحت السيطرة».\n«وسنعيد فتح الطرق خلال ساعات قليلة».\n",
        expect![[r#"
        Vague "وقال مسؤولون: «الوضع تحت السيطرة»." — Vague source: ‹مسؤولون› is not a named source.
        Vague "«وسنعيد فتح الطرق خلال ساعات قليلة»." — Vague source: ‹مسؤولون› is not a named source.
    "#]],
    );
}

#[test]
fn jarraa_with_no_source_is_an_unsourced_causal_claim() {
    check(
        "عنوان\nوتضررت المنازل جراء السيول الأخيرة في المنطقة.\n",
        expect![[r#"
        Unsourced "وتضررت المنازل جراء السيول الأخيرة في المنطقة." — Unsourced claim: a causal claim (‹جراء›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn the_defendant_in_a_court_report_is_no_accusation() {
    check("عنوان\nوقررت المحكمة تأجيل النظر في قضية المتهم إلى الشهر المقبل.\n", expect![[""]]);
}

#[test]
fn unnamed_scientists_announcing_are_a_vague_source() {
    check(
        "عنوان\nوأعلن علماء فلك عن رصد كوكب قزم وراء مدار نبتون.\nلكن مسؤولا عسكريا قال إن التجربة فشلت.\n",
        expect![[r#"
            Vague "وأعلن علماء فلك عن رصد كوكب قزم وراء…" — Vague source: ‹علماء› is not a named source.
            Vague "لكن مسؤولا عسكريا قال إن التجربة فشلت." — Vague source: ‹مسؤولا› is not a named source.
        "#]],
    );
}

#[test]
fn yutabar_with_nothing_said_after_it_is_an_impersonal_passive() {
    check(
        "عنوان\nويعتبر اللاعب من أبرز المواهب في جيله.\n",
        expect![[r#"
        Vague "ويعتبر اللاعب من أبرز المواهب في جيله." — Vague source: ‹ويعتبر› is not a named source.
    "#]],
    );
}

#[test]
fn a_basketball_score_is_not_a_figure() {
    check("عنوان\nوفاز الفريق على ضيفه 116-101 في المباراة الأولى من السلسلة.\n", expect![[""]]);
}

#[test]
fn fewer_than_expected_compares_and_predicts_nothing() {
    check("عنوان\nوجاءت أرباح الشركة أقل من التوقعات في الربع الأخير.\n", expect![[""]]);
}

#[test]
fn the_future_of_a_schedule_or_a_procedure_is_no_prediction() {
    check(
        "عنوان\nستعقد اللجنة اجتماعها الأحد المقبل.\nوسيشارك الفريق في البطولة.\nوسيتم الإعلان عن النتائج مساء الخميس.\nوسوف تعرض اللوحة في المتحف.\nوستنهار العملة إذا استمر العجز.\n",
        expect![[r#"
        Unsourced "وستنهار العملة إذا استمر العجز." — Unsourced claim: a prediction (‹وستنهار›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn an_actor_planning_its_own_steps_is_no_prediction() {
    check("عنوان\nوتعتزم الشركة إنتاج مشروب جديد.\nويخطط النادي لتجديد ملعبه.\n", expect![[""]]);
}

#[test]
fn a_superlative_in_plain_description_is_no_evaluation() {
    check(
        "عنوان\nوفاز اللاعب بجائزة أفضل لاعب في الدوري.\nوتبقى البطولة أبرز إنجازاته.\nوظهر وشم في أعلى ذراع المومياء.\nوتحل بريطانيا في مرتبة أفضل من إيطاليا.\nوافتتحت مدينة سينمائية ضخمة.\nوكان القرار تاريخيا بكل المقاييس.\n",
        expect![[r#"
        Unsourced "وكان القرار تاريخيا بكل المقاييس." — Unsourced claim: an evaluative word (‹تاريخيا›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn a_how_to_step_and_what_follows_are_no_prediction() {
    check(
        "عنوان\nوستظهر لك قائمة بالخيارات المتاحة.\nوسيتعين على المدرب اختيار التشكيلة.\nوسيرتفع التضخم في الربع المقبل.\n",
        expect![[r#"
        Unsourced "وسيرتفع التضخم في الربع المقبل." — Unsourced claim: a prediction (‹وسيرتفع›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn qad_yuhimmuk_speaks_to_the_reader_and_predicts_nothing() {
    check("عنوان\nقد يهمك أيضا: نتائج مباريات الأمس في الدوري.\n", expect![[""]]);
}
