#include "server/http_server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/json.hpp>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

#include "server/message_framing.h"

namespace jql::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

HttpResponse ErrorResponse(http::status status, unsigned version, std::string_view message) {
  HttpResponse res(status, version == 10 ? 10 : 11);
  res.set(http::field::content_type, "application/json;charset=UTF-8");
  res.body() = ErrorCollectionJson(message);
  res.keep_alive(false);
  res.prepare_payload();
  return res;
}

// Ends of a connection that are the client's doing, not an error worth answering.
bool ClientWentAway(beast::error_code ec) {
  return ec == http::error::end_of_stream || ec == beast::error::timeout ||
         ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
         ec == asio::error::eof || ec == asio::error::broken_pipe;
}

}  // namespace

std::string ErrorCollectionJson(std::string_view message) {
  return boost::json::serialize(
      boost::json::object{{"errorMessages", boost::json::array{boost::json::string(message)}},
                          {"errors", boost::json::object{}}});
}

std::string LogRecord::Text() const {
  if (!request) return note;
  char timing[32];
  std::snprintf(timing, sizeof timing, "%.2fms", ms);
  return std::to_string(id) + " " + method + " " + target + " " + std::to_string(status) + " " +
         std::to_string(bytes) + (file ? "B(file) " : "B ") + (user.empty() ? "-" : user) + " " +
         timing;
}

struct HttpServer::Impl {
  class Session;

  HttpHandler handler;
  HttpServerOptions options;
  std::atomic<uint64_t> next_request{1};
  std::atomic<bool> stopped{false};
  // Requests read and not yet answered; Stop waits for them to drain.
  std::atomic<int> in_flight{0};
  std::atomic<size_t> connections{0};
  // Connections waiting for a request (nothing of it read yet), oldest first: the
  // first to be closed when the connection cap is reached.
  std::mutex idle_mutex;
  std::list<std::weak_ptr<Session>> idle;

  // Declared after what sessions use: destroying the context destroys the sessions
  // its queues still hold, and their destructors reach the members above.
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::steady_timer accept_pause{io};
  // The handler runs here, never on an I/O thread.
  std::unique_ptr<asio::thread_pool> workers;

  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  bool ShedOneIdle();
  void Log(const LogRecord& record) {
    if (options.log) options.log(record);
  }
  void Note(LogRecord::Level level, std::string text) {
    LogRecord record;
    record.level = level;
    record.note = std::move(text);
    Log(record);
  }
};

