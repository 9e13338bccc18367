// Compile (parse, bind, estimate) and the two evaluators: the fast one over columns
// with bitmaps, and the reference one, row at a time, that tests compare it with.
#include "jql/engine.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>
#include <sstream>

#include "binder.h"
#include "compiled_query.h"
#include "row_values.h"

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

class Evaluator {
 public:
  explicit Evaluator(const IssueStore& store) : store_(store), rows_(store.rows()) {}

  // Rows of `candidates` that match the node.
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
        Bits result(candidates.size(), 0);
        Bits remaining = candidates;
        for (const Node& child : node.children) {
          // Only rows not already true are evaluated again.
          const Bits hit = Eval(child, remaining);
          for (size_t w = 0; w < result.size(); ++w) {
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
  Bits EvalLeaf(const Leaf& leaf, const Bits& candidates) {
    const size_t candidate_count = Count(candidates);
    if (candidate_count == 0) return candidates;
    Bits out(candidates.size(), 0);
    // Few rows left: test them one by one.
    if (candidate_count * 32 < rows_) {
      ForEachSet(candidates, [&](size_t row) {
        if (LeafMatches(store_, leaf, row)) out[row >> 6] |= uint64_t{1} << (row & 63);
      });
      return out;
    }
    if (!Kernel(leaf, out)) {
      ForEachSet(candidates, [&](size_t row) {
        if (LeafMatches(store_, leaf, row)) out[row >> 6] |= uint64_t{1} << (row & 63);
      });
      return out;
    }
    for (size_t w = 0; w < out.size(); ++w) out[w] &= candidates[w];
    return out;
  }

  // Whole-column kernels for the common leaves; false when the leaf has none.
  bool Kernel(const Leaf& leaf, Bits& out) {
    const IntColumn* ints = IntColumnOf(store_, leaf.column, leaf.custom);
    switch (leaf.kind) {
      case Leaf::Kind::kFalse:
        return true;
      case Leaf::Kind::kTrue:
        out = AllRows(rows_);
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
      case Leaf::Kind::kEmpty:
      case Leaf::Kind::kNotEmpty:
        if (ints != nullptr) {
          const bool want_empty = leaf.kind == Leaf::Kind::kEmpty;
          if (!ints->present()) {
            if (want_empty) out = AllRows(rows_);
            return true;
          }
          if (ints->valid.empty()) {
            if (!want_empty) out = AllRows(rows_);
            return true;
          }
          const uint64_t* valid = ints->valid.words();
          const Bits all = AllRows(rows_);
          for (size_t w = 0; w < out.size(); ++w)
            out[w] = (want_empty ? ~valid[w] : valid[w]) & all[w];
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  bool CodeKernel(const Leaf& leaf, const IntColumn& c, Bits& out) {
    const bool none_of = leaf.kind == Leaf::Kind::kNoneOf;
    if (!c.present()) {
      if (!none_of && leaf.match_empty) out = AllRows(rows_);
      return true;
    }
    const PackedInts& p = c.values;
    if (p.width() > 2) return false;
    // The dictionary search happens once: a table over every stored offset.
    std::vector<uint8_t> table(static_cast<size_t>(p.mask()) + 1, 0);
    for (size_t raw = 0; raw < table.size(); ++raw) {
      const int64_t code = p.base() + p.step() * static_cast<int64_t>(raw);
      const bool in = code >= 0 && static_cast<size_t>(code) < leaf.codes.size() &&
                      leaf.codes[static_cast<size_t>(code)];
      table[raw] = none_of ? !in : in;
    }
    const uint8_t* data = p.buffer().data();
    const size_t width = p.width();
    const uint64_t mask = p.mask();
    for (size_t w = 0; w < out.size(); ++w) {
      uint64_t word = 0;
      const size_t end = std::min<size_t>(64, rows_ - w * 64);
      for (size_t i = 0; i < end; ++i) {
        uint64_t raw;
        std::memcpy(&raw, data + (w * 64 + i) * width, 8);
        word |= static_cast<uint64_t>(table[raw & mask]) << i;
      }
      out[w] = word;
    }
    if (!c.valid.empty()) {
      const uint64_t* valid = c.valid.words();
      const Bits all = AllRows(rows_);
      for (size_t w = 0; w < out.size(); ++w) {
        out[w] &= valid[w];
        if (!none_of && leaf.match_empty) out[w] |= ~valid[w] & all[w];
      }
    }
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
    const uint8_t* data = p.buffer().data();
    const size_t width = p.width();
    const uint64_t mask = p.mask();
    const bool inside = leaf.inside;
    for (size_t w = 0; w < out.size(); ++w) {
      uint64_t word = 0;
      const size_t end = std::min<size_t>(64, rows_ - w * 64);
      for (size_t i = 0; i < end; ++i) {
        uint64_t raw;
        std::memcpy(&raw, data + (w * 64 + i) * width, 8);
        const int64_t v = static_cast<int64_t>(raw & mask);
        const bool in = v >= lo && v <= hi;
        word |= static_cast<uint64_t>(in == inside) << i;
      }
      out[w] = word;
    }
    if (!c.valid.empty()) {
      const uint64_t* valid = c.valid.words();
      for (size_t w = 0; w < out.size(); ++w) out[w] &= valid[w];
    }
    return true;
  }

  bool MultiKernel(const Leaf& leaf, const MultiColumn& m, Bits& out) {
    const bool none_of = leaf.kind == Leaf::Kind::kNoneOf;
    if (!m.present()) {
      if (!none_of && leaf.match_empty) out = AllRows(rows_);
      return true;
    }
    const PackedInts& codes = m.codes();
    const uint8_t* counts = m.counts().data();
    uint64_t next = 0;
    for (size_t row = 0; row < rows_; ++row) {
      const uint32_t count = counts[row] != 255 ? counts[row] : m.Count(row);
      bool any = false;
      for (uint32_t i = 0; i < count; ++i) {
        const int64_t code = codes.Get(next + i);
        any = any || (static_cast<size_t>(code) < leaf.codes.size() &&
                      leaf.codes[static_cast<size_t>(code)]);
      }
      next += count;
      const bool hit = count == 0 ? (!none_of && leaf.match_empty) : (none_of ? !any : any);
      if (hit) out[row >> 6] |= uint64_t{1} << (row & 63);
    }
    return true;
  }

  const IssueStore& store_;
  size_t rows_;
};

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

Bits NotArchived(const IssueStore& store) {
  Bits live = AllRows(store.rows());
  for (size_t w = 0; w < live.size(); ++w) live[w] &= ~store.ArchivedWord(w);
  return live;
}

// A sort key's value for a row; empties sort after every value.
struct SortValue {
  bool empty = true;
  int64_t number = 0;
  std::string text;
};

SortValue SortValueOf(const IssueStore& store, const SortKey& key, size_t row) {
  const Catalog& cat = store.catalog();
  SortValue v;
  std::vector<int64_t> values;
  RowValues(store, key.column, key.custom, row, values);
  if (values.empty()) return v;
  v.empty = false;
  const auto code = static_cast<Code>(values.front());
  switch (key.column) {
    case Column::kKey:
      v.text = cat.projects[static_cast<Code>(store.columns().project.values.Get(row))].key;
      v.number = store.columns().number.values.Get(row);
      break;
    case Column::kProject:
      v.text = cat.projects[code].key;
      break;
    case Column::kPriority:
      v.number = -cat.priorities[code].sequence;
      break;  // Highest is greatest
    case Column::kStatus:
      v.number = cat.statuses[code].id;
      break;
    case Column::kIssueType:
      v.number = cat.issue_types[code].id;
      break;
    case Column::kResolution:
      v.number = cat.resolutions[code].id;
      break;
    case Column::kAssignee:
    case Column::kReporter:
    case Column::kCreator:
    case Column::kWatchers:
      v.text = cat.users[code].display_name;
      break;
    case Column::kLabels:
      v.text = cat.labels[code];
      break;
    case Column::kComponents:
      v.text = cat.components[code].name;
      break;
    case Column::kFixVersions:
    case Column::kAffectedVersions:
      v.text = cat.projects[cat.versions[code].project].key;
      v.number = cat.versions[code].sequence;
      break;
    case Column::kSprints:
      v.number = cat.sprints[code].id;
      break;
    default:
      v.number = values.front();
      break;
  }
  return v;
}

std::vector<uint32_t> Ordered(const IssueStore& store, const CompiledQuery& query,
                              const Bits& hits) {
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
    return rows;
  }
  std::vector<std::vector<SortValue>> keys(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    for (const SortKey& k : query.order) keys[i].push_back(SortValueOf(store, k, rows[i]));
  }
  std::vector<size_t> index(rows.size());
  std::iota(index.begin(), index.end(), 0);
  std::stable_sort(index.begin(), index.end(), [&](size_t a, size_t b) {
    for (size_t k = 0; k < query.order.size(); ++k) {
      const SortValue& x = keys[a][k];
      const SortValue& y = keys[b][k];
      if (x.empty != y.empty) return !x.empty;  // empties last, in either direction
      if (x.empty) continue;
      const int c = x.text != y.text ? (x.text < y.text ? -1 : 1)
                                     : (x.number < y.number   ? -1
                                        : x.number > y.number ? 1
                                                              : 0);
      if (c != 0) return query.order[k].descending ? c > 0 : c < 0;
    }
    return id.values.Get(rows[a]) < id.values.Get(rows[b]);
  });
  std::vector<uint32_t> out;
  out.reserve(rows.size());
  for (size_t i : index) out.push_back(rows[i]);
  return out;
}

QueryResult Finish(const IssueStore& store, const CompiledQuery& query, Bits hits, size_t limit) {
  const Bits live = NotArchived(store);
  for (size_t w = 0; w < hits.size(); ++w) hits[w] &= live[w];
  QueryResult result;
  result.total = Count(hits);
  if (query.order.empty() && limit >= result.total) {
    result.rows = Ordered(store, query, hits);
    return result;
  }
  result.rows = Ordered(store, query, hits);
  if (result.rows.size() > limit) result.rows.resize(limit);
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

void ExplainNode(const IssueStore& store, const Node& node, int depth, const Bits& candidates,
                 std::string& out) {
  Evaluator evaluator(store);
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
  if (node.kind == Node::Kind::kAnd) {
    std::vector<const Node*> order;
    for (const Node& c : node.children) order.push_back(&c);
    std::stable_sort(order.begin(), order.end(),
                     [](const Node* a, const Node* b) { return a->estimate < b->estimate; });
    Bits current = candidates;
    for (const Node* c : order) {
      ExplainNode(store, *c, depth + 1, current, out);
      current = evaluator.Eval(*c, current);
    }
  } else if (node.kind == Node::Kind::kOr) {
    for (const Node& c : node.children) ExplainNode(store, c, depth + 1, candidates, out);
  }
}

}  // namespace
}  // namespace internal

using internal::Bits;

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
  if (!compiled->match_all) internal::Estimate(store_, compiled->root);
  result.query = std::move(compiled);
  return result;
}

QueryResult Engine::Execute(const CompiledQuery& query, size_t limit) const {
  auto lock = store_.ReadLock();
  const Bits all = internal::AllRows(store_.rows());
  internal::Evaluator evaluator(store_);
  Bits hits = query.match_all ? all : evaluator.Eval(query.root, all);
  return internal::Finish(store_, query, std::move(hits), limit);
}

QueryResult Engine::ExecuteReference(const CompiledQuery& query, size_t limit) const {
  auto lock = store_.ReadLock();
  Bits hits(internal::Words64(store_.rows()), 0);
  for (size_t row = 0; row < store_.rows(); ++row) {
    if (query.match_all || internal::NodeMatches(store_, query.root, row))
      hits[row >> 6] |= uint64_t{1} << (row & 63);
  }
  return internal::Finish(store_, query, std::move(hits), limit);
}

ArchiveSelection Engine::SelectForArchive(const CompiledQuery& query, size_t cap) const {
  const QueryResult matched = Execute(query);
  const IssueColumns& c = store_.columns();
  const Catalog& cat = store_.catalog();
  ArchiveSelection s;
  s.matched = matched.total;
  for (uint32_t row : matched.rows) {
    const bool subtask = c.issue_type.IsValid(row) &&
                         cat.issue_types[static_cast<Code>(c.issue_type.values.Get(row))].subtask;
    if (subtask) {
      ++s.skipped_subtasks;  // subtasks go with their parents only
      continue;
    }
    if (!IsArchivable(cat.projects[static_cast<Code>(c.project.values.Get(row))].type)) {
      ++s.skipped_unlicensed;
      continue;
    }
    if (s.rows.size() == cap) {
      ++s.skipped_over_cap;
      continue;
    }
    s.rows.push_back(row);
  }
  // Each selected issue takes its subtasks that are not archived yet.
  std::vector<bool> selected(store_.rows(), false);
  for (uint32_t row : s.rows) selected[row] = true;
  if (c.parent.present()) {
    for (size_t row = 0; row < store_.rows(); ++row) {
      if (c.parent.IsValid(row) && selected[static_cast<size_t>(c.parent.values.Get(row))] &&
          !store_.IsArchived(row)) {
        s.subtasks.push_back(static_cast<uint32_t>(row));
      }
    }
  }
  return s;
}

std::string Engine::Explain(const CompiledQuery& query) const {
  std::string out = "query: " + query.text + "\n";
  auto lock = store_.ReadLock();
  if (query.match_all) {
    out += "all issues (" + std::to_string(store_.rows()) + " rows)\n";
  } else {
    internal::ExplainNode(store_, query.root, 0, internal::AllRows(store_.rows()), out);
  }
  out += "then: archived issues removed; ";
  out += query.order.empty() ? "ordered by issue id\n"
                             : "sorted by the ORDER BY keys, then issue id\n";
  return out;
}

}  // namespace jql
