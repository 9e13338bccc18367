#include "planner.h"

#include <utility>

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
        if (earlier.kind == Node::Kind::kLeaf && Mergeable(earlier.leaf, child.leaf, mergeable)) {
          MergeInto(earlier.leaf, child.leaf);
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

}  // namespace jql::internal
