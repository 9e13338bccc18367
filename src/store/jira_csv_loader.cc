// Jira's own CSV export: the issue navigator's "Export CSV (all fields)" (Cloud) and
// "CSV (All fields)" (Server and Data Center); also this server's export of archived
// issues (PUT /issues/archive/export), whose rows all load as archived. Its header names columns as
// Jira shows fields ("Issue key", "Fix versions" or "Fix Version/s", "Custom field (Story
// Points)"), repeats a column once per value of a multi-valued field ("Labels,Labels"),
// and writes times in the exporting user's format ("05/Jun/25 2:07 PM").
//
// Each row is turned into the issue's REST shape and loaded by the JSON loader, so
// names, ids and users follow the same rules as for REST data. What the export does
// not carry is said in docs/store.md: times are read as UTC, custom fields have no
// ids (they are numbered from 90001 in column order and found by name), sprints have
// no state, links name issues by key (links to issues outside the file are dropped).
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/civil_time.h"
#include "common/utf8.h"
#include "jira_time.h"
#include "load_context.h"

namespace jql::internal {
namespace {

namespace json = boost::json;

constexpr int64_t kFirstCustomFieldId = 90001;

// "05/Jun/25 2:07 PM", "05/Jun/2025 14:07", "05/Jun/25": Jira's default date-time
// format and its relatives; else the ISO forms ParseJiraTime reads.
std::optional<int64_t> ParseExportTime(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (auto iso = ParseJiraTime(text)) return iso;
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  auto number = [&](size_t& at, size_t most, int64_t* out) {
    const size_t start = at;
    while (at < text.size() && at - start < most &&
           std::isdigit(static_cast<unsigned char>(text[at])))
      ++at;
    return at > start &&
           std::from_chars(text.data() + start, text.data() + at, *out).ec == std::errc();
  };
  size_t at = 0;
  int64_t day = 0, year = 0, hour = 0, minute = 0;
  if (!number(at, 2, &day) || at >= text.size() || text[at] != '/') return std::nullopt;
  ++at;
  if (at + 4 > text.size() || text[at + 3] != '/') return std::nullopt;
  const std::string month_name = FoldCase(text.substr(at, 3));
  unsigned month = 0;
  for (unsigned m = 0; m < 12; ++m)
    if (kMonths[m] == month_name) month = m + 1;
  if (month == 0) return std::nullopt;
  at += 4;
  const size_t year_start = at;
  if (!number(at, 4, &year)) return std::nullopt;
  if (at - year_start == 2)
    year += 2000;  // two-digit years are this century's, as Jira writes them
  if (day < 1 || day > 31) return std::nullopt;
  int64_t ms = DaysFromCivil(year, month, static_cast<unsigned>(day)) * 86400000;
  if (at == text.size()) return ms;
  if (text[at] != ' ') return std::nullopt;
  ++at;
  if (!number(at, 2, &hour) || at >= text.size() || text[at] != ':') return std::nullopt;
  ++at;
  if (!number(at, 2, &minute) || minute > 59) return std::nullopt;
  if (at < text.size()) {
    const std::string ampm = FoldCase(text.substr(at));
    if (ampm != " am" && ampm != " pm") return std::nullopt;
    if (hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (ampm == " pm" ? 12 : 0);
  }
  if (hour > 23) return std::nullopt;
  return ms + (hour * 60 + minute) * 60000;
}

// What a header cell means.
enum class Role {
  kIgnored,
  kKey,
  kId,
  kSummary,
  kIssueType,
  kStatus,
  kStatusCategory,
  kProjectKey,
  kProjectName,
  kProjectType,
  kPriority,
  kResolution,
  kAssignee,
  kAssigneeId,
  kReporter,
  kReporterId,
  kCreator,
  kCreatorId,
  kCreated,
  kUpdated,
  kResolved,
  kDue,
  kAffectsVersion,
  kFixVersion,
  kComponent,
  kLabel,
  kDescription,
  kEnvironment,
  kVotes,
  kParentId,
  kSprint,
  kComment,
  kCustom,
  kInwardLink,
  kOutwardLink,
  kArchived,  // ArchivedBy, ArchivedDate: the server's export of archived issues
};

struct ColumnMeaning {
  Role role = Role::kIgnored;
  std::string name;  // the custom field's or link type's name
};

ColumnMeaning Meaning(std::string_view header) {
  const std::string h = FoldCase(header);
  static const std::unordered_map<std::string, Role> kRoles = {
      {"issue key", Role::kKey},
      {"issue id", Role::kId},
      {"summary", Role::kSummary},
      {"issue type", Role::kIssueType},
      {"status", Role::kStatus},
      {"status category", Role::kStatusCategory},
      {"project key", Role::kProjectKey},
      {"project name", Role::kProjectName},
      {"project type", Role::kProjectType},
      {"priority", Role::kPriority},
      {"resolution", Role::kResolution},
      {"assignee", Role::kAssignee},
      {"assignee id", Role::kAssigneeId},
      {"reporter", Role::kReporter},
      {"reporter id", Role::kReporterId},
      {"creator", Role::kCreator},
      {"creator id", Role::kCreatorId},
      {"created", Role::kCreated},
      {"updated", Role::kUpdated},
      {"resolved", Role::kResolved},
      {"due date", Role::kDue},
      {"affects version/s", Role::kAffectsVersion},
      {"affects versions", Role::kAffectsVersion},
      {"fix version/s", Role::kFixVersion},
      {"fix versions", Role::kFixVersion},
      {"component/s", Role::kComponent},
      {"components", Role::kComponent},
      {"labels", Role::kLabel},
      {"description", Role::kDescription},
      {"environment", Role::kEnvironment},
      {"votes", Role::kVotes},
      {"parent id", Role::kParentId},
      {"parent", Role::kParentId},
      {"sprint", Role::kSprint},
      {"comment", Role::kComment},
      {"archivedby", Role::kArchived},
      {"archiveddate", Role::kArchived},
  };
  if (auto it = kRoles.find(h); it != kRoles.end()) return {it->second, ""};
  // "Custom field (Story Points)", "Inward issue link (Blocks)".
  auto inside = [&](std::string_view prefix) -> std::optional<std::string> {
    if (!h.starts_with(prefix) || !header.ends_with(")")) return std::nullopt;
    return std::string(header.substr(prefix.size(), header.size() - prefix.size() - 1));
  };
  if (auto name = inside("custom field (")) return {Role::kCustom, *name};
  if (auto name = inside("inward issue link (")) return {Role::kInwardLink, *name};
  if (auto name = inside("outward issue link (")) return {Role::kOutwardLink, *name};
  return {};
}

std::string_view StatusCategoryKey(std::string_view name) {
  const std::string n = FoldCase(name);
  if (n == "done") return "done";
  if (n == "in progress") return "indeterminate";
  return "new";
}

// A custom field's text as JSON: a number or time when it reads as one.
json::value CustomValue(std::string_view text) {
  double number = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), number);
  if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return number;
  if (auto ms = ParseExportTime(text)) return json::string(IsoUtcMillis(*ms));
  return json::string(text);
}

class RowConverter {
 public:
  RowConverter(const std::vector<ColumnMeaning>& columns, const std::string& where)
      : columns_(columns), where_(where) {}

