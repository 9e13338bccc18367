// The archive journal: an append-only file of JSON records, each on its own line
// behind a CRC-32 of its bytes, synced to disk before Append returns. The archived
// state and the tasks live in it between snapshots.
//
// A crash can tear only the last line, and a torn line has no newline: Open cuts an
// unterminated last line off and keeps every record before it. A newline-terminated
// record that does not decode is damage wherever it is (a flipped bit, a bad disk),
// and Open refuses the file rather than drop acknowledged records silently.
//
// A failed Append (no space, an I/O error, a short write, a failed sync) leaves the
// file exactly as it was before it: what was written of the record is cut off and
// the cut synced, so a later record never sits behind a fragment. When even that
// fails the journal refuses every later Append (as PostgreSQL stops on a failed WAL
// write) until the process restarts and Open repairs the tail. Not thread-safe: its
// owner serialises calls.
#ifndef JQL_SRC_ARCHIVE_ARCHIVE_JOURNAL_H_
#define JQL_SRC_ARCHIVE_ARCHIVE_JOURNAL_H_

#include <atomic>
#include <boost/json/object.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "archive/file_ops.h"
#include "jql/status.h"

namespace jql::archive {

class ArchiveJournal {
 public:
  ~ArchiveJournal();

  // Opens or creates the journal at `path`, appending to it afterwards; the intact
  // records come back in `records`, in the order they were written.
  // `ops` (tests only) stands between the journal and the file system; it must
  // outlive the journal.
  static StatusOr<std::unique_ptr<ArchiveJournal>> Open(const std::string& path,
                                                        std::vector<boost::json::object>* records,
                                                        FileOps& ops = FileOps::Real());

  // Writes one record and syncs the file: when it returns OK the record survives a
  // crash of the process or the machine; when it fails the file is as it was.
  Status Append(const boost::json::object& record);

  // True once a failed Append could not be undone: nothing more is written. (Read by
  // health checks on other threads.)
  bool broken() const { return broken_.load(); }

  // Replaces the whole journal with these records, atomically (a new file is written,
  // synced and renamed over the old one, and the directory synced).
  Status Rewrite(const std::vector<boost::json::object>& records);

  size_t bytes() const { return bytes_; }
  const std::string& path() const { return path_; }

 private:
  ArchiveJournal(std::string path, int fd, size_t bytes, FileOps& ops)
      : path_(std::move(path)), fd_(fd), bytes_(bytes), ops_(ops) {}

  std::string path_;
  int fd_ = -1;
  size_t bytes_ = 0;  // the intact records' length: where the next one is written
  FileOps& ops_;
  std::atomic<bool> broken_{false};
};

// One record as the journal stores it: "crc32-hex json\n".
std::string EncodeJournalLine(const boost::json::object& record);

// Syncs a file's data to disk.
Status SyncFile(const std::string& path);

// Syncs a directory, so that a rename or a new file in it survives a crash.
Status SyncDirectory(const std::string& dir, FileOps& ops = FileOps::Real());

}  // namespace jql::archive

#endif  // JQL_SRC_ARCHIVE_ARCHIVE_JOURNAL_H_
