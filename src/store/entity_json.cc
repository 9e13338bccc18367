// The catalog's entities as Jira's REST API shows them (see entity_json.h).
#include "jql/entity_json.h"

#include <utility>

#include "jira_time.h"

namespace jql {

namespace json = boost::json;

namespace {

// Jira's colours for status categories (what boards draw).
std::string_view CategoryColor(StatusCategory c) {
  switch (c) {
    case StatusCategory::kToDo:
      return "blue-gray";
    case StatusCategory::kInProgress:
      return "yellow";
    case StatusCategory::kDone:
      return "green";
  }
  return "medium-gray";
}

// Adds "self" (first, where Jira puts it) when the answer has a REST base.
json::object Linked(std::string_view api, const std::string& path, json::object members) {
  json::object out;
  if (!api.empty()) out["self"] = std::string(api) + path;
  for (auto& member : members) out[member.key()] = std::move(member.value());
  return out;
}

// The four sizes Jira lists, each a URL of this server's avatar endpoint.
json::object AvatarUrls(std::string_view api, const std::string& avatar_query) {
  const std::string root(SiteRoot(api));
  json::object urls;
  for (const auto& [size, name] : {std::pair{"48x48", "large"}, std::pair{"24x24", "small"},
                                   std::pair{"16x16", "xsmall"}, std::pair{"32x32", "medium"}}) {
    urls[size] = root + "/secure/avatar?size=" + name + "&" + avatar_query;
  }
  return urls;
}

std::string PercentEncoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string_view SiteRoot(std::string_view api) {
  const size_t rest = api.rfind("/rest/");
  return rest == std::string_view::npos ? api : api.substr(0, rest);
}

json::object ProjectJson(const Catalog& catalog, Code code, std::string_view api) {
  const Project& p = catalog.projects[code];
  const std::string id = std::to_string(p.id);
  json::object out = Linked(api, "/project/" + id,
                            {{"id", id},
                             {"key", p.key},
                             {"name", p.name},
                             {"projectTypeKey", ProjectTypeKey(p.type)},
                             {"simplified", false}});
  if (!api.empty()) out["avatarUrls"] = AvatarUrls(api, "projectId=" + id);
  if (!p.category.empty()) out["projectCategory"] = json::object{{"name", p.category}};
  return out;
}

json::object IssueTypeJson(const Catalog& catalog, Code code, std::string_view api) {
  const IssueType& t = catalog.issue_types[code];
  const std::string id = std::to_string(t.id);
  return Linked(api, "/issuetype/" + id,
                {{"id", id},
                 {"description", ""},
                 {"name", t.name},
                 {"subtask", t.subtask},
                 {"hierarchyLevel", t.hierarchy_level}});
}

json::object StatusCategoryJson(StatusCategory category, std::string_view api) {
  const int id = StatusCategoryId(category);
  return Linked(api, "/statuscategory/" + std::to_string(id),
                {{"id", id},
                 {"key", StatusCategoryKey(category)},
                 {"colorName", CategoryColor(category)},
                 {"name", StatusCategoryName(category)}});
}

json::object StatusJson(const Catalog& catalog, Code code, std::string_view api) {
  const IssueStatus& s = catalog.statuses[code];
  const std::string id = std::to_string(s.id);
  return Linked(api, "/status/" + id,
                {{"description", ""},
                 {"name", s.name},
                 {"untranslatedName", s.name},
                 {"id", id},
                 {"statusCategory", StatusCategoryJson(s.category, api)}});
}

json::object PriorityJson(const Catalog& catalog, Code code, std::string_view api) {
  const Priority& p = catalog.priorities[code];
  const std::string id = std::to_string(p.id);
  return Linked(api, "/priority/" + id, {{"name", p.name}, {"id", id}});
}

json::object ResolutionJson(const Catalog& catalog, Code code, std::string_view api) {
  const Resolution& r = catalog.resolutions[code];
  const std::string id = std::to_string(r.id);
  return Linked(api, "/resolution/" + id, {{"id", id}, {"description", ""}, {"name", r.name}});
}

json::object UserJson(const User& u, std::string_view api) {
  const std::string account = PercentEncoded(u.account_id);
  json::object out = Linked(api, "/user?accountId=" + account, {{"accountId", u.account_id}});
  if (!api.empty()) {
    out["accountType"] = "atlassian";
    out["avatarUrls"] = AvatarUrls(api, "accountId=" + account);
  }
  out["displayName"] = u.display_name;
  out["emailAddress"] = u.email;
  out["active"] = u.active;
  if (!api.empty()) out["timeZone"] = "UTC";
  return out;
}

json::object UserJson(const Catalog& catalog, Code code, std::string_view api) {
  return UserJson(catalog.users[code], api);
}

json::object VersionJson(const Catalog& catalog, Code code, std::string_view api) {
  const Version& v = catalog.versions[code];
  const std::string id = std::to_string(v.id);
  json::object out =
      Linked(api, "/version/" + id,
             {{"id", id}, {"name", v.name}, {"archived", false}, {"released", v.released}});
  if (v.release_date != 0) out["releaseDate"] = internal::FormatJiraDate(v.release_date);
  return out;
}

json::object ComponentJson(const Catalog& catalog, Code code, std::string_view api) {
  const Component& c = catalog.components[code];
  const std::string id = std::to_string(c.id);
  return Linked(api, "/component/" + id, {{"id", id}, {"name", c.name}});
}

}  // namespace jql
