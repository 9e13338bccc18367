// One user's heavy searches against another user's trivial one, through the real
// HTTP server and Jira API in process, over a generated store (JQL_BENCH_SIZES,
// default 1,000,000 issues). User A keeps two searches of 2,000 ORed `id = k`
// clauses running without pause on two client threads; each iteration measures a
// trivial search by user B (`key = K`, a count). The target of the "one user
// stalls everybody" finding: B's median at or under 100 ms while A's run.
// Also: the heavy search alone, and B's query with nobody else searching.
#include <benchmark/benchmark.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../tests/server/http_client.h"
#include "archive/durable_archive.h"
#include "archive/task_manager.h"
#include "jql/generator.h"
#include "jql/snapshot.h"
#include "server/auth.h"
#include "server/http_server.h"
#include "server/jira_api.h"

namespace {

using namespace jql;
namespace http = boost::beast::http;

int64_t Issues() {
  const char* sizes = std::getenv("JQL_BENCH_SIZES");
  return sizes ? std::atoll(sizes) : 1'000'000;
}

// The server over a generated store, started once for all benchmarks.
struct Server {
  std::string dir;
  std::unique_ptr<server::UserDirectory> users;
  std::unique_ptr<archive::DurableArchive> archive;
  std::unique_ptr<archive::TaskManager> tasks;
  std::unique_ptr<server::JiraApi> api;
  std::unique_ptr<server::HttpServer> http;
  std::thread serving;
  std::string heavy_jql;          // 2,000 ORed id clauses
  std::string heavy;              // {"jql": heavy_jql}
  std::vector<std::string> keys;  // for B's trivial queries

  Server() {
    dir = (std::filesystem::temp_directory_path() / "jql-isolation-bench").string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    GenerateOptions options;
    options.issues = Issues();
    options.history_per_issue = 0;
    auto store = GenerateIssueStore(options);
    if (!store.ok() || !SaveSnapshot(std::move(*store), dir + "/issues.snapshot").ok())
      std::abort();
    std::ofstream(dir + "/users.json")
        << R"({"users":[{"email":"a@x.org","accountId":"a","role":"admin","tokenSha256":")"
        << server::Sha256Hex("a") << R"("},{"email":"b@x.org","accountId":"b","tokenSha256":")"
        << server::Sha256Hex("b") << R"("}]})";
    users = std::make_unique<server::UserDirectory>(
        *server::UserDirectory::LoadFile(dir + "/users.json"));
    std::vector<boost::json::object> records;
    auto opened = archive::DurableArchive::Open(dir + "/state", dir + "/issues.snapshot", &records);
    if (!opened.ok()) std::abort();
    archive = std::move(*opened);
    server::HttpServerOptions http_options;  // the jql serve defaults on 2 cores
    http_options.threads = 2;
    http_options.workers = 4;
    http = std::make_unique<server::HttpServer>(
        [this](const server::HttpRequest& r, server::RequestLog& log) {
          return api->Handle(r, log);
        },
        http_options);
    if (!http->Listen().ok()) std::abort();
    const std::string base = "http://127.0.0.1:" + std::to_string(http->port());
    archive::TaskOptions task_options;
    task_options.state_dir = dir + "/state";
    task_options.base_url = base;
    tasks = std::make_unique<archive::TaskManager>(*archive, task_options);
    api = std::make_unique<server::JiraApi>(*archive, *tasks, *users, server::ApiOptions{base});
    serving = std::thread([this] { http->Run(); });
    std::string jql;
    const IssueStore& s = archive->store();
    for (int i = 0; i < 2000; ++i) {
      if (i) jql += " OR ";
      jql += "id = " +
             std::to_string(s.columns().id.values.Get(static_cast<size_t>(i) * 397 % s.rows()));
    }
    heavy_jql = jql;
    heavy = boost::json::serialize(boost::json::object{{"jql", jql}});
    for (size_t i = 0; i < 1000; ++i) keys.push_back(s.Key(i * 7919 % s.rows()));
  }
  ~Server() {
    http->Stop();
    serving.join();
    (void)tasks->Shutdown();
    std::filesystem::remove_all(dir);
  }
};

Server& TheServer() {
  static Server* server = new Server();
  return *server;
}

const testing::Credentials kA{"a@x.org", "a"}, kB{"b@x.org", "b"};

int Post(testing::Connection& c, const std::string& target, const std::string& body,
         const testing::Credentials& who) {
  return c.Send(http::verb::post, target, body, who).status;
}

// User B's trivial count; range(0) threads of user A search meanwhile. Every query
// text is new (a clause more for A, another key for B), so each one is parsed: the
// compiled-query cache does not hide the parse.
void TrivialWhileHeavy(benchmark::State& state) {
  Server& s = TheServer();
  std::atomic<bool> stop{false};
  std::atomic<int> heavy_done{0};
  std::vector<std::thread> heavy;
  for (int i = 0; i < state.range(0); ++i) {
    heavy.emplace_back([&, i] {
      testing::Connection c(s.http->port());
      for (int64_t n = 1; !stop; ++n) {
        const std::string body = boost::json::serialize(
            boost::json::object{{"jql", s.heavy_jql + " OR id = " + std::to_string(-(n * 4 + i))}});
        if (Post(c, "/rest/api/3/search/approximate-count", body, kA) == 200) ++heavy_done;
      }
    });
  }
  if (state.range(0) > 0) std::this_thread::sleep_for(std::chrono::milliseconds(300));
  testing::Connection b(s.http->port());
  size_t next = 0;
  for (auto _ : state) {
    const std::string trivial = boost::json::serialize(
        boost::json::object{{"jql", "key = " + s.keys[next++ % s.keys.size()]}});
    if (Post(b, "/rest/api/3/search/approximate-count", trivial, kB) != 200)
      state.SkipWithError("the trivial query failed");
  }
  stop = true;
  for (std::thread& t : heavy) t.join();
  state.counters["heavy_searches"] = heavy_done.load();
}
BENCHMARK(TrivialWhileHeavy)
    ->Arg(0)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(40)
    ->Repetitions(3);

// The heavy search alone: 2,000 ORed id clauses, merged into one row list.
void HeavyAlone(benchmark::State& state) {
  Server& s = TheServer();
  testing::Connection a(s.http->port());
  for (auto _ : state) {
    if (Post(a, "/rest/api/3/search/approximate-count", s.heavy, kA) != 200)
      state.SkipWithError("the heavy query failed");
  }
}
BENCHMARK(HeavyAlone)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);

}  // namespace

BENCHMARK_MAIN();