class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Impl& server)
      : stream_(std::move(socket)),
        // The buffer holds a request's head, or a chunked body's framing, until it is
        // parsed whole: bounding it bounds what any client can make us hold, and keeps
        // every trailer field far below Beast's 64 KiB field limit, which throws.
        buffer_(server.options.header_limit + 1024),
        server_(server) {
    ++server_.connections;
  }
  ~Session() {
    {
      std::lock_guard lock(server_.idle_mutex);
      if (idle_) server_.idle.erase(idle_position_);
    }
    --server_.connections;
  }

  void Start() { Read(); }

  // Closes the connection from any thread (the cap sheds idle connections this way).
  void CloseFromOutside() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->Close(); });
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(server_.options.body_limit);
    parser_->header_limit(static_cast<uint32_t>(server_.options.header_limit));
    MarkIdle(buffer_.size() == 0);
    // One deadline for the whole request, so a client that trickles bytes or stops
    // half way is cut off rather than holding a connection for ever.
    stream_.expires_after(server_.options.request_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void MarkIdle(bool idle) {
    std::lock_guard lock(server_.idle_mutex);
    if (idle_) server_.idle.erase(idle_position_);
    idle_ = idle;
    if (idle) idle_position_ = server_.idle.insert(server_.idle.end(), weak_from_this());
  }

  void OnHeader(beast::error_code ec) {
    MarkIdle(false);
    if (ClientWentAway(ec)) {
      Close();
      return;
    }
    ++server_.in_flight;  // every path below ends in Write, whose completion counts it down
    if (ec == http::error::body_limit) {  // a Content-Length over the limit
      RefuseBody();
      return;
    }
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
      if (StartLineTooLong())
        Refuse(http::status::uri_too_long, "The request line is longer than the limit of " +
                                               std::to_string(server_.options.header_limit) +
                                               " bytes.");
      else
        Refuse(http::status::request_header_fields_too_large,
               "The request's header fields are larger than the limit of " +
                   std::to_string(server_.options.header_limit) + " bytes.");
      return;
    }
    if (ec) {
      Refuse(http::status::bad_request, "Bad request: " + ec.message() + ".");
      return;
    }
    const HttpRequest& head = parser_->get();
    if (std::optional<FramingError> bad = CheckFraming(head)) {
      Refuse(bad->status, bad->message);
      return;
    }
    if (parser_->is_done()) {
      Dispatch();
      return;
    }
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
  }

  // Whether the head was refused while still in the request line: Beast hands the
  // line to the message once it is whole, so an empty target means it never was.
  bool StartLineTooLong() const { return parser_->get().target().empty(); }

  void OnBody(beast::error_code ec) {
    if (ClientWentAway(ec)) {
      --server_.in_flight;
      Close();
      return;
    }
    if (ec == http::error::body_limit) {
      RefuseBody();
      return;
    }
    if (ec == http::error::buffer_overflow) {
      Refuse(http::status::request_header_fields_too_large,
             "A chunk header or the trailer of the request body is larger than the limit of " +
                 std::to_string(server_.options.header_limit) + " bytes.");
      return;
    }
    if (ec) {
      Refuse(http::status::bad_request, "Bad request: " + ec.message() + ".");
      return;
    }
    Dispatch();
  }

  void RefuseBody() {
    Refuse(http::status::payload_too_large, "The request body is larger than the limit of " +
                                                std::to_string(server_.options.body_limit) +
                                                " bytes.");
  }

  void Refuse(http::status status, const std::string& message) {
    const unsigned version = parser_ && parser_->is_header_done() ? parser_->get().version() : 11;
    LogRecord record;  // refused before a request was read: no method or target to log
    record.request = true;
    record.method = "-";
    record.target = "-";
    Write(ErrorResponse(status, version, message), std::move(record));
  }

  // Runs the handler on a worker thread, then writes its answer on this
  // connection's strand.
  void Dispatch() {
    auto request = std::make_shared<HttpRequest>(parser_->release());
    asio::post(*server_.workers, [self = shared_from_this(), request] {
      const auto start = std::chrono::steady_clock::now();
      const bool head = request->method() == http::verb::head;
      // HEAD is GET without the body (RFC 9110 §9.3.2).
      if (head) request->method(http::verb::get);
      RequestLog log;
      HttpResponse response;
      try {
        response = self->server_.handler(*request, log);
      } catch (const std::exception& e) {
        // The client gets no internal text; the log keeps it.
        self->server_.Note(LogRecord::Level::kError, std::string("internal error: ") + e.what());
        response = ErrorResponse(http::status::internal_server_error, request->version(),
                                 "Internal server error.");
      } catch (...) {
        self->server_.Note(LogRecord::Level::kError, "internal error: unknown exception");
        response = ErrorResponse(http::status::internal_server_error, request->version(),
                                 "Internal server error.");
      }
      response.version(request->version() == 10 ? 10 : 11);
      if (response.keep_alive()) response.keep_alive(request->keep_alive());
      if (head && log.body_file.empty()) {
        response.prepare_payload();
        const size_t length = response.body().size();
        response.body().clear();
        response.content_length(length);
        request->method(http::verb::head);
      }
      LogRecord record;
      record.request = true;
      record.method = std::string(request->method_string());
      record.target = std::string(request->target());
      record.user = log.user;
      record.ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      asio::post(self->stream_.get_executor(),
                 [self, response = std::move(response), record = std::move(record),
                  file = std::move(log.body_file), head]() mutable {
                   if (file.empty())
                     self->Write(std::move(response), std::move(record));
                   else
                     self->WriteFile(std::move(response), file, head, std::move(record));
                 });
    });
  }

  void Write(HttpResponse response, LogRecord record) {
    const uint64_t id = server_.next_request++;
    response.set("X-AREQUESTID", std::to_string(id));
    if (!response.has_content_length() && !response.chunked()) response.prepare_payload();
    record.id = id;
    record.status = static_cast<int>(response.result_int());
    record.bytes = response.body().size();
    record.level = record.status >= 500 ? LogRecord::Level::kError : LogRecord::Level::kInfo;
    server_.Log(record);
    response_ = std::make_shared<HttpResponse>(std::move(response));
    stream_.expires_after(server_.options.request_timeout);
    http::async_write(stream_, *response_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        self->AfterWrite(ec, self->response_->keep_alive());
                      });
  }

  // The response's status and headers with a file as its body, sent in pieces.
  void WriteFile(HttpResponse head, const std::string& path, bool head_only, LogRecord record) {
    auto res = std::make_shared<http::response<http::file_body>>(head.result(), head.version());
    for (const auto& field : head.base()) res->set(field.name_string(), field.value());
    beast::error_code ec;
    res->body().open(path.c_str(), beast::file_mode::scan, ec);
    if (ec) {
      Write(ErrorResponse(http::status::not_found, head.version(),
                          "The file of this resource is gone."),
            std::move(record));
      return;
    }
    if (head_only) {
      // HEAD: the length of the file, none of its bytes.
      head.content_length(res->body().size());
      Write(std::move(head), std::move(record));
      return;
    }
    res->keep_alive(head.keep_alive());
    res->prepare_payload();
    const uint64_t id = server_.next_request++;
    res->set("X-AREQUESTID", std::to_string(id));
    record.id = id;
    record.status = static_cast<int>(res->result_int());
    record.bytes = res->body().size();
    record.file = true;
    server_.Log(record);
    // A big file takes longer than one request's deadline: allow for a client
    // reading at 256 KiB/s at least, so one that stops reading is still cut off.
    stream_.expires_after(server_.options.request_timeout +
                          std::chrono::seconds(res->body().size() / (256 * 1024)));
    // The handler holds the response (and its open file) until the write is done.
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code e, size_t) {
      self->AfterWrite(e, res->keep_alive());
    });
  }

  void AfterWrite(beast::error_code ec, bool keep_alive) {
    --server_.in_flight;
    if (ec || !keep_alive || server_.stopped) {
      Close();
      return;
    }
    Read();
  }

  void Close() {
    MarkIdle(false);
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<HttpResponse> response_;
  Impl& server_;

 public:
  // Whether this session is in server_.idle, and where; guarded by server_.idle_mutex.
  bool idle_ = false;
  std::list<std::weak_ptr<Session>>::iterator idle_position_;
};

