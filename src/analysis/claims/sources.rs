//! Who a sentence is attributed to: a named source, a vague one, or nobody (claims.md §2 A, B).
//!
//! A speech verb («قال»، «أكدت»)، a reporting frame («بحسب»، «وفقا لـ») or an accusation verb
//! looks for its source next to it: first forward (Arabic news is mostly verb–subject), then a
//! few tokens back. A person, organisation or place mention (a place only when no preposition
//! governs it) or a title («الرئيس»، «الوزارة») is a named source; a vague noun («مراقبون»،
//! «مصادر مطلعة») is a vague one. A past-tense verb that runs straight into «أن»، «:» or a quote
//! has a pronoun subject and continues the previous sentence's source. The subject slot itself
//! (what stands after the verb, or before it) is read in `sources/slot.rs`.

use super::claim_cues::is_comparative;
use super::cues::VerbForm;
use super::lookup::List;
use super::roles::is_person_noun;
use super::subject_words::{is_pronoun_like, is_stop, names_an_unknown};
use super::{Kind, Sent};

mod slot;
use slot::{backward, forward, is_vague_position, vague_at, Subject};

/// The attribution of a sentence, as the claim rules and the attribution output need it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Attr {
    None,
    Named(Said),
    Vague(Said),
}

/// Where a source and its cue stand (byte ranges into the text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Said {
    /// The source: the first token of a mention, a title, or the vague phrase.
    pub source: (u32, u32),
    /// The mention the source is, when it is one (its index in the article's mentions).
    pub mention: Option<u32>,
    /// What kind of speaker a source that is no mention stands for.
    pub role: Role,
    pub cue: (u32, u32),
    /// The start of the sentence that named the source, when this one inherits it.
    pub inherited_from: Option<u32>,
    /// The mention that relays the source («نقلت ⟦رويترز⟧ عن مسؤول»).
    pub relayed_by: Option<u32>,
}

/// What a source that is not a mention stands for: a person's title («الرئيس»), a body's
/// («الوزارة»), or a noun the lists do not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// The source is a mention.
    Named,
    Person,
    /// The pronoun subject of a speech verb that may be a passive («وذكر أن»): the person
    /// quoted before, or, with nobody before it, an impersonal passive («ذُكر أن»), vague.
    Pronoun,
    Body,
    Unknown,
}

/// A source one cue found: a name (or title) at a token, or a vague phrase over tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Src {
    Named(usize),
    /// Inclusive token range.
    Vague(usize, usize),
}

/// What one cue found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    Nothing,
    Source(Src),
    /// A source relayed by the name at `relay` («نقلت وكالة ⟦رويترز⟧ عن مصادر»).
    Relayed {
        relay: usize,
        source: Src,
    },
    /// A speech verb with no subject of its own.
    Pronoun,
}

/// How many tokens after a speech verb its subject may start: «قال المتحدث باسم وزارة الخارجية الروسية ماريا زاخاروفا».
const FORWARD: usize = 8;
/// How many tokens before a speech verb its subject may end: «الزعيم كيم جونغ أون قال».
const BACKWARD: usize = 3;
/// How many tokens before its speech verb a headline's subject may start: «⟦بوتين⟧ يلتقي ⟦الأسد⟧ في موسكو ويحذر».
const HEADLINE_SUBJECT: usize = 6;
/// How far after a title the person or body it introduces may start: «الرئيس الروسي فلاديمير بوتين».
const AFTER_TITLE: usize = 10;

/// What came before a sentence: the last attributed sentence (its attribution and start) and
/// whether it is the sentence right before.
#[derive(Clone, Copy, Debug)]
pub(super) struct Before {
    pub last: Attr,
    pub last_start: u32,
    pub adjacent: bool,
}

