// Loading what users have: every fixture of data/fixtures, the sample, and broken
// files, each with the error naming the file and the line or issue.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "jql/data_loader.h"

namespace jql {
namespace {

namespace fs = std::filesystem;
const std::string kData = JQL_SOURCE_DIR "/data";
const std::string kFixtures = kData + "/fixtures";

class TempDir {
 public:
  TempDir()
      : path_(fs::temp_directory_path() /
              ("jql_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++))) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& content) const {
    const std::string file = (path_ / name).string();
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

TEST(LoaderTest, JiraSearchPageFromJiraServer) {
  LoadReport report;
  auto store = LoadIssueStore(kFixtures + "/jira-ruby-mock-responses/issue.json", &report);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(report.format, DataFormat::kJiraJson);
  EXPECT_EQ(store->rows(), 11u);
  const auto row = store->FindRowByKey("SAMPLEPROJECT-13");
  ASSERT_TRUE(row.has_value());
  const Catalog& c = store->catalog();
  const IssueColumns& cols = store->columns();
  EXPECT_EQ(cols.id.values.Get(*row), 10014);
  EXPECT_EQ(c.statuses[static_cast<Code>(cols.status.values.Get(*row))].name, "Open");
  EXPECT_EQ(c.priorities[static_cast<Code>(cols.priority.values.Get(*row))].name, "Major");
  EXPECT_EQ(c.users[static_cast<Code>(cols.assignee.values.Get(*row))].account_id, "admin");
  EXPECT_EQ(c.users[static_cast<Code>(cols.assignee.values.Get(*row))].email, "admin@example.com");
  EXPECT_FALSE(cols.resolution.IsValid(*row));
  // 2011-12-15T15:35:06.000+1300 is 02:35:06 UTC.
  EXPECT_EQ(cols.created.values.Get(*row), 1323916506000);
  EXPECT_EQ(store->text().summary.Get(*row), "blarg from in example.rb");
  const Project& project = c.projects[*c.FindProjectByKey("SAMPLEPROJECT")];
  EXPECT_EQ(project.id, 10001);
  EXPECT_EQ(project.type, ProjectType::kSoftware);  // Jira Server 6: no project types yet
  // The data's own priority, with its own id, and no priorities it does not have. An
  // old default name keeps its place in Jira's order.
  ASSERT_EQ(c.priorities.size(), 1u);
  EXPECT_EQ(c.priorities[0].name, "Major");
  EXPECT_EQ(c.priorities[0].id, 3);
  EXPECT_EQ(c.priorities.FindById(3), Code{0});
  EXPECT_EQ(c.priorities[0].sequence, *DefaultPriorityRank("Minor") - 1);
}

TEST(LoaderTest, AFieldOfTheWrongShapeIsReportedNotDropped) {
  TempDir dir;
  // Loaded as "no status", the issue would match neither status = Done nor != Done.
  for (const auto& [fields, named] : std::vector<std::pair<std::string, std::string>>{
           {R"("status": "Done")",
            "field 'status' is a string (\"Done\") where Jira gives an object"},
           {R"("labels": "a,b")", "field 'labels' is a string"},
           {R"("assignee": 7)", "field 'assignee' is a number"},
           {R"("created": {"at": 1})", "field 'created' is an object"}}) {
    const std::string file = dir.Write(
        "shape.json", R"({"issues": [{"id": "1", "key": "A-1", "fields": {"summary": "s"}},
                           {"id": "2", "key": "A-2", "fields": {)" +
                          fields + "}}]}");
    auto store = LoadIssueStore(file);
    ASSERT_FALSE(store.ok()) << fields;
    EXPECT_NE(store.status().message().find(named), std::string::npos) << store.status().message();
    EXPECT_NE(store.status().message().find("issue 2"), std::string::npos)
        << store.status().message();
  }
  // null is Jira's "no value" for any field.
  const std::string file =
      dir.Write("null.json", R"({"issues": [{"id": "1", "key": "A-1", "fields": {"status": null,
                               "labels": null, "created": 1700000000000}}]})");
  EXPECT_TRUE(LoadIssueStore(file).ok());
}

TEST(LoaderTest, KeepsTheDataIdsAndNumbersTheRestLikeJira) {
  TempDir dir;
  // The first issue names its entities only in its history, by name; the second gives
  // them with ids. A component and a version met first by name get the ids met later.
  const std::string file = dir.Write("ids.json", R"({"issues": [
    {"id": "7", "key": "P-1", "fields": {"project": {"key": "P"}, "summary": "a",
      "issuetype": {"name": "Task"}, "status": {"name": "Open"},
      "components": [{"name": "UI"}], "fixVersions": [{"name": "1.0"}]},
     "changelog": {"histories": [{"created": "2024-01-01T00:00:00.000+0000", "items": [
       {"field": "status", "fromString": "Open", "toString": "Closed"},
       {"field": "priority", "fromString": "Urgent", "toString": "Low"}]}]}},
    {"id": "8", "key": "P-2", "fields": {"project": {"id": "10400", "key": "P"},
      "summary": "b", "issuetype": {"id": "10002", "name": "Task"},
      "status": {"id": "6", "name": "Closed"}, "priority": {"id": "10001", "name": "Urgent"},
      "components": [{"id": "10300", "name": "UI"}],
      "fixVersions": [{"id": "10500", "name": "1.0"}]}}]})");
  auto store = LoadIssueStore(file);
  ASSERT_TRUE(store.ok()) << store.status().message();
  const Catalog& c = store->catalog();
  auto id_of = [](const auto& table, std::string_view name) {
    const auto codes = table.FindByName(name);
    return codes.size() == 1 ? table[codes.front()].id : int64_t{-1};
  };
  EXPECT_EQ(id_of(c.issue_types, "Task"), 10002);
  EXPECT_EQ(id_of(c.statuses, "Closed"), 6);
  EXPECT_EQ(id_of(c.priorities, "Urgent"), 10001);
  EXPECT_EQ(id_of(c.components, "UI"), 10300);
  EXPECT_EQ(id_of(c.versions, "1.0"), 10500);
  // What the data never numbered is numbered as Jira would, positive and unique.
  EXPECT_EQ(id_of(c.statuses, "Open"), 10000);
  EXPECT_EQ(id_of(c.priorities, "Low"), 4);  // a default name takes its default id
  for (const auto& project : c.projects.items()) EXPECT_GT(project.id, 0);
  EXPECT_EQ(c.statuses.FindById(6), c.statuses.FindByName("Closed").front());
}

