// Records every JSON answer the server gives, one JSON line per response (method,
// target, status, body), into a file of its own in a folder. The tests set it up
// (`jql serve --record-responses DIR`, or JQL_RECORD_RESPONSES for the in-process
// server) so that scripts/check-openapi-responses.py can check every response they
// caused against the response schemas of Atlassian's OpenAPI document.
#ifndef JQL_SRC_SERVER_RESPONSE_RECORDER_H_
#define JQL_SRC_SERVER_RESPONSE_RECORDER_H_

#include <memory>
#include <mutex>
#include <string>

#include "jql/status.h"
#include "server/http_server.h"

namespace jql::server {

class ResponseRecorder {
 public:
  // A recorder writing to a new file in `dir` (created if missing).
  static StatusOr<std::unique_ptr<ResponseRecorder>> Open(const std::string& dir);
  ~ResponseRecorder();
  ResponseRecorder(const ResponseRecorder&) = delete;
  ResponseRecorder& operator=(const ResponseRecorder&) = delete;

  // Appends the response when its body is JSON. One write per line, so a process
  // killed mid-test leaves at most its last line cut short.
  void Record(const HttpRequest& request, const HttpResponse& response);

 private:
  explicit ResponseRecorder(int fd) : fd_(fd) {}
  std::mutex mutex_;
  int fd_;
};

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_RESPONSE_RECORDER_H_