/// The attribution of sentence `s`, given what came before it.
pub(super) fn attribution(s: &Sent, before: Before) -> Attr {
    let Before { last: prev, last_start: prev_start, adjacent } = before;
    let token = |i: usize| (s.toks[i].start, s.toks[i].end);
    let mut named: Option<(Src, (u32, u32))> = None;
    let mut relayed: Option<(Src, (u32, u32), usize)> = None;
    let mut pronoun = None;
    let mut vague: Option<(Src, (u32, u32))> = None;
    if let Some((j, colon)) = speaker_before_colon(s) {
        named = Some((Src::Named(j), colon));
    }
    for i in 0..s.toks.len() {
        match found_at(s, i) {
            Found::Source(src @ Src::Named(_)) => {
                named.get_or_insert((src, token(i)));
            }
            Found::Source(src @ Src::Vague(..)) => {
                vague.get_or_insert((src, token(i)));
            }
            Found::Relayed { relay, source } => {
                relayed.get_or_insert((source, token(i), relay));
            }
            Found::Pronoun => {
                pronoun.get_or_insert(i);
            }
            Found::Nothing => {}
        }
    }
    // «ذكرت صحيفة ⟦X⟧ نقلا عن مصادر»: the frame's source speaks, the paper relays it.
    if let Some((source, cue, relay)) = relayed {
        let relay = named.map_or(relay, |(n, _)| match n {
            Src::Named(j) => j.min(relay),
            Src::Vague(..) => relay,
        });
        return said(s, source, cue, Some(relay));
    }
    let continues = s.has(0, List::CONTINUATION);
    let inherit = |cue: Option<usize>| {
        let cue = cue.map_or((s.toks[0].start, s.toks[0].start), |i| (s.toks[i].start, s.toks[i].end));
        let carry = |said: Said| Said { cue, inherited_from: Some(said.inherited_from.unwrap_or(prev_start)), ..said };
        match prev {
            Attr::Named(p) => Some(Attr::Named(carry(p))),
            Attr::Vague(p) => Some(Attr::Vague(carry(p))),
            Attr::None => None,
        }
    };
    let inherited = if pronoun.is_some() || continues {
        let cue = pronoun.or(continues.then_some(0));
        // A speaker the article has not named yet: someone speaks, but who is not known.
        inherit(cue).or_else(|| {
            let at = cue.map_or((s.toks[0].start, s.toks[0].end), |i| (s.toks[i].start, s.toks[i].end));
            let role = if cue.is_some_and(|i| may_be_passive(s, i)) { Role::Pronoun } else { Role::Person };
            Some(Attr::Named(Said { source: at, mention: None, role, cue: at, inherited_from: None, relayed_by: None }))
        })
    } else if s.opens_quote && adjacent && prev != Attr::None {
        // A quotation right after a speaker's sentence goes on with their words, named or not.
        inherit(None)
    } else if adjacent
        && matches!(prev, Attr::Named(_))
        && s.base(0) == "كما"
        && !s.marks.iter().take(4).any(|m| m.first && matches!(m.kind, Some(Kind::Per | Kind::Org | Kind::Loc)))
    {
        // «كما يتيح القمر …» right after a speaker's sentence goes on with what they said.
        inherit(None)
    } else {
        None
    };
    // The first cue of the sentence speaks: «وقالت مصادر قضائية إن المتهم ... حاول» is the
    // sources', whatever the clause after it reports.
    // «ونقلت وسائل الإعلام عن ⟦بوتين⟧ قوله»: a vague relay passes on a named speaker.
    let relays = |cue: (u32, u32)| s.toks.iter().position(|t| t.start == cue.0).is_some_and(|i| is_relaying_verb(s, i));
    let vague_first = matches!((named, vague), (Some((_, n)), Some((_, v))) if v.0 < n.0 && !relays(v));
    // «وأضاف في تصريحات: "… فأنا لم أقرأ المباراة …"»: a cue inside the quotation that an
    // earlier pronoun's verb opens is in the quoted words, not the sentence's source.
    let named = named.filter(|&(_, cue)| !pronoun.is_some_and(|p| is_quoted_after(s, p, cue.0)));
    if let Some((src, cue)) = named.filter(|_| !vague_first) {
        return said(s, src, cue, None);
    }
    if let Some(attr @ Attr::Named(_)) = inherited {
        return attr;
    }
    if let Some((src, cue)) = vague {
        return said(s, src, cue, None);
    }
    inherited.unwrap_or(Attr::None)
}

