//! A report's table values, held compactly: a build holds every report's for the whole build.
//!
//! A report has the cells of its version (198 or 200 of the catalog's 226), nearly all of them
//! small counts. [`Cells`] keeps a bitmap of the catalog cells the report has, and one 32-bit
//! slot for each of them, in catalog order: a blank, a count, a change or an amount small
//! enough to be packed into the slot, or else the place of the whole [`Cell`] in a short list
//! beside the slots (text, and numbers too long to pack). A value is found by its slot's rank
//! in the bitmap. About 0.8 KB a report instead of 3.6 KB as one 16-byte `Cell` per catalog
//! cell; every value reads back exactly as it was set, and a blank stays blank (never 0).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Cell;
use crate::decimal::{Decimal, MAX_SCALE};
use crate::format::{CellId, TableKey, catalog};

/// Words of the presence bitmap: room for 256 catalog cells (there are 226).
const WORDS: usize = 4;
/// A slot's kind in its top three bits, its value in the other 29.
const KIND_SHIFT: u32 = 29;
const VALUE_MASK: u32 = (1 << KIND_SHIFT) - 1;
const BLANK: u32 = 0;
const COUNT: u32 = 1;
const CHANGE: u32 = 2;
/// An amount whose units fit in 25 bits: units above four bits of scale.
const AMOUNT: u32 = 3;
/// The place of the whole cell in [`Cells::others`].
const OTHER: u32 = 4;
const AMOUNT_SCALE_BITS: u32 = 4;

/// The table values of one report: a [`Cell`] for every catalog cell, absent unless set.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(try_from = "StoredCells")]
pub struct Cells {
    /// Bit `id` is set when the report has catalog cell `id` (blank or not).
    present: [u64; WORDS],
    /// One slot per present cell, in catalog order.
    slots: Vec<u32>,
    /// The cells no slot can hold, each named by one slot.
    others: Vec<Cell>,
}

/// Cells as read back from `load`'s cache, checked before they are trusted.
#[derive(Deserialize)]
struct StoredCells {
    present: [u64; WORDS],
    slots: Vec<u32>,
    others: Vec<Cell>,
}

/// Cells read back must name catalog cells only, one slot each, every slot readable and every
/// other cell named once, as every lookup assumes.
impl TryFrom<StoredCells> for Cells {
    type Error = String;

    fn try_from(stored: StoredCells) -> Result<Cells, String> {
        let cells = Cells {
            present: stored.present,
            slots: stored.slots,
            others: stored.others,
        };
        let known = (0..catalog().len()).filter(|&at| cells.has_bit(at)).count();
        if known != cells.count_present() || known != cells.slots.len() {
            return Err(format!(
                "{} slots for {} cells",
                cells.slots.len(),
                cells.count_present()
            ));
        }
        let mut named = vec![false; cells.others.len()];
        for &slot in &cells.slots {
            match slot >> KIND_SHIFT {
                BLANK | COUNT | CHANGE => {}
                AMOUNT if slot & ((1 << AMOUNT_SCALE_BITS) - 1) <= u32::from(MAX_SCALE) => {}
                OTHER => match named.get_mut((slot & VALUE_MASK) as usize) {
                    Some(seen @ false) => *seen = true,
                    _ => return Err(format!("no other cell {}", slot & VALUE_MASK)),
                },
                _ => return Err(format!("unreadable slot {slot:#x}")),
            }
        }
        if named.contains(&false) || cells.others.iter().any(|cell| !cell.is_present()) {
            return Err("an other cell no slot names".to_owned());
        }
        Ok(cells)
    }
}

impl Cells {
    /// The cell with this id (a copy: text is the only kind that allocates, and is rare).
    pub fn get(&self, id: CellId) -> Cell {
        match self.slot_of(id) {
            Some(at) => self.decode(self.slots[at]),
            None => Cell::Absent,
        }
    }