TEST(LoaderTest, CloudIssueWithStatusCategoryAndSprints) {
  auto store = LoadIssueStore(kFixtures + "/go-jira-mock-data/issues_in_sprint.json");
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_EQ(store->rows(), 1u);
  const Catalog& c = store->catalog();
  const IssueStatus& status = c.statuses[static_cast<Code>(store->columns().status.values.Get(0))];
  EXPECT_EQ(status.name, "Ready");
  EXPECT_EQ(status.category, StatusCategory::kToDo);

  auto sprint = LoadIssueStore(kFixtures + "/jira-ruby-mock-responses/sprint/1_issues.json");
  ASSERT_TRUE(sprint.ok()) << sprint.status().message();
  const Catalog& sc = sprint->catalog();
  ASSERT_EQ(sprint->columns().sprints.Count(0), 2u);
  EXPECT_EQ(sc.sprints[sc.sprints.FindByName("sprint 2").front()].state, SprintState::kFuture);
  EXPECT_EQ(sc.sprints[sc.sprints.FindByName("sprint 1").front()].state, SprintState::kClosed);
  EXPECT_FALSE(sprint->text().comments.Get(0).empty());
}

TEST(LoaderTest, SingleIssueWithCommentsAndCustomFields) {
  LoadReport report;
  auto single = LoadIssueStore(kFixtures + "/jira-ruby-mock-responses/issue/10002.json", &report);
  ASSERT_TRUE(single.ok()) << single.status().message();
  EXPECT_EQ(single->rows(), 1u);
  EXPECT_EQ(single->text().comments.Get(0), "");  // the fixture's comment list is empty
  EXPECT_EQ(single->Key(0), "SAMPLEPROJECT-1");

  auto full = LoadIssueStore(kFixtures +
                             "/jira-ruby-mock-responses/rapidview/SAMPLEPROJECT.issues.full.json");
  ASSERT_TRUE(full.ok()) << full.status().message();
  EXPECT_EQ(full->rows(), 2u);
  const auto rank = full->catalog().custom_fields.FindById(10009);
  ASSERT_TRUE(rank.has_value());
  EXPECT_EQ(full->catalog().custom_fields[*rank].type, CustomFieldType::kText);
}

