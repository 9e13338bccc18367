#include "executor.h"

#include <algorithm>
#include <cstring>

#include "history_index.h"
#include "row_values.h"
#include "text_index.h"

namespace jql::internal {
namespace {

class BlockEvaluator {
 public:
  BlockEvaluator(const IssueStore& store, EvalCache& cache, size_t begin, size_t end)
      : store_(store),
        cache_(cache),
        begin_(begin),
        end_(end),
        words_(RowBitmap::WordsFor(end - begin)) {}

  // Every row of the block.
  RowBitmap All() const { return RowBitmap(end_ - begin_, true); }

  // Rows of `candidates` (bits relative to the block) that match the node.
  RowBitmap Eval(const Node& node, const RowBitmap& candidates) {
    if (cache_.trace == nullptr) return EvalNode(node, candidates);
    const auto start = std::chrono::steady_clock::now();
    RowBitmap out = EvalNode(node, candidates);
    NodeTrace& trace = (*cache_.trace)[&node];
    trace.time += std::chrono::steady_clock::now() - start;
    trace.rows_in += candidates.Count();
    trace.rows_out += out.Count();
    return out;
  }

 private:
  RowBitmap EvalNode(const Node& node, const RowBitmap& candidates) {
    switch (node.kind) {
      case Node::Kind::kLeaf:
        return EvalLeaf(node.leaf, candidates);
      case Node::Kind::kAnd: {
        // Children come most selective first (the planner ordered them); each only
        // looks at rows still in the running.
        RowBitmap current = candidates;
        for (const Node& child : node.children) {
          if (current.None()) break;  // nothing left: the rest need not run
          current = Eval(child, current);
        }
        return current;
      }
      case Node::Kind::kOr: {
        RowBitmap result(end_ - begin_);
        RowBitmap remaining = candidates;
        for (const Node& child : node.children) {
          if (remaining.None()) break;
          // Only rows not already true are evaluated again.
          const RowBitmap hit = Eval(child, remaining);
          result.Or(hit);
          remaining.AndNot(hit);
        }
        return result;
      }
    }
    return candidates;
  }

  void Set(RowBitmap& out, size_t row) const { out.Set(row - begin_); }

  RowBitmap EvalLeaf(const Leaf& leaf, const RowBitmap& candidates) {
    const size_t candidate_count = candidates.Count();
    RowBitmap out(end_ - begin_);
    if (candidate_count == 0) return out;
    if (WholeStoreKernel(leaf, candidate_count, out) || IndexKernel(leaf, out)) {
      out.And(candidates);
      return out;
    }
    const IntColumn* ints = IntColumnOf(store_, leaf.column, leaf.custom);
    // Few rows left: test them one by one.
    if (candidate_count * 32 < end_ - begin_) {
      const bool fast =
          ints != nullptr && (leaf.kind == Leaf::Kind::kAnyOf || leaf.kind == Leaf::Kind::kNoneOf ||
                              leaf.kind == Leaf::Kind::kRange);
      candidates.ForEach([&](size_t bit) {
        const size_t row = begin_ + bit;
        if (fast ? RowMatchesInt(leaf, *ints, row) : LeafMatches(store_, leaf, row)) Set(out, row);
      });
      return out;
    }
    if (!Kernel(leaf, ints, out)) {
      candidates.ForEach([&](size_t bit) {
        if (LeafMatches(store_, leaf, begin_ + bit)) Set(out, begin_ + bit);
      });
      return out;
    }
    out.And(candidates);
    return out;
  }

  static bool RowMatchesInt(const Leaf& leaf, const IntColumn& c, size_t row) {
    if (!c.IsValid(row)) return leaf.kind == Leaf::Kind::kAnyOf && leaf.match_empty;
    const int64_t v = c.values.Get(row);
    switch (leaf.kind) {
      case Leaf::Kind::kAnyOf:
        return v >= 0 && static_cast<size_t>(v) < leaf.codes.size() &&
               leaf.codes[static_cast<size_t>(v)];
      case Leaf::Kind::kNoneOf:
        return !(v >= 0 && static_cast<size_t>(v) < leaf.codes.size() &&
                 leaf.codes[static_cast<size_t>(v)]);
      default:
        return (v >= leaf.lo && v <= leaf.hi) == leaf.inside;
    }
  }

