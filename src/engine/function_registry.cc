#include "function_registry.h"

#include <algorithm>

#include "jql/functions.h"

namespace jql::internal {
namespace {

std::string Lower(std::string_view s) { return FoldCase(s); }

// ---------------------------------------------------------------- users

bool CurrentUser(BindContext& bind, const Operand&, std::vector<Code>& out) {
  if (auto c = bind.catalog.FindUserByAccountId(bind.context.current_user)) out.push_back(*c);
  return true;  // anonymous: matches nothing
}

bool MembersOf(BindContext& bind, const Operand& call, std::vector<Code>& out) {
  const auto groups = bind.catalog.groups.FindByName(call.args[0]);
  if (groups.empty() && bind.catalog.unlisted_groups) return true;  // may exist on the site
  if (groups.empty()) {
    bind.Error(call.id, "Function 'membersOf' can not generate a list of usernames for group '" +
                            call.args[0] + "'; the group does not exist.");
    return false;
  }
  for (Code g : groups) {
    const std::vector<Code>& members = bind.catalog.groups[g].members;
    out.insert(out.end(), members.begin(), members.end());
  }
  return true;
}

// ---------------------------------------------------------------- versions

template <bool kReleased>
bool VersionsByRelease(BindContext& bind, const Operand& call, std::vector<Code>& out) {
  std::optional<Code> project;
  if (!call.args.empty() && !(project = bind.ProjectArgument(call, call.args[0]))) return false;
  for (Code v = 0; v < bind.catalog.versions.size(); ++v) {
    const Version& version = bind.catalog.versions[v];
    if (version.released == kReleased && (!project || version.project == *project))
      out.push_back(v);
  }
  return true;
}

// The latest released (highest sequence) or earliest unreleased version of a project.
template <bool kLatestReleased>
bool OneVersion(BindContext& bind, const Operand& call, std::vector<Code>& out) {
  const auto project = bind.ProjectArgument(call, call.args[0]);
  if (!project) return false;
  const EntityTable<Version>& versions = bind.catalog.versions;
  std::optional<Code> best;
  for (Code v = 0; v < versions.size(); ++v) {
    const Version& version = versions[v];
    if (version.project != *project || version.released != kLatestReleased) continue;
    if (!best || (kLatestReleased ? version.sequence > versions[*best].sequence
                                  : version.sequence < versions[*best].sequence)) {
      best = v;
    }
  }
  if (best) out.push_back(*best);
  return true;
}

// ---------------------------------------------------------------- sprints, types

template <SprintState kState>
bool SprintsIn(BindContext& bind, const Operand&, std::vector<Code>& out) {
  for (Code s = 0; s < bind.catalog.sprints.size(); ++s) {
    if (bind.catalog.sprints[s].state == kState) out.push_back(s);
  }
  return true;
}

template <bool kSubtask>
bool IssueTypes(BindContext& bind, const Operand&, std::vector<Code>& out) {
  for (Code t = 0; t < bind.catalog.issue_types.size(); ++t) {
    if (bind.catalog.issue_types[t].subtask == kSubtask) out.push_back(t);
  }
  return true;
}

// ---------------------------------------------------------------- leads

// The users a lead function names: its argument, or the caller.
std::vector<Code> Leads(BindContext& bind, const Operand& call) {
  std::vector<Code> users;
  bind.UserCodes(call.args.empty() ? bind.context.current_user : call.args[0], users);
  return users;
}

bool ComponentsLeadByUser(BindContext& bind, const Operand& call, std::vector<Code>& out) {
  const std::vector<Code> lead = Leads(bind, call);
  for (Code c = 0; c < bind.catalog.components.size(); ++c) {
    if (std::find(lead.begin(), lead.end(), bind.catalog.components[c].lead) != lead.end())
      out.push_back(c);
  }
  return true;
}

bool ProjectsLeadByUser(BindContext& bind, const Operand& call, std::vector<Code>& out) {
  const std::vector<Code> lead = Leads(bind, call);
  for (Code p = 0; p < bind.catalog.projects.size(); ++p) {
    if (std::find(lead.begin(), lead.end(), bind.catalog.projects[p].lead) != lead.end())
      out.push_back(p);
  }
  return true;
}

// ---------------------------------------------------------------- issues

// A bitmap over user codes of the users in `codes`.
std::vector<bool> UserBits(const Catalog& catalog, const std::vector<Code>& codes) {
  std::vector<bool> bits(catalog.users.size(), false);
  for (Code c : codes) {
    if (c < bits.size()) bits[c] = true;
  }
  return bits;
}

bool LinkedIssues(BindContext& bind, const Operand& call, Leaf& leaf) {
  const auto row = bind.store.FindRowByKey(call.args[0]);
  if (!row) {
    bind.Error(call.id,
               "Issue '" + call.args[0] + "' could not be found in function '" + call.text + "'.");
    return false;
  }
  leaf.kind = Leaf::Kind::kLinkedWith;
  leaf.rows = {static_cast<uint32_t>(*row)};
  if (call.args.size() > 1) {
    // Link type names are case-sensitive: the type's name, or the name of the
    // direction as seen from the issue named.
    const EntityTable<LinkType>& types = bind.catalog.link_types;
    leaf.codes.assign(types.size() * 2, false);
    for (Code t = 0; t < types.size(); ++t) {
      for (size_t a = 1; a < call.args.size(); ++a) {
        const std::string& wanted = call.args[a];
        if (wanted == types[t].name || wanted == types[t].inward) leaf.codes[2 * t] = true;
        if (wanted == types[t].name || wanted == types[t].outward) leaf.codes[2 * t + 1] = true;
      }
    }
  }
  return true;
}

// updatedBy(user[, from[, to]]): issues the user created or changed (any field the
// changelog records) in [from, to's whole day).
bool UpdatedBy(BindContext& bind, const Operand& call, Leaf& leaf) {
  std::vector<Code> users;
  bind.UserCodes(call.args[0], users);
  if (users.empty()) {
    bind.Error(call.id,
               "Function '" + call.text + "' can not find the user '" + call.args[0] + "'.");
    return false;
  }
  int64_t after = INT64_MIN, before = INT64_MAX;
  const std::string subject = "function '" + call.text + "'";
  for (size_t a = 1; a < call.args.size(); ++a) {
    // Arguments are raw text: digits alone are epoch milliseconds, as an unquoted
    // number is elsewhere.
    Operand date;
    date.kind = ParseInteger(call.args[a], &date.number) && call.args[a][0] != '-'
                    ? Operand::Kind::kNumber
                    : Operand::Kind::kString;
    date.text = call.args[a];
    date.id = call.id;
    const auto d = bind.DateOf(subject, date);
    if (!d) return false;
    if (a == 1) after = d->begin;
    if (a == 2) before = d->begin + d->span;
  }
  leaf.kind = Leaf::Kind::kUpdatedBy;
  leaf.codes = UserBits(bind.catalog, users);
  leaf.lo = after;
  leaf.hi = before;
  return true;
}

bool WatchedIssues(BindContext& bind, const Operand&, Leaf& leaf) {
  std::vector<Code> user;
  if (auto c = bind.catalog.FindUserByAccountId(bind.context.current_user)) user.push_back(*c);
  leaf.kind = Leaf::Kind::kWatchedBy;
  leaf.codes = UserBits(bind.catalog, user);  // anonymous: watches nothing
  return true;
}

// What a user viewed or voted for is not in the data: no issue.
bool NoIssues(BindContext&, const Operand&, Leaf& leaf) {
  leaf.kind = Leaf::Kind::kFalse;
  return true;
}

// ---------------------------------------------------------------- dates

template <DateFunction kFunction>
std::optional<int64_t> DateFunctionValue(BindContext& bind, const Operand& call) {
  const auto value = EvaluateDateFunction(kFunction, call.args.empty() ? "" : call.args[0],
                                          !call.args.empty(), bind.context);
  if (!value) {
    bind.Error(call.id, "Duration for function '" + call.text +
                            "' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.");
  }
  return value;
}

FunctionDescriptor Codes(std::vector<std::string_view> names, Dictionary dictionary,
                         size_t min_args, size_t max_args, FunctionResult result,
                         bool (*bind)(BindContext&, const Operand&, std::vector<Code>&)) {
  FunctionDescriptor d;
  d.names = std::move(names);
  d.kind = FunctionKind::kCodes;
  d.dictionary = dictionary;
  d.min_args = min_args;
  d.max_args = max_args;
  d.result = result;
  d.codes = bind;
  return d;
}

FunctionDescriptor Issues(std::vector<std::string_view> names, size_t min_args, size_t max_args,
                          bool (*bind)(BindContext&, const Operand&, Leaf&)) {
  FunctionDescriptor d;
  d.names = std::move(names);
  d.kind = FunctionKind::kIssues;
  d.min_args = min_args;
  d.max_args = max_args;
  d.result = FunctionResult::kList;
  d.issues = bind;
  return d;
}

template <DateFunction kFunction>
FunctionDescriptor Date(std::string_view name) {
  FunctionDescriptor d;
  d.names = {name};
  d.kind = FunctionKind::kDate;
  d.max_args = kFunction == DateFunction::kNow ? 0 : 1;
  d.result = FunctionResult::kAny;
  d.date = &DateFunctionValue<kFunction>;
  return d;
}

std::vector<FunctionDescriptor> MakeFunctions() {
  using R = FunctionResult;
  using D = Dictionary;
  return {
      Codes({"currentUser"}, D::kUsers, 0, 0, R::kAny, &CurrentUser),
      Codes({"membersOf"}, D::kUsers, 1, 1, R::kList, &MembersOf),
      Codes({"releasedVersions"}, D::kVersions, 0, 1, R::kList, &VersionsByRelease<true>),
      Codes({"unreleasedVersions"}, D::kVersions, 0, 1, R::kList, &VersionsByRelease<false>),
      Codes({"latestReleasedVersion"}, D::kVersions, 1, 1, R::kSingle, &OneVersion<true>),
      Codes({"earliestUnreleasedVersion"}, D::kVersions, 1, 1, R::kSingle, &OneVersion<false>),
      Codes({"openSprints"}, D::kSprints, 0, 0, R::kList, &SprintsIn<SprintState::kActive>),
      Codes({"closedSprints"}, D::kSprints, 0, 0, R::kList, &SprintsIn<SprintState::kClosed>),
      Codes({"futureSprints"}, D::kSprints, 0, 0, R::kList, &SprintsIn<SprintState::kFuture>),
      Codes({"standardIssueTypes", "standardWorkTypes"}, D::kIssueTypes, 0, 0, R::kList,
            &IssueTypes<false>),
      Codes({"subtaskIssueTypes", "subtaskWorkTypes"}, D::kIssueTypes, 0, 0, R::kList,
            &IssueTypes<true>),
      Codes({"componentsLeadByUser"}, D::kComponents, 0, 1, R::kList, &ComponentsLeadByUser),
      Codes({"projectsLeadByUser"}, D::kProjects, 0, 1, R::kList, &ProjectsLeadByUser),
      Issues({"linkedIssues", "linkedWorkItems"}, 1, 3, &LinkedIssues),
      Issues({"updatedBy"}, 1, 3, &UpdatedBy),
      Issues({"watchedIssues", "watchedWorkItems"}, 0, 0, &WatchedIssues),
      Issues({"votedIssues", "votedWorkItems"}, 0, 0, &NoIssues),
      Issues({"issueHistory", "workItemHistory"}, 0, 0, &NoIssues),
      Date<DateFunction::kNow>("now"),
      Date<DateFunction::kStartOfDay>("startOfDay"),
      Date<DateFunction::kStartOfWeek>("startOfWeek"),
      Date<DateFunction::kStartOfMonth>("startOfMonth"),
      Date<DateFunction::kStartOfYear>("startOfYear"),
      Date<DateFunction::kEndOfDay>("endOfDay"),
      Date<DateFunction::kEndOfWeek>("endOfWeek"),
      Date<DateFunction::kEndOfMonth>("endOfMonth"),
      Date<DateFunction::kEndOfYear>("endOfYear"),
  };
}

bool Applies(const FunctionDescriptor& fn, const BoundField* field) {
  if (fn.kind != FunctionKind::kCodes) return true;
  return field != nullptr && field->field->dictionary == fn.dictionary;
}

}  // namespace

std::span<const FunctionDescriptor> Functions() {
  static const std::vector<FunctionDescriptor> functions = MakeFunctions();
  return functions;
}

const FunctionDescriptor* FindFunction(std::string_view name, FunctionKind kind,
                                       const BoundField* field) {
  const std::string lower = Lower(name);
  for (const FunctionDescriptor& fn : Functions()) {
    if (fn.kind != kind || !Applies(fn, field)) continue;
    for (std::string_view n : fn.names) {
      if (Lower(n) == lower) return &fn;
    }
  }
  return nullptr;
}

bool CheckArity(BindContext& bind, const FunctionDescriptor& fn, const Operand& call) {
  const size_t n = call.args.size();
  if (n >= fn.min_args && n <= fn.max_args) return true;
  if (fn.min_args == fn.max_args) {
    bind.Error(call.id, "Function '" + call.text + "' expected '" + std::to_string(fn.min_args) +
                            "' arguments but received '" + std::to_string(n) + "'.");
  } else {
    bind.Error(call.id, "Function '" + call.text + "' expected between '" +
                            std::to_string(fn.min_args) + "' and '" + std::to_string(fn.max_args) +
                            "' arguments but received '" + std::to_string(n) + "'.");
  }
  return false;
}

bool CheckOperator(BindContext& bind, const FunctionDescriptor& fn, const Operand& call,
                   Operator op, const BoundField& field) {
  const bool list_operator = IsListOperator(op);
  if (fn.result == FunctionResult::kList && !list_operator) {
    bind.Error(call.id, "Operator '" + Lower(OperatorText(op)) +
                            "' does not support the list value '" + call.text + "()' for field '" +
                            field.name + "'.");
    return false;
  }
  if (fn.result == FunctionResult::kSingle && list_operator) {
    bind.Error(call.id, "Operator '" + Lower(OperatorText(op)) +
                            "' does not support the non-list value '" + call.text +
                            "()' for field '" + field.name + "'.");
    return false;
  }
  return true;
}

}  // namespace jql::internal

namespace jql {

std::vector<FunctionInfo> ListFunctions() {
  std::vector<FunctionInfo> out;
  for (const internal::FunctionDescriptor& fn : internal::Functions()) {
    FunctionInfo info;
    info.names = fn.names;
    info.min_args = fn.min_args;
    info.max_args = fn.max_args;
    info.list = fn.result == internal::FunctionResult::kList;
    info.kind = fn.kind == internal::FunctionKind::kIssues ? ValueKind::kKey
                : fn.kind == internal::FunctionKind::kDate ? ValueKind::kDate
                                                           : ValueKind::kCoded;
    info.dictionary = fn.dictionary;
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace jql