TEST(LoaderTest, EmptyPagesAndIssuesWithoutFields) {
  auto empty = LoadIssueStore(kFixtures + "/jira-ruby-mock-responses/empty_issues.json");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->rows(), 0u);
  auto bare = LoadIssueStore(kFixtures + "/jira-ruby-mock-responses/board/1_issues.json");
  ASSERT_TRUE(bare.ok()) << bare.status().message();
  EXPECT_EQ(bare->rows(), 9u);
  EXPECT_FALSE(bare->columns().status.present());
}

TEST(LoaderTest, EveryFixtureLoadsOrFailsWithItsName) {
  size_t loaded = 0, refused = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kFixtures)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    const std::string path = entry.path().string();
    auto store = LoadIssueStore(path);
    if (store.ok()) {
      ++loaded;
    } else {
      ++refused;
      EXPECT_EQ(store.status().message().rfind(path, 0), 0u) << store.status().message();
    }
  }
  EXPECT_EQ(loaded, 10u);   // the search pages and single issues
  EXPECT_GT(refused, 60u);  // projects, statuses, boards ...: not issues
}

TEST(LoaderTest, PeerCsvSample) {
  LoadReport report;
  auto store = LoadIssueStore(kData + "/sample", &report);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(report.format, DataFormat::kFolder);
  EXPECT_EQ(store->rows(), 3000u);
  const Catalog& c = store->catalog();
  const IssueColumns& cols = store->columns();
  EXPECT_EQ(store->Key(0), store->Key(*store->FindRowById(1)));
  EXPECT_EQ(cols.id.values.Get(0), 1);
  // Subtasks have parents; priorities keep their configured order.
  size_t subtasks = 0;
  for (size_t r = 0; r < store->rows(); ++r) {
    if (c.issue_types[static_cast<Code>(cols.issue_type.values.Get(r))].subtask) {
      ++subtasks;
      EXPECT_TRUE(cols.parent.IsValid(r));
    }
  }
  EXPECT_GT(subtasks, 400u);
  EXPECT_LT(c.priorities[c.priorities.FindByName("Highest").front()].sequence,
            c.priorities[c.priorities.FindByName("Lowest").front()].sequence);
  EXPECT_GT(store->ArchivedCount(), 0u);
}

TEST(LoaderTest, VersionsOrderNaturally) {
  TempDir dir;
  const std::string csv = dir.Write(
      "v.csv", "id,key,fix_version\n1,A-1,v2.10\n2,A-2,v2.9\n3,A-3,v10.0\n4,A-4,v2.9.1\n");
  auto store = LoadIssueStore(csv);
  ASSERT_TRUE(store.ok()) << store.status().message();
  const Catalog& c = store->catalog();
  auto seq = [&](const char* name) {
    return c.versions[c.versions.FindByName(name).front()].sequence;
  };
  EXPECT_LT(seq("v2.9"), seq("v2.9.1"));
  EXPECT_LT(seq("v2.9.1"), seq("v2.10"));
  EXPECT_LT(seq("v2.10"), seq("v10.0"));
}

struct BrokenFile {
  const char* name;
  const char* content;
  const char* error;  // the message after the file path
};

class BrokenFileTest : public testing::TestWithParam<BrokenFile> {};

