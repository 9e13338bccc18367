// Real-shaped Jira JSON in, the same issues out: every fixture under data/fixtures that
// holds issues is loaded by the server and each issue fetched back through the API.
// The source is read here on its own (boost::json and this file's date parser), not
// through the loader, so the comparison does not share the code under test. Ids of
// the issue and of every entity in it, names, keys, users, dates, labels, versions,
// components, text, parent and links must come back as the source has them; and the
// source's ids must find the issues (`priority = 3` finds the Major ones).
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "jql/data_loader.h"
#include "server_fixture.h"

namespace jql::testing {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

const json::value* Member(const json::value& v, std::string_view key) {
  if (!v.is_object()) return nullptr;
  const json::value* m = v.as_object().if_contains(key);
  return m == nullptr || m->is_null() ? nullptr : m;
}

const json::value* Member(const json::value* v, std::string_view key) {
  return v == nullptr ? nullptr : Member(*v, key);
}

std::string Text(const json::value* v) {
  if (v == nullptr) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  return json::serialize(*v);
}

// Jira's "2011-12-15T15:35:06.000+1300" (or "Z", or "+13:00") as epoch milliseconds.
std::optional<int64_t> Instant(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0;
  char sign = 'Z';
  int oh = 0, om = 0;
  if (std::sscanf(std::string(s).c_str(), "%d-%d-%dT%d:%d:%d.%d", &y, &mo, &d, &h, &mi, &sec, &ms) <
      3)
    return std::nullopt;
  const size_t t = s.find('T');
  if (t != std::string_view::npos) {
    const size_t zone = s.find_first_of("+-Z", t);
    if (zone != std::string_view::npos && s[zone] != 'Z') {
      sign = s[zone];
      std::string digits;
      for (char c : s.substr(zone + 1))
        if (c != ':') digits += c;
      oh = std::stoi(digits.substr(0, 2));
      om = digits.size() >= 4 ? std::stoi(digits.substr(2, 2)) : 0;
    }
  }
  using namespace std::chrono;
  const sys_days day = year{y} / month{static_cast<unsigned>(mo)} / static_cast<unsigned>(d);
  int64_t out = duration_cast<milliseconds>(day.time_since_epoch()).count() +
                ((h * 60 + mi) * 60 + sec) * 1000LL + ms;
  const int64_t offset = (oh * 60 + om) * 60'000LL;
  if (sign == '+') out -= offset;
  if (sign == '-') out += offset;
  return out;
}

// Every non-space character of a text or of an Atlassian Document Format node, in
// order: the text without the layout either side may choose.
void Letters(const json::value& v, std::string& out) {
  if (v.is_string()) {
    for (char c : v.as_string())
      if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  } else if (v.is_object()) {
    if (const json::value* text = Member(v, "text")) Letters(*text, out);
    if (const json::value* content = Member(v, "content")) Letters(*content, out);
  } else if (v.is_array()) {
    for (const json::value& e : v.as_array()) Letters(e, out);
  }
}

std::string LettersOf(const json::value* v) {
  std::string out;
  if (v != nullptr) Letters(*v, out);
  return out;
}

// A user as the source names it: Cloud's accountId, else Server's name or key.
std::string UserId(const json::value* user) {
  for (const char* key : {"accountId", "name", "key"}) {
    if (const json::value* v = Member(*user, key)) return Text(v);
  }
  return "";
}

std::set<std::pair<std::string, std::string>> IdsAndNames(const json::value* list) {
  std::set<std::pair<std::string, std::string>> out;
  if (list == nullptr) return out;
  for (const json::value& e : list->as_array())
    out.emplace(Text(Member(e, "id")), Text(Member(e, "name")));
  return out;
}

class FixtureRoundTripTest : public ServerFixture {};

TEST_F(FixtureRoundTripTest, EveryFixtureIssueComesBackAsTheSourceHasIt) {
  size_t files = 0, issues = 0, compared_fields = 0, id_queries = 0;
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(JQL_SOURCE_DIR "/data/fixtures")) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  for (const std::string& path : paths) {
    if (!LoadIssueStore(path).ok()) continue;  // projects, statuses, ...: not issues
    SCOPED_TRACE(path);
    std::ifstream in(path);
    const json::value source = json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
    std::vector<const json::value*> source_issues;
    if (const json::value* list = Member(source, "issues")) {
      for (const json::value& issue : list->as_array()) source_issues.push_back(&issue);
    } else {
      source_issues.push_back(&source);
    }
    ++files;
    Stop();
    state_ = FreshDirectory("jql-fixture-test");
    Start(path);
    std::set<std::string> keys;
    for (const json::value* issue : source_issues) keys.insert(Text(Member(*issue, "key")));

    // (JQL field, the source's id) -> the keys of the source's issues with it.
    std::map<std::pair<std::string, std::string>, std::set<std::string>> keys_by_id;
    for (const json::value* issue : source_issues) {
      const std::string key = Text(Member(*issue, "key"));
      SCOPED_TRACE(key);
      const Reply reply = Get("/rest/api/2/issue/" + key, user_);
      ASSERT_EQ(reply.status, 200) << reply.body;
      const json::value served = reply.json();
      ++issues;
      EXPECT_EQ(Text(Member(served, "id")), Text(Member(*issue, "id")));
      // The key as given; or, where it is from before its project's key changed (its
      // prefix is not the project's key), the current key, as Jira answers.
      const std::string project_key =
          Text(Member(Member(Member(*issue, "fields"), "project"), "key"));
      const std::string number = key.substr(key.rfind('-'));
      EXPECT_EQ(
          Text(Member(served, "key")),
          project_key.empty() || key.rfind(project_key + "-", 0) == 0 ? key : project_key + number);
      const json::value* want_fields = Member(*issue, "fields");
      if (want_fields == nullptr) continue;  // an issue without fields: nothing to compare
      const json::value& want = *want_fields;
      ASSERT_NE(Member(served, "fields"), nullptr);
      const json::value& got = *Member(served, "fields");
      auto compare = [&](const std::string& what, const std::string& a, const std::string& b) {
        EXPECT_EQ(a, b) << what;
        ++compared_fields;
      };
      for (const char* entity : {"project", "issuetype", "status", "priority", "resolution"}) {
        const json::value* w = Member(want, entity);
        if (w == nullptr) continue;
        const json::value* g = Member(got, entity);
        ASSERT_NE(g, nullptr) << entity;
        if (Member(*w, "id") != nullptr)
          compare(std::string(entity) + ".id", Text(Member(*g, "id")), Text(Member(*w, "id")));
        if (Member(*w, "name") != nullptr)
          compare(std::string(entity) + ".name", Text(Member(*g, "name")),
                  Text(Member(*w, "name")));
      }
      if (Member(want, "project") != nullptr)
        compare("project.key", Text(Member(Member(got, "project"), "key")),
                Text(Member(Member(want, "project"), "key")));
      for (const char* entity : {"project", "issuetype", "status", "priority", "resolution"}) {
        if (const json::value* id = Member(Member(want, entity), "id"))
          keys_by_id[{entity, Text(id)}].insert(key);
      }
      for (const char* user : {"assignee", "reporter", "creator"}) {
        const json::value* w = Member(want, user);
        if (w == nullptr || UserId(w).empty()) continue;
        const json::value* g = Member(got, user);
        ASSERT_NE(g, nullptr) << user;
        compare(user, Text(Member(*g, "accountId")), UserId(w));
      }
      for (const char* date : {"created", "updated", "resolutiondate"}) {
        const json::value* w = Member(want, date);
        if (w == nullptr) continue;
        const json::value* g = Member(got, date);
        ASSERT_NE(g, nullptr) << date;
        const std::optional<int64_t> expected =
            w->is_int64() ? std::optional<int64_t>(w->as_int64()) : Instant(Text(w));
        EXPECT_EQ(Instant(Text(g)), expected) << date << ": " << Text(g) << " vs " << Text(w);
        ++compared_fields;
      }
      if (const json::value* due = Member(want, "duedate"))
        compare("duedate", Text(Member(got, "duedate")), Text(due).substr(0, 10));
      for (const char* list : {"components", "fixVersions", "versions"}) {
        if (Member(want, list) == nullptr) continue;
        EXPECT_EQ(IdsAndNames(Member(got, list)), IdsAndNames(Member(want, list))) << list;
        ++compared_fields;
      }
      if (const json::value* labels = Member(want, "labels")) {
        std::set<std::string> w, g;
        for (const json::value& l : labels->as_array()) w.insert(Text(&l));
        if (const json::value* served_labels = Member(got, "labels"))
          for (const json::value& l : served_labels->as_array()) g.insert(Text(&l));
        EXPECT_EQ(g, w) << "labels";
        ++compared_fields;
      }
      for (const char* text : {"summary", "description", "environment"})
        compare(text, LettersOf(Member(got, text)), LettersOf(Member(want, text)));
      if (const json::value* parent = Member(want, "parent");
          parent && keys.contains(Text(Member(*parent, "key"))))
        compare("parent", Text(Member(Member(got, "parent"), "key")), Text(Member(*parent, "key")));
      // Links to issues of the same file, from either end.
      if (const json::value* links = Member(want, "issuelinks")) {
        std::set<std::string> w, g;
        for (const json::value& link : links->as_array()) {
          for (const char* end : {"outwardIssue", "inwardIssue"})
            if (const json::value* other = Member(link, end);
                other && keys.contains(Text(Member(*other, "key"))))
              w.insert(std::string(end) + " " + Text(Member(*other, "key")));
        }
        const json::value* served_links = Member(got, "issuelinks");
        for (const json::value& link : served_links ? served_links->as_array() : json::array{}) {
          for (const char* end : {"outwardIssue", "inwardIssue"})
            if (const json::value* other = Member(link, end)) {
              g.insert(std::string(end) + " " + Text(Member(*other, "key")));
            }
        }
        for (const std::string& link : w) EXPECT_TRUE(g.contains(link)) << link;
        ++compared_fields;
      }
    }
    // The source's own ids find exactly its issues with those entities.
    for (const auto& [field_and_id, expected] : keys_by_id) {
      const std::string jql = field_and_id.first + " = " + field_and_id.second;
      const Reply r = Post("/rest/api/3/search/jql",
                           R"({"jql":")" + jql + R"(","fields":["key"],"maxResults":100})", user_);
      ASSERT_EQ(r.status, 200) << jql << ": " << r.body;
      std::set<std::string> found, wanted;
      const json::value answer = r.json();
      for (const json::value& issue : answer.at("issues").as_array())
        found.insert(Text(Member(issue, "key")));
      // Served keys are current keys (see above).
      for (const std::string& k : expected) {
        const Reply one = Get("/rest/api/2/issue/" + k + "?fields=key", user_);
        wanted.insert(Text(Member(one.json(), "key")));
      }
      EXPECT_EQ(found, wanted) << jql;
      ++id_queries;
    }
  }
  EXPECT_EQ(files, 10u);
  EXPECT_GT(issues, 25u);
  EXPECT_GT(id_queries, 20u);
  std::cout << files << " fixture files, " << issues << " issues, " << compared_fields
            << " fields compared, " << id_queries << " queries by the source's ids\n";
}

}  // namespace
}  // namespace jql::testing
