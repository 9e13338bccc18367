// Jira REST JSON: a search page ({"issues": [...], "names": {...}}), one issue, an
// array of issues, or JSON Lines of issues; each issue as /rest/api/2|3 returns it,
// with "changelog" when exported with expand=changelog. Entities embedded in the
// issues (project, status with its category, issue type, priority, users, versions,
// components, sprints, link types) become catalog entries.
#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <set>
#include <string>

#include "common/utf8.h"
#include "jira_time.h"
#include "load_context.h"

namespace jql::internal {
namespace json = boost::json;
namespace {

const json::value* Find(const json::object& o, std::string_view key) {
  const auto it = o.find(key);
  return it == o.end() || it->value().is_null() ? nullptr : &it->value();
}

std::string_view Str(const json::object& o, std::string_view key) {
  const json::value* v = Find(o, key);
  return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// Jira sends ids as strings ("10001") and sometimes as numbers.
std::optional<int64_t> Id(const json::object& o, std::string_view key = "id") {
  const json::value* v = Find(o, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->get_uint64());
  if (v->is_string()) {
    const std::string_view s = v->get_string();
    int64_t id = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), id);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return id;
  }
  return std::nullopt;
}

// An entity's id as Jira numbers them (positive); anything else counts as none.
std::optional<int64_t> EntityId(const json::object& o) {
  const auto id = Id(o);
  return id && *id > 0 ? id : std::nullopt;
}

const json::object* Obj(const json::object& o, std::string_view key) {
  const json::value* v = Find(o, key);
  return v != nullptr && v->is_object() ? &v->get_object() : nullptr;
}

const json::array* Arr(const json::object& o, std::string_view key) {
  const json::value* v = Find(o, key);
  return v != nullptr && v->is_array() ? &v->get_array() : nullptr;
}

// Plain text of an Atlassian Document Format node, or the string itself.
void AppendText(const json::value& v, std::string& out) {
  if (v.is_string()) {
    out.append(v.get_string());
    return;
  }
  if (!v.is_object()) return;
  const json::object& o = v.get_object();
  const std::string_view type = Str(o, "type");
  if (type == "text") out.append(Str(o, "text"));
  if (type == "hardBreak") out += '\n';
  if (const json::array* content = Arr(o, "content")) {
    const size_t before = out.size();
    for (const json::value& child : *content) AppendText(child, out);
    if (type == "paragraph" || type == "heading" || type == "listItem") {
      // Each block ends a line; an empty paragraph is a blank line.
      if (out.size() == before ? !out.empty() : out.back() != '\n') out += '\n';
    }
  }
}

std::string Text(const json::object& o, std::string_view key) {
  std::string out;
  if (const json::value* v = Find(o, key)) AppendText(*v, out);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// A known field whose JSON has another shape than Jira gives ("status": "Done") is
// an error naming the field: loading it as no status would make `status = Done` and
// `status != Done` both miss the issue without a word.
Status CheckFieldShapes(const json::object& fields, const std::string& where) {
  enum Shape { kObject, kArray, kText, kTextOrDocument, kTime, kObjectOrArray };
  static constexpr std::pair<std::string_view, Shape> kShapes[] = {
      {"project", kObject},
      {"issuetype", kObject},
      {"status", kObject},
      {"resolution", kObject},
      {"priority", kObject},
      {"assignee", kObject},
      {"reporter", kObject},
      {"creator", kObject},
      {"parent", kObject},
      {"votes", kObject},
      {"watches", kObject},
      {"comment", kObjectOrArray},
      {"labels", kArray},
      {"components", kArray},
      {"fixVersions", kArray},
      {"versions", kArray},
      {"issuelinks", kArray},
      {"summary", kText},
      {"description", kTextOrDocument},
      {"environment", kTextOrDocument},
      {"created", kTime},
      {"updated", kTime},
      {"resolutiondate", kTime},
      {"duedate", kTime},
  };
  for (const auto& [name, shape] : kShapes) {
    const auto it = fields.find(name);
    if (it == fields.end() || it->value().is_null()) continue;
    const json::value& v = it->value();
    const bool fits = shape == kObject           ? v.is_object()
                      : shape == kArray          ? v.is_array()
                      : shape == kText           ? v.is_string()
                      : shape == kTextOrDocument ? v.is_string() || v.is_object()
                      : shape == kTime           ? v.is_string() || v.is_number()
                                                 : v.is_object() || v.is_array();
    if (fits) continue;
    const char* wanted = shape == kObject           ? "an object"
                         : shape == kArray          ? "an array"
                         : shape == kText           ? "a string"
                         : shape == kTextOrDocument ? "a string or a document"
                         : shape == kTime           ? "a time string"
                                                    : "an object or an array";
    const char* got = v.is_string()   ? "a string"
                      : v.is_number() ? "a number"
                      : v.is_bool()   ? "true or false"
                      : v.is_array()  ? "an array"
                                      : "an object";
    std::string shown = json::serialize(v);
    if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
    return InvalidArgument(where + ": field '" + std::string(name) + "' is " + got + " (" + shown +
                           ") where Jira gives " + wanted);
  }
  return Status::Ok();
}

// The fields a column or the catalog takes; anything else is counted as unknown.
constexpr std::string_view kKnownFields[] = {
    "project",
    "issuetype",
    "status",
    "resolution",
    "priority",
    "assignee",
    "reporter",
    "creator",
    "created",
    "updated",
    "resolutiondate",
    "duedate",
    "labels",
    "components",
    "fixVersions",
    "versions",
    "parent",
    "votes",
    "watches",
    "summary",
    "description",
    "environment",
    "comment",
    "issuelinks",
    "sprint",
    "closedSprints",
    "subtasks",
    // Derived or display-only values Jira sends with every issue.
    "progress",
    "aggregateprogress",
    "statuscategorychangedate",
    "lastViewed",
    "workratio",
    "timespent",
    "aggregatetimespent",
    "timeestimate",
    "aggregatetimeestimate",
    "timeoriginalestimate",
    "aggregatetimeoriginalestimate",
    "timetracking",
    "worklog",
    "attachment",
    "security",
    "epic",
    "flagged",
};

class JsonIssueLoader {
 public:
  JsonIssueLoader(LoadContext& context, const json::object* names)
      : context_(context), catalog_(context.builder.catalog()), names_(names) {}

  Status Add(const json::value& value, uint32_t position) {
    const std::string where = context_.Where(position);
    if (!value.is_object()) return InvalidArgument(where + ": an issue must be a JSON object");
    const json::object& issue = value.get_object();
    row_.Clear();
    const auto id = Id(issue);
    if (!id) return InvalidArgument(where + ": the issue has no 'id'");
    const std::string_view key = Str(issue, "key");
    const size_t dash = key.rfind('-');
    int64_t number = 0;
    if (key.empty() || dash == std::string_view::npos || dash == 0 ||
        std::from_chars(key.data() + dash + 1, key.data() + key.size(), number).ptr !=
            key.data() + key.size()) {
      return InvalidArgument(where + ": the issue has no valid 'key' (got '" + std::string(key) +
                             "')");
    }
    row_.id = *id;
    row_.number = number;
    // Not a Jira field: our own exports mark archived issues so a reload keeps them.
    if (const json::value* archived = Find(issue, "archived");
        archived != nullptr && archived->is_bool()) {
      row_.archived = archived->get_bool();
    }
    static const json::object kNoFields;
    const json::object* fields_ptr = Obj(issue, "fields");
    const json::object& fields = fields_ptr != nullptr ? *fields_ptr : kNoFields;
    if (Status shape = CheckFieldShapes(fields, where); !shape.ok()) return shape;
    row_.project = ProjectOf(fields, key.substr(0, dash));
    // A key from before the project's key changed: Jira still finds the issue by it.
    if (FoldCase(key.substr(0, dash)) != FoldCase(catalog_.projects[row_.project].key))
      catalog_.AddFormerProjectKey(row_.project, key.substr(0, dash));
    if (const json::object* t = Obj(fields, "issuetype")) row_.issue_type = IssueTypeOf(*t);
    if (const json::object* s = Obj(fields, "status")) row_.status = StatusOf(*s);
    if (const json::object* r = Obj(fields, "resolution")) row_.resolution = ResolutionOf(*r);
    if (const json::object* p = Obj(fields, "priority")) row_.priority = PriorityOf(*p);
    if (const json::object* u = Obj(fields, "assignee")) row_.assignee = UserOf(*u);
    if (const json::object* u = Obj(fields, "reporter")) row_.reporter = UserOf(*u);
    if (const json::object* u = Obj(fields, "creator")) row_.creator = UserOf(*u);
    for (auto [name, target] : {std::pair{"created", &row_.created},
                                {"updated", &row_.updated},
                                {"resolutiondate", &row_.resolved},
                                {"duedate", &row_.due}}) {
      // Jira writes times as text; some exports (and the agile API) as epoch milliseconds.
      if (const json::value* v = Find(fields, name); v != nullptr && v->is_number()) {
        *target = v->to_number<int64_t>();
        continue;
      }
      const std::string_view text = Str(fields, name);
      if (text.empty()) continue;
      const auto time = ParseJiraTime(text);
      if (!time)
        return InvalidArgument(where + ": field '" + name + "' is not a Jira time: '" +
                               std::string(text) + "'");
      *target = *time;
    }
    if (const json::array* labels = Arr(fields, "labels")) {
      for (const json::value& l : *labels) {
        if (l.is_string()) row_.labels.push_back(catalog_.InternLabel(l.get_string()));
      }
    }
    if (const json::array* components = Arr(fields, "components")) {
      for (const json::value& c : *components) {
        if (c.is_object()) row_.components.push_back(ComponentOf(c.get_object()));
      }
    }
    for (auto [name, target] :
         {std::pair{"fixVersions", &row_.fix_versions}, {"versions", &row_.affected_versions}}) {
      if (const json::array* versions = Arr(fields, name)) {
        for (const json::value& v : *versions) {
          if (v.is_object()) target->push_back(VersionOf(v.get_object()));
        }
      }
    }
    if (const json::object* parent = Obj(fields, "parent"))
      row_.parent_id = Id(*parent).value_or(0);
    if (const json::object* votes = Obj(fields, "votes")) {
      if (const json::value* n = Find(*votes, "votes"); n != nullptr && n->is_number())
        row_.votes = n->to_number<int64_t>();
    }
    row_.summary = Text(fields, "summary");
    row_.description = Text(fields, "description");
    row_.environment = Text(fields, "environment");
    Comments(fields);
    Sprints(fields);
    Links(fields);
    CustomFields(fields);
    if (const json::object* changelog = Obj(issue, "changelog")) {
      if (Status s = History(*changelog, where); !s.ok()) return s;
    }
    context_.AddRow(row_, position);
    return Status::Ok();
  }

  // One entity as a metadata endpoint lists it (GET /project/search, /status, ...),
  // into the catalog by the same rules as the entities nested in issues.
  void CatalogEntity(SiteEntity kind, const json::object& o) {
    switch (kind) {
      case SiteEntity::kProject:
        ProjectOf(json::object{{"project", o}}, Str(o, "key"));
        return;
      case SiteEntity::kIssueType:
        IssueTypeOf(o);
        return;
      case SiteEntity::kStatus:
        StatusOf(o);
        return;
      case SiteEntity::kPriority:
        PriorityOf(o);
        return;
      case SiteEntity::kResolution:
        ResolutionOf(o);
        return;
      case SiteEntity::kUser:
        UserOf(o);
        return;
    }
  }

 private:
  Code ProjectOf(const json::object& fields, std::string_view key_prefix) {
    const json::object* p = Obj(fields, "project");
    const std::string_view key =
        p != nullptr && !Str(*p, "key").empty() ? Str(*p, "key") : key_prefix;
    if (auto found = catalog_.FindProjectByKey(key)) {
      if (auto id = p != nullptr ? EntityId(*p) : std::nullopt)
        catalog_.projects.AdoptId(*found, *id);
      return *found;
    }
    Project project;
    project.key = std::string(key);
    project.name = std::string(key);
    if (p != nullptr) {
      project.id = EntityId(*p).value_or(0);
      if (!Str(*p, "name").empty()) project.name = std::string(Str(*p, "name"));
      // Projects from before project types (Jira Server 6) count as software.
      if (auto type = ParseProjectType(Str(*p, "projectTypeKey"))) project.type = *type;
      if (const json::object* category = Obj(*p, "projectCategory"))
        project.category = std::string(Str(*category, "name"));
      project.archived = Find(*p, "archived") != nullptr && Find(*p, "archived")->is_bool() &&
                         Find(*p, "archived")->get_bool();
    }
    return catalog_.AddProject(std::move(project));
  }

  // The entity with the object's id, or else one of its name that has no id yet (met
  // in a history before), or else a new one made by `make`.
  template <typename T, typename Make>
  Code ById(EntityTable<T>& table, const json::object& o, Make make) {
    const auto id = EntityId(o);
    const std::string_view name = Str(o, "name");
    if (id) {
      if (auto found = table.FindById(*id)) return *found;
    }
    for (Code code : table.FindByName(name)) {
      if (!id || table.AdoptId(code, *id)) return code;
    }
    T item = make();
    item.id = id.value_or(0);
    return table.Add(std::move(item), item.id, name);
  }

  Code IssueTypeOf(const json::object& o) {
    return ById(catalog_.issue_types, o, [&] {
      IssueType t;
      t.name = std::string(Str(o, "name"));
      const json::value* subtask = Find(o, "subtask");
      t.subtask = subtask != nullptr && subtask->is_bool() && subtask->get_bool();
      const json::value* level = Find(o, "hierarchyLevel");
      t.hierarchy_level = level != nullptr && level->is_number()
                              ? static_cast<int8_t>(level->to_number<int64_t>())
                          : t.subtask                  ? -1
                          : FoldCase(t.name) == "epic" ? 1
                                                       : 0;
      return t;
    });
  }

  Code StatusOf(const json::object& o) {
    return ById(catalog_.statuses, o, [&] {
      IssueStatus s;
      s.name = std::string(Str(o, "name"));
      // Jira Server 6 had no categories; guess from the usual names.
      s.category = StatusCategory::kToDo;
      if (const json::object* c = Obj(o, "statusCategory")) {
        if (auto parsed = ParseStatusCategory(Str(*c, "key"))) s.category = *parsed;
      } else {
        const std::string n = FoldCase(s.name);
        if (n == "done" || n == "closed" || n == "resolved") s.category = StatusCategory::kDone;
        if (n == "in progress" || n == "in review") s.category = StatusCategory::kInProgress;
      }
      return s;
    });
  }

  Code ResolutionOf(const json::object& o) {
    return ById(catalog_.resolutions, o, [&] {
      Resolution r;
      r.name = std::string(Str(o, "name"));
      return r;
    });
  }

  Code PriorityOf(const json::object& o) {
    return ById(catalog_.priorities, o, [&] {
      Priority p;
      p.name = std::string(Str(o, "name"));
      p.sequence = PrioritySequence(p.name, EntityId(o).value_or(0));
      return p;
    });
  }

  Code UserOf(const json::object& o) {
    // Cloud has accountId; Server had name and key.
    std::string_view account = Str(o, "accountId");
    if (account.empty()) account = Str(o, "name");
    if (account.empty()) account = Str(o, "key");
    if (account.empty()) return kNoCode;
    if (auto found = catalog_.FindUserByAccountId(account)) return *found;
    User user;
    user.account_id = std::string(account);
    user.display_name =
        Str(o, "displayName").empty() ? user.account_id : std::string(Str(o, "displayName"));
    user.email = std::string(Str(o, "emailAddress"));
    const json::value* active = Find(o, "active");
    user.active = active == nullptr || !active->is_bool() || active->get_bool();
    return catalog_.AddUser(std::move(user));
  }

  // An entity of the issue's project, by the object's id, else by name; the data's id
  // is kept.
  template <typename T, typename Intern>
  Code ProjectEntityOf(EntityTable<T>& table, const json::object& o, Intern intern) {
    const auto id = EntityId(o);
    if (id) {
      if (auto found = table.FindById(*id)) return *found;
    }
    const Code code = intern(row_.project, Str(o, "name"));
    if (id) table.AdoptId(code, *id);
    return code;
  }

  Code ComponentOf(const json::object& o) {
    return ProjectEntityOf(catalog_.components, o, [&](Code project, std::string_view name) {
      return catalog_.InternComponent(project, name);
    });
  }

  Code VersionOf(const json::object& o) {
    const Code code = ProjectEntityOf(
        catalog_.versions, o,
        [&](Code project, std::string_view name) { return catalog_.InternVersion(project, name); });
    Version& v = catalog_.versions.mutable_item(code);
    if (const json::value* released = Find(o, "released");
        released != nullptr && released->is_bool())
      v.released = released->get_bool();
    if (auto date = ParseJiraTime(Str(o, "releaseDate"))) v.release_date = *date;
    return code;
  }

  void Comments(const json::object& fields) {
    const json::value* comment = Find(fields, "comment");
    if (comment == nullptr) return;
    const json::array* list = comment->is_array()    ? &comment->get_array()
                              : comment->is_object() ? Arr(comment->get_object(), "comments")
                                                     : nullptr;
    if (list == nullptr) return;
    for (const json::value& c : *list) {
      if (!c.is_object()) continue;
      if (!row_.comments.empty()) row_.comments += '\n';
      row_.comments += Text(c.get_object(), "body");
    }
  }

  Code SprintOf(const json::object& o) {
    const std::string_view name = Str(o, "name");
    const auto id = EntityId(o);
    if (id) {
      if (auto found = catalog_.sprints.FindById(*id);
          found && catalog_.sprints[*found].name == name)
        return *found;
    }
    const Code code = catalog_.InternSprint(name);
    if (id) catalog_.sprints.AdoptId(code, *id);
    Sprint& s = catalog_.sprints.mutable_item(code);
    const std::string state = FoldCase(Str(o, "state"));
    s.state = state == "active"   ? SprintState::kActive
              : state == "closed" ? SprintState::kClosed
                                  : SprintState::kFuture;
    return code;
  }

  void Sprints(const json::object& fields) {
    auto add = [&](const json::object& s) {
      const Code code = SprintOf(s);
      if (std::find(row_.sprints.begin(), row_.sprints.end(), code) == row_.sprints.end())
        row_.sprints.push_back(code);
    };
    if (const json::object* sprint = Obj(fields, "sprint")) add(*sprint);
    if (const json::array* closed = Arr(fields, "closedSprints")) {
      for (const json::value& s : *closed) {
        if (s.is_object()) add(s.get_object());
      }
    }
    // Cloud keeps sprints in a custom field: an array of objects with a "state".
    for (const auto& [key, value] : fields) {
      if (!key.starts_with("customfield_") || !value.is_array()) continue;
      for (const json::value& s : value.get_array()) {
        if (s.is_object() && Find(s.get_object(), "state") != nullptr &&
            Find(s.get_object(), "name") != nullptr) {
          add(s.get_object());
          sprint_fields_.insert(std::string(key));
        }
      }
    }
  }

  void Links(const json::object& fields) {
    const json::array* links = Arr(fields, "issuelinks");
    if (links == nullptr) return;
    for (const json::value& l : *links) {
      if (!l.is_object()) continue;
      const json::object& link = l.get_object();
      const json::object* type = Obj(link, "type");
      Code type_code = kNoCode;
      if (type != nullptr) {
        type_code = catalog_.InternLinkType(Str(*type, "name"));
        if (auto id = EntityId(*type)) catalog_.link_types.AdoptId(type_code, *id);
        LinkType& t = catalog_.link_types.mutable_item(type_code);
        if (!Str(*type, "inward").empty()) t.inward = std::string(Str(*type, "inward"));
        if (!Str(*type, "outward").empty()) t.outward = std::string(Str(*type, "outward"));
        catalog_.link_types.IndexName(type_code, t.inward);
        catalog_.link_types.IndexName(type_code, t.outward);
      }
      if (const json::object* out = Obj(link, "outwardIssue")) {
        if (auto id = Id(*out)) row_.links.push_back({type_code, *id, true});
      } else if (const json::object* in = Obj(link, "inwardIssue")) {
        if (auto id = Id(*in)) row_.links.push_back({type_code, *id, false});
      }
    }
  }

  std::string CustomFieldName(std::string_view key) const {
    if (names_ != nullptr) {
      if (const std::string_view n = Str(*names_, key); !n.empty()) return std::string(n);
    }
    return std::string(key);
  }

  Code CustomFieldOf(std::string_view key, CustomFieldType type) {
    int64_t id = 0;
    std::from_chars(key.data() + 12, key.data() + key.size(), id);
    if (auto found = catalog_.custom_fields.FindById(id)) return *found;
    CustomField field;
    field.id = id;
    field.name = CustomFieldName(key);
    field.type = type;
    const std::string name = field.name;
    const Code code = catalog_.custom_fields.Add(std::move(field), id, name);
    catalog_.custom_fields.IndexName(code, key);
    return code;
  }

  static Code OptionOf(CustomField& field, std::string_view value) {
    for (size_t i = 0; i < field.options.size(); ++i) {
      if (field.options[i] == value) return static_cast<Code>(i);
    }
    field.options.emplace_back(value);
    return static_cast<Code>(field.options.size() - 1);
  }

  // The type a custom field's value has: a number, a date or time, text, a user, a
  // select option, or a list of options or labels.
  static std::optional<CustomFieldType> ShapeOf(const json::value& value) {
    if (value.is_number()) return CustomFieldType::kNumber;
    if (value.is_string()) {
      const std::string_view text = value.get_string();
      if (!ParseJiraTime(text)) return CustomFieldType::kText;
      return text.size() == 10 ? CustomFieldType::kDate : CustomFieldType::kDateTime;
    }
    if (value.is_object()) {
      const json::object& o = value.get_object();
      if (!Str(o, "accountId").empty() || !Str(o, "emailAddress").empty())
        return CustomFieldType::kUser;
      if (Find(o, "value") != nullptr) return CustomFieldType::kSelect;
      return std::nullopt;
    }
    if (value.is_array() && !value.get_array().empty()) {
      return value.get_array().front().is_string() ? CustomFieldType::kLabels
                                                   : CustomFieldType::kMultiSelect;
    }
    return std::nullopt;
  }

  // A custom field takes the type of the first value seen; later values of another
  // shape are counted as unknown, not guessed at.
  void CustomFields(const json::object& fields) {
    for (const auto& [key_view, value] : fields) {
      const std::string_view key = key_view;
      if (std::find(std::begin(kKnownFields), std::end(kKnownFields), key) !=
          std::end(kKnownFields))
        continue;
      if (value.is_null() || (value.is_array() && value.get_array().empty())) continue;
      const auto shape = ShapeOf(value);
      if (!key.starts_with("customfield_") || sprint_fields_.count(std::string(key)) != 0 ||
          !shape) {
        if (sprint_fields_.count(std::string(key)) == 0) ++unknown(key);
        continue;
      }
      CustomValue cv;
      cv.field = CustomFieldOf(key, *shape);
      CustomField& field = catalog_.custom_fields.mutable_item(cv.field);
      const bool dates =
          (field.type == CustomFieldType::kDate || field.type == CustomFieldType::kDateTime) &&
          (*shape == CustomFieldType::kDate || *shape == CustomFieldType::kDateTime);
      if (field.type != *shape && !dates) {
        ++unknown(key);
        continue;
      }
      switch (field.type) {
        case CustomFieldType::kNumber:
          cv.number = value.to_number<double>();
          break;
        case CustomFieldType::kDate:
        case CustomFieldType::kDateTime:
          cv.integer = *ParseJiraTime(value.get_string());
          break;
        case CustomFieldType::kText:
          cv.text = std::string(value.get_string());
          break;
        case CustomFieldType::kUser:
          cv.integer = UserOf(value.get_object());
          break;
        case CustomFieldType::kSelect:
          cv.integer = OptionOf(field, Str(value.get_object(), "value"));
          break;
        case CustomFieldType::kLabels:
        case CustomFieldType::kMultiSelect:
          for (const json::value& item : value.get_array()) {
            if (item.is_string()) cv.codes.push_back(OptionOf(field, item.get_string()));
            if (item.is_object() && Find(item.get_object(), "value") != nullptr) {
              cv.codes.push_back(OptionOf(field, Str(item.get_object(), "value")));
            }
          }
          break;
        case CustomFieldType::kVersion:
          break;
      }
      row_.custom.push_back(std::move(cv));
    }
  }

  size_t& unknown(std::string_view key) {
    static size_t sink = 0;
    if (context_.report == nullptr) return sink;
    return context_.report->unknown_fields[std::string(key)];
  }

  // The entity a changelog's "from" or "to" id names, when it is one the data has.
  template <typename T>
  static std::optional<Code> FoundById(const EntityTable<T>& table, std::string_view id) {
    int64_t n = 0;
    const auto r = std::from_chars(id.data(), id.data() + id.size(), n);
    if (id.empty() || r.ec != std::errc() || r.ptr != id.data() + id.size() || n <= 0)
      return std::nullopt;
    return table.FindById(n);
  }

  Code HistoryValue(HistoryField field, const json::object& item, bool from) {
    const std::string_view id = Str(item, from ? "from" : "to");
    const std::string_view text = Str(item, from ? "fromString" : "toString");
    switch (field) {
      case HistoryField::kAssignee:
      case HistoryField::kReporter: {
        const std::string_view account = !id.empty() ? id : text;
        if (account.empty()) return kNoCode;
        if (auto found = catalog_.FindUserByAccountId(account)) return *found;
        const auto named = catalog_.users.FindByName(text);
        if (!named.empty()) return named.front();
        return catalog_.InternUser(account);
      }
      case HistoryField::kStatus: {
        if (auto found = FoundById(catalog_.statuses, id)) return *found;
        if (text.empty()) return kNoCode;
        // A renamed or deleted status is still found, or made, by its name.
        return catalog_.InternStatus(text, StatusCategory::kToDo);
      }
      case HistoryField::kPriority:
        if (auto found = FoundById(catalog_.priorities, id)) return *found;
        return text.empty() ? kNoCode : catalog_.InternPriority(text);
      case HistoryField::kResolution:
        if (auto found = FoundById(catalog_.resolutions, id)) return *found;
        return text.empty() ? kNoCode : catalog_.InternResolution(text);
      case HistoryField::kFixVersion:
        return text.empty() ? kNoCode : catalog_.InternVersion(row_.project, text);
    }
    return kNoCode;
  }

  Status History(const json::object& changelog, const std::string& where) {
    const json::array* histories = Arr(changelog, "histories");
    if (histories == nullptr) return Status::Ok();
    for (const json::value& h : *histories) {
      if (!h.is_object()) continue;
      const json::object& group = h.get_object();
      const auto time = ParseJiraTime(Str(group, "created"));
      if (!time) return InvalidArgument(where + ": a changelog entry has no valid 'created' time");
      const json::object* author = Obj(group, "author");
      const Code author_code = author != nullptr ? UserOf(*author) : kNoCode;
      const json::array* items = Arr(group, "items");
      if (items == nullptr) continue;
      for (const json::value& i : *items) {
        if (!i.is_object()) continue;
        const json::object& item = i.get_object();
        std::string_view field_name = Str(item, "fieldId");
        if (field_name.empty()) field_name = Str(item, "field");
        const auto field = ParseHistoryField(field_name);
        if (!field) {
          if (context_.report != nullptr) ++context_.report->history_items_skipped;
          continue;
        }
        HistoryItem out;
        out.field = *field;
        const Code from = HistoryValue(*field, item, true);
        const Code to = HistoryValue(*field, item, false);
        out.from = from == kNoCode ? int64_t{-1} : int64_t{from};
        out.to = to == kNoCode ? int64_t{-1} : int64_t{to};
        out.time = *time;
        out.author = author_code == kNoCode ? int64_t{-1} : int64_t{author_code};
        row_.history.push_back(out);
      }
    }
    std::stable_sort(row_.history.begin(), row_.history.end(),
                     [](const HistoryItem& a, const HistoryItem& b) { return a.time < b.time; });
    return Status::Ok();
  }

  LoadContext& context_;
  Catalog& catalog_;
  const json::object* names_;
  IssueRow row_;
  std::set<std::string> sprint_fields_;
};

// Parses one JSON document; on error, names the line of the byte where it failed.
Status ParseDocument(std::string_view text, size_t base_line, const std::string& file,
                     json::value* out) {
  json::stream_parser parser;
  boost::system::error_code ec;
  const size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    const size_t offset = std::min(consumed, text.size());
    return InvalidArgument(file + " line " + std::to_string(base_line + LineOf(text, offset) - 1) +
                           ": malformed JSON (" + ec.message() + ") at byte offset " +
                           std::to_string(offset));
  }
  *out = parser.release();
  return Status::Ok();
}

}  // namespace

