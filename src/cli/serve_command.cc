// jql serve: the archive server (Jira's archive, task, search and parse endpoints)
// over a data set, with its durable state in --state.
#include <pthread.h>
#include <signal.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "archive/durable_archive.h"
#include "archive/task_manager.h"
#include "cli/commands.h"
#include "cli/data_commands.h"
#include "cli/progress_display.h"
#include "clickhouse/cluster_backend.h"
#include "server/auth.h"
#include "server/http_server.h"
#include "server/jira_api.h"
#include "server/log_writer.h"
#include "server/response_recorder.h"

namespace jql::cli {
namespace {

struct ServeOptions {
  std::string data;
  std::string listen = "127.0.0.1:8080";
  std::string state;
  std::string users;
  std::string edition = "premium";
  std::string base_url;
  int threads = 0;
  bool lazy_indexes = false;
  std::string record_responses;  // a folder: every JSON answer recorded (for tests)
  std::string log_format = "text";
  size_t archive_batch = 1000;
  int archive_pause_ms = 0;
  size_t body_limit = 1 << 20;
  size_t header_limit = 16 * 1024;
  size_t max_connections = 1024;
  int workers = 0;
  int request_timeout = 30;
  double query_timeout = 30;
  size_t per_user_concurrency = 2;
  size_t test_faults = 0;
  int test_latency_ms = 0;
  std::string backend;  // clickhouse://...: queries and archive marks shared there
};

// The default admin's token, kept in the state directory (mode 0600) so that it stays
// the same from one start to the next; made at the first start.
StatusOr<std::string> DefaultAdminToken(const std::string& state_dir) {
  const std::string path = state_dir + "/default-admin-token";
  if (std::ifstream in(path); in) {
    std::string token;
    std::getline(in, token);
    if (token.size() >= 20) return token;
  }
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  const std::string token = server::RandomToken();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::write(fd, (token + "\n").data(), token.size() + 1) !=
                    static_cast<ssize_t>(token.size() + 1)) {
    if (fd >= 0) ::close(fd);
    return Status(StatusCode::kInternal, "cannot keep the default admin's token in " + path);
  }
  ::fsync(fd);
  ::close(fd);
  return token;
}

int Run(const ServeOptions& o) {
  const size_t colon = o.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "jql serve: --listen must be HOST:PORT, e.g. 127.0.0.1:8080\n";
    return kUsageOrIoError;
  }
  // The host as written goes into URLs ("[::1]", "localhost"); the address to bind is
  // without brackets, and localhost is the IPv4 loopback.
  const std::string host = o.listen.substr(0, colon);
  std::string bind_host = host;
  if (bind_host.size() > 2 && bind_host.front() == '[' && bind_host.back() == ']')
    bind_host = bind_host.substr(1, bind_host.size() - 2);
  if (bind_host == "localhost") bind_host = "127.0.0.1";
  int port = -1;
  try {
    port = std::stoi(o.listen.substr(colon + 1));
  } catch (...) {
  }
  if (port < 0 || port > 65535) {
    std::cerr << "jql serve: bad port in --listen " << o.listen << "\n";
    return kUsageOrIoError;
  }
  const std::optional<server::Edition> edition = server::ParseEdition(o.edition);
  if (!edition) {
    std::cerr << "jql serve: --edition must be free, standard, premium or enterprise\n";
    return kUsageOrIoError;
  }
  std::string token;
  server::UserDirectory users;
  if (o.users.empty()) {
    auto kept = DefaultAdminToken(o.state);
    if (!kept.ok()) {
      std::cerr << "jql serve: " << kept.status().message() << "\n";
      return kUsageOrIoError;
    }
    token = *kept;
    users = server::UserDirectory::WithDefaultAdmin(token);
  } else {
    auto loaded = server::UserDirectory::LoadFile(o.users);
    if (!loaded.ok()) {
      std::cerr << "jql serve: " << loaded.status().message() << "\n";
      return kUsageOrIoError;
    }
    users = std::move(*loaded);
  }

