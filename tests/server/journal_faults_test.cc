// Fault injection at every write and sync point of the archive journal: a workload of
// appends with a compaction (Rewrite) in the middle runs once per point and fault,
// with that one call failing (ENOSPC, EIO, a short write followed by a full disk, or
// a disk that stays broken until the failed call has returned). The process then
// "dies" (the journal is dropped without any cleanup; the file is what kill -9 would
// leave) and the journal is opened again. Every acknowledged record must come back,
// in order; nothing may come back that was never written; and the open must never
// be refused because of an earlier failed write.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "archive/archive_journal.h"
#include "archive/file_ops.h"
#include "server_fixture.h"

namespace jql::archive {
namespace {

enum class Fault { kNoSpace, kIoError, kShortWrite, kStuck };

const char* Name(Fault f) {
  switch (f) {
    case Fault::kNoSpace:
      return "ENOSPC";
    case Fault::kIoError:
      return "EIO";
    case Fault::kShortWrite:
      return "short write";
    case Fault::kStuck:
      return "stuck disk";
  }
  return "?";
}

// Counts every call and fails the one numbered `fail_at` (and, for a short write,
// the write after it; for a stuck disk, every call until Recover()).
class FaultyOps : public FileOps {
 public:
  FaultyOps(int fail_at, Fault fault) : fail_at_(fail_at), fault_(fault) {}

  int calls() const { return calls_; }
  void Recover() { stuck_ = false; }

  ssize_t PWrite(int fd, const void* data, size_t size, off_t offset) override {
    const int call = calls_++;
    if (short_pending_) {
      short_pending_ = false;
      errno = ENOSPC;
      return -1;
    }
    if (call == fail_at_ && fault_ == Fault::kShortWrite && size > 1) {
      short_pending_ = true;
      return FileOps::PWrite(fd, data, size / 2, offset);
    }
    if (Fails(call)) return -1;
    return FileOps::PWrite(fd, data, size, offset);
  }
  int FDataSync(int fd) override { return Fails(calls_++) ? -1 : FileOps::FDataSync(fd); }
  int FSync(int fd) override { return Fails(calls_++) ? -1 : FileOps::FSync(fd); }
  int FTruncate(int fd, off_t size) override {
    return Fails(calls_++) ? -1 : FileOps::FTruncate(fd, size);
  }
  int Rename(const char* from, const char* to) override {
    return Fails(calls_++) ? -1 : FileOps::Rename(from, to);
  }

 private:
  bool Fails(int call) {
    if (call == fail_at_ && fault_ == Fault::kStuck) stuck_ = true;
    if (call == fail_at_ || stuck_) {
      errno = fault_ == Fault::kIoError ? EIO : ENOSPC;
      return true;
    }
    return false;
  }