  // The issue of one record, or an error naming the line.
  Status Convert(const std::vector<std::string_view>& cells, json::object* issue,
                 std::vector<std::pair<std::string, std::string>>* links) {
    json::object fields;
    json::object project, assignee, reporter, creator, status;
    json::array labels, components, fix_versions, affects, sprints, comments;
    std::map<std::string, json::array> multi_custom;
    for (size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
      const std::string_view v = cells[i];
      if (v.empty()) continue;
      const ColumnMeaning& c = columns_[i];
      switch (c.role) {
        case Role::kKey:
          (*issue)["key"] = v;
          break;
        case Role::kId:
          (*issue)["id"] = v;
          break;
        case Role::kSummary:
          fields["summary"] = v;
          break;
        case Role::kIssueType: {
          const std::string n = FoldCase(v);
          fields["issuetype"] =
              json::object{{"name", v}, {"subtask", n == "sub-task" || n == "subtask"}};
          break;
        }
        case Role::kStatus:
          status["name"] = v;
          break;
        case Role::kStatusCategory:
          status["statusCategory"] = json::object{{"key", StatusCategoryKey(v)}, {"name", v}};
          break;
        case Role::kProjectKey:
          project["key"] = v;
          break;
        case Role::kProjectName:
          project["name"] = v;
          break;
        case Role::kProjectType:
          project["projectTypeKey"] = v;
          break;
        case Role::kPriority:
          fields["priority"] = json::object{{"name", v}};
          break;
        case Role::kResolution:
          fields["resolution"] = json::object{{"name", v}};
          break;
        case Role::kAssignee:
          assignee["displayName"] = v;
          break;
        case Role::kAssigneeId:
          assignee["accountId"] = v;
          break;
        case Role::kReporter:
          reporter["displayName"] = v;
          break;
        case Role::kReporterId:
          reporter["accountId"] = v;
          break;
        case Role::kCreator:
          creator["displayName"] = v;
          break;
        case Role::kCreatorId:
          creator["accountId"] = v;
          break;
        case Role::kCreated:
        case Role::kUpdated:
        case Role::kResolved:
        case Role::kDue: {
          const auto ms = ParseExportTime(v);
          if (!ms) {
            return InvalidArgument(where_ + ": column '" + HeaderName(c.role) +
                                   "' is not a Jira date or time: '" + std::string(v) + "'");
          }
          if (c.role == Role::kDue)
            fields["duedate"] = IsoUtcMillis(*ms).substr(0, 10);
          else
            fields[c.role == Role::kCreated   ? "created"
                   : c.role == Role::kUpdated ? "updated"
                                              : "resolutiondate"] = *ms;
          break;
        }
        case Role::kAffectsVersion:
          affects.push_back(json::object{{"name", v}});
          break;
        case Role::kFixVersion:
          fix_versions.push_back(json::object{{"name", v}});
          break;
        case Role::kComponent:
          components.push_back(json::object{{"name", v}});
          break;
        case Role::kLabel:
          // Server exports keep all labels in one cell, space-separated.
          for (size_t start = 0; start < v.size();) {
            size_t end = v.find(' ', start);
            if (end == std::string_view::npos) end = v.size();
            if (end > start) labels.push_back(json::string(v.substr(start, end - start)));
            start = end + 1;
          }
          break;
        case Role::kDescription:
          fields["description"] = v;
          break;
        case Role::kEnvironment:
          fields["environment"] = v;
          break;
        case Role::kVotes: {
          int64_t n = 0;
          if (std::from_chars(v.data(), v.data() + v.size(), n).ec == std::errc())
            fields["votes"] = json::object{{"votes", n}};
          break;
        }
        case Role::kParentId:
          // "Parent" is the parent's id in Cloud's export; a key there is not an id.
          if (v.find_first_not_of("0123456789") == std::string_view::npos)
            fields["parent"] = json::object{{"id", v}};
          break;
        case Role::kSprint:
          sprints.push_back(json::object{{"name", v}, {"state", ""}});
          break;
        case Role::kComment: {
          // "05/Jun/25 2:07 PM;5b10ac8d82e05b22cc7d4ef5;the text"
          std::string_view body = v;
          const size_t first = v.find(';');
          const size_t second = first == std::string_view::npos ? first : v.find(';', first + 1);
          if (second != std::string_view::npos && ParseExportTime(v.substr(0, first)))
            body = v.substr(second + 1);
          comments.push_back(json::object{{"body", body}});
          break;
        }
        case Role::kCustom: {
          const std::string id = "customfield_" + std::to_string(custom_ids_.at(i));
          multi_custom[id].push_back(CustomValue(v));
          break;
        }
        case Role::kInwardLink:
        case Role::kOutwardLink:
          links->emplace_back((c.role == Role::kOutwardLink ? ">" : "<") + c.name, std::string(v));
          break;
        case Role::kArchived:
        case Role::kIgnored:
          break;
      }
    }
    // Every row of an export of archived issues is archived, also those archived in
    // the source data, which carry no ArchivedBy (the JSON loader's own marker).
    if (archived_export_) (*issue)["archived"] = true;
    if (!project.empty()) fields["project"] = std::move(project);
    if (!status.empty()) fields["status"] = std::move(status);
    for (auto [name, user] : {std::pair{"assignee", &assignee}, std::pair{"reporter", &reporter},
                              std::pair{"creator", &creator}}) {
      if (user->empty()) continue;
      // Server's export names users by display name only: that is then the account.
      // (Copied first: inserting may move the object's members.)
      if (!user->contains("accountId")) {
        const json::value display = user->at("displayName");
        (*user)["name"] = display;
      }
      fields[name] = std::move(*user);
    }
    if (!labels.empty()) fields["labels"] = std::move(labels);
    if (!components.empty()) fields["components"] = std::move(components);
    if (!fix_versions.empty()) fields["fixVersions"] = std::move(fix_versions);
    if (!affects.empty()) fields["versions"] = std::move(affects);
    if (!sprints.empty()) fields["customfield_10020"] = std::move(sprints);
    if (!comments.empty()) fields["comment"] = json::object{{"comments", std::move(comments)}};
    for (auto& [id, values] : multi_custom) {
      // One column: the value; repeated columns: a list (a multi-select's options).
      if (values.size() == 1 && custom_repeats_.at(id) == 1)
        fields[id] = std::move(values[0]);
      else
        fields[id] = std::move(values);
    }
    (*issue)["fields"] = std::move(fields);
    return Status::Ok();
  }