  // WAS, CHANGED, ~ and !~: an index answers for the whole store, once per query, and
  // each block copies its part. With few rows left and no answer yet, testing those
  // rows one by one (LeafMatches) is cheaper than asking the index.
  bool WholeStoreKernel(const Leaf& leaf, size_t candidate_count, RowBitmap& out) {
    const bool history = leaf.kind == Leaf::Kind::kHistory && cache_.history != nullptr;
    const bool text = leaf.kind == Leaf::Kind::kText && cache_.text != nullptr;
    if (!history && !text) return false;
    auto it = cache_.index_hits.find(&leaf);
    if (it == cache_.index_hits.end()) {
      if (candidate_count * 32 < end_ - begin_) {
        cache_.notes[&leaf] =
            (history ? "history: the changes of the " : "text: the ") +
            std::to_string(candidate_count) +
            (history ? " rows left replayed one by one" : " rows left analysed one by one");
        return false;
      }
      it = cache_.index_hits.emplace(&leaf, history ? HistoryHits(leaf) : TextHits(leaf)).first;
    }
    out.CopyFrom(it->second, begin_);
    return true;
  }

  RowBitmap HistoryHits(const Leaf& leaf) {
    HistoryIndex::Work work;
    RowBitmap hits = cache_.history->Search(*leaf.history, &work);
    if (!leaf.inside) hits.Flip();
    cache_.notes[&leaf] = "history index: " + work.layout + ", " + std::to_string(work.looked_at) +
                          " of " + std::to_string(work.entries) + " entries tested";
    return hits;
  }

  RowBitmap TextHits(const Leaf& leaf) {
    TextIndex::Work work;
    RowBitmap hits = cache_.text->Search(*leaf.text, leaf.column, leaf.custom, &work);
    if (!leaf.inside) hits.Flip();
    hits.And(cache_.text->NonEmpty(leaf.column, leaf.custom));  // never empty text
    cache_.notes[&leaf] = "text index: " + std::to_string(work.postings_read) + " postings read, " +
                          std::to_string(work.verified) + " rows checked for phrases";
    return hits;
  }

  // A few projects: their rows come from the project index, not a scan.
  bool IndexKernel(const Leaf& leaf, RowBitmap& out) {
    if (leaf.kind != Leaf::Kind::kAnyOf || leaf.column != ColumnId::kProject || leaf.match_empty)
      return false;
    auto it = cache_.index_hits.find(&leaf);
    if (it == cache_.index_hits.end()) {
      size_t rows = 0;
      for (size_t p = 0; p < leaf.codes.size(); ++p) {
        if (leaf.codes[p]) rows += store_.ProjectRows(static_cast<Code>(p)).size();
      }
      if (rows * 16 > store_.rows()) return false;  // a scan is cheaper
      RowBitmap hits(store_.rows());
      for (size_t p = 0; p < leaf.codes.size(); ++p) {
        if (!leaf.codes[p]) continue;
        for (uint32_t row : store_.ProjectRows(static_cast<Code>(p))) hits.Set(row);
      }
      it = cache_.index_hits.emplace(&leaf, std::move(hits)).first;
    }
    out.CopyFrom(it->second, begin_);
    return true;
  }

