//! The corpus configuration `isnad.toml`: settings and a corpus knowledge base.
//!
//! ```toml
//! [settings]
//! articles = ["**/*.txt", "**/*.md"]   # which files are articles
//! max-file-bytes = 10485760
//! language = "ar"                      # of messages: "ar" or "en"
//! annotations-only = false             # true: no automatic recognition in annotated articles
//! sync-annotations = false             # true: saving an edited article writes its moved annotations
//!
//! [claims]
//! min-score = 0.4                      # flag unsourced sentences scoring at least this (0–1)
//!
//! [checks]                             # severity of each check, or "off"
//! unsourced-claim = "warning"
//! vague-source = "off"
//!
//! [[entity]]
//! id = "kim-jong-un"
//! type = "PER"
//! name = "كيم جونغ أون"
//! english = "Kim Jong Un"
//! aliases = ["كيم جونج أون", "كيم جونج وون"]
//! wikidata = "Q56226"
//! description = "Supreme Leader of North Korea since 2011"
//! ```
//!
//! Reading never fails as a whole unless the TOML itself is broken: unknown keys, wrong value
//! types, duplicate ids and a spelling claimed by two entities become [`ConfigProblem`]s with a
//! byte range in the file, and the rest is used. A syntax error gives no configuration at all, so
//! that the caller keeps the last good one.

use std::collections::BTreeMap;
use std::ops::Range;

use toml_edit::{ImDocument, Item, Table, Value};

use super::checks::{Check, Severity};
use super::kb::{Kb, KbEntity};
use super::model::{EntityType, Lang};
use super::normalize::normalize_str;

/// The `[settings]` and `[checks]` of a corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Globs (relative to the corpus root) of the files that are articles; empty = `*.txt`, `*.md`.
    pub articles: Vec<String>,
    pub max_file_bytes: Option<u64>,
    pub language: Option<Lang>,
    pub annotations_only: bool,
    /// When an edited article is saved, the server writes its annotations' moved offsets to its `.ann`
    /// (as an edit the editor applies).
    pub sync_annotations: bool,
    /// The severities of the checks the file mentions.
    pub checks: BTreeMap<Check, Severity>,
    /// `[claims] min-score`, in thousandths: the check-worthiness an unsourced sentence needs
    /// to be flagged (unset: the model's threshold).
    pub claims_min_score: Option<u16>,
}

impl Settings {
    /// The severity of a check: the configured one, else its default.
    pub fn severity(&self, check: Check) -> Severity {
        self.checks.get(&check).copied().unwrap_or(check.default_severity())
    }

    /// The minimum score (thousandths) of a flagged unsourced sentence.
    pub fn min_claim_score(&self) -> u16 {
        self.claims_min_score.unwrap_or_else(super::claims::default_min_score)
    }
}

/// A readable `isnad.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusConfig {
    pub settings: Settings,
    /// Knowledge-base entries, `source = "corpus"`, `defined_at` = (file name, offset of `[[entity]]`).
    pub entities: Vec<KbEntity>,
}

/// Something wrong in an `isnad.toml`, at a byte range of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    pub range: Range<usize>,
    pub severity: Severity,
    pub check: Check,
    pub message: String,
}

const ENTITY_KEYS: &[&str] = &["id", "type", "name", "english", "aliases", "wikidata", "description"];
const SETTINGS_KEYS: &[&str] = &["articles", "max-file-bytes", "language", "annotations-only", "sync-annotations"];

/// Reads `text` (the file `file_name`). `builtin` is the knowledge base the entries extend, for
/// reporting spellings that collide with it. `declared_types` are the entity types of the
/// corpus's `annotation.conf` (besides PER, LOC, ORG).
pub fn parse_config(
    text: &str,
    file_name: &str,
    builtin: &Kb,
    declared_types: &[String],
) -> (Option<CorpusConfig>, Vec<ConfigProblem>) {
    let mut r = Reader { problems: Vec::new() };
    let doc = match ImDocument::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let range = e.span().unwrap_or(0..0);
            let message = format!("not valid TOML: {}", e.message().trim());
            r.problem(range, Severity::Error, Check::ConfigSyntax, message);
            return (None, r.problems);
        }
    };
    let root = doc.as_table();
    let mut config = CorpusConfig::default();
    for (key, item) in root.iter() {
        match key {
            "settings" => r.settings(item, &mut config.settings),
            "checks" => r.checks(item, &mut config.settings),
            "claims" => r.claims(item, &mut config.settings),
            "entity" => r.entities(item, file_name, declared_types, &mut config.entities),
            _ => r.unknown_key(root, key, "top-level tables are `settings`, `claims`, `checks` and `[[entity]]`"),
        }
    }
    r.collisions(&config.entities, builtin);
    (Some(config), r.problems)
}

