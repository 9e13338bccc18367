// A blocking HTTP/1.1 client for the server tests: one request per call, on its own
// connection unless a Connection is reused (the load test keeps connections open).
#ifndef JQL_TESTS_SERVER_HTTP_CLIENT_H_
#define JQL_TESTS_SERVER_HTTP_CLIENT_H_

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "server/auth.h"

namespace jql::testing {

struct Reply {
  int status = 0;
  std::string body;
  std::string content_type;
  boost::json::value json() const {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    return ec ? boost::json::value(nullptr) : v;
  }
};

struct Credentials {
  std::string email;
  std::string token;
  std::string Header() const { return "Basic " + server::Base64Encode(email + ":" + token); }
};

class Connection {
 public:
  explicit Connection(uint16_t port) : socket_(io_) {
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  }

  Reply Send(boost::beast::http::verb method, const std::string& target, const std::string& body,
             const std::optional<Credentials>& who,
             const std::string& content_type = "application/json") {
    namespace http = boost::beast::http;
    http::request<http::string_body> req(method, target, 11);
    req.set(http::field::host, "127.0.0.1");
    if (who) req.set(http::field::authorization, who->Header());
    if (!body.empty() || method == http::verb::post || method == http::verb::put) {
      if (!content_type.empty()) req.set(http::field::content_type, content_type);
      req.body() = body;
    }
    req.keep_alive(true);
    req.prepare_payload();
    http::write(socket_, req);
    http::response<http::string_body> res;
    http::read(socket_, buffer_, res);
    return Reply{static_cast<int>(res.result_int()), res.body(),
                 std::string(res[http::field::content_type])};
  }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

inline Reply Send(uint16_t port, boost::beast::http::verb method, const std::string& target,
                  const std::string& body, const std::optional<Credentials>& who,
                  const std::string& content_type = "application/json") {
  Connection c(port);
  return c.Send(method, target, body, who, content_type);
}

}  // namespace jql::testing

#endif  // JQL_TESTS_SERVER_HTTP_CLIENT_H_
