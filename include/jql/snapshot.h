// Snapshot files: a built IssueStore saved in a versioned, checksummed binary format,
// and loaded back by mapping the file (columns view the mapping; nothing is parsed
// row by row). A file that is corrupt, truncated, of another version or not a
// snapshot at all is refused with an error saying which.
#ifndef JQL_SNAPSHOT_H_
#define JQL_SNAPSHOT_H_

#include <functional>
#include <string>

#include "jql/issue_store.h"
#include "jql/status.h"

namespace jql {

inline constexpr char kSnapshotMagic[8] = {'J', 'Q', 'L', 'S', 'N', 'A', 'P', '1'};
inline constexpr uint32_t kSnapshotVersion = 2;  // 2: projects keep their former keys

struct SnapshotSaveOptions {
  // fsync before the rename, so the file survives a power loss once this returns. The
  // server's state needs it; a data set that can be generated again need not wait for
  // the disk (the file is complete for every reader either way, like a copy by cp).
  // Unsynced, an existing file is removed just before the new one takes its name, so
  // for that moment the path names no file.
  bool sync = true;
};

// Called from the writing thread after each column with the bytes written of the
// total (for a progress display).
using SnapshotProgress = std::function<void(size_t bytes_done, size_t bytes_total)>;

// Writes to `path` atomically: a temporary file is written, synced (unless asked not
// to) and renamed.
Status SaveSnapshot(const IssueStore& store, const std::string& path,
                    const SnapshotSaveOptions& options = {}, const SnapshotProgress& progress = {});
// The same for a store that is not needed afterwards (it is moved from): its memory is
// given back as its columns are written, so the file's page cache reuses those pages
// rather than needing as many again (a 10M store is ~4 GB, and so is its file).
Status SaveSnapshot(IssueStore&& store, const std::string& path,
                    const SnapshotSaveOptions& options = {}, const SnapshotProgress& progress = {});

struct SnapshotLoadOptions {
  bool verify_checksum = true;
};

StatusOr<IssueStore> LoadSnapshot(const std::string& path, const SnapshotLoadOptions& options = {});

// True when the file starts with the snapshot magic (any version).
bool LooksLikeSnapshot(const std::string& path);

}  // namespace jql

#endif  // JQL_SNAPSHOT_H_
