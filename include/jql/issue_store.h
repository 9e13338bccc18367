// The issue store: every issue of a Jira site, column by column, with its catalog.
//
// An IssueStore is built once (IssueStoreBuilder, the loaders, the generator or a
// snapshot) and is immutable afterwards except for one thing, the archived state,
// which changes through SetArchived (thread-safe). A reader that needs one stable
// view across many reads (a query, an export) pins it with PinArchived and holds no
// lock meanwhile, so a long search never keeps an archive batch waiting; ReadLock
// remains for short sections that read IsArchived directly. Everything else is safe
// to read concurrently.
// Moving a store is cheap; copying is not allowed.
#ifndef JQL_ISSUE_STORE_H_
#define JQL_ISSUE_STORE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jql/catalog.h"
#include "jql/columns.h"
#include "jql/status.h"

namespace jql {

// Fields whose history WAS and CHANGED can search (and the ones a changelog records).
enum class HistoryField : uint8_t {
  kStatus,
  kAssignee,
  kReporter,
  kPriority,
  kResolution,
  kFixVersion,
};
std::string_view HistoryFieldName(HistoryField field);  // "status"
std::optional<HistoryField> ParseHistoryField(std::string_view jira_field_name);

// A custom field's values: one of the parts is present, as the field's type says.
struct CustomColumn {
  Code field = kNoCode;
  IntColumn ints;     // number (value * scale), date/datetime (epoch ms), select/user/version codes
  int64_t scale = 1;  // numbers are stored as integers of value * scale
  MultiColumn multi;  // multi-select, labels
  TextColumn text;    // text
};

struct IssueColumns {
  IntColumn id;
  IntColumn project;     // Code into catalog.projects
  IntColumn number;      // the N of KEY-N
  IntColumn issue_type;  // Code
  IntColumn status;      // Code
  IntColumn resolution;  // Code; empty = Unresolved
  IntColumn priority;    // Code, in priority order
  IntColumn assignee;    // Code into catalog.users
  IntColumn reporter;
  IntColumn creator;
  IntColumn created;  // epoch ms
  IntColumn updated;
  IntColumn resolved;
  IntColumn due;     // epoch ms of the day's start (UTC)
  IntColumn parent;  // the row of the parent issue
  IntColumn votes;
  MultiColumn labels;
  MultiColumn components;
  MultiColumn fix_versions;
  MultiColumn affected_versions;
  MultiColumn sprints;
  MultiColumn watchers;
  std::vector<CustomColumn> custom;
};

struct TextColumns {
  TextColumn summary;
  TextColumn description;
  TextColumn environment;
  TextColumn comments;  // all comments of an issue, separated by '\n'
};

// Every change of every issue, grouped by issue (rows in order), oldest first.
struct History {
  PackedInts row_begin;  // rows + 1 offsets into the item columns
  PackedInts field;      // HistoryField
  PackedInts from;       // Code of the old value, -1 when it was empty
  PackedInts to;         // Code of the new value, -1 when it became empty
  PackedInts time;       // epoch ms
  PackedInts author;     // user Code, -1 when unknown
  size_t items() const { return field.size(); }
  size_t bytes() const {
    return row_begin.bytes() + field.bytes() + from.bytes() + to.bytes() + time.bytes() +
           author.bytes();
  }
};

// Issue links, each stored on both ends: per row a range of (other row, type, outward).
struct Links {
  PackedInts row_begin;  // rows + 1
  PackedInts other;      // row at the other end
  PackedInts type;       // Code into catalog.link_types
  Bitmap outward;        // this row is the link's source ("blocks" rather than "is blocked by")
  size_t count() const { return other.size(); }
  size_t bytes() const {
    return row_begin.bytes() + other.bytes() + type.bytes() + outward.buffer().size();
  }
};

struct MemoryReport {
  struct Entry {
    std::string name;
    size_t bytes = 0;
  };
  std::vector<Entry> structured;  // per-row columns
  size_t structured_bytes = 0;
  size_t index_bytes = 0;  // id and key lookup orders
  size_t text_bytes = 0;
  size_t history_bytes = 0;
  size_t link_bytes = 0;
};

class IssueStore {
 public:
  IssueStore(IssueStore&&) noexcept;
  IssueStore& operator=(IssueStore&&) noexcept;
  ~IssueStore();

  size_t rows() const { return rows_; }
  const Catalog& catalog() const { return *catalog_; }
  const IssueColumns& columns() const { return columns_; }
  const TextColumns& text() const { return text_; }
  const History& history() const { return history_; }
  const Links& links() const { return links_; }

  // Rows by id and by key ("ABC-123", case-insensitive).
  std::optional<size_t> FindRowById(int64_t id) const;
  std::optional<size_t> FindRowByKey(std::string_view key) const;
  std::string Key(size_t row) const;
  // Rows of one project, in key order.
  std::span<const uint32_t> ProjectRows(Code project) const;

  // The archived state.
  bool IsArchived(size_t row) const {
    return (archived_[row >> 6].load(std::memory_order_relaxed) >> (row & 63)) & 1;
  }
  // Sets or clears the flag for the rows; returns how many changed. Thread-safe.
  size_t SetArchived(std::span<const uint32_t> rows, bool archived);
  size_t ArchivedCount() const;
  // 64 rows of the archived state at once (bit i is row 64 * word + i).
  uint64_t ArchivedWord(size_t word) const {
    return archived_[word].load(std::memory_order_relaxed);
  }
  // True when ids ascend with the rows, so row order is id order.
  bool IdsAscend() const { return id_order_.empty(); }
  // Held by readers that must not see an archive batch half applied. Keep the
  // section short: SetArchived waits for it.
  std::shared_lock<std::shared_mutex> ReadLock() const { return std::shared_lock(archive_mutex_); }

