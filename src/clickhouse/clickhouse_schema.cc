#include "clickhouse/clickhouse_schema.h"

#include <cstdio>

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
  const auto& custom = store.columns().custom;
  for (size_t i = 0; i < custom.size(); ++i) {
    if (custom[i].ints.present())
      columns_.push_back(
          {"c_cf" + std::to_string(i), ColumnId::kCustomInt, static_cast<int>(i), false});
    if (custom[i].multi.present())
      columns_.push_back(
          {"m_cf" + std::to_string(i), ColumnId::kCustomMulti, static_cast<int>(i), true});
  }
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
                    "archived UInt8";
  for (const SchemaColumn& c : columns_)
    sql += ", " + c.name + (c.multi ? " Array(Int64)" : " Nullable(Int64)");
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
    out += '\n';
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
