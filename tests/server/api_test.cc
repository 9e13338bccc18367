// The archive server's REST API over 127.0.0.1: Jira's status codes and bodies for
// every endpoint, the archive rule as seen through the API, and bad input of every
// kind answered in Jira's error shape without changing data.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "jql/fields.h"
#include "jql/generator.h"
#include "server_fixture.h"

namespace jql::testing {
namespace {

namespace json = boost::json;

class ApiTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    Start();
  }

  // Rows of the sample by their role in the archive rule.
  struct Rows {
    std::vector<uint32_t> parents_with_subtasks, subtasks, unlicensed, plain;
  };
  Rows Classify() {
    Rows r;
    const Engine& engine = archive_->engine();
    for (uint32_t row = 0; row < archive_->store().rows(); ++row) {
      if (archive_->store().IsArchived(row)) continue;
      switch (engine.Eligibility(row)) {
        case ArchiveEligibility::kSubtask:
          r.subtasks.push_back(row);
          break;
        case ArchiveEligibility::kUnlicensed:
          r.unlicensed.push_back(row);
          break;
        case ArchiveEligibility::kArchivedProject:
          break;
        case ArchiveEligibility::kEligible:
          (engine.SubtasksOf(row).empty() ? r.plain : r.parents_with_subtasks).push_back(row);
      }
    }
    return r;
  }
  std::string Key(uint32_t row) { return archive_->store().Key(row); }
};

TEST_F(ApiTest, ProbesAnswerWithoutCredentialsAndReadinessFollowsTheIndexes) {
  EXPECT_EQ(Get("/healthz", std::nullopt).status, 200);
  EXPECT_EQ(Get("/readyz", std::nullopt).status, 200);
  // While the indexes are built at start the server answers, but is not ready.
  api_->set_ready(false);
  const Reply warming = Get("/readyz", std::nullopt);
  EXPECT_EQ(warming.status, 503);
  EXPECT_EQ(warming.json().at("ready"), false) << warming.body;
  EXPECT_EQ(Get("/healthz", std::nullopt).status, 200);
  EXPECT_EQ(
      Post("/rest/api/3/search/approximate-count", R"({"jql":"summary ~ error"})", admin_).status,
      200);
  archive_->engine().BuildIndexes();
  api_->set_ready(true);
  EXPECT_EQ(Get("/readyz", std::nullopt).json().at("ready"), true);
  // The probes carry no data: other paths still need credentials.
  EXPECT_EQ(Get("/readyz/x", std::nullopt).status, 401);
}

TEST_F(ApiTest, FieldsAreListedFromTheRegistryAndTheCatalog) {
  // Generated data has custom fields of every kind the generator makes (the sample
  // has none).
  Stop();
  auto generated = GenerateIssueStore({.issues = 300, .seed = 5});
  ASSERT_TRUE(generated.ok());
  state_ = FreshDirectory("jql-fields-test");
  const std::string data = state_ + "-issues.jsonl";
  ASSERT_TRUE(WriteJiraJsonLines(*generated, data).ok());
  Start(data);
  const Reply r = Get("/rest/api/3/field", user_);
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<std::string, boost::json::object> by_id;
  const boost::json::value fields = r.json();
  for (const boost::json::value& v : fields.as_array()) {
    const boost::json::object& f = v.as_object();
    for (const char* key :
         {"id", "key", "name", "custom", "orderable", "navigable", "searchable", "clauseNames"})
      EXPECT_TRUE(f.contains(key)) << key << " missing in " << boost::json::serialize(f);
    by_id[std::string(f.at("id").as_string())] = f;
  }
  // Every system field Jira lists, with its schema as Jira gives it.
  for (const FieldDescriptor& d : SystemFields())
    EXPECT_EQ(by_id.contains(std::string(d.id)), d.listed) << d.id;
  EXPECT_EQ(boost::json::serialize(by_id.at("summary").at("schema")),
            R"({"type":"string","system":"summary"})");
  EXPECT_EQ(boost::json::serialize(by_id.at("fixVersions").at("schema")),
            R"({"type":"array","items":"version","system":"fixVersions"})");
  EXPECT_EQ(by_id.at("created").at("clauseNames"), (boost::json::array{"created", "createdDate"}));
  EXPECT_EQ(by_id.at("customfield_10020").at("custom"), true);  // Sprint
  EXPECT_EQ(by_id.at("customfield_10020").at("schema").at("customId"), 10020);
  // The data's custom fields, each reachable by the clause names listed.
  const Catalog& catalog = archive_->store().catalog();
  ASSERT_GT(catalog.custom_fields.size(), 0u);
  for (const CustomField& def : catalog.custom_fields.items()) {
    const std::string id = "customfield_" + std::to_string(def.id);
    ASSERT_TRUE(by_id.contains(id)) << id;
    EXPECT_EQ(by_id.at(id).at("name"), def.name.c_str());
    EXPECT_EQ(by_id.at(id).at("custom"), true);
    for (const boost::json::value& clause : by_id.at(id).at("clauseNames").as_array()) {
      // cf[N] is written as it is; a name is quoted (it may hold spaces).
      const std::string name(clause.as_string());
      const std::string jql = (name.starts_with("cf[") ? name : "\"" + name + "\"") + " is EMPTY";
      EXPECT_EQ(Post("/rest/api/3/search/approximate-count",
                     boost::json::serialize(boost::json::object{{"jql", jql}}), user_)
                    .status,
                200)
          << jql;
    }
  }
  EXPECT_EQ(Get("/rest/api/3/field", std::nullopt).status, 401);
  std::filesystem::remove(data);
}

TEST_F(ApiTest, AutocompleteDataComesFromTheRegistries) {
  const Reply r = Get("/rest/api/3/jql/autocompletedata", user_);
  ASSERT_EQ(r.status, 200) << r.body;
  const boost::json::value data = r.json();
  // Every clause name of every system field, with the operators the binder accepts.
  std::map<std::string, std::vector<std::string>> operators;
  for (const boost::json::value& v : data.at("visibleFieldNames").as_array()) {
    std::vector<std::string> ops;
    for (const boost::json::value& op : v.at("operators").as_array())
      ops.emplace_back(op.as_string());
    operators[std::string(v.at("value").as_string())] = ops;
    EXPECT_EQ(v.at("types").as_array().size(), 1u);
  }
  for (const FieldDescriptor& f : SystemFields()) {
    for (std::string_view name : f.clause_names) {
      ASSERT_TRUE(operators.contains(std::string(name))) << name;
      for (const std::string& op : operators[std::string(name)]) {
        // An operator offered for a field is one the search accepts for it.
        const std::string jql = std::string(name) + " " + op +
                                (op == "changed"                      ? ""
                                 : op == "is" || op == "is not"       ? " EMPTY"
                                 : op.find("in") != std::string::npos ? " (x)"
                                                                      : " x");
        const Reply count = Post("/rest/api/3/search/approximate-count",
                                 boost::json::serialize(boost::json::object{{"jql", jql}}), user_);
        EXPECT_EQ(count.body.find("is not supported by the"), std::string::npos) << jql;
      }
    }
  }
  EXPECT_EQ(operators.at("status"),
            (std::vector<std::string>{"=", "!=", "in", "not in", "is", "is not", "was", "was not",
                                      "was in", "was not in", "changed"}));
  std::set<std::string> functions;
  for (const boost::json::value& v : data.at("visibleFunctionNames").as_array()) {
    functions.insert(std::string(v.at("value").as_string()));
    const bool list = v.as_object().contains("isList");
    if (v.at("value") == "membersOf()") {
      EXPECT_TRUE(list);
    }
    if (v.at("value") == "currentUser()") {
      EXPECT_FALSE(list);
    }
  }
  for (const char* f : {"currentUser()", "membersOf()", "now()", "startOfMonth()", "linkedIssues()",
                        "watchedIssues()", "openSprints()"})
    EXPECT_TRUE(functions.contains(f)) << f;
  const boost::json::array& reserved = data.at("jqlReservedWords").as_array();
  EXPECT_NE(std::find(reserved.begin(), reserved.end(), boost::json::value("select")),
            reserved.end());
  EXPECT_EQ(Get("/rest/api/3/jql/autocompletedata", std::nullopt).status, 401);
}

