// A Jira site's metadata without its issues: the catalog that `jql validate --catalog
// DIR` binds saved filters against, read from the JSON bodies of Jira's own metadata
// endpoints saved into one folder (see SiteCatalogFiles for the names).
//
// A missing file, and what no listed endpoint gives (versions, components, sprints,
// select options), leaves that value list open: a value not in the catalog is then
// accepted rather than reported as not existing (Catalog::unlisted_dictionaries),
// since it may exist on the site. Field names, operators, functions and the values of
// the files present are checked as Jira checks them.
#ifndef JQL_SITE_CATALOG_H_
#define JQL_SITE_CATALOG_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jql/issue_store.h"
#include "jql/status.h"

namespace jql {

struct SiteCatalogFile {
  std::string_view name;      // "status.json"; pages as "users-2.json", "project-3.json"
  std::string_view endpoint;  // what to save there: "GET /rest/api/3/status"
};
// The files a catalog folder may hold, in the order they are read.
std::span<const SiteCatalogFile> SiteCatalogFiles();

struct SiteCatalogReport {
  std::vector<std::string> files;  // the files read
  std::vector<std::string> notes;  // files missing or ignored, fields left out
};

// An issue store with no issues and the site's catalog. Errors name the file and
// what is wrong with it (not JSON, not the endpoint's shape).
StatusOr<IssueStore> LoadSiteCatalog(const std::string& dir, SiteCatalogReport* report = nullptr);

}  // namespace jql

#endif  // JQL_SITE_CATALOG_H_
