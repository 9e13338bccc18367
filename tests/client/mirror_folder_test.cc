// The mirror folder's page edits, which a sync applies: what they drop and mark, that
// a page nothing changes is not rewritten, that an emptied page goes, and that marking
// an issue archived and back restores its line byte for byte (a sync tells a changed
// issue from one fetched again by its line).
#include "client/mirror_folder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace jql::client {
namespace {

namespace fs = std::filesystem;

class MirrorFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("mirror-folder-test-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "issues");
  }
  void TearDown() override { fs::remove_all(root_); }

  static std::string Line(int id, const std::string& key) {
    return R"({"id":")" + std::to_string(id) + R"(","key":")" + key +
           R"(","fields":{"summary":"s"}})";
  }
  void WritePage(size_t number, const std::vector<std::string>& lines) {
    std::ofstream out(MirrorFolder(root_).page(number));
    for (const std::string& line : lines) out << line << "\n";
  }
  std::string Read(size_t number) {
    std::ifstream in(MirrorFolder(root_).page(number));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path root_;
};

TEST_F(MirrorFolderTest, IndexNamesEachIssueItsPageAndArchiveMark) {
  WritePage(1, {Line(10, "A-1"), Line(11, "A-2")});
  WritePage(3, {R"({"id":"12","key":"A-3","archived":true})"});
  auto index = MirrorFolder(root_).ReadIndex(3);
  ASSERT_TRUE(index.ok()) << index.status().message();
  ASSERT_EQ(index->size(), 3u);
  EXPECT_EQ((*index)[0].id, 10);
  EXPECT_EQ((*index)[1].key, "A-2");
  EXPECT_EQ((*index)[2].page, 3u);
  EXPECT_FALSE((*index)[1].archived);
  EXPECT_TRUE((*index)[2].archived);
  EXPECT_EQ((*index)[0].line_hash, std::hash<std::string_view>{}(Line(10, "A-1")));
}

TEST_F(MirrorFolderTest, IndexOfABrokenLineNamesTheFileAndLine) {
  WritePage(1, {Line(10, "A-1"), "{not json"});
  auto index = MirrorFolder(root_).ReadIndex(1);
  ASSERT_FALSE(index.ok());
  EXPECT_NE(index.status().message().find("page-000001.jsonl:2"), std::string::npos)
      << index.status().message();
}

TEST_F(MirrorFolderTest, EditDropsAndMarksOnlyTheNamedIssues) {
  WritePage(1, {Line(10, "A-1"), Line(11, "A-2"), Line(12, "A-3")});
  const MirrorFolder mirror(root_);
  ASSERT_TRUE(mirror.EditPage(1, PageEdit{{11}, {12}, {}}).ok());
  EXPECT_EQ(Read(1), Line(10, "A-1") + "\n" +
                         R"({"id":"12","key":"A-3","fields":{"summary":"s"},"archived":true})"
                         "\n");
  // Unmarking gives the line back as it was, so a sync sees no change in it.
  ASSERT_TRUE(mirror.EditPage(1, PageEdit{{}, {}, {12}}).ok());
  EXPECT_EQ(Read(1), Line(10, "A-1") + "\n" + Line(12, "A-3") + "\n");
}

TEST_F(MirrorFolderTest, APageNothingChangesIsNotRewritten) {
  // Spacing no serializer writes: a rewrite would change it.
  const std::string odd = R"({ "id" : "10", "key" : "A-1" })";
  WritePage(1, {odd});
  ASSERT_TRUE(MirrorFolder(root_).EditPage(1, PageEdit{{99}, {98}, {97}}).ok());
  EXPECT_EQ(Read(1), odd + "\n");
}

TEST_F(MirrorFolderTest, AnEmptiedPageIsRemoved) {
  WritePage(2, {Line(10, "A-1"), Line(11, "A-2")});
  const MirrorFolder mirror(root_);
  ASSERT_TRUE(mirror.EditPage(2, PageEdit{{10, 11}, {}, {}}).ok());
  EXPECT_FALSE(fs::exists(mirror.page(2)));
  // And the index passes over the missing page.
  auto index = mirror.ReadIndex(2);
  ASSERT_TRUE(index.ok());
  EXPECT_TRUE(index->empty());
}

TEST_F(MirrorFolderTest, AtomicWritesLeaveNoTemporaryFile) {
  const fs::path file = root_ / "state.json";
  ASSERT_TRUE(WriteAtomically(file, "{}\n"));
  ASSERT_TRUE(WriteAtomically(file, "{\"a\":1}\n"));
  EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
  auto state = MirrorFolder(root_).ReadState();  // no import-state.json: empty
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->empty());
}

}  // namespace
}  // namespace jql::client