/// Whether the token starting at byte `at` lies inside a quotation opened after token `from`:
/// an odd number of quotation marks between them.
fn is_quoted_after(s: &Sent, from: usize, at: u32) -> bool {
    let marks = |t: &crate::analysis::tokens::Token| t.punct_before.chars().filter(|c| QUOTE_MARKS.contains(c)).count();
    let between = s.toks.iter().skip(from + 1).take_while(|t| t.start <= at);
    between.map(marks).sum::<usize>() % 2 == 1
}

const QUOTE_MARKS: [char; 5] = ['"', '«', '»', '“', '”'];

/// «⟦الكرملين⟧: روسيا ستدافع عن مصالحها»، «⟦أياكس⟧ يعترف: ...»: a person or body at the head of
/// the sentence, then (after at most a verb) a colon; in the title also a speech verb right after
/// it (a headline puts its subject first). The mention's first token and the cue (the colon, or
/// the verb).
fn speaker_before_colon(s: &Sent) -> Option<(usize, (u32, u32))> {
    let first = s.marks.first()?;
    if !first.first || !matches!(first.kind, Some(Kind::Per | Kind::Org | Kind::Loc)) {
        return None;
    }
    let mention = first.mention;
    let after = s.marks.iter().position(|m| m.mention != mention).unwrap_or(s.toks.len());
    let colon_before = |k: usize| {
        let (prev, tok) = (s.toks.get(k.checked_sub(1)?)?, s.toks.get(k)?);
        let at = s.text.get(prev.end as usize..tok.start as usize)?.find(':')? as u32 + prev.end;
        Some((at, at + 1))
    };
    // «سوريا: مقتل عشرات المدنيين»: a place before a headline's colon is most often its
    // topic, not who speaks (train, train-extra and dev: 6 of 9 such headlines), unless it
    // speaks in the first person or is quoted after it («كوريا الشمالية: علاقتنا مع روسيا …»).
    let first_person = s.toks.get(after).is_some_and(|t| {
        t.punct_before.contains(['"', '«', '“']) || (t.norm.chars().count() >= 4 && t.norm.ends_with("نا"))
    });
    let topic = s.title && first.kind == Some(Kind::Loc) && !first_person;
    if let Some(colon) = colon_before(after).filter(|_| !topic) {
        return Some((0, colon));
    }
    // A headline puts its subject first: «⟦الاتحاد المصري⟧ يعلن رحيل ⟦كوبر⟧».
    if s.title && s.lex.get(after).is_some_and(|l| l.speech().is_some()) && colon_before(after + 1).is_none() {
        return Some((0, (s.toks[after].start, s.toks[after].end)));
    }
    if s.lex.get(after).is_some_and(|l| l.speech().is_some()) {
        return colon_before(after + 1).map(|colon| (0, colon));
    }
    None
}

/// The attribution of a source found by the cue `cue` (a byte range), relayed by the name (or
/// the title of the name) at token `relay`.
fn said(s: &Sent, src: Src, cue: (u32, u32), relay: Option<usize>) -> Attr {
    let range = |a: usize, b: usize| (s.toks[a].start, s.toks[b].end);
    let relayed_by =
        relay.and_then(|j| s.marks[j].mention.or_else(|| introduced_by_title(s, j).and_then(|k| s.marks[k].mention)));
    match src {
        Src::Named(j) => {
            // «وأضاف حارس ⟦مانشستر يونايتد⟧ السابق»: a word for a person before a body's name is
            // one of its people, not the body (a person's name after it is the speaker).
            let person_noun = s.marks[j].mention.is_none() && is_person_noun(&s.toks[j].norm);
            let introduced = introduced_by_title(s, j).filter(|&k| !person_noun || s.marks[k].kind == Some(Kind::Per));
            let (j, mention) = match s.marks[j].mention {
                Some(m) => (j, Some(m)),
                None => match introduced {
                    Some(k) => (k, s.marks[k].mention),
                    None => (j, None),
                },
            };
            // «رئيس ⟦كوريا الجنوبية⟧»: the officer of a country or body the title names, and
            // no person named after it, speaks for that country or body (not for the last
            // person quoted).
            let of_another = !person_noun
                && s.marks.get(j + 1).is_some_and(|m| m.first && matches!(m.kind, Some(Kind::Loc | Kind::Org)));
            let mention = if mention.is_none() && of_another { s.marks[j + 1].mention } else { mention };
            let role = if mention.is_some() {
                Role::Named
            } else if of_another {
                Role::Unknown
            } else if s.is_in(j, List::PERSON_TITLES, true) && names_an_unknown(s, j) {
                // «المتحدث باسم الحكومة بنيامين غريفو»: a name the recogniser missed, not the
                // last person quoted.
                Role::Unknown
            } else if s.is_in(j, List::PERSON_TITLES, true) {
                Role::Person
            } else if s.is_in(j, List::TITLES, true) || s.base(j).starts_with("ال") {
                Role::Body
            } else {
                Role::Unknown
            };
            let said = Said { source: range(j, j), mention, role, cue, inherited_from: None, relayed_by };
            Attr::Named(said)
        }
        Src::Vague(a, b) => Attr::Vague(Said {
            source: range(a, b),
            mention: None,
            role: Role::Unknown,
            cue,
            inherited_from: None,
            relayed_by,
        }),
    }
}