TEST_F(ApiTest, SuggestionsAreTheCatalogsValuesThatStartWithWhatWasTyped) {
  const Catalog& catalog = archive_->store().catalog();
  auto suggest = [&](const std::string& query) {
    const Reply r = Get("/rest/api/3/jql/autocompletedata/suggestions?" + query, user_);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::string> values;
    const json::value answer = r.json();
    for (const json::value& v : answer.at("results").as_array()) {
      values.insert(std::string(v.at("value").as_string()));
      EXPECT_NE(std::string(v.at("displayName").as_string()).find("<b>"), std::string::npos)
          << query << ": " << r.body;
    }
    return values;
  };
  auto starts_with_folded = [](const std::string& name, const std::string& prefix) {
    return FoldCase(name).rfind(FoldCase(prefix), 0) == 0;
  };
  // Each status's first two letters, lower-cased: the statuses that start with them
  // (and no word inside any of these names starts with them by chance, checked below).
  for (const IssueStatus& status : catalog.statuses.items()) {
    const std::string typed = FoldCase(status.name.substr(0, 2));
    std::set<std::string> expected;
    for (const IssueStatus& other : catalog.statuses.items()) {
      const std::string folded = FoldCase(other.name);
      bool word = starts_with_folded(other.name, typed);
      for (size_t at = folded.find(' '); at != std::string::npos; at = folded.find(' ', at + 1))
        word = word || folded.compare(at + 1, typed.size(), typed) == 0;
      if (word) expected.insert(other.name);
    }
    EXPECT_EQ(suggest("fieldName=status&fieldValue=" + typed), expected) << typed;
  }
  // A predicate's values: BY takes users, given by account id.
  const User& someone = catalog.users[0];
  const std::set<std::string> by = suggest("fieldName=status&predicateName=by&predicateValue=" +
                                           someone.display_name.substr(0, 3));
  EXPECT_TRUE(by.contains(someone.account_id) || by.size() == 15u);
  for (const std::string& account : by)
    EXPECT_TRUE(catalog.FindUserByAccountId(account).has_value()) << account;
  // Nothing for what has no values to list, and no error either.
  EXPECT_TRUE(suggest("fieldName=nosuchfield&fieldValue=a").empty());
  EXPECT_TRUE(suggest("fieldName=created&fieldValue=2").empty());
}

TEST_F(ApiTest, SiteMetadataAsJiraShowsIt) {
  const Catalog& catalog = archive_->store().catalog();
  const Reply info = Get("/rest/api/2/serverInfo", user_);
  ASSERT_EQ(info.status, 200) << info.body;
  EXPECT_EQ(info.json().at("deploymentType"), "Cloud");
  EXPECT_EQ(info.json().at("baseUrl"), base_.c_str());
  const Reply me = Get("/rest/api/3/myself", admin_);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("accountId"), "acc-admin");
  EXPECT_EQ(me.json().at("emailAddress"), "admin@example.com");
  // Lists, each with the loaded data's own ids and self links of the version called.
  const Reply projects = Get("/rest/api/2/project", user_);
  ASSERT_EQ(projects.status, 200);
  ASSERT_EQ(projects.json().as_array().size(), catalog.projects.size());
  const boost::json::value all_projects = projects.json();
  const boost::json::value first = all_projects.as_array().at(0);
  EXPECT_EQ(first.at("id"), std::to_string(catalog.projects[0].id).c_str());
  EXPECT_EQ(first.at("self"),
            (base_ + "/rest/api/2/project/" + std::to_string(catalog.projects[0].id)).c_str());
  EXPECT_EQ(first.at("projectTypeKey"),
            std::string(ProjectTypeKey(catalog.projects[0].type)).c_str());
  for (const auto& [path, size] :
       std::vector<std::pair<std::string, size_t>>{{"status", catalog.statuses.size()},
                                                   {"priority", catalog.priorities.size()},
                                                   {"issuetype", catalog.issue_types.size()},
                                                   {"resolution", catalog.resolutions.size()},
                                                   {"statuscategory", 3}}) {
    const Reply r = Get("/rest/api/3/" + path, user_);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.json().as_array().size(), size) << path;
    const boost::json::value items = r.json();
    for (const boost::json::value& v : items.as_array()) {
      EXPECT_TRUE(v.as_object().contains("self") && v.as_object().contains("name")) << path;
    }
  }
  // Priorities in Jira's order (highest first), and as a page.
  const boost::json::value priorities = Get("/rest/api/3/priority", user_).json();
  for (size_t i = 1; i < priorities.as_array().size(); ++i) {
    auto sequence = [&](size_t at) {
      const int64_t id = std::stoll(std::string(priorities.at(at).at("id").as_string()));
      return catalog.priorities[*catalog.priorities.FindById(id)].sequence;
    };
    EXPECT_LE(sequence(i - 1), sequence(i));
  }
  const boost::json::value second_page =
      Get("/rest/api/3/priority/search?startAt=1&maxResults=2", user_).json();
  EXPECT_EQ(second_page.at("total"), catalog.priorities.size());
  ASSERT_EQ(second_page.at("values").as_array().size(), 2u);
  EXPECT_EQ(second_page.at("values").at(0).at("id"), priorities.at(1).at("id"));
  EXPECT_EQ(Get("/rest/api/3/priority/search?startAt=9223372036854775807&maxResults=50", user_)
                .json()
                .at("values")
                .as_array()
                .size(),
            0u);
  // Users in pages (as jql import and jql catalog read them) and the group picker.
  const boost::json::value users =
      Get("/rest/api/3/users/search?startAt=1&maxResults=3", user_).json();
  ASSERT_EQ(users.as_array().size(), std::min<size_t>(3, catalog.users.size() - 1));
  EXPECT_EQ(users.at(0).at("accountId"), catalog.users[1].account_id.c_str());
  EXPECT_EQ(Get("/rest/api/3/users/search?startAt=99999999", user_).json().as_array().size(), 0u);
  const boost::json::value groups = Get("/rest/api/3/groups/picker?maxResults=1000", user_).json();
  EXPECT_EQ(groups.at("total"), catalog.groups.size());
  ASSERT_EQ(groups.at("groups").as_array().size(), catalog.groups.size());
  if (!catalog.groups.items().empty()) {
    const std::string first(groups.at("groups").at(0).at("name").as_string());
    const boost::json::value one =
        Get("/rest/api/3/groups/picker?query=" + first.substr(0, 3), user_).json();
    EXPECT_GE(one.at("total").as_int64(), 1);
  }
  const boost::json::value statuses = Get("/rest/api/3/status", user_).json();
  EXPECT_EQ(statuses.at(0).at("id"), std::to_string(catalog.statuses[0].id).c_str());
  EXPECT_TRUE(statuses.at(0).at("statusCategory").as_object().contains("key"));
  // Project search: pages, the type filter, a query, keys; one project by key or id.
  const Reply page = Get("/rest/api/3/project/search?maxResults=1", user_);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json().at("total"), catalog.projects.size());
  EXPECT_EQ(page.json().at("values").as_array().size(),
            std::min<size_t>(1, catalog.projects.size()));
  EXPECT_EQ(page.json().at("isLast"), catalog.projects.size() <= 1);
  size_t software = 0;
  for (const Project& p : catalog.projects.items()) software += p.type == ProjectType::kSoftware;
  EXPECT_EQ(Get("/rest/api/3/project/search?typeKey=software", user_).json().at("total"), software);
  EXPECT_EQ(Get("/rest/api/3/project/search?typeKey=nonsense", user_).status, 400);
  const std::string key = catalog.projects[0].key;
  EXPECT_EQ(Get("/rest/api/3/project/search?keys=" + key, user_).json().at("total"), 1);
  EXPECT_EQ(Get("/rest/api/3/project/" + key, user_).json().at("key"), key.c_str());
  EXPECT_EQ(
      Get("/rest/api/3/project/" + std::to_string(catalog.projects[0].id), user_).json().at("key"),
      key.c_str());
  EXPECT_EQ(Get("/rest/api/3/project/NOPE", user_).status, 404);
  EXPECT_EQ(Post("/rest/api/3/status", "{}", admin_).status, 405);
  EXPECT_EQ(Get("/rest/api/3/status", std::nullopt).status, 401);
}

// The value of the first sample of `metric` whose labels include every one given.
double Sample(const std::string& text, const std::string& metric,
              const std::vector<std::string>& labels) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.starts_with(metric + "{") && !line.starts_with(metric + " ")) continue;
    bool all = true;
    for (const std::string& label : labels) all = all && line.find(label) != std::string::npos;
    if (all) return std::stod(line.substr(line.rfind(' ') + 1));
  }
  return -1;
}

