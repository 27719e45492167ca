//! brat's `annotation.conf`: the entity types of a corpus, and their mapping onto PER/LOC/ORG.
//!
//! Only the `[entities]` section is read: one type per line, indentation (tabs or spaces) making
//! a type the child of the nearest less-indented type above it, a leading `!` marking a type that
//! only groups others; `#` comments, blank lines, macros (`<POG>=…`) and the other sections are
//! skipped. [`map_type`] maps the obvious names (Person, GPE, Location, Organization …) onto
//! the built-in types and keeps the others as [`EntityType::Other`]; [`AnnotationConf::entity_type`]
//! also maps a subtype through its ancestors.

use crate::analysis::model::EntityType;

/// The `[entities]` section of an `annotation.conf`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotationConf {
    pub entities: Vec<EntityDecl>,
}

/// One declared entity type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityDecl {
    pub name: String,
    /// Index in [`AnnotationConf::entities`] of the type this one is indented under.
    pub parent: Option<usize>,
    /// `false` for `!Type`, which only groups its children.
    pub annotatable: bool,
    /// 1-based line in the file.
    pub line: usize,
}

impl AnnotationConf {
    /// The declaration of `name`, if any.
    pub fn get(&self, name: &str) -> Option<&EntityDecl> {
        self.entities.iter().find(|e| e.name == name)
    }

    /// The built-in type of `name`: its own mapping, else the first ancestor that maps onto
    /// PER/LOC/ORG, else `Other(name)`.
    pub fn entity_type(&self, name: &str) -> EntityType {
        let mut at = self.entities.iter().position(|e| e.name == name);
        let mut steps = 0;
        while let Some(i) = at {
            match map_type(&self.entities[i].name) {
                EntityType::Other(_) => {}
                builtin => return builtin,
            }
            at = self.entities[i].parent;
            steps += 1;
            if steps > self.entities.len() {
                break;
            }
        }
        map_type(name)
    }
}

/// Reads the `[entities]` section of an `annotation.conf`; never fails.
pub fn parse_conf(text: &str) -> AnnotationConf {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut conf = AnnotationConf::default();
    let mut in_entities = false;
    // (indentation width, index) of the types above, innermost last.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.starts_with('[') && trimmed.ends_with(']') {
            in_entities = trimmed[1..trimmed.len() - 1].trim() == "entities";
            stack.clear();
            continue;
        }
        if !in_entities || trimmed.starts_with('<') {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        // The type name ends at the first tab (brat puts arguments after it) or space.
        let word = trimmed.split(['\t', ' ']).next().unwrap_or_default();
        let (annotatable, name) = match word.strip_prefix('!') {
            Some(n) => (false, n),
            None => (true, word),
        };
        if name.is_empty() {
            continue;
        }
        while stack.last().is_some_and(|&(w, _)| w >= indent) {
            stack.pop();
        }
        let parent = stack.last().map(|&(_, p)| p);
        conf.entities.push(EntityDecl { name: name.to_string(), parent, annotatable, line: i + 1 });
        stack.push((indent, conf.entities.len() - 1));
    }
    conf
}

/// PER/LOC/ORG for the usual names of those types (case-insensitive, `-` = `_`); anything else
/// is kept as it is.
pub fn map_type(name: &str) -> EntityType {
    let key = name.trim().to_lowercase().replace('-', "_");
    match key.as_str() {
        "person" | "per" | "pers" => EntityType::Per,
        "gpe" | "location" | "loc" | "geo_political_entity" | "geopolitical_entity" | "facility" | "fac" => {
            EntityType::Loc
        }
        "organization" | "organisation" | "org" => EntityType::Org,
        _ => EntityType::Other(name.into()),
    }
}