/// The person (or, failing one, the body) a title at `j` introduces: «الرئيس الروسي ⟦فلاديمير
/// بوتين⟧»، «المتحدث باسم الخارجية ⟦ماريا زاخاروفا⟧». Stops at the end of the subject slot.
fn introduced_by_title(s: &Sent, j: usize) -> Option<usize> {
    let end = s.toks.len().min(j + 1 + AFTER_TITLE);
    // A body's title («وكالة ⟦الأناضول⟧»، «صحيفة ⟦لوموند⟧») introduces the body right after it,
    // not a person named further on («نقلت وكالة ⟦الأناضول⟧ عن الوزير ⟦بيرقدار⟧»).
    let body_title = s.is_in(j, List::TITLES, true) && !s.is_in(j, List::PERSON_TITLES, true);
    if body_title {
        let org = (j + 1..end.min(j + 3))
            .find(|&k| s.marks[k].first && s.marks[k].kind == Some(Kind::Org) && !is_addressee(s, k));
        if org.is_some() {
            return org;
        }
    }
    let mut body = None;
    for k in j + 1..end {
        let mark = s.marks[k];
        // «متحدث باسم "وايمو"»: a quotation mark around the name opens no quotation.
        let quoted_name = mark.first && mark.kind.is_some() && !s.toks[k].punct_before.contains(':');
        if (is_stop(s, k) && !quoted_name) || s.lex[k].speech().is_some() {
            break;
        }
        if !mark.first || is_addressee(s, k) {
            continue;
        }
        match mark.kind {
            Some(Kind::Per) => return Some(k),
            Some(Kind::Org) if body.is_none() && k <= j + 3 => body = Some(k),
            _ => {}
        }
    }
    body
}