TEST_F(ApiTest, MetricsCountRequestsByRouteAndStatusAndReadTheServersState) {
  const Rows rows = Classify();
  const std::string key = Key(rows.plain[0]);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Get("/rest/api/3/issue/" + key, user_).status, 200);
  ASSERT_EQ(Get("/rest/api/2/issue/NOPE-1", user_).status, 404);
  ASSERT_EQ(Put("/rest/api/3/issue/archive",
                R"({"issueIdsOrKeys":[")" + Key(rows.plain[1]) + R"("]})", admin_)
                .status,
            200);
  WaitForTask(TaskIdOf(Post("/rest/api/3/issue/archive",
                            R"({"jql":"key = )" + Key(rows.plain[2]) + R"("})", admin_)));
  // Prometheus scrapes without credentials; the text carries counts, no issue data.
  const Reply r = Get("/metrics", std::nullopt);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type.rfind("text/plain", 0), 0u);
  const std::string route = R"(route="/rest/api/{version}/issue/{issueIdOrKey}")";
  EXPECT_EQ(
      Sample(r.body, "jql_http_requests_total", {route, R"(status="200")", R"(method="GET")"}), 3);
  EXPECT_EQ(Sample(r.body, "jql_http_requests_total", {route, R"(status="404")"}), 1);
  EXPECT_EQ(Sample(r.body, "jql_http_request_duration_seconds_count", {route}), 4);
  EXPECT_EQ(r.body.find(key), std::string::npos) << "a raw path became a label";
  EXPECT_GE(Sample(r.body, "jql_journal_append_duration_seconds_count", {}), 2);
  EXPECT_EQ(Sample(r.body, "jql_issues", {}), static_cast<double>(archive_->store().rows()));
  EXPECT_EQ(Sample(r.body, "jql_issues_archived", {}),
            static_cast<double>(archive_->store().ArchivedCount()));
  EXPECT_EQ(Sample(r.body, "jql_tasks", {R"(kind="archive")", R"(status="COMPLETE")"}), 1);
  EXPECT_EQ(Sample(r.body, "jql_ready", {}), 1);
}

TEST_F(ApiTest, EveryEndpointRefusesAnonymousAndWrongCredentials) {
  const std::vector<std::pair<http::verb, std::string>> endpoints = {
      {http::verb::post, "/rest/api/3/issue/archive"},
      {http::verb::put, "/rest/api/3/issue/archive"},
      {http::verb::put, "/rest/api/2/issue/unarchive"},
      {http::verb::get, "/rest/api/3/task/10000"},
      {http::verb::put, "/rest/api/3/issues/archive/export"},
      {http::verb::post, "/rest/api/3/jql/parse"},
      {http::verb::get, "/rest/api/3/search/jql?jql=x"},
      {http::verb::post, "/rest/api/3/search/approximate-count"},
      {http::verb::post, "/rest/api/3/issue/archive/preview"},
      {http::verb::get, "/no/such/path"}};
  const std::vector<std::optional<Credentials>> callers = {
      std::nullopt, Credentials{"admin@example.com", "wrong"},
      Credentials{"nobody@example.com", "admin-token"}, Credentials{"admin@example.com", ""}};
  for (const auto& [verb, target] : endpoints) {
    for (const auto& who : callers) {
      const Reply r = Send(port_, verb, target, R"({"jql":"project = X"})", who);
      EXPECT_EQ(r.status, 401) << target;
      EXPECT_EQ(ErrorMessage(r), "User is not logged in.") << target;
    }
  }
  // A malformed Authorization header is a 401 too, not a 400 or a crash.
  for (const std::string& header : std::vector<std::string>{
           "Basic", "Basic !!!", "Bearer abc", "Basic " + server::Base64Encode("no-colon")}) {
    namespace bh = boost::beast::http;
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket s(io);
    s.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
    bh::request<bh::string_body> req(bh::verb::get, "/rest/api/3/task/1", 11);
    req.set(bh::field::host, "127.0.0.1");
    req.set(bh::field::authorization, header);
    bh::write(s, req);
    boost::beast::flat_buffer buffer;
    bh::response<bh::string_body> res;
    bh::read(s, buffer, res);
    EXPECT_EQ(res.result_int(), 401u) << header;
  }
  // Task cancel errors are bare string arrays, 401 included.
  const Reply cancel = Post("/rest/api/3/task/1/cancel", "", std::nullopt);
  EXPECT_EQ(cancel.status, 401);
  EXPECT_EQ(cancel.body, R"(["User is not logged in."])");
}

TEST_F(ApiTest, ChangeLogsComeInPagesOfAHundredAsInJira) {
  // Issues with far more than 100 changes each, as a long-lived Jira issue has.
  GenerateOptions options;
  options.issues = 20;
  options.history_per_issue = 180;
  auto generated = GenerateIssueStore(options);
  ASSERT_TRUE(generated.ok());
  const std::string file = state_ + "-long-history.jsonl";
  ASSERT_TRUE(WriteJiraJsonLines(*generated, file).ok());
  Stop();
  std::filesystem::remove_all(state_);  // the state belongs to the sample data
  Start(file);
  ASSERT_NE(archive_, nullptr);
  // The issue with the longest change log.
  const History& history = archive_->store().history();
  size_t longest = 0, most = 0;
  for (size_t row = 0; row + 1 < history.row_begin.size(); ++row) {
    const auto n = static_cast<size_t>(history.row_begin.Get(row + 1) - history.row_begin.Get(row));
    if (n > most) most = n, longest = row;
  }
  const std::string key = archive_->store().Key(longest);
  const boost::json::value issue =
      Get("/rest/api/3/issue/" + key + "?expand=changelog", user_).json();
  const boost::json::object& log = issue.at("changelog").as_object();
  const size_t total = static_cast<size_t>(log.at("total").as_int64());
  ASSERT_GT(total, 100u);
  EXPECT_EQ(log.at("histories").as_array().size(), 100u);  // the first page only
  EXPECT_EQ(log.at("maxResults"), 100);
  // The pages of GET /issue/{key}/changelog together are every change, in order, once.
  std::vector<std::string> ids;
  size_t start = 0;
  for (int pages = 0; pages < 100; ++pages) {
    const Reply r = Get("/rest/api/3/issue/" + key + "/changelog?startAt=" + std::to_string(start) +
                            "&maxResults=40",
                        user_);
    ASSERT_EQ(r.status, 200) << r.body;
    const boost::json::value page = r.json();
    EXPECT_EQ(page.at("total").as_int64(), static_cast<int64_t>(total));
    for (const auto& h : page.at("values").as_array()) ids.emplace_back(h.at("id").as_string());
    start += page.at("values").as_array().size();
    if (page.at("isLast").as_bool()) break;
    EXPECT_TRUE(page.as_object().contains("nextPage"));
  }
  ASSERT_EQ(ids.size(), total);
  for (size_t i = 0; i < 100; ++i)
    EXPECT_EQ(ids[i], log.at("histories").at(i).at("id").as_string()) << i;
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), total);
  EXPECT_EQ(Get("/rest/api/3/issue/NOPE-1/changelog", user_).status, 404);
  std::filesystem::remove(file);
}

TEST_F(ApiTest, ArchivingNeedsAnAdmin) {
  for (const auto& [target, verb, body] :
       std::vector<std::tuple<std::string, http::verb, std::string>>{
           {"/rest/api/3/issue/archive", http::verb::post, R"({"jql":"created is not empty"})"},
           {"/rest/api/3/issue/archive", http::verb::put, R"({"issueIdsOrKeys":["X-1"]})"},
           {"/rest/api/3/issue/unarchive", http::verb::put, R"({"issueIdsOrKeys":["X-1"]})"}}) {
    const Reply r = Send(port_, verb, target, body, user_);
    EXPECT_EQ(r.status, 403) << target;
    EXPECT_EQ(
        r.body,
        R"({"errorMessages":["Only admins can archive or unarchive issues. Access denied."],"errors":{}})");
  }
  const Reply r = Put("/rest/api/3/issues/archive/export", "{}", user_);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorMessage(r), "User is not an admin.");
  // A plain user may make a dry run, which says why this user cannot archive.
  const Reply preview =
      Post("/rest/api/3/issue/archive/preview", R"({"jql":"created is not empty"})", user_);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.json().at("canArchive"), false);
  EXPECT_EQ(preview.json().at("archiveDenied"),
            "Only admins can archive or unarchive issues. Access denied.");
  // A plain user may still search and parse.
  EXPECT_EQ(Post("/rest/api/3/search/approximate-count", R"({"jql":"created is not empty"})", user_)
                .status,
            200);
  EXPECT_EQ(archive_->store().ArchivedCount(), 84u);
}

