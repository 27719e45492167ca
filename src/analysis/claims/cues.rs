//! Cue lists for the claims module: speech verbs, prepositional frames, vague and title nouns,
//! claim cues (accusation, prediction, evaluation, causal, quantity words), and their lookups.
//!
//! Every list is written in ordinary Arabic spelling and normalised once (`normalize_str`) into a
//! `HashSet` the first time it is used. Lookups allow the conjunction proclitics و/ف, and where
//! noted the prepositions ب/ل and the article ال, in front of the listed form (`readings`). The
//! rules do not hash a token into each list: `lookup` merges the lists into one map and works out
//! once per token which lists it is in.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::super::normalize::normalize_str;

/// A set of normalised cue words.
pub(super) type Words = HashSet<String, FastHash>;

/// The cue sets are fixed and small and their keys are short: FNV-1a hashes a key several
/// times faster than the default SipHash, and every token is looked up in a dozen sets.
pub(super) type FastHash = BuildHasherDefault<Fnv>;

#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// How a speech or reporting verb finds its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum VerbForm {
    /// A perfect (past) form: «قال»، «أكدت». With no named subject its subject is a pronoun.
    Past,
    /// An imperfect form: «يقول»، «تؤكد». With no subject it may be impersonal («يذكر أن»).
    Present,
    /// A circumstantial participle or verbal noun whose speaker precedes it: «قائلا»، «قوله».
    After,
}

/// Speech, reporting and accusation verbs; an accuser is a source just as a speaker is.
pub(super) static SPEECH: LazyLock<HashMap<String, VerbForm, FastHash>> = LazyLock::new(|| {
    let mut map = HashMap::default();
    // Regular verbs as perfect stem:imperfect stem; the person forms are generated below.
    let regular = "صرح:صرح أكد:ؤكد أوضح:وضح أضاف:ضيف أشار:شير لفت:لفت ذكر:ذكر أعلن:علن أفاد:فيد \
        نقل:نقل كشف:كشف شدد:شدد اعتبر:عتبر حذر:حذر تابع:تابع وصف:صف أعرب:عرب أورد:ورد نشر:نشر \
        أشاد:شيد اعترف:عترف كتب:كتب غرد:غرد طالب:طالب تساءل:تساءل اتهم:تهم زعم:زعم توقع:توقع \
        اعتقد:عتقد أبلغ:بلغ بث:بث استطرد:ستطرد نوه:نوه أردف:ردف تحدث:تحدث أقر:قر هدد:هدد \
        تعهد:تعهد قدر:قدر أحصى:حصي رجح:رجح أوصى:وصي ناشد:ناشد أفصح:فصح روى:روي حث:حث \
        انتقد:نتقد رحب:رحب أدان:دين أصر:صر نبه:نبه علق:علق ندد:ندد اقترح:قترح شجع:شجع أدلى:دلي \
        اعتذر:عتذر وعد:وعد أمهل:مهل أخبر:خبر";
    for pair in regular.split_whitespace() {
        let (past, present) = pair.split_once(':').unwrap_or((pair, pair));
        for suffix in ["", "ت", "وا", "ا", "تا"] {
            map.insert(normalize_str(&format!("{past}{suffix}")), VerbForm::Past);
        }
        for form in [format!("ي{present}"), format!("ت{present}"), format!("ي{present}ون")] {
            map.insert(normalize_str(&form), VerbForm::Present);
        }
    }
    let irregular = [
        (
            VerbForm::Past,
            "قال قالت قالوا قالا رأى رأت رأوا نفى نفت نفوا دعا دعت دعوا ادعى ادعت أبدى أبدت \
             عبرت عبر مضى مضت خشي",
        ),
        (
            VerbForm::Present,
            "يقول تقول يقولون يرى ترى يرون ينفي تنفي ينفون يدعو تدعو يدعون يخشى تخشى يخشون \
             يبدي تبدي",
        ),
        (
            VerbForm::After,
            "قائلا قائلة مضيفا مضيفة مشيرا مشيرة مؤكدا مؤكدة موضحا موضحة مشددا مشددة لافتا \
             لافتة معتبرا معتبرة محذرا محذرة مبينا قوله قولها قولهم",
        ),
    ];
    for (form, words) in irregular {
        for w in words.split_whitespace() {
            map.insert(normalize_str(w), form);
        }
    }
    // «يبلغ» is "amounts to", not "informs".
    map.remove(&normalize_str("يبلغ"));
    map.remove(&normalize_str("تبلغ"));
    map
});

