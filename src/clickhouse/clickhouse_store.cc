#include "clickhouse/clickhouse_store.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <random>
#include <unordered_map>

#include "clickhouse/clickhouse_lowering.h"

namespace jql::clickhouse {

ClickHouseStore::ClickHouseStore(const Target& target, const IssueStore& store)
    : target_(target), store_(store), schema_(store) {
  const bool sharded = target.nodes.size() > 1 || !target.cluster.empty();
  schema_.issues_table = target.database + ".issues";
  schema_.history_table = target.database + (sharded ? ".history_local" : ".history");
  schema_.changes_table = target.database + (sharded ? ".changes_local" : ".changes");
  schema_.updates_table = target.database + (sharded ? ".updates_local" : ".updates");
  schema_.links_table = target.database + (sharded ? ".links_local" : ".links");
  schema_.marks_table = target.database + ".archive_marks";
}

StatusOr<std::unique_ptr<ClickHouseStore>> ClickHouseStore::Open(const Target& target,
                                                                 const IssueStore& store) {
  std::unique_ptr<ClickHouseStore> s(new ClickHouseStore(target, store));
  for (const Node& node : target.nodes) {
    auto c = Connection::Open(node, target.database);
    if (!c.ok()) return c.status();
    s->nodes_.push_back(std::move(*c));
  }
  return s;
}

StatusOr<std::string> ClickHouseStore::RecordedFingerprint() {
  auto there = nodes_.front()->Query("SELECT fingerprint FROM jql_store LIMIT 1");
  if (!there.ok()) return there.status();
  std::string recorded = std::move(*there);
  while (!recorded.empty() && (recorded.back() == '\n' || recorded.back() == ' '))
    recorded.pop_back();
  return recorded;
}

StatusOr<PushOutcome> ClickHouseStore::Push(const std::function<void(size_t)>& progress) {
  const bool sharded = nodes_.size() > 1 || !target_.cluster.empty();
  for (auto& node : nodes_) {
    if (auto r = node->Query(schema_.CreateLocal(sharded ? "issues_local" : "issues")); !r.ok())
      return r.status();
    if (auto r = node->Query(Schema::CreateHistory(schema_.history_table)); !r.ok())
      return r.status();
    if (auto r = node->Query(Schema::CreateChanges(schema_.changes_table)); !r.ok())
      return r.status();
    if (auto r = node->Query(Schema::CreateUpdates(schema_.updates_table)); !r.ok())
      return r.status();
    if (auto r = node->Query(Schema::CreateLinks(schema_.links_table)); !r.ok()) return r.status();
    if (sharded) {
      auto r = node->Query(
          schema_.CreateDistributed("issues", "issues_local", target_.database, target_.cluster));
      if (!r.ok()) return r.status();
    }
  }
  Connection& first = *nodes_.front();
  if (auto r = first.Query("CREATE TABLE IF NOT EXISTS jql_store (fingerprint String, rows UInt64) "
                           "ENGINE = MergeTree ORDER BY tuple()");
      !r.ok())
    return r.status();
  if (Status s = EnsureArchiveMarks(); !s.ok()) return s;
  const std::string fingerprint = StoreFingerprint(store_);
  auto there = RecordedFingerprint();
  if (!there.ok()) return there.status();
  const std::string& recorded = *there;
  if (recorded == fingerprint) return PushOutcome::kAlreadyThere;
  if (!recorded.empty())
    return Status(StatusCode::kFailedPrecondition,
                  "the database " + target_.database + " holds another store (" + recorded +
                      "; this one is " + fingerprint + "); push into another database");
  // Rows without a fingerprint are a push that stopped halfway: start again.
  const std::string local = sharded ? "issues_local" : "issues";
  for (auto& node : nodes_) {
    for (const std::string& table : {local, schema_.history_table, schema_.changes_table,
                                     schema_.updates_table, schema_.links_table})
      if (auto r = node->Query("TRUNCATE TABLE " + table); !r.ok()) return r.status();
  }
  constexpr size_t kBatch = 50000;
  const size_t n = nodes_.size();
  std::vector<std::string> batches(n), history(n), changes(n), updates(n), links(n);
  size_t sent = 0;
  for (size_t begin = 0; begin < store_.rows(); begin += kBatch) {
    const size_t end = std::min(store_.rows(), begin + kBatch);
    for (auto* list : {&batches, &history, &changes, &updates, &links})
      for (std::string& b : *list) b.clear();
    for (size_t row = begin; row < end; ++row) {
      const size_t node = static_cast<uint64_t>(store_.columns().id.values.Get(row)) % n;
      schema_.AppendRows(store_, row, row + 1, batches[node]);
      Schema::AppendHistory(store_, row, history[node], changes[node]);
      Schema::AppendUpdatesAndLinks(store_, row, updates[node], links[node]);
    }
    for (size_t i = 0; i < n; ++i) {
      const std::pair<const std::string*, const std::string*> inserts[] = {
          {&local, &batches[i]},
          {&schema_.history_table, &history[i]},
          {&schema_.changes_table, &changes[i]},
          {&schema_.updates_table, &updates[i]},
          {&schema_.links_table, &links[i]}};
      for (const auto& [table, rows] : inserts) {
        if (rows->empty()) continue;
        auto r = nodes_[i]->Query("INSERT INTO " + *table + " FORMAT TabSeparated", *rows);
        if (!r.ok()) return r.status();
      }
    }
    sent = end;
    if (progress) progress(sent);
  }
  // Last: the fingerprint says the push is whole.
  auto r = first.Query("INSERT INTO jql_store FORMAT TabSeparated",
                       fingerprint + "\t" + std::to_string(store_.rows()) + "\n");
  if (!r.ok()) return r.status();
  return PushOutcome::kPushed;
}

Status ClickHouseStore::CheckSameStore() {
  auto there = RecordedFingerprint();
  if (!there.ok()) return there.status();
  const std::string& recorded = *there;
  const std::string fingerprint = StoreFingerprint(store_);
  if (recorded != fingerprint)
    return Status(StatusCode::kFailedPrecondition,
                  recorded.empty() ? "the database " + target_.database +
                                         " holds no pushed store; jql push first"
                                   : "the database " + target_.database + " holds another store (" +
                                         recorded + ") than --data (" + fingerprint + ")");
  return Status();
}

StatusOr<std::vector<uint32_t>> ClickHouseStore::Select(const CompiledQuery& query, size_t limit) {
  auto sql = LowerSelect(query, store_, schema_, table(), limit);
  if (!sql.ok()) return sql.status();
  return Rows(*sql);
}

StatusOr<std::vector<uint32_t>> ClickHouseStore::Rows(const std::string& sql) {
  auto lines = Numbers(sql);
  if (!lines.ok()) return lines.status();
  std::vector<uint32_t> rows;
  rows.reserve(lines->size());
  for (const auto& line : *lines) rows.push_back(static_cast<uint32_t>(line.front()));
  return rows;
}

StatusOr<std::vector<std::vector<std::string_view>>> ClickHouseStore::Fields(const std::string& sql,
                                                                             std::string* answer) {
  auto text = nodes_.front()->Query(sql + " FORMAT TabSeparated");
  if (!text.ok()) return text.status();
  *answer = std::move(*text);
  std::vector<std::vector<std::string_view>> lines;
  const std::string_view all = *answer;
  for (size_t at = 0; at < all.size();) {
    const size_t end = std::min(all.find('\n', at), all.size());
    std::vector<std::string_view> line;
    for (size_t field = at; field <= end;) {
      // Only within this line: a find over the rest of the answer, for every line of
      // a one-column answer, made reading 100,000 rows quadratic.
      const void* tab = memchr(all.data() + field, '\t', end - field);
      const size_t stop = tab == nullptr ? end : static_cast<const char*>(tab) - all.data();
      line.push_back(all.substr(field, stop - field));
      field = stop + 1;
    }
    lines.push_back(std::move(line));
    at = end + 1;
  }
  return lines;
}

StatusOr<std::vector<std::vector<int64_t>>> ClickHouseStore::Numbers(const std::string& sql) {
  std::string answer;
  auto fields = Fields(sql, &answer);
  if (!fields.ok()) return fields.status();
  std::vector<std::vector<int64_t>> lines;
  lines.reserve(fields->size());
  for (const auto& line : *fields) {
    std::vector<int64_t> numbers;
    for (std::string_view field : line) {
      int64_t v = 0;
      if (std::from_chars(field.data(), field.data() + field.size(), v).ec != std::errc())
        return Status(StatusCode::kInternal, "ClickHouse answered a value that is not a number");
      numbers.push_back(v);
    }
    lines.push_back(std::move(numbers));
  }
  return lines;
}

StatusOr<size_t> ClickHouseStore::CountOf(const std::string& sql) {
  auto lines = Numbers(sql);
  if (!lines.ok()) return lines.status();
  if (lines->size() != 1 || (*lines)[0].size() != 1)
    return Status(StatusCode::kInternal, "ClickHouse answered no count");
  return static_cast<size_t>((*lines)[0][0]);
}

StatusOr<ArchiveSelection> ClickHouseStore::SelectForArchive(const CompiledQuery& query,
                                                             size_t cap) {
  auto where = LowerCondition(query, schema_);
  if (!where.ok()) return where.status();
  auto order = LowerOrder(query, store_, schema_);
  if (!order.ok()) return order.status();
  const std::string from = std::string(" FROM ") + table() + " WHERE " + *where;
  ArchiveSelection s;
  auto counts = Numbers("SELECT count(), sum(subtask), sum(subtask = 0 AND unlicensed = 1)" + from);
  if (!counts.ok()) return counts.status();
  if (counts->size() != 1 || (*counts)[0].size() != 3)
    return Status(StatusCode::kInternal, "ClickHouse answered no counts");
  s.matched = static_cast<size_t>((*counts)[0][0]);
  s.skipped_subtasks = static_cast<size_t>((*counts)[0][1]);
  s.skipped_unlicensed = static_cast<size_t>((*counts)[0][2]);
  const std::string eligible = " AND subtask = 0 AND unlicensed = 0";
  auto rows = Rows("SELECT row" + from + eligible + " ORDER BY " + *order + " LIMIT " +
                   std::to_string(cap));
  if (!rows.ok()) return rows.status();
  s.rows = std::move(*rows);
  s.skipped_over_cap = s.matched - s.skipped_subtasks - s.skipped_unlicensed - s.rows.size();
  const std::pair<const char*, std::vector<uint32_t>*> samples[] = {
      {" AND subtask = 1", &s.sample_subtasks},
      {" AND subtask = 0 AND unlicensed = 1", &s.sample_unlicensed}};
  for (const auto& [condition, sample] : samples) {
    auto found = Rows("SELECT row" + from + condition + " ORDER BY row LIMIT " +
                      std::to_string(ArchiveSelection::kSkippedSample));
    if (!found.ok()) return found.status();
    *sample = std::move(*found);
  }
  if (s.rows.empty()) return s;
  // The subtasks of the selected issues, wherever they live: the parents go to every
  // node once (GLOBAL IN), as a set built from one array literal.
  std::string parents;
  for (uint32_t row : s.rows) {
    if (!parents.empty()) parents += ',';
    parents += std::to_string(row);
  }
  auto children = Numbers(std::string("SELECT c_parent, row FROM ") + table() + " WHERE " +
                          NotArchived(schema_) +
                          " AND c_parent IS NOT NULL AND c_parent GLOBAL IN "
                          "(SELECT arrayJoin(CAST([" +
                          parents + "] AS Array(Int64)))) ORDER BY row");
  if (!children.ok()) return children.status();
  std::unordered_map<uint32_t, std::vector<uint32_t>> of;
  for (const auto& line : *children)
    of[static_cast<uint32_t>(line[0])].push_back(static_cast<uint32_t>(line[1]));
  for (uint32_t parent : s.rows) {
    auto it = of.find(parent);
    if (it != of.end()) s.subtasks.insert(s.subtasks.end(), it->second.begin(), it->second.end());
  }
  return s;
}

StatusOr<size_t> ClickHouseStore::Count(const CompiledQuery& query) {
  auto sql = LowerCount(query, schema_, table());
  if (!sql.ok()) return sql.status();
  return CountOf(*sql);
}

namespace {

// This process's name among the writers of archive marks, and its clock of stamps:
// microseconds since the epoch, but always later than the last stamp it gave.
const std::string& WriterId() {
  static const std::string id = [] {
    std::random_device random;
    char text[17];
    snprintf(text, sizeof text, "%08x%08x", random(), random());
    return std::string(text);
  }();
  return id;
}

int64_t NextStamp() {
  static std::atomic<int64_t> last{0};
  const int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  int64_t previous = last.load();
  int64_t next = 0;
  do {
    next = std::max(now, previous + 1);
  } while (!last.compare_exchange_weak(previous, next));
  return next;
}

// A String field of TabSeparated: escaped as in a quoted literal (ClickHouse reads the
// same escapes there), without the quotes; and read back.
void AppendTsvString(std::string_view text, std::string& out) {
  const std::string quoted = Quoted(text);
  out.append(quoted, 1, quoted.size() - 2);
}

std::string ReadTsvString(std::string_view field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\' || i + 1 == field.size()) {
      out += field[i];
      continue;
    }
    const char c = field[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c == '0' ? '\0' : c;
  }
  return out;
}

}  // namespace

