#include "row_values.h"

#include <algorithm>

#include "history_reference.h"
#include "text_query.h"

namespace jql::internal {

const IntColumn* IntColumnOf(const IssueStore& store, Column column, int custom) {
  const IssueColumns& c = store.columns();
  switch (column) {
    case Column::kProject:
      return &c.project;
    case Column::kIssueType:
      return &c.issue_type;
    case Column::kStatus:
      return &c.status;
    case Column::kResolution:
      return &c.resolution;
    case Column::kPriority:
      return &c.priority;
    case Column::kAssignee:
      return &c.assignee;
    case Column::kReporter:
      return &c.reporter;
    case Column::kCreator:
      return &c.creator;
    case Column::kCreated:
      return &c.created;
    case Column::kUpdated:
      return &c.updated;
    case Column::kResolved:
      return &c.resolved;
    case Column::kDue:
      return &c.due;
    case Column::kVotes:
      return &c.votes;
    case Column::kParent:
      return &c.parent;
    case Column::kId:
      return &c.id;
    case Column::kCustomInt:
      return custom >= 0 ? &c.custom[static_cast<size_t>(custom)].ints : nullptr;
    default:
      return nullptr;
  }
}

const MultiColumn* MultiColumnOf(const IssueStore& store, Column column, int custom) {
  const IssueColumns& c = store.columns();
  switch (column) {
    case Column::kLabels:
      return &c.labels;
    case Column::kComponents:
      return &c.components;
    case Column::kFixVersions:
      return &c.fix_versions;
    case Column::kAffectedVersions:
      return &c.affected_versions;
    case Column::kSprints:
      return &c.sprints;
    case Column::kWatchers:
      return &c.watchers;
    case Column::kCustomMulti:
      return custom >= 0 ? &c.custom[static_cast<size_t>(custom)].multi : nullptr;
    default:
      return nullptr;
  }
}

void RowValues(const IssueStore& store, Column column, int custom, size_t row,
               std::vector<int64_t>& out) {
  out.clear();
  if (column == Column::kWatcherCount) {
    const MultiColumn& w = store.columns().watchers;
    out.push_back(w.present() ? w.Count(row) : 0);
    return;
  }
  if (column == Column::kKey) {
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

void RowTextParts(const IssueStore& store, Column column, int custom, size_t row,
                  std::vector<std::string_view>& out) {
  out.clear();
  const TextColumns& t = store.text();
  switch (column) {
    case Column::kSummary:
      out.push_back(t.summary.Get(row));
      break;
    case Column::kDescription:
      out.push_back(t.description.Get(row));
      break;
    case Column::kEnvironment:
      out.push_back(t.environment.Get(row));
      break;
    case Column::kComments:
      out.push_back(t.comments.Get(row));
      break;
    case Column::kCustomText:
      if (custom >= 0)
        out.push_back(store.columns().custom[static_cast<size_t>(custom)].text.Get(row));
      break;
    case Column::kAllText:
      for (const TextColumn* c : {&t.summary, &t.description, &t.environment, &t.comments})
        out.push_back(c->Get(row));
      for (const CustomColumn& c : store.columns().custom) out.push_back(c.text.Get(row));
      break;
    default:
      break;
  }
}

bool IsBlankText(std::string_view text) {
  return text.find_first_not_of('\n') == std::string_view::npos;
}

bool RowTextIsEmpty(const IssueStore& store, Column column, int custom, size_t row) {
  std::vector<std::string_view> parts;
  RowTextParts(store, column, custom, row, parts);
  return std::all_of(parts.begin(), parts.end(), IsBlankText);
}

void RowTokens(const IssueStore& store, Column column, int custom, size_t row,
               std::vector<TextToken>& out) {
  out.clear();
  std::vector<std::string_view> parts;
  RowTextParts(store, column, custom, row, parts);
  uint32_t position = 0;
  for (std::string_view part : parts) {
    position = TextAnalyzer::ForThisThread().Analyze(part, out, position) + 100;
  }
}

bool LeafMatches(const IssueStore& store, const Leaf& leaf, size_t row) {
  switch (leaf.kind) {
    case Leaf::Kind::kFalse:
      return false;
    case Leaf::Kind::kTrue:
      return true;
    case Leaf::Kind::kRows: {
      const bool in =
          std::binary_search(leaf.rows.begin(), leaf.rows.end(), static_cast<uint32_t>(row));
      if (leaf.column == Column::kParent) {
        // parent = X: the row's parent is one of the rows.
        const IntColumn& p = store.columns().parent;
        if (!p.IsValid(row)) return false;
        const bool hit = std::binary_search(leaf.rows.begin(), leaf.rows.end(),
                                            static_cast<uint32_t>(p.values.Get(row)));
        return leaf.inside ? hit : !hit;
      }
      return leaf.inside ? in : !in;
    }
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
  if (leaf.column == Column::kSummary || leaf.column == Column::kDescription ||
      leaf.column == Column::kEnvironment || leaf.column == Column::kComments ||
      leaf.column == Column::kAllText || leaf.column == Column::kCustomText) {
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