TEST_P(BrokenFileTest, IsRefusedWithFileAndPlace) {
  TempDir dir;
  const BrokenFile& b = GetParam();
  const std::string path = dir.Write(b.name, b.content);
  auto store = LoadIssueStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(), path + b.error);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BrokenFileTest,
    testing::Values(
        BrokenFile{"empty.json", "", " is empty"}, BrokenFile{"blank.csv", "\n  \n", " is empty"},
        BrokenFile{"truncated.json",
                   "{\"issues\": [{\"id\": \"1\", \"key\": \"A-1\"},\n {\"id\": \"2\", \"ke",
                   " line 2: malformed JSON (incomplete JSON) at byte offset 55"},
        BrokenFile{"garbage.json", "{\"issues\": [1, 2,, 3]}",
                   " line 1: malformed JSON (syntax error) at byte offset 17"},
        BrokenFile{"nokey.json",
                   "{\"issues\": [{\"id\": \"1\", \"key\": \"A-1\"}, {\"id\": \"2\"}]}",
                   ", issue 2: the issue has no valid 'key' (got '')"},
        BrokenFile{"noid.jsonl", "{\"id\": \"1\", \"key\": \"A-1\"}\n{\"key\": \"A-2\"}\n",
                   " line 2: the issue has no 'id'"},
        BrokenFile{"badtime.jsonl",
                   "{\"id\": \"1\", \"key\": \"A-1\", \"fields\": {\"created\": "
                   "\"yesterday\"}}\n{\"id\": \"2\", \"key\": \"A-2\"}\n",
                   " line 1: field 'created' is not a Jira time: 'yesterday'"},
        BrokenFile{"badutf8.jsonl",
                   "{\"id\": \"1\", \"key\": \"A-1\"}\n{\"id\": \"2\", \"key\": \"A-\xff\"}\n",
                   " line 2: invalid UTF-8 at byte offset 48"},
        BrokenFile{"short.csv", "id,key,status\n1,A-1,Open\n2,A-2\n",
                   " line 3: expected 3 fields, found 2 (is the file truncated?)"},
        BrokenFile{"badint.csv", "id,key,created\n1,A-1,12x\n",
                   " line 2: column 'created' is not an integer: '12x'"},
        BrokenFile{"badkey.csv", "id,key\n1,A1\n", " line 2: 'A1' is not an issue key"},
        BrokenFile{"noheader.csv", "a,b\n1,2\n",
                   " is not issue data (neither JSON nor a CSV whose header names 'id' and "
                   "'key')"},
        BrokenFile{"issues.csv.gz", "\x1F\x8B\x08\x00rest",
                   " is a gzip-compressed file: decompress it first (gunzip)"},
        BrokenFile{"issues.zip", "PK\x03\x04rest", " is a zip archive: unpack it first (unzip)"},
        BrokenFile{
            "projects.json",
            "{\"isLast\": true, \"values\": [{\"id\": \"1\", \"key\": \"EX\", "
            "\"projectTypeKey\": \"software\"}]}",
            " is a list of projects (GET /rest/api/3/project/search), not issues; it belongs "
            "in a --catalog folder"},
        BrokenFile{"quote.csv", "id,key,summary\n1,A-1,\"never closed\n",
                   " line 2: unterminated quoted field"},
        BrokenFile{"archived.csv", "id,key,archived\n1,A-1,maybe\n",
                   " line 2: column 'archived' must be 0 or 1, not 'maybe'"}));

TEST(LoaderTest, FolderIsSearchedRecursivelyAndSkipsWhatIsNotIssues) {
  TempDir dir;
  fs::create_directories(dir.path() + "/2024/march");
  fs::create_directories(dir.path() + "/.git");
  dir.Write("a.csv", "id,key,summary\n1,A-1,first\n");
  dir.Write("2024/march/b.jsonl",
            "{\"id\": \"2\", \"key\": \"A-2\"}\n{\"id\": \"3\", \"key\": \"A-3\"}\n");
  dir.Write("README.md", "# Our export\nsaved by hand\n");
  dir.Write("LICENSE", "MIT License\n");
  dir.Write("2024/old.csv.gz", "\x1F\x8B\x08\x00");
  dir.Write(".git/HEAD", "ref: refs/heads/main\n");  // hidden: not even a note
  dir.Write("projects.json", "[{\"id\": \"1\", \"key\": \"A\", \"projectTypeKey\": \"software\"}]");
  LoadReport report;
  auto store = LoadIssueStore(dir.path(), &report);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(store->rows(), 3u);
  EXPECT_EQ(report.files.size(), 2u);
  ASSERT_EQ(report.notes.size(), 4u);
  const std::string root = dir.path() + "/";
  EXPECT_EQ(
      report.notes[0],
      root + "2024/old.csv.gz: a gzip-compressed file: decompress it first (gunzip); skipped");
  EXPECT_EQ(report.notes[1], root +
                                 "LICENSE: not issue data (neither JSON nor a CSV whose header "
                                 "names 'id' and 'key'); skipped");
  EXPECT_EQ(report.notes[2], root +
                                 "README.md: not issue data (neither JSON nor a CSV whose header "
                                 "names 'id' and 'key'); skipped");
  EXPECT_TRUE(report.notes[3].starts_with(root + "projects.json: a list of projects"));
}

