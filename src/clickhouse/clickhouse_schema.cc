#include "clickhouse/clickhouse_schema.h"

#include <cstdio>

#include "engine/history_timeline.h"
#include "engine/row_values.h"

namespace jql::clickhouse {

namespace {

struct SystemColumn {
  const char* name;
  ColumnId column;
  bool multi;
};

// Every coded, date and number column of the store (text and history are elsewhere).
constexpr SystemColumn kSystemColumns[] = {
    {"project", ColumnId::kProject, false},
    {"issuetype", ColumnId::kIssueType, false},
    {"status", ColumnId::kStatus, false},
    {"resolution", ColumnId::kResolution, false},
    {"priority", ColumnId::kPriority, false},
    {"assignee", ColumnId::kAssignee, false},
    {"reporter", ColumnId::kReporter, false},
    {"creator", ColumnId::kCreator, false},
    {"created", ColumnId::kCreated, false},
    {"updated", ColumnId::kUpdated, false},
    {"resolved", ColumnId::kResolved, false},
    {"due", ColumnId::kDue, false},
    {"votes", ColumnId::kVotes, false},
    {"parent", ColumnId::kParent, false},  // the parent's row
    {"issue_id", ColumnId::kId, false},
    {"labels", ColumnId::kLabels, true},
    {"components", ColumnId::kComponents, true},
    {"fixversions", ColumnId::kFixVersions, true},
    {"versions", ColumnId::kAffectedVersions, true},
    {"sprints", ColumnId::kSprints, true},
    {"watchers", ColumnId::kWatchers, true},
};

}  // namespace

Schema::Schema(const IssueStore& store) {
  for (const SystemColumn& c : kSystemColumns)
    columns_.push_back({std::string(c.multi ? "m_" : "c_") + c.name, c.column, -1, c.multi});
  text_columns_ = {{"summary", ColumnId::kSummary, -1},
                   {"description", ColumnId::kDescription, -1},
                   {"environment", ColumnId::kEnvironment, -1},
                   {"comments", ColumnId::kComments, -1},
                   {"all", ColumnId::kAllText, -1}};
  const auto& custom = store.columns().custom;
  for (size_t i = 0; i < custom.size(); ++i) {
    if (custom[i].text.present())
      text_columns_.push_back(
          {"cf" + std::to_string(i), ColumnId::kCustomText, static_cast<int>(i)});
  }
  for (size_t i = 0; i < custom.size(); ++i) {
    if (custom[i].ints.present())
      columns_.push_back(
          {"c_cf" + std::to_string(i), ColumnId::kCustomInt, static_cast<int>(i), false});
    if (custom[i].multi.present())
      columns_.push_back(
          {"m_cf" + std::to_string(i), ColumnId::kCustomMulti, static_cast<int>(i), true});
  }
}

const TextSchemaColumn* Schema::FindText(ColumnId column, int custom) const {
  for (const TextSchemaColumn& c : text_columns_)
    if (c.column == column && (column != ColumnId::kCustomText || c.custom == custom)) return &c;
  return nullptr;
}

std::string Quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\0':
        out += "\\0";
        break;
      default:
        out += c;
    }
  }
  return out + "'";
}

const SchemaColumn* Schema::Find(ColumnId column, int custom) const {
  if (column == ColumnId::kCustomInt || column == ColumnId::kCustomMulti) {
    for (const SchemaColumn& c : columns_)
      if (c.column == column && c.custom == custom) return &c;
    return nullptr;
  }
  for (const SchemaColumn& c : columns_)
    if (c.column == column) return &c;
  return nullptr;
}

std::string Schema::CreateLocal(const std::string& table) const {
  std::string sql = "CREATE TABLE IF NOT EXISTS " + table +
                    " (row UInt32, id Int64, key String, key_project Int64, key_number Int64, "
                    "archived UInt8, subtask UInt8, unlicensed UInt8";
  for (const SchemaColumn& c : columns_)
    sql += ", " + c.name + (c.multi ? " Array(Int64)" : " Nullable(Int64)");
  for (const TextSchemaColumn& c : text_columns_)
    sql +=
        ", t_" + c.name + " Array(String), p_" + c.name + " Array(UInt32), e_" + c.name + " UInt8";
  return sql + ") ENGINE = MergeTree ORDER BY id";
}

std::string Schema::CreateDistributed(const std::string& table, const std::string& local,
                                      const std::string& database,
                                      const std::string& cluster) const {
  return "CREATE TABLE IF NOT EXISTS " + table + " AS " + local + " ENGINE = Distributed(" +
         cluster + ", " + database + ", " + local + ", intHash64(id))";
}

