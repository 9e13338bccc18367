// Explain: the plan as the executor ran it. The query is evaluated once, as Execute
// evaluates it, with every node's rows and time recorded; each node then shows its
// estimate beside what it did.
#include <climits>
#include <cstdio>

#include "common/civil_time.h"

#include "engine_indexes.h"
#include "executor.h"
#include "jql/engine.h"

namespace jql {
namespace {

using internal::Node;
using internal::NodeTrace;

// What a date clause's relative dates and date functions came to, as UTC instants:
// "resolved: from 2024-06-01T00:00:00.000Z" (the range the leaf tests, inclusive).
std::string ResolvedDates(const internal::Leaf& leaf) {
  const bool dated = leaf.field != nullptr && leaf.field->kind == ValueKind::kDate;
  if (!dated ||
      (leaf.kind != internal::Leaf::Kind::kRange && leaf.kind != internal::Leaf::Kind::kUpdatedBy))
    return "";
  const auto instant = internal::IsoUtcMillis;
  std::string out = leaf.inside ? "resolved:" : "resolved: outside";
  if (leaf.lo != INT64_MIN) out += " from " + instant(leaf.lo);
  if (leaf.hi != INT64_MAX) out += " to " + instant(leaf.hi);
  return out;
}

void PrintNode(const Node& node, int depth, size_t rows, const internal::EvalCache& cache,
               std::string& out) {
  const auto trace = cache.trace->find(&node);
  const NodeTrace t = trace != cache.trace->end() ? trace->second : NodeTrace{};
  out.append(static_cast<size_t>(depth) * 2, ' ');
  if (node.kind == Node::Kind::kLeaf) {
    out += node.leaf.label.empty() ? "leaf" : node.leaf.label;
  } else {
    out += node.kind == Node::Kind::kAnd ? "AND (children by estimate, each on the rows left)"
                                         : "OR (each child on the rows not yet matched)";
  }
  char line[200];
  std::snprintf(line, sizeof line, "  (estimated %.0f rows, actual %zu of %zu looked at, %.3f ms)",
                node.estimate * static_cast<double>(rows), t.rows_out, t.rows_in,
                std::chrono::duration<double, std::milli>(t.time).count());
  out += line;
  out += '\n';
  if (node.kind == Node::Kind::kLeaf) {
    if (const std::string resolved = ResolvedDates(node.leaf); !resolved.empty()) {
      out.append(static_cast<size_t>(depth) * 2 + 2, ' ');
      out += resolved + '\n';
    }
    if (auto note = cache.notes.find(&node.leaf); note != cache.notes.end()) {
      out.append(static_cast<size_t>(depth) * 2 + 2, ' ');
      out += note->second + '\n';
    }
  }
  for (const Node& child : node.children) PrintNode(child, depth + 1, rows, cache, out);
}

}  // namespace

std::string Engine::Explain(const CompiledQuery& query) const {
  std::string out = "query: " + query.text + "\n";
  std::unordered_map<const Node*, NodeTrace> trace;
  internal::EvalCache cache;
  cache.history = indexes_->history.get();
  cache.text = indexes_->text.get();
  cache.trace = &trace;
  const auto archived = store_.PinArchived();
  const auto start = std::chrono::steady_clock::now();
  const auto hits = internal::EvaluateAll(store_, query, cache, *archived, QueryBudget{});
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (query.match_all) {
    out += "all issues (" + std::to_string(store_.rows()) + " rows)\n";
  } else {
    PrintNode(query.root, 0, store_.rows(), cache, out);
  }
  char line[200];
  std::snprintf(line, sizeof line,
                "then: archived issues removed: %zu issues match; evaluated in %.3f ms over %zu "
                "blocks of %zu rows\n",
                hits->Count(), ms,
                (store_.rows() + internal::kBlockRows - 1) / internal::kBlockRows,
                internal::kBlockRows);
  out += line;
  out += query.order.empty() ? "ordered by issue id\n"
                             : "sorted by the ORDER BY keys, then issue id\n";
  return out;
}

}  // namespace jql
