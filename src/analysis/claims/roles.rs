//! Roles that stand for a person the article names elsewhere: a word that describes a person
//! («القاضي»، «الأديب الراحل») rather than a body, and the person the article introduces with
//! the same title and complement («قال متحدث باسم الرئاسة» → «⟦يون يونج تشان⟧ المتحدث باسم
//! الرئاسة الكورية»); and the body a spokesman speaks for («متحدث باسم الجيش الإسرائيلي»).

use super::super::model::{EntityType, Mention};
use super::super::normalize::normalize_str;

/// Nouns that describe a person, not a body (normalised, with and without «ال»): «وقال القاضي
/// إن»، «قال الأديب الراحل»، «مغني الراب».
const PERSON_NOUNS: &str = "قاضي قاضيه اديب اديبه كاتب كاتبه روايي شاعر شاعره فنان فنانه نجم نجمه لاعب لاعبه \
     ممثله مغني مغنيه مطرب مطربه مخرج مخرجه حارس مهاجم رجل طبيب طبيبه صحفي صحافي ناشط";

/// The word without «و»/«ف» and «ال» (or «لل»، «بال»: «للرئيس الأمريكي، ⟦دونالد ترامب⟧»).
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

/// Normalised words of `text`, without the punctuation around them.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| normalize_str(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words that end a title's phrase: what comes after the speaker, not part of the title.
fn ends_title(word: &str) -> bool {
    matches!(word, "ان" | "انه" | "انها" | "في" | "علي" | "الي" | "ل" | "عن" | "من" | "خلال" | "امس" | "اليوم")
}

/// The title at `source` and the word that completes it («متحدث باسم ⟦الرئاسة⟧»، «الرئيس
/// ⟦الروسي⟧»), when one follows with no punctuation between, both bare.
fn title_phrase(text: &str, (start, end): (u32, u32)) -> (String, Option<String>) {
    let title = normalize_str(text.get(start as usize..end as usize).unwrap_or(""));
    let rest = text.get(end as usize..).unwrap_or("");
    let mut next = rest.split_whitespace();
    let complement = |w: Option<&str>| -> Option<String> {
        let w = w?;
        let n = normalize_str(w.trim_end_matches(|c: char| !c.is_alphanumeric()));
        (!ends_title(&n) && !w.ends_with([',', '،', ':', '.'])).then(|| bare(&n).to_string()).filter(|n| !n.is_empty())
    };
    // «متحدث، …»: a comma after the title ends it.
    let first = next.next().filter(|w| w.starts_with(char::is_alphabetic));
    let complement = match first.map(normalize_str) {
        Some(w) if w == "باسم" => complement(next.next()),
        _ => complement(first),
    };
    (bare(&title).to_string(), complement)
}

/// How the words next to a person's mention give the title: 2 with its complement, those right
/// before the mention (the title within the last three: «الرئيس الروسي ⟦فلاديمير بوتين⟧») or
/// right after it (the title first: «⟦يون يونج تشان⟧ المتحدث باسم الرئاسة»); 1 with none, the
/// title right before the mention («الرئيس ⟦رودريجو دوتيرتي⟧» for «الرئيس الفلبيني»); else 0
/// (another complement, «وزير النفط» for «وزير المالية», is another office).
fn names_title(words: &[String], title: &str, complement: &str, before: bool) -> u8 {
    let at = if before {
        let from = words.len().saturating_sub(3);
        (from..words.len()).find(|&k| bare(&words[k]) == title)
    } else {
        words.first().filter(|w| bare(w) == title).map(|_| 0)
    };
    match at {
        Some(k) if words[k + 1..].iter().map(|w| bare(w)).find(|w| *w != "باسم") == Some(complement) => 2,
        Some(k) if before && k + 1 == words.len() => 1,
        _ => 0,
    }
}

/// The person the article names with the title at `source` and its complement (see the module
/// doc), else with the bare title right before the name: the last one before `at`, else the
/// first after it. A title with no complement in the sentence («وأضاف الرئيس») is left to the
/// last person quoted: matching the title word alone lost more than it gained on train.
pub(super) fn holder(text: &str, mentions: &[Mention], source: (u32, u32), at: u32) -> Option<u32> {
    let (title, Some(complement)) = title_phrase(text, source) else {
        return None;
    };
    if title.chars().count() < 3 {
        return None;
    }
    let slice = |a: usize, b: usize| text.get(a..b).unwrap_or("");
    // (Called on people only: see `people` below.)
    let level = |m: &Mention| {
        // The sentence's words before the mention (a few suffice: the title is within three).
        let from = slice(0, m.start as usize).char_indices().rev().nth(200).map_or(0, |(i, _)| i);
        let head = slice(from, m.start as usize);
        // After the last sentence end («؟» is two bytes).
        let ends = |c: char| matches!(c, '.' | '\n' | '؟' | '!');
        let after_end = head.char_indices().rev().find(|&(_, c)| ends(c)).map_or(0, |(i, c)| i + c.len_utf8());
        let head = &head[after_end..];
        let to =
            slice(m.end as usize, text.len()).char_indices().nth(200).map_or(text.len(), |(i, _)| m.end as usize + i);
        let tail = slice(m.end as usize, to);
        let tail = &tail[..tail.find(ends).unwrap_or(tail.len())];
        let after: Vec<String> = words(tail).into_iter().take(4).collect();
        names_title(&words(head), &title, &complement, true).max(names_title(&after, &title, &complement, false))
    };
    let split = mentions.partition_point(|m| m.start < at);
    // Only the nearest people on each side are looked at, so that a long article's many titles
    // do not each read all its mentions.
    let people = |(_, m): &(usize, &Mention)| m.ty == EntityType::Per;
    let before = mentions[..split].iter().enumerate().rev().filter(people).take(NEAREST_PEOPLE);
    let after = mentions.iter().enumerate().skip(split).filter(people).take(NEAREST_PEOPLE);
    // The first with the complement, else the first with the bare title, in that order.
    let mut bare_title = None;
    for (k, m) in before.chain(after) {
        match level(m) {
            2 => return Some(k as u32),
            1 if bare_title.is_none() => bare_title = Some(k as u32),
            _ => {}
        }
    }
    bare_title
}

/// How many people before and after a sentence [`holder`] looks at.
const NEAREST_PEOPLE: usize = 32;

/// The end of the body's word in «متحدث باسم الجيش …» (the word after «باسم» right after the
/// title that ends at `end`), where a nisba may follow: «باسم الجيش ⟦الإسرائيلي⟧».
pub(super) fn named_for(text: &str, end: u32) -> Option<u32> {
    let after = text.get(end as usize..)?.trim_start().strip_prefix("باسم")?;
    let body = after.trim_start();
    let rest = body.trim_start_matches(|c: char| c.is_alphabetic());
    (rest.len() < body.len() && after.starts_with(char::is_whitespace)).then(|| (text.len() - rest.len()) as u32)
}
