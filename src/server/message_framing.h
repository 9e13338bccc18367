// Whether a request's head frames its message unambiguously and in a form this server
// reads, checked before any of the body is: RFC 9112 §6.3 (Transfer-Encoding and
// Content-Length), §3.2 (Host) and RFC 9110 §8.4 (Content-Encoding). A request that
// fails is answered and its connection closed, so that bytes the server did not take
// as this request's body are never read as the next request (request smuggling).
#ifndef JQL_SRC_SERVER_MESSAGE_FRAMING_H_
#define JQL_SRC_SERVER_MESSAGE_FRAMING_H_

#include <boost/beast/http.hpp>
#include <optional>
#include <string>

namespace jql::server {

struct FramingError {
  boost::beast::http::status status;
  std::string message;
};

// Nothing when the head is acceptable; else the status and message to answer with:
// 400 for a Transfer-Encoding whose final coding is not chunked, chunked twice, one
// together with Content-Length or in HTTP/1.0, and for HTTP/1.1 without exactly one
// Host; 501 for a transfer coding other than chunked; 415 for a Content-Encoding
// other than identity (this server decodes none).
std::optional<FramingError> CheckFraming(const boost::beast::http::request_header<>& head);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_MESSAGE_FRAMING_H_