  // The archived state as of now, never changed afterwards (a batch applied later
  // makes a new one): bit i of words[w] is row 64 * w + i.
  struct ArchivedState {
    std::vector<uint64_t> words;
    uint64_t generation = 0;
    bool Has(size_t row) const { return (words[row >> 6] >> (row & 63)) & 1; }
  };
  std::shared_ptr<const ArchivedState> PinArchived() const;

  MemoryReport Memory() const;

 private:
  friend class IssueStoreBuilder;
  friend class SnapshotReader;
  IssueStore();
  void BuildIndexes();
  void AllocateArchivedState();

  size_t rows_ = 0;
  std::unique_ptr<Catalog> catalog_;
  IssueColumns columns_;
  TextColumns text_;
  History history_;
  Links links_;
  std::vector<uint32_t> key_order_;      // rows sorted by (project, number)
  std::vector<uint32_t> project_begin_;  // project code -> first index in key_order_
  std::vector<uint32_t> id_order_;       // rows sorted by id; empty when ids ascend with rows
  std::unique_ptr<std::atomic<uint64_t>[]> archived_;
  mutable std::shared_mutex archive_mutex_;
  // Counts SetArchived calls that changed something; a pinned state of an older
  // generation is rebuilt by the next PinArchived.
  std::atomic<uint64_t> archive_generation_{1};
  mutable std::mutex pinned_mutex_;
  mutable std::shared_ptr<const ArchivedState> pinned_;
};

struct HistoryItem {
  HistoryField field = HistoryField::kStatus;
  int64_t from = -1;  // Code or -1 (empty)
  int64_t to = -1;
  int64_t time = 0;
  int64_t author = -1;
};

struct LinkRecord {
  Code type = kNoCode;
  int64_t other_id = 0;  // the issue id at the other end
  bool outward = true;
};

struct CustomValue {
  Code field = kNoCode;
  double number = 0;        // number
  int64_t integer = 0;      // date/datetime ms, select/user/version code
  std::vector<Code> codes;  // multi-select, labels
  std::string text;         // text
};

inline constexpr int64_t kNoTime = INT64_MIN;

// One issue for the builder, in codes (names are interned in the catalog first).
struct IssueRow {
  int64_t id = 0;
  Code project = kNoCode;
  int64_t number = 0;
  Code issue_type = kNoCode;
  Code status = kNoCode;
  Code resolution = kNoCode;
  Code priority = kNoCode;
  Code assignee = kNoCode;
  Code reporter = kNoCode;
  Code creator = kNoCode;
  int64_t created = kNoTime;
  int64_t updated = kNoTime;
  int64_t resolved = kNoTime;
  int64_t due = kNoTime;
  int64_t parent_id = 0;  // 0: no parent
  int64_t votes = 0;
  bool archived = false;
  std::vector<Code> labels, components, fix_versions, affected_versions, sprints, watchers;
  std::string summary, description, environment, comments;
  std::vector<HistoryItem> history;
  std::vector<LinkRecord> links;
  std::vector<CustomValue> custom;

  void Clear();  // reuse the row's allocations for the next issue
};

class IssueStoreBuilder {
  struct Pending;

 public:
  IssueStoreBuilder();
  ~IssueStoreBuilder();

  Catalog& catalog() { return *catalog_; }
  size_t rows() const;

  // REQUIRES: project is set (not kNoCode); any other code may be kNoCode (empty).
  void Add(const IssueRow& row);

  // Rows gathered apart from the builder, on any thread (codes must already be the
  // catalog's), then appended in one go: adding to a batch costs what adding to the
  // builder does, and appending it only copies its columns.
  class Batch {
   public:
    Batch();
    ~Batch();
    Batch(Batch&&) noexcept;
    Batch& operator=(Batch&&) noexcept;
    void Add(const IssueRow& row);  // REQUIRES as for IssueStoreBuilder::Add
    size_t rows() const;

   private:
    friend class IssueStoreBuilder;
    std::unique_ptr<Pending> pending_;
  };
  // The batch's rows after the builder's; the batch is left empty, its memory kept.
  void Append(Batch& batch);
  // Room for this many rows (and history items and text bytes per row), when known,
  // so that building does not reallocate and copy its columns as it grows.
  void Reserve(size_t rows, size_t history_per_row = 0, size_t text_bytes_per_row = 0);

  // How errors name a row ("file.json line 12"); by default "row N".
  void set_row_describer(std::function<std::string(size_t row)> describe) {
    describe_row_ = std::move(describe);
  }

  // Packs the columns. Fails on duplicate ids or keys, naming both rows. Parents and
  // links to issues that are not in the data are dropped and counted.
  StatusOr<IssueStore> Build();
  size_t dropped_parents() const { return dropped_parents_; }
  size_t dropped_links() const { return dropped_links_; }

 private:
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Pending> pending_;
  std::function<std::string(size_t)> describe_row_;
  size_t dropped_parents_ = 0;
  size_t dropped_links_ = 0;
};

}  // namespace jql

#endif  // JQL_ISSUE_STORE_H_
