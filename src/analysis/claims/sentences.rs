//! Which lines of an article are body text, and where its sentences start and end.
//!
//! Works on the original text alone, so it cannot disagree with itself about offsets. A line is
//! body text when it ends in sentence punctuation (and has a few words) or is long; the title (the
//! first line), captions ending with a photo credit, repeated lines, bylines, datelines and
//! boilerplate («اقرأ المزيد»، «مشاركة»، «الكلمات الدالة») are never body text. Inside a body
//! line, sentences end at . ! ? ؟ unless the dot belongs to an abbreviation (أ.ف.ب، د.) or a
//! number (3.5), or the terminator stands inside a quotation that goes on after it.
//!
//! Headlines (the title, subheadings, a kicker line under a masthead) are kept as
//! [`Place::Headline`] sentences: attributed («⟦كوريا الشمالية⟧: علاقتنا مع روسيا …»), never
//! flagged. After a «related articles» heading a scraped page lists other articles: their lines
//! are [`Place::Related`] sentences, attributed like any other but never the article's claims.

use std::sync::LazyLock;

use super::super::normalize::{normalize_char, normalize_str};

/// One body sentence: a byte range of the original text, trimmed of whitespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Sentence {
    pub start: usize,
    pub end: usize,
    /// The sentence ends with ? or ؟: a question asserts nothing.
    pub question: bool,
    /// The sentence opens with a quotation mark: it may continue an attributed quote.
    pub opens_quote: bool,
    pub place: Place,
}

/// Where a sentence stands in the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    /// The article's own body text.
    Body,
    /// A headline: the title, a subheading, or a related article's. Attributed, never flagged,
    /// continued by nothing.
    Headline,
    /// The body text of a related article listed after the article. Attributed, never flagged.
    Related,
}

/// The sentences of `text` after its title, in text order: the body's, the headlines among them,
/// then the related articles' (each marked by its [`Place`]).
pub(super) fn body_sentences(text: &str) -> Vec<Sentence> {
    let lines = lines(text);
    // How often each line occurs in the article (counted once, not rescanned per line).
    let mut counts: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for &(start, end) in &lines {
        *counts.entry(&text[start..end]).or_default() += 1;
    }
    let repeats = |line: &str| counts.get(line).copied().unwrap_or(0);
    let mut res = Vec::new();
    let mut head = String::new();
    let mut related = false;
    // The title, repeated above the body, is the title once.
    let title = lines.first().map(|&(start, end)| &text[start..end]);
    // The first line is the title.
    for &(start, end) in lines.iter().skip(1) {
        let line = &text[start..end];
        normalized_head(line, &mut head);
        // Related articles and their teasers fill the rest of a scraped page.
        if RELATED.iter().any(|r| head.starts_with(r.as_str())) {
            related = true;
            continue;
        }
        if BOILERPLATE.iter().any(|b| head.starts_with(b.as_str())) {
            continue;
        }
        if is_body(line, || if related { 1 } else { repeats(line) }) {
            let place = if related { Place::Related } else { Place::Body };
            split_line(text, start, end, place, &mut res);
        } else if is_headline(line) && Some(line) != title {
            push(text, start, end, false, Place::Headline, &mut res);
        }
    }
    res
}

/// Whether a line that is not body text is a headline (the article's, a subheading, a related
/// article's): a few words, no final full stop, no caption credit («(أ.ف.ب)»), no dateline
/// («"الشرق الأوسط" (موسكو)»).
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().filter(|w| w.chars().any(is_alnum)).take(4).count();
    words >= 4 && !ends_with_terminator(line) && !ends_with_credit(line)
}

/// The title of `text` (its first line) as a sentence, if it has words: attributed like any
/// sentence («الكرملين: روسيا ستدافع عن مصالحها»), never flagged.
pub(super) fn title_sentence(text: &str) -> Option<Sentence> {
    let mut start = 0;
    for (brk, next) in breaks(text).chain(std::iter::once((text.len(), text.len()))) {
        if !text[start..brk].trim().is_empty() {
            let mut out = Vec::new();
            push(text, start, brk, false, Place::Headline, &mut out);
            return out.pop();
        }
        start = next;
    }
    None
}

/// Normalised line openings that mark boilerplate: navigation, sharing, tags, credits.
static BOILERPLATE: LazyLock<Vec<String>> = LazyLock::new(|| {
    phrases(
        "اقرأ|للمزيد|شاهد أيضا|المصدر|إعادة استخدام هذا المحتوى|الكلمات الدالة|تصنيفات|يمكنكم|تابعونا|[ad|*|\
         هذا المقال بقلم|نشر هذا المقال|جميع الحقوق|حقوق النشر|لمتابعة|اضغط هنا|مصدر الصورة|تعليق على الصورة|\
         الأكثر قراءة|ويشار إلى أن موقع cnn|getty|time reading",
    )
});

/// Normalised headings after which a page lists other articles.
static RELATED: LazyLock<Vec<String>> =
    LazyLock::new(|| phrases("مقالات ذات صلة|مواضيع ذات صلة|أخبار ذات صلة|قصص قد تهمك|قد يهمك أيضا"));