  // Whole-window kernels for the common leaves; false when the leaf has none.
  bool Kernel(const Leaf& leaf, const IntColumn* ints, RowBitmap& out) {
    switch (leaf.kind) {
      case Leaf::Kind::kFalse:
        return true;
      case Leaf::Kind::kTrue:
        out.SetAll();
        return true;
      case Leaf::Kind::kAnyOf:
      case Leaf::Kind::kNoneOf:
        if (ints != nullptr) return CodeKernel(leaf, *ints, out);
        if (const MultiColumn* m = MultiColumnOf(store_, leaf.column, leaf.custom))
          return MultiKernel(leaf, *m, out);
        return false;
      case Leaf::Kind::kRange:
        if (ints != nullptr) return RangeKernel(leaf, *ints, out);
        return false;
      case Leaf::Kind::kRows: {
        // The listed rows of this window, found by binary search: the cost is the
        // list's part in the window, not a test per row. (parent = X tests each
        // row's parent, one by one.)
        if (leaf.column == ColumnId::kParent) return false;
        const auto first =
            std::lower_bound(leaf.rows.begin(), leaf.rows.end(), static_cast<uint32_t>(begin_));
        const auto last = std::lower_bound(first, leaf.rows.end(), static_cast<uint32_t>(end_));
        for (auto it = first; it != last; ++it) Set(out, *it);
        if (!leaf.inside) out.Flip();
        return true;
      }
      case Leaf::Kind::kWatchedBy: {
        // watchedIssues() is `watcher in (the user)`, and its NOT the complement (an
        // issue nobody watches is not watched by the user either).
        if (leaf.column == ColumnId::kParent) return false;
        MultiKernel(leaf, store_.columns().watchers, out);
        if (!leaf.inside) out.Flip();
        return true;
      }
      case Leaf::Kind::kEmpty:
      case Leaf::Kind::kNotEmpty: {
        if (ints == nullptr) return false;
        const bool want_empty = leaf.kind == Leaf::Kind::kEmpty;
        if (!ints->present()) {
          if (want_empty) out.SetAll();
          return true;
        }
        if (ints->valid.empty()) {
          if (!want_empty) out.SetAll();
          return true;
        }
        const uint64_t* valid = ints->valid.words() + begin_ / 64;
        for (size_t w = 0; w < words_; ++w) out.word(w) = want_empty ? ~valid[w] : valid[w];
        out.TrimToRows();
        return true;
      }
      default:
        return false;
    }
  }

  // Rows of the window through a per-row predicate on the stored offset.
  template <size_t kWidth, typename Test>
  void ScanOffsets(const PackedInts& p, RowBitmap& out, Test test) const {
    const uint8_t* data = p.buffer().data() + begin_ * kWidth;
    const size_t n = end_ - begin_;
    for (size_t w = 0; w < words_; ++w) {
      uint64_t word = 0;
      const size_t stop = std::min<size_t>(64, n - w * 64);
      const uint8_t* base = data + w * 64 * kWidth;
      for (size_t i = 0; i < stop; ++i) {
        uint64_t raw;
        if constexpr (kWidth == 1) {
          raw = base[i];
        } else if constexpr (kWidth == 2) {
          uint16_t v;
          std::memcpy(&v, base + i * 2, 2);
          raw = v;
        } else {
          std::memcpy(&raw, base + i * kWidth, 8);
        }
        word |= static_cast<uint64_t>(test(raw)) << i;
      }
      out.word(w) = word;
    }
  }

  template <typename Test>
  bool Scan(const PackedInts& p, RowBitmap& out, Test test) const {
    switch (p.width()) {
      case 0:
        ScanOffsets<0>(p, out, [&](uint64_t) { return test(0); });
        return true;
      case 1:
        ScanOffsets<1>(p, out, test);
        return true;
      case 2:
        ScanOffsets<2>(p, out, test);
        return true;
      case 3:
        ScanOffsets<3>(p, out, [&](uint64_t r) { return test(r & 0xFFFFFF); });
        return true;
      case 4:
        ScanOffsets<4>(p, out, [&](uint64_t r) { return test(r & 0xFFFFFFFF); });
        return true;
      case 5:
        ScanOffsets<5>(p, out, [&](uint64_t r) { return test(r & 0xFFFFFFFFFF); });
        return true;
      case 6:
        ScanOffsets<6>(p, out, [&](uint64_t r) { return test(r & 0xFFFFFFFFFFFF); });
        return true;
      case 7:
        ScanOffsets<7>(p, out, [&](uint64_t r) { return test(r & 0xFFFFFFFFFFFFFF); });
        return true;
      default:
        ScanOffsets<8>(p, out, test);
        return true;
    }
  }

