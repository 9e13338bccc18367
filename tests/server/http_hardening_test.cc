// What a hostile or broken client can send at the HTTP level: every case is answered
// with a 4xx (or 501) in Jira's error shape, the server keeps serving others, and
// nothing it refuses changes data.
#include <fcntl.h>
#include <sys/resource.h>

#include "raw_http.h"
#include "server_fixture.h"

namespace jql::testing {
namespace {

class HttpHardeningTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    Start();
  }

  std::string Auth() const { return "Authorization: " + admin_.Header() + "\r\n"; }

  // A request the server must still answer after whatever came before.
  void ExpectStillServing() {
    const Reply r =
        Post("/rest/api/3/search/approximate-count", R"({"jql":"project = PCVX"})", admin_);
    EXPECT_EQ(r.status, 200) << r.body;
  }

  std::string Chunked(const std::string& target, const std::string& body,
                      const std::string& trailer) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx", body.size());
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + Auth() +
           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\n" +
           body + "\r\n0\r\n" + trailer + "\r\n";
  }
};

TEST_F(HttpHardeningTest, ATrailerFieldOverBeastsFieldLimitIsRefusedNotACrash) {
  // Beast throws std::length_error for a field value over 65,535 bytes; unbounded,
  // that throw ended the process before authentication.
  for (size_t size : {70'000u, 20'000u, 65'534u}) {
    const std::string reply =
        Exchange(port_, Chunked("/rest/api/3/search/approximate-count", R"({"jql":"id = 1"})",
                                "X-Big: " + std::string(size, 'a') + "\r\n"));
    EXPECT_EQ(FirstStatus(reply), 431) << size << ": " << reply.substr(0, 200);
    EXPECT_NE(reply.find("errorMessages"), std::string::npos);
    ExpectStillServing();
  }
  // A small trailer is fine.
  const std::string ok = Exchange(port_, Chunked("/rest/api/3/search/approximate-count",
                                                 R"({"jql":"id = 1"})", "X-Small: 1\r\n"));
  EXPECT_EQ(FirstStatus(ok), 200) << ok;
}

TEST_F(HttpHardeningTest, AChunkExtensionOrChunkHeaderWithoutEndIsRefused) {
  const std::string head = "POST /rest/api/3/search/approximate-count HTTP/1.1\r\nHost: x\r\n" +
                           Auth() +
                           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string reply = Exchange(port_, head + "5;ext=" + std::string(100'000, 'e') + "\r\n");
  EXPECT_EQ(FirstStatus(reply), 431) << reply.substr(0, 200);
  const std::string hex = Exchange(port_, head + std::string(50'000, '0') + "1\r\n");
  EXPECT_GE(FirstStatus(hex), 400) << hex.substr(0, 200);
  EXPECT_LT(FirstStatus(hex), 500) << hex.substr(0, 200);
  ExpectStillServing();
}

TEST_F(HttpHardeningTest, OversizedStartLineAndHeadersHaveTheirOwnStatuses) {
  const std::string uri =
      Exchange(port_, "GET /rest/api/3/search/jql?jql=" + std::string(20'000, 'a') +
                          " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(FirstStatus(uri), 414) << uri.substr(0, 200);
  std::string many = "GET /rest/api/3/task/1 HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 2000; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  const std::string headers = Exchange(port_, many + "\r\n");
  EXPECT_EQ(FirstStatus(headers), 431) << headers.substr(0, 200);
  const std::string one = Exchange(port_, "GET /rest/api/3/task/1 HTTP/1.1\r\nHost: x\r\nX-A: " +
                                              std::string(70'000, 'v') + "\r\n\r\n");
  EXPECT_EQ(FirstStatus(one), 431) << one.substr(0, 200);
  ExpectStillServing();
}

TEST_F(HttpHardeningTest, TransferCodingsOtherThanAFinalChunkedAreRefusedAndTheBodyNeverRuns) {
  const int64_t archived_before = static_cast<int64_t>(archive_->store().ArchivedCount());
  // The body is a whole second request: were it read as one, it would archive.
  const std::string smuggled = "PUT /rest/api/3/issue/archive HTTP/1.1\r\nHost: x\r\n" + Auth() +
                               "Content-Type: application/json\r\nContent-Length: 30\r\n\r\n" +
                               R"({"issueIdsOrKeys":["PCVX-1"]})" + " ";
  struct Case {
    std::string coding;
    int status;
  };
  for (const Case& c : {Case{"gzip", 400}, Case{"chunked, gzip", 400}, Case{"xchunked", 400},
                        Case{"chunked;q=1, identity", 400}, Case{"chunked, chunked", 400},
                        Case{"gzip, chunked", 501}, Case{"", 400}}) {
    const std::string request =
        "POST /rest/api/3/search/approximate-count HTTP/1.1\r\nHost: x\r\n" + Auth() +
        "Content-Type: application/json\r\nTransfer-Encoding: " + c.coding + "\r\n\r\n" + smuggled;
    RawConnection connection(port_);
    connection.Write(request);
    const std::string reply = connection.ReadAll();
    EXPECT_EQ(FirstStatus(reply), c.status) << "'" << c.coding << "': " << reply.substr(0, 300);
    EXPECT_EQ(ResponseCount(reply), 1) << "'" << c.coding << "': " << reply;
    EXPECT_TRUE(connection.closed()) << c.coding;
  }
  // Transfer-Encoding together with Content-Length, and in HTTP/1.0.
  for (const std::string& head :
       {std::string("POST /rest/api/3/search/approximate-count HTTP/1.1\r\nHost: x\r\n"
                    "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"),
        std::string("POST /rest/api/3/search/approximate-count HTTP/1.0\r\n"
                    "Transfer-Encoding: chunked\r\n")}) {
    const std::string reply = Exchange(port_, head + Auth() + "\r\n0\r\n\r\n" + smuggled);
    EXPECT_EQ(FirstStatus(reply), 400) << reply.substr(0, 300);
    EXPECT_EQ(ResponseCount(reply), 1) << reply;
  }
  EXPECT_EQ(static_cast<int64_t>(archive_->store().ArchivedCount()), archived_before);
  EXPECT_EQ(Count("key = PCVX-1"), 1);
}

TEST_F(HttpHardeningTest, HostHeadAndContentEncodingFollowTheRfc) {
  const std::string no_host =
      Exchange(port_, "GET /rest/api/3/task/1 HTTP/1.1\r\n" + Auth() + "\r\n");
  EXPECT_EQ(FirstStatus(no_host), 400) << no_host;
  const std::string two_hosts = Exchange(
      port_, "GET /rest/api/3/task/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + Auth() + "\r\n");
  EXPECT_EQ(FirstStatus(two_hosts), 400) << two_hosts;
  // HTTP/1.0 needs no Host.
  const std::string old =
      Exchange(port_, "GET /rest/api/3/task/999 HTTP/1.0\r\n" + Auth() + "\r\n");
  EXPECT_EQ(FirstStatus(old), 404) << old;

  // HEAD: GET's status and headers, no body.
  const std::string get = Exchange(
      port_, "GET /rest/api/3/search/jql?jql=project%20%3D%20PCVX HTTP/1.1\r\nHost: x\r\n" +
                 Auth() + "Connection: close\r\n\r\n");
  const std::string head = Exchange(
      port_, "HEAD /rest/api/3/search/jql?jql=project%20%3D%20PCVX HTTP/1.1\r\nHost: x\r\n" +
                 Auth() + "Connection: close\r\n\r\n");
  EXPECT_EQ(FirstStatus(get), 200);
  EXPECT_EQ(FirstStatus(head), 200) << head;
  const size_t get_body = get.find("\r\n\r\n") + 4;
  EXPECT_GT(get.size(), get_body);
  EXPECT_EQ(head.size(), head.find("\r\n\r\n") + 4) << "HEAD answered with a body";
  EXPECT_NE(head.find("Content-Length: " + std::to_string(get.size() - get_body)),
            std::string::npos)
      << head;

  const std::string gzip = Exchange(
      port_,
      "POST /rest/api/3/search/approximate-count HTTP/1.1\r\nHost: x\r\n" + Auth() +
          "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 16\r\n\r\n"
          R"({"jql":"id = 1"})");
  EXPECT_EQ(FirstStatus(gzip), 415) << gzip;
}

TEST_F(HttpHardeningTest, AuthorizationIsParsedStrictlyAndNeverAnswers500) {
  for (const std::string& header : std::vector<std::string>{
           "Basic ====", "Basic A===", "Basic =", "Basic AAAA====", "Basic ", "Basic", "Basic !!!!",
           "Basic " + std::string(20'000, 'A'), "Bearer abc", "basicAAAA"}) {
    const std::string reply = Exchange(port_,
                                       "GET /rest/api/3/task/1 HTTP/1.1\r\nHost: x\r\n"
                                       "Authorization: " +
                                           header + "\r\n\r\n");
    const int status = FirstStatus(reply);
    EXPECT_TRUE(status == 401 || status == 431) << header.substr(0, 40) << ": " << reply;
    EXPECT_EQ(reply.find("exception"), std::string::npos) << reply;
    EXPECT_EQ(reply.find("basic_string"), std::string::npos) << reply;
  }
  // The scheme is case-insensitive.
  for (std::string_view scheme : {"basic", "BASIC", "bAsIc"}) {
    const std::string reply = Exchange(
        port_,
        "GET /rest/api/3/task/999 HTTP/1.1\r\nHost: x\r\nAuthorization: " + std::string(scheme) +
            " " + server::Base64Encode("admin@example.com:admin-token") + "\r\n\r\n");
    EXPECT_EQ(FirstStatus(reply), 404) << scheme << ": " << reply;
  }
}

TEST(HttpServerTest, AnExceptionInTheHandlerIsA500WithoutItsText) {
  server::HttpServerOptions options;
  std::vector<std::string> log;
  std::mutex log_mutex;
  options.log = [&](const server::LogRecord& record) {
    std::lock_guard lock(log_mutex);
    log.push_back(record.Text());
  };
  server::HttpServer http(
      [](const server::HttpRequest&, server::RequestLog&) -> server::HttpResponse {
        throw std::runtime_error("secret internal detail");
      },
      options);
  ASSERT_TRUE(http.Listen().ok());
  std::thread serving([&] { http.Run(); });
  const std::string reply = Exchange(http.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  http.Stop();
  serving.join();
  EXPECT_EQ(FirstStatus(reply), 500) << reply;
  EXPECT_EQ(reply.find("secret"), std::string::npos) << reply;
  EXPECT_NE(reply.find("errorMessages"), std::string::npos) << reply;
  std::lock_guard lock(log_mutex);
  bool logged = false;
  for (const std::string& line : log) logged = logged || line.find("secret") != std::string::npos;
  EXPECT_TRUE(logged) << "the exception's text belongs in the log";
}

server::HttpServerOptions SmallServer(size_t max_connections) {
  server::HttpServerOptions options;
  options.max_connections = max_connections;
  options.request_timeout = std::chrono::seconds(30);
  return options;
}

server::HttpResponse Hello(const server::HttpRequest& request, server::RequestLog&) {
  server::HttpResponse res(boost::beast::http::status::ok, request.version());
  res.body() = "{}";
  res.prepare_payload();
  return res;
}

TEST(HttpServerTest, AtTheConnectionCapIdleConnectionsAreShedFirst) {
  server::HttpServer http(Hello, SmallServer(4));
  ASSERT_TRUE(http.Listen().ok());
  std::thread serving([&] { http.Run(); });
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 4; ++i) idle.push_back(std::make_unique<RawConnection>(http.port()));
  for (int i = 0; i < 100 && http.open_connections() < 4; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(http.open_connections(), 4u);
  // A fifth client is served: the oldest idle connection makes room.
  const std::string reply = Exchange(http.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(FirstStatus(reply), 200) << reply;
  idle[0]->ReadAll(std::chrono::milliseconds(500));
  EXPECT_TRUE(idle[0]->closed()) << "the oldest idle connection was not closed";
  EXPECT_LE(http.open_connections(), 4u);
  http.Stop();
  serving.join();
}

// Not in the sanitizer build: with every descriptor taken, UBSan's vptr check cannot
// open the pipe it probes memory with and reports valid objects as invalid. The
// Release build runs this test in CI.
#if !defined(__SANITIZE_ADDRESS__)
TEST(HttpServerTest, RunningOutOfFileDescriptorsPausesAcceptingInsteadOfSpinning) {
  server::HttpServer http(Hello, SmallServer(100000));
  ASSERT_TRUE(http.Listen().ok());
  std::thread serving([&] { http.Run(); });
  // The clients' sockets first, then every descriptor left taken, then the
  // clients connect: the server cannot accept them.
  std::vector<std::unique_ptr<RawConnection>> clients;
  for (int i = 0; i < 8; ++i) clients.push_back(std::make_unique<RawConnection>());
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit tight = saved;
  tight.rlim_cur = 512;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &tight), 0);
  std::vector<int> filler;
  for (int fd; (fd = ::dup(0)) >= 0;) filler.push_back(fd);
  for (auto& c : clients) c->Connect(http.port());
  // Let the server hit EMFILE, then measure its CPU over one second.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  getrusage(RUSAGE_SELF, &after);
  auto seconds = [](const rusage& u) {
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  };
  const double cpu = seconds(after) - seconds(before);
  for (int fd : filler) ::close(fd);
  clients.clear();
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
  EXPECT_LT(cpu, 0.3) << "the accept loop spun while out of descriptors";
  // And it serves again once descriptors are back.
  std::string reply;
  for (int i = 0; i < 20 && FirstStatus(reply) != 200; ++i) {
    reply = Exchange(http.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  }
  EXPECT_EQ(FirstStatus(reply), 200) << reply;
  http.Stop();
  serving.join();
}
#endif  // !__SANITIZE_ADDRESS__

}  // namespace
}  // namespace jql::testing

namespace jql::testing {
namespace {

TEST_F(HttpHardeningTest, PagingTokensAndNumbersThatDoNotFitAre400) {
  const std::string query = "/rest/api/3/search/jql?jql=project%20%3D%20PCVX";
  const Reply first = Get(query + "&maxResults=2", admin_);
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string token(first.json().at("nextPageToken").as_string());
  // The token of this query and user works; forged, altered or borrowed ones do not.
  EXPECT_EQ(Get(query + "&maxResults=2&nextPageToken=" + token, admin_).status, 200);
  std::string altered = token;
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {std::string("o18446744073709551615"), std::string("o5"), std::string("o-1"),
        std::string("%00"), std::string(5000, 'A'), token.substr(0, token.size() - 3), altered}) {
    const Reply r = Get(query + "&nextPageToken=" + bad, admin_);
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
  }
  EXPECT_EQ(
      Get("/rest/api/3/search/jql?jql=project%20%3D%20PCVY&nextPageToken=" + token, admin_).status,
      400);                                                              // another query's token
  EXPECT_EQ(Get(query + "&nextPageToken=" + token, user_).status, 400);  // another user's
  const Reply max = Get(
      "/rest/api/3/search/jql?jql=project%20%3D%20PCVX&maxResults=99999999999999999999", admin_);
  EXPECT_EQ(max.status, 400) << max.body;
  for (const std::string type : {"99999999999999999999999", "-4", "1e3", ""}) {
    const Reply r =
        Put("/rest/api/3/issues/archive/export", R"({"issueTypes":[")" + type + R"("]})", admin_);
    EXPECT_EQ(r.status, 400) << type << ": " << r.body;
  }
}

}  // namespace
}  // namespace jql::testing

namespace jql::testing {
namespace {

TEST(UserConcurrencyTest, EachUserHasTheirOwnLimitAndSlotsComeBack) {
  server::UserConcurrency limits(2);
  auto a1 = limits.TryEnter("a");
  auto a2 = limits.TryEnter("a");
  ASSERT_TRUE(a1 && a2);
  EXPECT_FALSE(limits.TryEnter("a")) << "a third request of one user was admitted";
  EXPECT_TRUE(limits.TryEnter("b")) << "another user was refused";
  a1.reset();
  EXPECT_TRUE(limits.TryEnter("a")) << "a finished request gave its place back";
  EXPECT_EQ(limits.running("a"), 1u);
}

TEST_F(HttpHardeningTest, AUserOverTheirLimitGets429WithRetryAfterAndOthersAreServed) {
  const std::string count = R"({"jql":"project = PCVX"})";
  // The admin's two places are taken, as by two long searches.
  auto first = api_->user_concurrency().TryEnter("acc-admin");
  auto second = api_->user_concurrency().TryEnter("acc-admin");
  ASSERT_TRUE(first && second);
  const std::string reply =
      Exchange(port_, "POST /rest/api/3/search/approximate-count HTTP/1.1\r\nHost: x\r\n" + Auth() +
                          "Content-Type: application/json\r\nContent-Length: " +
                          std::to_string(count.size()) + "\r\n\r\n" + count);
  EXPECT_EQ(FirstStatus(reply), 429) << reply;
  EXPECT_NE(reply.find("Retry-After: 1"), std::string::npos) << reply;
  EXPECT_EQ(Post("/rest/api/3/search/approximate-count", count, user_).status, 200);
  // Cheap requests are not limited.
  EXPECT_EQ(Get("/rest/api/3/task/99999", admin_).status, 404);
  first.reset();
  EXPECT_EQ(Post("/rest/api/3/search/approximate-count", count, admin_).status, 200);
}

class QueryBudgetTest : public ServerFixture {};

TEST_F(QueryBudgetTest, AQueryOverItsTimeIsStoppedWith503) {
  api_options_.query_timeout = std::chrono::milliseconds(0);
  Start();
  for (const auto& [target, body] : std::vector<std::pair<std::string, std::string>>{
           {"/rest/api/3/search/approximate-count", R"({"jql":"project = PCVX"})"},
           {"/rest/api/3/search/jql", R"({"jql":"project = PCVX"})"},
           {"/rest/api/3/issue/archive/preview", R"({"jql":"project = PCVX"})"}}) {
    const Reply r = Post(target, body, admin_);
    EXPECT_EQ(r.status, 503) << target << ": " << r.body;
    EXPECT_NE(ErrorMessage(r).find("limit"), std::string::npos) << r.body;
  }
}

TEST_F(QueryBudgetTest, ShuttingDownStopsQueries) {
  Start();
  EXPECT_EQ(
      Post("/rest/api/3/search/approximate-count", R"({"jql":"project = PCVX"})", admin_).status,
      200);
  api_->CancelQueries();
  const Reply r =
      Post("/rest/api/3/search/approximate-count", R"({"jql":"project = PCVX"})", admin_);
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_NE(ErrorMessage(r).find("shutting down"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace jql::testing
