// The engine: JQL text in, matching issues out. Compile binds a query against a
// store's catalog (Jira's validation messages for unknown fields, operators and
// values) and plans it; Execute evaluates the plan over the store's columns.
//
// An Engine holds a reference to its IssueStore, which must outlive it. Compile and
// Execute are const and thread-safe; a CompiledQuery may be shared between threads.
// Archived issues are invisible to every query.
#ifndef JQL_ENGINE_H_
#define JQL_ENGINE_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jql/diagnostic.h"
#include "jql/issue_store.h"
#include "jql/parser.h"
#include "jql/time_zone.h"

namespace jql {

struct QueryContext {
  std::string current_user;  // account id; empty for an anonymous caller
  int64_t now_ms = 0;        // "now" for relative dates and date functions
  // The user's time zone: dates without a time and startOfDay() etc. are midnights
  // of this zone.
  TimeZone time_zone;
  bool week_starts_monday = false;  // Jira's default week starts on Sunday
};

// A bound and planned query. Opaque; create with Engine::Compile.
class CompiledQuery;

struct CompileResult {
  std::shared_ptr<const CompiledQuery> query;  // null when there are errors
  std::vector<Diagnostic> errors;              // syntax and validation, Jira's words
  bool restricted = false;  // the query has a search restriction (not just ORDER BY)
  bool ok() const { return query != nullptr; }
};

// How long an evaluation may run: it stops between blocks of rows once `deadline`
// has passed or `*cancelled` is set (a server shutting down, a client gone), and
// says so in its result. The default is no limit.
struct QueryBudget {
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  const std::atomic<bool>* cancelled = nullptr;

  bool Exhausted() const {
    return (cancelled != nullptr && cancelled->load(std::memory_order_relaxed)) ||
           (deadline != std::chrono::steady_clock::time_point::max() &&
            std::chrono::steady_clock::now() >= deadline);
  }
};

struct QueryResult {
  std::vector<uint32_t> rows;  // matching rows in the query's order, up to the limit
  size_t total = 0;            // all matching rows
  size_t following = 0;        // matching rows after the page position (all without one)
  bool stopped = false;        // the budget ran out: rows and total are incomplete
};

// Where a page of results ended: the last issue's ORDER BY values (as the engine ranks
// them) and its id. The next page starts right after it, so issues archived or
// unarchived between pages neither shift the rest nor repeat. Meaningful only for the
// query and the store it came from.
struct PagePosition {
  std::vector<std::pair<bool, int64_t>> keys;  // (empty, value) per ORDER BY key
  int64_t id = 0;
};

// What an archive by this query would take (the archive rule of architecture.md).
struct ArchiveSelection {
  std::vector<uint32_t> rows;      // top-level issues selected, in order (at most the cap)
  std::vector<uint32_t> subtasks;  // their subtasks, archived with them
  size_t matched = 0;              // issues the query matched
  size_t skipped_subtasks = 0;     // matched subtasks (they go with their parents only)
  size_t skipped_unlicensed = 0;   // matched issues in projects whose type cannot be archived
  size_t skipped_over_cap = 0;     // eligible issues beyond the cap
  // The first few skipped issues of each reason, in row order, so a report can name
  // some of them without listing a million.
  static constexpr size_t kSkippedSample = 50;
  std::vector<uint32_t> sample_subtasks;
  std::vector<uint32_t> sample_unlicensed;
  bool stopped = false;  // the budget ran out: nothing here may be acted on
};

// Why an issue cannot be archived (or unarchived) by itself, in the archive rule's order.
enum class ArchiveEligibility {
  kEligible,
  kSubtask,          // goes with its parent only
  kArchivedProject,  // its project is archived
  kUnlicensed,       // its project's type is not software, service_desk or business
};

// One field's inverted index for `~`.
struct TextIndexReport {
  std::string field;
  size_t terms = 0;
  size_t postings = 0;  // (term, issue) pairs
  size_t bytes = 0;     // dictionary and compressed postings
  double build_seconds = 0;
};

namespace internal {
struct EngineIndexes;
}

class Engine {
 public:
  // Builds, once, what the archive rule looks up: subtask and licence bitmaps and
  // each issue's subtasks.
  explicit Engine(const IssueStore& store);
  ~Engine();

  CompileResult Compile(std::string_view jql, const QueryContext& context,
                        const ParseOptions& options = {}) const;

  // The matches in the query's order, the first `limit` of them, or with `after` the
  // first `limit` that come after that position.
  QueryResult Execute(const CompiledQuery& query, size_t limit = SIZE_MAX,
                      const QueryBudget& budget = {}, const PagePosition* after = nullptr) const;
  // The position of a row in the query's order (the end of a page that ends with it).
  PagePosition PositionOf(const CompiledQuery& query, size_t row) const;
  // The same answer from a deliberately simple row-at-a-time evaluation, for tests.
  QueryResult ExecuteReference(const CompiledQuery& query, size_t limit = SIZE_MAX) const;

  static constexpr size_t kArchiveCap = 100000;
  // With exact_counts false the evaluation may stop once the cap is reached (without
  // ORDER BY, rows come in id order): the selected rows and their subtasks are the
  // same, but the counts cover only the rows looked at.
  ArchiveSelection SelectForArchive(const CompiledQuery& query, size_t cap = kArchiveCap,
                                    bool exact_counts = true, const QueryBudget& budget = {}) const;

  ArchiveEligibility Eligibility(size_t row) const;
  // The subtasks of an issue (archived or not), in row order.
  std::vector<uint32_t> SubtasksOf(size_t row) const;

  // Text indexes are built per field on the first `~` that needs one; this builds
  // every field's now and reports each.
  std::vector<TextIndexReport> BuildTextIndexes() const;
  // Builds every text index and every history layout now, so that no query pays for
  // one (a server does this in the background at start, and says it is not ready
  // until it is done). Returns early, with the rest left to first use, once `*stop`
  // is set. Safe to call while queries run.
  // `progress` hears (steps done, steps in all) after each field's index or layout.
  void BuildIndexes(const std::atomic<bool>* stop = nullptr,
                    const std::function<void(size_t done, size_t total)>& progress = {}) const;

  // The plan with estimated (and, after Execute, actual) row counts.
  std::string Explain(const CompiledQuery& query) const;

  const IssueStore& store() const { return store_; }

 private:
  const IssueStore& store_;
  std::unique_ptr<const internal::EngineIndexes> indexes_;
};

}  // namespace jql

#endif  // JQL_ENGINE_H_
