// The archive journal: an append-only file of JSON records, each on its own line
// behind a CRC-32 of its bytes, synced to disk before Append returns. The archived
// state and the tasks live in it between snapshots.
//
// A crash can tear only the last line; Open cuts a torn tail off and keeps every
// record before it. A bad record followed by good ones is not a crash but damage, and
// Open refuses the file. Not thread-safe: its owner serialises calls.
#ifndef JQL_SRC_ARCHIVE_ARCHIVE_JOURNAL_H_
#define JQL_SRC_ARCHIVE_ARCHIVE_JOURNAL_H_

#include <boost/json/object.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "jql/status.h"

namespace jql::archive {

class ArchiveJournal {
 public:
  ~ArchiveJournal();

  // Opens or creates the journal at `path`, appending to it afterwards; the intact
  // records come back in `records`, in the order they were written.
  static StatusOr<std::unique_ptr<ArchiveJournal>> Open(const std::string& path,
                                                        std::vector<boost::json::object>* records);

  // Writes one record and syncs the file: when it returns OK the record survives a
  // crash of the process or the machine.
  Status Append(const boost::json::object& record);

  // Replaces the whole journal with these records, atomically (a new file is written,
  // synced and renamed over the old one, and the directory synced).
  Status Rewrite(const std::vector<boost::json::object>& records);

  size_t bytes() const { return bytes_; }
  const std::string& path() const { return path_; }

 private:
  ArchiveJournal(std::string path, int fd, size_t bytes)
      : path_(std::move(path)), fd_(fd), bytes_(bytes) {}

  std::string path_;
  int fd_ = -1;
  size_t bytes_ = 0;
};

// One record as the journal stores it: "crc32-hex json\n".
std::string EncodeJournalLine(const boost::json::object& record);

// Syncs a directory, so that a rename or a new file in it survives a crash.
Status SyncDirectory(const std::string& dir);

}  // namespace jql::archive

#endif  // JQL_SRC_ARCHIVE_ARCHIVE_JOURNAL_H_
