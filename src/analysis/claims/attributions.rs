//! From each sentence's attribution to the article's [`Attribution`] records: a source named
//! only by a role («قال الرئيس»، «وأعلنت الوزارة») is tied to the person or body the article
//! named before it, and the quoted span is found.
//!
//! A person's title goes to the last person quoted in the article, else to the last person
//! mentioned before the sentence (a bare «المتحدث» to the body or country quoted last, when no
//! person was quoted after it); a body's title likewise to the last organisation quoted (a
//! company's, club's or organisation's generic name or epithet, «وقالت الشركة»، «وقال عملاق
//! البحث», with none quoted yet, to the organisation the article has mentioned most so far; with
//! a nisba, «المصنع الأمريكي», to the one named last), and a country's body («الحكومة
//! المكسيكية»، «الجيش الإسرائيلي») to that country where the article names it. A role with nobody
//! before it stays a role (`Source::Role`); a speech verb's pronoun subject with nobody before it
//! («وذكر أن») is read as the passive («ذُكر أن»), a vague source.

use std::collections::HashMap;

use super::super::model::{Attribution, EntityType, Mention, NameRef, Source};
use super::super::normalize::{normalize_char, normalize_str};
use super::roles::{holder, is_person_noun, named_for};
use super::sentences::Sentence;
use super::sources::{Attr, Role, Said};

/// The speakers of an article so far, and its attribution records.
pub(super) struct Speakers<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    /// The last person and the last organisation that were a sentence's source (mention indexes).
    last_person: Option<u32>,
    last_body: Option<u32>,
    /// The last mention that was a sentence's source, of any type.
    last_source: Option<u32>,
    bodies: BodyCounts<'a>,
    records: Vec<Attribution>,
}

/// How often each organisation was mentioned in the first `counted` mentions, with its first
/// mention, and the most mentioned one.
#[derive(Default)]
struct BodyCounts<'a> {
    counted: usize,
    counts: HashMap<&'a NameRef, (usize, usize)>,
    best: Option<(usize, usize)>,
}