TEST(LoaderTest, FolderWithNothingToLoadSaysWhatItHeld) {
  TempDir dir;
  dir.Write("README", "nothing here\n");
  auto store = LoadIssueStore(dir.path());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(),
            dir.path() + " holds no issue data files (" + dir.path() +
                "/README: not issue data (neither JSON nor a CSV whose header names 'id' and "
                "'key'); skipped)");
}

TEST(LoaderTest, DuplicateIdsNameBothPlaces) {
  TempDir dir;
  const std::string path = dir.Write(
      "dup.jsonl", "{\"id\": \"1\", \"key\": \"A-1\"}\n{\"id\": \"1\", \"key\": \"A-2\"}\n");
  auto store = LoadIssueStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(),
            "duplicate issue id 1: " + path + " line 1 and " + path + " line 2");
}

TEST(LoaderTest, QuotedCsvFields) {
  TempDir dir;
  const std::string path =
      dir.Write("q.csv", "id,key,summary,labels\r\n1,A-1,\"a, \"\"quoted\"\"\nsummary\",x;y\r\n");
  auto store = LoadIssueStore(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(store->text().summary.Get(0), "a, \"quoted\"\nsummary");
  EXPECT_EQ(store->columns().labels.Count(0), 2u);
}

TEST(LoaderTest, UnknownFieldsAreCountedNotFatal) {
  TempDir dir;
  const std::string path = dir.Write("u.jsonl",
                                     "{\"id\": \"1\", \"key\": \"A-1\", \"fields\": "
                                     "{\"customfield_1\": 5, \"mystery\": {\"a\": 1}}}\n"
                                     "{\"id\": \"2\", \"key\": \"A-2\", \"fields\": "
                                     "{\"customfield_1\": \"text now\", \"mystery\": 2}}\n");
  LoadReport report;
  auto store = LoadIssueStore(path, &report);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(report.unknown_fields["mystery"], 2u);
  EXPECT_EQ(report.unknown_fields["customfield_1"], 1u);  // a text value in a number field
  EXPECT_EQ(store->catalog().custom_fields.size(), 1u);
}

TEST(LoaderTest, ChangelogBecomesHistory) {
  TempDir dir;
  const std::string path = dir.Write(
      "h.jsonl",
      R"({"id": "1", "key": "A-1", "fields": {"status": {"id": "3", "name": "Done", "statusCategory": {"key": "done"}}},)"
      R"( "changelog": {"histories": [)"
      R"({"created": "2024-02-01T10:00:00.000+0000", "author": {"accountId": "u2"}, "items": [{"field": "resolution", "fromString": null, "toString": "Fixed"}, {"field": "status", "from": "1", "fromString": "In Progress", "to": "3", "toString": "Done"}]},)"
      R"({"created": "2024-01-01T10:00:00.000+0000", "author": {"accountId": "u1"}, "items": [{"field": "status", "fromString": "Open", "toString": "In Progress"}, {"field": "Attachment", "toString": "x.png"}]}]}})"
      "\n");
  LoadReport report;
  auto store = LoadIssueStore(path, &report);
  ASSERT_TRUE(store.ok()) << store.status().message();
  const History& h = store->history();
  ASSERT_EQ(h.items(), 3u);
  EXPECT_EQ(report.history_items_skipped, 1u);
  const Catalog& c = store->catalog();
  // Oldest first.
  EXPECT_EQ(static_cast<HistoryField>(h.field.Get(0)), HistoryField::kStatus);
  EXPECT_EQ(c.statuses[static_cast<Code>(h.from.Get(0))].name, "Open");
  EXPECT_EQ(c.statuses[static_cast<Code>(h.to.Get(0))].name, "In Progress");
  EXPECT_EQ(c.users[static_cast<Code>(h.author.Get(0))].account_id, "u1");
  EXPECT_EQ(h.time.Get(0), 1704103200000);
  EXPECT_EQ(static_cast<HistoryField>(h.field.Get(1)), HistoryField::kResolution);
  EXPECT_EQ(h.from.Get(1), -1);
  EXPECT_EQ(c.resolutions[static_cast<Code>(h.to.Get(1))].name, "Fixed");
}

}  // namespace
}  // namespace jql