    /// Every cell the report has (blank or not), with its id, in catalog order.
    pub fn present(&self) -> impl Iterator<Item = (CellId, Cell)> + '_ {
        catalog()
            .entries()
            .map(|(id, _)| id)
            .filter(|id| self.has_bit(id.index()))
            .zip(&self.slots)
            .map(|(id, &slot)| (id, self.decode(slot)))
    }

    /// The bytes these cells take on the heap, their text included (what a report costs the
    /// model; `examples/model_bytes.rs` counts it).
    pub fn heap_bytes(&self) -> usize {
        let texts = self.others.iter().map(|cell| match cell {
            Cell::Text(text) => std::mem::size_of::<String>() + text.capacity(),
            _ => 0,
        });
        self.slots.capacity() * std::mem::size_of::<u32>()
            + self.others.capacity() * std::mem::size_of::<Cell>()
            + texts.sum::<usize>()
    }

    /// Gives back the room the cells were set in beyond what they hold (once a report is read:
    /// it is then held for the whole build).
    pub fn shrink_to_fit(&mut self) {
        self.slots.shrink_to_fit();
        self.others.shrink_to_fit();
    }

    /// Sets one cell (absent removes it).
    pub fn set(&mut self, id: CellId, cell: Cell) {
        let at = self.rank(id.index());
        let existing = self.slot_of(id);
        if let Some(slot) = existing.map(|at| self.slots[at])
            && slot >> KIND_SHIFT == OTHER
        {
            self.forget_other(slot & VALUE_MASK);
        }
        if !cell.is_present() {
            if existing.is_some() {
                self.slots.remove(at);
                self.present[id.index() / 64] &= !(1 << (id.index() % 64));
            }
            return;
        }
        let slot = self.encode(cell);
        if existing.is_some() {
            self.slots[at] = slot;
        } else {
            self.slots.insert(at, slot);
            self.present[id.index() / 64] |= 1 << (id.index() % 64);
        }
    }

    /// The cell at `table.row.column`; absent for keys no version has.
    pub fn at(&self, table: TableKey, row: &str, column: &str) -> Cell {
        catalog()
            .find(table, row, column)
            .map_or(Cell::Absent, |id| self.get(id))
    }

    /// Whether the source has this row.
    pub fn has_row(&self, table: TableKey, row: &str) -> bool {
        catalog()
            .row_cells(table, row)
            .iter()
            .any(|&id| self.has_bit(id.index()))
    }

    fn has_bit(&self, at: usize) -> bool {
        self.present
            .get(at / 64)
            .is_some_and(|word| word >> (at % 64) & 1 == 1)
    }

    fn count_present(&self) -> usize {
        self.present
            .iter()
            .map(|word| word.count_ones() as usize)
            .sum()
    }

    /// How many present cells come before catalog cell `at`: its slot's place.
    fn rank(&self, at: usize) -> usize {
        let (word, bit) = (at / 64, at % 64);
        let before: u32 = self.present[..word]
            .iter()
            .map(|word| word.count_ones())
            .sum();
        let below = self.present[word] & ((1_u64 << bit) - 1);
        (before + below.count_ones()) as usize
    }

    fn slot_of(&self, id: CellId) -> Option<usize> {
        self.has_bit(id.index()).then(|| self.rank(id.index()))
    }

    fn decode(&self, slot: u32) -> Cell {
        let value = slot & VALUE_MASK;
        match slot >> KIND_SHIFT {
            BLANK => Cell::Blank,
            COUNT => Cell::Count(u64::from(value)),
            // Zigzag: 0, -1, 1, -2 … as 0, 1, 2, 3 …
            CHANGE => Cell::Change(i64::from(value >> 1) ^ -i64::from(value & 1)),
            AMOUNT => {
                let scale = (value & ((1 << AMOUNT_SCALE_BITS) - 1)) as u8;
                let units = i64::from(value >> AMOUNT_SCALE_BITS);
                Cell::Amount(Decimal::new(units, scale).expect("a scale checked when set"))
            }
            _ => self.others[value as usize].clone(),
        }
    }

    /// The slot for a present cell, keeping the cell among the others when it does not fit.
    fn encode(&mut self, cell: Cell) -> u32 {
        let packed = match &cell {
            Cell::Absent => unreachable!("an absent cell has no slot"),
            Cell::Blank => Some(BLANK << KIND_SHIFT),
            Cell::Count(count) => u32::try_from(*count)
                .ok()
                .filter(|&count| count <= VALUE_MASK)
                .map(|count| COUNT << KIND_SHIFT | count),
            Cell::Change(change) => u32::try_from((change << 1) ^ (change >> 63))
                .ok()
                .filter(|&zigzag| zigzag <= VALUE_MASK)
                .map(|zigzag| CHANGE << KIND_SHIFT | zigzag),
            Cell::Amount(amount) => {
                let (units, scale) = amount.parts();
                u32::try_from(units)
                    .ok()
                    .filter(|&units| units <= VALUE_MASK >> AMOUNT_SCALE_BITS)
                    .map(|units| {
                        AMOUNT << KIND_SHIFT | units << AMOUNT_SCALE_BITS | u32::from(scale)
                    })
            }
            Cell::Text(_) => None,
        };
        packed.unwrap_or_else(|| {
            let place = u32::try_from(self.others.len()).expect("fewer cells than slots");
            self.others.push(cell);
            OTHER << KIND_SHIFT | place
        })
    }

    /// Drops one of the others (its slot is being replaced), renumbering the slots after it.
    fn forget_other(&mut self, place: u32) {
        self.others.remove(place as usize);
        for slot in &mut self.slots {
            if *slot >> KIND_SHIFT == OTHER && *slot & VALUE_MASK > place {
                *slot -= 1;
            }
        }
    }
}