Status ClickHouseStore::EnsureArchiveMarks() {
  auto r = nodes_.front()->Query(Schema::CreateArchiveMarks(schema_.marks_table));
  return r.ok() ? Status() : r.status();
}

Status ClickHouseStore::RecordMarks(const std::vector<archive::SharedMark>& marks) {
  if (marks.empty()) return Status();
  std::string rows;
  const std::string stamp = std::to_string(NextStamp());
  for (const archive::SharedMark& m : marks) {
    rows += std::to_string(store_.columns().id.values.Get(m.row));
    rows += m.archived ? "\t1\t" : "\t0\t";
    rows += stamp + "\t" + WriterId() + "\t";
    AppendTsvString(m.task, rows);
    rows += '\t';
    AppendTsvString(m.by, rows);
    rows += "\t" + std::to_string(m.at) + "\n";
  }
  auto r =
      nodes_.front()->Query("INSERT INTO " + schema_.marks_table + " FORMAT TabSeparated", rows);
  return r.ok() ? Status() : r.status();
}

StatusOr<size_t> ClickHouseStore::MarkCount() {
  return CountOf("SELECT count() FROM " + schema_.marks_table);
}

StatusOr<std::vector<archive::SharedMark>> ClickHouseStore::CurrentMarks() {
  std::string answer;
  auto lines = Fields(
      "SELECT id, argMax(archived, (stamp, writer)), argMax(task, (stamp, writer)), "
      "argMax(account, (stamp, writer)), argMax(at, (stamp, writer)) FROM " +
          schema_.marks_table + " GROUP BY id",
      &answer);
  if (!lines.ok()) return lines.status();
  std::vector<archive::SharedMark> marks;
  for (const auto& fields : *lines) {
    int64_t id = 0;
    archive::SharedMark m;
    if (fields.size() != 5 ||
        std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), id).ec !=
            std::errc() ||
        std::from_chars(fields[4].data(), fields[4].data() + fields[4].size(), m.at).ec !=
            std::errc())
      return Status(StatusCode::kInternal, "ClickHouse answered an archive mark it cannot read");
    const std::optional<size_t> row = store_.FindRowById(id);
    if (!row) continue;  // not an issue of this store: nothing to show
    m.row = static_cast<uint32_t>(*row);
    m.archived = fields[1] == "1";
    m.task = ReadTsvString(fields[2]);
    m.by = ReadTsvString(fields[3]);
    marks.push_back(std::move(m));
  }
  std::sort(
      marks.begin(), marks.end(),
      [](const archive::SharedMark& a, const archive::SharedMark& b) { return a.row < b.row; });
  return marks;
}

