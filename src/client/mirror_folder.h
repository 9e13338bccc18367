// The folder a `jql import` writes and `--data`, `--catalog` and `jql import
// --since-last` read:
//   catalog/*.json             the site's metadata endpoints' bodies (jql/site_catalog.h)
//   issues/page-NNNNNN.jsonl   the issues, one REST issue with its whole change log a line
//   import-state.json          what the folder mirrors and how far the import got
//   .sync/                     an incremental sync's fetched issues, before they are applied
// Every file is replaced whole (written aside, synced, renamed), so a kill at any point
// leaves each file old or new, never torn.
#ifndef JQL_SRC_CLIENT_MIRROR_FOLDER_H_
#define JQL_SRC_CLIENT_MIRROR_FOLDER_H_

#include <boost/json/object.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "jql/status.h"

namespace jql::client {

// Writes `text` to `path` through a temporary file, synced and renamed.
bool WriteAtomically(const std::filesystem::path& path, const std::string& text);
// A file holding one JSON object (a state, a plan, a report), or why it is not one.
StatusOr<boost::json::object> ReadJsonObject(const std::filesystem::path& path);

// The mirror folder of an import's target: the folder itself, or for FILE.snap the
// FILE.mirror folder kept beside the snapshot.
std::filesystem::path MirrorFolderFor(const std::string& target);

// One issue's place in the mirror, as a sync needs it.
struct MirroredIssue {
  int64_t id = 0;
  std::string key;
  size_t page = 0;        // the number in page-NNNNNN.jsonl
  bool archived = false;  // archived on the site (kept, and invisible to queries)
  size_t line_hash = 0;   // of its line, to tell a changed issue from one fetched again
};

// Changes to a page's issues by id; each list sorted.
struct PageEdit {
  std::vector<int64_t> drop;             // issues to leave out
  std::vector<int64_t> mark_archived;    // issues to mark "archived": true
  std::vector<int64_t> unmark_archived;  // issues to mark no longer archived
};

class MirrorFolder {
 public:
  explicit MirrorFolder(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path catalog() const { return root_ / "catalog"; }
  std::filesystem::path issues() const { return root_ / "issues"; }
  std::filesystem::path staging() const { return root_ / ".sync"; }
  std::filesystem::path state_file() const { return root_ / "import-state.json"; }
  std::filesystem::path page(size_t number) const { return issues() / PageName(number); }
  static std::string PageName(size_t number);

  // The state; an empty object when there is none yet, an error when it is unreadable.
  StatusOr<boost::json::object> ReadState() const;
  bool WriteState(const boost::json::object& state) const;

  // Every issue in the pages up to `last_page`, in page order.
  StatusOr<std::vector<MirroredIssue>> ReadIndex(size_t last_page) const;

  // Rewrites page `number` as `edit` says (unless nothing on it changes); removes the
  // page when nothing is left on it.
  Status EditPage(size_t number, const PageEdit& edit) const;

 private:
  std::filesystem::path root_;
};

// An issue's numeric id from its REST JSON ("id": "10001"), or 0.
int64_t IssueId(const boost::json::object& issue);

}  // namespace jql::client

#endif  // JQL_SRC_CLIENT_MIRROR_FOLDER_H_
