#include "clickhouse/clickhouse_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url.hpp>
#include <optional>

namespace jql::clickhouse {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

StatusOr<Target> ParseTarget(std::string_view url) {
  const std::string_view scheme = "clickhouse://";
  auto bad = [&](const std::string& why) {
    return InvalidArgument("not a ClickHouse target: " + std::string(url) + " (" + why +
                           "; expected clickhouse://HOST:PORT[,HOST:PORT...]/DATABASE)");
  };
  if (!url.starts_with(scheme)) return bad("no clickhouse://");
  std::string_view rest = url.substr(scheme.size());
  Target target;
  if (const size_t q = rest.find('?'); q != std::string_view::npos) {
    auto params = boost::urls::parse_query(rest.substr(q + 1));
    if (!params) return bad("a bad query string");
    for (auto p : *params) {
      if (p.key == "cluster") {
        target.cluster = std::string(p.value);
      } else {
        return bad("an unknown parameter " + std::string(p.key));
      }
    }
    rest = rest.substr(0, q);
  }
  std::string_view hosts = rest;
  if (const size_t slash = rest.find('/'); slash != std::string_view::npos) {
    hosts = rest.substr(0, slash);
    if (slash + 1 < rest.size()) target.database = std::string(rest.substr(slash + 1));
  }
  for (char c : target.database)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return bad("a bad database name");
  for (char c : target.cluster)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return bad("a bad cluster name");
  while (!hosts.empty()) {
    const size_t comma = hosts.find(',');
    std::string_view node = hosts.substr(0, comma);
    hosts = comma == std::string_view::npos ? std::string_view() : hosts.substr(comma + 1);
    const size_t colon = node.rfind(':');
    Node n{std::string(node.substr(0, colon)),
           colon == std::string_view::npos ? "8123" : std::string(node.substr(colon + 1))};
    if (n.host.empty() || n.port.empty()) return bad("an empty host or port");
    target.nodes.push_back(std::move(n));
  }
  if (target.nodes.empty()) return bad("no host");
  if (target.nodes.size() > 1 && target.cluster.empty())
    return bad("several nodes need ?cluster=NAME");
  return target;
}

struct Connection::Impl {
  Node node;
  std::string database;
  int max_execution_seconds = 0;
  asio::io_context io;
  std::optional<beast::tcp_stream> stream;

  // How long to wait for connecting and for an answer: a little past the execution
  // limit when there is one (a cluster that hangs must not hold the caller longer),
  // else 10 minutes (a push).
  std::chrono::seconds Patience() const {
    return max_execution_seconds > 0 ? std::chrono::seconds(max_execution_seconds + 10)
                                     : std::chrono::minutes(10);
  }

  beast::error_code Connect() {
    beast::error_code ec;
    tcp::resolver resolver(io);
    const auto endpoints = resolver.resolve(node.host, node.port, ec);
    if (ec) return ec;
    stream.emplace(io);
    stream->expires_after(Patience());
    stream->connect(endpoints, ec);
    return ec;
  }
};

Connection::Connection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Connection::~Connection() = default;

StatusOr<std::unique_ptr<Connection>> Connection::Open(const Node& node,
                                                       const std::string& database) {
  auto impl = std::make_unique<Impl>();
  impl->node = node;
  impl->database = database;
  return std::unique_ptr<Connection>(new Connection(std::move(impl)));
}

void Connection::set_max_execution_seconds(int seconds) { impl_->max_execution_seconds = seconds; }

StatusOr<std::string> Connection::Query(const std::string& sql, const std::string& data) {
  const std::string where = "ClickHouse at " + impl_->node.host + ":" + impl_->node.port;
  boost::urls::url target("/");
  target.params().append({"database", impl_->database});
  // Lowered queries name rows and codes in lists that can be long (a function's issues).
  target.params().append({"max_query_size", "67108864"});
  if (impl_->max_execution_seconds > 0)
    target.params().append({"max_execution_time", std::to_string(impl_->max_execution_seconds)});
  // Without data the statement is the body (no URL length limit); with data the
  // statement goes in the URL and the data is the body.
  if (!data.empty()) target.params().append({"query", sql});
  http::request<http::string_body> request(http::verb::post, target.buffer(), 11);
  request.set(http::field::host, impl_->node.host);
  request.set(http::field::user_agent, "jql");
  request.body() = data.empty() ? sql : data;
  request.prepare_payload();
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!impl_->stream) {
      if (beast::error_code ec = impl_->Connect()) {
        impl_->stream.reset();
        return Status(StatusCode::kFailedPrecondition, where + ": " + ec.message());
      }
    }
    beast::error_code ec;
    impl_->stream->expires_after(impl_->Patience());
    http::write(*impl_->stream, request, ec);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<uint64_t>::max());
    if (!ec) http::read(*impl_->stream, buffer, parser, ec);
    if (ec) {
      // A kept-alive connection the server closed: once more on a new one.
      impl_->stream.reset();
      if (attempt == 0) continue;
      return Status(StatusCode::kFailedPrecondition, where + ": " + ec.message());
    }
    http::response<http::string_body> response = parser.release();
    if (!response.keep_alive()) impl_->stream.reset();
    if (response.result() != http::status::ok) {
      std::string message = response.body();
      while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
      return Status(StatusCode::kInvalidArgument, where + ": " + message);
    }
    return std::move(response.body());
  }
  return Status(StatusCode::kFailedPrecondition, where + ": no answer");
}

}  // namespace jql::clickhouse
