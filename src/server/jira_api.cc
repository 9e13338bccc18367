#include "server/jira_api.h"

#include <boost/json.hpp>
#include <boost/url.hpp>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "archive/archive_by_keys.h"
#include "archive/archive_preview.h"
#include "common/number_format.h"
#include "common/utf8.h"
#include "jql/entity_json.h"
#include "jql/fields.h"
#include "jql/issue_json.h"
#include "jql/parser.h"
#include "server/autocomplete.h"
#include "server/catalog_json.h"
#include "server/console_files.h"
#include "server/field_list.h"
#include "server/jql_structure.h"
#include "server/page_token.h"
#include "server/rendered_fields.h"
#include "store/jira_time.h"

namespace jql::server {
namespace {

namespace json = boost::json;
namespace http = boost::beast::http;
using archive::Task;
using archive::TaskStatus;
using internal::WithCommas;

constexpr std::string_view kNotLoggedIn = "User is not logged in.";
constexpr std::string_view kNotAdminArchive =
    "Only admins can archive or unarchive issues. Access denied.";
constexpr std::string_view kNotPremium =
    "Archiving issues is only available for premium editions of Jira.";
constexpr size_t kKeyLimit = 1000;
constexpr size_t kExportLimit = 1000000;
// Changes in one page of an issue's change log (embedded or GET .../changelog), as Jira.
constexpr size_t kChangelogPage = 100;

HttpResponse JsonResponse(http::status status, const json::value& body) {
  HttpResponse res(status, 11);
  res.set(http::field::content_type, "application/json;charset=UTF-8");
  res.body() = json::serialize(body);
  res.prepare_payload();
  return res;
}

HttpResponse Error(http::status status, std::string_view message) {
  HttpResponse res(status, 11);
  res.set(http::field::content_type, "application/json;charset=UTF-8");
  res.body() = ErrorCollectionJson(message);
  res.prepare_payload();
  return res;
}

HttpResponse Errors(http::status status, const std::vector<std::string>& messages) {
  json::array list;
  for (const std::string& m : messages) list.push_back(json::value(m));
  return JsonResponse(status,
                      json::object{{"errorMessages", std::move(list)}, {"errors", json::object{}}});
}

// The task-cancel and export errors are bare string arrays in Jira's schema.
HttpResponse ArrayError(http::status status, std::string_view message) {
  return JsonResponse(status, json::array{json::string(message)});
}

bool IsJsonContentType(std::string_view type) {
  const size_t semicolon = type.find(';');
  std::string base(type.substr(0, semicolon));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  for (char& c : base) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return base == "application/json";
}

// A day as the export filters give it, YYYY-MM-DD: the store's Jira date reader,
// held to the date alone.
std::optional<int64_t> ParseDay(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return internal::ParseJiraTime(text);
}

// Jira's rule for a task's endpoints: an admin, or the user who submitted it.
bool MayManage(const ApiUser& user, const Task& task) {
  return user.is_admin() || task.submitter == user.account_id;
}

}  // namespace

std::optional<Edition> ParseEdition(std::string_view text) {
  if (text == "free") return Edition::kFree;
  if (text == "standard") return Edition::kStandard;
  if (text == "premium") return Edition::kPremium;
  if (text == "enterprise") return Edition::kEnterprise;
  return std::nullopt;
}

// One request on its way through: who asks, the path after /rest/api/N/, the query
// parameters, and the body once parsed.
struct JiraApi::Call {
  const HttpRequest& request;
  ApiUser user;
  std::vector<std::string> path;
  std::vector<std::pair<std::string, std::string>> params;
  json::object body;
  RequestLog& log;  // what goes back to the HTTP server besides the response
  std::string api;  // the base of self links: ".../rest/api/3", or /2 as called

  std::optional<std::string> Param(std::string_view name) const {
    for (const auto& [k, v] : params)
      if (k == name) return v;
    return std::nullopt;
  }
  std::vector<std::string> Params(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : params)
      if (k == name) out.push_back(v);
    return out;
  }

  // Reads a JSON object body; only `allowed` properties unless any_property.
  std::optional<HttpResponse> ReadBody(std::initializer_list<std::string_view> allowed,
                                       bool any_property = false) {
    if (!IsJsonContentType(request[http::field::content_type]))
      return Error(http::status::unsupported_media_type,
                   "The request body must be JSON: send it with Content-Type: application/json.");
    json::parse_options options;
    options.max_depth = 64;
    boost::system::error_code ec;
    json::value value = json::parse(request.body(), ec, {}, options);
    if (ec)
      return Error(http::status::bad_request,
                   "The request body is not valid JSON: " + ec.message() + ".");
    if (!value.is_object())
      return Error(http::status::bad_request, "The request body must be a JSON object.");
    body = std::move(value.as_object());
    if (!any_property) {
      for (const auto& [key, v] : body) {
        if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end())
          return Error(http::status::bad_request,
                       "Unrecognized field \"" + std::string(key) +
                           "\": it is not one of this request's properties.");
      }
    }
    return std::nullopt;
  }

  // The "jql" string of the body, required and not blank.
  std::optional<HttpResponse> RequireJql(std::string* jql) const {
    const json::value* v = body.if_contains("jql");
    if (v == nullptr || v->is_null())
      return Error(http::status::bad_request, "The JQL query is required.");
    if (!v->is_string()) return Error(http::status::bad_request, "The JQL query must be a string.");
    *jql = std::string(v->as_string());
    if (jql->find_first_not_of(" \t\r\n") == std::string::npos)
      return Error(http::status::bad_request, "The JQL query is required.");
    return std::nullopt;
  }
};

JiraApi::JiraApi(archive::DurableArchive& archive, archive::TaskManager& tasks,
                 const UserDirectory& users, ApiOptions options)
    : archive_(archive),
      tasks_(tasks),
      users_(users),
      options_(std::move(options)),
      cache_(archive.engine()),
      concurrency_(std::max<size_t>(1, options_.per_user_concurrency)) {
  archive_.set_append_observer([this](double seconds) { metrics_.ObserveJournalAppend(seconds); });
}

JiraApi::~JiraApi() { archive_.set_append_observer(nullptr); }

