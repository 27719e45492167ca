//! Word tokens of a normalised text, each with its range in the original.
//!
//! A token is a maximal run of word characters (letters, digits) in the normalised copy. Between
//! two tokens lies a gap of original text; the gap decides whether a multi-word name may span the
//! two tokens (`joins_prev`: only spaces and the dots and hyphens of abbreviations such as أ.ف.ب or
//! سون-هوي) and whether a sentence or line ends there.

use super::normalize::{is_word_char, NormText};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Normalised text of the token.
    pub norm: compact_str::CompactString,
    /// Index of the token's first character in `NormText::chars`.
    pub norm_start: u32,
    /// Byte range in the original text.
    pub start: u32,
    pub end: u32,
    /// A name may continue from the previous token into this one.
    pub joins_prev: bool,
    /// The gap before this token (original text) contains a line break.
    pub newline_before: bool,
    /// The non-space punctuation in the gap before this token, normalised (may be empty).
    pub punct_before: compact_str::CompactString,
}

impl Token {
    pub fn char_count(&self) -> usize {
        self.norm.chars().count()
    }
}

pub fn tokenize(norm: &NormText) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(norm.chars.len() / 6 + 8);
    let chars = &norm.chars;
    let mut i = 0;
    let mut gap_newline = true;
    let mut gap_punct = compact_str::CompactString::default();
    let mut gap_ok = false;
    let mut word = String::new();
    while i < chars.len() {
        let c = chars[i].ch;
        if is_word_char(c) {
            let start = i;
            word.clear();
            while i < chars.len() && is_word_char(chars[i].ch) {
                word.push(chars[i].ch);
                i += 1;
            }
            let joins_prev = !tokens.is_empty() && gap_ok && !gap_newline;
            tokens.push(Token {
                norm: compact_str::CompactString::new(&word),
                norm_start: start as u32,
                start: chars[start].src_start,
                end: chars[i - 1].src_end,
                joins_prev,
                newline_before: gap_newline,
                punct_before: std::mem::take(&mut gap_punct),
            });
            gap_newline = false;
            gap_ok = true;
        } else {
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                gap_newline = true;
            } else if !c.is_whitespace() {
                gap_punct.push(c);
                // Abbreviation dots and name hyphens keep a name together; anything else breaks it.
                let next_is_word = chars.get(i + 1).is_some_and(|n| is_word_char(n.ch));
                if !(matches!(c, '.' | '-' | '‐' | '_' | '#') && next_is_word) {
                    gap_ok = false;
                }
            }
            i += 1;
        }
    }
    tokens
}

/// Normalised copy and tokens of a text.
pub fn prepare(text: &str) -> (NormText, Vec<Token>) {
    let norm = NormText::new(text);
    let tokens = tokenize(&norm);
    (norm, tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, bool)> {
        tokenize(&NormText::new(s)).into_iter().map(|t| (t.norm.to_string(), t.joins_prev)).collect()
    }

    #[test]
    fn splits_words_and_marks_joins() {
        let t = toks("قال بوتين، إن (أ.ف.ب) تشوي سون-هوي.\nكيم");
        let words: Vec<&str> = t.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["قال", "بوتين", "ان", "ا", "ف", "ب", "تشوي", "سون", "هوي", "كيم"]);
        let joins: Vec<bool> = t.iter().map(|(_, j)| *j).collect();
        assert_eq!(joins, [false, true, false, false, true, true, false, true, true, false]);
    }

    #[test]
    fn ranges_point_into_original() {
        let text = "🙂 لِبوتين";
        let t = tokenize(&NormText::new(text));
        assert_eq!(&text[t[0].start as usize..t[0].end as usize], "لِبوتين");
        assert_eq!(t[0].norm, "لبوتين");
    }
}
