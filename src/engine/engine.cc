// Compile (parse, bind, estimate) and the two evaluators: the fast one over columns
// with bitmaps, and the reference one, row at a time, that tests compare it with.
#include "jql/engine.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "binder.h"
#include "compiled_query.h"
#include "history_index.h"
#include "planner.h"
#include "row_values.h"
#include "text_index.h"

namespace jql {
namespace internal {
namespace {

using Bits = std::vector<uint64_t>;

size_t Words64(size_t rows) { return (rows + 63) / 64; }

size_t Count(const Bits& b) {
  size_t n = 0;
  for (uint64_t w : b) n += std::popcount(w);
  return n;
}

Bits AllRows(size_t rows) {
  Bits b(Words64(rows), ~uint64_t{0});
  if (rows % 64 != 0) b.back() = (uint64_t{1} << (rows % 64)) - 1;
  if (rows == 0) b.clear();
  return b;
}

template <typename F>
void ForEachSet(const Bits& b, F&& f) {
  for (size_t w = 0; w < b.size(); ++w) {
    uint64_t word = b[w];
    while (word != 0) {
      f(w * 64 + static_cast<size_t>(std::countr_zero(word)));
      word &= word - 1;
    }
  }
}

// Rows are evaluated in blocks of 64K: the columns of one block stay in cache while
// every leaf of the query reads them.
constexpr size_t kBlockRows = size_t{1} << 16;

// What the blocks of one evaluation share: per-leaf lookup tables and index results,
// built on first use.
struct EvalCache {
  const HistoryIndex* history = nullptr;  // the engine's; null leaves history to LeafMatches
  const TextIndex* text = nullptr;        // likewise for ~ and !~
  std::unordered_map<const Leaf*, std::vector<uint8_t>> code_tables;
  std::unordered_map<const Leaf*, Bits> index_hits;    // whole-store bitmaps from an index
  std::unordered_map<const Leaf*, std::string> notes;  // what an index did, for explain
};

class Evaluator {
 public:
  Evaluator(const IssueStore& store, EvalCache& cache, size_t begin, size_t end)
      : store_(store), cache_(cache), begin_(begin), end_(end), words_((end - begin + 63) / 64) {}

  // Every row of the window.
  Bits All() const {
    Bits b(words_, ~uint64_t{0});
    if ((end_ - begin_) % 64 != 0) b.back() = (uint64_t{1} << ((end_ - begin_) % 64)) - 1;
    return b;
  }

  // Rows of `candidates` (bits relative to the window) that match the node.
  Bits Eval(const Node& node, const Bits& candidates) {
    switch (node.kind) {
      case Node::Kind::kLeaf:
        return EvalLeaf(node.leaf, candidates);
      case Node::Kind::kAnd: {
        // Most selective first; each child only looks at rows still in the running.
        std::vector<const Node*> order;
        for (const Node& c : node.children) order.push_back(&c);
        std::stable_sort(order.begin(), order.end(),
                         [](const Node* a, const Node* b) { return a->estimate < b->estimate; });
        Bits current = candidates;
        for (const Node* child : order) {
          if (Count(current) == 0) break;  // nothing left: the rest need not run
          current = Eval(*child, current);
        }
        return current;
      }
      case Node::Kind::kOr: {
        Bits result(words_, 0);
        Bits remaining = candidates;
        for (const Node& child : node.children) {
          if (Count(remaining) == 0) break;
          // Only rows not already true are evaluated again.
          const Bits hit = Eval(child, remaining);
          for (size_t w = 0; w < words_; ++w) {
            result[w] |= hit[w];
            remaining[w] &= ~hit[w];
          }
        }
        return result;
      }
    }
    return candidates;
  }

 private:
  void Set(Bits& out, size_t row) const {
    out[(row - begin_) >> 6] |= uint64_t{1} << ((row - begin_) & 63);
  }

