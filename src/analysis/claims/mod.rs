//! Placeholder until the claims rules land (being written on the `claims` branch).
use super::model::{Claim, Mention};
use super::tokens::Token;
pub fn find_claims(_text: &str, _tokens: &[Token], _mentions: &[Mention]) -> Vec<Claim> {
    Vec::new()
}