fn phrases(list: &str) -> Vec<String> {
    list.split('|').map(|p| normalize_str(p.trim())).collect()
}

/// The byte length of the longest phrase of `BOILERPLATE` and `RELATED`.
static LONGEST_PHRASE: LazyLock<usize> =
    LazyLock::new(|| BOILERPLATE.iter().chain(RELATED.iter()).map(String::len).max().unwrap_or(0));

/// The normalised first 40 characters of a line, into `out`, or as much of them as the
/// phrases are long: the phrases are only ever matched at its start.
fn normalized_head(line: &str, out: &mut String) {
    out.clear();
    let enough = *LONGEST_PHRASE;
    for c in line.chars().take(40) {
        if out.len() >= enough {
            break;
        }
        out.extend(normalize_char(c));
    }
}

/// Trimmed, non-empty lines as byte ranges.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut res = Vec::new();
    let mut start = 0;
    for (brk, next) in breaks(text).chain(std::iter::once((text.len(), text.len()))) {
        let seg = &text[start..brk];
        let trimmed = seg.trim();
        if !trimmed.is_empty() {
            let lead = seg.len() - seg.trim_start().len();
            res.push((start + lead, start + lead + trimmed.len()));
        }
        start = next;
    }
    res
}

/// The line breaks of `text` (\n, \r, U+2028, U+2029): where each starts and where the next
/// segment starts. A byte scan (`memchr`): the UTF-8 of these never occurs inside another
/// character.
fn breaks(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'\n', b'\r', 0xE2, bytes).filter_map(move |i| match bytes[i] {
        0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => Some((i, i + 3)),
        0xE2 => None,
        _ => Some((i, i + 1)),
    })
}

/// `char::is_alphanumeric`, with the Arabic letters and digits and ASCII answered first.
fn is_alnum(c: char) -> bool {
    match c {
        '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        _ => c.is_alphanumeric(),
    }
}

fn is_body(line: &str, repeats: impl FnOnce() -> usize) -> bool {
    // Only «four or more» and «twelve or more» matter.
    let words = line.split_whitespace().filter(|w| w.chars().any(is_alnum)).take(12).count();
    if ends_with_terminator(line) {
        words >= 4
    } else {
        words >= 12 && repeats() == 1 && !ends_with_credit(line)
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | ')' | ']' | '’' | '\'')
}

fn ends_with_terminator(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
    t.ends_with(is_terminator) || t.ends_with('…')
}

/// A caption ends with a short credit: «(أ.ف.ب)»، «- Reuters»، «/ عبر رويترز».
fn ends_with_credit(line: &str) -> bool {
    let t = line.trim_end();
    let words = |s: &str| s.split_whitespace().count();
    if let Some(inner) = t.strip_suffix(')') {
        if let Some(open) = inner.rfind('(') {
            return words(&inner[open + 1..]) <= 4;
        }
    }
    ["-", "–", "—", "/"].iter().any(|sep| t.rfind(sep).is_some_and(|p| words(&t[p + sep.len()..]) <= 3))
}

/// The bytes that may begin a quotation mark or a terminator: " . ! ? and the lead bytes of
/// « » (C2) and “ ” (E2). ؟ is D8 9F, and D8 begins most Arabic letters: ؟ is found by its
/// second byte.
static MARK_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let bytes = [b'"', b'.', b'!', b'?', 0xC2, 0xE2, 0x9F];
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// The offset of the first byte at or after `from` that `table` marks.
fn next_marked(bytes: &[u8], from: usize, table: &[bool; 256]) -> Option<usize> {
    bytes.get(from..)?.iter().position(|&b| table[b as usize]).map(|p| from + p)
}

