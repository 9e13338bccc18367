// A state directory belongs to one set of issues: its journal's first record holds
// their fingerprint (ids and keys). Other issues at the same path, a deleted
// source.json, or a journal emptied behind the server's back are refused at start
// instead of replaying archives onto the wrong issues or forgetting them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "archive/durable_archive.h"
#include "jql/generator.h"
#include "server_fixture.h"

namespace jql::testing {
namespace {

using archive::DurableArchive;

class StateIdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDirectory("jql-state-identity");
    data_ = dir_ + "/issues.jsonl";
    state_ = dir_ + "/state";
    Generate(1);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The same number of issues every time; another seed gives other keys.
  void Generate(uint64_t seed) {
    GenerateOptions options;
    options.issues = 300;
    options.seed = seed;
    options.history_per_issue = 0;
    auto store = GenerateIssueStore(options);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(WriteJiraJsonLines(*store, data_).ok());
  }

  StatusOr<std::unique_ptr<DurableArchive>> Open() {
    std::vector<boost::json::object> tasks;
    return DurableArchive::Open(state_, data_, &tasks);
  }

  // Archives the first issue, through the journal.
  void ArchiveOne() {
    auto archive = Open();
    ASSERT_TRUE(archive.ok()) << archive.status().message();
    const std::vector<uint32_t> rows = {0};
    ASSERT_TRUE((*archive)->Apply(rows, true, "", "acc", 1).ok());
  }

  std::string dir_, data_, state_;
};

TEST_F(StateIdentityTest, OtherIssuesAtTheSamePathAreRefused) {
  ArchiveOne();
  Generate(2);
  auto reopened = Open();
  ASSERT_FALSE(reopened.ok()) << "the journal would replay onto other issues";
  EXPECT_NE(reopened.status().message().find("other issues"), std::string::npos)
      << reopened.status().message();
}

TEST_F(StateIdentityTest, ADeletedSourceFileIsNotAFreshStart) {
  ArchiveOne();
  std::filesystem::remove(state_ + "/source.json");
  Generate(2);
  EXPECT_FALSE(Open().ok()) << "without source.json the journal replayed onto other issues";
  Generate(1);
  auto same = Open();
  ASSERT_TRUE(same.ok()) << same.status().message();
  EXPECT_TRUE((*same)->store().IsArchived(0));
  EXPECT_TRUE(std::filesystem::exists(state_ + "/source.json"));
}

TEST_F(StateIdentityTest, AnEmptiedJournalIsRefusedNotTakenAsNothingArchived) {
  ArchiveOne();
  std::ofstream(state_ + "/journal.log", std::ios::trunc);
  auto reopened = Open();
  ASSERT_FALSE(reopened.ok()) << "an emptied journal started as if nothing was archived";
  EXPECT_NE(reopened.status().message().find("is empty"), std::string::npos)
      << reopened.status().message();
}

TEST_F(StateIdentityTest, AStateMadeBeforeFingerprintsStillStarts) {
  // What an earlier version left after a clean stop with nothing archived: a
  // source.json without a fingerprint, a snapshot, and an empty journal.
  ArchiveOne();
  {
    auto archive = Open();
    ASSERT_TRUE(archive.ok());
    const std::vector<uint32_t> rows = {0};
    ASSERT_TRUE((*archive)->Apply(rows, false, "", "acc", 2).ok());
    ASSERT_TRUE((*archive)->Compact({}).ok());
  }
  std::ofstream(state_ + "/journal.log", std::ios::trunc);
  std::ofstream(state_ + "/source.json", std::ios::trunc)
      << R"({"data":")" << std::filesystem::weakly_canonical(data_).string() << R"(","rows":300})";
  auto legacy = Open();
  ASSERT_TRUE(legacy.ok()) << legacy.status().message();
  legacy->reset();
  auto again = Open();
  ASSERT_TRUE(again.ok()) << "the state took its fingerprint at the first start: "
                          << again.status().message();
}

TEST_F(StateIdentityTest, CompactionKeepsTheIdentity) {
  ArchiveOne();
  {
    auto archive = Open();
    ASSERT_TRUE(archive.ok());
    ASSERT_TRUE((*archive)->Compact({}).ok());
  }
  auto reopened = Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_TRUE((*reopened)->store().IsArchived(0));
}

}  // namespace
}  // namespace jql::testing
