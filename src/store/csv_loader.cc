// The peers' CSV (docs/store.md): a header row, comma-separated fields,
// empty = no value, labels and components ';'-separated, times in epoch ms. Quoted
// fields ("a, b" with "" for a quote) are accepted too.
#include <charconv>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "load_context.h"

namespace jql::internal {

size_t ReadCsvRecord(std::string_view text, size_t pos, std::vector<std::string_view>& fields,
                     std::vector<std::string>& unquoted, bool* bad_quote) {
  fields.clear();
  unquoted.clear();
  *bad_quote = false;
  const size_t n = text.size();
  while (true) {
    if (pos < n && text[pos] == '"') {
      std::string value;
      size_t i = pos + 1;
      bool closed = false;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            value += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        value += text[i++];
      }
      if (!closed || (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')) {
        *bad_quote = true;
        return n;
      }
      unquoted.push_back(std::move(value));
      fields.emplace_back();  // filled from `unquoted` below
      pos = i;
    } else {
      size_t end = pos;
      while (end < n && text[end] != ',' && text[end] != '\n') ++end;
      size_t stop = end;
      if (stop > pos && text[stop - 1] == '\r' && (end == n || text[end] == '\n')) --stop;
      fields.push_back(text.substr(pos, stop - pos));
      pos = end;
    }
    if (pos < n && text[pos] == ',') {
      ++pos;
      continue;
    }
    if (pos < n && text[pos] == '\r') ++pos;
    if (pos < n && text[pos] == '\n') ++pos;
    break;
  }
  // Point the quoted fields at their unescaped copies (stable now: no more push_back).
  size_t q = 0;
  for (auto& f : fields) {
    if (f.data() == nullptr) f = unquoted[q++];
  }
  return pos;
}

namespace {

bool ParseInt(std::string_view s, int64_t* value) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), *value);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

template <typename F>
void ForEachPart(std::string_view s, char separator, F&& f) {
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = std::min(s.find(separator, start), s.size());
    if (end > start) f(s.substr(start, end - start));
    start = end + 1;
  }
}

enum Column {
  kId,
  kKey,
  kProjectId,
  kProjectKey,
  kProjectType,
  kIssueType,
  kParentId,
  kStatus,
  kStatusCategory,
  kResolution,
  kPriority,
  kAssignee,
  kReporter,
  kCreator,
  kCreated,
  kUpdated,
  kResolved,
  kDue,
  kLabels,
  kComponents,
  kFixVersion,
  kAffectedVersion,
  kArchived,
  kSummary,
  kDescription,
  kColumnCount,
};

constexpr const char* kColumnNames[kColumnCount] = {
    "id",          "key",        "project_id",      "project_key",      "project_type", "issuetype",
    "parent_id",   "status",     "status_category", "resolution",       "priority",     "assignee",
    "reporter",    "creator",    "created",         "updated",          "resolved",     "due",
    "labels",      "components", "fix_version",     "affected_version", "archived",     "summary",
    "description",
};

}  // namespace

