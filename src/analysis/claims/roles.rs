//! Roles that stand for a person the article names elsewhere: a word that describes a person
//! («القاضي»، «الأديب الراحل»، «مغني الراب») rather than a body.

/// Nouns that describe a person, not a body (normalised, with and without «ال»): «وقال القاضي
/// إن»، «قال الأديب الراحل»، «وأجابه مغني الراب».
const PERSON_NOUNS: &str = "قاضي قاضيه اديب اديبه كاتب كاتبه روايي شاعر شاعره فنان فنانه نجم نجمه لاعب لاعبه \
     ممثله مغني مغنيه مطرب مطربه مخرج مخرجه حارس مهاجم رجل طبيب طبيبه صحفي صحافي ناشط";

/// The word without «و»/«ف» and «ال» (or «لل»، «بال»).
fn bare(word: &str) -> &str {
    let word = word.strip_prefix('و').unwrap_or(word);
    let word = word.strip_prefix('ف').unwrap_or(word);
    ["ال", "لل", "بال"].iter().find_map(|p| word.strip_prefix(p)).unwrap_or(word)
}

/// Whether a source word (normalised) describes a person: «القاضي»، «مغني».
pub(super) fn is_person_noun(word: &str) -> bool {
    let word = bare(word);
    PERSON_NOUNS.split_whitespace().any(|n| n == word)
}
