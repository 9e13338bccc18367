// Writing a store back out: the peers' CSV and Jira REST JSON Lines.
#include <boost/json.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "jira_time.h"
#include "jql/generator.h"

namespace jql {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

StatusOr<File> OpenForWrite(const std::string& path) {
  File file(std::fopen(path.c_str(), "wb"));
  if (!file) return NotFound("cannot write " + path);
  static thread_local char buffer[1 << 22];
  std::setvbuf(file.get(), buffer, _IOFBF, sizeof buffer);
  return file;
}

Status Close(File file, const std::string& path) {
  const bool ok = std::ferror(file.get()) == 0 && std::fclose(file.release()) == 0;
  return ok ? Status::Ok() : Status(StatusCode::kInternal, "error writing " + path);
}

// A CSV field, quoted only when it must be (the peers' data never needs it).
void CsvField(std::string& line, std::string_view value) {
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) {
    line.append(value);
    return;
  }
  line += '"';
  for (char c : value) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

template <typename Name>
void JoinCodes(std::string& line, const MultiColumn& column, size_t row, Name name) {
  if (!column.present()) return;
  const uint64_t begin = column.Begin(row);
  const uint32_t count = column.Count(row);
  std::string joined;
  for (uint32_t i = 0; i < count; ++i) {
    if (i) joined += ';';
    joined += name(static_cast<Code>(column.codes().Get(begin + i)));
  }
  CsvField(line, joined);
}

}  // namespace

Status WritePeerCsv(const IssueStore& store, const std::string& path) {
  auto file = OpenForWrite(path);
  if (!file.ok()) return file.status();
  std::FILE* f = file->get();
  std::fputs(
      "id,key,project_id,project_key,project_type,issuetype,parent_id,status,status_category,"
      "resolution,priority,assignee,reporter,created,updated,resolved,labels,components,"
      "fix_version,archived,summary\n",
      f);
  const Catalog& cat = store.catalog();
  const IssueColumns& c = store.columns();
  std::string line;
  auto code = [](const IntColumn& column, size_t row) {
    return static_cast<Code>(column.values.Get(row));
  };
  auto number = [&](const IntColumn& column, size_t row) {
    if (column.IsValid(row)) line += std::to_string(column.values.Get(row));
  };
  for (size_t row = 0; row < store.rows(); ++row) {
    line.clear();
    const Project& project = cat.projects[code(c.project, row)];
    line += std::to_string(c.id.values.Get(row));
    line += ',';
    CsvField(line, store.Key(row));
    line += ',' + std::to_string(project.id) + ',';
    CsvField(line, project.key);
    line += ',';
    line += ProjectTypeKey(project.type);
    line += ',';
    if (c.issue_type.IsValid(row)) CsvField(line, cat.issue_types[code(c.issue_type, row)].name);
    line += ',';
    if (c.parent.IsValid(row))
      line += std::to_string(c.id.values.Get(static_cast<size_t>(c.parent.values.Get(row))));
    line += ',';
    if (c.status.IsValid(row)) {
      const IssueStatus& s = cat.statuses[code(c.status, row)];
      CsvField(line, s.name);
      line += ',';
      line += StatusCategoryName(s.category);
    } else {
      line += ',';
    }
    line += ',';
    if (c.resolution.IsValid(row)) CsvField(line, cat.resolutions[code(c.resolution, row)].name);
    line += ',';
    if (c.priority.IsValid(row)) CsvField(line, cat.priorities[code(c.priority, row)].name);
    line += ',';
    if (c.assignee.IsValid(row)) CsvField(line, cat.users[code(c.assignee, row)].account_id);
    line += ',';
    if (c.reporter.IsValid(row)) CsvField(line, cat.users[code(c.reporter, row)].account_id);
    line += ',';
    number(c.created, row);
    line += ',';
    number(c.updated, row);
    line += ',';
    number(c.resolved, row);
    line += ',';
    JoinCodes(line, c.labels, row, [&](Code l) { return cat.labels[l]; });
    line += ',';
    JoinCodes(line, c.components, row, [&](Code x) { return cat.components[x].name; });
    line += ',';
    JoinCodes(line, c.fix_versions, row, [&](Code x) { return cat.versions[x].name; });
    line += store.IsArchived(row) ? ",1," : ",0,";
    if (store.text().summary.present()) CsvField(line, store.text().summary.Get(row));
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), f);
  }
  return Close(std::move(*file), path);
}