/// Equal when they hold the same cells, however they were set.
impl PartialEq for Cells {
    fn eq(&self, other: &Cells) -> bool {
        self.present == other.present
            && self
                .slots
                .iter()
                .zip(&other.slots)
                .all(|(&mine, &theirs)| self.decode(mine) == other.decode(theirs))
    }
}

impl fmt::Debug for Cells {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.present()
                    .map(|(id, cell)| (catalog().cell(id).path(), cell)),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{FormatId, ValueKind};

    /// A value of each kind a catalog cell can hold, with its packed and unpacked extremes.
    fn values_of(kind: ValueKind, seed: usize) -> Vec<Cell> {
        let amount = |units, scale| Cell::Amount(Decimal::new(units, scale).unwrap());
        match kind {
            ValueKind::Count => vec![
                Cell::Count(seed as u64),
                Cell::Count(u64::from(VALUE_MASK)),
                Cell::Count(u64::from(VALUE_MASK) + 1),
                Cell::Count(u64::MAX),
            ],
            ValueKind::Change => vec![
                Cell::Change(-(seed as i64)),
                Cell::Change(i64::from(VALUE_MASK >> 1)),
                Cell::Change(-i64::from(VALUE_MASK >> 1) - 1),
                Cell::Change(i64::from(VALUE_MASK)),
                Cell::Change(i64::MIN),
                Cell::Change(i64::MAX),
            ],
            ValueKind::Amount => vec![
                amount(seed as i64, 2),
                amount(24252311082, 6),
                amount((1 << 25) - 1, MAX_SCALE),
                amount(1 << 25, 0),
                amount(-5, 1),
                amount(7545, 0),
            ],
            ValueKind::Text => vec![Cell::text(format!("{seed}元")), Cell::text("")],
        }
    }

    fn version_ids(format: FormatId) -> Vec<CellId> {
        let catalog = catalog();
        catalog
            .entries()
            .filter(|(_, def)| def.formats.contains(&format))
            .map(|(id, _)| id)
            .collect()
    }

    #[test]
    fn the_bitmap_has_room_for_every_catalog_cell() {
        assert!(catalog().len() <= WORDS * 64, "{}", catalog().len());
    }

    #[test]
    fn every_key_of_both_versions_reads_back_as_set() {
        for format in [FormatId::Gb2019, FormatId::Gb2021] {
            let ids = version_ids(format);
            assert!(ids.len() >= 198, "{format:?}: {}", ids.len());
            for round in 0..6 {
                let mut cells = Cells::default();
                let mut want = Vec::new();
                for (at, &id) in ids.iter().enumerate() {
                    let kind = catalog().cell(id).kind;
                    let choices = values_of(kind, at);
                    // Every third cell blank; the rest go through every kind's values.
                    let cell = if (at + round) % 3 == 0 {
                        Cell::Blank
                    } else {
                        choices[(at + round) % choices.len()].clone()
                    };
                    want.push((id, cell.clone()));
                }
                // Set out of order, as an import does.
                for (id, cell) in want.iter().rev() {
                    cells.set(*id, cell.clone());
                }
                cells.shrink_to_fit();
                for (id, cell) in &want {
                    assert_eq!(&cells.get(*id), cell, "{}", catalog().cell(*id).path());
                }
                let listed: Vec<(CellId, Cell)> = cells.present().collect();
                assert_eq!(listed, want);
                let stored = postcard::to_allocvec(&cells).unwrap();
                assert_eq!(postcard::from_bytes::<Cells>(&stored).unwrap(), cells);
            }
        }
    }