TEST_F(ApiTest, ArchivingNeedsPremiumOrEnterprise) {
  for (server::Edition edition : {server::Edition::kFree, server::Edition::kStandard}) {
    Stop();
    Start(JQL_SOURCE_DIR "/data/sample", 1000, edition);
    const Reply r = Post("/rest/api/3/issue/archive", R"({"jql":"created is not empty"})", admin_);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(
        r.body,
        R"({"errorMessages":["Archiving issues is only available for premium editions of Jira."],"errors":{}})");
    const Reply dry =
        Post("/rest/api/3/issue/archive/preview", R"({"jql":"created is not empty"})", admin_);
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_EQ(dry.json().at("canArchive"), false);
    EXPECT_EQ(dry.json().at("archiveDenied"),
              "Archiving issues is only available for premium editions of Jira.");
  }
  Stop();
  Start(JQL_SOURCE_DIR "/data/sample", 1000, server::Edition::kEnterprise);
  const Reply allowed =
      Post("/rest/api/3/issue/archive/preview", R"({"jql":"created is not empty"})", admin_);
  ASSERT_EQ(allowed.status, 200);
  EXPECT_EQ(allowed.json().at("canArchive"), true);
  EXPECT_FALSE(allowed.json().as_object().contains("archiveDenied"));
}

TEST_F(ApiTest, ArchiveByJqlRunsATaskThatArchivesWhatThePreviewSaid) {
  const std::string jql = R"({"jql":"statusCategory = Done AND updated < -365d"})";
  const int64_t before = Count("statusCategory = Done AND updated < -365d");
  const Reply preview = Post("/rest/api/3/issue/archive/preview", jql, admin_);
  ASSERT_EQ(preview.status, 200) << preview.body;
  ASSERT_TRUE(preview.json().is_object()) << preview.body;
  const json::object p = preview.json().as_object();
  EXPECT_EQ(archive_->store().ArchivedCount(), 84u) << "a preview changes nothing";
  EXPECT_EQ(p.at("issuesMatched").as_int64(), before);

  const Reply started = Post("/rest/api/3/issue/archive", jql, admin_);
  ASSERT_EQ(started.status, 202) << started.body;
  ASSERT_TRUE(started.json().is_string()) << "the task URL is a JSON string";
  const std::string id = TaskIdOf(started);
  EXPECT_EQ(std::string(started.json().as_string()), base_ + "/rest/api/3/task/" + id);

  const json::object task = WaitForTask(id);
  EXPECT_EQ(task.at("status"), "COMPLETE");
  EXPECT_EQ(task.at("progress").as_int64(), 100);
  EXPECT_EQ(task.at("self"), json::value(base_ + "/rest/api/3/task/" + id));
  EXPECT_EQ(task.at("submittedBy").as_int64(), 10001);
  for (const char* field : {"submitted", "started", "finished", "lastUpdate", "elapsedRuntime"})
    EXPECT_TRUE(task.at(field).is_int64()) << field;
  ASSERT_TRUE(task.contains("result") && task.at("result").is_object()) << json::serialize(task);
  const json::object& result = task.at("result").as_object();
  EXPECT_EQ(result.at("numberOfIssuesUpdated").as_int64(),
            p.at("numberOfIssuesToUpdate").as_int64());
  EXPECT_EQ(result.at("errors").at("issueIsSubtask").at("count"),
            p.at("skipped").at("issueIsSubtask").at("count"));
  EXPECT_EQ(archive_->store().ArchivedCount(),
            84u + static_cast<size_t>(p.at("numberOfIssuesToUpdate").as_int64()));
  // The selected issues are gone from search (and matched subtasks with them).
  EXPECT_LE(Count("statusCategory = Done AND updated < -365d"),
            before - p.at("issuesToArchive").as_int64());
  const Reply search =
      Get("/rest/api/3/search/"
          "jql?jql=statusCategory%20%3D%20Done%20AND%20updated%20%3C%20-365d&maxResults=5000&"
          "fields=key",
          admin_);
  ASSERT_EQ(search.status, 200);
  const json::value found = search.json();
  for (const json::value& issue : found.at("issues").as_array()) {
    const auto row = archive_->store().FindRowByKey(std::string(issue.at("key").as_string()));
    ASSERT_TRUE(row);
    EXPECT_FALSE(archive_->store().IsArchived(*row));
    EXPECT_NE(archive_->engine().Eligibility(*row), ArchiveEligibility::kEligible)
        << "every eligible match was archived: " << issue.at("key");
  }
  // The same JQL again finds nothing to archive: idempotent.
  const Reply again = Post("/rest/api/3/issue/archive", jql, admin_);
  ASSERT_EQ(again.status, 202);
  EXPECT_EQ(WaitForTask(TaskIdOf(again)).at("result").at("numberOfIssuesUpdated").as_int64(), 0);
}

TEST_F(ApiTest, OneArchiveTaskAtATimeAndCancelKeepsWhatWasDone) {
  Stop();
  // One issue per batch and a pause after each: a task that runs for a minute.
  Start(JQL_SOURCE_DIR "/data/sample", /*batch=*/1, server::Edition::kPremium,
        std::chrono::milliseconds(20));
  const Reply first =
      Post("/rest/api/3/issue/archive", R"({"jql":"created is not empty ORDER BY key"})", admin_);
  ASSERT_EQ(first.status, 202);
  const std::string id = TaskIdOf(first);
  const Reply second =
      Post("/rest/api/2/issue/archive", R"({"jql":"created is not empty"})", site_admin_);
  EXPECT_EQ(second.status, 412);
  EXPECT_EQ(
      second.body,
      "{\"errorMessages\":[\"An issue archival task is already running with ID " + id +
          ". To start a new one, cancel the task or wait for it to finish.\"],\"errors\":{}}");
  // Progress moves while it runs.
  int64_t progress = 0;
  for (int i = 0; i < 2000 && progress == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const json::value task = Get("/rest/api/3/task/" + id, admin_).json();
    if (const json::value* result = task.as_object().if_contains("result"))
      progress = result->at("issuesProcessed").as_int64();
  }
  EXPECT_GT(progress, 0);
  // A plain user can neither see nor cancel someone else's task.
  EXPECT_EQ(Get("/rest/api/3/task/" + id, user_).status, 403);
  const Reply denied = Post("/rest/api/3/task/" + id + "/cancel", "", user_);
  EXPECT_EQ(denied.status, 403);
  EXPECT_TRUE(denied.json().is_array());
  const Reply cancel = Post("/rest/api/3/task/" + id + "/cancel", "", admin_);
  EXPECT_EQ(cancel.status, 202);
  const json::object task = WaitForTask(id);
  EXPECT_EQ(task.at("status"), "CANCELLED");
  const int64_t updated = task.at("result").at("numberOfIssuesUpdated").as_int64();
  EXPECT_GT(updated, 0);
  EXPECT_EQ(archive_->store().ArchivedCount(), 84u + static_cast<size_t>(updated))
      << "issues archived before the cancel stay archived, and nothing after it";
  const Reply late = Post("/rest/api/3/task/" + id + "/cancel", "", admin_);
  EXPECT_EQ(late.status, 400);
  EXPECT_EQ(late.body, "[\"The task with ID " + id + " has already finished.\"]");
  const Reply missing = Post("/rest/api/3/task/999999/cancel", "", admin_);
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(missing.json().is_array());
  EXPECT_EQ(Get("/rest/api/3/task/999999", admin_).status, 404);
  // The lock is free again.
  const Reply next = Post("/rest/api/3/issue/archive", R"js({"jql":"created > now()"})js", admin_);
  EXPECT_EQ(next.status, 202) << next.body;
  EXPECT_EQ(WaitForTask(TaskIdOf(next)).at("status"), "COMPLETE");
}

