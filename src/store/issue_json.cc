// One issue in the shape of Jira's REST API (see issue_json.h).
#include "jql/issue_json.h"

#include <algorithm>
#include <string>

#include "jira_time.h"

namespace jql {

namespace json = boost::json;

namespace {

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

boost::json::object IssueToJson(const IssueStore& store, size_t row, bool with_changelog) {
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
  fields["fixVersions"] =
      codes(c.fix_versions, row, [&](Code x) { return json::value(VersionJson(cat.versions[x])); });
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
      const LinkType& type = cat.link_types[static_cast<Code>(l.type.Get(static_cast<size_t>(i)))];
      const bool outward = l.outward.Get(static_cast<size_t>(i));
      if (!outward) continue;  // each link once, from its source
      links.push_back(
          json::object{{"type", json::object{{"id", std::to_string(type.id)},
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
  if (with_changelog && h.row_begin.size() > row + 1 &&
      h.row_begin.Get(row) < h.row_begin.Get(row + 1)) {
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
  return issue;
}

}  // namespace jql
