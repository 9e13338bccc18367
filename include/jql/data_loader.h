// Loading an issue store from what users have: Jira REST JSON (search pages or JSON
// Lines of issues, with changelogs when exported with expand=changelog), the peers'
// CSV, a folder of such files (searched recursively; hidden files and what is not
// issue data are skipped with a note), or a snapshot. The format is told by content,
// not by file name.
//
// Malformed input is an error naming the file and the line (or byte offset); nothing
// half-loaded is ever returned. Thread-compatible: load from one thread per call.
#ifndef JQL_DATA_LOADER_H_
#define JQL_DATA_LOADER_H_

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "jql/issue_store.h"
#include "jql/status.h"

namespace jql {

enum class DataFormat { kCsv, kJiraJson, kSnapshot, kFolder };
std::string_view DataFormatName(DataFormat format);

struct LoadReport {
  DataFormat format = DataFormat::kCsv;
  std::vector<std::string> files;
  size_t issues = 0;
  size_t bytes = 0;
  // Fields in JSON issues that no column holds, with how many issues had them.
  std::map<std::string, size_t> unknown_fields;
  size_t dropped_parents = 0;        // parents not in the data
  size_t dropped_links = 0;          // links to issues not in the data
  size_t history_items_skipped = 0;  // changes of fields WAS/CHANGED cannot search
  // Files of a folder that were not loaded, and why ("docs/README.md: not issue
  // data (neither JSON nor a CSV with 'id' and 'key' columns); skipped").
  std::vector<std::string> notes;
  double seconds = 0;
};

// Where a load is, for a progress display: bytes of input read so far of the total,
// the issues met so far, and the phase ("reading", then "building" the columns).
struct LoadProgress {
  std::string_view phase;
  size_t bytes_done = 0;
  size_t bytes_total = 0;
  size_t issues = 0;
};
struct LoadOptions {
  // Called from the loading thread every few thousand issues and at each phase
  // change; keep it cheap (a display redraws at most a few times a second).
  std::function<void(const LoadProgress&)> progress;
};

// What a file that holds no issues is, when it can be told ("a gzip-compressed file:
// decompress it first"), else nothing. A folder's such files are skipped with a note;
// a file named on its own is an error with this text.
std::optional<std::string> NotIssueData(const std::string& path);

// Tells the format of a file or folder from its content.
StatusOr<DataFormat> DetectDataFormat(const std::string& path);

StatusOr<IssueStore> LoadIssueStore(const std::string& path, LoadReport* report = nullptr,
                                    const LoadOptions& options = {});

}  // namespace jql

#endif  // JQL_DATA_LOADER_H_
