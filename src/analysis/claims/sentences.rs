//! Which lines of an article are body text, and where its sentences start and end.
//!
//! Works on the original text alone, so it cannot disagree with itself about offsets. A line is
//! body text when it ends in sentence punctuation (and has a few words) or is long; the title (the
//! first line), captions ending with a photo credit, repeated lines, bylines, datelines and
//! boilerplate («اقرأ المزيد»، «مشاركة»، «الكلمات الدالة») are never body text. Inside a body
//! line, sentences end at . ! ? ؟ unless the dot belongs to an abbreviation (أ.ف.ب، د.) or a
//! number (3.5), or the terminator stands inside a quotation that goes on after it.

use std::collections::HashMap;
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
}

/// The body sentences of `text`, in order.
pub(super) fn body_sentences(text: &str) -> Vec<Sentence> {
    let lines = lines(text);
    let mut counts: HashMap<&str, u32> = HashMap::with_capacity(lines.len());
    for &(start, end) in &lines {
        *counts.entry(&text[start..end]).or_default() += 1;
    }
    let mut res = Vec::new();
    let mut head = String::new();
    // The first line is the title.
    for &(start, end) in lines.iter().skip(1) {
        let line = &text[start..end];
        normalized_head(line, &mut head);
        // Related articles and their teasers fill the rest of a scraped page.
        if RELATED.iter().any(|r| head.starts_with(r.as_str())) {
            break;
        }
        if BOILERPLATE.iter().any(|b| head.starts_with(b.as_str())) {
            continue;
        }
        if is_body(line, counts.get(line).copied().unwrap_or(1)) {
            split_line(text, start, end, &mut res);
        }
    }
    res
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

/// The normalised first 40 characters of a line, into `out`.
fn normalized_head(line: &str, out: &mut String) {
    out.clear();
    out.extend(line.chars().take(40).filter_map(normalize_char));
}

/// Trimmed, non-empty lines as byte ranges.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut res = Vec::new();
    let mut start = 0;
    let breaks = text
        .char_indices()
        .filter(|&(_, c)| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
        .map(|(i, c)| (i, i + c.len_utf8()))
        .chain(std::iter::once((text.len(), text.len())));
    for (brk, next) in breaks {
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

fn is_body(line: &str, repeats: u32) -> bool {
    let words = line.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    if ends_with_terminator(line) {
        words >= 4
    } else {
        words >= 12 && repeats == 1 && !ends_with_credit(line)
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

/// Splits the body line `text[start..end]` into sentences.
fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let line = &text[start..end];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    // An unbalanced quotation mark would swallow the rest of the line: ignore that kind.
    let mut balance = [0i32; 3];
    for &(_, c) in &chars {
        match c {
            '«' => balance[0] += 1,
            '»' => balance[0] -= 1,
            '“' => balance[1] += 1,
            '”' => balance[1] -= 1,
            '"' => balance[2] ^= 1,
            _ => {}
        }
    }
    let [guillemets, curly, straight] = balance.map(|b| b == 0);
    let mut depth = 0u32;
    let mut straight_open = false;
    let mut sent_start = 0;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        match c {
            '«' if guillemets => depth += 1,
            '“' if curly => depth += 1,
            '»' if guillemets => depth = depth.saturating_sub(1),
            '”' if curly => depth = depth.saturating_sub(1),
            '"' if straight => straight_open = !straight_open,
            _ if is_terminator(c) => {
                let mut last = k;
                while chars.get(last + 1).is_some_and(|&(_, x)| is_terminator(x)) {
                    last += 1;
                }
                let ellipsis = last > k && chars[k..=last].iter().all(|&(_, x)| x == '.');
                let abbreviation = last == k && c == '.' && is_abbreviation_dot(&chars, k);
                let question = chars[k..=last].iter().any(|&(_, x)| x == '?' || x == '؟');
                let mut m = last + 1;
                while let Some(&(_, x)) = chars.get(m) {
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
                    m += 1;
                }
                let inside_quote = depth > 0 || straight_open;
                let at_space = chars.get(m).is_none_or(|&(_, x)| x.is_whitespace());
                if !ellipsis && !abbreviation && !inside_quote && at_space {
                    let stop = chars.get(m).map_or(line.len(), |&(i, _)| i);
                    push(text, start + sent_start, start + stop, question, out);
                    sent_start = stop;
                }
                k = m;
                continue;
            }
            _ => {}
        }
        k += 1;
    }
    push(text, start + sent_start, end, false, out);
}

/// A dot inside a word (أ.ف.ب، 3.5) or after a single letter (د. رائد) does not end a sentence.
fn is_abbreviation_dot(chars: &[(usize, char)], k: usize) -> bool {
    if chars.get(k + 1).is_some_and(|&(_, x)| x.is_alphanumeric()) {
        return true;
    }
    let letters = chars[..k].iter().rev().take_while(|&&(_, x)| x.is_alphanumeric()).count();
    letters == 1
}

fn push(text: &str, start: usize, end: usize, question: bool, out: &mut Vec<Sentence>) {
    let seg = &text[start..end];
    let trimmed = seg.trim();
    if !trimmed.chars().any(char::is_alphanumeric) {
        return;
    }
    let lead = seg.len() - seg.trim_start().len();
    let opens_quote = trimmed.starts_with(['«', '“', '"']);
    out.push(Sentence { start: start + lead, end: start + lead + trimmed.len(), question, opens_quote });
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
    fn skips_non_body_lines() {
        let text = "عنوان\nاقرأ المزيد المشتركون فقط يقول الخبراء إن الأقمار الصناعية تعتمد على المساعدة الروسية بشكل كبير جدا\nسامح فواز\nالرئيس الروسي فلاديمير بوتين ونظيره الكوري كيم جونغ أون في زيارة رسمية للعاصمة بيونغ يانغ - أرشيفية\n";
        assert!(split(text).is_empty());
        assert!(split("").is_empty());
        assert!(split("...\n؟؟\n.").is_empty());
    }
}
