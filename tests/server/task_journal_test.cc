// Tasks cost the journal little whatever their JQL: the JQL is kept once (and at
// most kTaskJqlLimit of it), updates journal only what changes, finished tasks move
// to their own files, and a compaction rewrites only the active ones.
#include <gtest/gtest.h>

#include <filesystem>

#include "archive/durable_archive.h"
#include "archive/task_manager.h"
#include "server_fixture.h"

namespace jql::testing {
namespace {

using archive::DurableArchive;
using archive::TaskManager;

TEST(TaskJournalTest, BigJqlIsKeptOnceAndCompactionIgnoresFinishedTasks) {
  const std::string state = FreshDirectory("jql-task-journal");
  const std::string data = JQL_SOURCE_DIR "/data/sample";
  const std::string huge_jql = "key = NOPE-1 OR summary ~ \"" + std::string(1 << 20, 'w') + "\"";
  {
    std::vector<boost::json::object> records;
    auto archive = DurableArchive::Open(state, data, &records);
    ASSERT_TRUE(archive.ok()) << archive.status().message();
    archive::TaskOptions options;
    options.state_dir = state;
    options.base_url = "http://127.0.0.1:1";
    TaskManager tasks(**archive, options);
    tasks.Recover(records);
    QueryContext context;
    const CompileResult nothing =
        (*archive)->engine().Compile("key = PCVX-1 AND key = PCVX-2", context);
    ASSERT_TRUE(nothing.ok());
    for (int i = 0; i < 20; ++i) {
      std::string active;
      const auto task = tasks.StartArchive(nothing.query, huge_jql, "acc", 10000, &active);
      ASSERT_TRUE(task.has_value()) << "task " << i << " did not start; active: " << active;
      tasks.WaitIdle();
    }
    // 20 tasks of 1 MiB of JQL: each is journaled with at most 64 KiB of it.
    EXPECT_LT((*archive)->journal_bytes(), 20u * (archive::kTaskJqlLimit + 8192))
        << "the JQL is journaled more than once per task";
    ASSERT_TRUE(tasks.Shutdown().ok());
    // After the compaction only the header and marks remain: finished tasks are in
    // their own files.
    EXPECT_LT((*archive)->journal_bytes(), 4096u);
  }
  size_t task_files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(state + "/tasks"))
    task_files += entry.path().extension() == ".json";
  EXPECT_EQ(task_files, 20u);
  // A restart brings every task back, finished, with its JQL cut to the limit.
  std::vector<boost::json::object> records;
  auto archive = DurableArchive::Open(state, data, &records);
  ASSERT_TRUE(archive.ok());
  archive::TaskOptions options;
  options.state_dir = state;
  TaskManager tasks(**archive, options);
  tasks.Recover(records);
  for (int id = 10000; id < 10020; ++id) {
    const auto task = tasks.Get(std::to_string(id));
    ASSERT_TRUE(task.has_value()) << id;
    EXPECT_EQ(task->status, archive::TaskStatus::kComplete) << id;
    EXPECT_LE(task->jql.size(), archive::kTaskJqlLimit + 3);
    EXPECT_LE(task->description.size(), 300u);
  }
  std::filesystem::remove_all(state);
}

}  // namespace
}  // namespace jql::testing