impl<'a> Speakers<'a> {
    pub(super) fn new(text: &'a str, mentions: &'a [Mention]) -> Speakers<'a> {
        Speakers {
            text,
            mentions,
            last_person: None,
            last_body: None,
            last_source: None,
            bodies: BodyCounts::default(),
            records: Vec::new(),
        }
    }

    /// The attribution with a role tied to the speaker it stands for, when the article has one.
    pub(super) fn resolve(&mut self, attr: Attr, sentence_start: u32) -> Attr {
        let Attr::Named(said) = attr else {
            return attr;
        };
        if said.mention.is_some() {
            return attr;
        }
        // «قال القاضي إن»، «وقال الأديب الراحل»: a word for a person, though no title.
        let person = matches!(said.role, Role::Body | Role::Unknown) && is_person_noun(&self.source_word(said.source));
        let said = if person { Said { role: Role::Person, ..said } } else { said };
        // «وأعلنت الحكومة المكسيكية»، «قال الجيش الإسرائيلي»: a country's body speaks for the
        // country, when the article names it. (In «وقال النادي الهولندي» the nisba is the
        // club's nationality: the club speaks, not the country.)
        let generic = matches!(said.role, Role::Body | Role::Unknown) && self.is_generic_body(said.source);
        if said.role == Role::Body && !generic {
            if let Some(country) = self.country_of_nisba(said.source, sentence_start) {
                return Attr::Named(Said { mention: Some(country), ..said });
            }
        }
        if said.role == Role::Body && self.is_authority(said.source) {
            // «وتقول السلطات»، «قالت الشرطة» with no owner named: an unnamed source, though a
            // definite one (its role stays `Body`: the sentence is attributed for claims), not
            // the last body quoted.
            return Attr::Vague(said);
        }
        // «قال متحدث باسم الرئاسة» where the article names «يون يونج تشان المتحدث باسم الرئاسة»:
        // the person it names with that title.
        if said.role == Role::Person {
            if let Some(m) = holder(self.text, self.mentions, said.source, sentence_start) {
                return Attr::Named(Said { mention: Some(m), ..said });
            }
        }
        // «وقال متحدث باسم الجيش الإسرائيلي»: a spokesman for a country's body speaks for the
        // country, when the article names it.
        if let Some(body_end) = named_for(self.text, said.source.1).filter(|_| said.role == Role::Person) {
            if let Some(country) = self.country_of_nisba((body_end, body_end), sentence_start) {
                return Attr::Named(Said { mention: Some(country), ..said });
            }
        }
        let mention = match said.role {
            // «وأضاف المتحدث أن»: a spokesman with no name goes on speaking for the body (or
            // country) that was quoted last, when it was quoted after any person.
            Role::Person if self.is_spokesman(said.source) && self.last_source.is_some_and(|m| !self.is_person(m)) => {
                self.last_source
            }
            Role::Person | Role::Pronoun => {
                self.last_person.or_else(|| self.mentioned_before(sentence_start, &EntityType::Per))
            }
            // «ويقول المصنع الأمريكي» after «… بين إيرباص وبوينغ»: a nisba tells one body from
            // the others; the one named last.
            Role::Body | Role::Unknown if generic && self.is_national(said.source) => {
                self.mentioned_before(sentence_start, &EntityType::Org)
            }
            Role::Body | Role::Unknown if generic => self.last_body.or_else(|| self.main_body_before(sentence_start)),
            // «وأعلنت الحكومة الروسية»: another country's body, not the last one quoted.
            Role::Body if self.is_national(said.source) => None,
            Role::Body => self.last_body,
            Role::Named | Role::Unknown => None,
        };
        if mention.is_none() && said.role == Role::Pronoun {
            // «وذكر أن ...» with nobody before it: «ذُكر أن», an impersonal passive.
            return Attr::Vague(said);
        }
        Attr::Named(Said { mention, ..said })
    }

    /// Whether the source is a bare authority («السلطات»، «الشرطة»، «المحكمة»). (One with a
    /// nationality after it, «السلطات الإسرائيلية», is the country's, which no mention names; left
    /// vague all the same: telling the two apart lost more on dev than it gained on train.)
    fn is_authority(&self, source: (u32, u32)) -> bool {
        ["السلطات", "الشرطه", "المحكمه", "النيابه", "الادعاء", "الادعا", "الجيش"]
            .contains(&self.source_word(source).as_str())
    }

    /// The source's word, normalised, without a و or ف before it.
    fn source_word(&self, (start, end): (u32, u32)) -> String {
        let word = self.text.get(start as usize..end as usize).map(normalize_str).unwrap_or_default();
        let bare = word.strip_prefix('و').unwrap_or(&word);
        bare.strip_prefix('ف').unwrap_or(bare).to_string()
    }

    /// Whether the source is a company's, club's or organisation's generic name («الشركة»،
    /// «النادي»، «المنظمة»، «الأكاديمية»), or an epithet for one («وقال عملاق البحث» after
    /// «غوغل»), which stands for the body the article is about.
    fn is_generic_body(&self, source: (u32, u32)) -> bool {
        const GENERIC: [&str; 10] =
            ["الشركه", "النادي", "المنظمه", "المجموعه", "المصنع", "الاكاديميه", "الجمعيه", "المؤسسه", "عملاق", "العملاق"];
        GENERIC.contains(&self.source_word(source).as_str())
    }

    /// The organisation mentioned most often before `at` (the first of equals). The counts grow
    /// as the sentences go forward, so an article's mentions are counted once.
    fn main_body_before(&mut self, at: u32) -> Option<u32> {
        let end = self.mentions.partition_point(|m| m.start < at);
        if end < self.bodies.counted {
            self.bodies = BodyCounts::default();
        }
        for k in self.bodies.counted..end {
            let m = &self.mentions[k];
            if m.ty == EntityType::Org {
                let (count, first) = self.bodies.counts.entry(&m.target).or_insert((0, k));
                *count += 1;
                let key = (*count, std::cmp::Reverse(*first));
                if self.bodies.best.is_none_or(|(c, f)| key > (c, std::cmp::Reverse(f))) {
                    self.bodies.best = Some((*count, *first));
                }
            }
        }
        self.bodies.counted = end;
        self.bodies.best.map(|(_, first)| first as u32)
    }

    /// Whether the source is a bare «المتحدث»، «الناطق» (a spokesman or spokeswoman).
    fn is_spokesman(&self, source: (u32, u32)) -> bool {
        ["المتحدث", "المتحدثه", "الناطق", "الناطقه"].contains(&self.source_word(source).as_str())
    }

    fn is_person(&self, m: u32) -> bool {
        self.mentions.get(m as usize).is_some_and(|m| m.ty == EntityType::Per)
    }

    /// Whether a nisba adjective follows the source («الحكومة الروسية»، «البرلمان الفرنسي»).
    fn is_national(&self, (_, end): (u32, u32)) -> bool {
        let next = self.word_after(end);
        next.starts_with("ال") && next.chars().count() >= 6 && (next.ends_with("يه") || next.ends_with('ي'))
    }

    /// The normalised word after byte `end`, without the punctuation after it.
    fn word_after(&self, end: u32) -> String {
        let rest = self.text.get(end as usize..).unwrap_or("");
        let next = rest.split_whitespace().next().map(normalize_str).unwrap_or_default();
        next.trim_end_matches(|c: char| !c.is_alphabetic()).to_string()
    }

    /// The place mention of the country a nisba after the source names («الحكومة ⟦المكسيكية⟧» →
    /// «⟦المكسيك⟧»): the last one before `at`, else the first after it.
    fn country_of_nisba(&self, (_, end): (u32, u32), at: u32) -> Option<u32> {
        let next = self.word_after(end);
        let stem = next.strip_prefix("ال")?;
        let stem = stem.strip_suffix("يه").or_else(|| stem.strip_suffix('ي'))?;
        if stem.chars().count() < 3 {
            return None;
        }
        let names_it = |m: &Mention| {
            let base = m.form.strip_prefix("ال").unwrap_or(&m.form);
            m.ty == EntityType::Loc
                && [Some(base), base.strip_suffix("يا"), base.strip_suffix('ا'), base.strip_suffix("يه")]
                    .contains(&Some(stem))
        };
        let split = self.mentions.partition_point(|m| m.start < at);
        let before = self.mentions[..split].iter().rposition(names_it);
        let after = || self.mentions[split..].iter().position(names_it).map(|k| k + split);
        before.or_else(after).map(|k| k as u32)
    }

    /// The last mention of this type that starts before `at`.
    fn mentioned_before(&self, at: u32, ty: &EntityType) -> Option<u32> {
        let end = self.mentions.partition_point(|m| m.start < at);
        self.mentions[..end].iter().rposition(|m| &m.ty == ty).map(|k| k as u32)
    }

    /// Keeps the record of a sentence with a source, and who spoke.
    pub(super) fn record(&mut self, text: &str, sent: &Sentence, attr: Attr) {
        let attr = match attr {
            Attr::Named(said) => Attr::Named(whole_words(text, said)),
            Attr::Vague(said) => Attr::Vague(whole_words(text, said)),
            Attr::None => return,
        };
        let (said, source) = match attr {
            Attr::None => return,
            Attr::Named(said) => (
                said,
                match said.mention {
                    Some(m) => Source::Mention(m),
                    None => Source::Role { start: said.source.0, end: said.source.1 },
                },
            ),
            Attr::Vague(said) => (said, Source::Vague { start: said.source.0, end: said.source.1 }),
        };
        if let Some(m) = said.mention {
            self.last_source = Some(m);
            match self.mentions.get(m as usize).map(|m| &m.ty) {
                Some(EntityType::Per) => self.last_person = Some(m),
                Some(EntityType::Org) => self.last_body = Some(m),
                _ => {}
            }
        }
        self.records.push(Attribution {
            start: sent.start as u32,
            end: sent.end as u32,
            source,
            cue: said.cue,
            inherited_from: said.inherited_from,
            quote: quoted_span(text, sent.start, sent.end).filter(|&q| !self.is_a_name(q)),
            relayed_by: said.relayed_by,
        });
    }

    /// Whether a quoted span is only a name in quotation marks («نقل "الكرملين"»).
    fn is_a_name(&self, (start, end): (u32, u32)) -> bool {
        let i = self.mentions.partition_point(|m| m.end < end);
        self.mentions.get(i).is_some_and(|m| m.start <= start && end <= m.end + 1)
    }

    pub(super) fn into_attributions(self) -> Vec<Attribution> {
        self.records
    }
}