/// Verbs that are speech verbs only at the head of their clause («عبر» is also "via", «تابع» "followed").
pub(super) static CLAUSE_INITIAL_ONLY: LazyLock<Words> =
    LazyLock::new(|| set("عبر عبرت تابع تابعت تابعوا كتب كتبت نشر نشرت بث بثت نقل نقلت"));

/// Words that open a continuation of the previous speaker: «وأضاف»، «وتابع»، «ومضى قائلا».
pub(super) static CONTINUATION: LazyLock<Words> = LazyLock::new(|| {
    set("أضاف أضافت أضافوا تابع تابعت أشار أشارت لفت لفتت مضى مضت أوضح أوضحت \
         استطرد استطردت ختم ختمت استدرك استدركت يضيف تضيف يتابع تتابع")
});

/// Prepositional reporting frames: «بحسب»، «وفقا لـ»، «نقلا عن»، «على لسان».
pub(super) static FRAMES: LazyLock<Words> = LazyLock::new(|| set("بحسب حسب حسبما وفق وفقا وفقاً طبقا استنادا نقلا لسان"));

/// Nouns that stand for a speaker who is identified by role or body: «الرئيس»، «الوزارة».
pub(super) static TITLES: LazyLock<Words> = LazyLock::new(|| {
    set("الرئيس رئيس رئيسة الرئيسة الوزير وزير وزيرة الوزيرة المتحدث المتحدثة \
         متحدث متحدثة الناطق ناطق الزعيم زعيم الملك الأمير السفير السفيرة \
         الأمين المدير المديرة مدير النائب القائد قائد الجيش الحكومة الوزارة \
         الوكالة الصحيفة الشرطة الخارجية الكرملين البيان السلطات المستشار \
         المستشارة المبعوث المندوب مندوب الحزب الحركة الشركة البنك المجلس \
         المنظمة الاتحاد اللجنة المحكمة النيابة البيت البنتاغون البنتاجون زوجته \
         زوجها عائلته عائلتها محاميه وزيرا المرشد الممثل ممثل صحيفة وكالة قناة \
         شبكة مجلة موقع تلفزيون إذاعة محطة التقرير الدراسة القرار الإحصاءات \
         المنظمون الجهاز الهيئة المركز المؤسسة الصندوق التحالف مفوض مفوضة المفوض \
         المفوضة عضو عضوة المدرب مدرب رئيسها رئيسه المحلل الخبير الباحث مؤسس المؤسس مؤسسها")
});

/// The titles that stand for a person (the others stand for a body): «الرئيس»، «المتحدث».
pub(super) static PERSON_TITLES: LazyLock<Words> = LazyLock::new(|| {
    set("الرئيس رئيس رئيسة الرئيسة الوزير وزير وزيرة الوزيرة المتحدث المتحدثة \
         متحدث متحدثة الناطق ناطق الزعيم زعيم الملك الأمير السفير السفيرة \
         الأمين المدير المديرة مدير النائب القائد قائد المستشار المستشارة المبعوث \
         المندوب مندوب زوجته زوجها محاميه وزيرا المرشد الممثل ممثل مفوض مفوضة \
         المفوض المفوضة عضو عضوة المدرب مدرب رئيسها رئيسه المحلل الخبير الباحث مؤسس المؤسس مؤسسها")
});

/// Nouns that name a source without naming it: «مراقبون»، «مصادر مطلعة»، «تقارير» (the list
/// recognition reads too: [`crate::analysis::discover::VAGUE_SOURCES`]).
pub(super) static VAGUE: LazyLock<Words> =
    LazyLock::new(|| crate::analysis::discover::VAGUE_SOURCES.iter().cloned().collect());

/// Vague nouns that are a source wherever they stand; the rest need a speaker's position.
pub(super) static VAGUE_ANYWHERE: LazyLock<Words> = LazyLock::new(|| {
    set("مراقبون مراقبين محللون محللين تقارير أنباء تكهنات التكهنات التقديرات \
         شائعات الشائعات مصادرنا")
});