  // SIGTERM and SIGINT are taken by one thread (below), never by the pool's threads.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);   // reloads --users
  sigaddset(&signals, SIGUSR1);  // ends the load watcher (below)
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  sigdelset(&signals, SIGUSR1);

  server::LogWriter log(std::cout, o.log_format == "json" ? server::LogWriter::Format::kJson
                                                          : server::LogWriter::Format::kText);
  // The port is taken before the data is loaded: a busy port fails at once, not after
  // minutes of loading.
  server::HttpServerOptions http;
  http.address = bind_host;
  http.port = static_cast<uint16_t>(port);
  http.threads = o.threads > 0 ? o.threads : std::max(2u, std::thread::hardware_concurrency());
  // More workers than one user may keep busy, so that others are still served.
  http.workers =
      o.workers > 0
          ? o.workers
          : static_cast<int>(std::max<size_t>({4, 2 * std::thread::hardware_concurrency(),
                                               2 * std::max<size_t>(1, o.per_user_concurrency)}));
  http.body_limit = o.body_limit;
  http.header_limit = o.header_limit;
  http.max_connections = std::max<size_t>(1, o.max_connections);
  http.request_timeout = std::chrono::seconds(o.request_timeout);
  http.log = [&log](const server::LogRecord& record) { log.Write(record); };
  std::unique_ptr<server::JiraApi> api;
  std::unique_ptr<server::ResponseRecorder> recorder;
  if (!o.record_responses.empty()) {
    auto opened = server::ResponseRecorder::Open(o.record_responses);
    if (!opened.ok()) {
      std::cerr << "jql serve: " << opened.status().message() << "\n";
      return kUsageOrIoError;
    }
    recorder = std::move(*opened);
  }
  server::HttpServer http_server(
      [&api, &recorder](const server::HttpRequest& request, server::RequestLog& log) {
        server::HttpResponse response = api->Handle(request, log);
        if (recorder) recorder->Record(request, response);
        return response;
      },
      http);
  if (Status s = http_server.Listen(); !s.ok()) {
    std::cerr << "jql serve: " << s.message() << "\n";
    return kUsageOrIoError;
  }
  // Loading a large data set takes a while: Ctrl-C or SIGTERM then stops at once. The
  // state is as a crash would leave it, which the journal is made for.
  std::atomic<bool> loaded{false};
  std::atomic<int> pending_signal{0};
  std::thread load_watcher([&] {
    sigset_t watched = signals;
    sigaddset(&watched, SIGUSR1);  // "loading is over"
    int received = 0;
    sigwait(&watched, &received);
    if (received == SIGUSR1) return;
    if (!loaded) {
      log.Warning("interrupted while loading (signal " + std::to_string(received) + ")");
      std::_Exit(128 + received);
    }
    pending_signal = received;  // came as loading ended: the server takes it below
  });
  log.Info("loading " + o.data + " ...");
  const auto load_start = std::chrono::steady_clock::now();
  std::vector<boost::json::object> task_records;
  // Progress on a terminal's stderr while the log (stdout) is quiet; the log keeps
  // its own "loading"/"loaded" records.
  ProgressDisplay display("loading " + o.data, "bytes");
  auto archive =
      archive::DurableArchive::Open(o.state, o.data, &task_records, LoadProgressOn(display));
  display.Finish("");
  loaded = true;
  pthread_kill(load_watcher.native_handle(), SIGUSR1);
  load_watcher.join();
  if (!archive.ok()) {
    std::cerr << "jql serve: " << archive.status().message() << "\n";
    return kUsageOrIoError;
  }
  if (!o.backend.empty()) {
    // Queries are evaluated there and archive marks kept there, so that every server
    // on the same store sees the others' archives.
    const Status shared = [&]() -> Status {
      StatusOr<clickhouse::Target> target = clickhouse::ParseTarget(o.backend);
      if (!target.ok()) return target.status();
      auto backend = clickhouse::ClusterBackend::Open(
          *target, (*archive)->store(),
          static_cast<int>(std::ceil(std::max(0.001, o.query_timeout))));
      if (!backend.ok()) return backend.status();
      return (*archive)->set_shared(std::move(*backend));
    }();
    if (!shared.ok()) {
      std::cerr << "jql serve: --backend " << o.backend << ": " << shared.message() << "\n";
      return kUsageOrIoError;
    }
    log.Info("queries and archive marks on " + o.backend);
  }
  char seconds[32];
  std::snprintf(
      seconds, sizeof seconds, "%.2f",
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count());
  log.Info("loaded " + std::to_string((*archive)->store().rows()) + " issues from " +
           (*archive)->loaded_from() + " (" + std::to_string((*archive)->store().ArchivedCount()) +
           " archived) in " + seconds + " s");

