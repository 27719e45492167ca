//! Touching the file system safely: which paths lie inside the corpus, reading a file, writing one.
//!
//! Reading opens without following a final symbolic link and without blocking (a FIFO or a device
//! named `x.ann` is refused at once instead of hanging), checks the open file is a regular file
//! and reads at most the size limit. A path is inside the roots when it lies below one of them
//! without `..` and without a symbolic link on the way, so that it resolves to the same place under
//! the root's real path. Writing goes to a temporary file in the target's directory, renamed over
//! the target: it never follows a link, never writes outside the output directory, and a failed
//! write leaves the old file as it was.

use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Component, Path, PathBuf};

/// Why a file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// There is no file there.
    Missing,
    /// There is something there that was not read, and why (a link, a FIFO, too big, not UTF-8 …).
    Refused(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => f.write_str("no such file"),
            ReadError::Refused(reason) => f.write_str(reason),
        }
    }
}

/// Reads a regular file of at most `max_bytes` bytes. A symbolic link, a FIFO, a device or a
/// directory is refused without blocking.
pub fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let file =
        std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path).map_err(
            |e| match e.kind() {
                std::io::ErrorKind::NotFound => ReadError::Missing,
                // O_NOFOLLOW on a link fails with ELOOP.
                _ if e.raw_os_error() == Some(libc::ELOOP) => ReadError::Refused("symbolic link (not followed)".into()),
                _ => ReadError::Refused(format!("cannot read: {e}")),
            },
        )?;
    let meta = file.metadata().map_err(|e| ReadError::Refused(format!("cannot read: {e}")))?;
    if !meta.file_type().is_file() {
        return Err(ReadError::Refused(format!("not a regular file ({})", kind_of(&meta.file_type()))));
    }
    if meta.len() > max_bytes {
        return Err(ReadError::Refused(format!("{} bytes, over the {max_bytes} byte limit", meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read is still read only up to the limit.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Refused(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::Refused(format!("over the {max_bytes} byte limit")));
    }
    Ok(bytes)
}

/// Whether a regular file starts with a UTF-8 byte order mark (false when it cannot be read).
pub fn starts_with_bom(path: &Path) -> bool {
    let Ok(file) = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)
    else {
        return false;
    };
    if !file.metadata().is_ok_and(|m| m.file_type().is_file()) {
        return false;
    }
    let mut head = [0u8; 3];
    let mut read = 0;
    let mut file = file;
    while read < 3 {
        match file.read(&mut head[read..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    head == [0xEF, 0xBB, 0xBF]
}

/// Reads a regular UTF-8 text file of at most `max_bytes` bytes.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, ReadError> {
    let bytes = read_regular(path, max_bytes)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Refused(format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
    })
}

fn kind_of(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a file"
    }
}

/// Whether a path lies inside one of the roots by its text: below a root, with no `..` or `.`.
pub fn inside_roots(roots: &[PathBuf], path: &Path) -> bool {
    roots.iter().any(|r| below(r, path).is_some())
}

/// The part of `path` below `root`, when it is made only of plain names.
fn below<'p>(root: &Path, path: &'p Path) -> Option<&'p Path> {
    let rest = path.strip_prefix(root).ok()?;
    rest.components().all(|c| matches!(c, Component::Normal(_))).then_some(rest)
}

/// Whether `path` lies inside one of the roots for real: below it by its text, and no directory
/// between the root and the file is a symbolic link (the file itself is opened without following
/// links by [`read_regular`]). Like the workspace walk, which follows no links, this never lets a
/// read leave the roots through a link or `..`. The path need not exist.
pub fn really_inside_roots(roots: &[PathBuf], path: &Path) -> bool {
    roots.iter().any(|root| {
        let Some(rest) = below(root, path) else { return false };
        let mut at = root.to_path_buf();
        let dirs = rest.parent().map(|p| p.components().count()).unwrap_or(0);
        rest.components().take(dirs).all(|c| {
            at.push(c);
            match std::fs::symlink_metadata(&at) {
                Ok(m) => m.file_type().is_dir(),
                // Not there (yet): nothing to follow.
                Err(_) => true,
            }
        })
    })
}

/// Reads a text file that must lie really inside the roots (see [`really_inside_roots`]).
pub fn read_text_inside(roots: &[PathBuf], path: &Path, max_bytes: u64) -> Result<String, ReadError> {
    if !really_inside_roots(roots, path) {
        return Err(ReadError::Refused(
            "outside the workspace folders, or behind a symbolic link (not followed)".into(),
        ));
    }
    read_text(path, max_bytes)
}

