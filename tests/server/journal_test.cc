// The archive journal and the durable archived state: torn tails, damage, restarts,
// compaction, and tasks interrupted by a crash.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "archive/archive_journal.h"
#include "archive/durable_archive.h"
#include "archive/task_manager.h"
#include "server_fixture.h"

namespace jql::testing {
namespace {

namespace json = boost::json;
using archive::ArchiveJournal;
using archive::DurableArchive;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class JournalTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = FreshDirectory("jql-journal-test"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(JournalTest, RecordsComeBackInOrderAndATornTailIsCutOff) {
  const std::string path = dir_ + "/journal.log";
  {
    std::vector<json::object> none;
    auto journal = ArchiveJournal::Open(path, &none);
    ASSERT_TRUE(journal.ok());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE((*journal)->Append(json::object{{"n", i}}).ok());
  }
  const size_t intact = std::filesystem::file_size(path);
  // A crash in the middle of a write leaves part of a line.
  const std::string half = archive::EncodeJournalLine(json::object{{"n", 3}}).substr(0, 12);
  std::ofstream(path, std::ios::app) << half;
  std::vector<json::object> records;
  auto journal = ArchiveJournal::Open(path, &records);
  ASSERT_TRUE(journal.ok()) << journal.status().message();
  ASSERT_EQ(records.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(records[static_cast<size_t>(i)].at("n").as_int64(), i);
  EXPECT_EQ(std::filesystem::file_size(path), intact) << "the torn tail is cut off";
  ASSERT_TRUE((*journal)->Append(json::object{{"n", 3}}).ok());
  records.clear();
  journal->reset();
  ASSERT_TRUE(ArchiveJournal::Open(path, &records).ok());
  EXPECT_EQ(records.size(), 4u);
}

TEST_F(JournalTest, DamageBeforeIntactRecordsIsRefused) {
  const std::string path = dir_ + "/journal.log";
  std::string content;
  for (int i = 0; i < 3; ++i) content += archive::EncodeJournalLine(json::object{{"n", i}});
  content[content.find("\"n\":1") + 4] = '7';  // a flipped byte in the second record
  std::ofstream(path, std::ios::binary) << content;
  std::vector<json::object> records;
  auto journal = ArchiveJournal::Open(path, &records);
  ASSERT_FALSE(journal.ok());
  EXPECT_NE(journal.status().message().find("damaged at line 2"), std::string::npos)
      << journal.status().message();
  EXPECT_EQ(ReadAll(path), content) << "a damaged journal is left as it is";
}

TEST_F(JournalTest, ArchivedStateSurvivesRestartAndCompaction) {
  const std::string data = JQL_SOURCE_DIR "/data/sample";
  std::vector<uint32_t> rows = {5, 6, 7, 100};
  size_t archived = 0;
  {
    std::vector<json::object> tasks;
    auto a = DurableArchive::Open(dir_, data, &tasks);
    ASSERT_TRUE(a.ok()) << a.status().message();
    archived = (*a)->store().ArchivedCount();
    auto changed = (*a)->Apply(rows, true, "", "acc-1", 1700000000000);
    ASSERT_TRUE(changed.ok());
    EXPECT_EQ(*changed, 4u);
    EXPECT_EQ(*(*a)->Apply(std::vector<uint32_t>{100}, false, "", "acc-1", 1700000000001), 1u);
    EXPECT_EQ(*(*a)->Apply(std::vector<uint32_t>{5}, true, "", "acc-1", 1700000000002), 0u)
        << "already archived";
  }
  std::vector<json::object> tasks;
  {
    auto a = DurableArchive::Open(dir_, data, &tasks);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ((*a)->store().ArchivedCount(), archived + 3);
    EXPECT_FALSE((*a)->store().IsArchived(100));
    ASSERT_TRUE((*a)->MarkOf(6));
    EXPECT_EQ((*a)->MarkOf(6)->by, "acc-1");
    ASSERT_TRUE((*a)->Compact({}).ok());
    EXPECT_TRUE(std::filesystem::exists(dir_ + "/store.snapshot"));
  }
  auto a = DurableArchive::Open(dir_, data, &tasks);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->loaded_from(), dir_ + "/store.snapshot");
  EXPECT_EQ((*a)->store().ArchivedCount(), archived + 3);
  EXPECT_EQ((*a)->MarkOf(7)->at, 1700000000000) << "who archived what survives compaction";
  // The state directory belongs to its data.
  a->reset();
  std::vector<json::object> ignored;
  auto other = DurableArchive::Open(dir_, JQL_SOURCE_DIR "/data/history-sample", &ignored);
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("belongs to the data"), std::string::npos);
}

TEST_F(JournalTest, ATaskCutOffByACrashComesBackFailedWithWhatItDid) {
  const std::string data = JQL_SOURCE_DIR "/data/sample";
  {
    std::vector<json::object> tasks;
    auto a = DurableArchive::Open(dir_, data, &tasks);
    ASSERT_TRUE(a.ok());
    archive::Task task;
    task.id = "10042";
    task.status = archive::TaskStatus::kRunning;
    task.submitter = "acc-admin";
    task.submitted = task.started = 1700000000000;
    ASSERT_TRUE((*a)->RecordTask(task.ToRecord()).ok());
    ASSERT_TRUE(
        (*a)->Apply(std::vector<uint32_t>{1, 2, 3}, true, "10042", "acc-admin", 1700000000001)
            .ok());
    // ... and the process dies here: no final record.
  }
  std::vector<json::object> records;
  auto a = DurableArchive::Open(dir_, data, &records);
  ASSERT_TRUE(a.ok());
  archive::TaskManager manager(**a, archive::TaskOptions{});
  manager.Recover(records);
  const std::optional<archive::Task> task = manager.Get("10042");
  ASSERT_TRUE(task);
  EXPECT_EQ(task->status, archive::TaskStatus::kFailed);
  EXPECT_EQ(task->result.at("numberOfIssuesUpdated").to_number<int64_t>(), 3);
  EXPECT_NE(task->message.find("3 issues it archived stay archived"), std::string::npos)
      << task->message;
  EXPECT_GT(task->finished, 0);
  // A new task gets a new id.
  std::string active;
  auto compiled = (*a)->engine().Compile("created > now()", QueryContext{});
  ASSERT_TRUE(compiled.ok());
  const std::optional<archive::Task> next =
      manager.StartArchive(compiled.query, "created > now()", "acc-admin", 1, &active);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->id, "10043");
  manager.WaitIdle();
}

}  // namespace
}  // namespace jql::testing