/// Splits the body line `text[start..end]` into sentences.
///
/// Works on byte offsets: every character that matters here (quotation marks, terminators)
/// is told by a byte that no other character contains, so the scan decodes only those.
fn split_line(text: &str, start: usize, end: usize, place: Place, out: &mut Vec<Sentence>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let char_at = |p: usize| line.get(p..).and_then(|rest| rest.chars().next());
    // An unbalanced quotation mark would swallow the rest of the line: ignore that kind.
    let mut balance = [0i32; 3];
    for i in memchr::memchr3_iter(b'"', 0xC2, 0xE2, bytes) {
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (0xC2, Some(0xAB), _) => balance[0] += 1,          // «
            (0xC2, Some(0xBB), _) => balance[0] -= 1,          // »
            (0xE2, Some(0x80), Some(0x9C)) => balance[1] += 1, // “
            (0xE2, Some(0x80), Some(0x9D)) => balance[1] -= 1, // ”
            (b'"', _, _) => balance[2] ^= 1,
            _ => {}
        }
    }
    let [guillemets, curly, straight] = balance.map(|b| b == 0);
    let mut depth = 0u32;
    let mut straight_open = false;
    let mut sent_start = 0;
    let mut from = 0;
    while let Some(mut k) = next_marked(bytes, from, &MARK_BYTES) {
        if bytes[k] == 0x9F {
            // The second byte of ؟ (D8 9F), or of some other character.
            if bytes.get(k.wrapping_sub(1)) != Some(&0xD8) {
                from = k + 1;
                continue;
            }
            k -= 1;
        }
        let Some(c) = char_at(k) else {
            break;
        };
        match c {
            '«' if guillemets => depth += 1,
            '“' if curly => depth += 1,
            '»' if guillemets => depth = depth.saturating_sub(1),
            '”' if curly => depth = depth.saturating_sub(1),
            '"' if straight => straight_open = !straight_open,
            _ if is_terminator(c) => {
                let mut last = k;
                let mut after = k + c.len_utf8();
                while let Some(x) = char_at(after).filter(|&x| is_terminator(x)) {
                    last = after;
                    after += x.len_utf8();
                }
                let run = &line[k..after];
                let ellipsis = last > k && run.chars().all(|x| x == '.');
                let abbreviation = last == k && c == '.' && is_abbreviation_dot(line, k);
                let question = run.chars().any(|x| x == '?' || x == '؟');
                let mut m = after;
                while let Some(x) = char_at(m) {
                    let closes = match x {
                        '»' if guillemets && depth > 0 => {
                            depth -= 1;
                            true
                        }
                        '”' if curly && depth > 0 => {
                            depth -= 1;
                            true
                        }
                        '"' if straight && straight_open => {
                            straight_open = false;
                            true
                        }
                        ')' | ']' | '’' => true,
                        _ => false,
                    };
                    if !closes {
                        break;
                    }
                    m += x.len_utf8();
                }
                let inside_quote = depth > 0 || straight_open;
                let at_space = char_at(m).is_none_or(|x| x.is_whitespace());
                if !ellipsis && !abbreviation && !inside_quote && at_space {
                    push(text, start + sent_start, start + m, question, place, out);
                    sent_start = m;
                }
                from = m;
                continue;
            }
            _ => {}
        }
        from = k + c.len_utf8();
    }
    push(text, start + sent_start, end, false, place, out);
}

/// A dot inside a word (أ.ف.ب، 3.5) or after a single letter (د. رائد) does not end a sentence.
/// `k` is the byte offset of the dot in `line`.
fn is_abbreviation_dot(line: &str, k: usize) -> bool {
    if line[k + 1..].chars().next().is_some_and(is_alnum) {
        return true;
    }
    let letters = line[..k].chars().rev().take_while(|&x| is_alnum(x)).take(2).count();
    letters == 1
}

fn push(text: &str, start: usize, end: usize, question: bool, place: Place, out: &mut Vec<Sentence>) {
    let seg = &text[start..end];
    let trimmed = seg.trim();
    if !trimmed.chars().any(is_alnum) {
        return;
    }
    let lead = seg.len() - seg.trim_start().len();
    let opens_quote = trimmed.starts_with(['«', '“', '"']);
    out.push(Sentence { start: start + lead, end: start + lead + trimmed.len(), question, opens_quote, place });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        body_sentences(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_body_lines_into_sentences() {
        let text = "عنوان المقال هنا\n\nقال بوتين إن النمو بلغ 3.5 في المئة هذا العام. وأضاف: «هذا جيد. جدا». ثم غادر القاعة بعد ذلك!\nبوتين وكيم في موسكو (أ.ف.ب)\n";
        assert_eq!(
            split(text),
            ["قال بوتين إن النمو بلغ 3.5 في المئة هذا العام.", "وأضاف: «هذا جيد. جدا».", "ثم غادر القاعة بعد ذلك!",]
        );
    }

    #[test]
    fn abbreviations_and_unbalanced_quotes() {
        let text = "عنوان\nزار الوفد (أ.ف.ب) المدينة مع د. رائد العزاوي. وقال “نعم. ثم مضى الجميع إلى بيوتهم.\n";
        assert_eq!(
            split(text),
            ["زار الوفد (أ.ف.ب) المدينة مع د. رائد العزاوي.", "وقال “نعم.", "ثم مضى الجميع إلى بيوتهم."]
        );
    }

    #[test]
    fn fast_checks_agree_with_the_standard_library() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
        let text = "a\nb\r\nج\u{2028}د\u{2029}\u{2027}ه\u{202A}";
        let expected: Vec<(usize, usize)> = text
            .char_indices()
            .filter(|&(_, c)| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
            .map(|(i, c)| (i, i + c.len_utf8()))
            .collect();
        assert_eq!(breaks(text).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn skips_non_body_lines() {
        let text = "عنوان\nاقرأ المزيد المشتركون فقط يقول الخبراء إن الأقمار الصناعية تعتمد على المساعدة الروسية بشكل كبير جدا\nسامح فواز\nالرئيس الروسي فلاديمير بوتين ونظيره الكوري كيم جونغ أون في زيارة رسمية للعاصمة بيونغ يانغ - أرشيفية\n";
        assert!(split(text).is_empty());
        assert!(split("").is_empty());
        assert!(split("...\n؟؟\n.").is_empty());
    }
}
