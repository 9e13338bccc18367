// Reading a site's catalog from the saved bodies of Jira's metadata endpoints.
#include "jql/site_catalog.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "jql/fields.h"
#include "load_context.h"

namespace jql {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using internal::LoadContext;
using internal::SiteEntity;

enum class FileKind {
  kField,
  kProject,
  kStatus,
  kPriority,
  kIssueType,
  kResolution,
  kUsers,
  kGroups
};

struct KnownFile {
  SiteCatalogFile file;
  FileKind kind;
  std::string_view stem;         // "users" for users.json and users-2.json
  Dictionary dictionary;         // the value list it fills (kNone: none)
  std::string_view list_member;  // where a paged or wrapped body keeps its items
};

constexpr std::array<KnownFile, 8> kFiles{{
    {{"field.json", "GET /rest/api/3/field"}, FileKind::kField, "field", Dictionary::kNone, ""},
    {{"project.json", "GET /rest/api/3/project/search (pages: project-2.json, ...)"},
     FileKind::kProject,
     "project",
     Dictionary::kProjects,
     "values"},
    {{"status.json", "GET /rest/api/3/status"},
     FileKind::kStatus,
     "status",
     Dictionary::kStatuses,
     ""},
    {{"priority.json", "GET /rest/api/3/priority (or a page of /priority/search)"},
     FileKind::kPriority,
     "priority",
     Dictionary::kPriorities,
     "values"},
    {{"issuetype.json", "GET /rest/api/3/issuetype"},
     FileKind::kIssueType,
     "issuetype",
     Dictionary::kIssueTypes,
     ""},
    {{"resolution.json", "GET /rest/api/3/resolution (or a page of /resolution/search)"},
     FileKind::kResolution,
     "resolution",
     Dictionary::kResolutions,
     "values"},
    {{"users.json", "GET /rest/api/3/users/search (pages: users-2.json, ...)"},
     FileKind::kUsers,
     "users",
     Dictionary::kUsers,
     ""},
    {{"groups.json", "GET /rest/api/3/groups/picker"},
     FileKind::kGroups,
     "groups",
     Dictionary::kNone,
     "groups"},
}};

constexpr std::array<SiteCatalogFile, 8> kPublicFiles{
    kFiles[0].file, kFiles[1].file, kFiles[2].file, kFiles[3].file,
    kFiles[4].file, kFiles[5].file, kFiles[6].file, kFiles[7].file};

// "users-2.json" -> the users file; "README" -> nothing.
const KnownFile* Recognise(std::string_view name) {
  if (!name.ends_with(".json")) return nullptr;
  std::string_view stem = name.substr(0, name.size() - 5);
  if (const size_t dash = stem.rfind('-'); dash != std::string_view::npos) {
    const std::string_view page = stem.substr(dash + 1);
    if (!page.empty() &&
        std::all_of(page.begin(), page.end(), [](char c) { return c >= '0' && c <= '9'; }))
      stem = stem.substr(0, dash);
  }
  for (const KnownFile& f : kFiles) {
    if (f.stem == stem) return &f;
  }
  return nullptr;
}

StatusOr<json::value> ReadJson(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value value = json::parse(text.str(), ec);
  if (ec) return InvalidArgument(path.string() + ": not JSON (" + ec.message() + ")");
  return value;
}

// The items of a body: the array itself, or the array under `member` of a page.
const json::array* Items(const json::value& body, std::string_view member) {
  if (body.is_array()) return &body.get_array();
  if (!body.is_object() || member.empty()) return nullptr;
  const json::value* list = body.get_object().if_contains(member);
  return list != nullptr && list->is_array() ? &list->get_array() : nullptr;
}

std::string_view Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// The type of a custom field from its schema: the plugin key when it is one the field
// registry knows, else the value type; nothing for types JQL here cannot search.
std::optional<CustomFieldType> CustomTypeOf(const json::object& schema) {
  const std::string_view plugin = Str(schema, "custom");
  for (int t = 0; t <= static_cast<int>(CustomFieldType::kVersion); ++t) {
    const auto type = static_cast<CustomFieldType>(t);
    if (!plugin.empty() && CustomFieldKind(type).schema.custom == plugin) return type;
  }
  const std::string_view type = Str(schema, "type");
  const std::string_view items = Str(schema, "items");
  if (type == "number") return CustomFieldType::kNumber;
  if (type == "date") return CustomFieldType::kDate;
  if (type == "datetime") return CustomFieldType::kDateTime;
  if (type == "option") return CustomFieldType::kSelect;
  if (type == "user") return CustomFieldType::kUser;
  if (type == "version") return CustomFieldType::kVersion;
  if (type == "string") return CustomFieldType::kText;
  if (type == "array") {
    if (items == "option") return CustomFieldType::kMultiSelect;
    if (items == "user") return CustomFieldType::kUser;
    if (items == "version") return CustomFieldType::kVersion;
    if (items == "string" && plugin.ends_with(":labels")) return CustomFieldType::kLabels;
  }
  return std::nullopt;
}

Status AddFields(const json::array& fields, const std::string& file, Catalog& catalog,
                 std::vector<std::string>& left_out) {
  for (const json::value& v : fields) {
    if (!v.is_object()) return InvalidArgument(file + ": a field must be a JSON object");
    const json::object& f = v.get_object();
    const json::value* custom = f.if_contains("custom");
    if (custom == nullptr || !custom->is_bool() || !custom->get_bool()) continue;  // system
    const std::string_view id = Str(f, "id");
    // Fields of Jira's own apps kept as custom fields (Sprint is customfield_10020) are
    // system fields of the registry.
    if (FindSystemFieldById(id) != nullptr) continue;
    int64_t number = 0;
    constexpr std::string_view kPrefix = "customfield_";
    if (!id.starts_with(kPrefix) ||
        std::from_chars(id.data() + kPrefix.size(), id.data() + id.size(), number).ptr !=
            id.data() + id.size()) {
      return InvalidArgument(file + ": custom field id '" + std::string(id) +
                             "' is not customfield_N");
    }
    const json::value* schema = f.if_contains("schema");
    const auto type = schema != nullptr && schema->is_object() ? CustomTypeOf(schema->get_object())
                                                               : std::optional<CustomFieldType>();
    const std::string name(Str(f, "name"));
    if (!type) {
      left_out.push_back(name + " (" + std::string(id) + ")");
      continue;
    }
    if (catalog.custom_fields.FindById(number)) continue;  // listed twice
    CustomField field;
    field.id = number;
    field.name = name;
    field.type = *type;
    const Code code = catalog.custom_fields.Add(std::move(field), number, name);
    catalog.custom_fields.IndexName(code, id);
  }
  return Status::Ok();
}

}  // namespace

