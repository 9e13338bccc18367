#include "row_values.h"

#include <algorithm>
#include <cctype>

#include "history_reference.h"

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

std::string RowText(const IssueStore& store, Column column, int custom, size_t row) {
  const TextColumns& t = store.text();
  switch (column) {
    case Column::kSummary:
      return std::string(t.summary.Get(row));
    case Column::kDescription:
      return std::string(t.description.Get(row));
    case Column::kEnvironment:
      return std::string(t.environment.Get(row));
    case Column::kComments:
      return std::string(t.comments.Get(row));
    case Column::kCustomText:
      return custom >= 0
                 ? std::string(store.columns().custom[static_cast<size_t>(custom)].text.Get(row))
                 : "";
    case Column::kAllText: {
      std::string all;
      for (const TextColumn* c : {&t.summary, &t.description, &t.environment, &t.comments}) {
        all += c->Get(row);
        all += '\n';
      }
      for (const CustomColumn& c : store.columns().custom) {
        all += c.text.Get(row);
        all += '\n';
      }
      return all;
    }
    default:
      return "";
  }
}

void Words(std::string_view text, std::vector<std::string>& out) {
  out.clear();
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
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
      if (static_cast<Code>(c.project.values.Get(row)) != leaf.project) return false;
      const int64_t n = c.number.values.Get(row);
      return n >= leaf.lo && n <= leaf.hi;
    }
    case Leaf::Kind::kText: {
      const std::string text = RowText(store, leaf.column, leaf.custom, row);
      // ~ and !~ never match an empty field.
      if (text.find_first_not_of('\n') == std::string::npos) return false;
      std::vector<std::string> words;
      Words(text, words);
      bool all = true;
      for (const std::string& w : leaf.words) {
        all = all && std::find(words.begin(), words.end(), w) != words.end();
      }
      return leaf.inside ? all : !all;
    }
    default:
      break;
  }
  if (leaf.column == Column::kSummary || leaf.column == Column::kDescription ||
      leaf.column == Column::kEnvironment || leaf.column == Column::kComments ||
      leaf.column == Column::kAllText || leaf.column == Column::kCustomText) {
    const bool empty =
        RowText(store, leaf.column, leaf.custom, row).find_first_not_of("\n") == std::string::npos;
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
