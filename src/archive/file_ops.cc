#include "archive/file_ops.h"

#include <unistd.h>

#include <cstdio>

namespace jql::archive {

ssize_t FileOps::PWrite(int fd, const void* data, size_t size, off_t offset) {
  return ::pwrite(fd, data, size, offset);
}

int FileOps::FDataSync(int fd) { return ::fdatasync(fd); }

int FileOps::FSync(int fd) { return ::fsync(fd); }

int FileOps::FTruncate(int fd, off_t size) { return ::ftruncate(fd, size); }

int FileOps::Rename(const char* from, const char* to) { return std::rename(from, to); }

FileOps& FileOps::Real() {
  static FileOps real;
  return real;
}

}  // namespace jql::archive
