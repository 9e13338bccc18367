// A site's catalog as the files `--catalog` reads (jql/site_catalog.h): the bodies of
// GET /field, /status, /priority, /issuetype, /resolution, /groups/picker, and the pages
// of /project/search and /users/search (project.json, project-2.json, ...). Written
// only once all are fetched, each file replaced whole, and pages left from a larger
// catalog removed, so an import or a sync leaves the old catalog or the new one.
#ifndef JQL_SRC_CLIENT_CATALOG_FETCH_H_
#define JQL_SRC_CLIENT_CATALOG_FETCH_H_

#include <filesystem>

#include "client/site_client.h"

namespace jql::client {

Status FetchCatalog(SiteClient& site, const std::filesystem::path& dir);

}  // namespace jql::client

#endif  // JQL_SRC_CLIENT_CATALOG_FETCH_H_
