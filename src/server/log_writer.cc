#include "server/log_writer.h"

#include <boost/json.hpp>
#include <chrono>
#include <cmath>

#include "common/civil_time.h"

namespace jql::server {
namespace {

std::string_view LevelName(LogRecord::Level level) {
  switch (level) {
    case LogRecord::Level::kInfo:
      return "INFO";
    case LogRecord::Level::kWarning:
      return "WARN";
    case LogRecord::Level::kError:
      return "ERROR";
  }
  return "INFO";
}

}  // namespace

std::string LogWriter::Line(const LogRecord& r, int64_t now_ms) const {
  if (format_ == Format::kText)
    return internal::IsoUtcMillis(now_ms) + " " + std::string(LevelName(r.level)) + " " + r.Text();
  boost::json::object o{{"time", internal::IsoUtcMillis(now_ms)}, {"level", LevelName(r.level)}};
  if (r.request) {
    o["id"] = r.id;
    o["method"] = r.method;
    o["target"] = r.target;
    o["status"] = r.status;
    o["bytes"] = r.bytes;
    o["user"] = r.user;
    o["ms"] = std::round(r.ms * 100) / 100;
    if (r.file) o["file"] = true;
  } else {
    o["msg"] = r.note;
  }
  return boost::json::serialize(o);
}

void LogWriter::Write(const LogRecord& record) {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::string line = Line(record, now);
  std::lock_guard lock(mutex_);
  out_ << line << std::endl;
}

void LogWriter::Note(LogRecord::Level level, const std::string& message) {
  LogRecord record;
  record.level = level;
  record.note = message;
  Write(record);
}

}  // namespace jql::server
