// A real full disk under the real server: the state directory lives on a small tmpfs
// mounted for this test (CI runs as root). Archives answer 500 while the disk is
// full and change nothing; once space is back they answer 200; after kill -9 the
// server restarts (never "damaged at line N") with every acknowledged archive and
// none of the refused ones. GET /readyz says 503 while the disk is full.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <fstream>

#include "http_client.h"
#include "server_fixture.h"
#include "server_process.h"

namespace jql::testing {
namespace {

namespace json = boost::json;

class TmpfsMount {
 public:
  explicit TmpfsMount(const std::string& dir) : dir_(dir) {
    mounted_ = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=1m") == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~TmpfsMount() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::string dir_;
  bool mounted_ = false;
  std::string error_;
};

// Fills the file system at `dir` to the last byte.
void Fill(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::setvbuf(f, nullptr, _IONBF, 0);
  const std::string block(4096, 'f');
  while (std::fwrite(block.data(), 1, block.size(), f) == block.size()) {
  }
  while (std::fwrite("f", 1, 1, f) == 1) {
  }
  std::fclose(f);
}

int ArchiveKeys(uint16_t port, const Credentials& who, const std::vector<std::string>& keys) {
  json::array items;
  for (const std::string& k : keys) items.push_back(json::value(k));
  return Send(port, http::verb::put, "/rest/api/3/issue/archive",
              json::serialize(json::object{{"issueIdsOrKeys", items}}), who)
      .status;
}

int64_t CountOf(uint16_t port, const Credentials& who, const std::string& jql) {
  const Reply r = Send(port, http::verb::post, "/rest/api/3/search/approximate-count",
                       json::serialize(json::object{{"jql", jql}}), who);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json().at("count").as_int64() : -1;
}

TEST(FullDiskTest, ArchivesRefusedOnAFullDiskChangeNothingAndAcknowledgedOnesSurviveKillNine) {
  const std::string dir = FreshDirectory("jql-full-disk");
  const std::string mount_point = dir + "/fs";
  std::filesystem::create_directories(mount_point);
  TmpfsMount tmpfs(mount_point);
  ASSERT_TRUE(tmpfs.mounted()) << "cannot mount a tmpfs (this test needs root): " << tmpfs.error();
  const std::string users = dir + "/users.json";
  std::ofstream(users) << R"({"users":[{"email":"admin@example.com","accountId":"acc-admin",)"
                       << R"("role":"admin","tokenSha256":")" << server::Sha256Hex("t")
                       << R"("}]})";
  const Credentials admin{"admin@example.com", "t"};
  // Lazy indexes: /readyz then speaks only of the disk, not of an index still being
  // built in the background (slow under ASan).
  const std::vector<std::string> args = {"--data",        JQL_SOURCE_DIR "/data/sample",
                                         "--state",       mount_point + "/state",
                                         "--users",       users,
                                         "--listen",      "127.0.0.1:0",
                                         "--lazy-indexes"};
  // Keys of top-level issues that are not archived yet.
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> acknowledged, refused;
  auto batch = [&](size_t first) {
    return std::vector<std::string>(keys.begin() + static_cast<ptrdiff_t>(first),
                                    keys.begin() + static_cast<ptrdiff_t>(first + 10));
  };
  {
    ServerProcess server;
    ASSERT_TRUE(server.Start(JQL_BINARY, args)) << server.output();
    const Reply page =
        Send(server.port(), http::verb::get,
             "/rest/api/3/search/jql?jql=issuetype%20in%20standardIssueTypes()%20AND%20"
             "projectType%20%3D%20software%20ORDER%20BY%20key&maxResults=1000",
             "", admin);
    ASSERT_EQ(page.status, 200) << page.body;
    const json::value body = page.json();
    for (const auto& issue : body.at("issues").as_array())
      keys.emplace_back(issue.at("key").as_string());
    ASSERT_GE(keys.size(), 700u);
    size_t next = 0;
    for (int i = 0; i < 3; ++i, next += 10) {  // some archives while there is space
      ASSERT_EQ(ArchiveKeys(server.port(), admin, batch(next)), 200);
      acknowledged.push_back(batch(next));
    }
    // A full disk: the journal's last page may still take a few records; after
    // that every archive is refused with a 500 and changes nothing.
    Fill(mount_point + "/filler");
    int refusals_in_a_row = 0;
    for (int i = 0; next + 60 <= keys.size() && refusals_in_a_row < 5; ++i, next += 10) {
      const int status = ArchiveKeys(server.port(), admin, batch(next));
      ASSERT_TRUE(status == 200 || status == 500) << status;
      (status == 200 ? acknowledged : refused).push_back(batch(next));
      refusals_in_a_row = status == 500 ? refusals_in_a_row + 1 : 0;
      if (status == 500) {
        EXPECT_EQ(CountOf(server.port(), admin, "key = " + keys[next]), 1) << keys[next];
      }
    }
    ASSERT_GE(refused.size(), 5u) << "the full disk never refused an archive";
    // A load balancer hears of it: not ready while the journal has no room.
    const Reply full = Send(server.port(), http::verb::get, "/readyz", "", std::nullopt);
    EXPECT_EQ(full.status, 503) << full.body;
    EXPECT_NE(full.body.find("less than 64 KiB free"), std::string::npos) << full.body;
    std::filesystem::remove(mount_point + "/filler");
    EXPECT_EQ(Send(server.port(), http::verb::get, "/readyz", "", std::nullopt).status, 200);
    for (int i = 0; i < 5; ++i, next += 10) {  // space is back
      ASSERT_EQ(ArchiveKeys(server.port(), admin, batch(next)), 200) << keys[next];
      acknowledged.push_back(batch(next));
    }
    server.Kill();
  }
  // Restart after kill -9: everything acknowledged is archived, nothing refused is.
  ServerProcess again;
  ASSERT_TRUE(again.Start(JQL_BINARY, args)) << "restart refused: " << again.output();
  for (const auto& keys_of_request : acknowledged) {
    for (const std::string& key : keys_of_request)
      EXPECT_EQ(CountOf(again.port(), admin, "key = " + key), 0)
          << key << " was acknowledged but is lost";
  }
  for (const auto& keys_of_request : refused) {
    for (const std::string& key : keys_of_request)
      EXPECT_EQ(CountOf(again.port(), admin, "key = " + key), 1)
          << key << " was refused but archived";
  }
  EXPECT_EQ(again.Terminate(), 0) << again.output();
}

}  // namespace
}  // namespace jql::testing
