// A bounded load test: several keep-alive connections send a few thousand search,
// count and JQL parse requests to the real server while an archive task runs.
// Every request must succeed, and the number of visible issues may only fall (an
// archive batch is seen whole or not at all). Prints requests per second and
// latency percentiles. Sizes: JQL_LOAD_ISSUES (default 100000), JQL_LOAD_REQUESTS
// (4000), JQL_LOAD_CONNECTIONS (8).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "http_client.h"
#include "server_fixture.h"
#include "server_process.h"

namespace jql::testing {
namespace {

namespace json = boost::json;

size_t EnvOr(const char* name, size_t fallback) {
  const char* v = std::getenv(name);
  return v ? static_cast<size_t>(std::atoll(v)) : fallback;
}

TEST(LoadTest, SearchAndParseStayCorrectAndFastDuringAnArchive) {
  const size_t issues = EnvOr("JQL_LOAD_ISSUES", 100000);
  const size_t requests = EnvOr("JQL_LOAD_REQUESTS", 4000);
  const size_t connections = EnvOr("JQL_LOAD_CONNECTIONS", 8);
  const std::string dir = FreshDirectory("jql-load-test");
  const std::string data = dir + "/issues.snapshot";
  ASSERT_EQ(std::system((std::string(JQL_BINARY) + " gen " + std::to_string(issues) +
                         " --seed 3 --out " + data + " >/dev/null 2>&1")
                            .c_str()),
            0);
  ServerProcess server;
  ASSERT_TRUE(
      server.Start(JQL_BINARY, {"--data", data, "--state", dir + "/state", "--listen",
                                "127.0.0.1:0", "--archive-batch", "50", "--archive-pause-ms", "50",
                                // One user on 8 connections: a throughput test, not a
                                // test of the per-user limit (which would answer 429).
                                "--per-user-concurrency", "8"}))
      << server.output();
  const Credentials admin{"admin@example.com", server.token()};
  const Reply started = Send(server.port(), http::verb::post, "/rest/api/3/issue/archive",
                             R"({"jql":"created is not empty ORDER BY created ASC"})", admin);
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string task = TaskIdOf(started);

  const std::vector<std::string> searches = {
      "project = PADT AND status = Open",
      "statusCategory = Done AND updated < -365d ORDER BY updated ASC",
      "assignee is EMPTY AND priority in (High, Highest)",
      "labels in (lbl-prupa, lbl-brainal) AND resolution = Unresolved",
      "summary ~ crash",
      "created >= -52w AND issuetype = Bug ORDER BY key DESC",
      "status WAS \"In Progress\" AND resolution CHANGED TO Done"};
  std::atomic<size_t> next{0}, errors{0}, non_monotonic{0};
  std::mutex mutex;
  std::vector<double> latencies;
  std::string first_error;
  const auto begin = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (size_t c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      Connection connection(server.port());
      std::vector<double> mine;
      int64_t last_visible = INT64_MAX;
      for (size_t i; (i = next++) < requests;) {
        const std::string& jql = searches[(i + c) % searches.size()];
        const auto t0 = std::chrono::steady_clock::now();
        Reply r;
        switch (i % 4) {
          case 0:
          case 1:
            r = connection.Send(http::verb::post, "/rest/api/3/search/jql",
                                json::serialize(json::object{
                                    {"jql", jql},
                                    {"maxResults", 50},
                                    {"fields", json::array{"summary", "status", "assignee"}}}),
                                admin);
            break;
          case 2:
            r = connection.Send(
                http::verb::post, "/rest/api/3/jql/parse",
                json::serialize(json::object{{"queries", json::array{json::value(jql)}}}), admin);
            break;
          default:
            r = connection.Send(http::verb::post, "/rest/api/3/search/approximate-count",
                                R"({"jql":"created is not empty"})", admin);
            if (r.status == 200) {
              const int64_t visible = r.json().at("count").as_int64();
              if (visible > last_visible) ++non_monotonic;
              last_visible = visible;
            }
        }
        mine.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
        if (r.status != 200) {
          ++errors;
          std::lock_guard lock(mutex);
          if (first_error.empty()) first_error = std::to_string(r.status) + " " + r.body;
        }
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (std::thread& t : threads) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  const Reply status = Send(server.port(), http::verb::get, "/rest/api/3/task/" + task, "", admin);
  const std::string task_status(status.json().at("status").as_string());
  EXPECT_EQ(task_status, "RUNNING") << "the archive must still be running when the load ends";
  EXPECT_EQ(errors.load(), 0u) << first_error;
  EXPECT_EQ(non_monotonic.load(), 0u) << "a count went up while issues were only being archived";
  ASSERT_EQ(latencies.size(), requests);
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    return latencies[std::min(latencies.size() - 1, static_cast<size_t>(p * latencies.size()))];
  };
  std::printf(
      "load: %zu requests on %zu connections over %zu issues during an archive: %.0f requests/s, "
      "p50 %.2f ms, p99 %.2f ms, max %.2f ms, %zu errors\n",
      requests, connections, issues, static_cast<double>(requests) / seconds, pct(0.5), pct(0.99),
      latencies.back(), errors.load());
  EXPECT_EQ(server.Terminate(), 0) << server.output();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace jql::testing