fn found_at(s: &Sent, i: usize) -> Found {
    // «من المتوقع أن يعلن الرئيس»: what follows the phrase is no subject of it.
    if is_impersonal_phrase(s, i) {
        return Found::Source(Src::Vague(i, i + 1));
    }
    if s.is_in(i, List::IMPERSONAL, false) && is_clause_initial(s, i) {
        return match speaker(s, i, VerbForm::Present) {
            found @ Found::Source(Src::Named(_)) => found,
            _ => Found::Source(Src::Vague(i, i)),
        };
    }
    // «…، ويعتقد بأنهم حاولوا الهرب»: joined by و/ف, the passive needs a subject after it to
    // be active; the name before it is no subject.
    if s.is_in(i, List::IMPERSONAL, false) && s.word(i) != s.base(i) {
        return match forward(s, i) {
            Subject::Found(found @ Found::Source(Src::Named(_))) => found,
            _ => Found::Source(Src::Vague(i, i)),
        };
    }
    // «نقلا عن» is a frame, though it reads as a dual verb too.
    if s.base(i) == "نقلا" && is_frame(s, i) {
        return frame_source(s, i);
    }
    if let Some((form, initial_only)) = s.lex[i].speech() {
        if initial_only && !is_clause_initial(s, i) {
            return Found::Nothing;
        }
        // «أضاف سيلفا الهدف الثالث»، «وتحدث مزراوي مع المدرب»: added a goal, talked with; these
        // verbs report only when what is said follows («أن»، «:», a quotation).
        if needs_content(s, i) && !(i + 1..s.toks.len()).any(|j| is_stop(s, j)) {
            // «ويعتبر من أبرز اللاعبين»: with nothing said after it, «يعتبر» at the head of
            // its clause (or after و/ف) is the passive «يُعتبر» (is considered), by nobody named.
            let opens_clause = is_clause_initial(s, i) || s.word(i) != s.base(i);
            let considered = matches!(s.base(i), "يعتبر" | "تعتبر") && opens_clause;
            return if considered { Found::Source(Src::Vague(i, i)) } else { Found::Nothing };
        }
        let found = speaker(s, i, form);
        return match found {
            Found::Source(Src::Named(j)) if is_relaying_verb(s, i) => match relayed_source(s, j) {
                Some(source) => Found::Relayed { relay: j, source },
                None => found,
            },
            _ => found,
        };
    }
    if is_frame(s, i) {
        return frame_source(s, i);
    }
    match vague_at(s, i) {
        Some(end) if is_vague_position(s, i) => Found::Source(Src::Vague(i, end)),
        _ => Found::Nothing,
    }
}

/// Whether the speech verb at `i` may be read as an impersonal passive: a masculine singular
/// perfect («ذكر» is also «ذُكر»، «اعتبر» also «اعتُبر»), neither «قال» (whose passive is «قيل»)
/// nor a continuation («وأضاف» goes on with somebody's words). «قالت»، «ذكروا» have a subject.
fn may_be_passive(s: &Sent, i: usize) -> bool {
    let w = s.base(i);
    let past = s.lex[i].speech().is_some_and(|(form, _)| form == VerbForm::Past);
    past && w != "قال" && !w.ends_with(['ت', 'ا']) && !s.is_in(i, List::CONTINUATION, false)
}

/// Speech verbs that also mean something else with an object: «أضاف» (added), «تحدث» (talked),
/// «أوضح» (showed), «يعتبر» (is considered).
fn needs_content(s: &Sent, i: usize) -> bool {
    let w = s.base(i);
    s.is_in(i, List::CONTINUATION, false)
        || ["تحدث", "يتحدث", "تتحدث", "تحدثت", "يوضح", "توضح", "يعتبر", "تعتبر"].contains(&w)
}

/// «نقل»، «نقلت»: the verb of relaying what someone else said.
fn is_relaying_verb(s: &Sent, i: usize) -> bool {
    matches!(s.base(i), "نقل" | "نقلت" | "تنقل" | "ينقل")
}

/// «نقلتها»، «نقلها»، «نقلته»: a relaying verb whose object suffix is the words just said.
fn relays_the_words(s: &Sent, j: usize) -> bool {
    matches!(s.base(j), "نقلتها" | "نقلها" | "نقلته" | "تنقلها" | "ينقلها")
}

/// The source after «عن» that follows the relaying name at `j`: «نقلت ⟦رويترز⟧ عن ⟦مسؤول⟧».
fn relayed_source(s: &Sent, j: usize) -> Option<Src> {
    let end = s.toks.len().min(j + 1 + FORWARD);
    // (A quotation mark closing the relaying name, «نقل "الكرملين" عن», ends nothing.)
    let ends_slot = |k: usize| s.toks[k].punct_before.contains(':') || s.is_in(k, List::COMPLEMENTIZERS, false);
    let at = (j + 1..end).take_while(|&k| !ends_slot(k)).find(|&k| s.word(k) == "عن")?;
    // «عن أحد المجندين»: someone the article does not name.
    source_after(s, at).or_else(|| (at + 1 < s.toks.len() && !is_stop(s, at + 1)).then_some(Src::Vague(at + 1, at + 1)))
}

