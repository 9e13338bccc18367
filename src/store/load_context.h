// Shared state of one load: the builder, where each row came from (for error
// messages), and lookups that spare the catalog a hash of every repeated name.
#ifndef JQL_SRC_STORE_LOAD_CONTEXT_H_
#define JQL_SRC_STORE_LOAD_CONTEXT_H_

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jql/data_loader.h"
#include "jql/issue_store.h"
#include "jql/site_catalog.h"

namespace jql::internal {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Exact text -> code, in front of a catalog intern function.
class NameCache {
 public:
  template <typename Intern>
  Code Get(std::string_view text, Intern&& intern) {
    const auto it = map_.find(text);
    if (it != map_.end()) return it->second;
    const Code code = intern(text);
    map_.emplace(std::string(text), code);
    return code;
  }

 private:
  std::unordered_map<std::string, Code, StringHash, std::equal_to<>> map_;
};

struct LoadContext {
  IssueStoreBuilder builder;
  LoadReport* report = nullptr;
  // Each file, and whether its positions are lines (CSV, JSON Lines) or the index of
  // an issue in a page or list.
  std::vector<std::pair<std::string, bool>> files;
  std::vector<std::pair<uint32_t, uint32_t>> row_origin;  // (file index, position)

  const std::string& file() const { return files.back().first; }
  std::string Where(uint32_t position) const { return Where(files.size() - 1, position); }
  std::string Where(size_t file, uint32_t position) const {
    return files[file].first + (files[file].second ? " line " : ", issue ") +
           std::to_string(position);
  }
  // Progress: the callback, the bytes of the files before this one and in all.
  const std::function<void(const LoadProgress&)>* progress = nullptr;
  size_t bytes_before = 0;
  size_t bytes_total = 0;

  void AddRow(const IssueRow& row, uint32_t position) {
    builder.Add(row);
    row_origin.emplace_back(static_cast<uint32_t>(files.size() - 1), position);
  }
  // Reports `offset` bytes into the current file, every 4,096 issues.
  void Progress(size_t offset) const {
    if (progress == nullptr || row_origin.size() % 4096 != 0) return;
    (*progress)(LoadProgress{"reading", bytes_before + offset, bytes_total, row_origin.size()});
  }
  std::string Describe(size_t row) const {
    return Where(row_origin[row].first, row_origin[row].second);
  }
};

// Priorities of Jira's default schemes, registered first so their order is Jira's.
// Versions compare by their order in the project; where the data gives none, by the
// natural order of their names ("v2.10" after "v2.9").
void AssignVersionOrder(Catalog& catalog);

// The line (1-based) of a byte offset.
size_t LineOf(std::string_view text, size_t offset);

// The entities of a site's metadata endpoints (jql/site_catalog.h), read by the same
// rules as those nested in issues.
enum class SiteEntity { kProject, kIssueType, kStatus, kPriority, kResolution, kUser };
void AddSiteEntity(LoadContext& context, SiteEntity kind, const boost::json::object& entity);

// Issues in Jira's REST shape made from another format (Jira's CSV export), with the
// line and byte offset each came from; `names` maps custom field ids to names.
struct JsonIssueAt {
  boost::json::value issue;
  uint32_t line = 0;
  size_t offset = 0;
};
Status LoadJsonIssues(const std::vector<JsonIssueAt>& issues, const boost::json::object* names,
                      LoadContext& context);

// Splits one CSV record (RFC 4180: quotes, "" for a quote, newlines inside quotes)
// into fields; returns the offset after it. Quoted fields point into `unquoted`.
size_t ReadCsvRecord(std::string_view text, size_t pos, std::vector<std::string_view>& fields,
                     std::vector<std::string>& unquoted, bool* bad_quote);

// Jira's own CSV export (the issue navigator's "Export CSV (all fields)"): its header
// names "Issue key" and "Issue id".
bool IsJiraCsvExport(std::string_view text);
Status LoadJiraCsvExport(std::string_view text, LoadContext& context);

// Reads a folder of a site's metadata (jql/site_catalog.h) into the context's
// catalog. `alone` (jql validate --catalog): also marks what the folder cannot list;
// beside issues (a mirror made by jql import) the issues fill in the rest.
Status ReadSiteCatalog(const std::string& dir, LoadContext& context, SiteCatalogReport& report,
                       bool alone);

Status LoadCsv(std::string_view text, LoadContext& context);
Status LoadJiraJson(std::string_view text, LoadContext& context);

}  // namespace jql::internal

#endif  // JQL_SRC_STORE_LOAD_CONTEXT_H_