  void ApplyValidity(const IntColumn& c, bool empties_match, RowBitmap& out) const {
    if (c.valid.empty()) return;
    const uint64_t* valid = c.valid.words() + begin_ / 64;
    for (size_t w = 0; w < words_; ++w) {
      out.word(w) &= valid[w];
      if (empties_match) out.word(w) |= ~valid[w];
    }
    out.TrimToRows();
  }

  bool CodeKernel(const Leaf& leaf, const IntColumn& c, RowBitmap& out) {
    const bool none_of = leaf.kind == Leaf::Kind::kNoneOf;
    if (!c.present()) {
      if (!none_of && leaf.match_empty) out.SetAll();
      return true;
    }
    const PackedInts& p = c.values;
    if (p.width() > 2) return false;
    // The dictionary is searched once per query: a table over every stored offset.
    auto it = cache_.code_tables.find(&leaf);
    if (it == cache_.code_tables.end()) {
      std::vector<uint8_t> table(static_cast<size_t>(p.mask()) + 1, 0);
      for (size_t raw = 0; raw < table.size(); ++raw) {
        const int64_t code = p.base() + p.step() * static_cast<int64_t>(raw);
        const bool in = code >= 0 && static_cast<size_t>(code) < leaf.codes.size() &&
                        leaf.codes[static_cast<size_t>(code)];
        table[raw] = none_of ? !in : in;
      }
      it = cache_.code_tables.emplace(&leaf, std::move(table)).first;
    }
    const uint8_t* table = it->second.data();
    Scan(p, out, [table](uint64_t raw) { return table[raw]; });
    ApplyValidity(c, !none_of && leaf.match_empty, out);
    return true;
  }

  bool RangeKernel(const Leaf& leaf, const IntColumn& c, RowBitmap& out) {
    if (!c.present()) return true;
    const PackedInts& p = c.values;
    // [lo, hi] in stored offsets: offset = (value - base) / step.
    auto to_raw_lo = [&](int64_t v) -> int64_t {
      if (v <= p.base()) return 0;
      const __int128 d = static_cast<__int128>(v) - p.base();
      return static_cast<int64_t>(std::min<__int128>((d + p.step() - 1) / p.step(), INT64_MAX));
    };
    auto to_raw_hi = [&](int64_t v) -> int64_t {
      if (v < p.base()) return -1;
      const __int128 d = static_cast<__int128>(v) - p.base();
      return static_cast<int64_t>(std::min<__int128>(d / p.step(), INT64_MAX));
    };
    const int64_t lo = to_raw_lo(leaf.lo), hi = to_raw_hi(leaf.hi);
    if (hi < lo) {
      if (!leaf.inside) out.SetAll();
    } else if (leaf.inside) {
      // One unsigned comparison: lo <= v <= hi.
      const uint64_t ulo = static_cast<uint64_t>(lo), span = static_cast<uint64_t>(hi - lo);
      Scan(p, out, [ulo, span](uint64_t v) { return v - ulo <= span; });
    } else {
      const uint64_t ulo = static_cast<uint64_t>(lo), span = static_cast<uint64_t>(hi - lo);
      Scan(p, out, [ulo, span](uint64_t v) { return v - ulo > span; });
    }
    ApplyValidity(c, false, out);
    return true;
  }