namespace {

namespace json = boost::json;

json::value UserJson(const Catalog& cat, const IntColumn& column, size_t row) {
  if (!column.IsValid(row)) return nullptr;
  const User& u = cat.users[static_cast<Code>(column.values.Get(row))];
  return json::object{{"accountId", u.account_id},
                      {"displayName", u.display_name},
                      {"emailAddress", u.email},
                      {"active", u.active}};
}

json::object VersionJson(const Version& v) {
  json::object o{{"id", std::to_string(v.id)}, {"name", v.name}, {"released", v.released}};
  if (v.release_date != 0) o["releaseDate"] = internal::FormatJiraDate(v.release_date);
  return o;
}

json::value HistoryValue(const Catalog& cat, HistoryField field, int64_t code, bool id) {
  if (code < 0) return nullptr;
  const auto c = static_cast<Code>(code);
  switch (field) {
    case HistoryField::kStatus:
      return id ? json::value(std::to_string(cat.statuses[c].id))
                : json::value(cat.statuses[c].name);
    case HistoryField::kAssignee:
    case HistoryField::kReporter:
      return id ? json::value(cat.users[c].account_id) : json::value(cat.users[c].display_name);
    case HistoryField::kPriority:
      return id ? json::value(std::to_string(cat.priorities[c].id))
                : json::value(cat.priorities[c].name);
    case HistoryField::kResolution:
      return id ? json::value(std::to_string(cat.resolutions[c].id))
                : json::value(cat.resolutions[c].name);
    case HistoryField::kFixVersion:
      return id ? json::value(std::to_string(cat.versions[c].id))
                : json::value(cat.versions[c].name);
  }
  return nullptr;
}

}  // namespace