TEST_F(ApiTest, ArchiveAndUnarchiveByKeysGroupWhatCannotBeDone) {
  const Rows rows = Classify();
  ASSERT_FALSE(rows.parents_with_subtasks.empty());
  ASSERT_FALSE(rows.subtasks.empty());
  ASSERT_FALSE(rows.unlicensed.empty());
  ASSERT_GE(rows.plain.size(), 2u);
  const uint32_t parent = rows.parents_with_subtasks[0];
  const size_t subtasks = archive_->engine().SubtasksOf(parent).size();
  const std::string plain_id =
      std::to_string(archive_->store().columns().id.values.Get(rows.plain[0]));
  json::array items{json::value(Key(parent)),
                    json::value(plain_id),
                    json::value(Key(rows.subtasks[0])),
                    json::value(Key(rows.unlicensed[0])),
                    json::value("NOPE-1"),
                    json::value("123456789")};
  const Reply r = Put("/rest/api/3/issue/archive",
                      json::serialize(json::object{{"issueIdsOrKeys", items}}), admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object body = r.json().as_object();
  EXPECT_EQ(body.at("numberOfIssuesUpdated").as_int64(), static_cast<int64_t>(2 + subtasks));
  const json::object& errors = body.at("errors").as_object();
  EXPECT_EQ(errors.at("issueIsSubtask").at("issueIdsOrKeys").as_array(),
            (json::array{json::value(Key(rows.subtasks[0]))}));
  EXPECT_EQ(errors.at("issueIsSubtask").at("message"), "Issue is subtask.");
  EXPECT_EQ(errors.at("issuesInUnlicensedProjects").at("count").as_int64(), 1);
  EXPECT_EQ(errors.at("issuesNotFound").at("issueIdsOrKeys").as_array(),
            (json::array{json::value("NOPE-1"), json::value("123456789")}));
  EXPECT_FALSE(errors.contains("issuesInArchivedProjects"));
  EXPECT_TRUE(archive_->store().IsArchived(parent));
  for (uint32_t s : archive_->engine().SubtasksOf(parent))
    EXPECT_TRUE(archive_->store().IsArchived(s));

  // Archiving them again: all are "not found" now, so nothing can be done: 400.
  const Reply again =
      Put("/rest/api/3/issue/archive",
          json::serialize(json::object{{"issueIdsOrKeys", json::array{json::value(Key(parent))}}}),
          admin_);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(
      again.body,
      R"({"errorMessages":["No valid issue to archive or unarchive. Bad request."],"errors":{}})");

  // Unarchiving the parent brings its subtasks back; a subtask cannot go alone.
  const Reply back = Put("/rest/api/2/issue/unarchive",
                         json::serialize(json::object{
                             {"issueIdsOrKeys", json::array{json::value(Key(parent)),
                                                            json::value(Key(rows.subtasks[0]))}}}),
                         admin_);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json().at("numberOfIssuesUpdated").as_int64(), static_cast<int64_t>(1 + subtasks));
  EXPECT_FALSE(archive_->store().IsArchived(parent));
  EXPECT_EQ(Count("key = " + Key(parent)), 1);
}

TEST_F(ApiTest, OverTheKeyLimitNothingIsDone) {
  json::array items;
  for (int i = 0; i < 1001; ++i) items.push_back(json::value(Key(static_cast<uint32_t>(i))));
  const Reply r = Put("/rest/api/3/issue/archive",
                      json::serialize(json::object{{"issueIdsOrKeys", items}}), admin_);
  EXPECT_EQ(r.status, 412);
  EXPECT_EQ(ErrorMessage(r),
            "The number of issues to archive or unarchive exceeds the hard limit of 1000. "
            "Precondition failed.");
  EXPECT_EQ(archive_->store().ArchivedCount(), 84u);
}

TEST_F(ApiTest, BadInputGetsJirasErrorShapeAndChangesNothing) {
  struct Case {
    std::string target;
    http::verb verb;
    std::string body;
    std::string content_type;
    int status;
    std::string message;
  };
  const std::string archive = "/rest/api/3/issue/archive";
  const std::vector<Case> cases = {
      {archive, http::verb::post, "{\"jql\": ", "application/json", 400, ""},
      {archive, http::verb::post, "[1,2]", "application/json", 400,
       "The request body must be a JSON object."},
      {archive, http::verb::post, R"({"jql":"project = A"})", "text/plain", 415, ""},
      {archive, http::verb::post, R"({"jql":"project = A"})", "", 415, ""},
      {archive, http::verb::post, R"({"jql":"x = 1","extra":true})", "application/json", 400,
       "Unrecognized field \"extra\": it is not one of this request's properties."},
      {archive, http::verb::post, "{}", "application/json", 400, "The JQL query is required."},
      {archive, http::verb::post, R"({"jql":""})", "application/json", 400,
       "The JQL query is required."},
      {archive, http::verb::post, R"({"jql":"   "})", "application/json", 400,
       "The JQL query is required."},
      {archive, http::verb::post, R"({"jql":42})", "application/json", 400,
       "The JQL query must be a string."},
      {archive, http::verb::post, "{\"jql\":\"summary ~ \xff\xfe\"}", "application/json", 400, ""},
      {archive, http::verb::post, R"({"jql":"project = "})", "application/json", 400, ""},
      {archive, http::verb::post, R"({"jql":"nosuchfield = 1"})", "application/json", 400,
       "Field 'nosuchfield' does not exist or you do not have permission to view it."},
      {archive, http::verb::put, R"({"issueIdsOrKeys":"X-1"})", "application/json", 400, ""},
      {archive, http::verb::put, R"({"issueIdsOrKeys":[{"a":1}]})", "application/json", 400, ""},
      {archive, http::verb::delete_, "", "", 405, ""},
      {"/rest/api/3/jql/parse?validation=bogus", http::verb::post, R"({"queries":["a = b"]})",
       "application/json", 400, ""},
      {"/rest/api/3/jql/parse", http::verb::post, R"({"queries":[]})", "application/json", 400, ""},
      {"/rest/api/3/search/jql?jql=created%20is%20not%20empty&nextPageToken=zzz", http::verb::get,
       "", "", 400, ""},
      {"/rest/api/3/search/jql?jql=created%20is%20not%20empty&maxResults=ten", http::verb::get, "",
       "", 400, ""},
      {"/rest/api/3/search/jql", http::verb::get, "", "", 400, ""},
      {"/rest/api/4/issue/archive", http::verb::get, "", "", 404, ""},
      {"/rest/api/3/task/%91x", http::verb::get, "", "", 400,
       "The request URL does not decode to valid UTF-8."},
      {"/rest/api/3/search/jql?jql=summary%20~%20%FF", http::verb::get, "", "", 400,
       "The request URL does not decode to valid UTF-8."},
      {"/rest/api/3/issues/archive/export", http::verb::put, R"({"projects":["NOPE"]})",
       "application/json", 400, ""},
      {"/rest/api/3/issues/archive/export", http::verb::put,
       R"({"archivedDateRange":{"dateAfter":"2024-13-01"}})", "application/json", 400, ""},
  };
  for (const Case& c : cases) {
    const Reply r = Send(port_, c.verb, c.target, c.body, admin_, c.content_type);
    EXPECT_EQ(r.status, c.status) << c.target << " " << c.body << " -> " << r.body;
    const json::value v = r.json();
    const bool array_shape = c.target.find("export") != std::string::npos && r.status == 400;
    if (array_shape) {
      ASSERT_TRUE(v.is_array()) << r.body;
      EXPECT_TRUE(v.as_array()[0].as_string().starts_with("Your filter contains invalid values"))
          << r.body;
    } else {
      ASSERT_TRUE(v.is_object() && v.as_object().contains("errorMessages") &&
                  v.as_object().contains("errors"))
          << c.target << " " << c.body << " -> " << r.body;
      EXPECT_FALSE(ErrorMessage(r).empty());
      if (!c.message.empty()) {
        EXPECT_EQ(ErrorMessage(r), c.message);
      }
    }
  }
  // A body over the limit (64 KiB in this fixture) is a 413, read no further.
  const Reply big = Post(archive, R"({"jql":")" + std::string(100000, 'a') + "\"}", admin_);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(ErrorMessage(big), "The request body is larger than the limit of 65536 bytes.");
  EXPECT_EQ(archive_->store().ArchivedCount(), 84u);
}

TEST_F(ApiTest, SlowAndHalfClosedConnectionsAreCutOffWithoutHarm) {
  namespace asio = boost::asio;
  asio::io_context io;
  // A client that sends half a request and then nothing: closed after the deadline.
  asio::ip::tcp::socket slow(io);
  slow.connect({asio::ip::make_address("127.0.0.1"), port_});
  asio::write(
      slow,
      asio::buffer(std::string(
          "POST /rest/api/3/issue/archive HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")));
  // A client that half-closes after half a request.
  asio::ip::tcp::socket half(io);
  half.connect({asio::ip::make_address("127.0.0.1"), port_});
  asio::write(half, asio::buffer(std::string("GET /rest/api/3/ta")));
  half.shutdown(asio::ip::tcp::socket::shutdown_send);
  // Garbage that is not HTTP at all gets a 400.
  const Reply still =
      Post("/rest/api/3/search/approximate-count", R"({"jql":"created is not empty"})", admin_);
  EXPECT_EQ(still.status, 200) << "others are served meanwhile";
  asio::ip::tcp::socket garbage(io);
  garbage.connect({asio::ip::make_address("127.0.0.1"), port_});
  asio::write(garbage, asio::buffer(std::string("\x16\x03\x01 not http\r\n\r\n")));
  char buffer[512];
  boost::system::error_code ec;
  const size_t n = garbage.read_some(asio::buffer(buffer), ec);
  EXPECT_TRUE(std::string(buffer, n).starts_with("HTTP/1.1 400")) << std::string(buffer, n);
  // The slow one is closed by the server (2 s deadline in this fixture).
  slow.read_some(asio::buffer(buffer), ec);
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
  EXPECT_EQ(archive_->store().ArchivedCount(), 84u);
}

