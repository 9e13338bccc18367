#include "server/message_framing.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace jql::server {
namespace {

namespace http = boost::beast::http;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The codings of every field `name` carries, in order, lower case, without their
// parameters; a list element that is empty counts as an empty coding.
std::vector<std::string> Codings(const http::request_header<>& head, http::field name) {
  std::vector<std::string> out;
  for (auto range = head.equal_range(name); range.first != range.second; ++range.first) {
    const std::string_view value = range.first->value();
    size_t start = 0;
    while (start <= value.size()) {
      size_t end = value.find(',', start);
      if (end == std::string_view::npos) end = value.size();
      std::string_view element = value.substr(start, end - start);
      element = element.substr(0, element.find(';'));
      while (!element.empty() && (element.front() == ' ' || element.front() == '\t'))
        element.remove_prefix(1);
      while (!element.empty() && (element.back() == ' ' || element.back() == '\t'))
        element.remove_suffix(1);
      out.push_back(Lower(element));
      start = end + 1;
    }
  }
  return out;
}

}  // namespace

std::optional<FramingError> CheckFraming(const http::request_header<>& head) {
  const std::vector<std::string> transfer = Codings(head, http::field::transfer_encoding);
  if (!transfer.empty()) {
    if (head.version() < 11)
      return FramingError{http::status::bad_request,
                          "Transfer-Encoding is not allowed in an HTTP/1.0 request."};
    if (head.count(http::field::content_length) > 0)
      return FramingError{http::status::bad_request,
                          "A request must not have both Transfer-Encoding and Content-Length."};
    if (transfer.back() != "chunked")
      return FramingError{http::status::bad_request,
                          "The request's Transfer-Encoding must end with chunked."};
    for (size_t i = 0; i + 1 < transfer.size(); ++i) {
      if (transfer[i] == "chunked")
        return FramingError{http::status::bad_request,
                            "The request's body is chunked more than once."};
      return FramingError{http::status::not_implemented,
                          "The transfer coding '" + transfer[i] + "' is not supported."};
    }
  }
  if (head.version() >= 11 && head.count(http::field::host) != 1)
    return FramingError{http::status::bad_request,
                        "An HTTP/1.1 request must have exactly one Host header."};
  for (const std::string& coding : Codings(head, http::field::content_encoding)) {
    if (coding != "identity")
      return FramingError{http::status::unsupported_media_type,
                          "The content coding '" + coding + "' is not supported."};
  }
  return std::nullopt;
}

}  // namespace jql::server
