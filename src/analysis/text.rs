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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    line_starts: Vec<u32>,
    /// Code-point offset of the start of each line.
    line_chars: Vec<u32>,
    len: u32,
    /// Bytes of a byte order mark at the start (0 or 3).
    bom: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let mut line_chars = vec![0];
        let bytes = text.as_bytes();
        let mut chars = 0u32;
        for (i, c) in text.char_indices() {
            chars += 1;
            let ends_line = c == '\n' || (c == '\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                line_starts.push((i + 1) as u32);
                line_chars.push(chars);
            }
        }
        let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() as u32 } else { 0 };
        LineIndex { line_starts, line_chars, len: text.len() as u32, bom }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// (line, column) of a byte offset, both 0-based.
    pub fn position(&self, text: &str, offset: u32, unit: ColumnUnit) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset.min(self.len) as usize) as u32;
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.content_start(line) as usize;
        let prefix = text.get(start..offset as usize).unwrap_or("");
        (line as u32, column_len(prefix, unit))
    }

    /// Byte offset of a (line, column); out-of-range positions clamp to the nearest valid offset.
    pub fn offset(&self, text: &str, line: u32, col: u32, unit: ColumnUnit) -> u32 {
        if line as usize >= self.line_starts.len() {
            return self.len;
        }
        let start = self.content_start(line as usize);
        let end = self.line_content_end(text, line as usize).max(start as usize);
        let line_text = &text[start as usize..end];
        let mut units = 0u32;
        for (i, c) in line_text.char_indices() {
            let w = match unit {
                ColumnUnit::Utf16 => c.len_utf16() as u32,
                ColumnUnit::Utf8 => c.len_utf8() as u32,
                ColumnUnit::CodePoint => 1,
            };
            if units + w > col {
                return start + i as u32;
            }
            units += w;
        }
        end as u32
    }

    /// Code-point offset of a byte offset (brat's unit).
    pub fn char_offset(&self, text: &str, offset: u32) -> u32 {
        let offset = floor_char_boundary(text, offset.min(self.len) as usize) as u32;
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line] as usize;
        self.line_chars[line] + text[start..offset as usize].chars().count() as u32
    }

    /// Byte offset of a code-point offset, or `None` past the end.
    pub fn byte_offset_of_char(&self, text: &str, char_offset: u32) -> Option<u32> {
        let line = self.line_chars.partition_point(|&s| s <= char_offset) - 1;
        let start = self.line_starts[line] as usize;
        let mut left = char_offset - self.line_chars[line];
        let mut it = text[start..].char_indices();
        loop {
            if left == 0 {
                return Some(it.next().map_or(self.len, |(i, _)| (start + i) as u32));
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

fn column_len(s: &str, unit: ColumnUnit) -> u32 {
    match unit {
        ColumnUnit::Utf16 => s.chars().map(|c| c.len_utf16() as u32).sum(),
        ColumnUnit::Utf8 => s.len() as u32,
        ColumnUnit::CodePoint => s.chars().count() as u32,
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

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
