#include "planner.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "row_values.h"

namespace jql::internal {
namespace {

bool IsConstant(const Node& n, Leaf::Kind kind) {
  return n.kind == Node::Kind::kLeaf && n.leaf.kind == kind;
}

Node Constant(Leaf::Kind kind) {
  Node n;
  n.leaf.kind = kind;
  n.leaf.label = kind == Leaf::Kind::kTrue ? "TRUE" : "FALSE";
  return n;
}

// Leaves over the same column whose code sets can be united into one.
bool Mergeable(const Leaf& a, const Leaf& b, Leaf::Kind kind) {
  return a.kind == kind && b.kind == kind && a.column == b.column && a.custom == b.custom &&
         a.codes.size() == b.codes.size();
}

// Row lists over the same column (`id = 1 OR id = 2 ...`, `key != A-1 AND key !=
// A-2 ...`): thousands of them would each cost a pass over the rows.
bool MergeableRows(const Leaf& a, const Leaf& b, bool inside) {
  return a.kind == Leaf::Kind::kRows && b.kind == Leaf::Kind::kRows && a.column == b.column &&
         a.inside == inside && b.inside == inside;
}

void MergeRowsInto(Leaf& into, const Leaf& from) {
  std::vector<uint32_t> rows;
  rows.reserve(into.rows.size() + from.rows.size());
  std::set_union(into.rows.begin(), into.rows.end(), from.rows.begin(), from.rows.end(),
                 std::back_inserter(rows));
  into.rows = std::move(rows);
  // The label lists the clauses; past a few hundred characters it says how many.
  if (into.label.size() < 200) {
    into.label += (into.inside ? " OR " : " AND ") + from.label;
  } else if (!into.label.ends_with(" more)")) {
    into.label += " (and more)";
  }
}

void MergeInto(Leaf& into, const Leaf& from) {
  for (size_t i = 0; i < into.codes.size(); ++i) into.codes[i] = into.codes[i] || from.codes[i];
  into.match_empty = into.match_empty || from.match_empty;
  into.label += (into.kind == Leaf::Kind::kAnyOf ? " OR " : " AND ") + from.label;
}

}  // namespace

void Simplify(Node& node) {
  if (node.kind == Node::Kind::kLeaf) return;
  const bool is_and = node.kind == Node::Kind::kAnd;
  // In an OR, `f = a` leaves unite; in an AND, `f != a` leaves do.
  const Leaf::Kind mergeable = is_and ? Leaf::Kind::kNoneOf : Leaf::Kind::kAnyOf;
  std::vector<Node> children;
  for (Node& child : node.children) {
    Simplify(child);
    if (IsConstant(child, is_and ? Leaf::Kind::kTrue : Leaf::Kind::kFalse)) continue;  // neutral
    if (IsConstant(child, is_and ? Leaf::Kind::kFalse : Leaf::Kind::kTrue)) {          // absorbing
      node = Constant(child.leaf.kind);
      return;
    }
    if (child.kind == node.kind) {  // (a OR b) OR c
      for (Node& grandchild : child.children) children.push_back(std::move(grandchild));
      continue;
    }
    bool merged = false;
    if (child.kind == Node::Kind::kLeaf) {
      for (Node& earlier : children) {
        if (earlier.kind != Node::Kind::kLeaf) continue;
        if (Mergeable(earlier.leaf, child.leaf, mergeable)) {
          MergeInto(earlier.leaf, child.leaf);
          merged = true;
          break;
        }
        // In an OR, `id = a` row lists unite; in an AND, `id != a` ones do.
        if (MergeableRows(earlier.leaf, child.leaf, !is_and)) {
          MergeRowsInto(earlier.leaf, child.leaf);
          merged = true;
          break;
        }
      }
    }
    if (!merged) children.push_back(std::move(child));
  }
  if (children.empty()) {
    node = Constant(is_and ? Leaf::Kind::kTrue : Leaf::Kind::kFalse);
  } else if (children.size() == 1) {
    Node only = std::move(children.front());
    node = std::move(only);
  } else {
    node.children = std::move(children);
  }
}

void Estimate(const IssueStore& store, Node& node, const TextIndex* text) {
  const size_t rows = store.rows();
  if (node.kind == Node::Kind::kLeaf) {
    if (rows == 0) return;
    if (node.leaf.kind == Leaf::Kind::kText && text != nullptr) {
      if (const auto f =
              text->EstimateFraction(*node.leaf.text, node.leaf.column, node.leaf.custom)) {
        node.estimate = node.leaf.inside ? *f : 1.0 - *f;
        return;
      }
    }
    const size_t samples = std::min<size_t>(rows, 512);
    size_t hits = 0;
    for (size_t i = 0; i < samples; ++i)
      hits += LeafMatches(store, node.leaf, i * rows / samples) ? 1 : 0;
    node.estimate = (static_cast<double>(hits) + 0.5) / (static_cast<double>(samples) + 1.0);
    return;
  }
  double all = 1.0, none = 1.0;
  for (Node& c : node.children) {
    Estimate(store, c, text);
    all *= c.estimate;
    none *= 1.0 - c.estimate;
  }
  node.estimate = node.kind == Node::Kind::kAnd ? all : 1.0 - none;
  if (node.kind == Node::Kind::kAnd) {
    std::stable_sort(node.children.begin(), node.children.end(),
                     [](const Node& a, const Node& b) { return a.estimate < b.estimate; });
  }
}

}  // namespace jql::internal
