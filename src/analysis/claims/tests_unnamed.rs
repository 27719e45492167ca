//! Attribution fixtures for speakers the sentence does not name: a verb with no subject at the
//! head of a sentence goes on with the speaker before it («ويقول إن»، «وتضيف:»), a first-person
//! pronoun inside the quotation is nobody's name («أعتقد أنني»), and an impersonal imperfect
//! («يذكر أن») reports nobody, a cue inside the quotation such a verb opens is in the quoted
//! words, and the outlet a speaker talks to («لوكالة فرانس برس») is not the speaker. Rendered by
//! `tests_attribution::render`.

use expect_test::expect;

use super::tests_attribution::check;

#[test]
fn a_present_verb_opening_a_sentence_with_no_subject_goes_on_with_the_speaker() {
    check(
        "عنوان\nويقدر ⟦ORG:صندوق النقد⟧ نمو اقتصاد ⟦LOC:لبنان⟧ بمعدل يتراوح بين 1 و1.5 بالمئة. ويقول إن المحركات التقليدية للاقتصاد ما زالت راكدة.\n",
        expect![[r#"
            "ويقدر صندوق النقد نمو…" ← صندوق النقد (cue ‹ويقدر›)
            "ويقول إن المحركات التقليدية…" ← صندوق النقد (cue ‹ويقول›), inherited from "ويقدر صندوق النقد نمو…"
        "#]],
    );
}

#[test]
fn a_first_person_pronoun_in_the_quotation_is_no_name() {
    check(
        "عنوان\nوتقول صديقتها، ⟦PER:إيما جاكسون⟧، إنها دائما ما تحمل هاتفها معها.\n\nوتضيف: \"أعتقد أنني استخدمه بدرجة مفرطة، لقد أصبح عادة. إنه مشتت للانتباه بلا شك\".\n",
        expect![[r#"
            "وتقول صديقتها، إيما جاكسون،…" ← إيما جاكسون (cue ‹وتقول›)
            "وتضيف: "أعتقد أنني استخدمه…" ← إيما جاكسون (cue ‹وتضيف›), inherited from "وتقول صديقتها، إيما جاكسون،…", quote ‹أعتقد أنني استخدمه بدرجة›
        "#]],
    );
}

#[test]
fn an_impersonal_imperfect_after_a_speaker_reports_nobody() {
    check(
        "عنوان\nوقال ⟦PER:خالد الناصر⟧ إن الحكومة ستخفض الضرائب.\nويذكر أن المدينة شهدت فيضانات مماثلة قبل عشر سنوات.\n",
        expect![[r#"
            "وقال خالد الناصر إن…" ← خالد الناصر (cue ‹وقال›)
        "#]],
    );
}

#[test]
fn a_cue_inside_the_quotation_a_continuing_verb_opens_is_in_the_quoted_words() {
    check(
        "عنوان\nوأوضح ⟦PER:خورخي سامباولي⟧ أنه يتحمل مسؤولية الهزيمة.\nوأضاف في تصريحات نقلتها صحيفة \"⟦ORG:غارديان⟧\" البريطانية: \"خطة اللعب لم تنجح فأنا لم أقرأ المباراة بشكل صحيح، لكن علينا أن نتمسك بالأمل\".\n",
        expect![[r#"
            "وأوضح خورخي سامباولي أنه…" ← خورخي سامباولي (cue ‹وأوضح›)
            "وأضاف في تصريحات نقلتها…" ← خورخي سامباولي (cue ‹وأضاف›), inherited from "وأوضح خورخي سامباولي أنه…"
        "#]],
    );
}

#[test]
fn the_outlet_a_speaker_talks_to_is_not_the_speaker() {
    check(
        "عنوان\nوقال ⟦PER:محمد علي⟧ إن الوضع صعب.\nوقال لوكالة ⟦ORG:فرانس برس⟧ إن الوضع خطير.\nوقالت الشرطة لصحيفة ⟦ORG:الغارديان⟧ إن التحقيق مستمر.\n",
        expect![[r#"
            "وقال محمد علي إن…" ← محمد علي (cue ‹وقال›)
            "وقال لوكالة فرانس برس…" ← محمد علي (cue ‹وقال›), inherited from "وقال محمد علي إن…"
            "وقالت الشرطة لصحيفة الغارديان…" ← vague ‹الشرطة› (cue ‹وقالت›)
        "#]],
    );
}