/// The source's and the cue's ranges up to the ends of their words: a token may stop short of
/// a final hamza or a diacritic («الخبراء»، «أنباء»), which is no part of the normalised token.
fn whole_words(text: &str, said: Said) -> Said {
    let to_word_end = |end: u32| {
        let rest = text.get(end as usize..).unwrap_or("");
        let tail: usize =
            rest.chars().take_while(|&c| c.is_alphanumeric() || normalize_char(c).is_none()).map(char::len_utf8).sum();
        end + tail as u32
    };
    let (s, e) = said.source;
    let (cs, ce) = said.cue;
    Said { source: (s, to_word_end(e)), cue: (cs, if ce > cs { to_word_end(ce) } else { ce }), ..said }
}

/// The first quotation inside a sentence, without its marks: «…»، “…” or "…" (to the sentence's
/// end when it is not closed there).
fn quoted_span(text: &str, start: usize, end: usize) -> Option<(u32, u32)> {
    let sentence = text.get(start..end)?;
    let (open, mark) = sentence.char_indices().find(|(_, c)| matches!(c, '«' | '“' | '"'))?;
    let close = match mark {
        '«' => '»',
        '“' => '”',
        _ => '"',
    };
    let inner = open + mark.len_utf8();
    let stop = sentence[inner..].find(close).map_or(sentence.len(), |k| inner + k);
    (stop > inner).then_some(((start + inner) as u32, (start + stop) as u32))
}
