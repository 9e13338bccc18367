// The Jira-compatible REST API of the archive server: archive by JQL (async tasks),
// task status and cancel, archive/unarchive by ids or keys, export of archived
// issues, JQL parse, search and approximate count, and an archive preview. Paths
// under /rest/api/3 and /rest/api/2; bodies, status codes and error bodies as Jira
// Cloud's (docs/server.md lists them and the choices made where Jira is silent).
//
// Every request is authenticated first; nothing is served to an anonymous caller.
// Thread-safe: Handle is called from the HTTP server's threads.
#ifndef JQL_SRC_SERVER_JIRA_API_H_
#define JQL_SRC_SERVER_JIRA_API_H_

#include <atomic>
#include <chrono>
#include <set>
#include <string>

#include "archive/durable_archive.h"
#include "archive/task_manager.h"
#include "server/auth.h"
#include "server/http_server.h"
#include "server/page_token.h"
#include "server/query_cache.h"
#include "server/server_metrics.h"
#include "server/user_concurrency.h"

namespace jql::server {

enum class Edition { kFree, kStandard, kPremium, kEnterprise };
std::optional<Edition> ParseEdition(std::string_view text);

struct ApiOptions {
  std::string base_url;  // e.g. http://127.0.0.1:8080, for self and task URLs
  Edition edition = Edition::kPremium;
  // How long one search, count or preview may evaluate before it is stopped (503).
  std::chrono::milliseconds query_timeout{30000};
  // Heavy requests (search, count, preview, parse, archive by JQL) one user may have
  // running at once; more are answered 429 with Retry-After.
  size_t per_user_concurrency = 2;
  // Test switches, off by default (`jql serve --test-faults N --test-latency-ms M`):
  // every Nth authenticated API request is answered 429 (Retry-After: 0) or 503 in
  // turn, and each API request waits M ms first, so that clients' retry and resume
  // paths (jql import) can be tested against this server.
  size_t fault_every = 0;
  std::chrono::milliseconds latency{0};
};

class JiraApi {
 public:
  JiraApi(archive::DurableArchive& archive, archive::TaskManager& tasks, const UserDirectory& users,
          ApiOptions options);
  ~JiraApi();

  // Answers one request, and counts it and its time for GET /metrics.
  HttpResponse Handle(const HttpRequest& request, RequestLog& log);

  // Stops every search, count and preview running now or later at its next block of
  // rows (they answer 503): a server shutting down must not wait for them.
  void CancelQueries() { cancelled_ = true; }

  // Whether the server is ready for traffic (GET /readyz): false while the indexes
  // are being built at start. Requests are answered either way.
  void set_ready(bool ready) { ready_ = ready; }

  // The per-user admission of heavy requests (tests and operators look at it).
  UserConcurrency& user_concurrency() { return concurrency_; }

  const QueryCache& query_cache() const { return cache_; }

 private:
  HttpResponse Route(const HttpRequest& request, RequestLog& log);
  HttpResponse Metrics();
  struct Call;
  HttpResponse ArchiveByJql(Call& call);
  HttpResponse ArchiveByKeys(Call& call, bool archive);
  HttpResponse Preview(Call& call);
  HttpResponse GetTask(Call& call, const std::string& id);
  HttpResponse ListTasks(Call& call);
  HttpResponse CancelTask(Call& call, const std::string& id);
  HttpResponse Export(Call& call);
  HttpResponse ExportFile(Call& call, const std::string& id);
  HttpResponse ParseJql(Call& call);
  HttpResponse MatchJql(Call& call);
  HttpResponse Search(Call& call);
  HttpResponse LegacySearch(Call& call);
  // Reads a search's jql, fields, paging and limits; a response when they are bad.
  struct SearchArgs;
  std::optional<HttpResponse> ReadSearchArgs(Call& call, bool legacy, SearchArgs* args);
  static size_t PageNumber(const Call& call, const char* name, size_t fallback, size_t most);
  HttpResponse GetIssue(Call& call, const std::string& id_or_key);
  HttpResponse IssueChangelog(Call& call, const std::string& id_or_key);
  // One issue with the fields asked for, and its change log when expanded.
  boost::json::object IssueJson(uint32_t row, const std::vector<std::string>& wanted,
                                const std::set<std::string>& expand, const Call& call) const;
  void AddArchiveFields(uint32_t row, const std::vector<std::string>& wanted,
                        const std::string& api, boost::json::object& fields) const;
  // The issues of a page; `names` and `schema` (when expanded) go into *answer.
  boost::json::array IssuesJson(const std::vector<uint32_t>& rows,
                                const std::vector<std::string>& wanted,
                                const std::set<std::string>& expand, const Call& call,
                                boost::json::object* answer) const;
  // 400 for JQL without a search restriction, as Jira Cloud's enhanced search answers.
  HttpResponse Unbounded() const;
  HttpResponse Count(Call& call);
  // The site's metadata (serverInfo, myself, projects, statuses, priorities, issue
  // types, resolutions); nothing when the path is not one of them.
  std::optional<HttpResponse> Metadata(Call& call, boost::beast::http::verb method);
  // 403 unless the caller is an admin and the edition can archive.
  std::optional<HttpResponse> RequireArchiveRights(Call& call, std::string_view not_admin_message);
  // Why this caller may not archive (Jira's 403 text), or nothing when they may.
  std::optional<std::string_view> ArchiveRefusal(const Call& call,
                                                 std::string_view not_admin_message) const;
  std::shared_ptr<const CompileResult> Compile(Call& call, std::string_view jql);
  // Reads a {"jql"} body and compiles it; a response when either fails (400, 415).
  std::optional<HttpResponse> CompileBodyJql(Call& call, std::string* jql,
                                             std::shared_ptr<const CompileResult>* compiled);

  archive::DurableArchive& archive_;
  archive::TaskManager& tasks_;
  const UserDirectory& users_;
  ApiOptions options_;
  QueryCache cache_;
  PageTokens page_tokens_;
  UserConcurrency concurrency_;
  ServerMetrics metrics_;
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> ready_{true};
  std::atomic<size_t> api_requests_{0};  // for fault_every
  // The budget of one evaluation: the query timeout, or a shutdown.
  QueryBudget Budget() const;
  // 503 for a shared backend (jql serve --backend) that failed to answer.
  HttpResponse BackendFailed(const Status& status) const;
  // The answer to an evaluation the budget stopped.
  HttpResponse Stopped() const;
};

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_JIRA_API_H_