/// Adjectives that make «مصادر» a source: «مصادر مطلعة»، «مصادر دبلوماسية».
pub(super) static SOURCE_ADJ: LazyLock<Words> = LazyLock::new(|| {
    set("مطلعة دبلوماسية أمنية مقربة رسمية عسكرية حكومية طبية محلية مسؤولة خاصة \
         موثوقة متطابقة إعلامية سياسية قضائية برلمانية حزبية استخباراتية \
         ميدانية أمريكية أميركية إسرائيلية مصرية عربية غربية روسية إيرانية \
         تركية سورية عراقية فلسطينية رئاسية عيان مطلع دبلوماسي أمني مقرب رسمي \
         عسكري حكومي طبي محلي مسؤول موثوق قضائي برلماني حزبي استخباراتي ميداني \
         رئاسي")
});

/// Impersonal reporting words: «يُعتقد»، «يُقال»، «أُفيد»، «يُرجّح». Diacritics are gone, so
/// «يعتقد» may still have a named subject; the caller checks for one.
pub(super) static IMPERSONAL: LazyLock<Words> = LazyLock::new(|| set("يعتقد يقال أفيد يرجح يشتبه يزعم يُعتقد"));

/// Words that end a speaker's noun phrase: «أن»، «إن»، «بأن».
pub(super) static COMPLEMENTIZERS: LazyLock<Words> = LazyLock::new(|| {
    set("أن إن أنه أنها أنهم أنهما إنه إنها إنهم إننا أننا أنني إنني أني إني بأن بأنه بأنها بأنهم بأنني بأننا لأن")
});

/// Adverbs that may stand between a speech verb and «أن» without being its subject.
pub(super) static ADVERBS: LazyLock<Words> = LazyLock::new(|| {
    set("اليوم أمس أيضا حينها كذلك مجددا لاحقا سابقا السبت الأحد الاثنين الثلاثاء الأربعاء \
         الخميس الجمعة صباح مساء يوم بدوره بدورها له لها لهم أنه")
});

/// Prepositions: a place after one of them is a location, not a speaker.
pub(super) static PREPOSITIONS: LazyLock<Words> = LazyLock::new(|| {
    set("في من إلى على مع ل ب ك لدى عبر بين حول ضد نحو تجاه داخل خارج منذ بعد \
         قبل عند أمام خلال لـ إزاء بشأن")
});

/// Accusations: «اتهم»، «اتهامات»، «زعم»، «انتهاك»، «تورط». (Not «المتهم»: in court news the
/// defendant is a legal status, reported as a fact.)
pub(super) static ACCUSATION: LazyLock<Words> = LazyLock::new(|| {
    set("اتهم اتهمت اتهموا يتهم تتهم يتهمون اتهام اتهامات الاتهام الاتهامات \
         اتهامه اتهامها اتهامهم زعم زعمت يزعم تزعم \
         مزاعم المزاعم المزعومة المزعوم مزعوم مزعومة بزعم ادعى ادعت ادعاء \
         ادعاءات الادعاءات انتهاك انتهاكات الانتهاكات ينتهك تنتهك انتهك انتهكت \
         ستنتهك سينتهك تورط تورطت يتورط متورط متورطة متورطين تورطه تورطها")
});

/// Predictions and intentions besides the س- prefix: «سوف»، «يتوقع»، «تسعى». An actor's plan
/// («يعتزم»، «تخطط»، like «من المقرر») is its own schedule, not a forecast (annotation guidelines).
pub(super) static PREDICTION: LazyLock<Words> = LazyLock::new(|| {
    set("سوف يتوقع تتوقع يتوقعون نتوقع متوقع متوقعة توقعات التوقعات المرجح \
         يسعى تسعى يسعون نسعى مستقبلا المقرر المتوقع المرتقب المرتقبة مرتقبة مرتقب")
});

/// Imperfect stems (after the person prefix) of verbs whose future is a schedule, a procedure or
/// taking part, not a forecast: «ستعقد اللجنة»، «سيشارك الفريق»، «سيتم الإعلان»، «ستقام».
pub(super) static SCHEDULE_STEMS: LazyLock<Words> = LazyLock::new(|| {
    set("تم قوم قام جري عقد نعقد شارك لعب خوض واجه قابل لتقي تنافس نطلق ستمر متد \
         نتهي ختتم حضر زور توجه نتقل تدرب عرض نظم ستضيف فتتح ستقبل ترأس لقي علن \
         صدر ناقش بحث تناول ضم شمل تضمن قدم طرح تاح تيح تلقى صوت تبع تعين")
});