  bool MultiKernel(const Leaf& leaf, const MultiColumn& m, RowBitmap& out) {
    const bool none_of = leaf.kind == Leaf::Kind::kNoneOf;
    if (!m.present()) {
      if (!none_of && leaf.match_empty) out.SetAll();
      return true;
    }
    const PackedInts& codes = m.codes();
    const uint8_t* counts = m.counts().data();
    // As for single values: one table over the stored code offsets.
    const std::vector<uint8_t>* table = nullptr;
    if (codes.width() <= 2) {
      auto it = cache_.code_tables.find(&leaf);
      if (it == cache_.code_tables.end()) {
        std::vector<uint8_t> t(static_cast<size_t>(codes.mask()) + 1, 0);
        for (size_t raw = 0; raw < t.size(); ++raw) {
          const int64_t code = codes.base() + codes.step() * static_cast<int64_t>(raw);
          t[raw] = code >= 0 && static_cast<size_t>(code) < leaf.codes.size() &&
                   leaf.codes[static_cast<size_t>(code)];
        }
        it = cache_.code_tables.emplace(&leaf, std::move(t)).first;
      }
      table = &it->second;
    }
    const uint8_t* data = codes.buffer().data();
    uint64_t next = m.Begin(begin_);
    if (table != nullptr) {
      // One or two bytes per code: fixed-size loads, no calls.
      const uint8_t* t = table->data();
      const uint16_t code_mask = static_cast<uint16_t>(codes.mask());
      const size_t width = codes.width();
      for (size_t row = begin_; row < end_; ++row) {
        const uint32_t count = counts[row] != 255 ? counts[row] : m.Count(row);
        uint8_t any = 0;
        for (uint32_t i = 0; i < count; ++i) {
          uint16_t raw;
          std::memcpy(&raw, data + (next + i) * width, sizeof raw);
          any |= t[raw & code_mask];
        }
        next += count;
        const bool hit = count == 0 ? (!none_of && leaf.match_empty) : (none_of ? !any : any != 0);
        if (hit) Set(out, row);
      }
      return true;
    }
    for (size_t row = begin_; row < end_; ++row) {
      const uint32_t count = counts[row] != 255 ? counts[row] : m.Count(row);
      bool any = false;
      for (uint32_t i = 0; i < count; ++i) {
        const int64_t code = codes.Get(next + i);
        any = any || (static_cast<size_t>(code) < leaf.codes.size() &&
                      leaf.codes[static_cast<size_t>(code)]);
      }
      next += count;
      const bool hit = count == 0 ? (!none_of && leaf.match_empty) : (none_of ? !any : any);
      if (hit) Set(out, row);
    }
    return true;
  }

  const IssueStore& store_;
  EvalCache& cache_;
  size_t begin_, end_, words_;
};

}  // namespace

bool ForEachBlock(const IssueStore& store, const CompiledQuery& query, EvalCache& cache,
                  const QueryBudget& budget, const BlockSink& sink) {
  const size_t rows = store.rows();
  for (size_t begin = 0; begin < rows; begin += kBlockRows) {
    if (budget.Exhausted()) return false;
    const size_t end = std::min(rows, begin + kBlockRows);
    BlockEvaluator evaluator(store, cache, begin, end);
    const RowBitmap block =
        query.match_all ? evaluator.All() : evaluator.Eval(query.root, evaluator.All());
    if (!sink(begin, block)) break;
  }
  return true;
}

std::optional<RowBitmap> EvaluateAll(const IssueStore& store, const CompiledQuery& query,
                                     EvalCache& cache, const IssueStore::ArchivedState& archived,
                                     const QueryBudget& budget) {
  RowBitmap hits(store.rows());
  const bool finished =
      ForEachBlock(store, query, cache, budget, [&](size_t begin, const RowBitmap& block) {
        for (size_t w = 0; w < block.words(); ++w)
          hits.word(begin / 64 + w) = block.word(w) & ~archived.words[begin / 64 + w];
        return true;
      });
  if (!finished) return std::nullopt;
  return hits;
}

}  // namespace jql::internal