struct Reader {
    problems: Vec<ConfigProblem>,
}

fn span_of(item: &Item) -> Range<usize> {
    item.span().unwrap_or(0..0)
}

impl Reader {
    fn problem(&mut self, range: Range<usize>, severity: Severity, check: Check, message: String) {
        self.problems.push(ConfigProblem { range, severity, check, message });
    }

    fn unknown_key(&mut self, table: &Table, key: &str, known: &str) {
        let range = table.key(key).and_then(|k| k.span()).unwrap_or(0..0);
        self.problem(range, Severity::Warning, Check::ConfigUnknownKey, format!("unknown key `{key}`; {known}"));
    }

    fn wrong_type(&mut self, item: &Item, key: &str, expected: &str) {
        self.problem(span_of(item), Severity::Error, Check::ConfigValue, format!("`{key}` must be {expected}"));
    }

    fn string<'a>(&mut self, item: &'a Item, key: &str) -> Option<&'a str> {
        let s = item.as_str();
        if s.is_none() {
            self.wrong_type(item, key, "a string");
        }
        s
    }

    fn strings(&mut self, item: &Item, key: &str) -> Vec<String> {
        match item.as_array() {
            Some(a) if a.iter().all(|v| v.as_str().is_some()) => {
                a.iter().filter_map(Value::as_str).map(String::from).collect()
            }
            _ => {
                self.wrong_type(item, key, "an array of strings");
                Vec::new()
            }
        }
    }

    fn table<'a>(&mut self, item: &'a Item, key: &str) -> Option<&'a Table> {
        let t = item.as_table();
        if t.is_none() {
            self.wrong_type(item, key, "a table");
        }
        t
    }

    fn settings(&mut self, item: &Item, settings: &mut Settings) {
        let Some(table) = self.table(item, "settings") else { return };
        for (key, value) in table.iter() {
            match key {
                "articles" => settings.articles = self.strings(value, key),
                "max-file-bytes" => match value.as_integer() {
                    Some(n) if n > 0 => settings.max_file_bytes = Some(n as u64),
                    _ => self.wrong_type(value, key, "a positive integer (bytes)"),
                },
                "language" => match self.string(value, key) {
                    Some("ar") => settings.language = Some(Lang::Ar),
                    Some("en") => settings.language = Some(Lang::En),
                    Some(_) => self.wrong_type(value, key, "\"ar\" or \"en\""),
                    None => {}
                },
                "annotations-only" => match value.as_bool() {
                    Some(b) => settings.annotations_only = b,
                    None => self.wrong_type(value, key, "true or false"),
                },
                "sync-annotations" => match value.as_bool() {
                    Some(b) => settings.sync_annotations = b,
                    None => self.wrong_type(value, key, "true or false"),
                },
                _ => self.unknown_key(table, key, &format!("settings are {}", SETTINGS_KEYS.join(", "))),
            }
        }
    }

    fn claims(&mut self, item: &Item, settings: &mut Settings) {
        let Some(table) = self.table(item, "claims") else { return };
        for (key, value) in table.iter() {
            match key {
                "min-score" => match value.as_float().or_else(|| value.as_integer().map(|n| n as f64)) {
                    Some(x) if (0.0..=1.0).contains(&x) => {
                        settings.claims_min_score = Some(super::claims::to_thousandths(x))
                    }
                    _ => self.wrong_type(value, key, "a number from 0 to 1"),
                },
                _ => self.unknown_key(table, key, "the claims setting is min-score"),
            }
        }
    }

    fn checks(&mut self, item: &Item, settings: &mut Settings) {
        let Some(table) = self.table(item, "checks") else { return };
        for (key, value) in table.iter() {
            let Some(check) = Check::configurable(key) else {
                let codes: Vec<&str> = Check::CONFIGURABLE.iter().map(|c| c.code()).collect();
                self.unknown_key(table, key, &format!("checks are {}", codes.join(", ")));
                continue;
            };
            match value.as_str().and_then(Severity::parse) {
                Some(s) => {
                    settings.checks.insert(check, s);
                }
                None => self.wrong_type(value, key, "one of \"error\", \"warning\", \"info\", \"hint\", \"off\""),
            }
        }
    }

    fn entities(&mut self, item: &Item, file_name: &str, declared: &[String], out: &mut Vec<KbEntity>) {
        let Some(array) = item.as_array_of_tables() else {
            self.wrong_type(item, "entity", "written as `[[entity]]` tables");
            return;
        };
        // Id → index in `out`, so that finding a duplicate does not rescan the entries.
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        for table in array.iter() {
            let at = table.span().unwrap_or(0..0);
            if let Some(e) = self.entity(table, at.clone(), file_name, declared) {
                if let Some(&first) = seen.get(&e.id) {
                    let line = out[first].defined_at.as_ref().map_or(0, |d| d.1);
                    let range = table.get("id").map_or(at, span_of);
                    let message =
                        format!("duplicate id `{}` (first defined at byte {line}); this entry is ignored", e.id);
                    self.problem(range, Severity::Error, Check::DuplicateId, message);
                    continue;
                }
                seen.insert(e.id.clone(), out.len());
                out.push(e);
            }
        }
    }

    fn entity(&mut self, table: &Table, at: Range<usize>, file_name: &str, declared: &[String]) -> Option<KbEntity> {
        for (key, _) in table.iter() {
            if !ENTITY_KEYS.contains(&key) {
                self.unknown_key(table, key, &format!("entity keys are {}", ENTITY_KEYS.join(", ")));
            }
        }
        let required = |key: &str, r: &mut Reader| -> Option<String> {
            match table.get(key) {
                Some(item) => r.string(item, key).map(String::from),
                None => {
                    let message = format!("this entity has no `{key}`; it is ignored");
                    r.problem(at.clone(), Severity::Error, Check::ConfigMissingKey, message);
                    None
                }
            }
        };
        let id = required("id", self);
        let ty = required("type", self);
        let name = required("name", self);
        let (id, ty_name, name) = (id?, ty?, name?);
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            self.problem(
                span_of(&table["id"]),
                Severity::Error,
                Check::ConfigValue,
                "`id` must be a word without spaces".into(),
            );
            return None;
        }
        let ty = match EntityType::parse(&ty_name) {
            Some(ty) => ty,
            None if declared.contains(&ty_name) => EntityType::Other(ty_name.into()),
            None => {
                let message =
                    format!("unknown type `{ty_name}`: use PER, LOC, ORG or a type declared in annotation.conf");
                self.problem(span_of(&table["type"]), Severity::Error, Check::ConfigValue, message);
                return None;
            }
        };
        let mut optional = |key: &str| table.get(key).and_then(|i| self.string(i, key)).unwrap_or_default().to_string();
        let english = optional("english");
        let wikidata = optional("wikidata");
        let description = optional("description");
        let aliases = table.get("aliases").map(|i| self.strings(i, "aliases")).unwrap_or_default();
        Some(KbEntity {
            id,
            ty,
            name,
            english,
            wikidata,
            description,
            aliases,
            source: "corpus".into(),
            defined_at: Some((file_name.to_string(), at.start as u32)),
        })
    }

    /// Spellings that two entries claim after normalisation: an error between two corpus
    /// entries, a note when a corpus entry takes a spelling from the built-in base.
    fn collisions(&mut self, entities: &[KbEntity], builtin: &Kb) {
        let mut claimed: BTreeMap<String, &KbEntity> = BTreeMap::new();
        for e in entities {
            for s in e.spellings() {
                let key = normalize_str(s);
                match claimed.get(&key) {
                    Some(other) if other.id != e.id => {
                        let message = format!("the spelling «{s}» is also claimed by `{}`", other.id);
                        self.problem(defined(e), Severity::Warning, Check::SpellingCollision, message);
                    }
                    _ => {
                        claimed.insert(key, e);
                    }
                }
            }
        }
        if claimed.is_empty() {
            return;
        }
        let ids: std::collections::HashSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
        for b in &builtin.entities {
            if ids.contains(b.id.as_str()) {
                continue;
            }
            for s in b.spellings() {
                if let Some(e) = claimed.get(&normalize_str(s)) {
                    let message = format!(
                        "«{s}» is also a spelling of the built-in `{}` ({}); this entry takes it",
                        b.id, b.english
                    );
                    self.problem(defined(e), Severity::Info, Check::SpellingCollision, message);
                }
            }
        }
    }
}

fn defined(e: &KbEntity) -> Range<usize> {
    let at = e.defined_at.as_ref().map_or(0, |d| d.1 as usize);
    at..at
}

/// The built-in knowledge base extended by the entries of a corpus's configurations (an entry with
/// a built-in id replaces it; of two configurations with the same id, the first wins).
pub fn merged_kb(builtin: &Kb, configs: &[&CorpusConfig]) -> Kb {
    let mut kb = builtin.clone();
    for config in configs.iter().rev() {
        for e in &config.entities {
            kb.insert(e.clone());
        }
    }
    kb
}
