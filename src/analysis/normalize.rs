//! Arabic normalisation on a shadow copy of the text, with a map back to the original.
//!
//! The user's text is never changed. `NormText::new` builds a normalised copy (alef forms,
//! ى/ي, ة/ه, hamza carriers, diacritics, tatweel, presentation forms, bidi and zero-width
//! marks, Arabic-Indic digits, Unicode spaces, Latin case) in which every character remembers
//! the byte range of the original character(s) it came from. Matching happens on the copy;
//! every reported range is mapped back through `src` so it points into the original.

use unicode_normalization::char::decompose_compatible;

/// One character of the normalised copy and the original byte range it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NormChar {
    pub ch: char,
    pub src_start: u32,
    pub src_end: u32,
}

/// The normalised shadow copy of a text.
#[derive(Clone, Debug, Default)]
pub struct NormText {
    pub chars: Vec<NormChar>,
}

impl NormText {
    pub fn new(text: &str) -> NormText {
        // Arabic letters take two bytes and spaces one: this is about the number of characters.
        let mut chars = Vec::with_capacity(text.len() * 5 / 8 + 16);
        for (start, ch) in text.char_indices() {
            let end = (start + ch.len_utf8()) as u32;
            let start = start as u32;
            // Fast paths for ASCII and the Arabic block, nearly all of the text: what
            // `normalize_char` gives, from a table, for the characters it keeps.
            let cp = ch as u32;
            if cp < 0x80 {
                chars.push(NormChar { ch: ch.to_ascii_lowercase(), src_start: start, src_end: end });
                continue;
            }
            if let Some(&n) = ARABIC_BLOCK.get(cp.wrapping_sub(0x600) as usize).filter(|&&n| n != DROPPED) {
                // سيئول and سيول are one spelling: a hamza seat after ي adds nothing to the key.
                if !(ch == 'ئ' && chars.last().is_some_and(|c: &NormChar| c.ch == 'ي')) {
                    chars.push(NormChar { ch: char::from_u32(n).unwrap_or(ch), src_start: start, src_end: end });
                }
                continue;
            }
            if is_presentation_form(ch) {
                decompose_compatible(ch, |c| {
                    if let Some(n) = normalize_char(c) {
                        chars.push(NormChar { ch: n, src_start: start, src_end: end });
                    }
                });
            } else if let Some(n) = normalize_char(ch) {
                chars.push(NormChar { ch: n, src_start: start, src_end: end });
            } else if is_word_mark(ch) {
                // A dropped hamza, vowel mark or tatweel right after a letter belongs to its word:
                // the letter's range takes it in, so a name ends after «صنعاء»'s hamza and
                // «شخصاً»'s tanwin, not before.
                if let Some(last) = chars.last_mut().filter(|c| c.src_end == start && is_word_char(c.ch)) {
                    last.src_end = end;
                }
            }
        }
        NormText { chars }
    }

    pub fn as_string(&self) -> String {
        self.chars.iter().map(|c| c.ch).collect()
    }
}

/// Normalises a short string (a gazetteer alias, a cue word) to its match key.
pub fn normalize_str(s: &str) -> String {
    NormText::new(s).as_string()
}

/// [`normalize_char`] of U+0600…U+06FF, as code points, [`DROPPED`] for a dropped character.
const ARABIC_BLOCK: [u32; 256] = {
    let mut table = [DROPPED; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x600 + i as u32) {
            if let Some(n) = normalize_char(c) {
                table[i] = n as u32;
            }
        }
        i += 1;
    }
    table
};

/// An [`ARABIC_BLOCK`] entry for a character `normalize_char` drops.
const DROPPED: u32 = u32::MAX;

