// Export files live as long as their task and no longer, leftovers of a crash are
// swept at start, and a download is streamed from disk, never read into memory.
#include <fstream>

#include "raw_http.h"
#include "server_fixture.h"

namespace jql::testing {
namespace {

namespace json = boost::json;

class ExportFilesTest : public ServerFixture {
 protected:
  // Archives one issue and exports it; returns the finished export task.
  json::object ArchiveAndExport() {
    EXPECT_EQ(Put("/rest/api/3/issue/archive", R"({"issueIdsOrKeys":["PCVX-1"]})", admin_).status,
              200);
    const Reply r = Put("/rest/api/3/issues/archive/export", R"({"projects":["PCVX"]})", admin_);
    EXPECT_EQ(r.status, 202) << r.body;
    return WaitForTask(std::string(r.json().at("taskId").as_string()));
  }
  std::string FileOf(const json::object& task) {
    return state_ + "/exports/" + std::string(task.at("id").as_string()) + ".csv";
  }
};

size_t PeakRssKb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("VmHWM:")) return std::stoul(line.substr(6));
  return 0;
}

TEST_F(ExportFilesTest, AnExportFileIsDeletedWithItsTask) {
  retention_ms_ = 300;
  Start();
  const json::object task = ArchiveAndExport();
  ASSERT_EQ(task.at("status"), "COMPLETE") << json::serialize(task);
  const std::string file = FileOf(task);
  EXPECT_TRUE(std::filesystem::exists(file));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(Get("/rest/api/3/task/" + std::string(task.at("id").as_string()), admin_).status, 404);
  EXPECT_FALSE(std::filesystem::exists(file)) << "the export outlived its task";
}

TEST_F(ExportFilesTest, LeftoversAreSweptAtStart) {
  Start();
  const json::object task = ArchiveAndExport();
  ASSERT_EQ(task.at("status"), "COMPLETE");
  Stop();
  std::ofstream(state_ + "/exports/777.csv") << "an export whose task is gone\n";
  std::ofstream(state_ + "/exports/778.csv.tmp") << "an export a crash cut short\n";
  std::ofstream(state_ + "/journal.log.tmp") << "a compaction a crash cut short\n";
  Start();
  EXPECT_TRUE(std::filesystem::exists(FileOf(task))) << "a kept task's file was swept";
  EXPECT_FALSE(std::filesystem::exists(state_ + "/exports/777.csv"));
  EXPECT_FALSE(std::filesystem::exists(state_ + "/exports/778.csv.tmp"));
  EXPECT_FALSE(std::filesystem::exists(state_ + "/journal.log.tmp"));
}

TEST_F(ExportFilesTest, ADownloadIsStreamedFromDisk) {
  Start();
  const json::object task = ArchiveAndExport();
  ASSERT_EQ(task.at("status"), "COMPLETE");
  // Make the file big: 64 MiB of rows.
  {
    std::ofstream out(FileOf(task), std::ios::app);
    const std::string row = "PCVX-1,1," + std::string(1000, 's') + "\n";
    for (int i = 0; i < 64 * 1024 * 1024 / static_cast<int>(row.size()); ++i) out << row;
  }
  const size_t size = std::filesystem::file_size(FileOf(task));
  const std::string target =
      std::string(task.at("result").at("fileUrl").as_string()).substr(base_.size());
  const size_t peak_before = PeakRssKb();
  RawConnection c(port_);
  c.Write("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + admin_.Header() +
          "\r\nConnection: close\r\n\r\n");
  std::string start;
  const size_t received = c.CountAll(&start, 4096);
  const std::string head = start.substr(0, start.find("\r\n\r\n") + 4);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200")) << head;
  EXPECT_NE(head.find("Content-Length: " + std::to_string(size)), std::string::npos) << head;
  EXPECT_EQ(received, head.size() + size);
  const size_t grown_kb = PeakRssKb() - peak_before;
  EXPECT_LT(grown_kb, 16u * 1024) << "the download was read into memory";
  // HEAD gives the length and no body.
  const std::string only_head =
      Exchange(port_, "HEAD " + target +
                          " HTTP/1.1\r\nHost: x\r\nAuthorization: " + admin_.Header() + "\r\n\r\n");
  EXPECT_NE(only_head.find("Content-Length: " + std::to_string(size)), std::string::npos)
      << only_head;
  EXPECT_EQ(only_head.size(), only_head.find("\r\n\r\n") + 4);
}

}  // namespace
}  // namespace jql::testing