TEST_F(ApiTest, JqlParseGivesJirasStructureOrErrors) {
  const Reply r = Post(
      "/rest/api/3/jql/parse",
      R"({"queries":["summary ~ test AND (labels in (urgent, blocker) OR assignee = currentUser()) AND status CHANGED AFTER startOfMonth(-1M) ORDER BY updated DESC","project = ","nosuch = 1","NOT status = Done"]})",
      user_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value parsed = r.json();
  const json::array& q = parsed.at("queries").as_array();
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(
      json::serialize(q[0].at("structure")),
      R"js({"where":{"operator":"and","clauses":[{"field":{"name":"summary","encodedName":"summary"},"operator":"~","operand":{"value":"test","encodedValue":"test"}},{"operator":"or","clauses":[{"field":{"name":"labels","encodedName":"labels"},"operator":"in","operand":{"values":[{"value":"urgent","encodedValue":"urgent"},{"value":"blocker","encodedValue":"blocker"}],"encodedOperand":"(urgent, blocker)"}},{"field":{"name":"assignee","encodedName":"assignee"},"operator":"=","operand":{"function":"currentUser","arguments":[],"encodedOperand":"currentUser()"}}]},{"field":{"name":"status","encodedName":"status"},"operator":"changed","predicates":[{"operator":"after","operand":{"function":"startOfMonth","arguments":["-1M"],"encodedOperand":"startOfMonth(-1M)"}}]}]},"orderBy":{"fields":[{"field":{"name":"updated","encodedName":"updated"},"direction":"desc"}]}})js");
  EXPECT_FALSE(q[1].as_object().contains("structure"));
  EXPECT_EQ(q[1].at("errors").as_array().size(), 1u);
  // Strict: "If validation fails, the query structure is not returned."
  EXPECT_FALSE(q[2].as_object().contains("structure"));
  EXPECT_EQ(q[2].at("errors").at(0),
            "Field 'nosuch' does not exist or you do not have permission to view it.");
  EXPECT_EQ(q[3].at("structure").at("where").at("operator"), "not");
  const Reply warn =
      Post("/rest/api/3/jql/parse?validation=warn", R"({"queries":["nosuch = 1"]})", user_);
  EXPECT_TRUE(warn.json().at("queries").at(0).as_object().contains("warnings"));
  // Warn: a well-formed query keeps its structure beside the warnings.
  EXPECT_TRUE(warn.json().at("queries").at(0).as_object().contains("structure"));
  EXPECT_FALSE(warn.json().at("queries").at(0).as_object().contains("errors"));
  const Reply none =
      Post("/rest/api/3/jql/parse?validation=none", R"({"queries":["nosuch = 1"]})", user_);
  EXPECT_EQ(none.json().at("queries").at(0).as_object().size(), 2u) << none.body;

  // An operand of the wrong shape parses and fails validation: Jira's message, without
  // a position; the structure only when validation is not strict.
  const std::string wrong_shape = R"({"queries":["summary in test"]})";
  const json::value strict =
      Post("/rest/api/3/jql/parse?validation=strict", wrong_shape, user_).json();
  EXPECT_FALSE(strict.at("queries").at(0).as_object().contains("structure"));
  EXPECT_EQ(strict.at("queries").at(0).at("errors").at(0),
            "Operator 'in' does not support the non-list value '\"test\"' for field 'summary'.");
  const json::value unchecked =
      Post("/rest/api/3/jql/parse?validation=none", wrong_shape, user_).json();
  EXPECT_EQ(unchecked.at("queries").at(0).at("structure").at("where").at("operator"), "in");

  // An entity property clause keeps its whole name, its entity, key and path.
  const json::value property =
      Post("/rest/api/3/jql/parse?validation=none",
           R"({"queries":["issue.property[support].level.code = 3"]})", user_)
          .json();
  const json::value& field = property.at("queries").at(0).at("structure").at("where").at("field");
  EXPECT_EQ(field.at("name"), "issue.property[support].level.code");
  EXPECT_EQ(json::serialize(field.at("property")),
            R"([{"entity":"issue","key":"support","path":"level.code"}])");
}

TEST_F(ApiTest, PagingWhileArchivingPageByPageSkipsNothing) {
  // The admin's workflow: search a page, archive it, fetch the next. With offsets the
  // second page started five issues late.
  const std::string jql = "created is not empty ORDER BY key";
  std::vector<std::string> expected;
  for (uint32_t row : archive_->engine().Execute(*archive_->engine().Compile(jql, {}).query).rows)
    expected.push_back(archive_->store().Key(row));
  ASSERT_GT(expected.size(), 40u);
  std::vector<std::string> seen;
  std::string token;
  for (int pages = 0; pages < 1000; ++pages) {
    json::object body{{"jql", jql}, {"maxResults", 5}, {"fields", json::array{"key"}}};
    if (!token.empty()) body["nextPageToken"] = token;
    const Reply r = Post("/rest/api/3/search/jql", json::serialize(body), admin_);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::object page = r.json().as_object();
    json::array keys;
    for (const json::value& issue : page.at("issues").as_array()) {
      seen.emplace_back(issue.at("key").as_string());
      keys.push_back(issue.at("key"));
    }
    // Archive the page just read (subtasks among it stay, as Jira leaves them).
    if (pages < 8) {
      const Reply archived = Put("/rest/api/3/issue/archive",
                                 json::serialize(json::object{{"issueIdsOrKeys", keys}}), admin_);
      ASSERT_EQ(archived.status, 200) << archived.body;
    }
    if (page.at("isLast").as_bool()) break;
    token = std::string(page.at("nextPageToken").as_string());
  }
  EXPECT_EQ(seen, expected);
}

TEST_F(ApiTest, LegacySearchPagesByOffsetWithTotalsAsDataCenterDoes) {
  const int64_t total = Count("created is not empty");
  std::set<std::string> keys;
  for (int64_t start = 0; start < total; start += 40) {
    const Reply r =
        Get("/rest/api/2/search?jql=created%20is%20not%20empty%20ORDER%20BY%20key"
            "&maxResults=40&startAt=" +
                std::to_string(start),
            user_);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value page = r.json();
    EXPECT_EQ(page.at("total"), total);
    EXPECT_EQ(page.at("startAt"), start);
    EXPECT_EQ(page.at("maxResults"), 40);
    for (const json::value& issue : page.at("issues").as_array()) {
      EXPECT_TRUE(keys.insert(std::string(issue.at("key").as_string())).second);
      // Every navigable field by default; the self link follows the version called.
      const json::object& fields = issue.at("fields").as_object();
      EXPECT_TRUE(fields.contains("summary") && fields.contains("status") &&
                  fields.contains("project"));
      EXPECT_FALSE(fields.contains("comment"));  // not navigable
      EXPECT_EQ(std::string(issue.at("self").as_string()).find(base_ + "/rest/api/2/issue/"), 0u);
    }
  }
  EXPECT_EQ(static_cast<int64_t>(keys.size()), total);
  // POST with fields; an unbounded query is allowed here, as in Data Center.
  const Reply post =
      Post("/rest/api/2/search", R"({"jql":"","maxResults":2,"fields":["summary"]})", user_);
  ASSERT_EQ(post.status, 200) << post.body;
  EXPECT_EQ(post.json().at("issues").at(0).at("fields").as_object().size(), 1u);
  EXPECT_EQ(Get("/rest/api/2/search?jql=created%20is%20not%20empty&startAt=x", user_).status, 400);
}

TEST_F(ApiTest, EnhancedSearchAndCountRefuseUnboundedQueries) {
  const std::string unbounded =
      "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.";
  for (const std::string jql : {"ORDER BY key", ""}) {
    const Reply count = Post("/rest/api/3/search/approximate-count",
                             json::serialize(json::object{{"jql", jql}}), user_);
    EXPECT_EQ(count.status, 400) << jql;
    const Reply search =
        Post("/rest/api/3/search/jql", json::serialize(json::object{{"jql", jql}}), user_);
    EXPECT_EQ(search.status, 400) << jql;
    EXPECT_NE(search.body.find(unbounded), std::string::npos) << search.body;
  }
}

TEST_F(ApiTest, ExcludingAFieldMeansEveryNavigableFieldButIt) {
  const Reply r =
      Get("/rest/api/3/search/jql?jql=created%20is%20not%20empty&maxResults=1&fields=-description",
          user_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object fields = r.json().at("issues").at(0).at("fields").as_object();
  EXPECT_FALSE(fields.contains("description"));
  EXPECT_TRUE(fields.contains("summary") && fields.contains("status") && fields.contains("created"))
      << json::serialize(fields);
  const Reply both =
      Get("/rest/api/3/search/jql?jql=created%20is%20not%20empty&maxResults=1&fields=*all,-summary",
          user_);
  EXPECT_FALSE(both.json().at("issues").at(0).at("fields").as_object().contains("summary"));
}

TEST_F(ApiTest, OneIssueByKeyOrIdWithFieldsAndExpansions) {
  // Generated data, which has change logs (the sample has none).
  Stop();
  auto generated = GenerateIssueStore({.issues = 300, .seed = 6, .history_per_issue = 2});
  ASSERT_TRUE(generated.ok());
  state_ = FreshDirectory("jql-issue-test");
  const std::string data = state_ + "-issues.jsonl";
  ASSERT_TRUE(WriteJiraJsonLines(*generated, data).ok());
  Start(data);
  std::filesystem::remove(data);
  const IssueStore& store = archive_->store();
  // An issue with a change log, to expand.
  size_t row = 0;
  while (row < store.rows() &&
         store.history().row_begin.Get(row) == store.history().row_begin.Get(row + 1))
    ++row;
  ASSERT_LT(row, store.rows()) << "the sample has no change log";
  const std::string key = store.Key(row);
  const std::string id = std::to_string(store.columns().id.values.Get(row));
  const Reply r = Get("/rest/api/2/issue/" + key + "?expand=changelog,names,schema", user_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value issue = r.json();
  EXPECT_EQ(issue.at("id"), id.c_str());
  EXPECT_EQ(issue.at("key"), key.c_str());
  EXPECT_EQ(issue.at("self"), (base_ + "/rest/api/2/issue/" + id).c_str());
  const json::object& fields = issue.at("fields").as_object();
  EXPECT_TRUE(fields.contains("summary") && fields.contains("comment"));  // *all by default
  const json::array& histories = issue.at("changelog").at("histories").as_array();
  EXPECT_EQ(histories.size(), static_cast<size_t>(store.history().row_begin.Get(row + 1) -
                                                  store.history().row_begin.Get(row)));
  EXPECT_EQ(issue.at("changelog").at("total"), histories.size());
  EXPECT_EQ(issue.at("names").at("summary"), "Summary");
  EXPECT_EQ(issue.at("schema").at("status").at("type"), "status");
  // By id; only the fields asked for; no expansions unless asked.
  const Reply some = Get("/rest/api/3/issue/" + id + "?fields=summary,status", user_);
  ASSERT_EQ(some.status, 200);
  EXPECT_EQ(some.json().at("fields").as_object().size(), 2u);
  EXPECT_FALSE(some.json().as_object().contains("changelog"));
  EXPECT_EQ(Get("/rest/api/3/issue/NOPE-1", user_).status, 404);
  EXPECT_EQ(Get("/rest/api/3/issue/" + key, std::nullopt).status, 401);
  // Archived, it is still there by key, and says so.
  ASSERT_EQ(
      Put("/rest/api/3/issue/archive",
          json::serialize(json::object{{"issueIdsOrKeys", json::array{json::string(key)}}}), admin_)
          .status,
      200);
  const Reply archived = Get("/rest/api/3/issue/" + key, user_);
  ASSERT_EQ(archived.status, 200);
  if (archive_->engine().Eligibility(row) == ArchiveEligibility::kEligible) {
    // As Jira Data Center shows an archived issue: who archived it, and when.
    const json::value shown = archived.json();
    EXPECT_EQ(shown.at("fields").at("archivedby").at("accountId"), "acc-admin") << archived.body;
    EXPECT_TRUE(shown.at("fields").at("archiveddate").is_string()) << archived.body;
    EXPECT_FALSE(shown.as_object().contains("archived"));  // not in Jira's IssueBean
  }
  // Search answers expand names and schema for the fields it returns.
  const Reply search = Post("/rest/api/3/search/jql",
                            R"({"jql":"created is not empty","maxResults":3,)"
                            R"("fields":["summary","priority"],"expand":"names,schema"})",
                            user_);
  ASSERT_EQ(search.status, 200) << search.body;
  EXPECT_EQ(search.json().at("names").as_object().size(), 2u) << search.body;
  EXPECT_EQ(search.json().at("schema").at("priority").at("system"), "priority");
}

// Every "self" link in an answer, at any depth.
void CollectSelfLinks(const json::value& v, std::vector<std::string>& out) {
  if (v.is_object()) {
    for (const auto& [key, value] : v.as_object()) {
      if (key == "self" && value.is_string()) out.emplace_back(value.as_string());
      CollectSelfLinks(value, out);
    }
  } else if (v.is_array()) {
    for (const json::value& e : v.as_array()) CollectSelfLinks(e, out);
  }
}

// The text of an Atlassian Document Format document: a line per paragraph.
std::string DocumentText(const json::value& doc) {
  std::string out;
  for (const json::value& paragraph : doc.at("content").as_array()) {
    if (!out.empty() || &paragraph != doc.at("content").as_array().data()) out += '\n';
    for (const json::value& node : paragraph.at("content").as_array())
      out += node.at("text").as_string();
  }
  return out;
}

TEST_F(ApiTest, IssuesLookLikeJirasAtEveryDepth) {
  Stop();
  auto generated = GenerateIssueStore({.issues = 400, .seed = 11, .history_per_issue = 1});
  ASSERT_TRUE(generated.ok());
  state_ = FreshDirectory("jql-shape-test");
  const std::string data = state_ + "-issues.jsonl";
  ASSERT_TRUE(WriteJiraJsonLines(*generated, data).ok());
  Start(data);
  std::filesystem::remove(data);
  const IssueStore& store = archive_->store();
  const IssueColumns& c = store.columns();
  // A subtask with a description, and a source of a link.
  std::optional<size_t> subtask, source;
  for (size_t row = 0; row < store.rows(); ++row) {
    if (!subtask && c.parent.IsValid(row) && !store.text().description.Get(row).empty())
      subtask = row;
    const Links& l = store.links();
    for (int64_t i = l.row_begin.Get(row); !source && i < l.row_begin.Get(row + 1); ++i)
      if (l.outward.Get(static_cast<size_t>(i))) source = row;
  }
  ASSERT_TRUE(subtask && source) << "the generated data has no subtask or no link";
  const std::string key = store.Key(*subtask);
  const auto parent = static_cast<size_t>(c.parent.values.Get(*subtask));

  for (const std::string version : {"2", "3"}) {
    SCOPED_TRACE("API v" + version);
    const std::string api = base_ + "/rest/api/" + version + "/";
    const Reply r = Get("/rest/api/" + version + "/issue/" + key + "?expand=renderedFields", user_);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value issue = r.json();
    const json::object& fields = issue.at("fields").as_object();
    // Rich text: a document in v3, plain text in v2; rendered as HTML paragraphs.
    const std::string description(store.text().description.Get(*subtask));
    if (version == "3") {
      EXPECT_EQ(fields.at("description").at("type"), "doc");
      EXPECT_EQ(DocumentText(fields.at("description")), description);
    } else {
      EXPECT_EQ(fields.at("description"), description.c_str());
    }
    EXPECT_EQ(std::string(issue.at("renderedFields").at("description").as_string()).rfind("<p>", 0),
              0u);
    // Nested objects link to themselves under the version called, never the other.
    std::vector<std::string> links;
    CollectSelfLinks(issue, links);
    EXPECT_GE(links.size(), 6u);  // the issue, project, type, status, its category, ...
    for (const std::string& link : links) EXPECT_EQ(link.rfind(api, 0), 0u) << link;
    EXPECT_EQ(fields.at("status").at("self"),
              (api + "status/" + std::string(fields.at("status").at("id").as_string())).c_str());
    EXPECT_TRUE(fields.at("status").at("statusCategory").as_object().contains("self"));
    EXPECT_TRUE(fields.at("project").as_object().contains("avatarUrls"));
    if (fields.at("reporter").is_object()) {
      const json::object& avatars = fields.at("reporter").at("avatarUrls").as_object();
      EXPECT_EQ(avatars.size(), 4u);
      const std::string avatar(avatars.at("48x48").as_string());
      EXPECT_EQ(avatar.rfind(base_ + "/", 0), 0u) << "an avatar on another origin: " << avatar;
      const Reply picture = Get(avatar.substr(base_.size()), std::nullopt);
      EXPECT_EQ(picture.status, 200);
      EXPECT_EQ(picture.content_type, "image/svg+xml");
    }
    // The parent with what it is; the parent with its subtasks.
    EXPECT_EQ(fields.at("parent").at("key"), store.Key(parent).c_str());
    EXPECT_EQ(fields.at("parent").at("fields").at("summary"),
              std::string(store.text().summary.Get(parent)).c_str());
    EXPECT_TRUE(fields.at("parent").at("fields").at("status").as_object().contains("name"));
  }
  const Reply parent_reply = Get("/rest/api/3/issue/" + store.Key(parent), user_);
  ASSERT_EQ(parent_reply.status, 200);
  std::set<std::string> shown, expected;
  const json::value parent_issue = parent_reply.json();
  for (const json::value& s : parent_issue.at("fields").at("subtasks").as_array())
    shown.insert(std::string(s.at("key").as_string()));
  for (uint32_t s : archive_->engine().SubtasksOf(parent)) expected.insert(store.Key(s));
  EXPECT_EQ(shown, expected);
  EXPECT_TRUE(shown.contains(key));

  // A link shows at both ends with one id: outward at its source, inward at its target.
  const Reply from = Get("/rest/api/3/issue/" + store.Key(*source) + "?fields=issuelinks", user_);
  ASSERT_EQ(from.status, 200);
  const json::object* outward = nullptr;
  const json::value from_issue = from.json();
  for (const json::value& link : from_issue.at("fields").at("issuelinks").as_array())
    if (link.as_object().contains("outwardIssue")) outward = &link.as_object();
  ASSERT_NE(outward, nullptr) << from.body;
  const std::string target(outward->at("outwardIssue").at("key").as_string());
  const Reply to = Get("/rest/api/3/issue/" + target + "?fields=issuelinks", user_);
  bool inward_found = false;
  const json::value to_issue = to.json();
  for (const json::value& link : to_issue.at("fields").at("issuelinks").as_array()) {
    if (link.as_object().contains("inwardIssue") &&
        link.at("inwardIssue").at("key") == store.Key(*source).c_str() &&
        link.at("id") == outward->at("id"))
      inward_found = true;
  }
  EXPECT_TRUE(inward_found) << to.body;
}

TEST_F(ApiTest, LinksFollowTheApiVersionCalled) {
  const Rows rows = Classify();
  const std::string key = Key(rows.plain[0]);
  const Reply r = Post("/rest/api/2/issue/archive", R"({"jql":"key = )" + key + R"("})", admin_);
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string url(r.json().as_string());
  EXPECT_EQ(url.rfind(base_ + "/rest/api/2/task/", 0), 0u) << url;
  const json::object task = WaitForTask(url.substr(url.rfind('/') + 1));
  const Reply v2 = Get(url.substr(base_.size()), admin_);
  ASSERT_EQ(v2.status, 200);
  EXPECT_EQ(v2.json().at("self"), url.c_str());
  const Reply v3 = Get("/rest/api/3/task/" + url.substr(url.rfind('/') + 1), admin_);
  EXPECT_EQ(std::string(v3.json().at("self").as_string()).rfind(base_ + "/rest/api/3/task/", 0),
            0u);
}

TEST_F(ApiTest, JqlMatchSaysWhichOfSomeIssuesEachQueryFinds) {
  const IssueStore& store = archive_->store();
  const Rows rows = Classify();
  const uint32_t a = rows.plain[0], b = rows.plain[1];
  const int64_t id_a = store.columns().id.values.Get(a), id_b = store.columns().id.values.Get(b);
  const std::string project_a = Key(a).substr(0, Key(a).find('-'));
  const json::object body{
      {"issueIds", json::array{id_a, id_b, 999999999}},
      {"jqls", json::array{json::string("key = " + Key(a)), json::string("project = " + project_a),
                           "nosuch = 1"}}};
  const Reply r = Post("/rest/api/3/jql/match", json::serialize(body), user_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value answer = r.json();
  const json::array& matches = answer.at("matches").as_array();
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].at("matchedIssues"), (json::array{id_a}));
  const bool b_in_project = Key(b).substr(0, Key(b).find('-')) == project_a;
  const json::array in_project = b_in_project ? json::array{id_a, id_b} : json::array{id_a};
  EXPECT_EQ(matches[1].at("matchedIssues"), in_project);
  EXPECT_TRUE(matches[2].at("matchedIssues").as_array().empty());
  EXPECT_EQ(matches[2].at("errors").at(0),
            "Field 'nosuch' does not exist or you do not have permission to view it.");
  // An archived issue is found by no query.
  ASSERT_EQ(
      Put("/rest/api/3/issue/archive",
          json::serialize(json::object{{"issueIdsOrKeys", json::array{json::string(Key(a))}}}),
          admin_)
          .status,
      200);
  const Reply after = Post("/rest/api/3/jql/match", json::serialize(body), user_);
  EXPECT_TRUE(after.json().at("matches").at(0).at("matchedIssues").as_array().empty());
  EXPECT_EQ(Post("/rest/api/3/jql/match", R"({"issueIds":"x","jqls":[]})", user_).status, 400);
}

TEST_F(ApiTest, SearchPagesThroughEveryMatchOnceWithTheFieldsAskedFor) {
  const int64_t total = Count("created is not empty");
  std::set<std::string> keys;
  std::string token;
  int pages = 0;
  for (;; ++pages) {
    json::object body{{"jql", "created is not empty ORDER BY key"},
                      {"maxResults", 700},
                      {"fields", json::array{"summary", "status"}}};
    if (!token.empty()) body["nextPageToken"] = token;
    const Reply r = Post("/rest/api/3/search/jql", json::serialize(body), user_);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::object page = r.json().as_object();
    // With fields beyond id and key a page holds at most 100 issues, as in Jira.
    EXPECT_LE(page.at("issues").as_array().size(), 100u);
    for (const json::value& issue : page.at("issues").as_array()) {
      EXPECT_TRUE(keys.insert(std::string(issue.at("key").as_string())).second);
      const json::object& fields = issue.at("fields").as_object();
      EXPECT_EQ(fields.size(), 2u);
      EXPECT_TRUE(fields.contains("summary") && fields.contains("status"));
    }
    if (page.at("isLast").as_bool()) {
      EXPECT_FALSE(page.contains("nextPageToken"));
      break;
    }
    token = std::string(page.at("nextPageToken").as_string());
  }
  EXPECT_EQ(static_cast<int64_t>(keys.size()), total);
  EXPECT_GT(pages, 2);
  const Reply none =
      Post("/rest/api/3/search/jql", R"({"jql":"created is not empty","maxResults":0})", user_);
  EXPECT_EQ(none.body, R"({"issues":[],"isLast":true})");
  // GET with fields as a comma list; ids only by default.
  const Reply ids =
      Get("/rest/api/3/search/jql?jql=created%20is%20not%20empty&maxResults=3", user_);
  ASSERT_EQ(ids.status, 200);
  EXPECT_FALSE(ids.json().at("issues").at(0).as_object().contains("fields"));
  const Reply some =
      Get("/rest/api/3/search/"
          "jql?jql=created%20is%20not%20empty&maxResults=3&fields=priority,-priority,key",
          user_);
  EXPECT_EQ(some.json().at("issues").at(0).at("fields").as_object().size(), 0u);
}

TEST_F(ApiTest, ExportListsArchivedIssuesAsCsvAtTheTasksFileUrl) {
  const Rows rows = Classify();
  const std::string key = Key(rows.plain[0]);
  ASSERT_EQ(
      Put("/rest/api/3/issue/archive", R"({"issueIdsOrKeys":[")" + key + R"("]})", admin_).status,
      200);
  const std::string project = key.substr(0, key.find('-'));
  const Reply r = Put(
      "/rest/api/3/issues/archive/export",
      R"({"projects":[")" + project +
          R"("],"archivedBy":["acc-admin"],"archivedDateRange":{"dateAfter":"2020-01-01","dateBefore":"2999-12-31"}})",
      admin_);
  ASSERT_EQ(r.status, 202) << r.body;
  const json::object accepted = r.json().as_object();
  EXPECT_EQ(accepted.at("status"), "ENQUEUED");
  EXPECT_EQ(accepted.at("progress").as_int64(), 0);
  // The payload echoes every filter given, the date range included.
  EXPECT_EQ(accepted.at("payload"),
            ("{projects=[" + project +
             "], reporters=[], issueTypes=[], archivedBy=[acc-admin], "
             "archivedDateRange={dateAfter=2020-01-01, dateBefore=2999-12-31}}")
                .c_str());
  const json::object task = WaitForTask(std::string(accepted.at("taskId").as_string()));
  ASSERT_EQ(task.at("status"), "COMPLETE") << json::serialize(task);
  EXPECT_EQ(task.at("result").at("numberOfIssues").as_int64(), 1);
  const std::string url(task.at("result").at("fileUrl").as_string());
  ASSERT_TRUE(url.starts_with(base_));
  const Reply csv = Get(url.substr(base_.size()), admin_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(csv.content_type.starts_with("text/csv"));
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 2);
  EXPECT_NE(csv.body.find("\n" + key + ","), std::string::npos);
  EXPECT_NE(csv.body.find(",acc-admin,"), std::string::npos);
  EXPECT_EQ(Get(url.substr(base_.size()), user_).status, 403);
}

}  // namespace
}  // namespace jql::testing
