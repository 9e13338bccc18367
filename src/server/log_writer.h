// The server's log: one line per record, with an ISO 8601 UTC time and a level, as
// text ("2026-12-02T02:53:43.123Z INFO 17 GET /rest/api/3/myself 200 312B user 0.12ms")
// or as JSON ({"time", "level", and the request's fields or "msg"}) for log shippers.
// Thread-safe: lines never interleave.
#ifndef JQL_SRC_SERVER_LOG_WRITER_H_
#define JQL_SRC_SERVER_LOG_WRITER_H_

#include <mutex>
#include <ostream>
#include <string>

#include "server/http_server.h"

namespace jql::server {

class LogWriter {
 public:
  enum class Format { kText, kJson };
  LogWriter(std::ostream& out, Format format) : out_(out), format_(format) {}

  void Write(const LogRecord& record);
  void Info(const std::string& message) { Note(LogRecord::Level::kInfo, message); }
  void Warning(const std::string& message) { Note(LogRecord::Level::kWarning, message); }
  void Error(const std::string& message) { Note(LogRecord::Level::kError, message); }

  // The line for a record at a time (epoch ms); what Write prints with the clock.
  std::string Line(const LogRecord& record, int64_t now_ms) const;

 private:
  void Note(LogRecord::Level level, const std::string& message);
  std::ostream& out_;
  const Format format_;
  std::mutex mutex_;
};

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_LOG_WRITER_H_
