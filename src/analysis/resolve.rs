//! Which entity each name in the corpus refers to, kept up to date as forms come and go.
//!
//! Knowledge-base entries are entities from the start. A discovered name form is linked to the
//! knowledge-base entry it is a variant spelling of, if any; otherwise forms are grouped into
//! clusters, the connected components of the relation "same type, `same_name`, and sharing a
//! skeleton key that at most [`MAX_SHARED_KEY`] forms share" (a key shared by hundreds of forms —
//! vowel-only variants of one consonant frame — links nothing, so no form is compared with all
//! the others). Adding a form joins (and possibly merges) the clusters it is close to; removing
//! one re-clusters only the cluster it was in; a key going over or back under the cap re-clusters
//! the clusters of its forms. The relation depends on the set of forms only, never on the order of
//! changes, so an incrementally kept resolver equals one built from scratch.

use rustc_hash::FxHashMap;

use super::knowledge::KbData;
use std::collections::BTreeSet;

use super::link::canonical_order;
use super::link::{cluster_forms, is_descriptive, same_name, SkeletonIndex};
use super::model::{EntityType, FormKey, NameRef};

/// A skeleton key shared by more forms than this links none of them.
pub const MAX_SHARED_KEY: usize = 64;

/// Index of an entity (knowledge-base entities first, then discovered clusters; freed slots are reused).
pub type EntityIdx = u32;

/// A corpus entity as the features see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntityEntry {
    Kb(u32),
    Discovered {
        id: String,
        canonical: FormKey,
    },
    /// Annotated mentions sharing a reference the knowledge base does not know (`id` is the
    /// reference, without an `isnad:` prefix).
    Reference {
        id: String,
        ty: EntityType,
    },
}

#[derive(Debug, Default)]
pub struct Resolver {
    entity_of: FxHashMap<NameRef, EntityIdx>,
    entities: Vec<Option<EntityEntry>>,
    members: Vec<Vec<NameRef>>,
    free: Vec<EntityIdx>,
    /// Forms that no knowledge-base entry claims, for finding cluster neighbours.
    unclaimed: SkeletonIndex<FormKey>,
}

impl Resolver {
    pub fn new(kb: &KbData) -> Resolver {
        let n = kb.kb.len() as u32;
        Resolver {
            entity_of: (0..n).map(|i| (NameRef::Kb(i), i)).collect(),
            entities: (0..n).map(|i| Some(EntityEntry::Kb(i))).collect(),
            members: (0..n).map(|i| vec![NameRef::Kb(i)]).collect(),
            unclaimed: SkeletonIndex::with_cap(MAX_SHARED_KEY),
            ..Resolver::default()
        }
    }

    pub fn entity_of(&self, target: &NameRef) -> Option<EntityIdx> {
        self.entity_of.get(target).copied()
    }

    pub fn entry(&self, entity: EntityIdx) -> Option<&EntityEntry> {
        self.entities.get(entity as usize)?.as_ref()
    }

