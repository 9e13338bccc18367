#include "server/response_recorder.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace jql::server {

StatusOr<std::unique_ptr<ResponseRecorder>> ResponseRecorder::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status(StatusCode::kInternal, "cannot create " + dir + ": " + ec.message());
  // One file per recorder: several servers (and processes) may record into one folder.
  static std::atomic<int> counter{0};
  const std::string path =
      dir + "/responses-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".jsonl";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0)
    return Status(StatusCode::kInternal, "cannot open " + path + ": " + std::strerror(errno));
  return std::unique_ptr<ResponseRecorder>(new ResponseRecorder(fd));
}

ResponseRecorder::~ResponseRecorder() { ::close(fd_); }

void ResponseRecorder::Record(const HttpRequest& request, const HttpResponse& response) {
  const std::string_view type = response[boost::beast::http::field::content_type];
  if (!type.starts_with("application/json")) return;
  boost::json::object line{{"method", std::string(request.method_string())},
                           {"target", std::string(request.target())},
                           {"status", static_cast<int>(response.result_int())},
                           {"body", response.body()}};
  const std::string text = boost::json::serialize(line) + "\n";
  std::lock_guard lock(mutex_);
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a test aid: a full disk must not take the server down
    written += static_cast<size_t>(n);
  }
}

}  // namespace jql::server