  // Numbers the custom fields in column order (a repeated column is one field).
  void NumberCustomFields(json::object* names) {
    for (const ColumnMeaning& c : columns_)
      archived_export_ = archived_export_ || c.role == Role::kArchived;
    std::map<std::string, int64_t> by_name;
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i].role != Role::kCustom) continue;
      auto [it, added] = by_name.emplace(columns_[i].name, kFirstCustomFieldId + by_name.size());
      custom_ids_[i] = it->second;
      const std::string id = "customfield_" + std::to_string(it->second);
      ++custom_repeats_[id];
      if (added) (*names)[id] = columns_[i].name;
    }
  }

  void set_where(std::string where) { where_ = std::move(where); }

 private:
  static std::string HeaderName(Role role) {
    switch (role) {
      case Role::kCreated:
        return "Created";
      case Role::kUpdated:
        return "Updated";
      case Role::kResolved:
        return "Resolved";
      default:
        return "Due date";
    }
  }

  const std::vector<ColumnMeaning>& columns_;
  std::string where_;
  std::unordered_map<size_t, int64_t> custom_ids_;
  std::unordered_map<std::string, int> custom_repeats_;
  bool archived_export_ = false;
};

}  // namespace

bool IsJiraCsvExport(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string_view> fields;
  std::vector<std::string> unquoted;
  bool bad_quote = false;
  ReadCsvRecord(text.substr(0, text.find('\n')), 0, fields, unquoted, &bad_quote);
  bool key = false, id = false;
  for (std::string_view f : fields) {
    key = key || f == "Issue key";
    id = id || f == "Issue id";
  }
  return key && id;
}