Status LoadJsonIssues(const std::vector<JsonIssueAt>& issues, const json::object* names,
                      LoadContext& context) {
  context.files.back().second = true;  // positions are lines
  JsonIssueLoader loader(context, names);
  for (const JsonIssueAt& at : issues) {
    if (Status s = loader.Add(at.issue, at.line); !s.ok()) return s;
    context.Progress(at.offset);
  }
  return Status::Ok();
}

void AddSiteEntity(LoadContext& context, SiteEntity kind, const json::object& entity) {
  JsonIssueLoader(context, nullptr).CatalogEntity(kind, entity);
}

Status LoadJiraJson(std::string_view text, LoadContext& context) {
  const std::string& file = context.file();
  if (auto bad = FindInvalidUtf8(text)) {
    return InvalidArgument(file + " line " + std::to_string(LineOf(text, *bad)) +
                           ": invalid UTF-8 at byte offset " + std::to_string(*bad));
  }
  if (context.report != nullptr) context.report->bytes += text.size();
  // JSON Lines when the first line alone is a complete object and more lines follow.
  const size_t first_newline = text.find('\n');
  bool lines = false;
  if (first_newline != std::string_view::npos &&
      text.find_first_not_of(" \t\r\n", first_newline) != std::string_view::npos) {
    boost::system::error_code ec;
    const json::value first = json::parse(text.substr(0, first_newline), ec);
    lines = !ec && first.is_object();
  }
  context.files.back().second = lines;
  if (lines) {
    JsonIssueLoader loader(context, nullptr);
    size_t start = 0, line = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      ++line;
      const std::string_view one = text.substr(start, end - start);
      start = end + 1;
      if (one.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      json::value value;
      if (Status s = ParseDocument(one, line, file, &value); !s.ok()) return s;
      if (Status s = loader.Add(value, static_cast<uint32_t>(line)); !s.ok()) return s;
      context.Progress(start);
    }
    return Status::Ok();
  }
  json::value document;
  if (Status s = ParseDocument(text, 1, file, &document); !s.ok()) return s;
  const json::array* issues = nullptr;
  const json::object* names = nullptr;
  if (document.is_array()) {
    issues = &document.get_array();
  } else if (document.is_object()) {
    const json::object& o = document.get_object();
    names = Obj(o, "names");
    issues = Arr(o, "issues");
    if (issues == nullptr) {
      if (Find(o, "key") == nullptr && Find(o, "fields") == nullptr) {
        return InvalidArgument(file +
                               ": neither a Jira search page ('issues') nor an issue ('key')");
      }
      JsonIssueLoader loader(context, nullptr);
      return loader.Add(document, 1);
    }
  } else {
    return InvalidArgument(file + ": not a Jira search page, issue or list of issues");
  }
  JsonIssueLoader loader(context, names);
  // Issues inside one document are named by their position in the list.
  for (size_t i = 0; i < issues->size(); ++i) {
    if (Status s = loader.Add((*issues)[i], static_cast<uint32_t>(i + 1)); !s.ok()) return s;
    // One parsed document: its bytes are shared out evenly over its issues.
    context.Progress(text.size() * (i + 1) / issues->size());
  }
  return Status::Ok();
}

}  // namespace jql::internal
