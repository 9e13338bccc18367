// Fetching issues whole from a site: a page of POST /search/jql with every field and the
// change log, and the rest of each change log that one page of it did not hold (Jira
// embeds at most 100 changes; GET /issue/{id}/changelog pages through the others).
#ifndef JQL_SRC_CLIENT_ISSUE_FETCH_H_
#define JQL_SRC_CLIENT_ISSUE_FETCH_H_

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <set>
#include <string>

#include "client/mirror_folder.h"
#include "client/site_pool.h"

namespace jql::client {

struct SearchPage {
  boost::json::array issues;
  std::optional<std::string> next_page_token;  // absent on the last page
};

// One page of the query's issues. With `ids_only` just ids (Jira pages 5,000 of those),
// otherwise every field and the first page of each change log.
StatusOr<SearchPage> FetchSearchPage(SiteClient& site, const std::string& jql, size_t page_size,
                                     const std::optional<std::string>& page_token,
                                     bool ids_only = false);

// Completes the change log of every issue whose embedded one stops short of its total,
// on the pool's connections side by side (sparing the first, see SitePool::ForEach).
Status CompleteChangelogs(SitePool& pool, boost::json::array& issues, bool spare_first);

// Which of `ids` a search on the site finds, asked 500 at a time side by side on the
// pool's connections. An archived issue is never found, so this tells archived issues
// from live ones (or, with GET /issue, from issues that are gone).
StatusOr<std::set<int64_t>> FindSearchable(SitePool& pool, const std::vector<int64_t>& ids);

// One issue by id with every field and its whole change log; nullopt when the site says
// it does not exist (404).
StatusOr<std::optional<boost::json::object>> FetchIssue(SiteClient& site, int64_t id);

}  // namespace jql::client

#endif  // JQL_SRC_CLIENT_ISSUE_FETCH_H_