Status LoadJiraCsvExport(std::string_view text, LoadContext& context) {
  const std::string& file = context.file();
  if (auto bad = FindInvalidUtf8(text)) {
    return InvalidArgument(file + " line " + std::to_string(LineOf(text, *bad)) +
                           ": invalid UTF-8 at byte offset " + std::to_string(*bad));
  }
  if (context.report != nullptr) context.report->bytes += text.size();
  const size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  std::vector<std::string_view> cells;
  std::vector<std::string> unquoted;
  bool bad_quote = false;
  size_t pos = ReadCsvRecord(text, bom, cells, unquoted, &bad_quote);
  std::vector<ColumnMeaning> columns;
  for (std::string_view h : cells) columns.push_back(Meaning(h));
  json::object names;
  RowConverter converter(columns, file);
  converter.NumberCustomFields(&names);

  std::vector<JsonIssueAt> issues;
  std::vector<std::vector<std::pair<std::string, std::string>>> links;  // per issue
  std::unordered_map<std::string, std::string> id_of_key;
  size_t line = 1;
  while (pos < text.size()) {
    const size_t start = pos;
    const size_t line_of_record = line + 1;
    pos = ReadCsvRecord(text, pos, cells, unquoted, &bad_quote);
    line += static_cast<size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(start),
                                           text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
    const std::string where = file + " line " + std::to_string(line_of_record);
    if (bad_quote) return InvalidArgument(where + ": unterminated quoted field");
    if (cells.size() == 1 && cells[0].empty()) continue;  // a blank line
    if (cells.size() > columns.size()) {
      return InvalidArgument(where + ": " + std::to_string(cells.size()) +
                             " fields, but the header names " + std::to_string(columns.size()));
    }
    json::object issue;
    std::vector<std::pair<std::string, std::string>> row_links;
    converter.set_where(where);
    if (Status s = converter.Convert(cells, &issue, &row_links); !s.ok()) return s;
    if (const json::value* key = issue.if_contains("key"); key != nullptr && key->is_string()) {
      if (const json::value* id = issue.if_contains("id"); id != nullptr && id->is_string())
        id_of_key[std::string(key->get_string())] = std::string(id->get_string());
    }
    issues.push_back(JsonIssueAt{std::move(issue), static_cast<uint32_t>(line_of_record), pos});
    links.push_back(std::move(row_links));
  }
  // Links name the other issue by key; they become links once every key's id is known.
  for (size_t i = 0; i < issues.size(); ++i) {
    if (links[i].empty()) continue;
    json::array list;
    for (const auto& [direction_and_type, other_key] : links[i]) {
      auto it = id_of_key.find(other_key);
      if (it == id_of_key.end()) {
        if (context.report != nullptr) ++context.report->dropped_links;
        continue;
      }
      const bool outward = direction_and_type[0] == '>';
      list.push_back(json::object{{"type", json::object{{"name", direction_and_type.substr(1)}}},
                                  {outward ? "outwardIssue" : "inwardIssue",
                                   json::object{{"id", it->second}, {"key", other_key}}}});
    }
    if (!list.empty())
      issues[i].issue.as_object()["fields"].as_object()["issuelinks"] = std::move(list);
  }
  return LoadJsonIssues(issues, &names, context);
}

}  // namespace jql::internal