  Bits EvalLeaf(const Leaf& leaf, const Bits& candidates) {
    const size_t candidate_count = Count(candidates);
    Bits out(words_, 0);
    if (candidate_count == 0) return out;
    if (WholeStoreKernel(leaf, candidate_count, out) || IndexKernel(leaf, out)) {
      for (size_t w = 0; w < words_; ++w) out[w] &= candidates[w];
      return out;
    }
    const IntColumn* ints = IntColumnOf(store_, leaf.column, leaf.custom);
    // Few rows left: test them one by one.
    if (candidate_count * 32 < end_ - begin_) {
      const bool fast =
          ints != nullptr && (leaf.kind == Leaf::Kind::kAnyOf || leaf.kind == Leaf::Kind::kNoneOf ||
                              leaf.kind == Leaf::Kind::kRange);
      ForEachSet(candidates, [&](size_t bit) {
        const size_t row = begin_ + bit;
        if (fast ? RowMatchesInt(leaf, *ints, row) : LeafMatches(store_, leaf, row)) Set(out, row);
      });
      return out;
    }
    if (!Kernel(leaf, ints, out)) {
      ForEachSet(candidates, [&](size_t bit) {
        if (LeafMatches(store_, leaf, begin_ + bit)) Set(out, begin_ + bit);
      });
      return out;
    }
    for (size_t w = 0; w < words_; ++w) out[w] &= candidates[w];
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
  bool WholeStoreKernel(const Leaf& leaf, size_t candidate_count, Bits& out) {
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
    CopyWindow(it->second, out);
    return true;
  }

  Bits HistoryHits(const Leaf& leaf) {
    HistoryIndex::Work work;
    Bits hits = cache_.history->Search(*leaf.history, &work);
    if (!leaf.inside) {
      const Bits all = AllRows(store_.rows());
      for (size_t w = 0; w < hits.size(); ++w) hits[w] = ~hits[w] & all[w];
    }
    cache_.notes[&leaf] = "history index: " + work.layout + ", " + std::to_string(work.looked_at) +
                          " of " + std::to_string(work.entries) + " entries tested";
    return hits;
  }

  Bits TextHits(const Leaf& leaf) {
    TextIndex::Work work;
    Bits hits = cache_.text->Search(*leaf.text, leaf.column, leaf.custom, &work);
    const Bits nonempty = cache_.text->NonEmpty(leaf.column, leaf.custom);
    for (size_t w = 0; w < hits.size(); ++w)
      hits[w] = (leaf.inside ? hits[w] : ~hits[w]) & nonempty[w];  // never empty text
    cache_.notes[&leaf] = "text index: " + std::to_string(work.postings_read) + " postings read, " +
                          std::to_string(work.verified) + " rows checked for phrases";
    return hits;
  }

  // This block's words of a whole-store bitmap.
  void CopyWindow(const Bits& whole, Bits& out) const {
    std::copy(whole.begin() + static_cast<ptrdiff_t>(begin_ / 64),
              whole.begin() + static_cast<ptrdiff_t>(begin_ / 64 + words_), out.begin());
  }

  // A few projects: their rows come from the project index, not a scan.
  bool IndexKernel(const Leaf& leaf, Bits& out) {
    if (leaf.kind != Leaf::Kind::kAnyOf || leaf.column != ColumnId::kProject || leaf.match_empty)
      return false;
    auto it = cache_.index_hits.find(&leaf);
    if (it == cache_.index_hits.end()) {
      size_t rows = 0;
      for (size_t p = 0; p < leaf.codes.size(); ++p) {
        if (leaf.codes[p]) rows += store_.ProjectRows(static_cast<Code>(p)).size();
      }
      if (rows * 16 > store_.rows()) return false;  // a scan is cheaper
      Bits hits(Words64(store_.rows()), 0);
      for (size_t p = 0; p < leaf.codes.size(); ++p) {
        if (!leaf.codes[p]) continue;
        for (uint32_t row : store_.ProjectRows(static_cast<Code>(p)))
          hits[row >> 6] |= uint64_t{1} << (row & 63);
      }
      it = cache_.index_hits.emplace(&leaf, std::move(hits)).first;
    }
    CopyWindow(it->second, out);
    return true;
  }

  // Whole-window kernels for the common leaves; false when the leaf has none.
  bool Kernel(const Leaf& leaf, const IntColumn* ints, Bits& out) {
    switch (leaf.kind) {
      case Leaf::Kind::kFalse:
        return true;
      case Leaf::Kind::kTrue:
        out = All();
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
        Bits listed(words_, 0);
        for (auto it = first; it != last; ++it) Set(listed, *it);
        if (leaf.inside) {
          out = std::move(listed);
        } else {
          out = All();
          for (size_t w = 0; w < words_; ++w) out[w] &= ~listed[w];
        }
        return true;
      }
      case Leaf::Kind::kWatchedBy: {
        // watchedIssues() is `watcher in (the user)`, and its NOT the complement (an
        // issue nobody watches is not watched by the user either).
        if (leaf.column == ColumnId::kParent) return false;
        MultiKernel(leaf, store_.columns().watchers, out);
        if (!leaf.inside) {
          const Bits all = All();
          for (size_t w = 0; w < words_; ++w) out[w] = ~out[w] & all[w];
        }
        return true;
      }
      case Leaf::Kind::kEmpty:
      case Leaf::Kind::kNotEmpty: {
        if (ints == nullptr) return false;
        const bool want_empty = leaf.kind == Leaf::Kind::kEmpty;
        if (!ints->present()) {
          if (want_empty) out = All();
          return true;
        }
        if (ints->valid.empty()) {
          if (!want_empty) out = All();
          return true;
        }
        const uint64_t* valid = ints->valid.words() + begin_ / 64;
        const Bits all = All();
        for (size_t w = 0; w < words_; ++w) out[w] = (want_empty ? ~valid[w] : valid[w]) & all[w];
        return true;
      }
      default:
        return false;
    }
  }