void Schema::AppendRows(const IssueStore& store, size_t begin, size_t end, std::string& out) const {
  const IssueColumns& columns = store.columns();
  std::vector<int64_t> values;
  std::vector<internal::TextToken> tokens;
  std::string key;
  for (size_t row = begin; row < end; ++row) {
    key = store.Key(row);
    out += std::to_string(row);
    out += '\t';
    out += std::to_string(columns.id.values.Get(row));
    out += '\t';
    out += key;  // keys are letters, digits, '-' and '_': nothing to escape
    out += '\t';
    out += std::to_string(columns.project.values.Get(row));
    out += '\t';
    out += std::to_string(columns.number.values.Get(row));
    out += '\t';
    out += store.IsArchived(row) ? '1' : '0';
    // The archive rule's two flags, as the engine's indexes set them.
    const bool subtask =
        columns.issue_type.IsValid(row) &&
        store.catalog().issue_types[static_cast<Code>(columns.issue_type.values.Get(row))].subtask;
    const bool unlicensed = !IsArchivable(
        store.catalog().projects[static_cast<Code>(columns.project.values.Get(row))].type);
    out += subtask ? "\t1" : "\t0";
    out += unlicensed ? "\t1" : "\t0";
    for (const SchemaColumn& c : columns_) {
      internal::RowValues(store, c.column, c.custom, row, values);
      out += '\t';
      if (c.multi) {
        out += '[';
        for (size_t i = 0; i < values.size(); ++i) {
          if (i) out += ',';
          out += std::to_string(values[i]);
        }
        out += ']';
      } else if (values.empty()) {
        out += "\\N";
      } else {
        out += std::to_string(values.front());
      }
    }
    for (const TextSchemaColumn& c : text_columns_) {
      internal::RowTokens(store, c.column, c.custom, row, tokens);
      out += "\t[";
      for (size_t i = 0; i < tokens.size(); ++i) {
        if (i) out += ',';
        out += Quoted(tokens[i].term);
      }
      out += "]\t[";
      for (size_t i = 0; i < tokens.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(tokens[i].position);
      }
      out += "]\t";
      out += internal::RowTextIsEmpty(store, c.column, c.custom, row) ? '1' : '0';
    }
    out += '\n';
  }
}

std::string Schema::CreateHistory(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + table +
         " (id Int64, field UInt8, value Int64, start Int64, `end` Int64, setter Int64) "
         "ENGINE = MergeTree ORDER BY (field, value, id)";
}

std::string Schema::CreateChanges(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + table +
         " (id Int64, field UInt8, time Int64, `from` Int64, `to` Int64, author Int64) "
         "ENGINE = MergeTree ORDER BY (field, time, id)";
}

void Schema::AppendHistory(const IssueStore& store, size_t row, std::string& history,
                           std::string& changes) {
  thread_local internal::TimelineBuilder timeline;
  thread_local std::vector<internal::FieldChange> field_changes;
  const std::string id = std::to_string(store.columns().id.values.Get(row));
  for (int f = 0; f <= static_cast<int>(HistoryField::kFixVersion); ++f) {
    const auto field = static_cast<HistoryField>(f);
    const std::string head = id + "\t" + std::to_string(f) + "\t";
    for (const internal::HeldValue& held : timeline.Build(store, field, row)) {
      history += head + std::to_string(held.value) + "\t" + std::to_string(held.start) + "\t" +
                 std::to_string(held.end) + "\t" + std::to_string(held.setter) + "\n";
    }
    internal::FieldChanges(store, field, row, field_changes);
    for (const internal::FieldChange& c : field_changes) {
      changes += head + std::to_string(c.time) + "\t" + std::to_string(c.from) + "\t" +
                 std::to_string(c.to) + "\t" + std::to_string(c.author) + "\n";
    }
  }
}

std::string Schema::CreateUpdates(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + table +
         " (id Int64, time Int64, author Int64) ENGINE = MergeTree ORDER BY (author, time, id)";
}

std::string Schema::CreateLinks(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + table +
         " (id Int64, other UInt32, type Int64, outward UInt8) ENGINE = MergeTree ORDER BY (other, "
         "id)";
}

std::string Schema::CreateArchiveMarks(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + table +
         " (id Int64, archived UInt8, stamp Int64, writer String, task String, account String, "
         "at Int64) ENGINE = MergeTree ORDER BY (id, stamp)";
}

void Schema::AppendUpdatesAndLinks(const IssueStore& store, size_t row, std::string& updates,
                                   std::string& links) {
  const std::string id = std::to_string(store.columns().id.values.Get(row));
  const History& h = store.history();
  if (h.row_begin.size() > row + 1) {
    for (int64_t i = h.row_begin.Get(row); i < h.row_begin.Get(row + 1); ++i) {
      const auto k = static_cast<size_t>(i);
      updates +=
          id + "\t" + std::to_string(h.time.Get(k)) + "\t" + std::to_string(h.author.Get(k)) + "\n";
    }
  }
  const Links& l = store.links();
  if (l.row_begin.size() > row + 1) {
    for (int64_t i = l.row_begin.Get(row); i < l.row_begin.Get(row + 1); ++i) {
      const auto k = static_cast<size_t>(i);
      links += id + "\t" + std::to_string(l.other.Get(k)) + "\t" + std::to_string(l.type.Get(k)) +
               "\t" + (l.outward.Get(k) ? "1" : "0") + "\n";
    }
  }
}

std::string StoreFingerprint(const IssueStore& store) {
  // FNV-1a over every id and key, with the row count.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view bytes) {
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  };
  for (size_t row = 0; row < store.rows(); ++row) {
    mix(std::to_string(store.columns().id.values.Get(row)));
    mix(store.Key(row));
  }
  char text[48];
  std::snprintf(text, sizeof text, "%zu-%016llx", store.rows(), static_cast<unsigned long long>(h));
  return text;
}

}  // namespace jql::clickhouse