/// The first source in a short window after token `i`.
fn source_after(s: &Sent, i: usize) -> Option<Src> {
    for j in i + 1..s.toks.len().min(i + 1 + FORWARD) {
        if s.marks[j].kind.is_some() {
            return Some(Src::Named(mention_start(s, j)));
        }
        if let Some(end) = vague_at(s, j) {
            return Some(Src::Vague(j, end));
        }
        if s.is_in(j, List::TITLES, true) {
            return Some(Src::Named(j));
        }
    }
    None
}

/// The first token of the mention that covers token `j`.
fn mention_start(s: &Sent, j: usize) -> usize {
    let mut k = j;
    while k > 0 && !s.marks[k].first && s.marks[k - 1].mention == s.marks[j].mention {
        k -= 1;
    }
    k
}

/// «من المعروف أن»، «من المتوقع أن»، «من المرجح أن»، «تردد أن».
fn is_impersonal_phrase(s: &Sent, i: usize) -> bool {
    if !s.lex[i].base_in(List::PHRASE_HEADS) {
        return false;
    }
    match s.base(i) {
        "من" => {
            let next = s.toks.get(i + 1).map_or("", |t| t.norm.as_str());
            // «أقوى من المتوقع» compares; it reports nothing.
            matches!(next, "المعروف" | "المتوقع" | "المرجح") && !(i > 0 && is_comparative(s, i - 1))
        }
        "تردد" | "ترددت" => s.has(i + 1, List::COMPLEMENTIZERS),
        _ => false,
    }
}

fn is_clause_initial(s: &Sent, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return true;
    };
    matches!(s.base(prev), "قد" | "كما" | "ثم" | "لقد" | "فيما" | "بينما" | "حيث" | "اذ" | "ما" | "مما" | "كان" | "لكن")
}

/// Reporting verbs that, after «بحسب ما», read as passives: «بحسب ما نُشر»، «وفق ما ورد».
const PASSIVE_REPORTS: [&str; 6] = ["نشر", "ورد", "افيد", "تردد", "يتردد", "اشيع"];
/// What a body speaks through: «الموقع»، «بيان»، «حساب»، «صفحة» (normalised).
const CHANNELS: [&str; 4] = ["موقع", "بيان", "حساب", "صفحه"];

/// «وقال لوكالة ⟦فرانس برس⟧ إن»، «وقالت الشرطة لصحيفة ⟦الغارديان⟧»: the outlet a speaker talks
/// to (named after an outlet's title with «لـ») is no subject.
fn is_addressee(s: &Sent, k: usize) -> bool {
    let Some(before) = k.checked_sub(1) else { return false };
    let outlet = (s.is_in(before, List::TITLES, true) && !s.is_in(before, List::TITLES, false))
        || CHANNELS.iter().any(|c| s.base(before) == *c);
    outlet && s.toks[before].norm.starts_with('ل')
}

fn is_frame(s: &Sent, i: usize) -> bool {
    if s.word(i) == "لسان" || s.base(i) == "لسان" {
        return i > 0 && s.toks[i - 1].norm == "علي";
    }
    s.is_in(i, List::FRAMES, false)
}

/// The source after a frame: an organisation anywhere later in the sentence («بحسب ما نقلت
/// عنه وكالات أنباء روسية» is left to the verb), else the first source in a short window.
/// «نقلا عن» relays: the source after it speaks.
fn frame_source(s: &Sent, i: usize) -> Found {
    if s.toks.get(i + 1).is_some_and(|t| matches!(t.norm.as_str(), "ما" | "لما")) {
        // «وحسب ما نُشر من التحقيقات»: a passive with nobody named after it is a vague source.
        let passive = s.toks.get(i + 2).is_some_and(|t| PASSIVE_REPORTS.contains(&t.norm.as_str()));
        // «وفقا لما ورد عبر الموقع الإلكتروني للمؤسسة»: a body's own channel names its source.
        let window = i + 3..s.toks.len().min(i + 7);
        let named = window.clone().any(|k| s.marks[k].first && matches!(s.marks[k].kind, Some(Kind::Per | Kind::Org)));
        let channel = window.into_iter().any(|k| CHANNELS.iter().any(|c| s.base(k).ends_with(c)));
        return if passive && !named && !channel { Found::Source(Src::Vague(i, i + 2)) } else { Found::Nothing };
    }
    // «بحسب مسؤولين أمنيين»: a vague source right after the frame is its source.
    if let Some(end) = (i + 1 < s.toks.len()).then(|| vague_at(s, i + 1)).flatten() {
        return Found::Source(Src::Vague(i + 1, end));
    }
    if let Some(j) = s.last_org_start.filter(|&j| j > i) {
        if s.base(i) != "نقلا" {
            return Found::Source(Src::Named(j));
        }
    }
    match source_after(s, i) {
        Some(src) if s.base(i) == "نقلا" => match i
            .checked_sub(1)
            .and_then(|p| s.marks[..=p].iter().rposition(|m| m.first && matches!(m.kind, Some(Kind::Per | Kind::Org))))
        {
            Some(relay) => Found::Relayed { relay, source: src },
            None => Found::Source(src),
        },
        Some(src) => Found::Source(src),
        None => Found::Nothing,
    }
}

