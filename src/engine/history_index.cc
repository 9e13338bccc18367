#include "history_index.h"

#include <algorithm>

#include "history_timeline.h"

namespace jql::internal {

struct HistoryIndex::FieldIndex {
  struct Change {
    int64_t time;
    uint32_t row;
    int32_t from, to, author;  // codes, -1 for EMPTY / unknown
  };
  struct Interval {
    int64_t start, end;
    uint32_t row;
    int32_t setter;
  };
  std::vector<Change> changes;      // by time
  std::vector<size_t> slot_begin;   // slot s = value s - 1 (slot 0: EMPTY); slots + 1
  std::vector<Interval> intervals;  // by slot, then start
};

HistoryIndex::HistoryIndex(const IssueStore& store) : store_(store) {}
HistoryIndex::~HistoryIndex() = default;

const HistoryIndex::FieldIndex& HistoryIndex::Field(HistoryField field) const {
  const auto f = static_cast<size_t>(field);
  std::call_once(built_[f], [&] {
    auto index = std::make_unique<FieldIndex>();
    std::vector<FieldChange> changes;
    std::vector<HeldValue> held;
    struct Slotted {
      size_t slot;
      FieldIndex::Interval interval;
    };
    std::vector<Slotted> slotted;
    size_t slots = 1;
    for (size_t row = 0; row < store_.rows(); ++row) {
      const auto r = static_cast<uint32_t>(row);
      FieldChanges(store_, field, row, changes);
      for (const FieldChange& c : changes) {
        index->changes.push_back({c.time, r, static_cast<int32_t>(c.from),
                                  static_cast<int32_t>(c.to), static_cast<int32_t>(c.author)});
      }
      Timeline(store_, field, row, held);
      for (const HeldValue& h : held) {
        const auto slot = static_cast<size_t>(h.value + 1);
        slots = std::max(slots, slot + 1);
        slotted.push_back({slot, {h.start, h.end, r, static_cast<int32_t>(h.setter)}});
      }
    }
    std::stable_sort(index->changes.begin(), index->changes.end(),
                     [](const auto& a, const auto& b) { return a.time < b.time; });
    std::sort(slotted.begin(), slotted.end(), [](const Slotted& a, const Slotted& b) {
      return a.slot != b.slot ? a.slot < b.slot : a.interval.start < b.interval.start;
    });
    index->slot_begin.assign(slots + 1, 0);
    for (const Slotted& s : slotted) ++index->slot_begin[s.slot + 1];
    for (size_t s = 0; s < slots; ++s) index->slot_begin[s + 1] += index->slot_begin[s];
    index->intervals.reserve(slotted.size());
    for (const Slotted& s : slotted) index->intervals.push_back(s.interval);
    fields_[f] = std::move(index);
  });
  return *fields_[f];
}

std::vector<uint64_t> HistoryIndex::Search(const HistorySearch& s, Work* work) const {
  std::vector<uint64_t> hits((store_.rows() + 63) / 64, 0);
  const FieldIndex& index = Field(s.field);
  const std::string name(HistoryFieldName(s.field));
  auto set = [&](uint32_t row) { hits[row >> 6] |= uint64_t{1} << (row & 63); };
  if (s.kind == HistorySearch::Kind::kChanged) {
    using Change = FieldIndex::Change;
    const auto begin = std::lower_bound(index.changes.begin(), index.changes.end(), s.after,
                                        [](const Change& c, int64_t t) { return c.time < t; });
    const auto end = std::lower_bound(begin, index.changes.end(), s.before,
                                      [](const Change& c, int64_t t) { return c.time < t; });
    for (auto c = begin; c < end; ++c) {
      if (s.from.Has(c->from) && s.to.Has(c->to) && s.by.Has(c->author)) set(c->row);
    }
    if (work != nullptr) {
      work->layout = name + " changes by time";
      work->looked_at = static_cast<size_t>(end - begin);
      work->entries = index.changes.size();
    }
    return hits;
  }
  size_t looked_at = 0;
  if (s.after < s.before) {
    using Interval = FieldIndex::Interval;
    for (size_t slot = 0; slot + 1 < index.slot_begin.size(); ++slot) {
      if (!s.values.Has(static_cast<int64_t>(slot) - 1)) continue;
      const auto first = index.intervals.begin() + static_cast<ptrdiff_t>(index.slot_begin[slot]);
      const auto last =
          index.intervals.begin() + static_cast<ptrdiff_t>(index.slot_begin[slot + 1]);
      // Held over [start, end): it overlaps [after, before) when start < before and
      // end > after.
      const auto stop = std::lower_bound(first, last, s.before,
                                         [](const Interval& i, int64_t t) { return i.start < t; });
      for (auto i = first; i < stop; ++i) {
        if (i->end > s.after && s.by.Has(i->setter)) set(i->row);
      }
      looked_at += static_cast<size_t>(stop - first);
    }
  }
  if (work != nullptr) {
    work->layout = name + " intervals by value";
    work->looked_at = looked_at;
    work->entries = index.intervals.size();
  }
  return hits;
}

}  // namespace jql::internal
