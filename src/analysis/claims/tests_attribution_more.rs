//! More attribution fixtures, one behaviour each: every cue family (قال، أكد، نفى، أعلن، أوضح،
//! أشار، صرح، بحسب، وفق، نقلا عن، نقلت X عن Y, a colon after the speaker, a quotation), the
//! continuations that inherit the speaker, the source before or after the verb, feminine verbs,
//! bodies, countries and outlets as sources, vague and impersonal sources, and sentences that
//! report nobody. Rendered by `tests_attribution::render` (one line per attributed sentence).

use expect_test::expect;

use super::tests_attribution::check;

#[test]
fn qala_with_a_title_then_the_name_is_the_named_person() {
    check(
        "عنوان\nقال وزير المالية ⟦PER:خالد الناصر⟧ إن الحكومة ستخفض الضرائب العام المقبل.\n",
        expect![[r#"
            "قال وزير المالية خالد…" ← خالد الناصر (cue ‹قال›)
        "#]],
    );
}

#[test]
fn a_feminine_akkadat_finds_the_minister_after_her_title() {
    check(
        "عنوان\nوأكدت وزيرة الصحة ⟦PER:سلمى العلي⟧ أن المستشفيات جاهزة لاستقبال المرضى.\n",
        expect![[r#"
            "وأكدت وزيرة الصحة سلمى…" ← سلمى العلي (cue ‹وأكدت›)
        "#]],
    );
}

#[test]
fn a_denial_by_an_army_is_attributed_to_the_army() {
    check(
        "عنوان\nونفى ⟦ORG:الجيش الأردني⟧ وجود قوات أجنبية على أراضيه.\n",
        expect![[r#"
        "ونفى الجيش الأردني وجود…" ← الجيش الأردني (cue ‹ونفى›)
    "#]],
    );
}

#[test]
fn an_announcement_by_a_ministry_is_attributed_to_the_ministry() {
    check(
        "عنوان\nأعلنت ⟦ORG:وزارة الداخلية المغربية⟧ توقيف خلية إرهابية في مدينة فاس.\n",
        expect![[r#"
            "أعلنت وزارة الداخلية المغربية…" ← وزارة الداخلية المغربية (cue ‹أعلنت›)
        "#]],
    );
}

#[test]
fn sarraha_with_a_mayor_and_a_preposition_before_bi_anna() {
    check(
        "عنوان\nوصرح رئيس البلدية ⟦PER:سامي حداد⟧ للصحفيين بأن الطريق سيفتح قريبا.\n",
        expect![[r#"
            "وصرح رئيس البلدية سامي…" ← سامي حداد (cue ‹وصرح›)
        "#]],
    );
}

#[test]
fn ashara_ila_anna_is_attributed_to_its_subject() {
    check(
        "عنوان\nوأشار ⟦PER:نبيل فهمي⟧ إلى أن المفاوضات دخلت مرحلة حاسمة.\n",
        expect![[r#"
            "وأشار نبيل فهمي إلى…" ← نبيل فهمي (cue ‹وأشار›)
        "#]],
    );
}

#[test]
fn bi_hasab_a_named_body_at_the_end_of_the_sentence() {
    check(
        "عنوان\nوبلغ عدد الزوار مليوني شخص خلال الصيف، بحسب ⟦ORG:هيئة السياحة⟧.\n",
        expect![[r#"
            "وبلغ عدد الزوار مليوني…" ← هيئة السياحة (cue ‹بحسب›)
        "#]],
    );
}

#[test]
fn wifqan_li_data_of_a_named_bank() {
    check(
        "عنوان\nوارتفعت أسعار الخبز بنسبة 15% هذا العام، وفقا لبيانات ⟦ORG:البنك المركزي⟧.\n",
        expect![[r#"
            "وارتفعت أسعار الخبز بنسبة…" ← البنك المركزي (cue ‹وفقا›)
        "#]],
    );
}

#[test]
fn wifqa_a_named_body_before_the_figure() {
    check(
        "عنوان\nووفق ⟦ORG:البنك الدولي⟧، تراجعت البطالة إلى 9% في العام الماضي.\n",
        expect![[r#"
            "ووفق البنك الدولي، تراجعت…" ← البنك الدولي (cue ‹ووفق›)
        "#]],
    );
}

#[test]
fn naqlan_an_makes_the_outlet_the_relay_and_the_person_the_source() {
    check(
        "عنوان\nوذكرت قناة ⟦ORG:الجزيرة⟧ نقلا عن ⟦PER:أحمد سعيد⟧ أن الاجتماع تأجل إلى الأسبوع المقبل.\n",
        expect![[r#"
            "وذكرت قناة الجزيرة نقلا…" ← أحمد سعيد (cue ‹نقلا›), relayed by الجزيرة
        "#]],
    );
}

#[test]
fn naqalat_agency_an_sources_relays_a_vague_source() {
    check(
        "عنوان\nونقلت صحيفة ⟦ORG:الأهرام⟧ عن مصادر حكومية أن الأسعار لن ترتفع.\n",
        expect![[r#"
            "ونقلت صحيفة الأهرام عن…" ← vague ‹مصادر حكومية› (cue ‹ونقلت›), relayed by الأهرام
        "#]],
    );
}

#[test]
fn a_person_then_a_colon_speaks_the_rest_of_the_sentence() {
    check(
        "عنوان\n⟦PER:ماكرون⟧: فرنسا لن تتراجع عن إصلاح نظام التقاعد.\n",
        expect![[r#"
            "ماكرون: فرنسا لن تتراجع…" ← ماكرون (cue ‹:›)
        "#]],
    );
}

#[test]
fn a_quotation_with_a_full_stop_inside_stays_one_sentence() {
    check(
        "عنوان\nوقال ⟦PER:عمر الخطيب⟧: «سنبني المدارس. وسنوظف المعلمين في كل القرى».\n",
        expect![[r#"
            "وقال عمر الخطيب: «سنبني…" ← عمر الخطيب (cue ‹وقال›), quote ‹سنبني المدارس. وسنوظف المعلمين›
        "#]],
    );
}

#[test]
fn a_sentence_that_opens_a_quotation_continues_the_speaker_before() {
    check(
        "عنوان\nوقالت ⟦PER:ليلى حسن⟧: «لن نتخلى عن حقوق العمال».\n«وسنواصل النضال حتى تتحقق كل المطالب».\n",
        expect![[r#"
            "وقالت ليلى حسن: «لن…" ← ليلى حسن (cue ‹وقالت›), quote ‹لن نتخلى عن حقوق›
            "«وسنواصل النضال حتى تتحقق…" ← ليلى حسن (cue ‹›), inherited from "وقالت ليلى حسن: «لن…", quote ‹وسنواصل النضال حتى تتحقق›
        "#]],
    );
}

#[test]
fn wa_tabaa_without_a_subject_inherits_the_speaker() {
    check(
        "عنوان\nوقال ⟦PER:يوسف العمري⟧ إن الموسم الزراعي كان جيدا.\nوتابع أن الحكومة ستدعم صغار المزارعين.\n",
        expect![[r#"
            "وقال يوسف العمري إن…" ← يوسف العمري (cue ‹وقال›)
            "وتابع أن الحكومة ستدعم…" ← يوسف العمري (cue ‹وتابع›), inherited from "وقال يوسف العمري إن…"
        "#]],
    );
}

#[test]
fn wa_awdaha_without_a_subject_inherits_the_speaker() {
    check(
        "عنوان\nوأعلن ⟦ORG:الاتحاد الأفريقي⟧ تعليق عضوية البلاد.\nوأوضح أن القرار سيبقى ساريا حتى عودة الحكومة المدنية.\n",
        expect![[r#"
            "وأعلن الاتحاد الأفريقي تعليق…" ← الاتحاد الأفريقي (cue ‹وأعلن›)
            "وأوضح أن القرار سيبقى…" ← الاتحاد الأفريقي (cue ‹وأوضح›), inherited from "وأعلن الاتحاد الأفريقي تعليق…"
        "#]],
    );
}

#[test]
fn wa_adaf_reaches_back_over_one_sentence_of_narration() {
    check(
        "عنوان\nوقال ⟦PER:سعيد بن علي⟧ إن الميناء سيفتح أبوابه للسفن.\nووصل الوزير إلى الميناء بعد الظهر برفقة عدد من المسؤولين المحليين.\nوأضاف أن العمل سيبدأ الشهر المقبل.\n",
        expect![[r#"
            "وقال سعيد بن علي…" ← سعيد بن علي (cue ‹وقال›)
            "وأضاف أن العمل سيبدأ…" ← سعيد بن علي (cue ‹وأضاف›), inherited from "وقال سعيد بن علي…"
        "#]],
    );
}

#[test]
fn a_named_subject_before_the_verb_is_the_source() {
    check(
        "عنوان\nووزير الخارجية ⟦PER:أيمن الصفدي⟧ أكد أن الحدود ستبقى مغلقة.\n",
        expect![[r#"
            "ووزير الخارجية أيمن الصفدي…" ← أيمن الصفدي (cue ‹أكد›)
        "#]],
    );
}

#[test]
fn the_ministry_named_before_is_the_source_of_qalat_al_wizara() {
    check(
        "عنوان\nأعلنت ⟦ORG:وزارة الصحة⟧ تسجيل إصابات جديدة بالحصبة.\nوقالت الوزارة في بيان إن حملة التطعيم ستبدأ الأحد.\n",
        expect![[r#"
            "أعلنت وزارة الصحة تسجيل…" ← وزارة الصحة (cue ‹أعلنت›)
            "وقالت الوزارة في بيان…" ← وزارة الصحة (cue ‹وقالت›)
        "#]],
    );
}

#[test]
fn a_country_is_a_source_for_what_its_government_says() {
    check(
        "عنوان\nوأكدت ⟦LOC:مصر⟧ رفضها أي مساس بحصتها من مياه النيل.\n",
        expect![[r#"
        "وأكدت مصر رفضها أي…" ← مصر (cue ‹وأكدت›)
    "#]],
    );
}

#[test]
fn a_newspaper_is_a_source_for_what_it_reports() {
    check(
        "عنوان\nوذكرت صحيفة ⟦ORG:الغارديان⟧ أن الشركة دفعت تعويضات للعمال.\n",
        expect![[r#"
            "وذكرت صحيفة الغارديان أن…" ← الغارديان (cue ‹وذكرت›)
        "#]],
    );
}

#[test]
fn eyewitnesses_are_a_vague_source() {
    check(
        "عنوان\nوقال شهود عيان إن الانفجار وقع قرب السوق المركزي.\n",
        expect![[r#"
        "وقال شهود عيان إن…" ← vague ‹شهود عيان› (cue ‹وقال›)
    "#]],
    );
}

#[test]
fn unnamed_officials_with_a_nationality_are_a_vague_source() {
    check(
        "عنوان\nوقال مسؤولون عراقيون إن الطريق أعيد فتحه أمام الشاحنات.\n",
        expect![[r#"
        "وقال مسؤولون عراقيون إن…" ← vague ‹مسؤولون› (cue ‹وقال›)
    "#]],
    );
}

#[test]
fn yutaqad_anna_is_an_impersonal_source() {
    check(
        "عنوان\nويعتقد أن المهاجمين فروا إلى الجبال بعد الهجوم.\n",
        expect![[r#"
        "ويعتقد أن المهاجمين فروا…" ← vague ‹ويعتقد› (cue ‹ويعتقد›)
    "#]],
    );
}

#[test]
fn ufida_bi_anna_is_an_impersonal_source() {
    check(
        "عنوان\nوأفيد بأن عشرات العائلات نزحت من القرية خلال الليل.\n",
        expect![[r#"
        "وأفيد بأن عشرات العائلات…" ← vague ‹وأفيد› (cue ‹وأفيد›)
    "#]],
    );
}

#[test]
fn plain_narration_is_attributed_to_nobody() {
    check("عنوان\nووصل الوفد إلى المطار صباح الأحد وتوجه مباشرة إلى مقر الحكومة.\n", expect![[""]]);
}

#[test]
fn yudhkar_anna_is_the_outlet_giving_background_not_a_source() {
    check("عنوان\nيذكر أن المدينة شهدت فيضانات مماثلة قبل عشر سنوات.\n", expect![[""]]);
}

#[test]
fn an_accusation_by_a_named_organisation_is_attributed_to_the_accuser() {
    check(
        "عنوان\nواتهمت ⟦ORG:منظمة العفو الدولية⟧ الشرطة بتعذيب المعتقلين.\n",
        expect![[r#"
        "واتهمت منظمة العفو الدولية…" ← منظمة العفو الدولية (cue ‹واتهمت›)
    "#]],
    );
}

#[test]
fn qailan_with_a_quotation_keeps_the_speaker_before_it() {
    check(
        "عنوان\nوانتقد ⟦PER:حسن نصر⟧ القرار، قائلا: «إنه قرار ظالم بحق الفقراء».\n",
        expect![[r#"
        "وانتقد حسن نصر القرار،…" ← حسن نصر (cue ‹وانتقد›), quote ‹إنه قرار ظالم بحق›
    "#]],
    );
}

#[test]
fn ala_lisan_names_the_speaker_after_it() {
    check(
        "عنوان\nوجاء ذلك على لسان ⟦PER:منى زكي⟧ خلال مؤتمر صحفي في العاصمة.\n",
        expect![[r#"
        "وجاء ذلك على لسان…" ← منى زكي (cue ‹لسان›)
    "#]],
    );
}

#[test]
fn hasabama_afadat_an_agency_is_attributed_to_the_agency() {
    check(
        "عنوان\nوارتفع عدد القتلى إلى 40 شخصا، حسبما أفادت ⟦ORG:رويترز⟧.\n",
        expect![[r#"
        "وارتفع عدد القتلى إلى…" ← رويترز (cue ‹حسبما›)
    "#]],
    );
}

#[test]
fn a_present_tense_yaqul_is_attributed_to_its_subject() {
    check(
        "عنوان\nويقول ⟦PER:جمال عبد الله⟧ إن الزراعة تحتاج إلى استثمارات كبيرة.\n",
        expect![[r#"
        "ويقول جمال عبد الله…" ← جمال عبد الله (cue ‹ويقول›)
    "#]],
    );
}

#[test]
fn a_headline_with_its_subject_before_the_verb_is_attributed() {
    check(
        "⟦ORG:الأمم المتحدة⟧ تحذر من مجاعة في الإقليم\nووصل الوفد إلى المطار صباح الأحد وتوجه إلى مقر الحكومة.\n",
        expect![[r#"
            "الأمم المتحدة تحذر من…" ← الأمم المتحدة (cue ‹تحذر›)
        "#]],
    );
}

#[test]
fn kataba_on_a_platform_is_attributed_to_the_writer_not_the_platform() {
    check(
        "عنوان\nوكتب ⟦PER:نجيب ساويرس⟧ على حسابه في ⟦ORG:إكس⟧ أن الاستثمار سيعود.\n",
        expect![[r#"
        "وكتب نجيب ساويرس على…" ← نجيب ساويرس (cue ‹وكتب›)
    "#]],
    );
}

#[test]
fn a_feminine_wa_tabaat_continues_an_agency() {
    check(
        "عنوان\nوقالت ⟦ORG:وكالة الأنباء الرسمية⟧ إن الرئيس سيزور الصين.\nوتابعت أن الزيارة تستغرق ثلاثة أيام.\n",
        expect![[r#"
            "وقالت وكالة الأنباء الرسمية…" ← وكالة الأنباء الرسمية (cue ‹وقالت›)
            "وتابعت أن الزيارة تستغرق…" ← وكالة الأنباء الرسمية (cue ‹وتابعت›), inherited from "وقالت وكالة الأنباء الرسمية…"
        "#]],
    );
}

#[test]
fn a_second_qalat_without_a_subject_on_the_same_line_inherits() {
    check(
        "عنوان\nوقالت ⟦ORG:الأمم المتحدة⟧ إن الوضع خطير. وقالت إن الأطفال هم الأكثر تضررا.\n",
        expect![[r#"
            "وقالت الأمم المتحدة إن…" ← الأمم المتحدة (cue ‹وقالت›)
            "وقالت إن الأطفال هم…" ← الأمم المتحدة (cue ‹وقالت›), inherited from "وقالت الأمم المتحدة إن…"
        "#]],
    );
}

#[test]
fn a_spokeswoman_of_a_named_ministry_is_attributed_to_the_ministry() {
    check(
        "عنوان\nوقالت المتحدثة باسم ⟦ORG:الخارجية الأمريكية⟧ إن واشنطن تدرس الخيارات.\n",
        expect![[r#"
            "وقالت المتحدثة باسم الخارجية…" ← الخارجية الأمريكية (cue ‹وقالت›)
        "#]],
    );
}

#[test]
fn wa_tabaa_then_a_colon_and_a_quotation_inherits_and_keeps_the_quote() {
    check(
        "عنوان\nوقال ⟦PER:سامي⟧ إن الوضع صعب.\nوتابع: «لن نستسلم أبدا».\n",
        expect![[r#"
            "وقال سامي إن الوضع…" ← سامي (cue ‹وقال›)
            "وتابع: «لن نستسلم أبدا».…" ← سامي (cue ‹وتابع›), inherited from "وقال سامي إن الوضع…", quote ‹لن نستسلم أبدا›
        "#]],
    );
}

#[test]
fn a_name_in_latin_letters_is_a_source_like_any_mention() {
    check(
        "عنوان\nوقال ⟦PER:John Smith⟧ إن الشركة ستغلق مصانعها في أوروبا.\n",
        expect![[r#"
        "وقال John Smith إن…" ← John Smith (cue ‹وقال›)
    "#]],
    );
}

#[test]
fn a_vague_frame_after_a_named_sentence_does_not_inherit_the_name() {
    check(
        "عنوان\nوقال ⟦PER:ليث⟧ إن المشروع تأخر. وبحسب مسؤولين محليين، فإن الكلفة تضاعفت.\n",
        expect![[r#"
            "وقال ليث إن المشروع…" ← ليث (cue ‹وقال›)
            "وبحسب مسؤولين محليين، فإن…" ← vague ‹مسؤولين› (cue ‹وبحسب›)
        "#]],
    );
}

#[test]
fn local_media_are_a_vague_source_of_two_words() {
    check(
        "عنوان\nوذكرت وسائل إعلام محلية أن الحكومة تدرس رفع الضرائب.\n",
        expect![[r#"
        "وذكرت وسائل إعلام محلية…" ← vague ‹وسائل إعلام› (cue ‹وذكرت›)
    "#]],
    );
}

#[test]
fn an_informed_source_is_a_vague_source_of_two_words() {
    check(
        "عنوان\nوقال مصدر مطلع إن المفاوضات وصلت إلى طريق مسدود.\n",
        expect![[r#"
        "وقال مصدر مطلع إن…" ← vague ‹مصدر مطلع› (cue ‹وقال›)
    "#]],
    );
}

#[test]
fn min_al_mutawaqqa_is_an_impersonal_source() {
    check(
        "عنوان\nومن المتوقع أن ترتفع الأسعار خلال الأشهر المقبلة.\n",
        expect![[r#"
        "ومن المتوقع أن ترتفع…" ← vague ‹ومن المتوقع› (cue ‹ومن›)
    "#]],
    );
}

#[test]
fn a_passive_dhukira_with_nobody_named_before_is_vague() {
    check(
        "عنوان\nوذكر أن السلطات أغلقت المعبر الحدودي أمام الشاحنات.\n",
        expect![[r#"
        "وذكر أن السلطات أغلقت…" ← vague ‹وذكر› (cue ‹وذكر›)
    "#]],
    );
}

#[test]
fn a_quotation_after_vague_officials_inherits_the_vague_source() {
    check(
        "عنوان\nوقال مسؤولون: «الوضع تحت السيطرة».\n«وسنعيد فتح الطرق خلال ساعات قليلة».\n",
        expect![[r#"
        "وقال مسؤولون: «الوضع تحت…" ← vague ‹مسؤولون› (cue ‹وقال›), quote ‹الوضع تحت السيطرة›
        "«وسنعيد فتح الطرق خلال…" ← vague ‹مسؤولون› (cue ‹›), inherited from "وقال مسؤولون: «الوضع تحت…", quote ‹وسنعيد فتح الطرق خلال›
    "#]],
    );
}

#[test]
fn an_agency_relaying_a_named_minister_is_the_relay() {
    check(
        "عنوان\nونقلت وكالة ⟦ORG:الأناضول⟧ عن وزير الطاقة التركي ⟦PER:ألب أرسلان بيرقدار⟧ قوله إن الإمدادات مستقرة.\n",
        expect![[r#"
            "ونقلت وكالة الأناضول عن…" ← ألب أرسلان بيرقدار (cue ‹ونقلت›), relayed by الأناضول
        "#]],
    );
}

#[test]
fn the_media_a_speaker_talks_to_are_no_source() {
    check(
        "عنوان\nوقال ⟦PER:سامي⟧ إن الفريق جاهز.\nوقال لوسائل الإعلام إنه يشعر بالفخر.\n",
        expect![[r#"
            "وقال سامي إن الفريق…" ← سامي (cue ‹وقال›)
            "وقال لوسائل الإعلام إنه…" ← سامي (cue ‹وقال›), inherited from "وقال سامي إن الفريق…"
        "#]],
    );
}

#[test]
fn another_countrys_government_is_not_the_last_body_quoted() {
    check(
        "عنوان\nوقالت ⟦ORG:وكالة فرانس برس⟧ إن الأسواق تراجعت.\nوأعلنت الحكومة الروسية أنها لجأت إلى التحكيم.\n",
        expect![[r#"
            "وقالت وكالة فرانس برس…" ← وكالة فرانس برس (cue ‹وقالت›)
            "وأعلنت الحكومة الروسية أنها…" ← role ‹الحكومة› (cue ‹وأعلنت›)
        "#]],
    );
}

#[test]
fn a_commissioner_of_a_body_then_her_name_is_the_named_person_not_the_body() {
    check(
        "عنوان\nقالت مفوضة ⟦ORG:الأمم المتحدة⟧ لحقوق الإنسان، ⟦PER:ميشيل باشليت⟧ إنه لا ينبغي التهاون.\n",
        expect![[r#"
            "قالت مفوضة الأمم المتحدة…" ← ميشيل باشليت (cue ‹قالت›)
        "#]],
    );
}

#[test]
fn scientists_and_economists_without_a_name_are_vague() {
    check(
        "عنوان\nويقول العلماء إن الكويكب سيمر قرب الأرض.\nويحذر الاقتصاديون من أن الركود قادم.\n",
        expect![[r#"
            "ويقول العلماء إن الكويكب…" ← vague ‹العلماء› (cue ‹ويقول›)
            "ويحذر الاقتصاديون من أن…" ← vague ‹الاقتصاديون› (cue ‹ويحذر›)
        "#]],
    );
}

#[test]
fn the_analyst_after_a_named_expert_is_that_expert() {
    check(
        "عنوان\nقال ⟦PER:كامل الحرمي⟧ إن أسعار النفط سترتفع.\nويتوقع المحلل النفطي أن تقترب الأسعار من 80 دولارا.\n",
        expect![[r#"
            "قال كامل الحرمي إن…" ← كامل الحرمي (cue ‹قال›)
            "ويتوقع المحلل النفطي أن…" ← كامل الحرمي (cue ‹ويتوقع›)
        "#]],
    );
}

#[test]
fn allies_and_critics_of_a_place_are_vague() {
    check(
        "عنوان\nواتهم حلفاء ⟦LOC:أوكرانيا⟧ ⟦LOC:كوريا الشمالية⟧ بتزويد ⟦LOC:روسيا⟧ بالذخائر.\nويقول منتقدون إن القانون يقيد الصحافة.\nوقال حلفاء ⟦ORG:حزب الأمة⟧ إنهم سيقاطعون.\nويقول أنصار ⟦ORG:حزب الأمة⟧ إن الانتخابات زورت.\n",
        expect![[r#"
            "واتهم حلفاء أوكرانيا كوريا…" ← vague ‹حلفاء› (cue ‹واتهم›)
            "ويقول منتقدون إن القانون…" ← vague ‹منتقدون› (cue ‹ويقول›)
            "وقال حلفاء حزب الأمة…" ← vague ‹حلفاء› (cue ‹وقال›)
            "ويقول أنصار حزب الأمة…" ← vague ‹أنصار› (cue ‹ويقول›)
        "#]],
    );
}

#[test]
fn the_first_cue_speaks_when_the_sources_are_vague() {
    check(
        "عنوان\nوقالت مصادر قضائية في وقت سابق إن المتهم الثاني الراهب ⟦PER:فلتاؤس المقاري⟧ حاول الانتحار هذا الشهر.\nونقلت وسائل الإعلام الرسمية عن ⟦PER:بوتين⟧ قوله إن الزيارة ناجحة.\n",
        expect![[r#"
            "وقالت مصادر قضائية في…" ← vague ‹مصادر قضائية› (cue ‹وقالت›)
            "ونقلت وسائل الإعلام الرسمية…" ← بوتين (cue ‹ونقلت›)
        "#]],
    );
}

#[test]
fn activists_lawmakers_fans_and_advisers_are_vague() {
    check(
        "عنوان\nقال ناشط حقوقي إن العاملات يتعرضن للضرب.\nوأعرب مشرعون جمهوريون عن قلقهم إزاء القرار.\nيعتبر عشاق الكرة أن اللاعب هو الأفضل حاليا.\nولفت مستشارو ⟦ORG:الإليزيه⟧ إلى أن القطاع يلتحق بالركب.\n",
        expect![[r#"
            "قال ناشط حقوقي إن…" ← vague ‹ناشط› (cue ‹قال›)
            "وأعرب مشرعون جمهوريون عن…" ← vague ‹مشرعون› (cue ‹وأعرب›)
            "يعتبر عشاق الكرة أن…" ← vague ‹عشاق› (cue ‹يعتبر›)
            "ولفت مستشارو الإليزيه إلى…" ← vague ‹مستشارو› (cue ‹ولفت›)
        "#]],
    );
}

#[test]
fn according_to_what_was_published_is_vague_unless_a_body_s_channel_follows() {
    check(
        "عنوان\nوحسب ما نشر من التحقيقات فإن المتهمة اعترفت بارتكاب الواقعة.\nووفقا لما ورد فإن الشركة خسرت نصف قيمتها.\nوتأسست ⟦ORG:كوجين⟧ عام 2012 لدعم اللاعبات، وفقا لما ورد عبر الموقع الإلكتروني للمؤسسة.\n",
        expect![[r#"
            "وحسب ما نشر من…" ← vague ‹نشر› (cue ‹نشر›)
            "ووفقا لما ورد فإن…" ← vague ‹ووفقا لما ورد› (cue ‹ووفقا›)
        "#]],
    );
}

#[test]
fn a_joined_passive_belief_is_vague_not_the_place_before_it() {
    check(
        "عنوان\nحوصر معظم الضحايا في قرية تبعد 40 كم شمال شرق ⟦LOC:أثينا⟧، ويعتقد بأنهم حاولوا الهرب.\nوتقع القرية قرب البحر، ويعتقد ⟦PER:الحاكم⟧ أن الحريق مفتعل.\n",
        expect![[r#"
            "حوصر معظم الضحايا في…" ← vague ‹ويعتقد› (cue ‹ويعتقد›)
            "وتقع القرية قرب البحر،…" ← الحاكم (cue ‹ويعتقد›)
        "#]],
    );
}

#[test]
fn a_country_s_government_or_army_speaks_for_the_country_the_article_names() {
    check(
        "عنوان\nقالت الحكومة المكسيكية الاثنين إن ⟦LOC:المكسيك⟧ ستقدم شكوى.\nوأعلن الجيش الإسرائيلي أنه سيضاعف قواته قرب ⟦LOC:غزة⟧.\nوقالت الحكومة الروسية إن الاتفاق ناجح.\n⟦LOC:روسيا⟧ دولة كبيرة.\n",
        expect![[r#"
            "قالت الحكومة المكسيكية الاثنين…" ← المكسيك (cue ‹قالت›)
            "وأعلن الجيش الإسرائيلي أنه…" ← vague ‹الجيش› (cue ‹وأعلن›)
            "وقالت الحكومة الروسية إن…" ← روسيا (cue ‹وقالت›)
        "#]],
    );
}

#[test]
fn a_title_before_a_name_the_recogniser_missed_is_not_the_last_person_quoted() {
    check(
        "عنوان\nوقال الخبير ⟦PER:برونو دوكودريه⟧ إن البطالة تراجعت.\nوتحدث الوزراء عن الميزانية.\nوقال المتحدث باسم الحكومة بنيامين غريفو إن المناخ الاقتصادي موات.\nوأكد المتحدث باسم الحكومة أن الأرقام مشجعة.\n",
        expect![[r#"
            "وقال الخبير برونو دوكودريه…" ← برونو دوكودريه (cue ‹وقال›)
            "وقال المتحدث باسم الحكومة…" ← role ‹المتحدث› (cue ‹وقال›)
            "وأكد المتحدث باسم الحكومة…" ← برونو دوكودريه (cue ‹وأكد›)
        "#]],
    );
}

#[test]
fn told_the_court_is_a_speech_verb() {
    check(
        "عنوان\nوأخبر ⟦PER:جون سميث⟧ المحكمة أن الزوج هو المستفيد الوحيد من التأمين.\n",
        expect![[r#"
            "وأخبر جون سميث المحكمة…" ← جون سميث (cue ‹وأخبر›)
        "#]],
    );
}

#[test]
fn two_sources_in_the_dual_are_a_vague_source() {
    check(
        "عنوان\nوفتح المدعي العام تحقيقا في الصفقة، وفق ما ذكر مصدران أمنيان.\nوقال مصدرين مطلعين إن التحقيق سيطول.\n",
        expect![[r#"
            "وفتح المدعي العام تحقيقا…" ← vague ‹مصدران› (cue ‹ذكر›)
            "وقال مصدرين مطلعين إن…" ← vague ‹مصدرين› (cue ‹وقال›)
        "#]],
    );
}

#[test]
fn a_participle_after_the_verb_is_no_subject_and_the_speaker_is_inherited() {
    check(
        "عنوان\nوقال المدرب ⟦PER:خورخي سامباولي⟧ إن الفريق لعب جيدا.\nوأضاف قائلا في مقابلة \"نرى أن الثقة ستعود\".\nوتابع لافتا إلى أن اللاعبين متعبون.\n",
        expect![[r#"
            "وقال المدرب خورخي سامباولي…" ← خورخي سامباولي (cue ‹وقال›)
            "وأضاف قائلا في مقابلة…" ← خورخي سامباولي (cue ‹وأضاف›), inherited from "وقال المدرب خورخي سامباولي…", quote ‹نرى أن الثقة ستعود›
            "وتابع لافتا إلى أن…" ← خورخي سامباولي (cue ‹وتابع›), inherited from "وقال المدرب خورخي سامباولي…"
        "#]],
    );
}

#[test]
fn the_paper_that_relays_the_words_does_not_say_them() {
    check(
        "عنوان\nوقال ⟦PER:خورخي سامباولي⟧ إن الفريق لعب جيدا.\nوأضاف في تصريحات نقلتها صحيفة ⟦ORG:غارديان⟧ البريطانية: \"خطة اللعب كانت خاطئة\".\n",
        expect![[r#"
            "وقال خورخي سامباولي إن…" ← خورخي سامباولي (cue ‹وقال›)
            "وأضاف في تصريحات نقلتها…" ← خورخي سامباولي (cue ‹وأضاف›), inherited from "وقال خورخي سامباولي إن…", quote ‹خطة اللعب كانت خاطئة›
        "#]],
    );
}

#[test]
fn the_company_is_the_organisation_the_article_is_about() {
    check(
        "عنوان\nاضطرت ⟦ORG:ستاربكس⟧ للاعتذار بعد اعتقال رجلين في أحد فروع ⟦ORG:ستاربكس⟧ في مدينة ⟦LOC:فيلادلفيا⟧ بطلب من ⟦ORG:الشرطة المحلية⟧.\nوقالت الشركة في بيان إن التدريب سيعالج التحيز.\n",
        expect![[r#"
            "وقالت الشركة في بيان…" ← ستاربكس (cue ‹وقالت›)
        "#]],
    );
}

#[test]
fn a_founder_of_a_company_named_after_the_title_is_the_speaker_not_the_company() {
    check(
        "عنوان\nكشف مؤسس ⟦ORG:أمازون⟧ ورئيسها التنفيذي ⟦PER:جيف بيزوس⟧ عن ساعة ضخمة يمكنها العمل لعشرة آلاف عام.\n",
        expect![[r#"
            "كشف مؤسس أمازون ورئيسها…" ← جيف بيزوس (cue ‹كشف›)
        "#]],
    );
}

#[test]
fn a_spokesman_without_a_name_speaks_for_the_body_quoted_last() {
    check(
        "عنوان\nوقال ⟦PER:مايكل أوليري⟧ إن الرحلات ستعود.\nوقال متحدث باسم ⟦ORG:رايان إير⟧ إن الركاب نقلوا إلى فندق.\nوأوضح المتحدث أنه جرى إخلاء ركاب رحلة أخرى.\n",
        expect![[r#"
            "وقال مايكل أوليري إن…" ← مايكل أوليري (cue ‹وقال›)
            "وقال متحدث باسم رايان…" ← رايان إير (cue ‹وقال›)
            "وأوضح المتحدث أنه جرى…" ← رايان إير (cue ‹وأوضح›)
        "#]],
    );
}