/// The source of the speech verb at `i`.
fn speaker(s: &Sent, i: usize, form: VerbForm) -> Found {
    if form == VerbForm::After {
        // «قائلا:»، «مضيفا أن»: without a quote or «أن» after it, «مضيفه» is "his host".
        if !(i + 1..s.toks.len().min(i + 4)).any(|j| is_stop(s, j)) {
            return Found::Nothing;
        }
        return match backward(s, i, i) {
            Found::Nothing => Found::Pronoun,
            found => found,
        };
    }
    // «أقوى من أي وقت مضى»: a verb that ends the sentence introduces nothing.
    if i + 1 >= s.toks.len() {
        return Found::Nothing;
    }
    let subject = forward(s, i);
    // A headline puts its subject first: «⟦بوتين⟧ يلتقي ⟦الأسد⟧ في موسكو ويحذر من تصعيد»، «رئيس
    // ⟦كوريا الجنوبية⟧ يحذر من …», unless a name follows the verb at once («يقول ⟦بوتين⟧»).
    let named_next = matches!(subject, Subject::Found(Found::Source(Src::Named(j))) if j == i + 1);
    if s.title && !named_next {
        if let Some(j) = headline_subject(s, i) {
            return Found::Source(Src::Named(j));
        }
    }
    match subject {
        Subject::Found(found) => found,
        // «وتابعت قولها:»، «وقالت معلقةً:»: a verbal noun or a participle, not a subject.
        Subject::Unknown(j) if is_pronoun_like(s, j) => Found::Pronoun,
        Subject::Unknown(j) => Found::Source(Src::Named(j)),
        Subject::Missing => match backward(s, i, BACKWARD) {
            Found::Nothing if form == VerbForm::Past => Found::Pronoun,
            // «ويقول إن …»، «وتضيف: "…"» opening a sentence: the speaker before goes on.
            Found::Nothing
                if form == VerbForm::Present && i == 0 && s.word(0) != s.base(0) && !is_impersonal_present(s, i) =>
            {
                Found::Pronoun
            }
            found => found,
        },
        Subject::Unclear => backward(s, i, BACKWARD),
    }
}

/// The subject at the head of a headline, a few tokens before its speech verb at `i`: a
/// person, body or place named at the first token, or a title there («رئيس»).
fn headline_subject(s: &Sent, i: usize) -> Option<usize> {
    let first = s.marks.first()?;
    let named = first.first && !first.prep && matches!(first.kind, Some(Kind::Per | Kind::Org | Kind::Loc));
    let title = first.kind.is_none() && s.is_in(0, List::TITLES, false);
    ((named || title) && (1..=HEADLINE_SUBJECT).contains(&i)).then_some(0)
}

/// «يذكر أن»، «يشار إلى أن»: a masculine imperfect with nothing before «أن» that reads as the
/// impersonal passive (it is mentioned that), by nobody.
fn is_impersonal_present(s: &Sent, i: usize) -> bool {
    matches!(s.base(i), "يذكر" | "يشار" | "يعتبر" | "يتوقع" | "يرجح" | "يعتقد" | "يقال")
}