/// Writes `bytes` to `target`, which must lie below `out_dir` by plain names: the directories on the
/// way are created, none of them may be a symbolic link, the target must be a regular file if it
/// exists, and the bytes go to a new temporary file beside it that is then renamed over it.
pub fn write_inside(out_dir: &Path, target: &Path, bytes: &[u8]) -> Result<(), String> {
    let rest = below(out_dir, target)
        .filter(|r| r.file_name().is_some())
        .ok_or_else(|| format!("{} is not inside {}", target.display(), out_dir.display()))?;
    let mut dir = out_dir.to_path_buf();
    if let Some(parent) = rest.parent() {
        for c in parent.components() {
            dir.push(c);
            match std::fs::symlink_metadata(&dir) {
                Ok(m) if m.file_type().is_dir() => {}
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(format!("{} is a symbolic link: not written through", dir.display()))
                }
                Ok(_) => return Err(format!("{} is not a directory", dir.display())),
                Err(_) => std::fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?,
            }
        }
    }
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(format!("{} is a symbolic link: not written through", target.display()))
        }
        Ok(m) if !m.file_type().is_file() => {
            return Err(format!("{} is {}: not written", target.display(), kind_of(&m.file_type())))
        }
        _ => {}
    }
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.isnad-{}.tmp", std::process::id()));
    let written = (|| {
        // create_new: O_EXCL, which never follows a link either.
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o644).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, target)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot write {}: {e}", target.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory under the system's temporary one, removed when the test ends (pass or
    /// fail).
    struct Scratch(PathBuf);

    impl std::ops::Deref for Scratch {
        type Target = PathBuf;
        fn deref(&self) -> &PathBuf {
            &self.0
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn temp(label: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("isnad-files-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(std::fs::canonicalize(dir).unwrap())
    }

    #[test]
    fn a_fifo_a_link_a_directory_and_a_big_file_are_refused_without_blocking() {
        let dir = temp("read");
        std::fs::write(dir.join("a.ann"), "T1\tPER 0 1\tx\n").unwrap();
        assert_eq!(read_text(&dir.join("a.ann"), 100).unwrap(), "T1\tPER 0 1\tx\n");
        assert_eq!(read_text(&dir.join("none.ann"), 100), Err(ReadError::Missing));
        let fifo = dir.join("fifo.ann");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert_eq!(read_text(&fifo, 100), Err(ReadError::Refused("not a regular file (a FIFO)".into())));
        std::os::unix::fs::symlink(dir.join("a.ann"), dir.join("link.ann")).unwrap();
        assert_eq!(
            read_text(&dir.join("link.ann"), 100),
            Err(ReadError::Refused("symbolic link (not followed)".into()))
        );
        assert!(matches!(read_text(&dir, 100), Err(ReadError::Refused(r)) if r.contains("directory")));
        assert!(matches!(read_text(&dir.join("a.ann"), 5), Err(ReadError::Refused(r)) if r.contains("limit")));
        // No limit at all (`--max-file-bytes 18446744073709551615`) reads the whole file.
        assert_eq!(read_text(&dir.join("a.ann"), u64::MAX).unwrap(), "T1\tPER 0 1\tx\n");
        std::fs::write(dir.join("latin1.ann"), b"T1\tPER 0 1\t\xe9\n").unwrap();
        assert!(matches!(read_text(&dir.join("latin1.ann"), 100), Err(ReadError::Refused(r)) if r.contains("UTF-8")));
    }

    #[test]
    fn inside_means_below_a_root_by_plain_names_with_no_link_on_the_way() {
        let dir = temp("inside");
        let outside = temp("inside-out");
        std::fs::create_dir(dir.join("sub")).unwrap();
        std::os::unix::fs::symlink(&*outside, dir.join("out")).unwrap();
        let roots = vec![dir.to_path_buf()];
        assert!(really_inside_roots(&roots, &dir.join("sub/a.txt")));
        assert!(really_inside_roots(&roots, &dir.join("new/a.txt")));
        assert!(!really_inside_roots(&roots, &dir.join("out/a.ann")));
        assert!(!really_inside_roots(&roots, &dir.join("sub/../../x.txt")));
        assert!(!really_inside_roots(&roots, &outside.join("a.txt")));
        assert!(inside_roots(&roots, &dir.join("out/a.ann")), "by its text it is inside");
    }

    #[test]
    fn writing_never_follows_a_link_and_replaces_the_file_whole() {
        let dir = temp("write");
        let outside = temp("write-out");
        std::fs::write(outside.join("victim"), "keep").unwrap();
        std::os::unix::fs::symlink(outside.join("victim"), dir.join("a.ann")).unwrap();
        std::os::unix::fs::symlink(&*outside, dir.join("linked")).unwrap();
        let err = write_inside(&dir, &dir.join("a.ann"), b"new").unwrap_err();
        assert!(err.contains("symbolic link"), "{err}");
        let err = write_inside(&dir, &dir.join("linked/b.ann"), b"new").unwrap_err();
        assert!(err.contains("symbolic link"), "{err}");
        assert!(write_inside(&dir, &dir.join("../x.ann"), b"new").is_err());
        assert_eq!(std::fs::read_to_string(outside.join("victim")).unwrap(), "keep");
        assert!(!outside.join("b.ann").exists());
        write_inside(&dir, &dir.join("d/e/c.ann"), b"one").unwrap();
        write_inside(&dir, &dir.join("d/e/c.ann"), b"two").unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("d/e/c.ann")).unwrap(), "two");
        let left: Vec<_> = std::fs::read_dir(dir.join("d/e")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 1, "no temporary file is left: {left:?}");
    }
}