/// Nouns and names that begin like a س- future verb: «سيارة»، «سياسة»، «سنوات»، «سيول».
pub(super) static NOT_FUTURE: LazyLock<Words> = LazyLock::new(|| {
    set("سنوات سنة سنتين سنين سنوي سنويا سنوية سنويًا سيتي سيطرة سيطرت سيطر \
         سيطروا سيطرته سيطرتها سيطرتهم سيطرتنا سيما سيدة سيدات سيدي سيدني سيول \
         سيولة سيل سيلة سيناء سينا سيرة سيرته سيرا سيرك سيرها سياج ستة ستين \
         ستون ستينيات ستاد سندات سنتا سنتات سنحت سنية سنجار سنغافورة سناتور \
         سيناتور سنودن ستالين سترة سترات سيرغي سيرجي سيرجيو سيرخيو سيلفا سيلفي \
         سيلفيو سيرينا ستيف ستيفن ستيفان ستيفاني ستيفنز ستيفانو سيمون سيمونا \
         سيموني سيميوني سيباستيان سيزار ستريت ستيت ستوك ستوكهولم سيشنز \
         ستولتنبرغ ستامفورد ستاربكس ستارباكس سيلتا سيدر سيغيف سيري ستان ستانا \
         ستانلي ستانفورد ستانيسلاف ستور ستورم ستورمي ستونز سترلينغ ستيرلينغ \
         ستيرلنغ سيلتيكس سيكسرز سييرا سينغ سيسي سيسيه سيسكا سيرو سيلا سيستمز \
         سيرج ستمنستر ستراسبورغ سيسيليا سينات سيجيف سيريل سترافا سيطا ستاندارد \
         سترايك سنابشات سناب سيلين سيغال سينتوسا سنتوسا ستيوارت سنان سيمنس \
         سندرلاند ستيشن سيهوفر سنترال سيريبرينيكوف سيسوكو سيدريك ستوريدج \
         ستورغيس سيلسو ستريب سيئات سيارة سيئول سيلفر")
});

/// Stems after which anything is still a noun: «سيارات»، «سياسية»، «سيناريوهات».
pub(super) const NOT_FUTURE_PREFIXES: &[&str] =
    &["سيار", "سياس", "سياح", "سياد", "سياق", "سينما", "سيناري", "سنتيم", "سيبير", "ستيف"];

/// Evaluative and promotional words: «تاريخية»، «أهم»، «خطير»، «استراتيجي».
pub(super) static EVALUATION: LazyLock<Words> = LazyLock::new(|| {
    set("تاريخي تاريخية التاريخي التاريخية تاريخيا أهم الأهم أكبر الأكبر خطير \
         خطيرة الخطير الخطيرة خطيرا أخطر استراتيجي استراتيجية الاستراتيجي \
         الاستراتيجية استراتيجيا إستراتيجي إستراتيجية ناجح ناجحة الناجح الناجحة \
         ناجحا فاشل فاشلة الفاشل الفاشلة فاشلا سخيف سخيفة كارثي كارثية الكارثي \
         الكارثية هائل هائلة الهائل الهائلة أفضل أسوأ أعلى أقوى أخطر")
});

/// Causal connectives: «بسبب»، «نتيجة»، «جراء»، «بفضل»، «لأن».
pub(super) static CAUSAL: LazyLock<Words> = LazyLock::new(|| {
    set("بسبب بسببه بسببها نتيجة جراء جرّاء بفضل لأن لأنه لأنها لأنهم تسبب \
         تسببت يتسبب تتسبب سيتسبب ستتسبب")
});

/// «أدى إلى»: the verb forms that need «إلى» after them to be causal.
pub(super) static LEAD_TO: LazyLock<Words> = LazyLock::new(|| set("أدى أدت يؤدي تؤدي سيؤدي ستؤدي أدّى"));

/// Words of quantity: «مليون»، «مليار»، «ألف»، «بنسبة»، «ضعف».
pub(super) static QUANTITY: LazyLock<Words> = LazyLock::new(|| {
    set("مليون ملايين مليونا مليار مليارات مليارا ألف آلاف ألفا بنسبة نسبة ضعف \
         أضعاف ضعفين بالمئة بالمائة المئة المائة مئات عشرات ثلاثة أربعة خمسة \
         ستة سبعة ثمانية تسعة عشرة عشرين عشرون ثلاثين أربعين خمسين مئة مائة \
         مئتي")
});