  const int fail_at_;
  const Fault fault_;
  int calls_ = 0;
  bool short_pending_ = false;
  bool stuck_ = false;
};

boost::json::object Record(int i) {
  return boost::json::object{{"t", "set"}, {"n", i}, {"pad", std::string(40 + i * 7, 'x')}};
}

struct Outcome {
  std::vector<int64_t> acknowledged;
  int calls = 0;
};

// The workload: 12 appends, a compaction after the sixth, through `ops`.
Outcome RunWorkload(const std::string& path, FaultyOps& ops) {
  Outcome out;
  std::vector<boost::json::object> records;
  auto journal = ArchiveJournal::Open(path, &records);  // opened with the real calls
  EXPECT_TRUE(journal.ok());
  if (!journal.ok()) return out;
  // Reopen through the faulty seam, as the server would be running.
  journal->reset();
  records.clear();
  auto faulty = ArchiveJournal::Open(path, &records, ops);
  if (!faulty.ok()) {  // a start that fails acknowledges nothing
    out.calls = ops.calls();
    return out;
  }
  std::vector<boost::json::object> kept;
  for (int i = 0; i < 12; ++i) {
    if ((*faulty)->Append(Record(i)).ok()) {
      out.acknowledged.push_back(i);
      kept.push_back(Record(i));
    }
    ops.Recover();  // space is back for the next request
    if (i == 5) {
      // Compaction keeps what was acknowledged; a failed one leaves the old journal.
      (void)(*faulty)->Rewrite(kept);
      ops.Recover();
    }
  }
  out.calls = ops.calls();
  return out;  // the journal is dropped here: the "kill -9"
}

TEST(JournalFaultTest, NoAcknowledgedRecordIsLostAtAnyWriteOrSyncPoint) {
  const std::string dir = testing::FreshDirectory("jql-journal-faults");
  // How many seam calls a clean run makes.
  int points = 0;
  {
    FaultyOps clean(-1, Fault::kNoSpace);
    const Outcome o = RunWorkload(dir + "/clean.log", clean);
    ASSERT_EQ(o.acknowledged.size(), 12u);
    points = o.calls;
  }
  ASSERT_GT(points, 25);
  int cases = 0;
  int failed_appends = 0;
  for (Fault fault : {Fault::kNoSpace, Fault::kIoError, Fault::kShortWrite, Fault::kStuck}) {
    for (int at = 0; at < points; ++at) {
      SCOPED_TRACE(std::string(Name(fault)) + " at call " + std::to_string(at));
      const std::string path = dir + "/j" + std::to_string(cases) + ".log";
      FaultyOps ops(at, fault);
      const Outcome outcome = RunWorkload(path, ops);
      failed_appends += 12 - static_cast<int>(outcome.acknowledged.size());
      std::vector<boost::json::object> records;
      auto reopened = ArchiveJournal::Open(path, &records);
      ASSERT_TRUE(reopened.ok()) << "restart refused: " << reopened.status().message();
      std::vector<int64_t> recovered;
      for (const auto& r : records) recovered.push_back(r.at("n").as_int64());
      // Every acknowledged record, in order (a failed one may survive only when its
      // bytes were whole and its undo failed: never acknowledged, never a fragment).
      size_t next = 0;
      for (int64_t n : recovered) {
        if (next < outcome.acknowledged.size() && n == outcome.acknowledged[next]) ++next;
        EXPECT_TRUE(n >= 0 && n < 12) << "a record that was never written: " << n;
      }
      EXPECT_EQ(next, outcome.acknowledged.size())
          << "acknowledged records lost: " << outcome.acknowledged.size() - next;
      if (fault != Fault::kStuck) {
        EXPECT_EQ(recovered, outcome.acknowledged)
            << "a failed record survived although its undo could succeed";
      }
      // The reopened journal takes more records after whatever happened.
      EXPECT_TRUE((*reopened)->Append(Record(99)).ok());
      ++cases;
    }
  }
  EXPECT_GT(failed_appends, cases / 2) << "the faults did not reach the appends";
  std::printf("journal faults: %d cases (%d points x 4 faults), %d appends failed, 0 lost\n", cases,
              points, failed_appends);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

TEST(JournalFaultTest, AFailedAppendThatCannotBeUndoneStopsLaterAppends) {
  const std::string dir = testing::FreshDirectory("jql-journal-broken");
  const std::string path = dir + "/journal.log";
  // Open syncs the file and its directory (calls 0 and 1); call 2 is the first
  // append's write and 3 its sync, which fails, and the stuck disk then fails the
  // undo's truncate as well.
  FaultyOps ops(3, Fault::kStuck);
  std::vector<boost::json::object> records;
  auto journal = ArchiveJournal::Open(path, &records, ops);
  ASSERT_TRUE(journal.ok());
  EXPECT_FALSE((*journal)->Append(Record(0)).ok());
  ops.Recover();
  EXPECT_TRUE((*journal)->broken());
  const Status later = (*journal)->Append(Record(1));
  EXPECT_FALSE(later.ok()) << "an append after an unrepaired failure was accepted";
  EXPECT_NE(later.message().find("restarted"), std::string::npos) << later.message();
  journal->reset();
  records.clear();
  auto reopened = ArchiveJournal::Open(path, &records);
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_TRUE((*reopened)->Append(Record(2)).ok());
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

TEST(JournalFaultTest, ADamagedCompleteLastRecordIsRefusedNotDropped) {
  const std::string dir = testing::FreshDirectory("jql-journal-damaged");
  const std::string path = dir + "/journal.log";
  {
    std::vector<boost::json::object> records;
    auto journal = ArchiveJournal::Open(path, &records);
    ASSERT_TRUE(journal.ok());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE((*journal)->Append(Record(i)).ok());
  }
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // Flip one byte inside the last, newline-terminated record.
  bytes[bytes.size() - 10] ^= 0x01;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  std::vector<boost::json::object> records;
  auto reopened = ArchiveJournal::Open(path, &records);
  ASSERT_FALSE(reopened.ok()) << "a damaged acknowledged record was dropped silently";
  EXPECT_NE(reopened.status().message().find("line 3"), std::string::npos)
      << reopened.status().message();
  // An unterminated last line is a torn write, and is cut off.
  bytes[bytes.size() - 10] ^= 0x01;
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      << bytes << "0badc0de {\"t\":\"set\",\"n\":";
  records.clear();
  auto torn = ArchiveJournal::Open(path, &records);
  ASSERT_TRUE(torn.ok()) << torn.status().message();
  EXPECT_EQ(records.size(), 3u);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace jql::archive