Status WriteJiraJsonLines(const IssueStore& store, const std::string& path) {
  auto file = OpenForWrite(path);
  if (!file.ok()) return file.status();
  const Catalog& cat = store.catalog();
  const IssueColumns& c = store.columns();
  const TextColumns& t = store.text();
  auto code = [](const IntColumn& column, size_t row) {
    return static_cast<Code>(column.values.Get(row));
  };
  auto time = [](const IntColumn& column, size_t row) -> json::value {
    return column.IsValid(row) ? json::value(internal::FormatJiraTime(column.values.Get(row)))
                               : json::value(nullptr);
  };
  auto codes = [](const MultiColumn& column, size_t row, auto each) {
    json::array out;
    if (!column.present()) return out;
    const uint64_t begin = column.Begin(row);
    for (uint32_t i = 0; i < column.Count(row); ++i)
      out.push_back(each(static_cast<Code>(column.codes().Get(begin + i))));
    return out;
  };
  for (size_t row = 0; row < store.rows(); ++row) {
    json::object fields;
    const Project& p = cat.projects[code(c.project, row)];
    json::object project{{"id", std::to_string(p.id)},
                         {"key", p.key},
                         {"name", p.name},
                         {"projectTypeKey", ProjectTypeKey(p.type)}};
    if (!p.category.empty()) project["projectCategory"] = json::object{{"name", p.category}};
    fields["project"] = std::move(project);
    if (c.issue_type.IsValid(row)) {
      const IssueType& it = cat.issue_types[code(c.issue_type, row)];
      fields["issuetype"] = json::object{{"id", std::to_string(it.id)},
                                         {"name", it.name},
                                         {"subtask", it.subtask},
                                         {"hierarchyLevel", it.hierarchy_level}};
    }
    if (c.status.IsValid(row)) {
      const IssueStatus& s = cat.statuses[code(c.status, row)];
      fields["status"] =
          json::object{{"id", std::to_string(s.id)},
                       {"name", s.name},
                       {"statusCategory", json::object{{"id", StatusCategoryId(s.category)},
                                                       {"key", StatusCategoryKey(s.category)},
                                                       {"name", StatusCategoryName(s.category)}}}};
    }
    fields["resolution"] =
        c.resolution.IsValid(row)
            ? json::value(
                  json::object{{"id", std::to_string(cat.resolutions[code(c.resolution, row)].id)},
                               {"name", cat.resolutions[code(c.resolution, row)].name}})
            : json::value(nullptr);
    if (c.priority.IsValid(row)) {
      const Priority& pr = cat.priorities[code(c.priority, row)];
      fields["priority"] = json::object{{"id", std::to_string(pr.id)}, {"name", pr.name}};
    }
    fields["assignee"] = UserJson(cat, c.assignee, row);
    fields["reporter"] = UserJson(cat, c.reporter, row);
    fields["creator"] = UserJson(cat, c.creator, row);
    fields["created"] = time(c.created, row);
    fields["updated"] = time(c.updated, row);
    fields["resolutiondate"] = time(c.resolved, row);
    fields["duedate"] = c.due.IsValid(row)
                            ? json::value(internal::FormatJiraDate(c.due.values.Get(row)))
                            : json::value(nullptr);
    fields["labels"] = codes(c.labels, row, [&](Code l) { return json::value(cat.labels[l]); });
    fields["components"] = codes(c.components, row, [&](Code x) {
      return json::value(json::object{{"id", std::to_string(cat.components[x].id)},
                                      {"name", cat.components[x].name}});
    });
    fields["fixVersions"] = codes(
        c.fix_versions, row, [&](Code x) { return json::value(VersionJson(cat.versions[x])); });
    fields["versions"] = codes(c.affected_versions, row,
                               [&](Code x) { return json::value(VersionJson(cat.versions[x])); });
    if (c.sprints.present() && c.sprints.Count(row) > 0) {
      fields["customfield_10020"] = codes(c.sprints, row, [&](Code x) {
        return json::value(json::object{{"id", cat.sprints[x].id},
                                        {"name", cat.sprints[x].name},
                                        {"state", SprintStateName(cat.sprints[x].state)}});
      });
    }
    if (c.parent.IsValid(row)) {
      const auto parent = static_cast<size_t>(c.parent.values.Get(row));
      fields["parent"] =
          json::object{{"id", std::to_string(c.id.values.Get(parent))}, {"key", store.Key(parent)}};
    }
    fields["votes"] = json::object{{"votes", c.votes.IsValid(row) ? c.votes.values.Get(row) : 0}};
    fields["watches"] =
        json::object{{"watchCount", c.watchers.present() ? c.watchers.Count(row) : 0}};
    auto text = [&](const TextColumn& column) -> json::value {
      if (!column.present() || column.Get(row).empty()) return nullptr;
      return json::value(std::string(column.Get(row)));
    };
    fields["summary"] = text(t.summary);
    fields["description"] = text(t.description);
    fields["environment"] = text(t.environment);
    if (t.comments.present() && !t.comments.Get(row).empty()) {
      json::array comments;
      std::string_view all = t.comments.Get(row);
      size_t start = 0;
      while (start <= all.size()) {
        const size_t end = std::min(all.find('\n', start), all.size());
        comments.push_back(json::object{{"body", std::string(all.substr(start, end - start))}});
        start = end + 1;
      }
      fields["comment"] = json::object{{"comments", std::move(comments)}};
    }
    json::array links;
    const Links& l = store.links();
    if (l.row_begin.size() > row + 1) {
      for (int64_t i = l.row_begin.Get(row); i < l.row_begin.Get(row + 1); ++i) {
        const auto other = static_cast<size_t>(l.other.Get(static_cast<size_t>(i)));
        const LinkType& type =
            cat.link_types[static_cast<Code>(l.type.Get(static_cast<size_t>(i)))];
        const bool outward = l.outward.Get(static_cast<size_t>(i));
        if (!outward) continue;  // each link once, from its source
        links.push_back(json::object{
            {"type", json::object{{"id", std::to_string(type.id)},
                                  {"name", type.name},
                                  {"inward", type.inward},
                                  {"outward", type.outward}}},
            {"outwardIssue", json::object{{"id", std::to_string(c.id.values.Get(other))},
                                          {"key", store.Key(other)}}}});
      }
    }
    fields["issuelinks"] = std::move(links);
    for (const CustomColumn& custom : c.custom) {
      const CustomField& def = cat.custom_fields[custom.field];
      const std::string key = "customfield_" + std::to_string(def.id);
      switch (def.type) {
        case CustomFieldType::kNumber:
          if (custom.ints.IsValid(row)) {
            const int64_t v = custom.ints.values.Get(row);
            fields[key] =
                custom.scale == 1
                    ? json::value(v)
                    : json::value(static_cast<double>(v) / static_cast<double>(custom.scale));
          }
          break;
        case CustomFieldType::kDate:
          if (custom.ints.IsValid(row))
            fields[key] = internal::FormatJiraDate(custom.ints.values.Get(row));
          break;
        case CustomFieldType::kDateTime:
          if (custom.ints.IsValid(row))
            fields[key] = internal::FormatJiraTime(custom.ints.values.Get(row));
          break;
        case CustomFieldType::kSelect:
          if (custom.ints.IsValid(row))
            fields[key] = json::object{
                {"value", def.options[static_cast<size_t>(custom.ints.values.Get(row))]}};
          break;
        case CustomFieldType::kUser:
          fields[key] = UserJson(cat, custom.ints, row);
          break;
        case CustomFieldType::kMultiSelect:
        case CustomFieldType::kLabels:
          if (custom.multi.present() && custom.multi.Count(row) > 0) {
            fields[key] = codes(custom.multi, row, [&](Code o) {
              return def.type == CustomFieldType::kLabels
                         ? json::value(def.options[o])
                         : json::value(json::object{{"value", def.options[o]}});
            });
          }
          break;
        case CustomFieldType::kText:
          if (custom.text.present() && !custom.text.Get(row).empty())
            fields[key] = std::string(custom.text.Get(row));
          break;
        case CustomFieldType::kVersion:
          break;
      }
    }
    json::object issue{{"id", std::to_string(c.id.values.Get(row))},
                       {"key", store.Key(row)},
                       {"fields", std::move(fields)}};
    if (store.IsArchived(row)) issue["archived"] = true;
    const History& h = store.history();
    if (h.row_begin.size() > row + 1 && h.row_begin.Get(row) < h.row_begin.Get(row + 1)) {
      json::array histories;
      for (int64_t i = h.row_begin.Get(row); i < h.row_begin.Get(row + 1); ++i) {
        const auto k = static_cast<size_t>(i);
        const auto field = static_cast<HistoryField>(h.field.Get(k));
        json::object item{{"field", HistoryFieldName(field)},
                          {"from", HistoryValue(cat, field, h.from.Get(k), true)},
                          {"fromString", HistoryValue(cat, field, h.from.Get(k), false)},
                          {"to", HistoryValue(cat, field, h.to.Get(k), true)},
                          {"toString", HistoryValue(cat, field, h.to.Get(k), false)}};
        json::object group{{"created", internal::FormatJiraTime(h.time.Get(k))},
                           {"items", json::array{std::move(item)}}};
        if (h.author.Get(k) >= 0) {
          const User& u = cat.users[static_cast<Code>(h.author.Get(k))];
          group["author"] =
              json::object{{"accountId", u.account_id}, {"displayName", u.display_name}};
        }
        histories.push_back(std::move(group));
      }
      issue["changelog"] = json::object{{"histories", std::move(histories)}};
    }
    const std::string line = json::serialize(issue) + "\n";
    std::fwrite(line.data(), 1, line.size(), file->get());
  }
  return Close(std::move(*file), path);
}

}  // namespace jql