    pub fn members(&self, entity: EntityIdx) -> &[NameRef] {
        self.members.get(entity as usize).map_or(&[], Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.entities.iter().flatten().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A form now occurs in the corpus.
    pub fn add_form(&mut self, kb: &KbData, form: &FormKey) {
        let target = NameRef::Form(form.clone());
        if self.entity_of.contains_key(&target) {
            return;
        }
        if let Some(i) = kb.fuzzy.resolve(&kb.kb, form) {
            self.entity_of.insert(target.clone(), i);
            self.members[i as usize].push(target);
            return;
        }
        // Keys that went over the cap link nothing any more: their forms' clusters are redone.
        let crossed = self.unclaimed.insert(&form.form, form.clone());
        let mut clusters = self.clusters_under(&crossed);
        let redo = !clusters.is_empty();
        clusters.extend(self.linked(form).iter().filter_map(|other| self.entity_of(&NameRef::Form(other.clone()))));
        let mut forms: BTreeSet<FormKey> = BTreeSet::from([form.clone()]);
        for c in clusters {
            forms.extend(self.take_cluster(c));
        }
        if redo {
            self.recluster(&forms);
        } else {
            // A new form with its links only joins the clusters it links to.
            self.place_cluster(forms.into_iter().collect());
        }
    }

    /// A form no longer occurs in the corpus.
    pub fn remove_form(&mut self, form: &FormKey) {
        let target = NameRef::Form(form.clone());
        let Some(entity) = self.entity_of.remove(&target) else { return };
        if let Some(EntityEntry::Kb(_)) = self.entry(entity) {
            self.members[entity as usize].retain(|m| *m != target);
            return;
        }
        // Keys that came back under the cap link their forms again: those clusters are redone too.
        let crossed = self.unclaimed.remove(&form.form, form);
        let mut forms: BTreeSet<FormKey> = self.take_cluster(entity).into_iter().filter(|f| f != form).collect();
        for c in self.clusters_under(&crossed) {
            forms.extend(self.take_cluster(c));
        }
        self.recluster(&forms);
    }

    /// The forms a form is linked to (its neighbours, not its whole cluster).
    fn linked(&self, form: &FormKey) -> Vec<FormKey> {
        if is_descriptive(&form.form) {
            return Vec::new();
        }
        self.unclaimed
            .candidates(&form.form)
            .into_iter()
            .filter(|other| other != form && other.ty == form.ty && same_name(&form.form, &other.form))
            .collect()
    }

    /// The clusters holding a form under one of these keys.
    fn clusters_under(&self, keys: &[compact_str::CompactString]) -> BTreeSet<EntityIdx> {
        keys.iter()
            .flat_map(|k| self.unclaimed.bucket(k))
            .filter_map(|f| self.entity_of(&NameRef::Form(f.clone())))
            .collect()
    }

    /// Places the connected components of these forms (taken out of their clusters) as clusters.
    fn recluster(&mut self, forms: &BTreeSet<FormKey>) {
        for cluster in cluster_forms(forms, |f| self.linked(f)) {
            self.place_cluster(cluster);
        }
    }

    /// A shared annotation reference now occurs in the corpus (its mentions have type `ty`).
    pub fn add_ref(&mut self, reference: &str, ty: EntityType) {
        let target = NameRef::Ref(reference.to_string());
        if self.entity_of.contains_key(&target) {
            return;
        }
        let idx = self.allocate();
        self.entity_of.insert(target.clone(), idx);
        self.members[idx as usize] = vec![target];
        let id = reference.strip_prefix("isnad:").unwrap_or(reference).to_string();
        self.entities[idx as usize] = Some(EntityEntry::Reference { id, ty });
    }

    /// A shared annotation reference no longer occurs in the corpus.
    pub fn remove_ref(&mut self, reference: &str) {
        let Some(idx) = self.entity_of.remove(&NameRef::Ref(reference.to_string())) else { return };
        self.members[idx as usize].clear();
        self.entities[idx as usize] = None;
        self.free.push(idx);
    }

    fn allocate(&mut self) -> EntityIdx {
        match self.free.pop() {
            Some(i) => i,
            None => {
                self.entities.push(None);
                self.members.push(Vec::new());
                (self.entities.len() - 1) as EntityIdx
            }
        }
    }

    fn take_cluster(&mut self, entity: EntityIdx) -> Vec<FormKey> {
        let members = std::mem::take(&mut self.members[entity as usize]);
        self.entities[entity as usize] = None;
        self.free.push(entity);
        members
            .into_iter()
            .filter_map(|m| match m {
                NameRef::Form(f) => {
                    self.entity_of.remove(&NameRef::Form(f.clone()));
                    Some(f)
                }
                NameRef::Kb(_) | NameRef::Ref(_) => None,
            })
            .collect()
    }

    fn place_cluster(&mut self, mut cluster: Vec<FormKey>) {
        cluster.sort_by(canonical_order);
        cluster.dedup();
        let canonical = cluster[0].clone();
        let idx = self.allocate();
        for f in &cluster {
            self.entity_of.insert(NameRef::Form(f.clone()), idx);
        }
        self.members[idx as usize] = cluster.into_iter().map(NameRef::Form).collect();
        self.entities[idx as usize] = Some(EntityEntry::Discovered { id: discovered_id(&canonical), canonical });
    }
}

/// The corpus-wide id of a discovered entity: its type and a one-to-one ASCII rendering of its
/// canonical form (كيربي → `per-kyrby`).
pub fn discovered_id(canonical: &FormKey) -> String {
    let prefix = match &canonical.ty {
        EntityType::Other(t) => t.to_lowercase(),
        ty => ty.as_str().to_lowercase(),
    };
    format!("{prefix}-{}", transliterate(&canonical.form))
}

/// One-to-one over normalised Arabic letters, digits and Latin letters; other characters are
/// written as their code point, so distinct forms get distinct ids.
pub fn transliterate(form: &str) -> String {
    let mut out = String::new();
    for c in form.chars() {
        let t = match c {
            'ا' => "a",
            'ب' => "b",
            'ت' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' => "hh",
            'خ' => "kh",
            'د' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' => "z",
            'س' => "s",
            'ش' => "sh",
            'ص' => "ss",
            'ض' => "dd",
            'ط' => "tt",
            'ظ' => "zz",
            'ع' => "e",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'ه' => "h",
            'و' => "w",
            'ي' => "y",
            ' ' => "-",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            c => {
                out.push_str(&format!("u{:x}", c as u32));
                continue;
            }
        };
        out.push_str(t);
    }
    out
}
