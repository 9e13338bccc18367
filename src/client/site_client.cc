#include "client/site_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>
#include <boost/url.hpp>
#include <charconv>
#include <optional>
#include <thread>

namespace jql::client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

struct SiteClient::Impl {
  std::string host, port, authorization, base_path;
  bool tls = false;
  SiteClientOptions options;
  asio::io_context io;
  asio::ssl::context ssl{asio::ssl::context::tls_client};
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  size_t requests = 0, retries = 0;

  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*secure) : *plain; }

  void Disconnect() {
    beast::error_code ignored;
    if (plain) plain->socket().close(ignored);
    if (secure) beast::get_lowest_layer(*secure).socket().close(ignored);
    plain.reset();
    secure.reset();
  }

  beast::error_code Connect() {
    beast::error_code ec;
    tcp::resolver resolver(io);
    const auto endpoints = resolver.resolve(host, port, ec);
    if (ec) return ec;
    if (!tls) {
      plain.emplace(io);
      plain->expires_after(options.timeout);
      plain->connect(endpoints, ec);
      return ec;
    }
    secure.emplace(io, ssl);
    // SNI, and the certificate must name this host.
    if (!SSL_set_tlsext_host_name(secure->native_handle(), host.c_str()))
      return beast::error_code(static_cast<int>(::ERR_get_error()),
                               asio::error::get_ssl_category());
    secure->set_verify_callback(asio::ssl::host_name_verification(host));
    beast::get_lowest_layer(*secure).expires_after(options.timeout);
    beast::get_lowest_layer(*secure).connect(endpoints, ec);
    if (ec) return ec;
    secure->handshake(asio::ssl::stream_base::client, ec);
    return ec;
  }

  // One attempt: the status, body and Retry-After, or a transport error.
  beast::error_code Exchange(const http::request<http::string_body>& request,
                             http::response<http::string_body>* response) {
    if (!plain && !secure) {
      if (beast::error_code ec = Connect()) {
        Disconnect();
        return ec;
      }
    }
    beast::error_code ec;
    beast::flat_buffer buffer;
    lowest().expires_after(options.timeout);
    http::response_parser<http::string_body> parser;
    parser.body_limit(512 * 1024 * 1024);  // a page of issues with change logs is large
    if (tls) {
      http::write(*secure, request, ec);
      if (!ec) http::read(*secure, buffer, parser, ec);
    } else {
      http::write(*plain, request, ec);
      if (!ec) http::read(*plain, buffer, parser, ec);
    }
    if (ec) {
      Disconnect();
      return ec;
    }
    *response = parser.release();
    if (!response->keep_alive()) Disconnect();
    return {};
  }

  // The final answer to a request: 2xx, or a 3xx/4xx (not 429) that asking again would not
  // change. 429, 5xx and dropped connections are retried first.
  StatusOr<SiteAnswer> Call(http::verb method, const std::string& target, const std::string* body) {
    http::request<http::string_body> request(method, base_path + target, 11);
    request.set(http::field::host, host);
    request.set(http::field::authorization, authorization);
    request.set(http::field::accept, "application/json");
    request.set(http::field::user_agent, "jql");
    if (body != nullptr) {
      request.set(http::field::content_type, "application/json");
      request.body() = *body;
    }
    request.prepare_payload();
    const std::string what = std::string(http::to_string(method)) + " " + target;
    std::chrono::milliseconds backoff = options.first_backoff;
    std::string last_problem;
    for (int attempt = 1; attempt <= options.max_attempts; ++attempt) {
      ++requests;
      http::response<http::string_body> response;
      std::chrono::milliseconds wait = backoff;
      if (beast::error_code ec = Exchange(request, &response)) {
        last_problem = ec.message();
        backoff *= 2;
      } else {
        const unsigned status = response.result_int();
        if (status < 500 && status != 429) {
          SiteAnswer answer{status, nullptr};
          boost::system::error_code parse_error;
          if (!response.body().empty()) answer.body = json::parse(response.body(), parse_error);
          if (parse_error && status < 300)
            return Status(StatusCode::kInternal, what + ": the answer is not JSON");
          return answer;
        }
        last_problem = "HTTP " + std::to_string(status);
        if (status == 429) {
          // The site says how long to wait; without a number, the backoff does.
          const std::string_view after = response[http::field::retry_after];
          int64_t seconds = 0;
          if (std::from_chars(after.data(), after.data() + after.size(), seconds).ec == std::errc())
            wait = std::chrono::seconds(seconds);
        } else if (status >= 500) {
          backoff *= 2;
        }
      }
      if (attempt == options.max_attempts) break;
      wait = std::min(wait, options.longest_wait);
      ++retries;
      if (options.on_retry)
        options.on_retry(last_problem + " on " + what + "; retrying in " +
                         std::to_string(wait.count()) + " ms");
      std::this_thread::sleep_for(wait);
    }
    return Status(StatusCode::kInternal, what + " failed " + std::to_string(options.max_attempts) +
                                             " times; last: " + last_problem);
  }
};

