// The file-system calls through which the archive journal writes and syncs, behind
// one seam so that tests can make any of them fail (ENOSPC, EIO, a short write) and
// check that no acknowledged change is lost. Production code uses FileOps::Real().
#ifndef JQL_SRC_ARCHIVE_FILE_OPS_H_
#define JQL_SRC_ARCHIVE_FILE_OPS_H_

#include <sys/types.h>

#include <cstddef>

namespace jql::archive {

class FileOps {
 public:
  virtual ~FileOps() = default;
  // Each behaves as the POSIX call of the same name: -1 with errno set on failure.
  virtual ssize_t PWrite(int fd, const void* data, size_t size, off_t offset);
  virtual int FDataSync(int fd);
  virtual int FSync(int fd);
  virtual int FTruncate(int fd, off_t size);
  virtual int Rename(const char* from, const char* to);

  // The real calls, shared by every journal that is not under test.
  static FileOps& Real();
};

}  // namespace jql::archive

#endif  // JQL_SRC_ARCHIVE_FILE_OPS_H_
