// DurableArchive with a shared backend (jql serve --backend): the protocol between the
// server's own state and the marks several servers share, against an in-memory
// backend, so that each rule is checked alone. The real backend on a real cluster is
// tested by tests/clickhouse/serve_backend_test.py.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "archive/durable_archive.h"
#include "archive/shared_backend.h"
#include "server_fixture.h"

namespace jql::testing {
namespace {

using archive::DurableArchive;
using archive::SharedMark;

// Marks kept in memory; evaluation is not what these tests are about.
class MemoryBackend : public archive::SharedBackend {
 public:
  StatusOr<QueryResult> Execute(const CompiledQuery&, size_t, const PagePosition*) override {
    return Status(StatusCode::kInternal, "not evaluated here");
  }
  StatusOr<ArchiveSelection> SelectForArchive(const CompiledQuery&, size_t) override {
    return Status(StatusCode::kInternal, "not evaluated here");
  }
  Status RecordMarks(const std::vector<SharedMark>& marks) override {
    if (gate_.valid()) gate_.wait();  // a cluster that takes its time
    std::lock_guard lock(mutex_);
    if (refuse_) return Status(StatusCode::kFailedPrecondition, "the cluster refused");
    all_.insert(all_.end(), marks.begin(), marks.end());
    return Status();
  }
  StatusOr<size_t> MarkCount() override {
    std::lock_guard lock(mutex_);
    return all_.size();
  }
  StatusOr<std::vector<SharedMark>> CurrentMarks() override {
    std::lock_guard lock(mutex_);
    ++reads_;
    std::map<uint32_t, SharedMark> latest;  // later marks win
    for (const SharedMark& m : all_) latest[m.row] = m;
    std::vector<SharedMark> out;
    for (const auto& [row, m] : latest) out.push_back(m);
    return out;
  }

  // What another server records.
  void Add(SharedMark mark) {
    std::lock_guard lock(mutex_);
    all_.push_back(std::move(mark));
  }
  size_t reads() {
    std::lock_guard lock(mutex_);
    return reads_;
  }
  size_t count() {
    std::lock_guard lock(mutex_);
    return all_.size();
  }
  void refuse() {
    std::lock_guard lock(mutex_);
    refuse_ = true;
  }
  void hold_until(std::shared_future<void> gate) { gate_ = std::move(gate); }

 private:
  std::mutex mutex_;
  std::vector<SharedMark> all_;
  size_t reads_ = 0;
  bool refuse_ = false;
  std::shared_future<void> gate_;
};

class SharedBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDirectory("jql-shared-backend-test");
    std::vector<boost::json::object> tasks;
    auto opened = DurableArchive::Open(dir_, JQL_SOURCE_DIR "/data/sample", &tasks);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    archive_ = std::move(*opened);
    auto backend = std::make_unique<MemoryBackend>();
    backend_ = backend.get();
    ASSERT_TRUE(archive_->set_shared(std::move(backend)).ok());
    for (uint32_t row = 0; row < archive_->store().rows(); ++row) {
      if (!archive_->store().IsArchived(row)) free_.push_back(row);
    }
    ASSERT_GE(free_.size(), 10u);
  }
  void TearDown() override {
    archive_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  std::unique_ptr<DurableArchive> archive_;
  MemoryBackend* backend_ = nullptr;
  std::vector<uint32_t> free_;  // rows not archived in the data
};

TEST_F(SharedBackendTest, AnotherServersMarksReachTheStoreOnRefresh) {
  const uint32_t row = free_[0];
  backend_->Add({row, true, "", "acc-other", 1700000000000});
  EXPECT_FALSE(archive_->store().IsArchived(row)) << "not before a refresh";
  ASSERT_TRUE(archive_->Refresh().ok());
  EXPECT_TRUE(archive_->store().IsArchived(row));
  ASSERT_TRUE(archive_->MarkOf(row));
  EXPECT_EQ(archive_->MarkOf(row)->by, "acc-other");
  // Nothing added since: the marks are not read again.
  const size_t reads = backend_->reads();
  ASSERT_TRUE(archive_->Refresh().ok());
  EXPECT_EQ(backend_->reads(), reads);
  // Unarchived elsewhere: unarchived here too, and no longer "archived by".
  backend_->Add({row, false, "", "acc-other", 1700000000001});
  ASSERT_TRUE(archive_->Refresh().ok());
  EXPECT_FALSE(archive_->store().IsArchived(row));
  EXPECT_FALSE(archive_->MarkOf(row));
}

TEST_F(SharedBackendTest, ChangesGoToTheBackendAndSkipWhatOthersDidAlready) {
  // Another server archived free_[1] a moment ago; this one has not refreshed yet.
  backend_->Add({free_[1], true, "", "acc-other", 1700000000000});
  const std::vector<uint32_t> rows = {free_[1], free_[2], free_[3]};
  auto changed = archive_->Apply(rows, true, "", "acc-me", 1700000000005);
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(*changed, 2u) << "free_[1] was archived by the other server";
  EXPECT_EQ(backend_->count(), 3u);
  EXPECT_EQ(archive_->MarkOf(free_[1])->by, "acc-other");
  EXPECT_EQ(archive_->MarkOf(free_[2])->by, "acc-me");
  // Our own marks are not news: no second read of all marks.
  const size_t reads = backend_->reads();
  ASSERT_TRUE(archive_->Refresh().ok());
  EXPECT_EQ(backend_->reads(), reads);
}

TEST_F(SharedBackendTest, AChangeTheBackendRefusesIsMadeNowhere) {
  backend_->refuse();
  const std::vector<uint32_t> rows = {free_[4]};
  auto changed = archive_->Apply(rows, true, "", "acc-me", 1700000000000);
  ASSERT_FALSE(changed.ok());
  EXPECT_FALSE(archive_->store().IsArchived(free_[4]));
  EXPECT_FALSE(archive_->MarkOf(free_[4]));
  // Nor after a restart: the local journal did not get it either.
  archive_.reset();
  std::vector<boost::json::object> tasks;
  auto reopened = DurableArchive::Open(dir_, JQL_SOURCE_DIR "/data/sample", &tasks);
  ASSERT_TRUE(reopened.ok());
  EXPECT_FALSE((*reopened)->store().IsArchived(free_[4]));
}

TEST_F(SharedBackendTest, RequestsDoNotWaitForAChangeInFlight) {
  std::promise<void> release;
  backend_->hold_until(release.get_future().share());
  const std::vector<uint32_t> rows = {free_[5]};
  auto writer = std::async(
      std::launch::async, [&] { return archive_->Apply(rows, true, "", "acc-me", 1700000000000); });
  // The writer holds the lock while the backend takes its time. A refresh (every
  // request makes one) answers without waiting for it.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto reader = std::async(std::launch::async, [&] { return archive_->Refresh(); });
  const bool answered = reader.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  release.set_value();
  ASSERT_TRUE(answered) << "a request waited for the change in flight";
  EXPECT_TRUE(reader.get().ok());
  auto changed = writer.get();
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 1u);
  EXPECT_TRUE(archive_->store().IsArchived(free_[5]));
}

}  // namespace
}  // namespace jql::testing
