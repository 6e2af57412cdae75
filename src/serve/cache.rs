//! The preview's drawn pages, kept while they are valid and while they fit: a least-recently-used
//! cache bounded by the bytes it holds, so that a crawler walking every page of a large archive
//! cannot grow it without limit.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::body::Bytes;

/// Drawn files by path below the site's root, at most `bound` bytes of them.
#[derive(Debug)]
pub struct PageCache {
    bound: usize,
    bytes: usize,
    /// Counts up with every use: the smallest is the least recently used.
    clock: u64,
    entries: HashMap<Arc<str>, (Bytes, u64)>,
    by_use: BTreeMap<u64, Arc<str>>,
}

impl PageCache {
    /// An empty cache holding at most `bound` bytes.
    pub fn new(bound: usize) -> PageCache {
        PageCache {
            bound,
            bytes: 0,
            clock: 0,
            entries: HashMap::new(),
            by_use: BTreeMap::new(),
        }
    }

    /// The file at `path`, marked as just used.
    pub fn get(&mut self, path: &str) -> Option<Bytes> {
        self.clock += 1;
        let (bytes, used) = self.entries.get_mut(path)?;
        let key = self
            .by_use
            .remove(used)
            .expect("every entry is in the use order");
        *used = self.clock;
        self.by_use.insert(self.clock, key);
        Some(bytes.clone())
    }

    /// Keeps `bytes` as the file at `path`, dropping the least recently used files until all fit.
    /// A file larger than the whole bound is not kept.
    pub fn insert(&mut self, path: &str, bytes: Bytes) {
        self.remove(path);
        if bytes.len() > self.bound {
            return;
        }
        while self.bytes + bytes.len() > self.bound {
            let Some((_, oldest)) = self.by_use.pop_first() else {
                break;
            };
            if let Some((dropped, _)) = self.entries.remove(&oldest) {
                self.bytes -= dropped.len();
            }
        }
        self.clock += 1;
        let key: Arc<str> = Arc::from(path);
        self.bytes += bytes.len();
        self.by_use.insert(self.clock, Arc::clone(&key));
        self.entries.insert(key, (bytes, self.clock));
    }

    /// Forgets the file at `path`, if kept.
    pub fn remove(&mut self, path: &str) {
        if let Some((bytes, used)) = self.entries.remove(path) {
            self.bytes -= bytes.len();
            self.by_use.remove(&used);
        }
    }

    /// Forgets every file.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.by_use.clear();
        self.bytes = 0;
    }

    /// How many bytes are kept.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// How many files are kept.
    pub fn files(&self) -> usize {
        self.entries.len()
    }

    /// The most bytes it keeps.
    pub fn bound(&self) -> usize {
        self.bound
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(size: usize) -> Bytes {
        Bytes::from(vec![b'x'; size])
    }

    #[test]
    fn the_least_recently_used_files_go_first_and_the_bound_holds() {
        let mut cache = PageCache::new(10);
        cache.insert("a", page(4));
        cache.insert("b", page(4));
        assert!(cache.get("a").is_some());
        cache.insert("c", page(4));
        // b was used least recently.
        assert!(cache.get("b").is_none());
        assert_eq!(cache.get("a").unwrap().len(), 4);
        assert_eq!(cache.get("c").unwrap().len(), 4);
        assert_eq!((cache.files(), cache.bytes()), (2, 8));
        cache.insert("d", page(10));
        assert_eq!((cache.files(), cache.bytes()), (1, 10));
        // Too big to keep at all: nothing else is dropped for it.
        cache.insert("e", page(11));
        assert!(cache.get("e").is_none());
        assert_eq!(cache.bytes(), 10);
    }

    #[test]
    fn replacing_and_removing_keep_the_count_of_bytes() {
        let mut cache = PageCache::new(100);
        cache.insert("a", page(30));
        cache.insert("a", page(20));
        assert_eq!((cache.files(), cache.bytes()), (1, 20));
        cache.remove("a");
        cache.remove("missing");
        assert_eq!((cache.files(), cache.bytes()), (0, 0));
        cache.insert("b", page(5));
        cache.clear();
        assert!(cache.get("b").is_none());
        assert_eq!(cache.bytes(), 0);
    }
}