/// Number words below a hundred and the vague «عشرات»، «مئات»، «آلاف»: a count like any small
/// number (`claim_cues`), a figure only as a statistic or a toll.
pub(super) static SMALL_NUMERALS: LazyLock<Words> = LazyLock::new(|| {
    set("ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثماني ثمانية تسع تسعة عشر \
         عشرة عشرين عشرون ثلاثين ثلاثون أربعين أربعون خمسين خمسون عشرات مئات آلاف")
});

/// Nouns counted after a number that make it a duration, an age, a number of times or a sports
/// tally («ثلاثة أيام»، «50 عاما»، «هدفين»، «6 نقاط»): no statistic.
pub(super) static COUNT_UNITS: LazyLock<Words> = LazyLock::new(|| {
    set("عام عاما أعوام عامين سنة سنوات سنين سنتين يوم يوما أيام يومين ليلة ليال \
         ساعة ساعات ساعتين دقيقة دقائق دقيقتين ثانية ثوان ثواني أسبوع أسبوعا أسابيع \
         أسبوعين شهر شهرا أشهر شهور شهرين عقد عقود عقدين قرن قرنا قرون مرة مرات \
         هدف هدفا أهداف هدفين نقطة نقاط نقطتين مباراة مباريات مباراتين تمريرة \
         تمريرات شوط أشواط جولة جولات لقب ألقاب انتصار انتصارات هزيمة هزائم")
});

/// Words after a small number that make it a statistic: money, percentages, measures.
pub(super) static STAT_UNITS: LazyLock<Words> = LazyLock::new(|| {
    set("دولار دولارا دولارات يورو جنيه جنيها ريال ريالا درهم درهما دينار دينارا ليرة \
         شيكل روبل ين يوان فرنك المئة المائة بالمئة بالمائة مليون مليار ألف آلاف ملايين \
         مليارات طن أطنان برميل كيلومتر كيلومترات كيلوغرام كلم كم ميغاواط")
});

/// Words of a toll (the killed, the wounded, the arrested): a count of them is a statistic.
pub(super) static TOLL: LazyLock<Words> = LazyLock::new(|| {
    set("قتل قتلت قتلوا قتلى قتيل قتيلا مقتل مصرع أصيب أصيبوا إصابة إصابات مصاب \
         مصابا مصابين جرحى جريح جريحا ضحايا ضحية ضحيتها حتفهم حتفه شهيد شهيدا \
         شهداء اعتقل اعتقلت اعتقال اعتقلوا معتقل معتقلا معتقلين أسير أسرى نازح \
         نازحين لاجئ لاجئا لاجئين مفقود مفقودين")
});

/// Month names (Gregorian and Levantine): a number next to one is a date, not a figure.
pub(super) static MONTHS: LazyLock<Words> = LazyLock::new(|| {
    set("يناير فبراير مارس أبريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس \
         سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب \
         أيلول تشرين جانفي فيفري أفريل ماي جوان جويلية أوت")
});

/// Words before a number that make it a year, a time or a label: «عام 2019»، «القرار 2401».
pub(super) static NUMBER_LABELS: LazyLock<Words> = LazyLock::new(|| {
    set("عام العام لعام بعام سنة الساعة رقم القرار قرار المادة الفقرة البند \
         الفصل ال كوفيد الموسم موسم نسخة النسخة الدقيقة الدقائق الشوط الجولة \
         المركز المرتبة المجموعة الطبعة الدورة الحلقة يوم يومي الأسبوع")
});

/// A set of normalised words from a space-separated list.
fn set(words: &str) -> Words {
    words.split_whitespace().map(normalize_str).collect()
}

/// The forms of `word` without a leading و/ف (and ب/ل, ال when `preps` is set), the word first.
#[cfg(test)]
pub(super) fn stripped(word: &str, preps: bool) -> impl Iterator<Item = &str> {
    let (conj, prep) = readings(word, preps);
    [Some(word), conj, prep].into_iter().flatten()
}

