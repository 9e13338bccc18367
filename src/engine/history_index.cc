#include "history_index.h"

#include <algorithm>
#include <thread>

#include "history_timeline.h"

namespace jql::internal {

struct HistoryIndex::Changes {
  struct Change {
    int64_t time;
    uint32_t row;
    int32_t from, to, author;  // codes, -1 for EMPTY / unknown
  };
  std::vector<Change> by_time;
};

struct HistoryIndex::Intervals {
  struct Interval {
    int64_t start, end;
    uint32_t row;
    int32_t setter;
  };
  std::vector<size_t> slot_begin;  // slot s = value s - 1 (slot 0: EMPTY); slots + 1
  std::vector<Interval> by_value;  // by slot, then start
};

HistoryIndex::HistoryIndex(const IssueStore& store) : store_(store) {}
HistoryIndex::~HistoryIndex() = default;

const HistoryIndex::Changes& HistoryIndex::ChangesOf(HistoryField field) const {
  const auto f = static_cast<size_t>(field);
  std::call_once(changes_built_[f], [&] {
    auto index = std::make_unique<Changes>();
    // Room for everything first: growing the vector would copy it several times.
    const History& h = store_.history();
    size_t count = 0;
    for (size_t i = 0; i < h.items(); ++i)
      count += static_cast<HistoryField>(h.field.Get(i)) == field ? 1 : 0;
    index->by_time.reserve(count);
    for (size_t row = 0; row + 1 < h.row_begin.size(); ++row) {
      const auto end = static_cast<size_t>(h.row_begin.Get(row + 1));
      for (auto i = static_cast<size_t>(h.row_begin.Get(row)); i < end; ++i) {
        if (static_cast<HistoryField>(h.field.Get(i)) != field) continue;
        index->by_time.push_back(
            {h.time.Get(i), static_cast<uint32_t>(row), static_cast<int32_t>(h.from.Get(i)),
             static_cast<int32_t>(h.to.Get(i)), static_cast<int32_t>(h.author.Get(i))});
      }
    }
    // Rows are in order already, so (time, row) sorts the same as a stable sort by time.
    // Two halves sort on two threads, then merge.
    auto by_time = [](const Changes::Change& a, const Changes::Change& b) {
      return a.time != b.time ? a.time < b.time : a.row < b.row;
    };
    auto& v = index->by_time;
    const auto middle = v.begin() + static_cast<ptrdiff_t>(v.size() / 2);
    std::thread first_half([&] { std::sort(v.begin(), middle, by_time); });
    std::sort(middle, v.end(), by_time);
    first_half.join();
    std::inplace_merge(v.begin(), middle, v.end(), by_time);
    changes_[f] = std::move(index);
  });
  return *changes_[f];
}

const HistoryIndex::Intervals& HistoryIndex::IntervalsOf(HistoryField field) const {
  const auto f = static_cast<size_t>(field);
  std::call_once(intervals_built_[f], [&] {
    auto index = std::make_unique<Intervals>();
    // Intervals are placed by value with a counting sort: count, then fill.
    struct Slotted {
      uint32_t slot;
      Intervals::Interval interval;
    };
    std::vector<Slotted> slotted;
    slotted.reserve(store_.rows() + store_.history().items() / 4);
    std::vector<size_t> per_slot(1, 0);
    TimelineBuilder timeline;
    for (size_t row = 0; row < store_.rows(); ++row) {
      for (const HeldValue& h : timeline.Build(store_, field, row)) {
        const auto slot = static_cast<uint32_t>(h.value + 1);
        if (slot >= per_slot.size()) per_slot.resize(slot + 1, 0);
        ++per_slot[slot];
        slotted.push_back(
            {slot, {h.start, h.end, static_cast<uint32_t>(row), static_cast<int32_t>(h.setter)}});
      }
    }
    index->slot_begin.assign(per_slot.size() + 1, 0);
    for (size_t s = 0; s < per_slot.size(); ++s)
      index->slot_begin[s + 1] = index->slot_begin[s] + per_slot[s];
    index->by_value.resize(slotted.size());
    std::vector<size_t> next(index->slot_begin.begin(), index->slot_begin.end() - 1);
    for (const Slotted& s : slotted) index->by_value[next[s.slot]++] = s.interval;
    slotted = {};
    // Each value's intervals by start; the busiest values on a second thread.
    auto sort_slots = [&](size_t parity) {
      for (size_t s = parity; s < per_slot.size(); s += 2) {
        const auto first = index->by_value.begin() + static_cast<ptrdiff_t>(index->slot_begin[s]);
        const auto last =
            index->by_value.begin() + static_cast<ptrdiff_t>(index->slot_begin[s + 1]);
        std::sort(first, last, [](const Intervals::Interval& a, const Intervals::Interval& b) {
          return a.start != b.start ? a.start < b.start : a.row < b.row;
        });
      }
    };
    std::thread odd(sort_slots, 1);
    sort_slots(0);
    odd.join();
    intervals_[f] = std::move(index);
  });
  return *intervals_[f];
}

void HistoryIndex::BuildAll(const std::atomic<bool>* stop,
                            const std::function<void()>& step) const {
  for (size_t f = 0; f < kFields; ++f) {
    if (stop != nullptr && stop->load()) return;
    ChangesOf(static_cast<HistoryField>(f));
    if (step) step();
    if (stop != nullptr && stop->load()) return;
    IntervalsOf(static_cast<HistoryField>(f));
    if (step) step();
  }
}

RowBitmap HistoryIndex::Search(const HistorySearch& s, Work* work) const {
  RowBitmap hits(store_.rows());
  const std::string name(HistoryFieldName(s.field));
  auto set = [&](uint32_t row) { hits.Set(row); };
  if (s.kind == HistorySearch::Kind::kChanged) {
    const auto& changes = ChangesOf(s.field).by_time;
    using Change = Changes::Change;
    const auto begin = std::lower_bound(changes.begin(), changes.end(), s.after,
                                        [](const Change& c, int64_t t) { return c.time < t; });
    const auto end = std::lower_bound(begin, changes.end(), s.before,
                                      [](const Change& c, int64_t t) { return c.time < t; });
    for (auto c = begin; c < end; ++c) {
      if (s.from.Has(c->from) && s.to.Has(c->to) && s.by.Has(c->author)) set(c->row);
    }
    if (work != nullptr) {
      work->layout = name + " changes by time";
      work->looked_at = static_cast<size_t>(end - begin);
      work->entries = changes.size();
    }
    return hits;
  }
  size_t looked_at = 0;
  const Intervals& index = IntervalsOf(s.field);
  if (s.after < s.before) {
    using Interval = Intervals::Interval;
    for (size_t slot = 0; slot + 1 < index.slot_begin.size(); ++slot) {
      if (!s.values.Has(static_cast<int64_t>(slot) - 1)) continue;
      const auto first = index.by_value.begin() + static_cast<ptrdiff_t>(index.slot_begin[slot]);
      const auto last = index.by_value.begin() + static_cast<ptrdiff_t>(index.slot_begin[slot + 1]);
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
    work->entries = index.by_value.size();
  }
  return hits;
}

}  // namespace jql::internal
