//! The `isnad` binary.
fn main() {}