/// The readings of `word` without a leading و/ف and without a following ب/ل/لل/بال (only when
/// `preps`), each of two letters or more.
pub(super) fn readings(word: &str, preps: bool) -> (Option<&str>, Option<&str>) {
    let long = |rest: &&str| rest.chars().nth(1).is_some();
    let conj = word.strip_prefix('و').or_else(|| word.strip_prefix('ف')).filter(long);
    let base = conj.unwrap_or(word);
    let prep = if preps {
        base.strip_prefix("بال")
            .or_else(|| base.strip_prefix("لل"))
            .or_else(|| base.strip_prefix('ب'))
            .or_else(|| base.strip_prefix('ل'))
            .filter(long)
    } else {
        None
    };
    (conj, prep)
}

/// Whether `word`, allowing the proclitics و/ف (and ب/ل when `preps`), is in `list`. The rules
/// ask `lookup::Lex` instead; this is the definition it is tested against.
#[cfg(test)]
pub(super) fn is_in(list: &Words, word: &str, preps: bool) -> bool {
    if stripped(word, preps).any(|w| list.contains(w)) {
        return true;
    }
    // «للقرار» is ل + «القرار».
    let rest = stripped(word, false).filter_map(|w| w.strip_prefix("لل")).next();
    preps && rest.is_some_and(|r| list.contains(&format!("ال{r}")))
}

/// The speech-verb reading of `word`, allowing و/ف and an object pronoun after a feminine
/// perfect («ووصفته» = و + وصفت + ه). The rules ask `lookup::Lex` instead; this is the
/// definition it is tested against.
#[cfg(test)]
pub(super) fn speech_verb(word: &str) -> Option<(VerbForm, &str)> {
    for w in stripped(word, false) {
        if let Some(form) = SPEECH.get(w) {
            return Some((*form, w));
        }
        for pron in ["ه", "ها", "هم"] {
            if let Some(stem) = w.strip_suffix(pron).filter(|s| s.ends_with('ت')) {
                if SPEECH.get(stem) == Some(&VerbForm::Past) {
                    return Some((VerbForm::Past, stem));
                }
            }
        }
    }
    None
}

/// Whether `word` is a س- future verb («ستتعزز»، «سيزور»، «سنراقب»), allowing و/ف before it.
#[cfg(test)]
pub(super) fn is_future_verb(word: &str) -> bool {
    is_future_base(stripped(word, false).last().unwrap_or(word))
}

/// Whether `w`, a word without و/ف, is a س- future verb.
pub(super) fn is_future_base(w: &str) -> bool {
    let mut chars = w.chars();
    if chars.next() != Some('س') || !matches!(chars.next(), Some('ي' | 'ت' | 'ن')) {
        return false;
    }
    // The stem after the prefix has three letters or more («ستام» is a name), but «سيتم».
    if (chars.count() < 3 && !matches!(w, "سيتم" | "ستتم")) || !w.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
    {
        return false;
    }
    !NOT_FUTURE.contains(w) && !NOT_FUTURE_PREFIXES.iter().any(|p| w.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_allow_proclitics() {
        assert!(is_in(&VAGUE, &normalize_str("ومراقبون"), false));
        assert!(is_in(&VAGUE, &normalize_str("لمصادر"), true));
        assert!(!is_in(&VAGUE, &normalize_str("لمصادر"), false));
        assert_eq!(speech_verb(&normalize_str("وأكدت")).map(|v| v.0), Some(VerbForm::Past));
        assert_eq!(speech_verb(&normalize_str("ووصفته")).map(|v| v.0), Some(VerbForm::Past));
        assert_eq!(speech_verb(&normalize_str("يؤكد")).map(|v| v.0), Some(VerbForm::Present));
        assert_eq!(speech_verb(&normalize_str("قائلاً")).map(|v| v.0), Some(VerbForm::After));
        assert_eq!(speech_verb(&normalize_str("يبلغ")), None);
    }

    #[test]
    fn future_verbs_but_not_nouns() {
        for w in ["ستتعزز", "سيزور", "وستوقع", "سنراقب", "ستنتهك", "فسيكون"] {
            assert!(is_future_verb(&normalize_str(w)), "{w}");
        }
        for w in ["سيارة", "سياسية", "سنوات", "وسيول", "سيئول", "سيناريوهات", "سي", "ستة", "سام"]
        {
            assert!(!is_future_verb(&normalize_str(w)), "{w}");
        }
    }
}
