// SQLite FTS5 side of the text-search benchmark: loads the peers' CSV into an
// in-memory SQLite database (as the peers' own SQLite harness does), builds an FTS5
// index on summary, and times Q4 (one word, with the eligibility filter) as a MATCH,
// median of RUNS after WARM warm-up runs, one thread. Prints one JSON line.
// Usage: jql_sqlite_fts_peer issues.csv WORD [tokenizer] [runs=7] [warmup=2]
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s issues.csv WORD [tokenizer] [runs] [warmup]\n", argv[0]);
    return 2;
  }
  const std::string word = argv[2];
  const std::string tokenizer = argc > 3 ? argv[3] : "unicode61";
  const int runs = argc > 4 ? std::atoi(argv[4]) : 7, warm = argc > 5 ? std::atoi(argv[5]) : 2;
  sqlite3* db;
  Check(sqlite3_open(":memory:", &db), db, "open");
  sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY;",
               nullptr, nullptr, nullptr);
  Check(sqlite3_exec(db,
                     "CREATE TABLE issues(id INTEGER PRIMARY KEY, key TEXT, project_id INTEGER, "
                     "project_key TEXT, project_type TEXT, issuetype TEXT, parent_id INTEGER, "
                     "status TEXT, status_category TEXT, resolution TEXT, priority TEXT, assignee "
                     "TEXT, reporter TEXT, created INTEGER, updated INTEGER, resolved INTEGER, "
                     "labels TEXT, components TEXT, fix_version TEXT, archived INTEGER, summary "
                     "TEXT)",
                     nullptr, nullptr, nullptr),
        db, "create");
  sqlite3_stmt* insert;
  Check(
      sqlite3_prepare_v2(db, "INSERT INTO issues VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         -1, &insert, nullptr),
      db, "prepare");
  const bool integer[21] = {1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0};
  FILE* f = std::fopen(argv[1], "r");
  if (f == nullptr) {
    std::perror(argv[1]);
    return 1;
  }
  static char line[1 << 20];
  if (std::fgets(line, sizeof line, f) == nullptr) return 1;  // header
  const auto load_start = Clock::now();
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  long rows = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    char* p = line;
    size_t length = std::strlen(p);
    if (length != 0 && p[length - 1] == '\n') p[--length] = 0;
    for (int c = 0; c < 21; ++c) {
      char* end = c < 20 ? std::strchr(p, ',') : p + std::strlen(p);
      if (end == nullptr) {
        std::fprintf(stderr, "bad line %ld\n", rows);
        return 1;
      }
      const int n = static_cast<int>(end - p);
      if (n == 0) {
        sqlite3_bind_null(insert, c + 1);
      } else if (integer[c]) {
        sqlite3_bind_int64(insert, c + 1, std::strtoll(p, nullptr, 10));
      } else {
        sqlite3_bind_text(insert, c + 1, p, n, SQLITE_STATIC);
      }
      p = end + 1;
    }
    Check(sqlite3_step(insert), db, "insert");
    sqlite3_reset(insert);
    ++rows;
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_finalize(insert);
  std::fclose(f);
  const double load_ms = MsSince(load_start);
  const auto fts_start = Clock::now();
  const std::string fts =
      "CREATE VIRTUAL TABLE issues_fts USING fts5(summary, content='issues', "
      "content_rowid='id', detail=none, tokenize='" +
      tokenizer + "'); INSERT INTO issues_fts(issues_fts) VALUES('rebuild');";
  Check(sqlite3_exec(db, fts.c_str(), nullptr, nullptr, nullptr), db, "fts");
  const double fts_ms = MsSince(fts_start);
  const std::string sql =
      "SELECT id FROM issues WHERE id IN (SELECT rowid FROM issues_fts WHERE issues_fts MATCH '" +
      word +
      "') AND project_type IN ('software','service_desk','business') AND issuetype <> "
      "'Sub-task' AND archived = 0 LIMIT 100000";
  std::vector<double> ms;
  size_t matches = 0;
  for (int i = 0; i < warm + runs; ++i) {
    const auto start = Clock::now();
    sqlite3_stmt* query;
    Check(sqlite3_prepare_v2(db, sql.c_str(), -1, &query, nullptr), db, sql.c_str());
    matches = 0;
    int rc;
    while ((rc = sqlite3_step(query)) == SQLITE_ROW) ++matches;
    Check(rc, db, "step");
    sqlite3_finalize(query);
    if (i >= warm) ms.push_back(MsSince(start));
  }
  std::sort(ms.begin(), ms.end());
  const double median =
      ms.size() % 2 ? ms[ms.size() / 2] : (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]) / 2;
  std::printf(
      "{\"engine\": \"sqlite %s fts5 (%s)\", \"rows\": %ld, \"load_ms\": %.0f, \"fts_build_ms\": "
      "%.0f, \"median_ms\": %.3f, \"matches\": %zu}\n",
      sqlite3_libversion(), tokenizer.c_str(), rows, load_ms, fts_ms, median, matches);
  sqlite3_close(db);
  return 0;
}