bool HttpServer::Impl::ShedOneIdle() {
  std::shared_ptr<Session> victim;
  {
    std::lock_guard lock(idle_mutex);
    // An expired entry belongs to a session being destroyed: its destructor erases it.
    for (auto it = idle.begin(); it != idle.end(); ++it) {
      victim = it->lock();
      if (!victim) continue;
      idle.erase(it);
      victim->idle_ = false;
      break;
    }
  }
  if (!victim) return false;
  victim->CloseFromOutside();
  return true;
}

void HttpServer::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    OnAccept(ec, std::move(socket));
  });
}

void HttpServer::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (stopped) return;
  if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
      ec == asio::error::no_memory || ec.value() == ENFILE) {
    // Accepting again at once would fail again at once: free what can be freed and
    // wait a little, so the loop neither spins nor stops for good.
    Note(LogRecord::Level::kWarning,
         "accept: " + ec.message() + "; closing an idle connection and pausing accepts");
    ShedOneIdle();
    accept_pause.expires_after(std::chrono::milliseconds(100));
    accept_pause.async_wait([this](beast::error_code) {
      if (!stopped) Accept();
    });
    return;
  }
  if (!ec) {
    if (connections >= options.max_connections && !ShedOneIdle()) {
      // Every connection is busy: say so and close, rather than queue unboundedly.
      const std::string body =
          ErrorCollectionJson("The server has too many connections. Try again later.");
      const std::string busy =
          "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json;charset=UTF-8\r\n"
          "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
          std::to_string(body.size()) + "\r\n\r\n" + body;
      beast::error_code ignored;
      socket.non_blocking(true, ignored);
      socket.write_some(asio::buffer(busy), ignored);
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
    } else {
      std::make_shared<Session>(std::move(socket), *this)->Start();
    }
  }
  Accept();
}

HttpServer::HttpServer(HttpHandler handler, HttpServerOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->options = std::move(options);
  impl_->workers =
      std::make_unique<asio::thread_pool>(static_cast<size_t>(std::max(1, impl_->options.workers)));
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

size_t HttpServer::open_connections() const { return impl_->connections; }

void HttpServer::Run() {
  // Nothing a client sends should throw, but should anything ever escape a
  // completion handler, it ends only the connection whose handler it was (its
  // session is released with the handler); the thread goes back to serving.
  auto serve = [this] {
    for (;;) {
      try {
        impl_->io.run();
        return;
      } catch (const std::exception& e) {
        impl_->Note(
            LogRecord::Level::kError,
            std::string("I/O thread: dropped a connection after an exception: ") + e.what());
      } catch (...) {
        impl_->Note(LogRecord::Level::kError,
                    "I/O thread: dropped a connection after an unknown exception");
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.threads; ++i) threads.emplace_back(serve);
  serve();
  for (std::thread& t : threads) t.join();
}

void HttpServer::Stop() {
  if (impl_->stopped.exchange(true)) return;
  asio::post(impl_->io, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
    impl_->accept_pause.cancel();
  });
  // Let the requests being served finish and their answers go out (for at most
  // `drain_timeout`); connections idle between requests are simply closed.
  const auto deadline = std::chrono::steady_clock::now() + impl_->options.drain_timeout;
  while (impl_->in_flight > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  impl_->io.stop();
  // A handler still running uses what the caller will destroy after Stop returns.
  impl_->workers->join();
}

}  // namespace jql::server
