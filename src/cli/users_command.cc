// jql users: the users file `jql serve --users` reads. `add` makes a user with a new
// random token, prints the token once and stores only its SHA-256; `remove` and
// `list` do what they say. Every change is checked as the server would load it and
// replaces the file whole (a rename), so a running server reloading it on SIGHUP never
// reads half a file.
#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "jql/catalog.h"
#include "server/auth.h"

namespace jql::cli {
namespace {

namespace json = boost::json;

struct UsersOptions {
  std::string file;
  std::string email;
  std::string role = "user";
  std::string account_id;
  std::string display_name;
};

// The file's JSON, or an empty list when it does not exist yet.
std::optional<json::object> ReadFile(const std::string& path) {
  if (!std::filesystem::exists(path)) return json::object{{"users", json::array{}}};
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value root = json::parse(text.str(), ec);
  if (ec || !root.is_object() || !root.as_object().contains("users") ||
      !root.as_object().at("users").is_array()) {
    std::cerr << "jql users: " << path << " is not a users file ({\"users\": [...]})\n";
    return std::nullopt;
  }
  return std::move(root.as_object());
}

// Writes `root` beside the file, loads it as the server would, and renames it over
// the file; prints why not and returns false otherwise.
bool Replace(const std::string& path, const json::object& root, bool allow_empty) {
  const std::string temp = path + ".tmp";
  const std::string text = json::serialize(root) + "\n";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
      ::fsync(fd) != 0) {
    std::cerr << "jql users: cannot write " << temp << ": " << std::strerror(errno) << "\n";
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  if (!allow_empty || !root.at("users").as_array().empty()) {
    auto loaded = server::UserDirectory::LoadFile(temp);
    if (!loaded.ok()) {
      std::filesystem::remove(temp);
      std::cerr << "jql users: " << loaded.status().message() << "\n";
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::cerr << "jql users: cannot replace " << path << ": " << ec.message() << "\n";
    return false;
  }
  return true;
}

int Add(const UsersOptions& o) {
  auto root = ReadFile(o.file);
  if (!root) return kUsageOrIoError;
  json::array& users = root->at("users").as_array();
  for (const json::value& u : users) {
    if (u.is_object() && u.as_object().contains("email") && u.at("email").is_string() &&
        FoldCase(u.at("email").as_string()) == FoldCase(o.email)) {
      std::cerr << "jql users: " << o.email << " is already in " << o.file
                << " (remove it first to give it a new token)\n";
      return kUsageOrIoError;
    }
  }
  const std::string token = server::RandomToken();
  json::object user{
      {"email", o.email}, {"role", o.role}, {"tokenSha256", server::Sha256Hex(token)}};
  if (!o.account_id.empty()) user["accountId"] = o.account_id;
  if (!o.display_name.empty()) user["displayName"] = o.display_name;
  users.push_back(std::move(user));
  if (!Replace(o.file, *root, false)) return kUsageOrIoError;
  // The token is shown this once: the file keeps only its hash.
  std::cout << "added " << o.email << " (" << o.role << ") to " << o.file << "\n"
            << "token: " << token << "\n"
            << "A running server reads the file again on SIGHUP.\n";
  return kOk;
}

int Remove(const UsersOptions& o) {
  auto root = ReadFile(o.file);
  if (!root) return kUsageOrIoError;
  json::array& users = root->at("users").as_array();
  const size_t before = users.size();
  json::array kept;
  for (json::value& u : users) {
    const bool match = u.is_object() && u.as_object().contains("email") &&
                       u.at("email").is_string() &&
                       FoldCase(u.at("email").as_string()) == FoldCase(o.email);
    if (!match) kept.push_back(std::move(u));
  }
  if (kept.size() == before) {
    std::cerr << "jql users: " << o.email << " is not in " << o.file << "\n";
    return kUsageOrIoError;
  }
  if (kept.empty()) {
    std::cerr << "jql users: " << o.email << " is the last user; nobody could sign in\n";
    return kUsageOrIoError;
  }
  (*root)["users"] = std::move(kept);
  if (!Replace(o.file, *root, false)) return kUsageOrIoError;
  std::cout << "removed " << o.email << " from " << o.file << "\n";
  return kOk;
}

int List(const UsersOptions& o) {
  auto users = server::UserDirectory::LoadFile(o.file);
  if (!users.ok()) {
    std::cerr << "jql users: " << users.status().message() << "\n";
    return kUsageOrIoError;
  }
  for (const server::ApiUser& u : users->users()) {
    const char* role = u.role == server::Role::kSiteAdmin ? "site-admin"
                       : u.role == server::Role::kAdmin   ? "admin"
                                                          : "user";
    std::cout << u.email << "\t" << role << "\t" << u.account_id << "\n";
  }
  return kOk;
}

}  // namespace

void RegisterUsers(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<UsersOptions>();
  CLI::App* cmd = app.add_subcommand("users", "Manage the users file of jql serve --users.");
  cmd->require_subcommand(1);
  CLI::App* add = cmd->add_subcommand(
      "add", "Add a user with a new token (printed once; only its hash is kept)");
  add->add_option("email", o->email, "The e-mail the user signs in with")->required();
  add->add_option("--users", o->file, "The users file (made if missing)")->required();
  add->add_option("--role", o->role, "user (default), admin or site-admin")
      ->check(CLI::IsMember({"user", "admin", "site-admin"}));
  add->add_option("--account-id", o->account_id, "What currentUser() means (default: the e-mail)");
  add->add_option("--display-name", o->display_name, "The name shown for the user");
  add->callback([o, &exit_code] { exit_code = Add(*o); });
  CLI::App* remove = cmd->add_subcommand("remove", "Remove a user (and its token)");
  remove->add_option("email", o->email, "The user's e-mail")->required();
  remove->add_option("--users", o->file, "The users file")->required();
  remove->callback([o, &exit_code] { exit_code = Remove(*o); });
  CLI::App* list = cmd->add_subcommand("list", "List the users: e-mail, role, account id");
  list->add_option("--users", o->file, "The users file")->required();
  list->callback([o, &exit_code] { exit_code = List(*o); });
}

}  // namespace jql::cli