Status LoadCsv(std::string_view text, LoadContext& context) {
  context.files.back().second = true;
  const std::string& file = context.file();
  if (auto bad = FindInvalidUtf8(text)) {
    return InvalidArgument(file + " line " + std::to_string(LineOf(text, *bad)) +
                           ": invalid UTF-8 at byte offset " + std::to_string(*bad));
  }
  std::vector<std::string_view> fields;
  std::vector<std::string> unquoted;
  bool bad_quote = false;
  size_t pos = ReadCsvRecord(text, 0, fields, unquoted, &bad_quote);
  if (bad_quote) return InvalidArgument(file + " line 1: unterminated quoted field");
  int index[kColumnCount];
  std::fill(std::begin(index), std::end(index), -1);
  for (size_t i = 0; i < fields.size(); ++i) {
    for (int c = 0; c < kColumnCount; ++c) {
      if (fields[i] == kColumnNames[c]) index[c] = static_cast<int>(i);
    }
  }
  if (index[kId] < 0 || index[kKey] < 0) {
    return InvalidArgument(file + " line 1: the header needs the columns 'id' and 'key'");
  }
  const size_t width = fields.size();
  Catalog& catalog = context.builder.catalog();
  NameCache projects, types, statuses, resolutions, priorities, users, labels;
  std::unordered_map<uint64_t, Code> components, versions;  // (project, name hash) caches
  IssueRow row;
  size_t line = 1;
  while (pos < text.size()) {
    ++line;
    pos = ReadCsvRecord(text, pos, fields, unquoted, &bad_quote);
    const std::string where = file + " line " + std::to_string(line);
    if (bad_quote) return InvalidArgument(where + ": unterminated quoted field");
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != width) {
      return InvalidArgument(where + ": expected " + std::to_string(width) + " fields, found " +
                             std::to_string(fields.size()) +
                             (pos >= text.size() ? " (is the file truncated?)" : ""));
    }
    auto get = [&](Column c) { return index[c] < 0 ? std::string_view() : fields[index[c]]; };
    auto integer = [&](Column c, int64_t empty, int64_t* out) -> Status {
      const std::string_view v = get(c);
      if (v.empty()) {
        *out = empty;
        return Status::Ok();
      }
      if (!ParseInt(v, out)) {
        return InvalidArgument(where + ": column '" + kColumnNames[c] + "' is not an integer: '" +
                               std::string(v) + "'");
      }
      return Status::Ok();
    };
    row.Clear();
    if (Status s = integer(kId, INT64_MIN, &row.id); !s.ok()) return s;
    if (row.id == INT64_MIN) return InvalidArgument(where + ": the issue has no id");
    const std::string_view key = get(kKey);
    const size_t dash = key.rfind('-');
    if (dash == std::string_view::npos || dash == 0 ||
        !ParseInt(key.substr(dash + 1), &row.number)) {
      return InvalidArgument(where + ": '" + std::string(key) + "' is not an issue key");
    }
    const std::string_view project_key = key.substr(0, dash);
    row.project = projects.Get(project_key, [&](std::string_view k) {
      if (auto found = catalog.FindProjectByKey(k)) return *found;
      Project p;
      p.key = std::string(k);
      p.name = std::string(k);
      int64_t id = 0;
      if (index[kProjectId] >= 0 && ParseInt(get(kProjectId), &id) && id > 0) p.id = id;
      if (auto type = ParseProjectType(get(kProjectType))) p.type = *type;
      return catalog.AddProject(p);
    });
    const std::string_view type = get(kIssueType);
    if (!type.empty()) {
      row.issue_type = types.Get(type, [&](std::string_view t) {
        const bool subtask = FoldCase(t) == "sub-task" || FoldCase(t) == "subtask";
        return catalog.InternIssueType(t, subtask);
      });
    }
    const std::string_view status = get(kStatus);
    if (!status.empty()) {
      row.status = statuses.Get(status, [&](std::string_view s) {
        const auto category = ParseStatusCategory(get(kStatusCategory));
        return catalog.InternStatus(s, category.value_or(StatusCategory::kToDo));
      });
    }
    if (!get(kResolution).empty()) {
      row.resolution = resolutions.Get(
          get(kResolution), [&](std::string_view r) { return catalog.InternResolution(r); });
    }
    if (!get(kPriority).empty()) {
      row.priority = priorities.Get(get(kPriority),
                                    [&](std::string_view p) { return catalog.InternPriority(p); });
    }
    auto user = [&](Column c) {
      const std::string_view u = get(c);
      return u.empty() ? kNoCode
                       : users.Get(u, [&](std::string_view a) { return catalog.InternUser(a); });
    };
    row.assignee = user(kAssignee);
    row.reporter = user(kReporter);
    // The peers' CSV has no creator; Jira sets the creator to the first reporter.
    row.creator = index[kCreator] >= 0 ? user(kCreator) : row.reporter;
    for (auto [column, target] : {std::pair{kCreated, &row.created},
                                  {kUpdated, &row.updated},
                                  {kResolved, &row.resolved},
                                  {kDue, &row.due}}) {
      if (Status s = integer(column, kNoTime, target); !s.ok()) return s;
    }
    int64_t parent = 0;
    if (Status s = integer(kParentId, 0, &parent); !s.ok()) return s;
    row.parent_id = parent;
    ForEachPart(get(kLabels), ';', [&](std::string_view l) {
      row.labels.push_back(
          labels.Get(l, [&](std::string_view x) { return catalog.InternLabel(x); }));
    });
    const Code project = row.project;
    auto per_project = [&](std::unordered_map<uint64_t, Code>& cache, std::string_view name,
                           auto intern) {
      const uint64_t k = (uint64_t{project} << 32) ^ std::hash<std::string_view>{}(name);
      const auto it = cache.find(k);
      if (it != cache.end()) return it->second;
      const Code code = intern(project, name);
      cache.emplace(k, code);
      return code;
    };
    ForEachPart(get(kComponents), ';', [&](std::string_view c) {
      row.components.push_back(per_project(components, c, [&](Code p, std::string_view n) {
        return catalog.InternComponent(p, n);
      }));
    });
    ForEachPart(get(kFixVersion), ';', [&](std::string_view v) {
      row.fix_versions.push_back(per_project(
          versions, v, [&](Code p, std::string_view n) { return catalog.InternVersion(p, n); }));
    });
    ForEachPart(get(kAffectedVersion), ';', [&](std::string_view v) {
      row.affected_versions.push_back(per_project(
          versions, v, [&](Code p, std::string_view n) { return catalog.InternVersion(p, n); }));
    });
    const std::string_view archived = get(kArchived);
    if (archived != "" && archived != "0" && archived != "1" && archived != "true" &&
        archived != "false") {
      return InvalidArgument(where + ": column 'archived' must be 0 or 1, not '" +
                             std::string(archived) + "'");
    }
    row.archived = archived == "1" || archived == "true";
    row.summary = std::string(get(kSummary));
    row.description = std::string(get(kDescription));
    context.AddRow(row, static_cast<uint32_t>(line));
    context.Progress(pos);
  }
  if (context.report != nullptr) context.report->bytes += text.size();
  return Status::Ok();
}

}  // namespace jql::internal