SiteClient::SiteClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SiteClient::~SiteClient() {
  if (impl_) impl_->Disconnect();
}

StatusOr<std::unique_ptr<SiteClient>> SiteClient::Open(const std::string& site,
                                                       const std::string& user,
                                                       const std::string& token,
                                                       SiteClientOptions options) {
  auto url = boost::urls::parse_absolute_uri(site);
  if (!url)
    return InvalidArgument("not a site URL: " + site +
                           " (expected https://HOST or http://HOST:PORT)");
  auto impl = std::make_unique<Impl>();
  const std::string scheme(url->scheme());
  if (scheme != "http" && scheme != "https")
    return InvalidArgument("not a site URL: " + site + " (expected https:// or http://)");
  impl->tls = scheme == "https";
  impl->host = std::string(url->host());
  if (impl->host.empty()) return InvalidArgument("not a site URL: " + site + " (no host)");
  impl->port = url->has_port() ? std::string(url->port()) : (impl->tls ? "443" : "80");
  impl->base_path = std::string(url->path());
  while (!impl->base_path.empty() && impl->base_path.back() == '/') impl->base_path.pop_back();
  const std::string credentials = user + ":" + token;
  std::string encoded(beast::detail::base64::encoded_size(credentials.size()), '\0');
  encoded.resize(
      beast::detail::base64::encode(encoded.data(), credentials.data(), credentials.size()));
  impl->authorization = "Basic " + encoded;
  impl->options = std::move(options);
  if (impl->tls) {
    impl->ssl.set_default_verify_paths();
    impl->ssl.set_verify_mode(asio::ssl::verify_peer);
  }
  return std::unique_ptr<SiteClient>(new SiteClient(std::move(impl)));
}

std::string JiraErrorMessages(const json::value& body) {
  std::string message;
  if (const json::object* o = body.if_object()) {
    if (const json::value* list = o->if_contains("errorMessages"); list && list->is_array()) {
      for (const json::value& m : list->as_array())
        if (m.is_string()) message += (message.empty() ? "" : " ") + std::string(m.as_string());
    }
  }
  return message;
}

namespace {

// A 4xx as an error naming the request and carrying Jira's own message.
StatusOr<json::value> Success(StatusOr<SiteAnswer> answer, std::string_view what) {
  if (!answer.ok()) return answer.status();
  if (answer->status < 300) return std::move(answer->body);
  const std::string message = JiraErrorMessages(answer->body);
  return Status(answer->status == 401 || answer->status == 403 ? StatusCode::kFailedPrecondition
                                                               : StatusCode::kInvalidArgument,
                std::string(what) + " answered " + std::to_string(answer->status) +
                    (message.empty() ? "" : ": " + message));
}

http::verb Verb(SiteMethod method) {
  switch (method) {
    case SiteMethod::kGet:
      return http::verb::get;
    case SiteMethod::kPost:
      return http::verb::post;
    case SiteMethod::kPut:
      return http::verb::put;
  }
  return http::verb::get;
}

}  // namespace

StatusOr<SiteAnswer> SiteClient::Send(SiteMethod method, const std::string& path,
                                      const json::value* body) {
  const std::string text = body != nullptr ? json::serialize(*body) : std::string();
  return impl_->Call(Verb(method), path, body != nullptr ? &text : nullptr);
}

StatusOr<json::value> SiteClient::Get(const std::string& path_and_query) {
  return Success(Send(SiteMethod::kGet, path_and_query, nullptr), "GET " + path_and_query);
}

StatusOr<json::value> SiteClient::Post(const std::string& path, const json::value& body) {
  return Success(Send(SiteMethod::kPost, path, &body), "POST " + path);
}

StatusOr<json::value> SiteClient::Put(const std::string& path, const json::value& body) {
  return Success(Send(SiteMethod::kPut, path, &body), "PUT " + path);
}

size_t SiteClient::requests() const { return impl_->requests; }
size_t SiteClient::retries() const { return impl_->retries; }

}  // namespace jql::client