  const std::string base_url =
      o.base_url.empty() ? "http://" + host + ":" + std::to_string(http_server.port()) : o.base_url;
  archive::TaskOptions task_options;
  task_options.batch_size = std::max<size_t>(1, o.archive_batch);
  task_options.batch_pause = std::chrono::milliseconds(std::max(0, o.archive_pause_ms));
  task_options.state_dir = o.state;
  task_options.base_url = base_url;
  archive::TaskManager tasks(**archive, task_options);
  tasks.Recover(task_records);
  server::ApiOptions api_options{base_url, *edition};
  api_options.query_timeout =
      std::chrono::milliseconds(static_cast<int64_t>(std::max(0.001, o.query_timeout) * 1000));
  api_options.per_user_concurrency = std::max<size_t>(1, o.per_user_concurrency);
  api_options.fault_every = o.test_faults;
  api_options.latency = std::chrono::milliseconds(std::max(0, o.test_latency_ms));
  api = std::make_unique<server::JiraApi>(**archive, tasks, users, api_options);

  // The default admin's credentials are for the person at the terminal, not a log record.
  if (!token.empty()) std::cout << "user: admin@example.com\ntoken: " << token << std::endl;
  log.Info("listening on " + base_url);

  // The text indexes and history layouts are built now, in the background, so that
  // no user's first `~` or WAS pays for them; /readyz says 503 until they are done.
  std::atomic<bool> stop_warming{false};
  std::thread warming;
  // With a backend no query runs in process: nothing to build.
  if (!o.lazy_indexes && o.backend.empty()) {
    api->set_ready(false);
    warming = std::thread([&] {
      const auto start = std::chrono::steady_clock::now();
      ProgressDisplay display("building indexes", "fields");
      (*archive)->engine().BuildIndexes(&stop_warming, [&](size_t done, size_t total) {
        display.Update(static_cast<double>(done), static_cast<double>(total));
      });
      display.Finish("");
      if (stop_warming) return;
      api->set_ready(true);
      log.Info(
          "indexes built in " +
          std::to_string(
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()) +
          " s; ready");
    });
  }

  std::thread signal_thread([&] {
    int received = pending_signal;
    if (received == 0) sigwait(&signals, &received);
    // SIGHUP reads the users file again, as nginx rereads its configuration: users and
    // tokens change without a restart. A file that does not load changes nothing.
    while (received == SIGHUP) {
      if (o.users.empty()) {
        log.Warning("SIGHUP: there is no --users file to reload");
      } else if (auto reloaded = server::UserDirectory::LoadFile(o.users); reloaded.ok()) {
        users.Replace(*reloaded);
        log.Info("SIGHUP: reloaded " + std::to_string(reloaded->users().size()) + " users from " +
                 o.users);
      } else {
        log.Error("SIGHUP: kept the users as they were: " + reloaded.status().message());
      }
      sigwait(&signals, &received);
    }
    log.Info("stopping (signal " + std::to_string(received) + ")");
    // Queries running now stop at their next block (503): the drain need not wait.
    if (api) api->CancelQueries();
    http_server.Stop();
  });
  http_server.Run();
  // A build in progress finishes its current field, then stops.
  stop_warming = true;
  if (warming.joinable()) warming.join();
  if (signal_thread.joinable()) {
    // Run also returns when Stop was called otherwise; wake the signal thread then.
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
  }
  // The API goes before the archive it observes: it was made first (the port is taken
  // before the data is loaded), so it would otherwise be destroyed last.
  api.reset();
  const Status shut = tasks.Shutdown();
  if (!shut.ok()) {
    std::cerr << "jql serve: compacting the journal failed: " << shut.message()
              << " (the journal is intact; it is replayed at the next start)\n";
    return kUsageOrIoError;
  }
  log.Info("stopped; state compacted into " + o.state + "/store.snapshot");
  return kOk;
}

}  // namespace