HttpResponse JiraApi::Handle(const HttpRequest& request, RequestLog& log) {
  const auto start = std::chrono::steady_clock::now();
  HttpResponse response = Route(request, log);
  metrics_.ObserveRequest(
      request.method_string(), request.target(), static_cast<int>(response.result_int()),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return response;
}

HttpResponse JiraApi::Metrics() {
  MetricsSnapshot snapshot;
  snapshot.queries_running = concurrency_.running();
  for (const auto& [state, n] : tasks_.CountByState()) {
    snapshot.tasks[{state.first == archive::TaskKind::kArchive ? "archive" : "export",
                    std::string(archive::TaskStatusName(state.second))}] = n;
  }
  snapshot.issues = archive_.store().rows();
  snapshot.issues_archived = archive_.store().ArchivedCount();
  snapshot.query_cache_entries = cache_.entries();
  snapshot.query_cache_bytes = cache_.bytes();
  snapshot.query_cache_hits = cache_.hits();
  snapshot.query_cache_misses = cache_.misses();
  snapshot.ready = ready_;
  HttpResponse res(http::status::ok, 11);
  res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  res.body() = metrics_.Render(snapshot);
  res.prepare_payload();
  return res;
}

QueryBudget JiraApi::Budget() const {
  QueryBudget budget;
  budget.deadline = std::chrono::steady_clock::now() + options_.query_timeout;
  budget.cancelled = &cancelled_;
  return budget;
}

HttpResponse JiraApi::BackendFailed(const Status& status) const {
  HttpResponse res = Error(http::status::service_unavailable,
                           "The shared query backend did not answer: " + status.message());
  res.set(http::field::retry_after, "10");
  return res;
}

HttpResponse JiraApi::Stopped() const {
  HttpResponse res =
      Error(http::status::service_unavailable,
            cancelled_ ? std::string("The server is shutting down; the query was stopped.")
                       : "The query ran longer than the limit of " +
                             std::to_string(options_.query_timeout.count() / 1000.0).substr(0, 4) +
                             " seconds and was stopped. Narrow it down and try again.");
  res.set(http::field::retry_after, "10");
  return res;
}

HttpResponse JiraApi::Route(const HttpRequest& request, RequestLog& log) {
  auto target = boost::urls::parse_origin_form(request.target());
  if (!target)
    return Error(http::status::bad_request, "The request target is not a valid URL path.");
  std::vector<std::string> segments;
  for (auto s : target->segments()) segments.push_back(std::string(s));
  // Which route is it, and which error style does it use? Decided before auth so
  // that even a 401 comes in the route's shape.
  const bool api = segments.size() >= 4 && segments[0] == "rest" && segments[1] == "api" &&
                   (segments[2] == "2" || segments[2] == "3");
  std::vector<std::string> path;
  if (api) path.assign(segments.begin() + 3, segments.end());
  const bool cancel_route = path.size() == 3 && path[0] == "task" && path[2] == "cancel";
  // Probes for load balancers and orchestrators: no credentials, no data.
  if (segments.size() == 1 && segments[0] == "healthz")
    return JsonResponse(http::status::ok, json::object{{"status", "ok"}});
  // Metrics for Prometheus: counts and times, no issue data, so no credentials.
  if (segments.size() == 1 && segments[0] == "metrics") return Metrics();
  if (segments.size() == 1 && segments[0] == "readyz") {
    if (auto why = archive_.WhyJournalNotWritable()) {
      return JsonResponse(http::status::service_unavailable,
                          json::object{{"ready", false}, {"reason", *why}});
    }
    if (ready_) return JsonResponse(http::status::ok, json::object{{"ready", true}});
    HttpResponse res = JsonResponse(
        http::status::service_unavailable,
        json::object{{"ready", false},
                     {"reason", "The text indexes and history layouts are being built."}});
    res.set(http::field::retry_after, "5");
    return res;
  }

  // The archive console: its page and files need no credentials (it asks for them).
  if (!api && (request.method() == http::verb::get || request.method() == http::verb::head)) {
    if (auto file = ConsoleFile(segments, request[http::field::if_none_match], request.version(),
                                request.method() == http::verb::head))
      return *file;
  }

  // The avatar every user and project links to: one plain picture, the same for all,
  // so that it needs no credentials (an <img> sends none) and tells nothing.
  if (segments == std::vector<std::string>{"secure", "avatar"}) {
    HttpResponse res(http::status::ok, 11);
    res.set(http::field::content_type, "image/svg+xml");
    res.set(http::field::cache_control, "public, max-age=86400");
    res.set("X-Content-Type-Options", "nosniff");
    res.body() =
        R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">)"
        R"(<circle cx="24" cy="24" r="24" fill="#dfe1e6"/><circle cx="24" cy="19" r="8" )"
        R"(fill="#6b778c"/><path d="M9 40c3-8 9-11 15-11s12 3 15 11" fill="#6b778c"/></svg>)";
    res.prepare_payload();
    return res;
  }

  const std::optional<ApiUser> user = users_.Authenticate(request[http::field::authorization]);
  if (!user) {
    HttpResponse res = cancel_route ? ArrayError(http::status::unauthorized, kNotLoggedIn)
                                    : Error(http::status::unauthorized, kNotLoggedIn);
    // A script (the console's fetch) that says so gets no challenge: a browser would
    // answer one with its own login dialog over the page's sign-in form.
    if (request["X-Requested-With"] != "XMLHttpRequest")
      res.set(http::field::www_authenticate, "Basic realm=\"jql archive server\"");
    return res;
  }
  log.user = user->email;
  // Another server on the same backend may have archived or unarchived issues since:
  // this request sees them (what it shows, what it may archive).
  if (api && archive_.has_shared()) {
    if (Status s = archive_.Refresh(); !s.ok()) return BackendFailed(s);
  }
  if (api && options_.latency.count() > 0) std::this_thread::sleep_for(options_.latency);
  if (api && options_.fault_every > 0 && ++api_requests_ % options_.fault_every == 0) {
    // A test switch: the faults a real site gives under load, in turn.
    if ((api_requests_ / options_.fault_every) % 2 == 1) {
      HttpResponse res =
          Error(http::status::too_many_requests, "Rate limit exceeded (test fault).");
      res.set(http::field::retry_after, "0");
      return res;
    }
    return Error(http::status::service_unavailable, "Service unavailable (test fault).");
  }
  // Links follow the version called; a path outside the API (answered 404) has none.
  Call call{request,
            *user,
            path,
            {},
            {},
            log,
            options_.base_url + "/rest/api/" + (api ? segments[2] : std::string("3"))};
  for (auto p : target->params())
    call.params.emplace_back(std::string(p.key), std::string(p.value));
  // Decoded path segments and parameters reach messages and queries; they must be text.
  bool text = true;
  for (const std::string& segment : path) text = text && !internal::FindInvalidUtf8(segment);
  for (const auto& [key, value] : call.params)
    text = text && !internal::FindInvalidUtf8(key) && !internal::FindInvalidUtf8(value);
  if (!text)
    return Error(http::status::bad_request, "The request URL does not decode to valid UTF-8.");

  const http::verb method = request.method();
  auto is = [&](std::initializer_list<std::string_view> parts) {
    if (path.size() != parts.size()) return false;
    size_t i = 0;
    for (std::string_view part : parts) {
      if (part != "*" && path[i] != part) return false;
      ++i;
    }
    return true;
  };
  auto allow = [&](std::initializer_list<http::verb> verbs, auto run) -> HttpResponse {
    if (std::find(verbs.begin(), verbs.end(), method) == verbs.end()) {
      HttpResponse res =
          Error(http::status::method_not_allowed,
                "Method " + std::string(request.method_string()) + " is not allowed here.");
      std::string allowed;
      for (http::verb v : verbs)
        allowed += (allowed.empty() ? "" : ", ") + std::string(http::to_string(v));
      res.set(http::field::allow, allowed);
      return res;
    }
    return run();
  };
  // Heavy work is admitted per user; the rest (tasks, keys, exports) is cheap.
  const bool heavy = is({"search", "jql"}) || is({"search"}) || is({"jql", "match"}) ||
                     is({"search", "approximate-count"}) || is({"issue", "archive", "preview"}) ||
                     is({"jql", "parse"}) ||
                     (is({"issue", "archive"}) && method == http::verb::post);
  const std::optional<UserConcurrency::Slot> slot =
      heavy ? concurrency_.TryEnter(user->account_id) : std::nullopt;
  if (heavy) {
    if (!slot) {
      HttpResponse res =
          Error(http::status::too_many_requests,
                "Rate limit exceeded: " + std::to_string(options_.per_user_concurrency) +
                    " searches of yours are running already. Retry when one has finished.");
      res.set(http::field::retry_after, "1");
      return res;
    }
  }
  if (is({"issue", "archive"}))
    return allow({http::verb::post, http::verb::put}, [&] {
      return method == http::verb::post ? ArchiveByJql(call) : ArchiveByKeys(call, true);
    });
  if (is({"issue", "unarchive"}))
    return allow({http::verb::put}, [&] { return ArchiveByKeys(call, false); });
  if (is({"issue", "archive", "preview"}))
    return allow({http::verb::post}, [&] { return Preview(call); });
  if (is({"task", "*"})) return allow({http::verb::get}, [&] { return GetTask(call, path[1]); });
  // Our addition (Jira lists no tasks): the caller's tasks, or every task for an admin.
  if (is({"task"})) return allow({http::verb::get}, [&] { return ListTasks(call); });
  if (cancel_route) return allow({http::verb::post}, [&] { return CancelTask(call, path[1]); });
  if (is({"issues", "archive", "export"}))
    return allow({http::verb::put}, [&] { return Export(call); });
  if (is({"issues", "archive", "export", "*", "file"}))
    return allow({http::verb::get}, [&] { return ExportFile(call, path[3]); });
  if (is({"jql", "parse"})) return allow({http::verb::post}, [&] { return ParseJql(call); });
  if (is({"jql", "match"})) return allow({http::verb::post}, [&] { return MatchJql(call); });
  if (is({"search", "jql"}))
    return allow({http::verb::get, http::verb::post}, [&] { return Search(call); });
  if (is({"search", "approximate-count"}))
    return allow({http::verb::post}, [&] { return Count(call); });
  if (is({"search"}))
    return allow({http::verb::get, http::verb::post}, [&] { return LegacySearch(call); });
  if (std::optional<HttpResponse> metadata = Metadata(call, method)) return *metadata;
  if (path.size() == 2 && path[0] == "issue" && path[1] != "archive" && path[1] != "unarchive")
    return allow({http::verb::get}, [&] { return GetIssue(call, path[1]); });
  if (is({"issue", "*", "changelog"}))
    return allow({http::verb::get}, [&] { return IssueChangelog(call, path[1]); });
  if (is({"jql", "autocompletedata"})) {
    return allow({http::verb::get}, [&] {
      return JsonResponse(http::status::ok, AutocompleteDataJson(archive_.store().catalog()));
    });
  }
  if (is({"jql", "autocompletedata", "suggestions"})) {
    return allow({http::verb::get}, [&] {
      SuggestionRequest request;
      request.field_name = call.Param("fieldName").value_or("");
      request.field_value = call.Param("fieldValue").value_or("");
      request.predicate_name = call.Param("predicateName").value_or("");
      request.predicate_value = call.Param("predicateValue").value_or("");
      return JsonResponse(http::status::ok,
                          AutocompleteSuggestionsJson(archive_.store().catalog(), request));
    });
  }
  if (is({"field"})) {
    return allow({http::verb::get}, [&] {
      return JsonResponse(http::status::ok, FieldListJson(archive_.store().catalog()));
    });
  }
  return Error(http::status::not_found, "No resource at " + std::string(target->path()) + ".");
}

std::optional<std::string_view> JiraApi::ArchiveRefusal(const Call& call,
                                                        std::string_view not_admin_message) const {
  if (!call.user.is_admin()) return not_admin_message;
  if (options_.edition != Edition::kPremium && options_.edition != Edition::kEnterprise)
    return kNotPremium;
  return std::nullopt;
}

std::optional<HttpResponse> JiraApi::RequireArchiveRights(Call& call,
                                                          std::string_view not_admin_message) {
  if (auto refusal = ArchiveRefusal(call, not_admin_message))
    return Error(http::status::forbidden, *refusal);
  return std::nullopt;
}

std::shared_ptr<const CompileResult> JiraApi::Compile(Call& call, std::string_view jql) {
  return cache_.Compile(jql, call.user.account_id, archive::NowMs());
}

namespace {

// A whole decimal integer that fits: "12" yes; "", "1x", "+1", "99999999999999999999" no.
bool ParseWhole(std::string_view text, int64_t* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

std::vector<std::string> Messages(const std::vector<Diagnostic>& errors) {
  std::vector<std::string> out;
  for (const Diagnostic& d : errors) out.push_back(d.message);
  return out;
}

}  // namespace

std::optional<HttpResponse> JiraApi::CompileBodyJql(
    Call& call, std::string* jql, std::shared_ptr<const CompileResult>* compiled) {
  if (auto bad = call.ReadBody({"jql"})) return bad;
  if (auto bad = call.RequireJql(jql)) return bad;
  *compiled = Compile(call, *jql);
  if (!(*compiled)->ok()) return Errors(http::status::bad_request, Messages((*compiled)->errors));
  return std::nullopt;
}

HttpResponse JiraApi::ArchiveByJql(Call& call) {
  if (auto denied = RequireArchiveRights(call, kNotAdminArchive)) return *denied;
  std::string jql;
  std::shared_ptr<const CompileResult> compiled;
  if (auto bad = CompileBodyJql(call, &jql, &compiled)) return *bad;
  std::string active;
  const std::optional<Task> task =
      tasks_.StartArchive(compiled->query, jql, call.user.account_id, call.user.id, &active);
  if (!task) {
    if (active.empty())
      return Error(http::status::service_unavailable, "The server is shutting down.");
    return Error(http::status::precondition_failed,
                 "An issue archival task is already running with ID " + active +
                     ". To start a new one, cancel the task or wait for it to finish.");
  }
  const std::string url = call.api + "/task/" + task->id;  // of the API version called
  HttpResponse res = JsonResponse(http::status::accepted, json::string(url));
  res.set(http::field::location, url);
  return res;
}

HttpResponse JiraApi::ArchiveByKeys(Call& call, bool archive_them) {
  if (auto denied = RequireArchiveRights(call, kNotAdminArchive)) return *denied;
  if (auto bad = call.ReadBody({"issueIdsOrKeys"})) return *bad;
  const json::value* list = call.body.if_contains("issueIdsOrKeys");
  if (list == nullptr || !list->is_array())
    return Error(http::status::bad_request, "issueIdsOrKeys must be a list of issue ids or keys.");
  std::vector<std::string> items;
  for (const json::value& v : list->as_array()) {
    if (v.is_string())
      items.emplace_back(v.as_string());
    else if (v.is_int64())
      items.push_back(std::to_string(v.as_int64()));
    else
      return Error(http::status::bad_request,
                   "issueIdsOrKeys must be a list of issue ids or keys.");
  }
  // Over the limit nothing is done (Jira's text reads as if the first 1000 were
  // done first; refusing the whole request keeps a retry in smaller pieces exact).
  if (items.size() > kKeyLimit)
    return Error(http::status::precondition_failed,
                 "The number of issues to archive or unarchive exceeds the hard limit of 1000. "
                 "Precondition failed.");
  archive::KeyedArchiveResult result =
      archive::ArchiveByKeys(archive_, items, archive_them, call.user.account_id, archive::NowMs());
  if (!result.status.ok())
    return Error(http::status::internal_server_error,
                 "Nothing was changed: the archive journal could not be written (" +
                     result.status.message() + ").");
  if (result.updated == 0)
    return Error(http::status::bad_request, "No valid issue to archive or unarchive. Bad request.");
  json::object errors;
  for (const auto& [group, ids] : result.errors) {
    json::array list_json;
    for (const std::string& id : ids) list_json.push_back(json::value(id));
    errors[group] = json::object{{"count", ids.size()},
                                 {"issueIdsOrKeys", std::move(list_json)},
                                 {"message", archive::KeyedErrorMessage(group)}};
  }
  return JsonResponse(http::status::ok, json::object{{"errors", std::move(errors)},
                                                     {"numberOfIssuesUpdated", result.updated}});
}

HttpResponse JiraApi::Preview(Call& call) {
  // A dry run changes nothing, so every user may make one (the console shows it to
  // all); it says whether this caller could archive, and if not, Jira's reason.
  const std::optional<std::string_view> refusal = ArchiveRefusal(call, kNotAdminArchive);
  std::string jql;
  std::shared_ptr<const CompileResult> compiled;
  if (auto bad = CompileBodyJql(call, &jql, &compiled)) return *bad;
  const StatusOr<ArchiveSelection> s = archive_.SelectForArchive(*compiled->query, Budget());
  if (!s.ok()) return BackendFailed(s.status());
  if (s->stopped) return Stopped();
  json::object answer = archive::ArchivePreviewJson(archive_.store(), *s, jql);
  answer["canArchive"] = !refusal.has_value();
  if (refusal) answer["archiveDenied"] = *refusal;
  return JsonResponse(http::status::ok, answer);
}

namespace {

// `api` is the base of the version called, ".../rest/api/2" or ".../rest/api/3".
json::object TaskJson(const Task& t, const std::string& api) {
  json::object o{
      {"self", api + "/task/" + t.id},
      {"id", t.id},
      {"description", t.description},
      {"status", archive::TaskStatusName(t.status)},
      {"submittedBy", t.submitted_by},
      {"progress", t.progress},
      {"elapsedRuntime",
       t.started == 0 ? 0 : (t.finished != 0 ? t.finished : archive::NowMs()) - t.started},
      {"submitted", t.submitted},
      {"lastUpdate", t.last_update}};
  if (!t.message.empty()) o["message"] = t.message;
  if (!t.result.is_null()) o["result"] = t.result;
  if (t.started != 0) o["started"] = t.started;
  if (t.finished != 0) o["finished"] = t.finished;
  return o;
}

}  // namespace

HttpResponse JiraApi::GetTask(Call& call, const std::string& id) {
  const std::optional<Task> task = tasks_.Get(id);
  if (!task) return Error(http::status::not_found, "The task with ID " + id + " was not found.");
  if (!MayManage(call.user, *task))
    return Error(http::status::forbidden,
                 "You can see only the tasks you submitted, unless you are an admin.");
  return JsonResponse(http::status::ok, TaskJson(*task, call.api));
}

HttpResponse JiraApi::ListTasks(Call& call) {
  json::array out;
  for (const Task& t : tasks_.List()) {
    if (!MayManage(call.user, t)) continue;
    json::object o = TaskJson(t, call.api);
    o["kind"] = t.kind == archive::TaskKind::kArchive ? "archive" : "export";
    o["submitter"] = t.submitter;
    if (!t.jql.empty()) o["jql"] = t.jql;
    if (!t.payload.empty()) o["payload"] = t.payload;
    out.push_back(std::move(o));
    if (out.size() == 100) break;
  }
  return JsonResponse(http::status::ok, out);
}

HttpResponse JiraApi::CancelTask(Call& call, const std::string& id) {
  const std::optional<Task> task = tasks_.Get(id);
  if (!task)
    return ArrayError(http::status::not_found, "The task with ID " + id + " was not found.");
  if (!MayManage(call.user, *task))
    return ArrayError(http::status::forbidden,
                      "You can cancel only the tasks you submitted, unless you are an admin.");
  switch (tasks_.Cancel(id)) {
    case archive::TaskManager::CancelOutcome::kNotFound:
      return ArrayError(http::status::not_found, "The task with ID " + id + " was not found.");
    case archive::TaskManager::CancelOutcome::kAlreadyFinished:
      return ArrayError(http::status::bad_request,
                        "The task with ID " + id + " has already finished.");
    case archive::TaskManager::CancelOutcome::kRequested:
      break;
  }
  HttpResponse res(http::status::accepted, 11);
  res.set(http::field::content_type, "application/json;charset=UTF-8");
  res.body() = "{}";
  res.prepare_payload();
  return res;
}

HttpResponse JiraApi::Export(Call& call) {
  if (auto denied = RequireArchiveRights(call, "User is not an admin.")) return *denied;
  if (auto bad = call.ReadBody({}, /*any_property=*/true)) return *bad;
  archive::ExportFilters filters;
  std::vector<std::string> problems;
  auto strings = [&](const char* key, std::vector<std::string>& out) {
    const json::value* v = call.body.if_contains(key);
    if (v == nullptr || v->is_null()) return;
    if (!v->is_array()) {
      problems.push_back(std::string(key) + " must be a list");
      return;
    }
    for (const json::value& e : v->as_array()) {
      if (e.is_string())
        out.emplace_back(e.as_string());
      else if (e.is_int64())
        out.push_back(std::to_string(e.as_int64()));
      else
        problems.push_back(std::string(key) + " must hold strings");
    }
  };
  std::vector<std::string> issue_types;
  strings("projects", filters.projects);
  strings("archivedBy", filters.archived_by);
  strings("reporters", filters.reporters);
  strings("issueTypes", issue_types);
  const Catalog& cat = archive_.store().catalog();
  for (const std::string& key : filters.projects) {
    if (!cat.FindProjectByKey(key)) problems.push_back("project " + key + " does not exist");
  }
  for (const std::string& id : issue_types) {
    int64_t n = 0;
    if (!ParseWhole(id, &n) || n < 0)
      problems.push_back("issue type " + id + " is not an id");
    else
      filters.issue_types.push_back(n);
  }
  std::string date_range;  // as the payload echoes it
  for (const char* key : {"archivedDateRange", "archivedDate"}) {
    const json::value* v = call.body.if_contains(key);
    if (v == nullptr || v->is_null()) continue;
    const json::object* range = v->if_object();
    const json::value* after = range ? range->if_contains("dateAfter") : nullptr;
    const json::value* before = range ? range->if_contains("dateBefore") : nullptr;
    std::optional<int64_t> a, b;
    if (after && after->is_string()) a = ParseDay(after->as_string());
    if (before && before->is_string()) b = ParseDay(before->as_string());
    if (!a || !b) {
      problems.push_back(std::string(key) + " needs dateAfter and dateBefore as YYYY-MM-DD");
      continue;
    }
    filters.archived_after = *a;
    filters.archived_before = *b + 86400000;  // dateBefore's whole day
    date_range = ", " + std::string(key) + "={dateAfter=" + std::string(after->as_string()) +
                 ", dateBefore=" + std::string(before->as_string()) + "}";
  }
  if (!problems.empty()) {
    std::string joined;
    for (const std::string& p : problems) joined += (joined.empty() ? "" : "; ") + p;
    return ArrayError(http::status::bad_request,
                      "Your filter contains invalid values: " + joined + ".");
  }
  if (tasks_.CountForExport(filters) > kExportLimit)
    return ArrayError(http::status::bad_request,
                      "Your filter contains invalid values: it matches more than " +
                          WithCommas(kExportLimit) + " archived issues.");
  // Jira echoes the filters as a Java map's toString.
  auto join = [](const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return out + "]";
  };
  std::string payload = "{projects=" + join(filters.projects) +
                        ", reporters=" + join(filters.reporters) +
                        ", issueTypes=" + join(issue_types) +
                        ", archivedBy=" + join(filters.archived_by) + date_range + "}";
  std::string active;
  const std::optional<Task> task =
      tasks_.StartExport(filters, payload, call.user.account_id, call.user.id, &active);
  if (!task) {
    if (active.empty())
      return Error(http::status::service_unavailable, "The server is shutting down.");
    return Error(http::status::precondition_failed,
                 "An export of archived issues is already running with ID " + active +
                     ". Only a single request can be active at any given time.");
  }
  return JsonResponse(http::status::accepted, json::object{{"payload", payload},
                                                           {"progress", 0},
                                                           {"status", "ENQUEUED"},
                                                           {"submittedTime", task->submitted},
                                                           {"taskId", task->id}});
}

HttpResponse JiraApi::ExportFile(Call& call, const std::string& id) {
  const std::optional<Task> task = tasks_.Get(id);
  if (!task || task->kind != archive::TaskKind::kExport)
    return Error(http::status::not_found, "The export with ID " + id + " was not found.");
  if (!MayManage(call.user, *task)) return Error(http::status::forbidden, "User is not an admin.");
  if (task->status != TaskStatus::kComplete || task->file.empty())
    return Error(http::status::not_found, "The export with ID " + id + " has no file (yet).");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(task->file, ec))
    return Error(http::status::not_found, "The export file of task " + id + " is gone.");
  HttpResponse res(http::status::ok, 11);
  res.set(http::field::content_type, "text/csv;charset=UTF-8");
  res.set(http::field::content_disposition,
          "attachment; filename=\"archived-issues-" + id + ".csv\"");
  // Streamed from disk by the HTTP server, never read whole into memory.
  call.log.body_file = task->file;
  return res;
}

HttpResponse JiraApi::ParseJql(Call& call) {
  const std::string validation = call.Param("validation").value_or("strict");
  if (validation != "strict" && validation != "warn" && validation != "none")
    return Error(http::status::bad_request, "validation must be strict, warn or none.");
  if (auto bad = call.ReadBody({"queries"})) return *bad;
  const json::value* queries = call.body.if_contains("queries");
  if (queries == nullptr || !queries->is_array() || queries->as_array().empty())
    return Error(http::status::bad_request, "queries must be a non-empty list of JQL queries.");
  json::array out;
  for (const json::value& q : queries->as_array()) {
    if (!q.is_string()) return Error(http::status::bad_request, "queries must hold strings.");
    const std::string text(q.as_string());
    json::object entry{{"query", text}};
    const ParseResult parsed = Parse(text);
    if (!parsed.ok()) {
      json::array errors;
      for (const Diagnostic& d : parsed.errors) errors.push_back(json::value(d.message));
      entry["errors"] = std::move(errors);
      out.push_back(std::move(entry));
      continue;
    }
    entry["structure"] = QueryStructure(*parsed.query);
    if (validation != "none") {
      const auto compiled = Compile(call, text);
      if (!compiled->ok()) {
        json::array messages;
        for (const Diagnostic& d : compiled->errors) messages.push_back(json::value(d.message));
        entry[validation == "strict" ? "errors" : "warnings"] = std::move(messages);
        // Jira: "If validation fails, the query structure is not returned" (strict).
        if (validation == "strict") entry.erase("structure");
      }
    }
    out.push_back(std::move(entry));
  }
  return JsonResponse(http::status::ok, json::object{{"queries", std::move(out)}});
}

// Which of some issues each query matches (Jira's POST /jql/match): an issue matches
// when the query finds it; archived and unknown issues never do.
HttpResponse JiraApi::MatchJql(Call& call) {
  if (auto bad = call.ReadBody({"issueIds", "jqls"})) return *bad;
  const json::value* ids = call.body.if_contains("issueIds");
  const json::value* jqls = call.body.if_contains("jqls");
  if (ids == nullptr || !ids->is_array() || jqls == nullptr || !jqls->is_array())
    return Error(http::status::bad_request, "issueIds and jqls must be lists.");
  if (ids->as_array().size() > 1000 || jqls->as_array().size() > 1000)
    return Error(http::status::bad_request, "At most 1000 issueIds and 1000 jqls are allowed.");
  std::vector<int64_t> issue_ids;
  for (const json::value& v : ids->as_array()) {
    if (!v.is_int64()) return Error(http::status::bad_request, "issueIds must hold numbers.");
    issue_ids.push_back(v.as_int64());
  }
  const IssueStore& store = archive_.store();
  const QueryBudget budget = Budget();  // one query timeout for the whole request
  json::array matches;
  for (const json::value& q : jqls->as_array()) {
    if (!q.is_string()) return Error(http::status::bad_request, "jqls must hold strings.");
    const auto compiled = Compile(call, std::string(q.as_string()));
    json::array matched, errors;
    if (!compiled->ok()) {
      for (const Diagnostic& d : compiled->errors) errors.emplace_back(d.message);
    } else {
      const StatusOr<QueryResult> result = archive_.Execute(*compiled->query, SIZE_MAX, budget);
      if (!result.ok()) return BackendFailed(result.status());
      if (result->stopped) return Stopped();
      std::vector<uint32_t> rows = result->rows;
      std::sort(rows.begin(), rows.end());
      for (int64_t id : issue_ids) {
        const auto row = store.FindRowById(id);
        if (row && std::binary_search(rows.begin(), rows.end(), static_cast<uint32_t>(*row)))
          matched.emplace_back(id);
      }
    }
    matches.push_back(
        json::object{{"matchedIssues", std::move(matched)}, {"errors", std::move(errors)}});
  }
  return JsonResponse(http::status::ok, json::object{{"matches", std::move(matches)}});
}

namespace {

// "a,b, c" as {"a", "b", "c"}.
std::set<std::string> SplitList(std::string_view text) {
  std::set<std::string> out;
  std::stringstream parts{std::string(text)};
  for (std::string part; std::getline(parts, part, ',');) {
    const size_t first = part.find_first_not_of(' ');
    const size_t last = part.find_last_not_of(' ');
    if (first != std::string::npos) out.insert(part.substr(first, last - first + 1));
  }
  return out;
}

// Whether a field goes into an issue's "fields": named, or in *all, or in *navigable
// (which is also what a list of exclusions alone means), and not excluded.
bool FieldWanted(const std::vector<std::string>& wanted, std::string_view name) {
  bool all = false, navigable = false, named = false, only_exclusions = true;
  for (const std::string& f : wanted) {
    if (f == "-" + std::string(name)) return false;
    if (!f.starts_with("-")) only_exclusions = false;
    all = all || f == "*all";
    navigable = navigable || f == "*navigable";
    named = named || f == name;
  }
  if (named || all) return true;
  if (!navigable && !only_exclusions) return false;
  const FieldDescriptor* system = FindSystemFieldById(name);
  return system == nullptr || system->navigable;  // custom fields are navigable
}

}  // namespace

// One search request, from the query string (GET) or the JSON body (POST).
struct JiraApi::SearchArgs {
  std::string jql;
  std::vector<std::string> wanted;  // the field names asked for, lists split
  std::optional<std::string> token;
  int64_t max_results = 50;
  int64_t start_at = 0;          // the legacy search's offset
  std::set<std::string> expand;  // names, schema, changelog
};

std::optional<HttpResponse> JiraApi::ReadSearchArgs(Call& call, bool legacy, SearchArgs* args) {
  std::vector<std::string> fields;
  if (call.request.method() == http::verb::get) {
    args->jql = call.Param("jql").value_or("");
    for (const std::string& f : call.Params("fields")) fields.push_back(f);
    args->token = call.Param("nextPageToken");
    for (const std::string& e : call.Params("expand")) args->expand.merge(SplitList(e));
    for (const auto& [name, out] :
         {std::pair{"maxResults", &args->max_results}, std::pair{"startAt", &args->start_at}}) {
      if (auto m = call.Param(name); m && !ParseWhole(*m, out))
        return Error(http::status::bad_request, std::string(name) + " must be a number.");
    }
  } else {
    const auto bad = legacy
                         ? call.ReadBody({"jql", "fields", "maxResults", "startAt", "expand",
                                          "properties", "fieldsByKeys", "validateQuery"})
                         : call.ReadBody({"jql", "fields", "maxResults", "nextPageToken", "expand",
                                          "properties", "fieldsByKeys", "reconcileIssues"});
    if (bad) return bad;
    if (const json::value* v = call.body.if_contains("jql"); v && !v->is_null()) {
      if (!v->is_string())
        return Error(http::status::bad_request, "The JQL query must be a string.");
      args->jql = std::string(v->as_string());
    }
    if (const json::value* v = call.body.if_contains("fields"); v && v->is_array()) {
      for (const json::value& f : v->as_array())
        if (f.is_string()) fields.emplace_back(f.as_string());
    }
    if (const json::value* v = call.body.if_contains("nextPageToken"); v && v->is_string())
      args->token = std::string(v->as_string());
    if (const json::value* v = call.body.if_contains("expand")) {
      // A comma list (search/jql) or a list of names (the legacy search).
      if (v->is_string()) args->expand = SplitList(v->as_string());
      if (v->is_array()) {
        for (const json::value& e : v->as_array())
          if (e.is_string()) args->expand.merge(SplitList(e.as_string()));
      }
    }
    for (const auto& [name, out] :
         {std::pair{"maxResults", &args->max_results}, std::pair{"startAt", &args->start_at}}) {
      if (const json::value* v = call.body.if_contains(name); v && !v->is_null()) {
        if (!v->is_int64())
          return Error(http::status::bad_request, std::string(name) + " must be a number.");
        *out = v->as_int64();
      }
    }
  }
  // fields=a,b and fields=a&fields=b both name several fields.
  for (const std::string& f : fields) {
    for (const std::string& part : SplitList(f)) args->wanted.push_back(part);
  }
  return std::nullopt;
}

// An archived issue's archivedby and archiveddate, as Jira Data Center shows them (it
// archives issue by issue; Cloud's API documents no shape): who archived it through
// this server and when, or null for issues the loaded data had archived already.
void JiraApi::AddArchiveFields(uint32_t row, const std::vector<std::string>& wanted,
                               const std::string& api, json::object& fields) const {
  const std::optional<archive::ArchiveMark> mark = archive_.MarkOf(row);
  if (FieldWanted(wanted, "archivedby")) {
    json::value by = nullptr;
    if (mark) {
      User user;
      user.account_id = mark->by;
      user.display_name = mark->by;
      for (const ApiUser& known : users_.users()) {
        if (known.account_id == mark->by) {
          user.display_name = known.display_name.empty() ? known.email : known.display_name;
          user.email = known.email;
        }
      }
      by = UserJson(user, api);
    }
    fields["archivedby"] = std::move(by);
  }
  if (FieldWanted(wanted, "archiveddate"))
    fields["archiveddate"] = mark ? json::value(internal::FormatJiraTime(mark->at)) : nullptr;
}

json::object JiraApi::IssueJson(uint32_t row, const std::vector<std::string>& wanted,
                                const std::set<std::string>& expand, const Call& call) const {
  const IssueStore& store = archive_.store();
  const bool ids_only = std::all_of(wanted.begin(), wanted.end(),
                                    [](const std::string& f) { return f == "id" || f == "key"; });
  const bool changelog = expand.contains("changelog");
  const std::string id = std::to_string(store.columns().id.values.Get(row));
  json::object issue{{"expand", "renderedFields,names,schema,operations,editmeta,changelog"},
                     {"id", id},
                     {"self", call.api + "/issue/" + id},
                     {"key", store.Key(row)}};
  if (!ids_only || changelog) {
    IssueJsonOptions options;
    options.changelog = changelog;
    options.api = call.api;
    options.document_format = call.api.ends_with("/3");  // v2 answers plain text
    std::vector<uint32_t> subtasks;
    if (FieldWanted(wanted, "subtasks")) {
      subtasks = archive_.engine().SubtasksOf(row);
      options.subtasks = subtasks;
    }
    json::object full = IssueToJson(store, row, options);
    if (!ids_only) {
      json::object chosen;
      for (auto& [name, value] : full["fields"].as_object()) {
        if (FieldWanted(wanted, name)) chosen[name] = value;
      }
      if (store.IsArchived(row)) AddArchiveFields(row, wanted, call.api, chosen);
      if (expand.contains("renderedFields"))
        issue["renderedFields"] = RenderedFields(store, row, chosen);
      issue["fields"] = std::move(chosen);
    }
    if (changelog) {
      // As in Jira, an issue carries the first page of its change log (100 changes);
      // GET /issue/{key}/changelog pages through all of them.
      json::array histories = full.contains("changelog")
                                  ? full["changelog"].as_object()["histories"].as_array()
                                  : json::array{};
      const size_t n = histories.size();
      if (n > kChangelogPage) histories.resize(kChangelogPage);
      issue["changelog"] = json::object{{"startAt", 0},
                                        {"maxResults", std::min(n, kChangelogPage)},
                                        {"total", n},
                                        {"histories", std::move(histories)}};
    }
  }
  return issue;
}

json::array JiraApi::IssuesJson(const std::vector<uint32_t>& rows,
                                const std::vector<std::string>& wanted,
                                const std::set<std::string>& expand, const Call& call,
                                json::object* answer) const {
  json::array issues;
  json::object all_fields;  // every field any issue shows, for names and schema
  for (const uint32_t row : rows) {
    json::object issue = IssueJson(row, wanted, expand, call);
    if (const json::value* fields = issue.if_contains("fields")) {
      for (const auto& entry : fields->as_object()) all_fields[entry.key()] = nullptr;
    }
    issues.push_back(std::move(issue));
  }
  const Catalog& catalog = archive_.store().catalog();
  if (expand.contains("names")) (*answer)["names"] = FieldNamesJson(catalog, all_fields);
  if (expand.contains("schema")) (*answer)["schema"] = FieldSchemasJson(catalog, all_fields);
  return issues;
}

namespace {

// The row of an issue named by id or key; an archived issue stays reachable, as in
// Jira (it says it is archived).
std::optional<size_t> IssueRow(const IssueStore& store, const std::string& id_or_key) {
  int64_t id = 0;
  return ParseWhole(id_or_key, &id) ? store.FindRowById(id) : store.FindRowByKey(id_or_key);
}

constexpr std::string_view kNoSuchIssue =
    "Issue does not exist or you do not have permission to see it.";

}  // namespace

HttpResponse JiraApi::GetIssue(Call& call, const std::string& id_or_key) {
  const IssueStore& store = archive_.store();
  const std::optional<size_t> row = IssueRow(store, id_or_key);
  if (!row) return Error(http::status::not_found, kNoSuchIssue);
  std::vector<std::string> wanted;
  for (const std::string& f : call.Params("fields")) {
    for (const std::string& part : SplitList(f)) wanted.push_back(part);
  }
  if (wanted.empty()) wanted.push_back("*all");
  std::set<std::string> expand;
  for (const std::string& e : call.Params("expand")) expand.merge(SplitList(e));
  json::object issue = IssueJson(static_cast<uint32_t>(*row), wanted, expand, call);
  const Catalog& catalog = store.catalog();
  const json::object empty;
  const json::object& fields = issue.contains("fields") ? issue.at("fields").as_object() : empty;
  // Both maps are made before either is added: adding to `issue` may move the
  // "fields" object that `fields` refers to.
  std::optional<json::object> names, schema;
  if (expand.contains("names")) names = FieldNamesJson(catalog, fields);
  if (expand.contains("schema")) schema = FieldSchemasJson(catalog, fields);
  if (names) issue["names"] = std::move(*names);
  if (schema) issue["schema"] = std::move(*schema);
  return JsonResponse(http::status::ok, issue);
}

HttpResponse JiraApi::IssueChangelog(Call& call, const std::string& id_or_key) {
  const IssueStore& store = archive_.store();
  const std::optional<size_t> row = IssueRow(store, id_or_key);
  if (!row) return Error(http::status::not_found, kNoSuchIssue);
  IssueJsonOptions options;
  options.changelog = true;
  options.api = call.api;
  json::object full = IssueToJson(store, *row, options);
  json::array all = full.contains("changelog")
                        ? full["changelog"].as_object()["histories"].as_array()
                        : json::array{};
  const size_t start = PageNumber(call, "startAt", 0, SIZE_MAX);
  const size_t most = PageNumber(call, "maxResults", kChangelogPage, kChangelogPage);
  json::array page;
  for (size_t i = start; i < all.size() && page.size() < most; ++i)
    page.push_back(std::move(all[i]));
  const bool last = start + page.size() >= all.size();
  const std::string self = call.api + "/issue/" + id_or_key + "/changelog";
  json::object answer{
      {"self", self + "?startAt=" + std::to_string(start) + "&maxResults=" + std::to_string(most)},
      {"maxResults", most},
      {"startAt", start},
      {"total", all.size()},
      {"isLast", last},
      {"values", std::move(page)}};
  if (!last)
    answer["nextPage"] =
        self + "?startAt=" + std::to_string(start + most) + "&maxResults=" + std::to_string(most);
  return JsonResponse(http::status::ok, answer);
}

HttpResponse JiraApi::Search(Call& call) {
  SearchArgs args;
  if (auto bad = ReadSearchArgs(call, false, &args)) return *bad;
  if (args.wanted.empty()) args.wanted.push_back("id");
  const bool ids_only = std::all_of(args.wanted.begin(), args.wanted.end(),
                                    [](const std::string& f) { return f == "id" || f == "key"; });
  const int64_t max_results = std::clamp<int64_t>(args.max_results, 0, ids_only ? 5000 : 100);
  // A page token is where the previous page ended, for this query and this user: the
  // next page starts right after it, whatever was archived meanwhile.
  std::optional<PagePosition> after;
  if (args.token) {
    after = page_tokens_.Read(*args.token, args.jql, call.user.account_id, archive::NowMs());
    if (!after)
      return Error(http::status::bad_request,
                   "The nextPageToken is not one this server gave out for this query, or it has "
                   "expired. Start again from the first page.");
  }
  const auto compiled = Compile(call, args.jql);
  if (!compiled->ok()) return Errors(http::status::bad_request, Messages(compiled->errors));
  if (!compiled->restricted) return Unbounded();
  const StatusOr<QueryResult> answer = archive_.Execute(
      *compiled->query, static_cast<size_t>(max_results), Budget(), after ? &*after : nullptr);
  if (!answer.ok()) return BackendFailed(answer.status());
  const QueryResult& result = *answer;
  if (result.stopped) return Stopped();
  json::object out;
  out["issues"] = IssuesJson(result.rows, args.wanted, args.expand, call, &out);
  // maxResults 0 asks for no issues (a count, in effect), not for an endless paging.
  const bool last = max_results == 0 || result.following <= static_cast<size_t>(max_results);
  out["isLast"] = last;
  if (!last) {
    out["nextPageToken"] = page_tokens_.Issue(
        args.jql, call.user.account_id,
        archive_.engine().PositionOf(*compiled->query, result.rows.back()), archive::NowMs());
  }
  return JsonResponse(http::status::ok, out);
}

// The search Jira Cloud has removed and Data Center keeps (jira-python 3.4 searches
// only through it): offsets and a total, every field by default, unbounded JQL allowed.
HttpResponse JiraApi::LegacySearch(Call& call) {
  SearchArgs args;
  if (auto bad = ReadSearchArgs(call, true, &args)) return *bad;
  if (args.wanted.empty()) args.wanted.push_back("*navigable");
  const int64_t max_results = std::clamp<int64_t>(args.max_results, 0, 1000);
  const auto start_at = static_cast<size_t>(std::max<int64_t>(0, args.start_at));
  const auto compiled = Compile(call, args.jql);
  if (!compiled->ok()) return Errors(http::status::bad_request, Messages(compiled->errors));
  const StatusOr<QueryResult> answer =
      archive_.Execute(*compiled->query, start_at + static_cast<size_t>(max_results), Budget());
  if (!answer.ok()) return BackendFailed(answer.status());
  const QueryResult& result = *answer;
  if (result.stopped) return Stopped();
  const std::vector<uint32_t> page(
      result.rows.begin() + static_cast<ptrdiff_t>(std::min(start_at, result.rows.size())),
      result.rows.end());
  json::object out{{"expand", "schema,names"},
                   {"startAt", start_at},
                   {"maxResults", max_results},
                   {"total", result.total}};
  out["issues"] = IssuesJson(page, args.wanted, args.expand, call, &out);
  return JsonResponse(http::status::ok, out);
}

HttpResponse JiraApi::Unbounded() const {
  return Error(http::status::bad_request,
               "Unbounded JQL queries are not allowed here. Please add a search restriction to "
               "your query.");
}

HttpResponse JiraApi::Count(Call& call) {
  std::string jql;
  std::shared_ptr<const CompileResult> compiled;
  if (auto bad = CompileBodyJql(call, &jql, &compiled)) return *bad;
  if (!compiled->restricted) return Unbounded();
  const StatusOr<QueryResult> result = archive_.Execute(*compiled->query, 0, Budget());
  if (!result.ok()) return BackendFailed(result.status());
  if (result->stopped) return Stopped();
  return JsonResponse(http::status::ok, json::object{{"count", result->total}});
}

// A paging parameter: its value when it is a whole number (at most `most`), else the
// default, as Jira's metadata pages treat bad paging.
size_t JiraApi::PageNumber(const Call& call, const char* name, size_t fallback, size_t most) {
  const auto v = call.Param(name);
  int64_t n = 0;
  if (!v || !ParseWhole(*v, &n) || n < 0) return fallback;
  return std::min(static_cast<size_t>(n), most);
}

std::optional<HttpResponse> JiraApi::Metadata(Call& call, http::verb method) {
  const std::vector<std::string>& path = call.path;
  const Catalog& catalog = archive_.store().catalog();
  auto list = [&](size_t size, auto each) {
    json::array out;
    for (Code c = 0; c < size; ++c) out.push_back(each(catalog, c, call.api));
    return out;
  };
  std::optional<json::value> answer;
  if (path == std::vector<std::string>{"serverInfo"}) {
    answer = ServerInfoJson(options_.base_url);
  } else if (path == std::vector<std::string>{"myself"}) {
    answer = MyselfJson(call.user, call.api);
  } else if (path == std::vector<std::string>{"project"}) {
    answer = list(catalog.projects.size(), ProjectDetailsJson);
  } else if (path == std::vector<std::string>{"project", "search"}) {
    ProjectSearch search;
    search.start_at = PageNumber(call, "startAt", 0, SIZE_MAX);
    search.max_results = PageNumber(call, "maxResults", 50, 100);
    if (auto type = call.Param("typeKey")) {
      search.type = ParseProjectType(*type);
      if (!search.type)
        return Error(http::status::bad_request, "Invalid project type key '" + *type + "'.");
    }
    search.query = call.Param("query").value_or("");
    search.keys = call.Params("keys");
    answer = ProjectSearchJson(catalog, search, call.api);
  } else if (path.size() == 2 && path[0] == "project") {
    std::optional<Code> project = catalog.FindProjectByKey(path[1]);
    int64_t id = 0;
    if (!project && ParseWhole(path[1], &id)) project = catalog.projects.FindById(id);
    if (!project)
      return Error(http::status::not_found,
                   "No project could be found with key '" + path[1] + "'.");
    answer = ProjectDetailsJson(catalog, *project, call.api);
  } else if (path == std::vector<std::string>{"status"}) {
    answer = list(catalog.statuses.size(), StatusJson);
  } else if (path == std::vector<std::string>{"statuscategory"}) {
    json::array out;
    for (StatusCategory c :
         {StatusCategory::kToDo, StatusCategory::kInProgress, StatusCategory::kDone})
      out.push_back(StatusCategoryJson(c, call.api));
    answer = std::move(out);
  } else if (path == std::vector<std::string>{"priority"}) {
    json::array out;
    for (Code c : PrioritiesInOrder(catalog)) out.push_back(PriorityJson(catalog, c, call.api));
    answer = std::move(out);
  } else if (path == std::vector<std::string>{"priority", "search"}) {
    PrioritySearch search;
    search.start_at = PageNumber(call, "startAt", 0, SIZE_MAX);
    search.max_results = PageNumber(call, "maxResults", 50, 50);
    search.ids = call.Params("id");
    search.name = call.Param("priorityName").value_or("");
    search.only_default = call.Param("onlyDefault").value_or("") == "true";
    answer = PrioritySearchJson(catalog, search, call.api);
  } else if (path == std::vector<std::string>{"issuetype"}) {
    answer = list(catalog.issue_types.size(), IssueTypeJson);
  } else if (path == std::vector<std::string>{"resolution"}) {
    answer = list(catalog.resolutions.size(), ResolutionJson);
  } else if (path == std::vector<std::string>{"users", "search"} ||
             path == std::vector<std::string>{"users"}) {
    answer = UsersJson(catalog, PageNumber(call, "startAt", 0, SIZE_MAX),
                       PageNumber(call, "maxResults", 50, 1000), call.api);
  } else if (path == std::vector<std::string>{"groups", "picker"}) {
    answer = GroupPickerJson(catalog, call.Param("query").value_or(""),
                             PageNumber(call, "maxResults", 20, 1000));
  } else {
    return std::nullopt;
  }
  if (method != http::verb::get) {
    HttpResponse res = Error(
        http::status::method_not_allowed,
        "The method " + std::string(http::to_string(method)) + " is not allowed here; use GET.");
    res.set(http::field::allow, "GET");
    return res;
  }
  return JsonResponse(http::status::ok, *answer);
}

}  // namespace jql::server
