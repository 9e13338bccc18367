#include "archive/archive_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/crc.hpp>
#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jql::archive {
namespace {

namespace json = boost::json;

uint32_t Crc32(std::string_view bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

Status Errno(const std::string& what, const std::string& path) {
  return Status(StatusCode::kInternal, what + " " + path + ": " + std::strerror(errno));
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot write", path);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

// Decodes one line (without its '\n'); false when it is not an intact record.
bool DecodeLine(std::string_view line, json::object* record) {
  if (line.size() < 10 || line[8] != ' ') return false;
  uint32_t crc = 0;
  for (size_t i = 0; i < 8; ++i) {
    const char c = line[i];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return false;
    crc = crc << 4 | static_cast<uint32_t>(digit);
  }
  const std::string_view body = line.substr(9);
  if (Crc32(body) != crc) return false;
  boost::system::error_code ec;
  json::value value = json::parse(body, ec);
  if (ec || !value.is_object()) return false;
  *record = std::move(value.as_object());
  return true;
}

}  // namespace

std::string EncodeJournalLine(const json::object& record) {
  const std::string body = json::serialize(record);
  char crc[9];
  std::snprintf(crc, sizeof crc, "%08x", Crc32(body));
  return std::string(crc, 8) + " " + body + "\n";
}

Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno("cannot sync", dir);
}

ArchiveJournal::~ArchiveJournal() {
  if (fd_ >= 0) ::close(fd_);
}

StatusOr<std::unique_ptr<ArchiveJournal>> ArchiveJournal::Open(const std::string& path,
                                                               std::vector<json::object>* records) {
  std::string content;
  {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream buffer;
      buffer << in.rdbuf();
      content = buffer.str();
    }
  }
  // Read the intact records; remember where the first bad one starts.
  size_t good_end = 0;
  size_t line_number = 0;
  for (size_t pos = 0; pos < content.size();) {
    ++line_number;
    const size_t newline = content.find('\n', pos);
    json::object record;
    if (newline == std::string::npos ||
        !DecodeLine(std::string_view(content).substr(pos, newline - pos), &record)) {
      // A torn tail has nothing intact after it; anything else is damage.
      const size_t next = newline == std::string::npos ? content.size() : newline + 1;
      for (size_t p = next; p < content.size();) {
        const size_t nl = content.find('\n', p);
        json::object later;
        if (nl != std::string::npos &&
            DecodeLine(std::string_view(content).substr(p, nl - p), &later))
          return DataLoss("archive journal " + path + " is damaged at line " +
                          std::to_string(line_number) + " (byte " + std::to_string(pos) +
                          "): a record there is corrupt and intact records follow it");
        p = nl == std::string::npos ? content.size() : nl + 1;
      }
      break;
    }
    records->push_back(std::move(record));
    pos = good_end = newline + 1;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot open", path);
  if (good_end < content.size() && ::ftruncate(fd, static_cast<off_t>(good_end)) != 0) {
    ::close(fd);
    return Errno("cannot cut the torn tail of", path);
  }
  if (::lseek(fd, static_cast<off_t>(good_end), SEEK_SET) < 0 || ::fsync(fd) != 0) {
    ::close(fd);
    return Errno("cannot open for appending", path);
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  if (Status s = SyncDirectory(dir.empty() ? "." : dir); !s.ok()) {
    ::close(fd);
    return s;
  }
  return std::unique_ptr<ArchiveJournal>(new ArchiveJournal(path, fd, good_end));
}

Status ArchiveJournal::Append(const json::object& record) {
  const std::string line = EncodeJournalLine(record);
  if (Status s = WriteAll(fd_, line, path_); !s.ok()) return s;
  if (::fdatasync(fd_) != 0) return Errno("cannot sync", path_);
  bytes_ += line.size();
  return Status::Ok();
}

Status ArchiveJournal::Rewrite(const std::vector<json::object>& records) {
  const std::string temp = path_ + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot create", temp);
  std::string all;
  for (const json::object& r : records) all += EncodeJournalLine(r);
  Status s = WriteAll(fd, all, temp);
  if (s.ok() && ::fsync(fd) != 0) s = Errno("cannot sync", temp);
  if (!s.ok()) {
    ::close(fd);
    return s;
  }
  if (::rename(temp.c_str(), path_.c_str()) != 0) {
    ::close(fd);
    return Errno("cannot rename over", path_);
  }
  const std::string dir = std::filesystem::path(path_).parent_path().string();
  if (Status d = SyncDirectory(dir.empty() ? "." : dir); !d.ok()) {
    ::close(fd);
    return d;
  }
  // The renamed file is the journal now; append to it.
  ::close(fd_);
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  ::close(fd);
  if (fd_ < 0) return Errno("cannot reopen", path_);
  bytes_ = all.size();
  return Status::Ok();
}

}  // namespace jql::archive