/// The normalised form of one character, or `None` when the character is dropped
/// (diacritics, tatweel, standalone hamza, format and bidi marks).
pub const fn normalize_char(ch: char) -> Option<char> {
    let n = match ch {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ئ' | 'ی' | 'ې' | 'ۍ' => 'ي',
        'ة' | 'ۃ' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        c if is_word_mark(c) => return None,
        // Zero-width, bidi and other format marks.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}'
        | '\u{00AD}' => return None,
        '٠'..='٩' => ascii_digit(ch as u32 - '٠' as u32),
        '۰'..='۹' => ascii_digit(ch as u32 - '۰' as u32),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        'A'..='Z' => ch.to_ascii_lowercase(),
        _ => ch,
    };
    Some(n)
}

/// The ASCII digit of a value 0…9.
const fn ascii_digit(d: u32) -> char {
    (b'0' + d as u8) as char
}

/// Characters `normalize_char` drops that are part of the word they are written in (not format
/// or bidi marks): the standalone hamza, the vowel marks, tatweel.
const fn is_word_mark(ch: char) -> bool {
    ch == 'ء' || ch == 'ـ' || is_vowel_mark(ch)
}

/// Harakat, tanwin, shadda, sukun, small high marks, superscript alef, Quranic marks.
pub const fn is_vowel_mark(ch: char) -> bool {
    matches!(ch, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

fn is_presentation_form(ch: char) -> bool {
    matches!(ch, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// Whether a normalised character belongs inside a word.
pub fn is_word_char(ch: char) -> bool {
    // ASCII and the Arabic block, which are nearly all of the text, from bit tables.
    let cp = ch as u32;
    if cp < 0x80 {
        return ASCII_WORD >> cp & 1 == 1;
    }
    let arabic = cp.wrapping_sub(0x600);
    if arabic < 0x100 {
        return ARABIC_WORD[(arabic / 64) as usize] >> (arabic % 64) & 1 == 1;
    }
    match ch {
        // Latin-1 punctuation («»), general punctuation (“” – …) and the emoji planes.
        '\u{00A0}'..='\u{00BF}' | '\u{2000}'..='\u{206F}' | '\u{1F000}'..='\u{1FAFF}' => false,
        c => c.is_alphanumeric(),
    }
}

/// The word characters of ASCII and of the Arabic block.
const fn is_word_char_in_blocks(ch: char) -> bool {
    matches!(ch, 'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

/// [`is_word_char_in_blocks`] of U+0000…U+007F, one bit each.
const ASCII_WORD: u128 = {
    let mut bits = 0u128;
    let mut cp = 0;
    while cp < 0x80 {
        if is_word_char_in_blocks(cp as u8 as char) {
            bits |= 1 << cp;
        }
        cp += 1;
    }
    bits
};

/// [`is_word_char_in_blocks`] of U+0600…U+06FF, one bit each.
const ARABIC_WORD: [u64; 4] = {
    let mut bits = [0u64; 4];
    let mut i = 0;
    while i < 0x100 {
        if let Some(c) = char::from_u32(0x600 + i) {
            if is_word_char_in_blocks(c) {
                bits[(i / 64) as usize] |= 1 << (i % 64);
            }
        }
        i += 1;
    }
    bits
};

#[cfg(test)]
mod tests {
    use super::*;

    fn shadow(s: &str) -> String {
        normalize_str(s)
    }

    /// `NormText::new` without its fast paths: every character through `normalize_char`.
    fn reference(text: &str) -> Vec<NormChar> {
        let mut chars: Vec<NormChar> = Vec::new();
        for (start, ch) in text.char_indices() {
            let end = (start + ch.len_utf8()) as u32;
            let start = start as u32;
            if is_presentation_form(ch) {
                decompose_compatible(ch, |c| {
                    if let Some(n) = normalize_char(c) {
                        chars.push(NormChar { ch: n, src_start: start, src_end: end });
                    }
                });
            } else if ch == 'ئ' && chars.last().is_some_and(|c| c.ch == 'ي') {
            } else if let Some(n) = normalize_char(ch) {
                chars.push(NormChar { ch: n, src_start: start, src_end: end });
            } else if is_word_mark(ch) {
                if let Some(last) = chars.last_mut().filter(|c| c.src_end == start && is_word_char(c.ch)) {
                    last.src_end = end;
                }
            }
        }
        chars
    }

    #[test]
    fn word_characters_from_the_tables_are_the_letters_and_digits() {
        let arabic = ['ا', 'ب', 'ي', 'ه', 'ك', 'ٹ', 'ۓ', 'ۿ'];
        let not = ['\u{064B}', '،', '؟', '٪', '۔', '\u{06F0}', ' ', '-', '«', '…', '\u{0620}'];
        for c in arabic.into_iter().chain(['a', 'Z', '0', '9', 'é', 'ж']) {
            assert!(is_word_char(c), "{c:?}");
        }
        for c in not {
            assert!(!is_word_char(c), "{c:?}");
        }
        // The tables say what the ranges say, for every character they cover.
        for cp in (0..0x80).chain(0x600..0x700) {
            let c = char::from_u32(cp).unwrap();
            assert_eq!(is_word_char(c), is_word_char_in_blocks(c), "U+{cp:04X}");
        }
    }

    #[test]
    fn the_fast_paths_give_what_normalize_char_gives() {
        // Every character of ASCII, Latin-1, the Arabic blocks and the presentation forms, each
        // after a letter, after ي (for ئ) and after a space.
        let ranges = [0x01..0x250u32, 0x590..0x800, 0x2000..0x2070, 0xFB50..0xFF00];
        for cp in ranges.into_iter().flatten() {
            let Some(c) = char::from_u32(cp) else { continue };
            let text = format!("ب{c}ي{c} {c}ـ");
            assert_eq!(NormText::new(&text).chars, reference(&text), "U+{cp:04X}");
        }
    }

    #[test]
    fn folds_orthographic_variants() {
        assert_eq!(shadow("أحمد إيران آسيا"), "احمد ايران اسيا");
        assert_eq!(shadow("مصطفى"), "مصطفي");
        assert_eq!(shadow("الشمالية"), "الشماليه");
        assert_eq!(shadow("مسؤول سيئول"), "مسوول سيول");
        assert_eq!(shadow("بُوتِين"), "بوتين");
        assert_eq!(shadow("بوتـــين"), "بوتين");
        assert_eq!(shadow("٢٠٢٤ ABC"), "2024 abc");
    }

    #[test]
    fn drops_marks_and_folds_presentation_forms() {
        assert_eq!(shadow("بو\u{200F}تين\u{200C}"), "بوتين");
        // ﻻ is the lam-alef ligature; ﺑﻮﺗﻴﻦ is بوتين in presentation forms.
        assert_eq!(shadow("ﻻ ﺑﻮﺗﻴﻦ"), "لا بوتين");
    }

    #[test]
    fn map_points_into_the_original() {
        let text = "😀 بُوتين";
        let norm = NormText::new(text);
        let b = norm.chars.iter().find(|c| c.ch == 'ب').unwrap();
        // The damma after ب is dropped from the copy and belongs to ب's range; و maps to itself.
        assert_eq!(&text[b.src_start as usize..b.src_end as usize], "بُ");
        let w = norm.chars.iter().find(|c| c.ch == 'و').unwrap();
        assert_eq!(&text[w.src_start as usize..w.src_end as usize], "و");
        assert_eq!(norm.chars.len(), "😀 بوتين".chars().count());
    }

    #[test]
    fn a_final_hamza_or_tanwin_stays_in_its_word_and_marks_after_a_space_in_none() {
        let text = "صنعاءُ شخصاً ـ ً";
        let norm = NormText::new(text);
        let words: Vec<&str> = norm
            .chars
            .split(|c| c.ch == ' ')
            .filter(|w| !w.is_empty())
            .map(|w| &text[w[0].src_start as usize..w[w.len() - 1].src_end as usize])
            .collect();
        assert_eq!(words, ["صنعاءُ", "شخصاً"]);
        assert_eq!(norm.as_string(), "صنعا شخصا  ");
    }
}