void RegisterServe(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* cmd =
      app.add_subcommand("serve", "Serve Jira's archive, task, search and JQL parse REST API.");
  cmd->add_option("--data", options->data,
                  "the issues: CSV, Jira JSON or JSON Lines, a folder, or a snapshot")
      ->required();
  cmd->add_option("--state", options->state,
                  "directory for the archive journal, snapshots and exports")
      ->required();
  cmd->add_option("--listen", options->listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option(
      "--users", options->users,
      "users file (JSON with SHA-256 token hashes); without it one admin with a new token");
  cmd->add_option("--edition", options->edition, "free, standard, premium or enterprise")
      ->capture_default_str();
  cmd->add_option("--base-url", options->base_url,
                  "URL clients reach the server at (for self and task URLs)");
  cmd->add_option("--threads", options->threads,
                  "HTTP I/O threads (default: the cores, at least 2)");
  cmd->add_option("--archive-batch", options->archive_batch,
                  "top-level issues per synced archive batch")
      ->capture_default_str();
  cmd->add_option("--archive-pause-ms", options->archive_pause_ms,
                  "pause after each archive batch (throttles long archives)")
      ->capture_default_str();
  cmd->add_option("--body-limit", options->body_limit, "largest request body in bytes")
      ->capture_default_str();
  cmd->add_option("--header-limit", options->header_limit,
                  "largest request line, header or chunked trailer in bytes")
      ->capture_default_str();
  cmd->add_option("--max-connections", options->max_connections,
                  "open connections at once (idle ones are closed first at the cap)")
      ->capture_default_str();
  cmd->add_option("--workers", options->workers,
                  "threads that run requests (default: twice the cores, at least 4)");
  cmd->add_option("--query-timeout", options->query_timeout,
                  "seconds one search, count or preview may run before it is stopped (503)")
      ->capture_default_str();
  cmd->add_option("--per-user-concurrency", options->per_user_concurrency,
                  "searches one user may run at once; more get 429 with Retry-After")
      ->capture_default_str();
  cmd->add_option("--request-timeout", options->request_timeout,
                  "seconds a client has to send a request")
      ->capture_default_str();
  cmd->add_option("--backend", options->backend,
                  "clickhouse://HOST:PORT[,HOST:PORT...]/DB[?cluster=NAME]: evaluate queries and "
                  "keep archive marks in that ClickHouse store (pushed from --data with jql "
                  "push), shared with every server that names it");
  cmd->add_option("--test-faults", options->test_faults,
                  "Testing clients: answer every Nth API request 429 or 503 in turn (0: never)");
  cmd->add_option("--test-latency-ms", options->test_latency_ms,
                  "Testing clients: wait this long before answering each API request");
  cmd->add_flag("--lazy-indexes", options->lazy_indexes,
                "Build each text index and history layout on the first query that needs it "
                "instead of at start (less memory for sites that never search text or history; "
                "that first query is slower)");
  cmd->add_option("--log-format", options->log_format,
                  "text (the default: time, level, message) or json (one object per line)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--record-responses", options->record_responses,
                  "Append every JSON response to a file in this folder (the test suites check "
                  "them against Atlassian's OpenAPI schemas)")
      ->group("");  // a test aid, not for operators
  cmd->callback([options, &exit_code] { exit_code = Run(*options); });
}

}  // namespace jql::cli