std::span<const SiteCatalogFile> SiteCatalogFiles() { return kPublicFiles; }

namespace internal {

Status ReadSiteCatalog(const std::string& dir, LoadContext& context, SiteCatalogReport& r,
                       bool alone) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return InvalidArgument("--catalog " + dir + " is not a folder of Jira metadata (" +
                           std::string(kFiles[0].file.name) + ", " +
                           std::string(kFiles[1].file.name) + ", ...)");
  }
  std::vector<std::pair<const KnownFile*, fs::path>> found;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.starts_with(".")) continue;
    if (const KnownFile* known = Recognise(name)) {
      found.emplace_back(known, entry.path());
    } else {
      r.notes.push_back(name + ": not a catalog file; ignored");
    }
  }
  if (found.empty()) {
    return InvalidArgument(dir +
                           " holds none of the catalog files (field.json, project.json, "
                           "status.json, priority.json, issuetype.json, resolution.json, "
                           "users.json, groups.json)");
  }
  // In the documented order, pages in name order, so ids and names settle the same way
  // every time.
  // "users.json" is page 1, "users-2.json" page 2, ...
  auto page_of = [](const fs::path& p) -> size_t {
    const std::string stem = p.stem().string();
    const size_t dash = stem.rfind('-');
    size_t page = 1;
    if (dash != std::string::npos)
      std::from_chars(stem.data() + dash + 1, stem.data() + stem.size(), page);
    return page;
  };
  std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return page_of(a.second) < page_of(b.second);
  });

  Catalog& catalog = context.builder.catalog();
  std::vector<bool> present(kFiles.size(), false);
  std::vector<std::string> left_out;
  for (const auto& [known, path] : found) {
    const std::string file = path.string();
    auto body = ReadJson(path);
    if (!body.ok()) return body.status();
    present[static_cast<size_t>(known - kFiles.data())] = true;
    r.files.push_back(file);
    const json::array* items = Items(*body, known->list_member);
    if (items == nullptr) {
      return InvalidArgument(
          file + ": not the body of " + std::string(known->file.endpoint) +
          " (expected a JSON array" +
          (known->list_member.empty()
               ? std::string()
               : " or an object with '" + std::string(known->list_member) + "'") +
          ")");
    }
    if (known->kind == FileKind::kField) {
      if (Status s = AddFields(*items, file, catalog, left_out); !s.ok()) return s;
      continue;
    }
    for (const json::value& item : *items) {
      if (!item.is_object()) return InvalidArgument(file + ": every item must be a JSON object");
      const json::object& o = item.get_object();
      switch (known->kind) {
        case FileKind::kProject:
          if (Str(o, "key").empty()) return InvalidArgument(file + ": a project has no 'key'");
          internal::AddSiteEntity(context, SiteEntity::kProject, o);
          break;
        case FileKind::kStatus:
          internal::AddSiteEntity(context, SiteEntity::kStatus, o);
          break;
        case FileKind::kPriority:
          internal::AddSiteEntity(context, SiteEntity::kPriority, o);
          break;
        case FileKind::kIssueType:
          internal::AddSiteEntity(context, SiteEntity::kIssueType, o);
          break;
        case FileKind::kResolution:
          internal::AddSiteEntity(context, SiteEntity::kResolution, o);
          break;
        case FileKind::kUsers:
          internal::AddSiteEntity(context, SiteEntity::kUser, o);
          break;
        case FileKind::kGroups:
          if (!Str(o, "name").empty()) catalog.InternGroup(Str(o, "name"));
          break;
        case FileKind::kField:
          break;
      }
    }
  }
  if (!alone) return Status::Ok();  // beside issues, the issues fill in the rest
  for (size_t i = 0; i < kFiles.size(); ++i) {
    if (present[i]) continue;
    r.notes.push_back(
        std::string(kFiles[i].file.name) + " is missing: " +
        (kFiles[i].dictionary == Dictionary::kNone
             ? std::string(kFiles[i].kind == FileKind::kField ? "custom fields are unknown"
                                                              : "group names are not checked")
             : "its values are not checked"));
    if (kFiles[i].dictionary != Dictionary::kNone)
      catalog.unlisted_dictionaries |= 1u << static_cast<unsigned>(kFiles[i].dictionary);
    if (kFiles[i].kind == FileKind::kGroups) catalog.unlisted_groups = true;
  }
  if (!left_out.empty()) {
    std::string names;
    for (const std::string& n : left_out) names += (names.empty() ? "" : ", ") + n;
    r.notes.push_back("custom fields of types not searched here were left out: " + names);
  }
  // No metadata endpoint lists these (they are per project or per field).
  for (Dictionary d :
       {Dictionary::kVersions, Dictionary::kComponents, Dictionary::kSprints, Dictionary::kOptions})
    catalog.unlisted_dictionaries |= 1u << static_cast<unsigned>(d);
  return Status::Ok();
}

}  // namespace internal

StatusOr<IssueStore> LoadSiteCatalog(const std::string& dir, SiteCatalogReport* report) {
  SiteCatalogReport local;
  SiteCatalogReport& r = report != nullptr ? *report : local;
  r = SiteCatalogReport();
  internal::LoadContext context;
  if (Status s = internal::ReadSiteCatalog(dir, context, r, /*alone=*/true); !s.ok()) return s;
  return context.builder.Build();
}

}  // namespace jql
