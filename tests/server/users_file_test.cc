// The users file is refused, naming the entry, whenever it could not work as written:
// no users, e-mails equal but for case, an e-mail Basic auth cannot carry, ids that
// are not positive integers or repeat.
#include <gtest/gtest.h>

#include <fstream>

#include "server/auth.h"
#include "server_fixture.h"

namespace jql::testing {
namespace {

std::string Hash() { return server::Sha256Hex("t"); }

StatusOr<server::UserDirectory> Load(const std::string& users) {
  const std::string path = FreshDirectory("jql-users") + "/users.json";
  std::ofstream(path) << R"({"users":[)" << users << "]}";
  return server::UserDirectory::LoadFile(path);
}

std::string User(const std::string& email, const std::string& extra = "") {
  return R"({"email":")" + email + R"(","tokenSha256":")" + Hash() + "\"" + extra + "}";
}

TEST(UsersFileTest, EveryUnusableEntryIsRefusedWithItsPlace) {
  struct Case {
    std::string users;
    std::string says;
  };
  for (const Case& c : {
           Case{"", "lists no users"},
           Case{User("a@x.org") + "," + User("A@X.org"), "user 2: \"email\" A@X.org is already"},
           Case{User("a:b@x.org"), "user 1: \"email\" a:b@x.org contains ':'"},
           Case{User("a@x.org", R"(,"id":"10")"), "user 1: \"id\" must be a positive integer"},
           Case{User("a@x.org", R"(,"id":1.5)"), "user 1: \"id\" must be a positive integer"},
           Case{User("a@x.org", R"(,"id":-3)"), "user 1: \"id\" must be a positive integer"},
           Case{User("a@x.org", R"(,"id":7)") + "," + User("b@x.org", R"(,"id":7)"),
                "user 2: \"id\" 7 is already the id of a@x.org"},
           Case{User("a@x.org", R"(,"accountId":"q")") + "," +
                    User("b@x.org", R"(,"accountId":"q")"),
                "user 2: \"accountId\" q is already"},
       }) {
    const auto loaded = Load(c.users);
    ASSERT_FALSE(loaded.ok()) << c.users;
    EXPECT_NE(loaded.status().message().find(c.says), std::string::npos)
        << loaded.status().message();
  }
  const auto fine = Load(User("a@x.org", R"(,"id":7)") + "," + User("b@x.org"));
  ASSERT_TRUE(fine.ok()) << fine.status().message();
}

}  // namespace
}  // namespace jql::testing
