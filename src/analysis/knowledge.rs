//! The knowledge base with its lookup structures: the trie of every spelling, the fuzzy index for
//! variant spellings, Wikidata ids, and the sequence tagger. Built once per knowledge base and
//! shared (read-only) by every analysis; it depends on nothing that analyses articles.

use std::collections::HashMap;
use std::sync::Arc;

use super::kb::{Kb, KbEntity};
use super::lexicon::{name_tokens, Lexicon};
use super::link::KbFuzzy;
use super::model::{EntityType, NameRef};
use super::tagger::Tagger;

/// The knowledge base with its lookup structures, shared by every analysis.
#[derive(Debug, Default)]
pub struct KbData {
    pub kb: Kb,
    pub lexicon: Lexicon,
    pub fuzzy: KbFuzzy,
    /// Wikidata id (`Q7747`) → entity, for annotations normalised to Wikidata.
    pub by_wikidata: HashMap<String, u32>,
    /// The sequence tagger at the centre of recognition (none: the rules alone).
    pub tagger: Option<Arc<Tagger>>,
}

impl KbData {
    pub fn new(kb: Kb) -> KbData {
        let mut lexicon = Lexicon::default();
        // A corpus's own entries come first, so that a spelling they share with a built-in entry is theirs.
        let mut order: Vec<(usize, &KbEntity)> = kb.entities.iter().enumerate().collect();
        order.sort_by_key(|(i, e)| (e.source != "corpus", *i));
        for (idx, e) in order {
            for s in e.spellings() {
                lexicon.add(s, NameRef::Kb(idx as u32), e.ty.clone());
            }
        }
        // Latin spellings are matched as written (the KB itself holds Arabic only).
        for line in include_str!("words/latin_aliases.tsv").lines().filter(|l| !l.starts_with('#')) {
            if let Some((id, spelling)) = line.split_once('\t') {
                if let Some(idx) = kb.index_of(id) {
                    lexicon.add(spelling, NameRef::Kb(idx), kb.get(idx).ty.clone());
                }
            }
        }
        add_clubs_by_their_cities(&kb, &mut lexicon);
        let fuzzy = KbFuzzy::new(&kb);
        let mut by_wikidata = HashMap::new();
        for (idx, e) in kb.entities.iter().enumerate().rev() {
            if !e.wikidata.is_empty() {
                by_wikidata.insert(e.wikidata.clone(), idx as u32);
            }
        }
        KbData { kb, lexicon, fuzzy, by_wikidata, tagger: None }
    }

    /// The same, recognising with this tagger.
    pub fn with_tagger(mut self, tagger: Option<Arc<Tagger>>) -> KbData {
        self.tagger = tagger;
        self
    }
}

/// A club is named by its city in sports news («فاز ⟦برشلونة⟧»): where a club of the knowledge base
/// (an organisation described as one) is spelled as a generic head and a place («نادي برشلونة») or
/// as a place and a nisba («ليفربول الإنجليزي»), the place's spelling becomes the club's too, after the
/// place's, so that the rules still read the word as the place and only a reading as an
/// organisation (the tagger's, in context) links it to the club. Nothing new is recognised: only
/// spellings the lexicon already holds for a place gain the organisation.
fn add_clubs_by_their_cities(kb: &Kb, lexicon: &mut Lexicon) {
    let mut derived: Vec<(Vec<String>, u32)> = Vec::new();
    let is_club = |e: &KbEntity| e.ty == EntityType::Org && e.description.contains("club");
    for (idx, e) in kb.entities.iter().enumerate().filter(|(_, e)| is_club(e)) {
        for spelling in e.spellings() {
            let tokens = name_tokens(spelling);
            let place = match tokens.as_slice() {
                [head, rest @ ..] if !rest.is_empty() && (head == "نادي" || head == "النادي") => rest,
                [rest @ .., last] if !rest.is_empty() && last.starts_with("ال") && last.ends_with('ي') => rest,
                _ => continue,
            };
            if lexicon.spellings_of(place).any(|s| s.ty == EntityType::Loc) {
                derived.push((place.to_vec(), idx as u32));
            }
        }
    }
    for (tokens, idx) in derived {
        lexicon.add_tokens(tokens, NameRef::Kb(idx), EntityType::Org);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_club_named_by_its_city_is_an_alternative_after_the_city() {
        let tsv = "city-1\tLOC\tليفربول\tLiverpool\t\t\t\tgeonames\n\
                   lfc\tORG\tنادي ليفربول\tLiverpool FC\t\tfootball club\tليفربول الإنجليزي\tcurated\n\
                   paper\tORG\tليفربول إيكو\tLiverpool Echo\t\tnewspaper\tليفربول المحلي\tcurated\n\
                   hilal\tORG\tالهلال السعودي\tAl Hilal\t\tfootball club\t\tcurated\n";
        let (kb, errors) = Kb::parse_tsv(tsv, "test");
        assert!(errors.is_empty(), "{errors:?}");
        let data = KbData::new(kb);
        let ids = |w: &str| -> Vec<(String, EntityType)> {
            let spellings = data.lexicon.spellings_of(&name_tokens(w)).collect::<Vec<_>>();
            spellings
                .iter()
                .map(|s| match s.target {
                    NameRef::Kb(k) => (data.kb.get(k).id.clone(), s.ty.clone()),
                    _ => unreachable!(),
                })
                .collect()
        };
        // The city first (the rules read it), then the club (a reading as an organisation); not
        // the newspaper, no club.
        assert_eq!(ids("ليفربول"), [("city-1".to_string(), EntityType::Loc), ("lfc".to_string(), EntityType::Org)]);
        // «الهلال» is no place: nothing new is recognised.
        assert!(ids("الهلال").is_empty());
    }
}
