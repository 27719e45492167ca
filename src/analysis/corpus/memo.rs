//! Per-entity memos of the index: each entity's defining mention, hover summary and — for an
//! entity with many mentions — its mentions in corpus order. Readers compute them on demand
//! behind the memos' own locks (a reader needs only `&Corpus`); an update forgets them for the
//! entities whose mentions it changed, or for all when the resolver linked forms anew.

use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::FxHashMap;

use super::{EntityIdx, FileSpan};
use crate::analysis::model::EntitySummary;

/// An entity's mentions are kept in corpus order once asked for, when it has at least this many
/// (fewer are sorted again in well under a millisecond: not worth the memory).
pub(super) const ORDER_KEPT_FROM: usize = 1_000;

#[derive(Debug, Default)]
pub(super) struct EntityMemos {
    definitions: Mutex<FxHashMap<EntityIdx, Option<FileSpan>>>,
    summaries: Mutex<FxHashMap<EntityIdx, Arc<EntitySummary>>>,
    ordered: Mutex<FxHashMap<EntityIdx, Arc<[FileSpan]>>>,
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The memo of `entity` in `memo`, or `compute`d (outside the memo's lock) and kept when `keep` says so.
fn memoised<V: Clone>(
    memo: &Mutex<FxHashMap<EntityIdx, V>>,
    entity: EntityIdx,
    compute: impl FnOnce() -> V,
    keep: impl FnOnce(&V) -> bool,
) -> V {
    if let Some(v) = locked(memo).get(&entity) {
        return v.clone();
    }
    let v = compute();
    if keep(&v) {
        locked(memo).insert(entity, v.clone());
    }
    v
}

impl EntityMemos {
    pub(super) fn definition(&self, entity: EntityIdx, compute: impl FnOnce() -> Option<FileSpan>) -> Option<FileSpan> {
        memoised(&self.definitions, entity, compute, |_| true)
    }

    pub(super) fn summary(&self, entity: EntityIdx, compute: impl FnOnce() -> EntitySummary) -> Arc<EntitySummary> {
        memoised(&self.summaries, entity, || Arc::new(compute()), |_| true)
    }

    pub(super) fn ordered(&self, entity: EntityIdx, compute: impl FnOnce() -> Vec<FileSpan>) -> Arc<[FileSpan]> {
        memoised(&self.ordered, entity, || compute().into(), |v: &Arc<[FileSpan]>| v.len() >= ORDER_KEPT_FROM)
    }

    /// Whether anything is kept (then updates must say which entities they touch).
    pub(super) fn any(&mut self) -> bool {
        !(inner(&mut self.definitions).is_empty()
            && inner(&mut self.summaries).is_empty()
            && inner(&mut self.ordered).is_empty())
    }

    /// Forgets everything (the resolver linked forms anew: entities may have merged or split).
    pub(super) fn clear(&mut self) {
        inner(&mut self.definitions).clear();
        inner(&mut self.summaries).clear();
        inner(&mut self.ordered).clear();
    }

    /// Forgets what is kept for `entity`.
    pub(super) fn forget(&mut self, entity: EntityIdx) {
        inner(&mut self.definitions).remove(&entity);
        inner(&mut self.summaries).remove(&entity);
        inner(&mut self.ordered).remove(&entity);
    }
}

fn inner<T>(m: &mut Mutex<T>) -> &mut T {
    m.get_mut().unwrap_or_else(|e| e.into_inner())
}
