#include "binder.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include "dates.h"
#include "text_query.h"

namespace jql::internal {
namespace {

// What kind of values a field holds, which decides its operators.
enum class FieldKind : uint8_t { kCoded, kMultiCoded, kDate, kNumber, kKey, kText, kIssueRef };

struct FieldInfo {
  Column column;
  FieldKind kind;
  const char* name;  // Jira's name, for messages
  bool empty_ok = true;
  bool ordered = false;  // < > on codes (priority, resolution, versions)
  bool history = false;  // WAS / CHANGED
};

struct SystemFieldEntry {
  const char* names;  // '|'-separated, lower case
  FieldInfo info;
};

const SystemFieldEntry kFields[] = {
    {"project|space", {Column::kProject, FieldKind::kCoded, "project", false}},
    {"issuetype|type|worktype", {Column::kIssueType, FieldKind::kCoded, "issuetype", false}},
    {"status", {Column::kStatus, FieldKind::kCoded, "status", false, false, true}},
    {"statuscategory", {Column::kStatus, FieldKind::kCoded, "statusCategory", false}},
    {"resolution", {Column::kResolution, FieldKind::kCoded, "resolution", true, true, true}},
    {"priority", {Column::kPriority, FieldKind::kCoded, "priority", true, true, true}},
    {"assignee", {Column::kAssignee, FieldKind::kCoded, "assignee", true, false, true}},
    {"reporter", {Column::kReporter, FieldKind::kCoded, "reporter", true, false, true}},
    {"creator", {Column::kCreator, FieldKind::kCoded, "creator"}},
    {"created|createddate", {Column::kCreated, FieldKind::kDate, "created"}},
    {"updated|updateddate", {Column::kUpdated, FieldKind::kDate, "updated"}},
    {"resolved|resolutiondate", {Column::kResolved, FieldKind::kDate, "resolved"}},
    {"due|duedate", {Column::kDue, FieldKind::kDate, "due"}},
    {"labels|label", {Column::kLabels, FieldKind::kMultiCoded, "labels"}},
    {"component", {Column::kComponents, FieldKind::kMultiCoded, "component"}},
    {"fixversion", {Column::kFixVersions, FieldKind::kMultiCoded, "fixVersion", true, true, true}},
    {"affectedversion|affectsversion",
     {Column::kAffectedVersions, FieldKind::kMultiCoded, "affectedVersion", true, true}},
    {"sprint", {Column::kSprints, FieldKind::kMultiCoded, "sprint"}},
    {"watcher", {Column::kWatchers, FieldKind::kMultiCoded, "watcher"}},
    {"watchers", {Column::kWatcherCount, FieldKind::kNumber, "watchers", false}},
    {"votes", {Column::kVotes, FieldKind::kNumber, "votes", false}},
    {"key|issuekey|id|issue|workitem|workitemkey", {Column::kKey, FieldKind::kKey, "key", false}},
    {"parent", {Column::kParent, FieldKind::kIssueRef, "parent", true}},
    {"projecttype", {Column::kProject, FieldKind::kCoded, "projectType", false}},
    {"hierarchylevel", {Column::kIssueType, FieldKind::kNumber, "hierarchyLevel", false}},
    {"summary", {Column::kSummary, FieldKind::kText, "summary", false}},
    {"description", {Column::kDescription, FieldKind::kText, "description"}},
    {"environment", {Column::kEnvironment, FieldKind::kText, "environment"}},
    {"comment", {Column::kComments, FieldKind::kText, "comment", false}},
    {"text|textfields", {Column::kAllText, FieldKind::kText, "text", false}},
};

std::optional<FieldInfo> SystemField(const std::string& lower) {
  for (const SystemFieldEntry& e : kFields) {
    std::string_view names = e.names;
    while (!names.empty()) {
      const size_t bar = names.find('|');
      if (names.substr(0, bar) == lower) {
        FieldInfo info = e.info;
        return info;
      }
      if (bar == std::string_view::npos) break;
      names.remove_prefix(bar + 1);
    }
  }
  return std::nullopt;
}

bool IsHistoryOperator(Operator op) {
  return op == Operator::kWas || op == Operator::kWasNot || op == Operator::kWasIn ||
         op == Operator::kWasNotIn || op == Operator::kChanged;
}

Operator Flip(Operator op) {
  switch (op) {
    case Operator::kEquals:
      return Operator::kNotEquals;
    case Operator::kNotEquals:
      return Operator::kEquals;
    case Operator::kLike:
      return Operator::kNotLike;
    case Operator::kNotLike:
      return Operator::kLike;
    case Operator::kLessThan:
      return Operator::kGreaterEquals;
    case Operator::kGreaterEquals:
      return Operator::kLessThan;
    case Operator::kGreaterThan:
      return Operator::kLessEquals;
    case Operator::kLessEquals:
      return Operator::kGreaterThan;
    case Operator::kIn:
      return Operator::kNotIn;
    case Operator::kNotIn:
      return Operator::kIn;
    case Operator::kIs:
      return Operator::kIsNot;
    case Operator::kIsNot:
      return Operator::kIs;
    case Operator::kWas:
      return Operator::kWasNot;
    case Operator::kWasNot:
      return Operator::kWas;
    case Operator::kWasIn:
      return Operator::kWasNotIn;
    case Operator::kWasNotIn:
      return Operator::kWasIn;
    case Operator::kChanged:
      return Operator::kChanged;
  }
  return op;
}

std::string Lower(std::string_view s) { return FoldCase(s); }

bool ParseInteger(std::string_view s, int64_t* out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// The operand as Jira echoes it in value messages: the text, or the number.
std::string Echo(const Operand& o) {
  return o.kind == Operand::Kind::kNumber ? std::to_string(o.number) : o.text;
}

class Binder {
 public:
  Binder(const IssueStore& store, const QueryContext& context, const Query& query,
         std::vector<Diagnostic>* errors)
      : store_(store),
        catalog_(store.catalog()),
        context_(context),
        query_(query),
        errors_(errors) {}

  std::shared_ptr<CompiledQuery> Run() {
    auto compiled = std::make_shared<CompiledQuery>();
    if (query_.where != nullptr) {
      compiled->match_all = false;
      compiled->root = BindClause(*query_.where, false);
    }
    for (const jql::SortKey& key : query_.order_by) BindSort(key, *compiled);
    return compiled;
  }

 private:
  void Error(NodeId id, std::string message) {
    const SourceRange* range = query_.Range(id);
    errors_->push_back(Diagnostic{range != nullptr ? *range : SourceRange{}, std::move(message)});
  }

  Node BindClause(const Clause& clause, bool negated) {
    if (const auto* n = std::get_if<NotClause>(&clause.node))
      return BindClause(*n->child, !negated);
    if (const auto* a = std::get_if<AndClause>(&clause.node))
      return Connective(a->children, negated ? Node::Kind::kOr : Node::Kind::kAnd, negated);
    if (const auto* o = std::get_if<OrClause>(&clause.node))
      return Connective(o->children, negated ? Node::Kind::kAnd : Node::Kind::kOr, negated);
    Node leaf;
    leaf.leaf = BindTerminal(std::get<TerminalClause>(clause.node), clause.id, negated);
    if (pending_list_) {  // IN on dates or numbers became an OR (NOT IN an AND) of ranges
      leaf = std::move(*pending_list_);
      pending_list_.reset();
    }
    return leaf;
  }

  Node Connective(const std::vector<ClausePtr>& children, Node::Kind kind, bool negated) {
    Node node;
    node.kind = kind;
    for (const ClausePtr& child : children) {
      Node bound = BindClause(*child, negated);
      if (bound.kind == kind) {
        for (Node& grandchild : bound.children) node.children.push_back(std::move(grandchild));
      } else {
        node.children.push_back(std::move(bound));
      }
    }
    return node;
  }

  // ---------------------------------------------------------------- fields

  struct ResolvedField {
    FieldInfo info;
    int custom = -1;
    CustomFieldType custom_type = CustomFieldType::kText;
    bool status_category = false, project_type = false, hierarchy = false;
  };

  std::optional<ResolvedField> ResolveField(const FieldRef& ref) {
    if (!ref.properties.empty()) {
      // Entity properties are not stored: such a field matches nothing, like a
      // property no issue has.
      Error(ref.id,
            "Field '" + ToJql(ref) + "' does not exist or you do not have permission to view it.");
      return std::nullopt;
    }
    const std::string lower = Lower(ref.name);
    if (ref.kind == FieldRef::Kind::kName) {
      if (auto info = SystemField(lower)) {
        ResolvedField r{*info};
        r.status_category = lower == "statuscategory";
        r.project_type = lower == "projecttype";
        r.hierarchy = lower == "hierarchylevel";
        return r;
      }
    }
    // Custom fields: cf[N], customfield_N, or the field's name.
    std::optional<Code> field;
    if (ref.kind == FieldRef::Kind::kCustomField || ref.kind == FieldRef::Kind::kNumber) {
      field = catalog_.custom_fields.FindById(ref.number);
    } else {
      const auto named = catalog_.custom_fields.FindByName(ref.name);
      if (!named.empty()) field = named.front();
    }
    if (!field) {
      Error(ref.id,
            "Field '" + ref.name + "' does not exist or you do not have permission to view it.");
      return std::nullopt;
    }
    const CustomField& def = catalog_.custom_fields[*field];
    ResolvedField r{FieldInfo{Column::kCustomInt, FieldKind::kCoded, nullptr}};
    r.custom_type = def.type;
    for (size_t i = 0; i < store_.columns().custom.size(); ++i) {
      if (store_.columns().custom[i].field == *field) r.custom = static_cast<int>(i);
    }
    switch (def.type) {
      case CustomFieldType::kNumber:
        r.info.kind = FieldKind::kNumber;
        break;
      case CustomFieldType::kDate:
      case CustomFieldType::kDateTime:
        r.info.kind = FieldKind::kDate;
        break;
      case CustomFieldType::kSelect:
      case CustomFieldType::kUser:
      case CustomFieldType::kVersion:
        r.info.kind = FieldKind::kCoded;
        break;
      case CustomFieldType::kMultiSelect:
      case CustomFieldType::kLabels:
        r.info.kind = FieldKind::kMultiCoded;
        r.info.column = Column::kCustomMulti;
        break;
      case CustomFieldType::kText:
        r.info.kind = FieldKind::kText;
        r.info.column = Column::kCustomText;
        break;
    }
    custom_name_ =
        ref.kind == FieldRef::Kind::kName ? ref.name : "cf[" + std::to_string(def.id) + "]";
    r.info.name = custom_name_.c_str();
    return r;
  }

  static bool Supports(const ResolvedField& f, Operator op) {
    const FieldKind k = f.info.kind;
    switch (op) {
      case Operator::kEquals:
      case Operator::kNotEquals:
      case Operator::kIn:
      case Operator::kNotIn:
        return k != FieldKind::kText;
      case Operator::kLike:
        return k ==
               FieldKind::kText;  // issueKey ~ "*WIN-1*" (Jira's key wildcards) is not supported
      case Operator::kNotLike:
        return k == FieldKind::kText && f.info.column != Column::kAllText;  // text: ~ only
      case Operator::kLessThan:
      case Operator::kGreaterThan:
      case Operator::kLessEquals:
      case Operator::kGreaterEquals:
        return k == FieldKind::kDate || k == FieldKind::kNumber || k == FieldKind::kKey ||
               f.info.ordered;
      case Operator::kIs:
      case Operator::kIsNot:
        // Every custom field can be searched for EMPTY (`"Story Points" is EMPTY`);
        // of the system numbers, votes and watchers cannot.
        return k != FieldKind::kKey && k != FieldKind::kIssueRef &&
               (k != FieldKind::kNumber || f.custom >= 0) &&
               !(f.info.column == Column::kAllText || f.info.column == Column::kComments) &&
               !f.status_category && !f.project_type;
      default:
        return f.info.history;
    }
  }

  // ---------------------------------------------------------------- terminal clauses

  Leaf BindTerminal(const TerminalClause& t, NodeId clause_id, bool negated) {
    Leaf leaf;
    leaf.label = ToJql(Clause{t, 0});
    if (negated) leaf.label = "NOT " + leaf.label;
    auto resolved = ResolveField(t.field);
    if (!resolved) return leaf;
    const ResolvedField& f = *resolved;
    const Operator written = t.op;
    if (!Supports(f, written)) {
      const std::string op_text = Lower(OperatorText(written));
      Error(clause_id,
            "The operator '" +
                (IsHistoryOperator(written) ? std::string(OperatorText(written)) : op_text) +
                "' is not supported by the '" + f.info.name + "' field.");
      return leaf;
    }
    if (IsHistoryOperator(written)) return BindHistory(f, t, negated, leaf);
    const Operator op = negated ? Flip(written) : written;
    leaf.column = f.info.column;
    leaf.custom = f.custom;
    const Operand& operand = *t.operand;
    // EMPTY, as a value or in a list.
    const bool empty_operand = operand.kind == Operand::Kind::kEmpty;
    if ((empty_operand || ListHasEmpty(operand)) && !f.info.empty_ok) {
      Error(operand.id, "The field '" + std::string(f.info.name) +
                            "' does not support searching for EMPTY values.");
      return leaf;
    }
    if (op == Operator::kIs || op == Operator::kIsNot || empty_operand) {
      const bool want_empty =
          op == Operator::kIs || op == Operator::kEquals || op == Operator::kLike;
      leaf.kind = want_empty ? Leaf::Kind::kEmpty : Leaf::Kind::kNotEmpty;
      return leaf;
    }
    switch (f.info.kind) {
      case FieldKind::kText:
        return BindText(f, op, operand, leaf);
      case FieldKind::kDate:
        return BindDate(f, op, operand, leaf);
      case FieldKind::kNumber:
        return BindNumber(f, op, operand, leaf);
      case FieldKind::kKey:
      case FieldKind::kIssueRef:
        return BindIssues(f, op, negated, operand, leaf);
      case FieldKind::kCoded:
      case FieldKind::kMultiCoded:
        return BindCodes(f, op, operand, leaf);
    }
    return leaf;
  }

  static bool ListHasEmpty(const Operand& o) {
    if (o.kind != Operand::Kind::kList) return false;
    for (const Operand& e : *o.elements) {
      if (e.kind == Operand::Kind::kEmpty || ListHasEmpty(e)) return true;
    }
    return false;
  }

  // Every operand of a list, flattened (lists may nest).
  static void Flatten(const Operand& o, std::vector<const Operand*>& out) {
    if (o.kind == Operand::Kind::kList) {
      for (const Operand& e : *o.elements) Flatten(e, out);
    } else {
      out.push_back(&o);
    }
  }

  static bool Positive(Operator op) {
    return op == Operator::kEquals || op == Operator::kIn || op == Operator::kLike;
  }

  // ---------------------------------------------------------------- coded fields

  size_t DictionarySize(const ResolvedField& f) const {
    if (f.status_category || f.info.column == Column::kStatus) return catalog_.statuses.size();
    switch (f.info.column) {
      case Column::kProject:
        return catalog_.projects.size();
      case Column::kIssueType:
        return catalog_.issue_types.size();
      case Column::kResolution:
        return catalog_.resolutions.size();
      case Column::kPriority:
        return catalog_.priorities.size();
      case Column::kAssignee:
      case Column::kReporter:
      case Column::kCreator:
      case Column::kWatchers:
        return catalog_.users.size();
      case Column::kLabels:
        return catalog_.labels.size();
      case Column::kComponents:
        return catalog_.components.size();
      case Column::kFixVersions:
      case Column::kAffectedVersions:
        return catalog_.versions.size();
      case Column::kSprints:
        return catalog_.sprints.size();
      case Column::kCustomInt:
      case Column::kCustomMulti: {
        const Code field = store_.columns().custom[static_cast<size_t>(f.custom)].field;
        const CustomField& def = catalog_.custom_fields[field];
        if (def.type == CustomFieldType::kUser) return catalog_.users.size();
        if (def.type == CustomFieldType::kVersion) return catalog_.versions.size();
        return def.options.size();
      }
      default:
        return 0;
    }
  }

  template <typename T>
  static void ByNameOrId(const EntityTable<T>& table, const Operand& o, std::vector<Code>& out) {
    // An unquoted number is an id first, then a name; a quoted one a name first.
    if (o.kind == Operand::Kind::kNumber) {
      if (auto c = table.FindById(o.number)) {
        out.push_back(*c);
        return;
      }
    }
    const std::string text = Echo(o);
    for (Code c : table.FindByName(text)) out.push_back(c);
    if (out.empty() && o.kind == Operand::Kind::kString) {
      int64_t id;
      if (ParseInteger(text, &id)) {
        if (auto c = table.FindById(id)) out.push_back(*c);
      }
    }
  }

  // Codes one value names; false (after an error) when it names nothing.
  bool ValueCodes(const ResolvedField& f, const Operand& o, std::vector<Code>& codes,
                  bool* means_empty) {
    const std::string text = Echo(o);
    const std::string lower = Lower(text);
    if (f.status_category) {
      const auto category = ParseStatusCategory(text);
      if (!category) return UnknownValue(f, o);
      for (Code c = 0; c < catalog_.statuses.size(); ++c) {
        if (catalog_.statuses[c].category == *category) codes.push_back(c);
      }
      return true;
    }
    if (f.project_type) {
      const auto type = ParseProjectType(text);
      if (!type) return UnknownValue(f, o);
      for (Code c = 0; c < catalog_.projects.size(); ++c) {
        if (catalog_.projects[c].type == *type) codes.push_back(c);
      }
      return true;
    }
    switch (f.info.column) {
      case Column::kProject:
        if (o.kind == Operand::Kind::kNumber) {
          if (auto c = catalog_.projects.FindById(o.number)) codes.push_back(*c);
        }
        if (codes.empty()) {
          if (auto c = catalog_.FindProjectByKey(text)) {
            codes.push_back(*c);  // a key wins over another project's name
          } else {
            for (Code c2 : catalog_.projects.FindByName(text)) codes.push_back(c2);
          }
        }
        break;
      case Column::kIssueType:
        ByNameOrId(catalog_.issue_types, o, codes);
        break;
      case Column::kStatus:
        ByNameOrId(catalog_.statuses, o, codes);
        break;
      case Column::kResolution:
        if (lower == "unresolved") {
          *means_empty = true;
          return true;
        }
        ByNameOrId(catalog_.resolutions, o, codes);
        break;
      case Column::kPriority:
        ByNameOrId(catalog_.priorities, o, codes);
        break;
      case Column::kAssignee:
      case Column::kReporter:
      case Column::kCreator:
      case Column::kWatchers:
        UserCodes(text, codes);
        break;
      case Column::kLabels:
        for (Code c : catalog_.labels.FindByName(text)) codes.push_back(c);
        return true;  // labels are free text: an unknown label matches nothing
      case Column::kComponents:
        ByNameOrId(catalog_.components, o, codes);
        break;
      case Column::kFixVersions:
      case Column::kAffectedVersions:
        ByNameOrId(catalog_.versions, o, codes);
        break;
      case Column::kSprints:
        ByNameOrId(catalog_.sprints, o, codes);
        break;
      case Column::kCustomInt:
      case Column::kCustomMulti: {
        if (f.custom < 0) return true;  // a field no issue has a value for
        const CustomField& def =
            catalog_.custom_fields[store_.columns().custom[static_cast<size_t>(f.custom)].field];
        if (def.type == CustomFieldType::kUser) {
          UserCodes(text, codes);
        } else if (def.type == CustomFieldType::kVersion) {
          ByNameOrId(catalog_.versions, o, codes);
        } else {
          for (size_t i = 0; i < def.options.size(); ++i) {
            if (Lower(def.options[i]) == lower) codes.push_back(static_cast<Code>(i));
          }
          if (codes.empty()) {
            Error(o.id, "The option '" + text + "' for field '" + std::string(f.info.name) +
                            "' does not exist.");
            return false;
          }
        }
        break;
      }
      default:
        break;
    }
    if (codes.empty()) return UnknownValue(f, o);
    return true;
  }

  void UserCodes(const std::string& text, std::vector<Code>& codes) {
    if (auto c = catalog_.FindUserByAccountId(text)) {
      codes.push_back(*c);
      return;
    }
    for (Code c : catalog_.users.FindByName(text)) codes.push_back(c);
  }

  bool UnknownValue(const ResolvedField& f, const Operand& o) {
    if (o.kind == Operand::Kind::kNumber && f.info.column != Column::kProject) {
      Error(o.id, "A value with ID '" + std::to_string(o.number) +
                      "' does not exist for the field '" + std::string(f.info.name) + "'.");
    } else {
      Error(o.id, "The value '" + Echo(o) + "' does not exist for the field '" +
                      std::string(f.info.name) + "'.");
    }
    return false;
  }

  // Codes a function returns for a coded field; false after an error.
  bool FunctionCodes(const ResolvedField& f, const Operand& fn, Operator op,
                     std::vector<Code>& codes) {
    const std::string name = Lower(fn.text);
    auto arity = [&](size_t lo, size_t hi) {
      if (fn.args.size() >= lo && fn.args.size() <= hi) return true;
      if (lo == hi) {
        Error(fn.id, "Function '" + fn.text + "' expected '" + std::to_string(lo) +
                         "' arguments but received '" + std::to_string(fn.args.size()) + "'.");
      } else {
        Error(fn.id, "Function '" + fn.text + "' expected between '" + std::to_string(lo) +
                         "' and '" + std::to_string(hi) + "' arguments but received '" +
                         std::to_string(fn.args.size()) + "'.");
      }
      return false;
    };
    const bool list_operator = op == Operator::kIn || op == Operator::kNotIn ||
                               op == Operator::kWasIn || op == Operator::kWasNotIn;
    auto list_only = [&]() {
      if (list_operator) return true;
      Error(fn.id, "Operator '" + Lower(OperatorText(op)) + "' does not support the list value '" +
                       fn.text + "()' for field '" + std::string(f.info.name) + "'.");
      return false;
    };
    const Column col = f.info.column;
    const bool users = col == Column::kAssignee || col == Column::kReporter ||
                       col == Column::kCreator || col == Column::kWatchers;
    const bool versions = col == Column::kFixVersions || col == Column::kAffectedVersions;
    if (name == "currentuser" && users) {
      if (!arity(0, 0)) return false;
      if (auto c = catalog_.FindUserByAccountId(context_.current_user)) codes.push_back(*c);
      return true;  // anonymous: matches nothing
    }
    if (name == "membersof" && users) {
      if (!arity(1, 1) || !list_only()) return false;
      const auto groups = catalog_.groups.FindByName(fn.args[0]);
      if (groups.empty()) {
        Error(fn.id, "Function 'membersOf' can not generate a list of usernames for group '" +
                         fn.args[0] + "'; the group does not exist.");
        return false;
      }
      for (Code g : groups)
        codes.insert(codes.end(), catalog_.groups[g].members.begin(),
                     catalog_.groups[g].members.end());
      return true;
    }
    if ((name == "releasedversions" || name == "unreleasedversions") && versions) {
      if (!arity(0, 1) || !list_only()) return false;
      std::optional<Code> project;
      if (!fn.args.empty() && !(project = ProjectArgument(fn, fn.args[0]))) return false;
      const bool released = name == "releasedversions";
      for (Code v = 0; v < catalog_.versions.size(); ++v) {
        const Version& version = catalog_.versions[v];
        if (version.released == released && (!project || version.project == *project))
          codes.push_back(v);
      }
      return true;
    }
    if ((name == "latestreleasedversion" || name == "earliestunreleasedversion") && versions) {
      if (!arity(1, 1)) return false;
      if (list_operator) {
        Error(fn.id, "Operator '" + Lower(OperatorText(op)) +
                         "' does not support the non-list value '" + fn.text + "()' for field '" +
                         std::string(f.info.name) + "'.");
        return false;
      }
      const auto project = ProjectArgument(fn, fn.args[0]);
      if (!project) return false;
      const bool latest = name == "latestreleasedversion";
      std::optional<Code> best;
      for (Code v = 0; v < catalog_.versions.size(); ++v) {
        const Version& version = catalog_.versions[v];
        if (version.project != *project || version.released != latest) continue;
        if (!best || (latest ? version.sequence > catalog_.versions[*best].sequence
                             : version.sequence < catalog_.versions[*best].sequence)) {
          best = v;
        }
      }
      if (best) codes.push_back(*best);
      return true;
    }
    if ((name == "opensprints" || name == "closedsprints" || name == "futuresprints") &&
        col == Column::kSprints) {
      if (!arity(0, 0) || !list_only()) return false;
      const SprintState state = name == "opensprints"     ? SprintState::kActive
                                : name == "closedsprints" ? SprintState::kClosed
                                                          : SprintState::kFuture;
      for (Code s = 0; s < catalog_.sprints.size(); ++s) {
        if (catalog_.sprints[s].state == state) codes.push_back(s);
      }
      return true;
    }
    if ((name == "standardissuetypes" || name == "subtaskissuetypes" ||
         name == "standardworktypes" || name == "subtaskworktypes") &&
        col == Column::kIssueType) {
      if (!arity(0, 0) || !list_only()) return false;
      const bool subtask = name.starts_with("subtask");
      for (Code t = 0; t < catalog_.issue_types.size(); ++t) {
        if (catalog_.issue_types[t].subtask == subtask) codes.push_back(t);
      }
      return true;
    }
    if (name == "componentsleadbyuser" && col == Column::kComponents) {
      if (!arity(0, 1) || !list_only()) return false;
      std::vector<Code> lead;
      UserCodes(fn.args.empty() ? context_.current_user : fn.args[0], lead);
      for (Code c = 0; c < catalog_.components.size(); ++c) {
        if (std::find(lead.begin(), lead.end(), catalog_.components[c].lead) != lead.end())
          codes.push_back(c);
      }
      return true;
    }
    if (name == "projectsleadbyuser" && col == Column::kProject) {
      if (!arity(0, 1) || !list_only()) return false;
      std::vector<Code> lead;
      UserCodes(fn.args.empty() ? context_.current_user : fn.args[0], lead);
      for (Code p = 0; p < catalog_.projects.size(); ++p) {
        if (std::find(lead.begin(), lead.end(), catalog_.projects[p].lead) != lead.end())
          codes.push_back(p);
      }
      return true;
    }
    UnknownFunction(fn);
    return false;
  }

  std::optional<Code> ProjectArgument(const Operand& fn, const std::string& text) {
    if (auto c = catalog_.FindProjectByKey(text)) return c;
    const auto named = catalog_.projects.FindByName(text);
    if (!named.empty()) return named.front();
    int64_t id;
    if (ParseInteger(text, &id)) {
      if (auto c = catalog_.projects.FindById(id)) return c;
    }
    Error(fn.id, "The value '" + text + "' does not exist for the field 'project'.");
    return std::nullopt;
  }

  void UnknownFunction(const Operand& fn) {
    std::string call = fn.text + "(";
    for (size_t i = 0; i < fn.args.size(); ++i) call += (i ? ", " : "") + fn.args[i];
    Error(fn.id, "Unable to find JQL function '" + call + ")'.");
  }

  // The codes an operand names (values, EMPTY, lists, functions), and whether it names
  // EMPTY; false after an error. Each value is resolved on its own, so that every
  // unknown value is reported.
  bool OperandCodes(const ResolvedField& f, const Operand& operand, Operator op,
                    std::vector<Code>& codes, bool* names_empty) {
    std::vector<const Operand*> values;
    Flatten(operand, values);
    bool ok = true;
    for (const Operand* v : values) {
      if (v->kind == Operand::Kind::kEmpty) {
        *names_empty = true;
      } else if (v->kind == Operand::Kind::kFunction) {
        ok = FunctionCodes(f, *v, op, codes) && ok;
      } else {
        bool means_empty = false;
        std::vector<Code> one;
        ok = ValueCodes(f, *v, one, &means_empty) && ok;
        codes.insert(codes.end(), one.begin(), one.end());
        *names_empty = *names_empty || means_empty;
      }
    }
    return ok;
  }

  Leaf BindCodes(const ResolvedField& f, Operator op, const Operand& operand, Leaf leaf) {
    const bool ordered = op == Operator::kLessThan || op == Operator::kGreaterThan ||
                         op == Operator::kLessEquals || op == Operator::kGreaterEquals;
    std::vector<Code> codes;
    bool match_empty = false;
    if (!OperandCodes(f, operand, op, codes, &match_empty)) return leaf;
    if (f.hierarchy) return leaf;  // handled as a number
    leaf.codes.assign(DictionarySize(f), false);
    if (ordered) {
      // Priority, resolution and versions compare by their configured order.
      for (Code c : codes) {
        for (Code other = 0; other < leaf.codes.size(); ++other) {
          const auto cmp = CompareCodes(f, other, c);
          if (!cmp) continue;
          const bool hit = op == Operator::kLessThan      ? *cmp < 0
                           : op == Operator::kLessEquals  ? *cmp <= 0
                           : op == Operator::kGreaterThan ? *cmp > 0
                                                          : *cmp >= 0;
          if (hit) leaf.codes[other] = true;
        }
      }
      leaf.kind = Leaf::Kind::kAnyOf;
      return leaf;
    }
    for (Code c : codes) {
      if (c < leaf.codes.size()) leaf.codes[c] = true;
    }
    if (Positive(op)) {
      leaf.kind = Leaf::Kind::kAnyOf;
      leaf.match_empty = match_empty;
    } else {
      leaf.kind = Leaf::Kind::kNoneOf;  // never matches empty, EMPTY in the list or not
    }
    return leaf;
  }

  // Order of two codes: priority "higher" is greater (Highest > High), versions by
  // sequence within one project (versions of different projects do not compare).
  std::optional<int> CompareCodes(const ResolvedField& f, Code a, Code b) const {
    auto cmp = [](int64_t x, int64_t y) { return x < y ? -1 : x > y ? 1 : 0; };
    switch (f.info.column) {
      case Column::kPriority:
        return cmp(-catalog_.priorities[a].sequence, -catalog_.priorities[b].sequence);
      case Column::kResolution:
        return cmp(catalog_.resolutions[a].id, catalog_.resolutions[b].id);
      case Column::kFixVersions:
      case Column::kAffectedVersions:
        if (catalog_.versions[a].project != catalog_.versions[b].project) return std::nullopt;
        return cmp(catalog_.versions[a].sequence, catalog_.versions[b].sequence);
      default:
        return std::nullopt;
    }
  }

  // ---------------------------------------------------------------- history

  static HistoryField HistoryFieldOf(Column column) {
    switch (column) {
      case Column::kAssignee:
        return HistoryField::kAssignee;
      case Column::kReporter:
        return HistoryField::kReporter;
      case Column::kPriority:
        return HistoryField::kPriority;
      case Column::kResolution:
        return HistoryField::kResolution;
      case Column::kFixVersions:
        return HistoryField::kFixVersion;
      default:
        return HistoryField::kStatus;
    }
  }

  // The values an operand names for the field (EMPTY, values, lists, functions) as a
  // set; false after an error. `op` decides whether list functions are allowed.
  bool ValueSet(const ResolvedField& f, const Operand& operand, Operator op, CodeSet& set) {
    if ((operand.kind == Operand::Kind::kEmpty || ListHasEmpty(operand)) && !f.info.empty_ok) {
      Error(operand.id, "The field '" + std::string(f.info.name) +
                            "' does not support searching for EMPTY values.");
      return false;
    }
    std::vector<Code> codes;
    set.any = false;
    const bool ok = OperandCodes(f, operand, op, codes, &set.empty);
    set.codes.assign(DictionarySize(f), false);
    for (Code c : codes) {
      if (c < set.codes.size()) set.codes[c] = true;
    }
    return ok;
  }

  // BY's users: an account id or name, a list of them, currentUser() or membersOf(g).
  bool UserSet(const Predicate& p, CodeSet& set) {
    ResolvedField users{*SystemField("assignee")};
    users.info.name = "by";
    if (p.operand.kind == Operand::Kind::kEmpty || ListHasEmpty(p.operand)) {
      Error(p.operand.id, "The predicate 'by' does not support EMPTY; name a user.");
      return false;
    }
    // membersOf() names a list of users, which BY accepts as it is.
    return ValueSet(users, p.operand, Operator::kWasIn, set);
  }

  // A time predicate's window, [after, before); false after an error.
  bool TimeWindow(const Predicate& p, int64_t& after, int64_t& before) {
    const std::string name = Lower(PredicateText(p.kind));
    const std::string subject = "predicate '" + name + "'";
    const Operand& o = p.operand;
    if (p.kind == PredicateKind::kDuring) {
      std::vector<const Operand*> ends;
      Flatten(o, ends);
      if (o.kind != Operand::Kind::kList || ends.size() != 2 ||
          ends[0]->kind == Operand::Kind::kEmpty || ends[1]->kind == Operand::Kind::kEmpty) {
        Error(o.id,
              "The predicate 'during' takes two dates, the start and the end of a period, e.g. "
              "DURING (\"2024-01-01\", \"2024-03-31\").");
        return false;
      }
      const auto from = DateOf(subject, *ends[0]);
      const auto to = DateOf(subject, *ends[1]);
      if (!from || !to) return false;
      after = std::max(after, from->begin);
      before = std::min(before, to->begin + to->span);  // the end's whole day or minute
      return true;
    }
    if (o.kind == Operand::Kind::kEmpty || o.kind == Operand::Kind::kList) {
      Error(o.id, "The predicate '" + name + "' takes one date, e.g. " +
                      std::string(PredicateText(p.kind)) + " \"2024-01-31\" or " +
                      std::string(PredicateText(p.kind)) + " -2w.");
      return false;
    }
    const auto d = DateOf(subject, o);
    if (!d) return false;
    switch (p.kind) {
      case PredicateKind::kAfter:
        after = std::max(after, d->begin);
        break;
      case PredicateKind::kBefore:
        before = std::min(before, d->begin);
        break;
      default:  // ON: the day (or minute, or instant) the date stands for
        after = std::max(after, d->begin);
        before = std::min(before, d->begin + d->span);
        break;
    }
    return true;
  }

  Leaf BindHistory(const ResolvedField& f, const TerminalClause& t, bool negated, Leaf leaf) {
    auto search = std::make_shared<HistorySearch>();
    search->field = HistoryFieldOf(f.info.column);
    const Operator op = t.op;
    bool ok = true;
    if (op == Operator::kChanged) {
      search->kind = HistorySearch::Kind::kChanged;
    } else {
      search->kind = HistorySearch::Kind::kWas;
      ok = ValueSet(f, *t.operand, op, search->values);
    }
    for (const Predicate& p : t.predicates) {
      switch (p.kind) {
        case PredicateKind::kBy: {
          CodeSet users;
          if (UserSet(p, users)) {
            search->by.Intersect(users);
          } else {
            ok = false;
          }
          break;
        }
        case PredicateKind::kFrom:
        case PredicateKind::kTo: {
          CodeSet values;
          if (ValueSet(f, p.operand, Operator::kWasIn, values)) {
            (p.kind == PredicateKind::kFrom ? search->from : search->to).Intersect(values);
          } else {
            ok = false;
          }
          break;
        }
        default:
          ok = TimeWindow(p, search->after, search->before) && ok;
          break;
      }
    }
    if (!ok) return leaf;
    const bool negative = op == Operator::kWasNot || op == Operator::kWasNotIn;
    leaf.kind = Leaf::Kind::kHistory;
    leaf.column = f.info.column;
    leaf.inside = negative == negated;
    leaf.history = std::move(search);
    return leaf;
  }

  // ---------------------------------------------------------------- dates and numbers

  std::optional<DateValue> DateOf(const ResolvedField& f, const Operand& o) {
    return DateOf("field '" + std::string(f.info.name) + "'", o);
  }

  // `subject` names what the date is for in messages: "field 'created'".
  std::optional<DateValue> DateOf(const std::string& subject, const Operand& o) {
    if (o.kind == Operand::Kind::kNumber) return DateValue{o.number, 1};  // epoch ms
    if (o.kind == Operand::Kind::kFunction) {
      const auto fn = ParseDateFunction(Lower(o.text));
      if (!fn) {
        UnknownFunction(o);
        return std::nullopt;
      }
      const size_t max_args = *fn == DateFunction::kNow ? 0 : 1;
      if (o.args.size() > max_args) {
        if (max_args == 0) {
          Error(o.id, "Function '" + o.text + "' expected '0' arguments but received '" +
                          std::to_string(o.args.size()) + "'.");
        } else {
          Error(o.id, "Function '" + o.text +
                          "' expected between '0' and '1' arguments but received '" +
                          std::to_string(o.args.size()) + "'.");
        }
        return std::nullopt;
      }
      const auto value =
          EvaluateDateFunction(*fn, o.args.empty() ? "" : o.args[0], !o.args.empty(), context_);
      if (!value) {
        Error(o.id, "Duration for function '" + o.text +
                        "' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.");
        return std::nullopt;
      }
      return DateValue{*value, 1};
    }
    if (auto d = ParseDateText(o.text, context_)) return d;
    Error(o.id, "Date value '" + o.text + "' for " + subject +
                    " is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', "
                    "'yyyy/MM/dd', "
                    "'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.");
    return std::nullopt;
  }

  // Comparisons and equality on an int64 field, from [begin, begin + span) values.
  Leaf RangeLeaf(Operator op, const std::vector<DateValue>& values, Leaf leaf) {
    leaf.kind = Leaf::Kind::kRange;
    if (values.size() > 1 || op == Operator::kIn || op == Operator::kNotIn) {
      // Lists: an OR of equalities (or an AND of inequalities), as rows sets.
      leaf.kind = Leaf::Kind::kFalse;
      return leaf;
    }
    const DateValue v = values.front();
    switch (op) {
      case Operator::kEquals:
        leaf.lo = v.begin;
        leaf.hi = v.begin + v.span - 1;
        break;
      case Operator::kNotEquals:
        leaf.lo = v.begin;
        leaf.hi = v.begin + v.span - 1;
        leaf.inside = false;
        break;
      case Operator::kLessThan:
        leaf.lo = INT64_MIN;
        leaf.hi = v.begin - 1;
        break;
      case Operator::kLessEquals:
        leaf.lo = INT64_MIN;
        leaf.hi = v.begin + v.span - 1;
        break;
      case Operator::kGreaterThan:
        leaf.lo = v.begin + v.span;
        leaf.hi = INT64_MAX;
        break;
      case Operator::kGreaterEquals:
        leaf.lo = v.begin;
        leaf.hi = INT64_MAX;
        break;
      default:
        break;
    }
    return leaf;
  }

  // `f IN (a, b)` is `f = a OR f = b`; `f NOT IN (a, b)` is `f != a AND f != b`.
  Leaf ListOfRanges(Operator op, const std::vector<DateValue>& values, const Leaf& base,
                    bool match_empty, Node* out) {
    const bool positive = op == Operator::kIn;
    out->kind = positive ? Node::Kind::kOr : Node::Kind::kAnd;
    for (const DateValue& v : values) {
      Node child;
      child.leaf = RangeLeaf(positive ? Operator::kEquals : Operator::kNotEquals, {v}, base);
      out->children.push_back(std::move(child));
    }
    if (positive && match_empty) {
      Node empty;
      empty.leaf = base;
      empty.leaf.kind = Leaf::Kind::kEmpty;
      out->children.push_back(std::move(empty));
    }
    return base;
  }

  Leaf BindDate(const ResolvedField& f, Operator op, const Operand& operand, Leaf leaf) {
    std::vector<const Operand*> values;
    Flatten(operand, values);
    std::vector<DateValue> dates;
    bool ok = true, match_empty = false;
    for (const Operand* v : values) {
      if (v->kind == Operand::Kind::kEmpty) {
        match_empty = true;
        continue;
      }
      auto d = DateOf(f, *v);
      ok = ok && d.has_value();
      if (d) dates.push_back(*d);
    }
    if (!ok) return leaf;
    return Finish(op, dates, match_empty, leaf);
  }

  Leaf BindNumber(const ResolvedField& f, Operator op, const Operand& operand, Leaf leaf) {
    std::vector<const Operand*> values;
    Flatten(operand, values);
    std::vector<DateValue> numbers;
    bool ok = true, match_empty = false;
    for (const Operand* v : values) {
      if (v->kind == Operand::Kind::kEmpty) {
        match_empty = true;
        continue;
      }
      int64_t n = 0;
      const bool integral =
          v->kind == Operand::Kind::kNumber ? (n = v->number, true) : ParseInteger(v->text, &n);
      if (f.custom >= 0 || f.info.column == Column::kCustomInt) {
        // Number custom fields hold value * scale.
        double d = 0;
        const std::string text = Echo(*v);
        const auto r = std::from_chars(text.data(), text.data() + text.size(), d);
        if (r.ec != std::errc() || r.ptr != text.data() + text.size()) {
          Error(v->id, "Value " + text + " for the '" + std::string(f.info.name) +
                           "' field is not a valid number.");
          ok = false;
          continue;
        }
        const int64_t scale =
            f.custom >= 0 ? store_.columns().custom[static_cast<size_t>(f.custom)].scale : 1;
        const double scaled = d * static_cast<double>(scale);
        numbers.push_back({static_cast<int64_t>(scaled), 1});
        if (static_cast<double>(static_cast<int64_t>(scaled)) != scaled)
          numbers.back().span = 0;  // never equal
        continue;
      }
      if (!integral || (f.info.column == Column::kVotes && n < 0)) {
        if (f.info.column == Column::kVotes) {
          Error(v->id,
                "Value " + Echo(*v) +
                    " is invalid for the 'votes' field. Votes must be a positive whole number.");
        } else {
          Error(v->id, "The value " + Echo(*v) + " for field '" + std::string(f.info.name) +
                           "' is invalid - please specify an integer.");
        }
        ok = false;
        continue;
      }
      numbers.push_back({n, 1});
    }
    if (!ok) return leaf;
    if (f.hierarchy) {
      // hierarchyLevel compares the level of the issue type.
      leaf.column = Column::kIssueType;
      leaf.codes.assign(catalog_.issue_types.size(), false);
      for (Code t = 0; t < catalog_.issue_types.size(); ++t) {
        const int64_t level = catalog_.issue_types[t].hierarchy_level;
        bool hit = op == Operator::kNotEquals || op == Operator::kNotIn;
        for (const DateValue& n : numbers) {
          const bool eq = level == n.begin;
          switch (op) {
            case Operator::kEquals:
            case Operator::kIn:
              hit = hit || eq;
              break;
            case Operator::kNotEquals:
            case Operator::kNotIn:
              hit = hit && !eq;
              break;
            case Operator::kLessThan:
              hit = level < n.begin;
              break;
            case Operator::kLessEquals:
              hit = level <= n.begin;
              break;
            case Operator::kGreaterThan:
              hit = level > n.begin;
              break;
            default:
              hit = level >= n.begin;
              break;
          }
        }
        leaf.codes[t] = hit;
      }
      leaf.kind = Leaf::Kind::kAnyOf;
      return leaf;
    }
    return Finish(op, numbers, match_empty, leaf);
  }

  Leaf Finish(Operator op, const std::vector<DateValue>& values, bool match_empty, Leaf leaf) {
    if (op == Operator::kIn || op == Operator::kNotIn) {
      pending_list_ = std::make_unique<Node>();
      ListOfRanges(op, values, leaf, match_empty, pending_list_.get());
      leaf.kind = Leaf::Kind::kFalse;
      return leaf;
    }
    if (values.empty()) {
      leaf.kind = Leaf::Kind::kFalse;
      return leaf;
    }
    return RangeLeaf(op, values, leaf);
  }

  // ---------------------------------------------------------------- keys and issues

  // key, id, issue (and parent). `op` is the operator after a NOT was pushed in.
  Leaf BindIssues(const ResolvedField& f, Operator op, bool negated, const Operand& operand,
                  Leaf leaf) {
    std::vector<const Operand*> values;
    Flatten(operand, values);
    const bool ordered = op == Operator::kLessThan || op == Operator::kGreaterThan ||
                         op == Operator::kLessEquals || op == Operator::kGreaterEquals;
    if (ordered) return BindIssueRange(f, op, negated, *values.front(), leaf);
    std::vector<uint32_t> rows;
    bool ok = true;
    for (const Operand* v : values) {
      if (v->kind == Operand::Kind::kFunction) {
        ok = IssueFunction(*v, rows) && ok;
        continue;
      }
      const std::string text = Echo(*v);
      std::optional<size_t> row;
      if (v->kind == Operand::Kind::kNumber) {
        row = store_.FindRowById(v->number);
      } else if (text.find('-') != std::string::npos) {
        row = store_.FindRowByKey(text);
      } else {
        int64_t id;
        if (ParseInteger(text, &id)) row = store_.FindRowById(id);
        if (!row) {
          Error(v->id, "The issue key '" + text + "' for field '" + std::string(f.info.name) +
                           "' is invalid.");
          ok = false;
          continue;
        }
      }
      // A key that does not exist (or an archived issue) simply matches nothing.
      if (row) rows.push_back(static_cast<uint32_t>(*row));
    }
    if (!ok) return leaf;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    leaf.rows = std::move(rows);
    leaf.kind = Leaf::Kind::kRows;
    leaf.inside = Positive(op);
    return leaf;
  }

  // `key < ABC-100` (ABC's issues numbered below 100) and `id <= 10010` (issue ids up
  // to 10010), as Jira orders issue keys and ids. A number, quoted or not, is an id.
  Leaf BindIssueRange(const ResolvedField& f, Operator op, bool negated, const Operand& v,
                      Leaf leaf) {
    const std::string text = Echo(v);
    if (v.kind == Operand::Kind::kFunction) {
      Error(v.id, "The operator '" + std::string(OperatorText(negated ? Flip(op) : op)) +
                      "' is not supported by the '" + v.text + "' function.");
      return leaf;
    }
    int64_t id = 0;
    if (v.kind == Operand::Kind::kNumber || ParseInteger(text, &id)) {
      if (v.kind == Operand::Kind::kNumber) id = v.number;
      // Ids are never empty, so the NOT already pushed into `op` is exact here.
      leaf.kind = Leaf::Kind::kRange;
      leaf.column = Column::kId;
      leaf.inside = true;
      SetBounds(op, id, leaf);
      return leaf;
    }
    const size_t dash = text.rfind('-');
    int64_t number = 0;
    const auto project =
        dash == std::string::npos ? std::nullopt : catalog_.FindProjectByKey(text.substr(0, dash));
    if (!project || !ParseInteger(text.substr(dash + 1), &number)) {
      Error(v.id, "The issue key '" + text + "' for field '" + std::string(f.info.name) +
                      "' is invalid.");
      return leaf;
    }
    // The range comes from the operator as written, and a NOT takes its complement:
    // `NOT key > ABC-5` keeps every other project's issues, which the flipped
    // operator (`key <= ABC-5`, within ABC) would lose.
    const Operator written = negated ? Flip(op) : op;
    leaf.kind = Leaf::Kind::kKeyRange;
    leaf.project = *project;
    leaf.inside = !negated;
    SetBounds(written, number, leaf);
    return leaf;
  }

  // [lo, hi] of `op value` (< <= > >=) on integers.
  static void SetBounds(Operator op, int64_t value, Leaf& leaf) {
    leaf.lo = op == Operator::kGreaterThan     ? SaturatingAdd(value, 1)
              : op == Operator::kGreaterEquals ? value
                                               : INT64_MIN;
    leaf.hi = op == Operator::kLessThan     ? SaturatingAdd(value, -1)
              : op == Operator::kLessEquals ? value
                                            : INT64_MAX;
  }

  static int64_t SaturatingAdd(int64_t value, int64_t step) {
    if (step > 0 && value == INT64_MAX) return INT64_MAX;
    if (step < 0 && value == INT64_MIN) return INT64_MIN;
    return value + step;
  }

  bool IssueFunction(const Operand& fn, std::vector<uint32_t>& rows) {
    const std::string name = Lower(fn.text);
    if (name == "linkedissues" || name == "linkedworkitems") {
      if (fn.args.empty() || fn.args.size() > 3) {
        Error(fn.id, "Function '" + fn.text +
                         "' expected between '1' and '3' arguments but received '" +
                         std::to_string(fn.args.size()) + "'.");
        return false;
      }
      const auto row = store_.FindRowByKey(fn.args[0]);
      if (!row) {
        Error(fn.id,
              "Issue '" + fn.args[0] + "' could not be found in function '" + fn.text + "'.");
        return false;
      }
      const Links& links = store_.links();
      for (int64_t i = links.row_begin.Get(*row); i < links.row_begin.Get(*row + 1); ++i) {
        const auto k = static_cast<size_t>(i);
        const LinkType& type = catalog_.link_types[static_cast<Code>(links.type.Get(k))];
        bool wanted = fn.args.size() == 1;
        for (size_t a = 1; a < fn.args.size(); ++a) {
          // Link type names are case-sensitive: the type's name or the direction's.
          const std::string& direction = links.outward.Get(k) ? type.outward : type.inward;
          wanted = wanted || fn.args[a] == type.name || fn.args[a] == direction;
        }
        if (wanted) rows.push_back(static_cast<uint32_t>(links.other.Get(k)));
      }
      return true;
    }
    if (name == "updatedby") return UpdatedBy(fn, rows);
    if (name == "issuehistory" || name == "workitemhistory") {
      if (!fn.args.empty()) {
        Error(fn.id, "Function '" + fn.text + "' expected '0' arguments but received '" +
                         std::to_string(fn.args.size()) + "'.");
        return false;
      }
      return true;  // what a user viewed is not in the data: nothing was viewed
    }
    if (name == "watchedissues" || name == "watchedworkitems" || name == "votedissues" ||
        name == "votedworkitems") {
      if (!fn.args.empty()) {
        Error(fn.id, "Function '" + fn.text + "' expected '0' arguments but received '" +
                         std::to_string(fn.args.size()) + "'.");
        return false;
      }
      if (name.starts_with("voted")) return true;  // voters are not in the data: nobody voted
      const auto user = catalog_.FindUserByAccountId(context_.current_user);
      const MultiColumn& w = store_.columns().watchers;
      if (!user || !w.present()) return true;
      for (size_t r = 0; r < store_.rows(); ++r) {
        const uint64_t begin = w.Begin(r);
        for (uint32_t i = 0; i < w.Count(r); ++i) {
          if (static_cast<Code>(w.codes().Get(begin + i)) == *user)
            rows.push_back(static_cast<uint32_t>(r));
        }
      }
      return true;
    }
    UnknownFunction(fn);
    return false;
  }

  // updatedBy(user[, from[, to]]): issues the user created or changed (any field the
  // changelog records) in [from, to's whole day).
  bool UpdatedBy(const Operand& fn, std::vector<uint32_t>& rows) {
    if (fn.args.empty() || fn.args.size() > 3) {
      Error(fn.id, "Function '" + fn.text +
                       "' expected between '1' and '3' arguments but received '" +
                       std::to_string(fn.args.size()) + "'.");
      return false;
    }
    std::vector<Code> users;
    UserCodes(fn.args[0], users);
    if (users.empty()) {
      Error(fn.id, "Function '" + fn.text + "' can not find the user '" + fn.args[0] + "'.");
      return false;
    }
    int64_t after = INT64_MIN, before = INT64_MAX;
    const std::string subject = "function '" + fn.text + "'";
    for (size_t a = 1; a < fn.args.size(); ++a) {
      // Arguments are raw text: digits alone are epoch milliseconds, as an unquoted
      // number is elsewhere.
      Operand date;
      date.kind = ParseInteger(fn.args[a], &date.number) && fn.args[a][0] != '-'
                      ? Operand::Kind::kNumber
                      : Operand::Kind::kString;
      date.text = fn.args[a];
      date.id = fn.id;
      const auto d = DateOf(subject, date);
      if (!d) return false;
      if (a == 1) after = d->begin;
      if (a == 2) before = d->begin + d->span;
    }
    auto by = [&](int64_t user) {
      return std::find(users.begin(), users.end(), static_cast<Code>(user)) != users.end();
    };
    const IssueColumns& c = store_.columns();
    const History& h = store_.history();
    for (size_t row = 0; row < store_.rows(); ++row) {
      bool hit = false;
      if (c.creator.IsValid(row) && by(c.creator.values.Get(row))) {
        const int64_t created = c.created.IsValid(row) ? c.created.values.Get(row) : INT64_MIN;
        hit = created >= after && created < before;
      }
      if (!hit && h.row_begin.size() > row + 1) {
        for (int64_t i = h.row_begin.Get(row); !hit && i < h.row_begin.Get(row + 1); ++i) {
          const auto k = static_cast<size_t>(i);
          const int64_t time = h.time.Get(k);
          hit = time >= after && time < before && h.author.Get(k) >= 0 && by(h.author.Get(k));
        }
      }
      if (hit) rows.push_back(static_cast<uint32_t>(row));
    }
    return true;
  }

  // ---------------------------------------------------------------- text

  Leaf BindText(const ResolvedField& f, Operator op, const Operand& operand, Leaf leaf) {
    if (operand.kind == Operand::Kind::kFunction) {
      UnknownFunction(operand);
      return leaf;
    }
    const std::string text = Echo(operand);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      Error(operand.id, "The field '" + std::string(f.info.name) +
                            "' does not support searching for an empty string.");
      return leaf;
    }
    TextQueryError error;
    auto query = ParseTextQuery(text, f.info.name, &error);
    if (!query) {
      Error(operand.id, error.message);
      return leaf;
    }
    leaf.kind = Leaf::Kind::kText;
    leaf.inside = op == Operator::kLike;
    leaf.text = std::make_shared<const TextQuery>(std::move(*query));
    return leaf;
  }

  // ---------------------------------------------------------------- order by

  void BindSort(const jql::SortKey& key, CompiledQuery& compiled) {
    auto resolved = ResolveField(key.field);
    if (!resolved) return;
    SortKey sort;
    sort.column = resolved->info.column;
    sort.custom = resolved->custom;
    if (resolved->info.kind == FieldKind::kText || resolved->info.kind == FieldKind::kIssueRef ||
        resolved->status_category || resolved->project_type) {
      Error(key.field.id, "Field '" + ToJql(key.field) + "' does not support sorting.");
      return;
    }
    // Jira's defaults: dates and priority newest/highest first, the rest ascending.
    const bool descending_default =
        resolved->info.kind == FieldKind::kDate || sort.column == Column::kPriority;
    sort.descending = key.direction == SortDirection::kDefault
                          ? descending_default
                          : key.direction == SortDirection::kDescending;
    compiled.order.push_back(sort);
  }

  std::unique_ptr<Node> pending_list_;  // a list of ranges built by Finish
  const IssueStore& store_;
  const Catalog& catalog_;
  const QueryContext& context_;
  const Query& query_;
  std::vector<Diagnostic>* errors_;
  std::string custom_name_;
};

}  // namespace

std::shared_ptr<CompiledQuery> Bind(const Query& query, const IssueStore& store,
                                    const QueryContext& context, std::vector<Diagnostic>* errors) {
  Binder binder(store, context, query, errors);
  auto compiled = binder.Run();
  if (!errors->empty()) return nullptr;
  return compiled;
}

std::vector<std::vector<std::string>> SystemFieldClauseNames() {
  std::vector<std::vector<std::string>> out;
  for (const SystemFieldEntry& e : kFields) {
    std::vector<std::string> names;
    std::string_view rest = e.names;
    for (size_t bar; (bar = rest.find('|')) != std::string_view::npos; rest.remove_prefix(bar + 1))
      names.emplace_back(rest.substr(0, bar));
    names.emplace_back(rest);
    out.push_back(std::move(names));
  }
  return out;
}

}  // namespace jql::internal