  // Rows of the window through a per-row predicate on the stored offset.
  template <size_t kWidth, typename Test>
  void ScanOffsets(const PackedInts& p, Bits& out, Test test) const {
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
      out[w] = word;
    }
  }

  template <typename Test>
  bool Scan(const PackedInts& p, Bits& out, Test test) const {
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

  void ApplyValidity(const IntColumn& c, bool empties_match, Bits& out) const {
    if (c.valid.empty()) return;
    const uint64_t* valid = c.valid.words() + begin_ / 64;
    const Bits all = All();
    for (size_t w = 0; w < words_; ++w) {
      out[w] &= valid[w];
      if (empties_match) out[w] |= ~valid[w] & all[w];
    }
  }

  bool CodeKernel(const Leaf& leaf, const IntColumn& c, Bits& out) {
    const bool none_of = leaf.kind == Leaf::Kind::kNoneOf;
    if (!c.present()) {
      if (!none_of && leaf.match_empty) out = All();
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

  bool RangeKernel(const Leaf& leaf, const IntColumn& c, Bits& out) {
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
      if (!leaf.inside) out = All();
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

  bool MultiKernel(const Leaf& leaf, const MultiColumn& m, Bits& out) {
    const bool none_of = leaf.kind == Leaf::Kind::kNoneOf;
    if (!m.present()) {
      if (!none_of && leaf.match_empty) out = All();
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

// Evaluates the query block by block into one bitmap of the whole store, without
// archived rows. (The archive selection that stops at its cap walks the blocks itself.)
// Stops between blocks when `budget` runs out (*stopped is then set).
Bits EvaluateBlocks(const IssueStore& store, const CompiledQuery& query,
                    const HistoryIndex* history, const TextIndex* text,
                    const IssueStore::ArchivedState& archived, const QueryBudget& budget,
                    bool* stopped) {
  const size_t rows = store.rows();
  Bits hits(Words64(rows), 0);
  EvalCache cache;
  cache.history = history;
  cache.text = text;
  for (size_t begin = 0; begin < rows; begin += kBlockRows) {
    if (budget.Exhausted()) {
      *stopped = true;
      break;
    }
    const size_t end = std::min(rows, begin + kBlockRows);
    Evaluator evaluator(store, cache, begin, end);
    Bits block = evaluator.All();
    if (!query.match_all) block = evaluator.Eval(query.root, block);
    for (size_t w = 0; w < block.size(); ++w) {
      hits[begin / 64 + w] = block[w] & ~archived.words[begin / 64 + w];
    }
  }
  return hits;
}

// Planner: every node's estimated fraction of rows, from a sample of rows.
void Estimate(const IssueStore& store, Node& node) {
  const size_t rows = store.rows();
  if (node.kind == Node::Kind::kLeaf) {
    if (rows == 0) return;
    const size_t samples = std::min<size_t>(rows, 512);
    size_t hits = 0;
    for (size_t i = 0; i < samples; ++i)
      hits += LeafMatches(store, node.leaf, i * rows / samples) ? 1 : 0;
    node.estimate = (static_cast<double>(hits) + 0.5) / (static_cast<double>(samples) + 1.0);
    return;
  }
  double all = 1.0, none = 1.0;
  for (Node& c : node.children) {
    Estimate(store, c);
    all *= c.estimate;
    none *= 1.0 - c.estimate;
  }
  node.estimate = node.kind == Node::Kind::kAnd ? all : 1.0 - none;
}

// Sort keys as integers: names are ranked once per query, so rows compare by int64s.
class SortKeys {
 public:
  SortKeys(const IssueStore& store, const std::vector<SortKey>& keys) : store_(store), keys_(keys) {
    const Catalog& cat = store.catalog();
    for (const SortKey& k : keys) {
      const SortRule rule = k.field->sort;
      // Keys and versions sort by their project's key first.
      const Dictionary ranked = rule == SortRule::kIssueKey || rule == SortRule::kVersion
                                    ? Dictionary::kProjects
                                    : k.field->dictionary;
      std::vector<int64_t> rank;
      if (rule == SortRule::kName || rule == SortRule::kIssueKey || rule == SortRule::kVersion) {
        rank = RankByName(DictionarySize(cat, ranked),
                          [&](Code c) { return DictionarySortName(cat, ranked, c); });
      }
      ranks_.push_back(std::move(rank));
    }
  }

  // (empty, value) of key k for a row.
  std::pair<bool, int64_t> Get(size_t k, size_t row, std::vector<int64_t>& scratch) const {
    const SortKey& key = keys_[k];
    const Catalog& cat = store_.catalog();
    const std::vector<int64_t>& rank = ranks_[k];
    const SortRule rule = key.field->sort;
    if (rule == SortRule::kIssueKey) {
      const IssueColumns& c = store_.columns();
      return {false, (rank[static_cast<size_t>(c.project.values.Get(row))] << 40) |
                         c.number.values.Get(row)};
    }
    if (rule == SortRule::kValue) {
      // Dates, numbers and codes: the stored value itself, no lookups.
      if (const IntColumn* c = IntColumnOf(store_, key.column, key.custom)) {
        if (!c->IsValid(row)) return {true, 0};
        return {false, c->values.Get(row)};
      }
    }
    RowValues(store_, key.column, key.custom, row, scratch);
    if (scratch.empty()) return {true, 0};
    const auto code = static_cast<Code>(scratch.front());
    switch (rule) {
      case SortRule::kPriority:
        return {false, -cat.priorities[code].sequence};  // Highest is greatest
      case SortRule::kCatalogId:
        return {false, DictionaryId(cat, key.field->dictionary, code)};
      case SortRule::kVersion:
        return {false, (rank[cat.versions[code].project] << 32) | cat.versions[code].sequence};
      case SortRule::kName:
        return {false, rank[code]};
      default:
        return {false, scratch.front()};
    }
  }

 private:
  template <typename Name>
  static std::vector<int64_t> RankByName(size_t n, Name name) {
    std::vector<Code> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](Code a, Code b) { return name(a) < name(b); });
    std::vector<int64_t> rank(n);
    for (size_t i = 0; i < n; ++i) rank[order[i]] = static_cast<int64_t>(i);
    return rank;
  }

  const IssueStore& store_;
  const std::vector<SortKey>& keys_;
  std::vector<std::vector<int64_t>> ranks_;
};

// The matching rows in the query's order; only the first `limit` need to be in order
// (and only they are returned).
std::vector<uint32_t> Ordered(const IssueStore& store, const CompiledQuery& query, const Bits& hits,
                              size_t limit = SIZE_MAX) {
  std::vector<uint32_t> rows;
  ForEachSet(hits, [&](size_t row) { rows.push_back(static_cast<uint32_t>(row)); });
  const IntColumn& id = store.columns().id;
  if (query.order.empty()) {
    // No ORDER BY: issue id ascending, the stable order the archive rule needs (rows
    // are usually in id order already).
    if (!store.IdsAscend()) {
      std::sort(rows.begin(), rows.end(),
                [&](uint32_t a, uint32_t b) { return id.values.Get(a) < id.values.Get(b); });
    }
    if (rows.size() > limit) rows.resize(limit);
    return rows;
  }
  const size_t nkeys = query.order.size();
  if (const SortKey& only = query.order.front();
      nkeys == 1 && store.IdsAscend() && only.field->sort == SortRule::kValue) {
    // One date or number key: sort (key, row) pairs directly. The key maps the value
    // to an unsigned order (flipped for DESC) with empties last; rows break ties, and
    // rows are in id order.
    if (const IntColumn* c = IntColumnOf(store, only.column, only.custom)) {
      std::vector<std::pair<uint64_t, uint32_t>> keyed;
      keyed.reserve(rows.size());
      for (uint32_t row : rows) {
        uint64_t k = UINT64_MAX;
        if (c->IsValid(row)) {
          const uint64_t v = static_cast<uint64_t>(c->values.Get(row)) ^ (uint64_t{1} << 63);
          k = only.descending ? ~v : v;
          if (k == UINT64_MAX) --k;  // keep empties strictly last
        }
        keyed.emplace_back(k, row);
      }
      if (limit < keyed.size()) {
        std::nth_element(keyed.begin(), keyed.begin() + static_cast<ptrdiff_t>(limit), keyed.end());
        keyed.resize(limit);
      }
      std::sort(keyed.begin(), keyed.end());
      std::vector<uint32_t> out;
      out.reserve(keyed.size());
      for (const auto& [k, row] : keyed) out.push_back(row);
      return out;
    }
  }
  const SortKeys keys(store, query.order);
  // Each row's keys in one flat array: (empty, value) pairs, then the id.
  std::vector<std::pair<bool, int64_t>> values(rows.size() * nkeys);
  std::vector<int64_t> scratch;
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t k = 0; k < nkeys; ++k) values[i * nkeys + k] = keys.Get(k, rows[i], scratch);
  }
  std::vector<uint32_t> index(rows.size());
  std::iota(index.begin(), index.end(), 0);
  auto less = [&](uint32_t a, uint32_t b) {
    for (size_t k = 0; k < nkeys; ++k) {
      const auto& x = values[a * nkeys + k];
      const auto& y = values[b * nkeys + k];
      if (x.first != y.first) return !x.first;  // empties last, in either direction
      if (x.second != y.second)
        return query.order[k].descending ? x.second > y.second : x.second < y.second;
    }
    return id.values.Get(rows[a]) < id.values.Get(rows[b]);
  };
  if (limit < index.size()) {
    // Only the first `limit` are wanted: select them, then sort just those.
    std::nth_element(index.begin(), index.begin() + static_cast<ptrdiff_t>(limit), index.end(),
                     less);
    index.resize(limit);
  }
  std::sort(index.begin(), index.end(), less);
  std::vector<uint32_t> out;
  out.reserve(index.size());
  for (uint32_t i : index) out.push_back(rows[i]);
  return out;
}

// REQUIRES: archived rows are already out of `hits`.
QueryResult Finish(const IssueStore& store, const CompiledQuery& query, const Bits& hits,
                   size_t limit) {
  QueryResult result;
  result.total = Count(hits);
  result.rows = Ordered(store, query, hits, limit);
  return result;
}

bool NodeMatches(const IssueStore& store, const Node& node, size_t row) {
  switch (node.kind) {
    case Node::Kind::kLeaf:
      return LeafMatches(store, node.leaf, row);
    case Node::Kind::kAnd:
      for (const Node& c : node.children) {
        if (!NodeMatches(store, c, row)) return false;
      }
      return true;
    case Node::Kind::kOr:
      for (const Node& c : node.children) {
        if (NodeMatches(store, c, row)) return true;
      }
      return false;
  }
  return false;
}

void ExplainNode(const IssueStore& store, const HistoryIndex* history, const TextIndex* text,
                 const Node& node, int depth, const Bits& candidates, std::string& out) {
  EvalCache cache;
  cache.history = history;
  cache.text = text;
  Evaluator evaluator(store, cache, 0, store.rows());
  const Bits hits = evaluator.Eval(node, candidates);
  char line[160];
  std::snprintf(line, sizeof line, "  (estimated %.0f rows, actual %zu)",
                node.estimate * static_cast<double>(store.rows()), Count(hits));
  out.append(static_cast<size_t>(depth) * 2, ' ');
  if (node.kind == Node::Kind::kLeaf) {
    out += node.leaf.label.empty() ? "leaf" : node.leaf.label;
  } else {
    out += node.kind == Node::Kind::kAnd ? "AND (children by estimate, each on the rows left)"
                                         : "OR (each child on the rows not yet matched)";
  }
  out += line;
  out += '\n';
  if (node.kind == Node::Kind::kLeaf) {
    if (auto note = cache.notes.find(&node.leaf); note != cache.notes.end()) {
      out.append(static_cast<size_t>(depth) * 2 + 2, ' ');
      out += note->second + '\n';
    }
  }
  if (node.kind == Node::Kind::kAnd) {
    std::vector<const Node*> order;
    for (const Node& c : node.children) order.push_back(&c);
    std::stable_sort(order.begin(), order.end(),
                     [](const Node* a, const Node* b) { return a->estimate < b->estimate; });
    Bits current = candidates;
    for (const Node* c : order) {
      ExplainNode(store, history, text, *c, depth + 1, current, out);
      current = evaluator.Eval(*c, current);
    }
  } else if (node.kind == Node::Kind::kOr) {
    for (const Node& c : node.children)
      ExplainNode(store, history, text, c, depth + 1, candidates, out);
  }
}

}  // namespace
}  // namespace internal

using internal::Bits;

namespace internal {

struct EngineIndexes {
  Bits subtask;     // rows whose issue type is a subtask type
  Bits unlicensed;  // rows in projects whose type cannot be archived
  std::vector<std::pair<uint32_t, uint32_t>> children;  // (parent row, subtask row), sorted
  Bits has_subtasks;                                    // rows that are some subtask's parent
  std::vector<uint32_t> subtask_bucket;   // per 64 rows: the first pair whose parent is in them
  std::unique_ptr<HistoryIndex> history;  // built per field on first use
  std::unique_ptr<TextIndex> text;        // likewise
};

}  // namespace internal

CompileResult Engine::Compile(std::string_view jql, const QueryContext& context,
                              const ParseOptions& options) const {
  CompileResult result;
  ParseResult parsed = Parse(jql, options);
  if (!parsed.ok()) {
    result.errors = std::move(parsed.errors);
    return result;
  }
  auto compiled = internal::Bind(*parsed.query, store_, context, &result.errors);
  if (!compiled) return result;
  compiled->text = std::string(jql);
  if (!compiled->match_all) {
    internal::Simplify(compiled->root);
    internal::Estimate(store_, compiled->root);
  }
  result.query = std::move(compiled);
  return result;
}

QueryResult Engine::Execute(const CompiledQuery& query, size_t limit,
                            const QueryBudget& budget) const {
  // One archived state for the whole evaluation, and no lock held meanwhile.
  const auto archived = store_.PinArchived();
  bool stopped = false;
  const Bits hits = internal::EvaluateBlocks(store_, query, indexes_->history.get(),
                                             indexes_->text.get(), *archived, budget, &stopped);
  if (stopped) {
    QueryResult out;
    out.stopped = true;
    return out;
  }
  return internal::Finish(store_, query, hits, limit);
}

QueryResult Engine::ExecuteReference(const CompiledQuery& query, size_t limit) const {
  const auto archived = store_.PinArchived();
  Bits hits(internal::Words64(store_.rows()), 0);
  for (size_t row = 0; row < store_.rows(); ++row) {
    if (archived->Has(row)) continue;  // invisible to every query
    if (query.match_all || internal::NodeMatches(store_, query.root, row)) {
      hits[row >> 6] |= uint64_t{1} << (row & 63);
    }
  }
  return internal::Finish(store_, query, hits, limit);
}

Engine::Engine(const IssueStore& store) : store_(store) {
  auto indexes = std::make_unique<internal::EngineIndexes>();
  indexes->history = std::make_unique<internal::HistoryIndex>(store);
  indexes->text = std::make_unique<internal::TextIndex>(store);
  const IssueColumns& c = store.columns();
  const Catalog& cat = store.catalog();
  const size_t rows = store.rows();
  indexes->subtask.assign(internal::Words64(rows), 0);
  indexes->unlicensed.assign(internal::Words64(rows), 0);
  for (size_t row = 0; row < rows; ++row) {
    const uint64_t bit = uint64_t{1} << (row & 63);
    if (c.issue_type.IsValid(row) &&
        cat.issue_types[static_cast<Code>(c.issue_type.values.Get(row))].subtask) {
      indexes->subtask[row >> 6] |= bit;
    }
    if (!IsArchivable(cat.projects[static_cast<Code>(c.project.values.Get(row))].type))
      indexes->unlicensed[row >> 6] |= bit;
    if (c.parent.IsValid(row)) {
      indexes->children.emplace_back(static_cast<uint32_t>(c.parent.values.Get(row)),
                                     static_cast<uint32_t>(row));
    }
  }
  std::sort(indexes->children.begin(), indexes->children.end());
  indexes->has_subtasks.assign(internal::Words64(rows), 0);
  indexes->subtask_bucket.assign(internal::Words64(rows) + 1, 0);
  size_t pair = 0;
  for (size_t bucket = 0; bucket < indexes->subtask_bucket.size(); ++bucket) {
    while (pair < indexes->children.size() && indexes->children[pair].first < bucket * 64) ++pair;
    indexes->subtask_bucket[bucket] = static_cast<uint32_t>(pair);
  }
  for (const auto& [parent, child] : indexes->children)
    indexes->has_subtasks[parent >> 6] |= uint64_t{1} << (parent & 63);
  indexes_ = std::move(indexes);
}

Engine::~Engine() = default;

namespace {

// Counts the skipped rows among 64 matches (bit i is row 64 * word + i) and keeps the
// first few of each reason.
void SampleSkipped(size_t word, uint64_t hits, const internal::EngineIndexes& ix,
                   ArchiveSelection& s) {
  const uint64_t subtasks = hits & ix.subtask[word];
  const uint64_t unlicensed = hits & ~ix.subtask[word] & ix.unlicensed[word];
  s.skipped_subtasks += std::popcount(subtasks);
  s.skipped_unlicensed += std::popcount(unlicensed);
  auto keep = [word](uint64_t bits, std::vector<uint32_t>& sample) {
    for (; bits != 0 && sample.size() < ArchiveSelection::kSkippedSample; bits &= bits - 1)
      sample.push_back(static_cast<uint32_t>(word * 64 + std::countr_zero(bits)));
  };
  keep(subtasks, s.sample_subtasks);
  keep(unlicensed, s.sample_unlicensed);
}

// Most issues have no subtasks (a bitmap says which do); the others find their
// (parent, subtask) pairs from the start of their 64-row bucket, so a sparse
// selection costs no binary searches.
template <typename Each>
void ForEachSubtask(const internal::EngineIndexes& ix, uint32_t parent, Each each) {
  if ((ix.has_subtasks[parent >> 6] >> (parent & 63) & 1) == 0) return;
  size_t i = ix.subtask_bucket[parent >> 6];
  while (ix.children[i].first < parent) ++i;
  for (; i < ix.children.size() && ix.children[i].first == parent; ++i) each(ix.children[i].second);
}

}  // namespace

namespace {

// A selection the budget cut short: empty, so that nothing acts on part of it.
ArchiveSelection Stopped() {
  ArchiveSelection s;
  s.stopped = true;
  return s;
}

}  // namespace

ArchiveSelection Engine::SelectForArchive(const CompiledQuery& query, size_t cap, bool exact_counts,
                                          const QueryBudget& budget) const {
  const auto archived = store_.PinArchived();
  const internal::EngineIndexes& ix = *indexes_;
  ArchiveSelection s;
  if (!exact_counts && query.order.empty() && store_.IdsAscend()) {
    // Rows come in id order: walk the blocks, keep eligible rows until the cap, stop.
    // The counts then cover the blocks looked at.
    internal::EvalCache cache;
    cache.history = ix.history.get();
    cache.text = ix.text.get();
    for (size_t begin = 0; begin < store_.rows() && s.rows.size() < cap;
         begin += internal::kBlockRows) {
      if (budget.Exhausted()) return Stopped();
      const size_t end = std::min(store_.rows(), begin + internal::kBlockRows);
      internal::Evaluator evaluator(store_, cache, begin, end);
      Bits block = evaluator.All();
      if (!query.match_all) block = evaluator.Eval(query.root, block);
      for (size_t w = 0; w < block.size(); ++w) {
        const size_t word = begin / 64 + w;
        const uint64_t h = block[w] & ~archived->words[word];
        s.matched += std::popcount(h);
        SampleSkipped(word, h, ix, s);
        uint64_t eligible = h & ~ix.subtask[word] & ~ix.unlicensed[word];
        while (eligible != 0) {
          if (s.rows.size() == cap) {
            s.skipped_over_cap += std::popcount(eligible);
            break;
          }
          s.rows.push_back(static_cast<uint32_t>(word * 64 + std::countr_zero(eligible)));
          eligible &= eligible - 1;
        }
      }
    }
  } else {
    bool stopped = false;
    const Bits hits = internal::EvaluateBlocks(store_, query, ix.history.get(), ix.text.get(),
                                               *archived, budget, &stopped);
    if (stopped) return Stopped();
    Bits eligible(hits.size(), 0);
    for (size_t w = 0; w < hits.size(); ++w) {
      s.matched += std::popcount(hits[w]);
      SampleSkipped(w, hits[w], ix, s);
      eligible[w] = hits[w] & ~ix.subtask[w] & ~ix.unlicensed[w];
    }
    const size_t eligible_count = internal::Count(eligible);
    s.rows = internal::Ordered(store_, query, eligible, cap);
    s.skipped_over_cap = eligible_count - s.rows.size();
  }
  // Each selected issue takes its subtasks that are not archived yet.
  for (uint32_t parent : s.rows) {
    ForEachSubtask(ix, parent, [&](uint32_t subtask) {
      if (!archived->Has(subtask)) s.subtasks.push_back(subtask);
    });
  }
  return s;
}

ArchiveEligibility Engine::Eligibility(size_t row) const {
  const internal::EngineIndexes& ix = *indexes_;
  if (ix.subtask[row >> 6] >> (row & 63) & 1) return ArchiveEligibility::kSubtask;
  const Catalog& cat = store_.catalog();
  if (cat.projects[static_cast<Code>(store_.columns().project.values.Get(row))].archived)
    return ArchiveEligibility::kArchivedProject;
  if (ix.unlicensed[row >> 6] >> (row & 63) & 1) return ArchiveEligibility::kUnlicensed;
  return ArchiveEligibility::kEligible;
}

std::vector<uint32_t> Engine::SubtasksOf(size_t row) const {
  std::vector<uint32_t> out;
  ForEachSubtask(*indexes_, static_cast<uint32_t>(row), [&](uint32_t s) { out.push_back(s); });
  return out;
}

std::string Engine::Explain(const CompiledQuery& query) const {
  std::string out = "query: " + query.text + "\n";
  // Explain reads no archived state, so it takes no lock an archive batch would wait on.
  if (query.match_all) {
    out += "all issues (" + std::to_string(store_.rows()) + " rows)\n";
  } else {
    internal::ExplainNode(store_, indexes_->history.get(), indexes_->text.get(), query.root, 0,
                          internal::AllRows(store_.rows()), out);
  }
  out += "then: archived issues removed; ";
  out += query.order.empty() ? "ordered by issue id\n"
                             : "sorted by the ORDER BY keys, then issue id\n";
  return out;
}

std::vector<TextIndexReport> Engine::BuildTextIndexes() const {
  std::vector<TextIndexReport> out;
  for (const auto& f : indexes_->text->BuildAll())
    out.push_back(TextIndexReport{f.field, f.terms, f.postings, f.bytes, f.build_seconds});
  return out;
}

}  // namespace jql
