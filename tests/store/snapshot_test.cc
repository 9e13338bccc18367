#include "jql/snapshot.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "jql/data_loader.h"
#include "jql/generator.h"
#include "store_matchers.h"

namespace jql {
namespace {

namespace fs = std::filesystem;

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() /
          ("jql_snapshot_test_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

IssueStore Generated(int64_t issues) {
  GenerateOptions options;
  options.issues = issues;
  auto store = GenerateIssueStore(options);
  EXPECT_TRUE(store.ok());
  return std::move(store).value();
}

TEST(SnapshotTest, FormerProjectKeysAndTheDataIdsSurviveASnapshot) {
  // HSP-1 is an issue of project EX (key changed since): reachable by both keys.
  auto store =
      LoadIssueStore(JQL_SOURCE_DIR "/data/fixtures/jira-ruby-mock-responses/sprint/1_issues.json");
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE(store->FindRowByKey("HSP-1").has_value());
  const std::string path = TempPath("former-keys.snap");
  ASSERT_TRUE(SaveSnapshot(*store, path, {.sync = false}).ok());
  auto loaded = LoadSnapshot(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const auto row = loaded->FindRowByKey("HSP-1");
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(loaded->Key(*row), "EX-1");
  EXPECT_EQ(loaded->FindRowByKey("EX-1"), row);
  const Catalog& c = loaded->catalog();
  EXPECT_EQ(c.projects[*c.FindProjectByKey("HSP")].id, 10000);
}

TEST(SnapshotTest, AnUnsyncedSaveReplacesTheOldFileWhole) {
  const std::string path = TempPath("unsynced.snap");
  ASSERT_TRUE(SaveSnapshot(Generated(300), path, {.sync = false}).ok());
  const IssueStore bigger = Generated(700);
  ASSERT_TRUE(SaveSnapshot(bigger, path, {.sync = false}).ok());
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  auto loaded = LoadSnapshot(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  testing_util::ExpectSameStore(bigger, *loaded);
  // A save that cannot be written (here its temporary name is taken by a folder)
  // leaves the old file alone.
  fs::create_directory(path + ".tmp");
  EXPECT_FALSE(SaveSnapshot(Generated(10), path, {.sync = false}).ok());
  fs::remove(path + ".tmp");
  auto still = LoadSnapshot(path);
  ASSERT_TRUE(still.ok()) << still.status().message();
  EXPECT_EQ(still->rows(), 700u);
  fs::remove(path);
}

TEST(SnapshotTest, ArchiveChangesDuringASaveStillGiveALoadableFile) {
  // A save walks the store more than once (to size, checksum and write it); archive
  // changes landing meanwhile must not make those walks disagree.
  const std::string path = TempPath("racing.snap");
  IssueStore store = Generated(100000);
  std::atomic<bool> saving{true};
  std::atomic<size_t> flips{0};
  std::thread archiver([&] {
    std::vector<uint32_t> rows(1000);
    for (bool on = true; saving.load(); on = !on) {
      for (uint32_t& r : rows) r = static_cast<uint32_t>((&r - rows.data()) * 97 + flips % 89);
      store.SetArchived(rows, on);
      ++flips;
    }
  });
  const Status saved = SaveSnapshot(store, path, {.sync = false});
  saving = false;
  archiver.join();
  ASSERT_TRUE(saved.ok()) << saved.message();
  EXPECT_GT(flips.load(), 0u);
  auto loaded = LoadSnapshot(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->rows(), store.rows());
  fs::remove(path);
}

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(SnapshotTest, AStoreGivenUpIsSavedAsTheSameBytes) {
  // A store given up is freed column by column while it is written (the checksum walk
  // on another thread reads the same columns): the file must not differ by a byte.
  IssueStore kept = Generated(20000);
  const std::vector<uint32_t> rows{3, 4, 5000};
  kept.SetArchived(rows, true);
  const std::string kept_path = TempPath("kept.snap"), given_path = TempPath("given.snap");
  ASSERT_TRUE(SaveSnapshot(kept, kept_path, {.sync = false}).ok());
  IssueStore given = Generated(20000);
  given.SetArchived(rows, true);
  ASSERT_TRUE(SaveSnapshot(std::move(given), given_path, {.sync = false}).ok());
  const std::string kept_bytes = FileBytes(kept_path);
  EXPECT_GT(kept_bytes.size(), 1000000u);
  EXPECT_TRUE(kept_bytes == FileBytes(given_path));
  auto loaded = LoadSnapshot(given_path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  testing_util::ExpectSameStore(kept, *loaded);
  // And a store that views a mapped file (loaded, then given up) saves the same.
  const std::string again_path = TempPath("again_given.snap");
  ASSERT_TRUE(SaveSnapshot(std::move(*loaded), again_path, {.sync = false}).ok());
  EXPECT_TRUE(kept_bytes == FileBytes(again_path));
  fs::remove(kept_path);
  fs::remove(given_path);
  fs::remove(again_path);
}

TEST(SnapshotTest, RoundTripGivesIdenticalColumns) {
  IssueStore store = Generated(3000);
  const std::vector<uint32_t> rows{5, 6, 7};
  store.SetArchived(rows, true);  // the archived state is saved too
  const std::string path = TempPath("roundtrip.snap");
  ASSERT_TRUE(SaveSnapshot(store, path).ok());
  auto loaded = LoadSnapshot(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  testing_util::ExpectSameStore(store, *loaded);
  EXPECT_EQ(loaded->FindRowByKey(store.Key(42)), 42u);
  EXPECT_EQ(loaded->Memory().structured_bytes, store.Memory().structured_bytes);
  // And again from the loaded copy: nothing is lost on a second trip.
  const std::string again = TempPath("again.snap");
  ASSERT_TRUE(SaveSnapshot(*loaded, again).ok());
  auto twice = LoadSnapshot(again);
  ASSERT_TRUE(twice.ok());
  testing_util::ExpectSameStore(store, *twice);
  fs::remove(path);
  fs::remove(again);
}

TEST(SnapshotTest, LoadedFromCsvThenSnapshotMatchesTheCsv) {
  auto csv = LoadIssueStore(JQL_SOURCE_DIR "/data/sample");
  ASSERT_TRUE(csv.ok());
  const std::string path = TempPath("csv.snap");
  ASSERT_TRUE(SaveSnapshot(*csv, path).ok());
  LoadReport report;
  auto loaded = LoadIssueStore(path, &report);  // told apart by content
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(report.format, DataFormat::kSnapshot);
  testing_util::ExpectSameStore(*csv, *loaded);
  fs::remove(path);
}

TEST(SnapshotTest, EmptyStore) {
  auto store = GenerateIssueStore(GenerateOptions{.issues = 0});
  ASSERT_TRUE(store.ok());
  const std::string path = TempPath("empty.snap");
  ASSERT_TRUE(SaveSnapshot(*store, path).ok());
  auto loaded = LoadSnapshot(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->rows(), 0u);
  fs::remove(path);
}

class CorruptSnapshotTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = TempPath("corrupt.snap");
    ASSERT_TRUE(SaveSnapshot(Generated(500), path_).ok());
    std::ifstream in(path_, std::ios::binary);
    bytes_.assign(std::istreambuf_iterator<char>(in), {});
  }
  void TearDown() override { fs::remove(path_); }
  std::string Load(const std::string& content) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << content;
    auto store = LoadSnapshot(path_);
    EXPECT_FALSE(store.ok());
    return store.ok() ? "" : store.status().message();
  }
  std::string path_;
  std::string bytes_;
};

TEST_F(CorruptSnapshotTest, FlippedByteFailsTheChecksum) {
  for (size_t offset : {size_t{100}, bytes_.size() / 2, bytes_.size() - 70}) {
    std::string bad = bytes_;
    bad[offset] ^= 0x40;
    EXPECT_EQ(Load(bad), path_ + " is corrupt: its checksum does not match") << offset;
  }
}

TEST_F(CorruptSnapshotTest, ABrokenLayoutIsReportedAsAChecksumMismatch) {
  // The layout is parsed while the checksum is taken: when both fail, the checksum is
  // what the error names (the layout of a file that fails it means nothing).
  std::string bad = bytes_;
  for (size_t i = 64; i < 64 + 8; ++i) bad[i] = static_cast<char>(0xFF);  // the row count
  EXPECT_EQ(Load(bad), path_ + " is corrupt: its checksum does not match");
}

TEST_F(CorruptSnapshotTest, TruncatedFile) {
  const std::string message = Load(bytes_.substr(0, bytes_.size() - 1000));
  EXPECT_EQ(message.rfind(path_ + " is truncated or padded", 0), 0u) << message;
}

TEST_F(CorruptSnapshotTest, ForeignFile) {
  EXPECT_EQ(Load("id,key\n1,A-1\n" + std::string(100, 'x')),
            path_ + " is not a jql snapshot (wrong magic)");
  EXPECT_EQ(Load("tiny"), path_ + " is not a jql snapshot (too short for the header)");
}

TEST_F(CorruptSnapshotTest, OtherVersion) {
  std::string other = bytes_;
  other[8] = 99;
  EXPECT_EQ(Load(other), path_ + " is a jql snapshot of version 99; this build reads version " +
                             std::to_string(kSnapshotVersion));
}

TEST_F(CorruptSnapshotTest, LayoutIsCheckedEvenWithoutTheChecksum) {
  // A wrong count inside the payload, with the checksum check switched off.
  std::string bad = bytes_;
  for (size_t i = 64; i < 64 + 8; ++i) bad[i] = static_cast<char>(0xFF);
  std::ofstream(path_, std::ios::binary | std::ios::trunc) << bad;
  auto store = LoadSnapshot(path_, SnapshotLoadOptions{.verify_checksum = false});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message().rfind(path_ + " is corrupt", 0), 0u)
      << store.status().message();
}

TEST(SnapshotCheckTest, ACustomOptionOutsideTheFieldIsRefused) {
  // A select value is an index into the field's options; a file whose codes point past
  // them (saved with a valid checksum) would send IssueToJson out of bounds.
  IssueStoreBuilder builder;
  Catalog& c = builder.catalog();
  CustomField team;
  team.id = 10050;
  team.name = "Team";
  team.type = CustomFieldType::kSelect;
  team.options = {"Red", "Blue"};
  const Code field = c.custom_fields.Add(team, team.id, team.name);
  IssueRow row;
  row.id = 1;
  row.project = c.InternProject("ABC");
  row.number = 1;
  row.status = c.InternStatus("Open", StatusCategory::kToDo);
  CustomValue value;
  value.field = field;
  value.integer = 7;  // there are two options
  row.custom.push_back(value);
  builder.Add(row);
  auto store = builder.Build();
  ASSERT_TRUE(store.ok()) << store.status().message();
  const std::string path = TempPath("option.snap");
  ASSERT_TRUE(SaveSnapshot(*store, path).ok());
  auto loaded = LoadSnapshot(path);
  fs::remove(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("a custom column names an option the field does not "
                                           "have"),
            std::string::npos)
      << loaded.status().message();
}

}  // namespace
}  // namespace jql
