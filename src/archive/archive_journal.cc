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

// Writes all of `bytes` at `offset`, through short writes.
Status WriteAllAt(FileOps& ops, int fd, std::string_view bytes, size_t offset,
                  const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ops.PWrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot write", path);
    }
    if (n == 0) {
      errno = ENOSPC;
      return Errno("cannot write", path);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    offset += static_cast<size_t>(n);
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

Status SyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open", path);
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno("cannot sync", path);
}

Status SyncDirectory(const std::string& dir, FileOps& ops) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open", dir);
  const int rc = ops.FSync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno("cannot sync", dir);
}

ArchiveJournal::~ArchiveJournal() {
  if (fd_ >= 0) ::close(fd_);
}

StatusOr<std::unique_ptr<ArchiveJournal>> ArchiveJournal::Open(const std::string& path,
                                                               std::vector<json::object>* records,
                                                               FileOps& ops) {
  std::string content;
  {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream buffer;
      buffer << in.rdbuf();
      content = buffer.str();
    }
  }
  // Read the intact records. Only an unterminated last line is a torn write.
  size_t good_end = 0;
  size_t line_number = 0;
  for (size_t pos = 0; pos < content.size();) {
    ++line_number;
    const size_t newline = content.find('\n', pos);
    if (newline == std::string::npos) break;  // torn: cut off below
    json::object record;
    if (!DecodeLine(std::string_view(content).substr(pos, newline - pos), &record))
      return DataLoss("archive journal " + path + " is damaged at line " +
                      std::to_string(line_number) + " (byte " + std::to_string(pos) +
                      "): a complete record there does not match its checksum, so records "
                      "that were acknowledged may be lost; see docs/server.md, \"Recovering "
                      "a damaged journal\"");
    records->push_back(std::move(record));
    pos = good_end = newline + 1;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot open", path);
  if (good_end < content.size() && ops.FTruncate(fd, static_cast<off_t>(good_end)) != 0) {
    ::close(fd);
    return Errno("cannot cut the torn tail of", path);
  }
  if (ops.FSync(fd) != 0) {
    ::close(fd);
    return Errno("cannot sync", path);
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  if (Status s = SyncDirectory(dir.empty() ? "." : dir, ops); !s.ok()) {
    ::close(fd);
    return s;
  }
  return std::unique_ptr<ArchiveJournal>(new ArchiveJournal(path, fd, good_end, ops));
}

Status ArchiveJournal::Append(const json::object& record) {
  if (broken_)
    return Status(StatusCode::kFailedPrecondition,
                  "the archive journal " + path_ +
                      " could not be restored after a failed write; no change is accepted "
                      "until the server is restarted");
  const std::string line = EncodeJournalLine(record);
  // Written at the intact end explicitly (pwrite), so that a cut-off failure can
  // never leave the next record past a hole or a fragment.
  Status s = WriteAllAt(ops_, fd_, line, bytes_, path_);
  if (s.ok() && ops_.FDataSync(fd_) != 0) s = Errno("cannot sync", path_);
  if (s.ok()) {
    bytes_ += line.size();
    return s;
  }
  // Undo: cut what was written of this record and make the cut durable. After a
  // failed sync the cut is still right: every earlier record was synced by its own
  // Append, and this one is not acknowledged.
  if (ops_.FTruncate(fd_, static_cast<off_t>(bytes_)) != 0 || ops_.FSync(fd_) != 0) {
    broken_ = true;
    return Status(StatusCode::kInternal,
                  s.message() + "; the partial record could not be removed either (" +
                      std::strerror(errno) + "), so the journal accepts no more changes");
  }
  return s;
}

Status ArchiveJournal::Rewrite(const std::vector<json::object>& records) {
  const std::string temp = path_ + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot create", temp);
  std::string all;
  for (const json::object& r : records) all += EncodeJournalLine(r);
  Status s = WriteAllAt(ops_, fd, all, 0, temp);
  if (s.ok() && ops_.FSync(fd) != 0) s = Errno("cannot sync", temp);
  if (!s.ok()) {
    ::close(fd);
    ::unlink(temp.c_str());
    return s;
  }
  if (ops_.Rename(temp.c_str(), path_.c_str()) != 0) {
    s = Errno("cannot rename over", path_);
    ::close(fd);
    ::unlink(temp.c_str());
    return s;
  }
  // The renamed file is the journal now, whether or not the directory sync below
  // succeeds: append to it from here on.
  ::close(fd_);
  fd_ = fd;
  bytes_ = all.size();
  broken_ = false;
  const std::string dir = std::filesystem::path(path_).parent_path().string();
  return SyncDirectory(dir.empty() ? "." : dir, ops_);
}

}  // namespace jql::archive
