#include "client/catalog_fetch.h"

#include <boost/json.hpp>
#include <map>
#include <regex>

#include "client/mirror_folder.h"

namespace jql::client {

namespace fs = std::filesystem;
namespace json = boost::json;

Status FetchCatalog(SiteClient& site, const fs::path& dir) {
  std::map<std::string, json::value> files;
  const std::pair<const char*, const char*> single[] = {
      {"field.json", "/rest/api/3/field"},
      {"status.json", "/rest/api/3/status"},
      {"priority.json", "/rest/api/3/priority"},
      {"issuetype.json", "/rest/api/3/issuetype"},
      {"resolution.json", "/rest/api/3/resolution"},
      {"groups.json", "/rest/api/3/groups/picker?maxResults=1000"}};
  for (const auto& [name, path] : single) {
    auto body = site.Get(path);
    if (!body.ok()) return body.status();
    files[name] = std::move(*body);
  }
  // Projects: pages of /project/search until isLast.
  for (size_t page = 1, start = 0;; ++page) {
    auto body =
        site.Get("/rest/api/3/project/search?maxResults=100&startAt=" + std::to_string(start));
    if (!body.ok()) return body.status();
    const json::value* values =
        body->is_object() ? body->as_object().if_contains("values") : nullptr;
    if (values == nullptr || !values->is_array())
      return Status(StatusCode::kInternal,
                    "GET /rest/api/3/project/search: the answer has no values");
    const size_t got = values->as_array().size();
    const json::value* last = body->as_object().if_contains("isLast");
    const bool done = got == 0 || (last != nullptr && last->is_bool() && last->as_bool());
    files[page == 1 ? "project.json" : "project-" + std::to_string(page) + ".json"] =
        std::move(*body);
    start += got;
    if (done) break;
  }
  // Users: pages of /users/search until a short page.
  for (size_t page = 1, start = 0;; ++page) {
    auto body =
        site.Get("/rest/api/3/users/search?maxResults=1000&startAt=" + std::to_string(start));
    if (!body.ok()) return body.status();
    if (!body->is_array())
      return Status(StatusCode::kInternal,
                    "GET /rest/api/3/users/search: the answer is not a list");
    const size_t got = body->as_array().size();
    if (got == 0 && page > 1) break;
    files[page == 1 ? "users.json" : "users-" + std::to_string(page) + ".json"] = std::move(*body);
    start += got;
    if (got < 1000) break;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  for (const auto& [name, body] : files) {
    if (!WriteAtomically(dir / name, json::serialize(body) + "\n"))
      return Status(StatusCode::kInternal, "cannot write " + (dir / name).string());
  }
  // Pages of a catalog that had more projects or users than it has now.
  static const std::regex page_file("(project|users)-[0-9]+\\.json");
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, page_file) && !files.contains(name)) fs::remove(entry.path(), ec);
  }
  return Status();
}

}  // namespace jql::client
