// Any bytes as a request to the archive server's API (in process, no sockets): the
// first byte picks the method and endpoint, the next the content type, the rest is
// the body (or the query string, for GET). Whatever comes in, the handler must answer
// with a JSON body and no 5xx, and a refused request (4xx) must not change which
// issues are archived.
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "archive/durable_archive.h"
#include "archive/task_manager.h"
#include "server/auth.h"
#include "server/jira_api.h"

namespace {

namespace http = boost::beast::http;
using namespace jql;

struct Server {
  std::string token = server::RandomToken();
  server::UserDirectory users = server::UserDirectory::WithDefaultAdmin(token);
  std::unique_ptr<archive::DurableArchive> archive;
  std::unique_ptr<archive::TaskManager> tasks;
  std::unique_ptr<server::JiraApi> api;

  Server() {
    char dir[] = "/tmp/jql-api-fuzz-XXXXXX";
    if (mkdtemp(dir) == nullptr) std::abort();
    std::vector<boost::json::object> records;
    auto opened = archive::DurableArchive::Open(dir, JQL_SOURCE_DIR "/data/sample", &records);
    if (!opened.ok()) std::abort();
    archive = std::move(*opened);
    archive::TaskOptions options;
    options.state_dir = dir;
    options.base_url = "http://127.0.0.1:1";
    tasks = std::make_unique<archive::TaskManager>(*archive, options);
    api = std::make_unique<server::JiraApi>(*archive, *tasks, users,
                                            server::ApiOptions{"http://127.0.0.1:1"});
  }
};

struct Route {
  http::verb verb;
  const char* target;
};
constexpr Route kRoutes[] = {
    {http::verb::post, "/rest/api/3/issue/archive"},
    {http::verb::put, "/rest/api/3/issue/archive"},
    {http::verb::put, "/rest/api/2/issue/unarchive"},
    {http::verb::post, "/rest/api/3/issue/archive/preview"},
    {http::verb::put, "/rest/api/3/issues/archive/export"},
    {http::verb::post, "/rest/api/3/jql/parse"},
    {http::verb::post, "/rest/api/3/jql/parse?validation=warn"},
    {http::verb::post, "/rest/api/3/search/jql"},
    {http::verb::get, "/rest/api/3/search/jql?"},
    {http::verb::post, "/rest/api/3/search/approximate-count"},
    {http::verb::get, "/rest/api/3/task/"},
    {http::verb::post, "/rest/api/3/task/10000/cancel"},
    {http::verb::get, "/rest/api/3/"},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Server* server = new Server();
  if (size < 2) return 0;
  const Route& route = kRoutes[data[0] % std::size(kRoutes)];
  const std::string rest(reinterpret_cast<const char*>(data + 2), size - 2);
  std::string target = route.target;
  server::HttpRequest request;
  request.method(route.verb);
  request.version(11);
  if (route.verb == http::verb::get) {
    target += rest;
  } else {
    request.body() = rest;
  }
  if (target.find_first_of("\r\n") != std::string::npos) return 0;  // not a request line
  request.target(target);
  static const char* kTypes[] = {"application/json", "application/json; charset=utf-8",
                                 "text/plain", ""};
  if (*kTypes[data[1] % 4]) request.set(http::field::content_type, kTypes[data[1] % 4]);
  request.set(http::field::authorization,
              "Basic " + server::Base64Encode("admin@example.com:" + server->token));
  request.prepare_payload();

  server->tasks->WaitIdle();
  const size_t archived = server->archive->store().ArchivedCount();
  server::RequestLog log;
  const server::HttpResponse response = server->api->Handle(request, log);
  // Let a task this request started finish, so that it cannot change the archived
  // state under the next input's check.
  server->tasks->WaitIdle();
  const unsigned status = response.result_int();
  if (status >= 500) std::abort();
  if (status >= 400 && server->archive->store().ArchivedCount() != archived) std::abort();
  if (!response.body().empty() &&
      response[http::field::content_type].starts_with("application/json")) {
    boost::system::error_code ec;
    boost::json::parse(response.body(), ec);
    if (ec) std::abort();
  }
  return 0;
}