    #[test]
    fn blanks_stay_blank_and_absent_cells_stay_absent() {
        let ids = version_ids(FormatId::Gb2021);
        let mut cells = Cells::default();
        cells.set(ids[3], Cell::Blank);
        cells.set(ids[4], Cell::Count(0));
        assert_eq!(cells.get(ids[3]), Cell::Blank);
        assert_eq!(cells.get(ids[3]).to_json(), serde_json::Value::Null);
        assert_eq!(cells.get(ids[4]), Cell::Count(0));
        assert_eq!(cells.get(ids[5]), Cell::Absent);
        for id in catalog().entries().map(|(id, _)| id) {
            if id != ids[3] && id != ids[4] {
                assert_eq!(cells.get(id), Cell::Absent);
            }
        }
    }

    #[test]
    fn replacing_and_removing_cells_keeps_the_others_in_step() {
        let ids = version_ids(FormatId::Gb2019);
        let text = |text: &str| Cell::text(text);
        let mut cells = Cells::default();
        cells.set(ids[0], text("一"));
        cells.set(ids[1], Cell::Count(u64::MAX));
        cells.set(ids[2], text("三"));
        // The first of the others becomes a small count, the second is removed.
        cells.set(ids[0], Cell::Count(1));
        cells.set(ids[1], Cell::Absent);
        assert_eq!(cells.get(ids[0]), Cell::Count(1));
        assert_eq!(cells.get(ids[1]), Cell::Absent);
        assert_eq!(cells.get(ids[2]), text("三"));
        assert_eq!(cells.others.len(), 1);
        // Equal to the same cells set another way.
        let mut same = Cells::default();
        same.set(ids[2], text("三"));
        same.set(ids[0], Cell::Count(1));
        assert_eq!(cells, same);
        same.set(ids[0], Cell::Blank);
        assert_ne!(cells, same);
    }

    #[test]
    fn cells_read_back_are_checked() {
        let ids = version_ids(FormatId::Gb2019);
        let mut cells = Cells::default();
        cells.set(ids[0], Cell::text("一"));
        cells.set(ids[1], Cell::Count(2));
        let unreadable = |cells: &Cells| {
            let stored = postcard::to_allocvec(cells).unwrap();
            postcard::from_bytes::<Cells>(&stored).is_err()
        };
        assert!(!unreadable(&cells));
        let mut missing_slot = cells.clone();
        missing_slot.slots.pop();
        assert!(unreadable(&missing_slot));
        let mut beyond_catalog = cells.clone();
        beyond_catalog.present[WORDS - 1] |= 1 << 63;
        beyond_catalog.slots.push(0);
        assert!(unreadable(&beyond_catalog));
        let mut no_such_other = cells.clone();
        no_such_other.slots[0] = OTHER << KIND_SHIFT | 5;
        assert!(unreadable(&no_such_other));
        let mut unnamed_other = cells.clone();
        unnamed_other.others.push(Cell::Count(3));
        assert!(unreadable(&unnamed_other));
        let mut bad_kind = cells.clone();
        bad_kind.slots[1] = 7 << KIND_SHIFT;
        assert!(unreadable(&bad_kind));
    }

    #[test]
    fn a_report_holds_its_cells_in_about_a_kilobyte() {
        let ids = version_ids(FormatId::Gb2021);
        let mut cells = Cells::default();
        for (at, &id) in ids.iter().enumerate() {
            cells.set(id, values_of(catalog().cell(id).kind, at)[0].clone());
        }
        cells.shrink_to_fit();
        assert!(cells.heap_bytes() < 1_100, "{}", cells.heap_bytes());
    }
}
