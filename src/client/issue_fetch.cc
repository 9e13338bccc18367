#include "client/issue_fetch.h"

#include <boost/json.hpp>
#include <mutex>

namespace jql::client {

namespace json = boost::json;

StatusOr<SearchPage> FetchSearchPage(SiteClient& site, const std::string& jql, size_t page_size,
                                     const std::optional<std::string>& page_token, bool ids_only) {
  json::object request{{"jql", jql}, {"maxResults", page_size}};
  if (ids_only) {
    request["fields"] = json::array{"id"};
  } else {
    request["fields"] = json::array{"*all"};
    request["expand"] = "changelog";
  }
  if (page_token) request["nextPageToken"] = *page_token;
  auto answer = site.Post("/rest/api/3/search/jql", request);
  if (!answer.ok()) return answer.status();
  SearchPage page;
  json::object* body = answer->if_object();
  json::value* issues = body != nullptr ? body->if_contains("issues") : nullptr;
  if (issues == nullptr || !issues->is_array())
    return Status(StatusCode::kInternal, "POST /rest/api/3/search/jql: the answer has no issues");
  page.issues = std::move(issues->as_array());
  for (json::value& issue : page.issues) {
    if (!issue.is_object())
      return Status(StatusCode::kInternal,
                    "POST /rest/api/3/search/jql: an issue is not an object");
  }
  if (const json::value* next = body->if_contains("nextPageToken"); next && next->is_string())
    page.next_page_token = std::string(next->as_string());
  return page;
}

namespace {

bool NeedsMore(const json::object& issue) {
  const json::value* log = issue.if_contains("changelog");
  if (log == nullptr || !log->is_object()) return false;
  const json::value* histories = log->as_object().if_contains("histories");
  const json::value* total = log->as_object().if_contains("total");
  return histories != nullptr && histories->is_array() && total != nullptr && total->is_number() &&
         total->to_number<int64_t>() > static_cast<int64_t>(histories->as_array().size());
}

Status CompleteChangelog(SiteClient& site, json::object& issue) {
  json::value* log = issue.if_contains("changelog");
  if (log == nullptr || !log->is_object()) return Status();
  json::object& changelog = log->as_object();
  if (!changelog["histories"].is_array()) changelog["histories"] = json::array();
  json::array& histories = changelog["histories"].as_array();
  const int64_t total = changelog.contains("total") && changelog["total"].is_number()
                            ? changelog["total"].to_number<int64_t>()
                            : 0;
  while (static_cast<int64_t>(histories.size()) < total) {
    auto page = site.Get("/rest/api/3/issue/" + std::to_string(IssueId(issue)) +
                         "/changelog?maxResults=100&startAt=" + std::to_string(histories.size()));
    if (!page.ok()) return page.status();
    json::value* values = page->is_object() ? page->as_object().if_contains("values") : nullptr;
    if (values == nullptr || !values->is_array() || values->as_array().empty()) break;
    for (json::value& h : values->as_array()) histories.push_back(std::move(h));
  }
  // The mirror holds the whole log as one page of it.
  changelog["startAt"] = 0;
  changelog["maxResults"] = histories.size();
  changelog["total"] = histories.size();
  return Status();
}

}  // namespace

Status CompleteChangelogs(SitePool& pool, json::array& issues, bool spare_first) {
  std::vector<json::object*> short_logs;
  for (json::value& issue : issues)
    if (issue.is_object() && NeedsMore(issue.as_object())) short_logs.push_back(&issue.as_object());
  return pool.ForEach(
      short_logs.size(),
      [&](SiteClient& site, size_t i) { return CompleteChangelog(site, *short_logs[i]); },
      spare_first);
}

StatusOr<std::set<int64_t>> FindSearchable(SitePool& pool, const std::vector<int64_t>& ids) {
  std::vector<std::string> jqls;
  for (size_t at = 0; at < ids.size(); at += 500) {
    std::string list;
    for (size_t i = at; i < std::min(ids.size(), at + 500); ++i)
      list += (list.empty() ? "" : ", ") + std::to_string(ids[i]);
    jqls.push_back("id in (" + list + ")");
  }
  std::set<int64_t> found;
  std::mutex mutex;
  Status s = pool.ForEach(jqls.size(), [&](SiteClient& site, size_t i) {
    std::optional<std::string> token;
    do {
      auto page = FetchSearchPage(site, jqls[i], 5000, token, /*ids_only=*/true);
      if (!page.ok()) return page.status();
      std::lock_guard lock(mutex);
      for (const json::value& issue : page->issues) found.insert(IssueId(issue.as_object()));
      token = page->next_page_token;
    } while (token);
    return Status();
  });
  if (!s.ok()) return s;
  return found;
}

StatusOr<std::optional<json::object>> FetchIssue(SiteClient& site, int64_t id) {
  auto answer = site.Send(
      SiteMethod::kGet, "/rest/api/3/issue/" + std::to_string(id) + "?fields=*all&expand=changelog",
      nullptr);
  if (!answer.ok()) return answer.status();
  if (answer->status == 404) return std::optional<json::object>();
  if (answer->status >= 300 || !answer->body.is_object())
    return Status(StatusCode::kInternal, "GET /rest/api/3/issue/" + std::to_string(id) +
                                             " answered " + std::to_string(answer->status));
  json::object issue = std::move(answer->body.as_object());
  if (Status s = CompleteChangelog(site, issue); !s.ok()) return s;
  return std::optional<json::object>(std::move(issue));
}

}  // namespace jql::client
