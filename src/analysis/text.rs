//! Line index of a text: byte offsets ↔ (line, column) in UTF-16, UTF-8 or code points.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as in the Language Server Protocol (not at U+2028).
//! Columns past the end of a line clamp to the line's end; a column inside a character (half of a
//! surrogate pair) snaps back to the character's start. A byte order mark at the start of the text
//! is not counted in columns: editors do not show it, so column 0 of line 0 is just after it.
//! Nothing here panics on odd input.

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColumnUnit {
    #[default]
    Utf16,
    Utf8,
    CodePoint,
}

/// Every this many bytes (at a character boundary), the index records how many code points and
/// UTF-16 units came before, so that no conversion scans more than this much text, however long
/// the line.
const CHECKPOINT_BYTES: u32 = 256;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    line_starts: Vec<u32>,
    /// (byte offset, code points before it, UTF-16 units before it), ascending, from (0, 0, 0).
    checkpoints: Vec<(u32, u32, u32)>,
    len: u32,
    /// Bytes of a byte order mark at the start (0 or 3).
    bom: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push((i + 1) as u32);
            }
        }
        // A checkpoint at the first character boundary at least CHECKPOINT_BYTES after the last
        // one; the characters between are counted a block at a time (UTF-8 is valid: a character
        // starts at each byte that is not a continuation byte, and takes two UTF-16 units when it
        // starts with a four-byte lead).
        let mut checkpoints = vec![(0, 0, 0)];
        let (mut chars, mut units) = (0u32, 0u32);
        let mut at = 0usize;
        loop {
            let mut next = at + CHECKPOINT_BYTES as usize;
            while bytes.get(next).is_some_and(|b| b & 0xC0 == 0x80) {
                next += 1;
            }
            if next >= bytes.len() {
                break;
            }
            let (starts, wide) = bytes[at..next]
                .iter()
                .fold((0u32, 0u32), |(s, w), &b| (s + u32::from(b & 0xC0 != 0x80), w + u32::from(b >= 0xF0)));
            chars += starts;
            units += starts + wide;
            checkpoints.push((next as u32, chars, units));
            at = next;
        }
        let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() as u32 } else { 0 };
        LineIndex { line_starts, checkpoints, len: text.len() as u32, bom }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Code points and UTF-16 units before a byte offset (a character boundary).
    fn counts_at(&self, text: &str, offset: u32) -> (u32, u32) {
        let k = self.checkpoints.partition_point(|c| c.0 <= offset) - 1;
        let (at, chars, units) = self.checkpoints[k];
        let rest = text.get(at as usize..offset as usize).unwrap_or("");
        rest.chars().fold((chars, units), |(c, u), ch| (c + 1, u + ch.len_utf16() as u32))
    }

    /// Columns before a byte offset (a character boundary), counted from the start of the text.
    fn units_at(&self, text: &str, offset: u32, unit: ColumnUnit) -> u32 {
        match unit {
            ColumnUnit::Utf8 => offset,
            ColumnUnit::CodePoint => self.counts_at(text, offset).0,
            ColumnUnit::Utf16 => self.counts_at(text, offset).1,
        }
    }

    /// (line, column) of a byte offset, both 0-based.
    pub fn position(&self, text: &str, offset: u32, unit: ColumnUnit) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset.min(self.len) as usize) as u32;
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.content_start(line);
        if offset <= start {
            return (line as u32, 0);
        }
        (line as u32, self.units_at(text, offset, unit) - self.units_at(text, start, unit))
    }

    /// Byte offset of a (line, column); out-of-range positions clamp to the nearest valid offset.
    pub fn offset(&self, text: &str, line: u32, col: u32, unit: ColumnUnit) -> u32 {
        if line as usize >= self.line_starts.len() {
            return self.len;
        }
        let start = self.content_start(line as usize);
        let end = (self.line_content_end(text, line as usize) as u32).max(start);
        let target = self.units_at(text, start, unit).saturating_add(col);
        // Start scanning at the last checkpoint inside the line that lies before the target.
        let mut at = start;
        let mut units = self.units_at(text, start, unit);
        let k = self.checkpoints.partition_point(|c| c.0 <= end);
        let unit_of = |c: &(u32, u32, u32)| match unit {
            ColumnUnit::Utf8 => c.0,
            ColumnUnit::CodePoint => c.1,
            ColumnUnit::Utf16 => c.2,
        };
        let candidates = &self.checkpoints[..k];
        let j = candidates.partition_point(|c| unit_of(c) <= target);
        if j > 0 && candidates[j - 1].0 > start {
            at = candidates[j - 1].0;
            units = unit_of(&candidates[j - 1]);
        }
        for (i, c) in text.get(at as usize..end as usize).unwrap_or("").char_indices() {
            let w = match unit {
                ColumnUnit::Utf16 => c.len_utf16() as u32,
                ColumnUnit::Utf8 => c.len_utf8() as u32,
                ColumnUnit::CodePoint => 1,
            };
            if units + w > target {
                return at + i as u32;
            }
            units += w;
        }
        end
    }

    /// Code-point offset of a byte offset (brat's unit).
    pub fn char_offset(&self, text: &str, offset: u32) -> u32 {
        let offset = floor_char_boundary(text, offset.min(self.len) as usize) as u32;
        self.counts_at(text, offset).0
    }

    /// Byte offset of a code-point offset, or `None` past the end.
    pub fn byte_offset_of_char(&self, text: &str, char_offset: u32) -> Option<u32> {
        let k = self.checkpoints.partition_point(|c| c.1 <= char_offset) - 1;
        let (at, chars, _) = self.checkpoints[k];
        let mut left = char_offset - chars;
        let mut it = text.get(at as usize..)?.char_indices();
        loop {
            if left == 0 {
                return Some(it.next().map_or(self.len, |(i, _)| at + i as u32));
            }
            it.next()?;
            left -= 1;
        }
    }

    /// Where a line's columns start: its first byte, after a byte order mark on line 0.
    fn content_start(&self, line: usize) -> u32 {
        let start = self.line_starts[line];
        if line == 0 {
            start + self.bom.min(self.len)
        } else {
            start
        }
    }

    fn line_content_end(&self, text: &str, line: usize) -> usize {
        let end = self.line_starts.get(line + 1).map_or(text.len(), |&s| s as usize);
        let body = &text[self.line_starts[line] as usize..end];
        let trimmed = body.strip_suffix('\n').unwrap_or(body);
        let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
        self.line_starts[line] as usize + trimmed.len()
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether `s` has at least `n` characters, without counting past the `n`th.
pub fn has_chars(s: &str, n: usize) -> bool {
    n == 0 || s.chars().nth(n - 1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_chars_counts_characters_not_bytes() {
        assert!(has_chars("بوت", 3) && !has_chars("بوت", 4) && has_chars("", 0) && !has_chars("", 1));
        assert!(has_chars("🙂a", 2) && !has_chars("🙂", 2));
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "سطر\n🙂🙂 بوتين\r\nx\ry";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let b = text.find("بوتين").unwrap() as u32;
        assert_eq!(idx.position(text, b, ColumnUnit::Utf16), (1, 5));
        assert_eq!(idx.position(text, b, ColumnUnit::CodePoint), (1, 3));
        assert_eq!(idx.offset(text, 1, 5, ColumnUnit::Utf16), b);
        // Half a surrogate pair snaps back to the emoji's start.
        assert_eq!(idx.offset(text, 1, 1, ColumnUnit::Utf16), idx.offset(text, 1, 0, ColumnUnit::Utf16));
        // Past the end of a line: its end, before the CRLF.
        assert_eq!(&text[idx.offset(text, 1, 999, ColumnUnit::Utf16) as usize..], "\r\nx\ry");
        assert_eq!(idx.offset(text, 3, 0, ColumnUnit::Utf16) as usize, text.len() - 1);
        assert_eq!(idx.offset(text, 99, 0, ColumnUnit::Utf16) as usize, text.len());
        assert_eq!(idx.char_offset(text, b), 7);
        assert_eq!(idx.byte_offset_of_char(text, 7), Some(b));
        assert_eq!(idx.byte_offset_of_char(text, text.chars().count() as u32), Some(text.len() as u32));
        assert_eq!(idx.byte_offset_of_char(text, 999), None);
    }

    #[test]
    fn conversions_agree_with_a_plain_scan_on_long_lines() {
        // Checkpoints every 256 bytes: lines far longer than that, mixed widths, a BOM.
        let text: String = format!("\u{feff}{}\n{}\r\nx", "بوتين 🙂 ab ".repeat(300), "كيم\u{10000}".repeat(200));
        let idx = LineIndex::new(&text);
        let mut line_start = 3usize;
        let mut line = 0u32;
        for (b, c) in text.char_indices() {
            if b < 3 {
                continue;
            }
            let prefix = &text[line_start..b];
            let expect16 = prefix.chars().map(|c| c.len_utf16() as u32).sum::<u32>();
            assert_eq!(idx.position(&text, b as u32, ColumnUnit::Utf16), (line, expect16), "at {b}");
            assert_eq!(idx.position(&text, b as u32, ColumnUnit::CodePoint), (line, prefix.chars().count() as u32));
            if c != '\n' && c != '\r' {
                assert_eq!(idx.offset(&text, line, expect16, ColumnUnit::Utf16), b as u32, "back at {b}");
            }
            assert_eq!(idx.char_offset(&text, b as u32), text[..b].chars().count() as u32);
            assert_eq!(idx.byte_offset_of_char(&text, text[..b].chars().count() as u32), Some(b as u32));
            if c == '\n' {
                line += 1;
                line_start = b + 1;
            }
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}بوتين\nسطر";
        let idx = LineIndex::new(text);
        let b = text.find("بوتين").unwrap() as u32;
        for unit in [ColumnUnit::Utf16, ColumnUnit::Utf8, ColumnUnit::CodePoint] {
            assert_eq!(idx.position(text, b, unit), (0, 0), "{unit:?}");
            assert_eq!(idx.offset(text, 0, 0, unit), b, "{unit:?}");
            assert_eq!(idx.position(text, 0, unit), (0, 0), "an offset inside the mark: column 0");
        }
        assert_eq!(idx.position(text, b + "بوتين".len() as u32, ColumnUnit::Utf16), (0, 5));
        // brat's code points still count it: it is a character of the file.
        assert_eq!(idx.char_offset(text, b), 1);
    }
}