StatusOr<QueryResult> ClickHouseStore::Execute(const CompiledQuery& query, size_t limit,
                                               const PagePosition* after) {
  auto where = LowerCondition(query, schema_);
  if (!where.ok()) return where.status();
  QueryResult result;
  auto total = CountOf("SELECT count() FROM " + std::string(table()) + " WHERE " + *where);
  if (!total.ok()) return total.status();
  result.total = result.following = *total;
  std::string condition = *where;
  if (after != nullptr) {
    auto beyond = LowerAfter(query, store_, schema_, *after);
    if (!beyond.ok()) return beyond.status();
    condition += " AND " + *beyond;
    auto following = CountOf("SELECT count() FROM " + std::string(table()) + " WHERE " + condition);
    if (!following.ok()) return following.status();
    result.following = *following;
  }
  if (limit == 0 || result.following == 0) return result;
  auto order = LowerOrder(query, store_, schema_);
  if (!order.ok()) return order.status();
  std::string sql =
      "SELECT row FROM " + std::string(table()) + " WHERE " + condition + " ORDER BY " + *order;
  if (limit != SIZE_MAX) sql += " LIMIT " + std::to_string(limit);
  auto rows = Rows(sql);
  if (!rows.ok()) return rows.status();
  result.rows = std::move(*rows);
  return result;
}

}  // namespace jql::clickhouse
