#include "server/http_server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/json.hpp>
#include <mutex>
#include <thread>
#include <vector>

namespace jql::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

HttpResponse ErrorResponse(http::status status, unsigned version, std::string_view message) {
  HttpResponse res(status, version);
  res.set(http::field::content_type, "application/json;charset=UTF-8");
  res.body() = ErrorCollectionJson(message);
  res.keep_alive(false);
  res.prepare_payload();
  return res;
}

}  // namespace

std::string ErrorCollectionJson(std::string_view message) {
  return boost::json::serialize(
      boost::json::object{{"errorMessages", boost::json::array{boost::json::string(message)}},
                          {"errors", boost::json::object{}}});
}

struct HttpServer::Impl {
  HttpHandler handler;
  HttpServerOptions options;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::atomic<uint64_t> next_request{1};
  std::atomic<bool> stopped{false};
  // Requests read and not yet answered; Stop waits for them to drain.
  std::atomic<int> in_flight{0};

  class Session;
  void Accept();
  void Log(const std::string& line) {
    if (options.log) options.log(line);
  }
};

class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Impl& server) : stream_(std::move(socket)), server_(server) {}

  void Start() { Read(); }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(server_.options.body_limit);
    parser_->header_limit(64 * 1024);
    // One deadline for the whole request, so a client that trickles bytes or stops
    // half way is cut off rather than holding a connection for ever.
    stream_.expires_after(server_.options.request_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
        ec == asio::error::eof) {
      Close();
      return;
    }
    ++server_.in_flight;  // every path below ends in Write, whose completion counts it down
    if (ec == http::error::body_limit) {
      Write(ErrorResponse(http::status::payload_too_large, 11,
                          "The request body is larger than the limit of " +
                              std::to_string(server_.options.body_limit) + " bytes."),
            "-", "-");
      return;
    }
    if (ec) {
      Write(ErrorResponse(http::status::bad_request, 11, "Bad request: " + ec.message() + "."), "-",
            "-");
      return;
    }
    HttpRequest request = parser_->release();
    const auto start = std::chrono::steady_clock::now();
    RequestLog log;
    HttpResponse response;
    try {
      response = server_.handler(request, log);
    } catch (const std::exception& e) {
      response = ErrorResponse(http::status::internal_server_error, request.version(),
                               std::string("Internal server error: ") + e.what());
    }
    response.version(request.version());
    if (response.keep_alive()) response.keep_alive(request.keep_alive());
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    char timing[32];
    std::snprintf(timing, sizeof timing, "%.2fms", ms);
    Write(std::move(response),
          std::string(request.method_string()) + " " + std::string(request.target()),
          (log.user.empty() ? std::string("-") : log.user) + " " + timing);
  }

  void Write(HttpResponse response, const std::string& what, const std::string& tail) {
    const uint64_t id = server_.next_request++;
    response.set("X-AREQUESTID", std::to_string(id));
    if (!response.has_content_length() && !response.chunked()) response.prepare_payload();
    server_.Log(std::to_string(id) + " " + what + " " + std::to_string(response.result_int()) +
                " " + std::to_string(response.body().size()) + "B " + tail);
    response_ = std::make_shared<HttpResponse>(std::move(response));
    stream_.expires_after(server_.options.request_timeout);
    http::async_write(stream_, *response_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        --self->server_.in_flight;
                        if (ec || !self->response_->keep_alive() || self->server_.stopped) {
                          self->Close();
                          return;
                        }
                        self->Read();
                      });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<HttpResponse> response_;
  Impl& server_;
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (stopped) return;
    if (!ec) std::make_shared<Session>(std::move(socket), *this)->Start();
    Accept();
  });
}

HttpServer::HttpServer(HttpHandler handler, HttpServerOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->options = std::move(options);
}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Listen() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.address, ec);
  if (ec) return InvalidArgument("bad listen address " + impl_->options.address);
  const tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return InvalidArgument("cannot listen on " + impl_->options.address + ":" +
                           std::to_string(impl_->options.port) + ": " + ec.message());
  impl_->Accept();
  return Status::Ok();
}

uint16_t HttpServer::port() const {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

void HttpServer::Run() {
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.threads; ++i)
    threads.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (std::thread& t : threads) t.join();
}

void HttpServer::Stop() {
  if (impl_->stopped.exchange(true)) return;
  asio::post(impl_->io, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  // Let the requests being served finish and their answers go out (for at most
  // `drain_timeout`); connections idle between requests are simply closed.
  const auto deadline = std::chrono::steady_clock::now() + impl_->options.drain_timeout;
  while (impl_->in_flight > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  impl_->io.stop();
}

}  // namespace jql::server
