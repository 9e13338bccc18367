// Runs the archive server in the test process on 127.0.0.1 (a free port), over a
// data set and a fresh state directory, with three users: an admin, a site admin
// and a plain user.
#ifndef JQL_TESTS_SERVER_SERVER_FIXTURE_H_
#define JQL_TESTS_SERVER_SERVER_FIXTURE_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <thread>

#include "archive/durable_archive.h"
#include "archive/task_manager.h"
#include "http_client.h"
#include "server/auth.h"
#include "server/http_server.h"
#include "server/jira_api.h"
#include "server/response_recorder.h"

namespace jql::testing {

namespace http = boost::beast::http;

inline std::string FreshDirectory(const std::string& name) {
  std::random_device random;
  const auto dir = std::filesystem::temp_directory_path() /
                   (name + "-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

class ServerFixture : public ::testing::Test {
 protected:
  const Credentials admin_{"admin@example.com", "admin-token"};
  const Credentials site_admin_{"site@example.com", "site-token"};
  const Credentials user_{"user@example.com", "user-token"};

  void SetUp() override { state_ = FreshDirectory("jql-server-test"); }
  void TearDown() override {
    Stop();
    std::error_code ec;
    std::filesystem::remove_all(state_, ec);
  }

  void Start(const std::string& data = JQL_SOURCE_DIR "/data/sample", size_t batch = 1000,
             server::Edition edition = server::Edition::kPremium,
             std::chrono::milliseconds batch_pause = std::chrono::milliseconds(0)) {
    const std::string users_file = state_ + "-users.json";
    {
      std::ofstream out(users_file);
      out << R"({"users":[)"
          << R"({"email":"admin@example.com","accountId":"acc-admin","role":"admin","id":10001,"tokenSha256":")"
          << server::Sha256Hex("admin-token") << R"("},)"
          << R"({"email":"site@example.com","accountId":"acc-site","role":"site-admin","tokenSha256":")"
          << server::Sha256Hex("site-token") << R"("},)"
          << R"({"email":"user@example.com","accountId":"acc-user","role":"user","tokenSha256":")"
          << server::Sha256Hex("user-token") << R"("}]})";
    }
    auto users = server::UserDirectory::LoadFile(users_file);
    ASSERT_TRUE(users.ok()) << users.status().message();
    users_ = std::make_unique<server::UserDirectory>(std::move(*users));
    std::vector<boost::json::object> records;
    auto archive = archive::DurableArchive::Open(state_, data, &records);
    ASSERT_TRUE(archive.ok()) << archive.status().message();
    archive_ = std::move(*archive);
    server::HttpServerOptions options;
    options.threads = 2;
    options.body_limit = 64 * 1024;
    options.request_timeout = std::chrono::seconds(2);
    // `make test` records every response for the OpenAPI schema check.
    if (const char* dir = std::getenv("JQL_RECORD_RESPONSES"); dir != nullptr && *dir != '\0') {
      auto recorder = server::ResponseRecorder::Open(dir);
      ASSERT_TRUE(recorder.ok()) << recorder.status().message();
      recorder_ = std::move(*recorder);
    }
    http_ = std::make_unique<server::HttpServer>(
        [this](const server::HttpRequest& r, server::RequestLog& log) {
          server::HttpResponse response = api_->Handle(r, log);
          if (recorder_) recorder_->Record(r, response);
          return response;
        },
        options);
    ASSERT_TRUE(http_->Listen().ok());
    port_ = http_->port();
    base_ = "http://127.0.0.1:" + std::to_string(port_);
    archive::TaskOptions task_options;
    task_options.batch_size = batch;
    task_options.batch_pause = batch_pause;
    task_options.retention_ms = retention_ms_;
    task_options.state_dir = state_;
    task_options.base_url = base_;
    tasks_ = std::make_unique<archive::TaskManager>(*archive_, task_options);
    tasks_->Recover(records);
    api_ = std::make_unique<server::JiraApi>(*archive_, *tasks_, *users_, ApiOptionsFor(edition));
    thread_ = std::thread([this] { http_->Run(); });
  }

  // What the API is started with; a test may change api_options_ before Start.
  server::ApiOptions ApiOptionsFor(server::Edition edition) {
    server::ApiOptions options = api_options_;
    options.base_url = base_;
    options.edition = edition;
    return options;
  }

  void Stop() {
    if (!http_) return;
    http_->Stop();
    thread_.join();
    EXPECT_TRUE(tasks_->Shutdown().ok());
    api_.reset();
    tasks_.reset();
    http_.reset();
    archive_.reset();
  }

  Reply Get(const std::string& target, const std::optional<Credentials>& who) {
    return Send(port_, http::verb::get, target, "", who);
  }
  Reply Post(const std::string& target, const std::string& body,
             const std::optional<Credentials>& who) {
    return Send(port_, http::verb::post, target, body, who);
  }
  Reply Put(const std::string& target, const std::string& body,
            const std::optional<Credentials>& who) {
    return Send(port_, http::verb::put, target, body, who);
  }

  // Polls a task until it leaves the active states (at most ~60 s).
  boost::json::object WaitForTask(const std::string& id) {
    for (int i = 0; i < 6000; ++i) {
      const Reply r = Get("/rest/api/3/task/" + id, admin_);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) return {};
      boost::json::object task = r.json().as_object();
      const std::string status(task.at("status").as_string());
      if (status != "ENQUEUED" && status != "RUNNING" && status != "CANCEL_REQUESTED") return task;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "task " << id << " did not finish";
    return {};
  }

  int64_t Count(const std::string& jql) {
    const Reply r = Post("/rest/api/3/search/approximate-count",
                         boost::json::serialize(boost::json::object{{"jql", jql}}), admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json().at("count").as_int64() : -1;
  }

  std::string state_;
  server::ApiOptions api_options_;
  int64_t retention_ms_ = archive::TaskOptions{}.retention_ms;
  std::unique_ptr<server::UserDirectory> users_;
  std::unique_ptr<archive::DurableArchive> archive_;
  std::unique_ptr<archive::TaskManager> tasks_;
  std::unique_ptr<server::ResponseRecorder> recorder_;  // outlives the handler using it
  std::unique_ptr<server::JiraApi> api_;
  std::unique_ptr<server::HttpServer> http_;
  std::thread thread_;
  uint16_t port_ = 0;
  std::string base_;
};

// The task id at the end of the task URL a 202 returns (a JSON string).
inline std::string TaskIdOf(const Reply& reply) {
  const std::string url(reply.json().as_string());
  return url.substr(url.rfind('/') + 1);
}

inline std::string ErrorMessage(const Reply& reply) {
  const boost::json::value v = reply.json();
  if (!v.is_object() || !v.as_object().contains("errorMessages"))
    return "<not an ErrorCollection: " + reply.body + ">";
  const auto& list = v.at("errorMessages").as_array();
  return list.empty() ? "" : std::string(list[0].as_string());
}

}  // namespace jql::testing

#endif  // JQL_TESTS_SERVER_SERVER_FIXTURE_H_
