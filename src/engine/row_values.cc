#include "row_values.h"

#include <algorithm>

#include "history_reference.h"
#include "text_query.h"

namespace jql::internal {

void RowValues(const IssueStore& store, ColumnId column, int custom, size_t row,
               std::vector<int64_t>& out) {
  out.clear();
  if (column == ColumnId::kWatcherCount) {
    const MultiColumn& w = store.columns().watchers;
    out.push_back(w.present() ? w.Count(row) : 0);
    return;
  }
  if (column == ColumnId::kKey) {
    out.push_back(static_cast<int64_t>(row));
    return;
  }
  if (const IntColumn* c = IntColumnOf(store, column, custom)) {
    if (c->IsValid(row)) out.push_back(c->values.Get(row));
    return;
  }
  if (const MultiColumn* m = MultiColumnOf(store, column, custom); m != nullptr && m->present()) {
    const uint64_t begin = m->Begin(row);
    for (uint32_t i = 0; i < m->Count(row); ++i) out.push_back(m->codes().Get(begin + i));
  }
}

void RowTextParts(const IssueStore& store, ColumnId column, int custom, size_t row,
                  std::vector<std::string_view>& out) {
  out.clear();
  if (column == ColumnId::kAllText) {
    for (const TextColumn* c : AllTextColumns(store)) out.push_back(c->Get(row));
  } else if (const TextColumn* c = TextColumnOf(store, column, custom)) {
    out.push_back(c->Get(row));
  }
}

bool IsBlankText(std::string_view text) {
  return text.find_first_not_of('\n') == std::string_view::npos;
}

bool RowTextIsEmpty(const IssueStore& store, ColumnId column, int custom, size_t row) {
  std::vector<std::string_view> parts;
  RowTextParts(store, column, custom, row, parts);
  return std::all_of(parts.begin(), parts.end(), IsBlankText);
}

void RowTokens(const IssueStore& store, ColumnId column, int custom, size_t row,
               std::vector<TextToken>& out) {
  out.clear();
  std::vector<std::string_view> parts;
  RowTextParts(store, column, custom, row, parts);
  uint32_t position = 0;
  for (std::string_view part : parts) {
    position = TextAnalyzer::ForThisThread().Analyze(part, out, position) + 100;
  }
}

namespace {

bool AnyCode(const std::vector<bool>& codes, int64_t v) {
  return v >= 0 && static_cast<size_t>(v) < codes.size() && codes[static_cast<size_t>(v)];
}

// Whether a user of `users` created the issue or changed it in [after, before).
bool UpdatedBy(const IssueStore& store, const std::vector<bool>& users, int64_t after,
               int64_t before, size_t row) {
  const IssueColumns& c = store.columns();
  if (c.creator.IsValid(row) && AnyCode(users, c.creator.values.Get(row))) {
    const int64_t created = c.created.IsValid(row) ? c.created.values.Get(row) : INT64_MIN;
    if (created >= after && created < before) return true;
  }
  const History& h = store.history();
  if (h.row_begin.size() <= row + 1) return false;
  for (int64_t i = h.row_begin.Get(row); i < h.row_begin.Get(row + 1); ++i) {
    const auto k = static_cast<size_t>(i);
    const int64_t time = h.time.Get(k);
    if (time >= after && time < before && AnyCode(users, h.author.Get(k))) return true;
  }
  return false;
}

// Whether the issue has a link with `other` of a wanted (type, direction as seen
// from `other`): wanted[2 * type + 1] for other's outward links; empty: any link.
bool LinkedWith(const IssueStore& store, size_t other, const std::vector<bool>& wanted,
                size_t row) {
  const Links& links = store.links();
  if (links.row_begin.size() <= row + 1) return false;
  for (int64_t i = links.row_begin.Get(row); i < links.row_begin.Get(row + 1); ++i) {
    const auto k = static_cast<size_t>(i);
    if (static_cast<size_t>(links.other.Get(k)) != other) continue;
    // Each link is stored on both ends, the direction flipped: `other` sees this
    // row's inward link as outward.
    const bool other_outward = !links.outward.Get(k);
    if (wanted.empty() || AnyCode(wanted, 2 * links.type.Get(k) + (other_outward ? 1 : 0)))
      return true;
  }
  return false;
}

bool IsIssueSet(Leaf::Kind kind) {
  return kind == Leaf::Kind::kRows || kind == Leaf::Kind::kWatchedBy ||
         kind == Leaf::Kind::kUpdatedBy || kind == Leaf::Kind::kLinkedWith;
}

}  // namespace

bool LeafMatches(const IssueStore& store, const Leaf& leaf, size_t row) {
  if (leaf.column == ColumnId::kParent && IsIssueSet(leaf.kind)) {
    // `parent in (...)`: the row's parent is in the set; never true without a parent
    // (in either direction, as Jira's parent clauses).
    const IntColumn& parent = store.columns().parent;
    if (!parent.IsValid(row)) return false;
    row = static_cast<size_t>(parent.values.Get(row));
  }
  switch (leaf.kind) {
    case Leaf::Kind::kFalse:
      return false;
    case Leaf::Kind::kTrue:
      return true;
    case Leaf::Kind::kRows:
      return std::binary_search(leaf.rows.begin(), leaf.rows.end(), static_cast<uint32_t>(row)) ==
             leaf.inside;
    case Leaf::Kind::kWatchedBy: {
      std::vector<int64_t> watchers;
      RowValues(store, ColumnId::kWatchers, -1, row, watchers);
      const bool hit = std::any_of(watchers.begin(), watchers.end(),
                                   [&](int64_t w) { return AnyCode(leaf.codes, w); });
      return hit == leaf.inside;
    }
    case Leaf::Kind::kUpdatedBy:
      return UpdatedBy(store, leaf.codes, leaf.lo, leaf.hi, row) == leaf.inside;
    case Leaf::Kind::kLinkedWith:
      return LinkedWith(store, leaf.rows.front(), leaf.codes, row) == leaf.inside;
    case Leaf::Kind::kHistory:
      return HistoryMatches(store, *leaf.history, row) == leaf.inside;
    case Leaf::Kind::kKeyRange: {
      const IssueColumns& c = store.columns();
      const int64_t n = c.number.values.Get(row);
      const bool in = static_cast<Code>(c.project.values.Get(row)) == leaf.project &&
                      n >= leaf.lo && n <= leaf.hi;
      return in == leaf.inside;
    }
    case Leaf::Kind::kText: {
      // ~ and !~ never match an empty field.
      if (RowTextIsEmpty(store, leaf.column, leaf.custom, row)) return false;
      std::vector<TextToken> tokens;
      RowTokens(store, leaf.column, leaf.custom, row, tokens);
      return TextMatches(*leaf.text, tokens) == leaf.inside;
    }
    default:
      break;
  }
  if (leaf.field != nullptr && leaf.field->kind == ValueKind::kText) {
    const bool empty = RowTextIsEmpty(store, leaf.column, leaf.custom, row);
    return leaf.kind == Leaf::Kind::kEmpty ? empty : !empty;
  }
  std::vector<int64_t> values;
  RowValues(store, leaf.column, leaf.custom, row, values);
  switch (leaf.kind) {
    case Leaf::Kind::kEmpty:
      return values.empty();
    case Leaf::Kind::kNotEmpty:
      return !values.empty();
    case Leaf::Kind::kAnyOf:
      if (values.empty()) return leaf.match_empty;
      for (int64_t v : values) {
        if (v >= 0 && static_cast<size_t>(v) < leaf.codes.size() &&
            leaf.codes[static_cast<size_t>(v)])
          return true;
      }
      return false;
    case Leaf::Kind::kNoneOf:
      if (values.empty()) return false;
      for (int64_t v : values) {
        if (v >= 0 && static_cast<size_t>(v) < leaf.codes.size() &&
            leaf.codes[static_cast<size_t>(v)])
          return false;
      }
      return true;
    case Leaf::Kind::kRange:
      if (values.empty()) return false;
      for (int64_t v : values) {
        const bool in = v >= leaf.lo && v <= leaf.hi;
        if (in == leaf.inside) return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace jql::internal
