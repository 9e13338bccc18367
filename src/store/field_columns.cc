// Column ids to columns: tables of accessors, so that no code switches on columns
// to find one. (Accessor functions rather than member pointers: GCC 12 reads some
// null member pointers of a constant table as offset 0, the first member.)
#include <array>

#include "jql/fields.h"

namespace jql {
namespace {

constexpr size_t kColumnIds = static_cast<size_t>(ColumnId::kNone) + 1;

template <typename Column, typename Columns>
using Accessor = const Column* (*)(const Columns&);

template <typename Column, typename Columns>
using ColumnTable = std::array<Accessor<Column, Columns>, kColumnIds>;

template <auto kMember, typename Columns>
const auto* Member(const Columns& columns) {
  return &(columns.*kMember);
}

constexpr ColumnTable<IntColumn, IssueColumns> kIntColumns = [] {
  ColumnTable<IntColumn, IssueColumns> t{};
  t[static_cast<size_t>(ColumnId::kProject)] = &Member<&IssueColumns::project, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kIssueType)] = &Member<&IssueColumns::issue_type, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kStatus)] = &Member<&IssueColumns::status, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kResolution)] = &Member<&IssueColumns::resolution, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kPriority)] = &Member<&IssueColumns::priority, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kAssignee)] = &Member<&IssueColumns::assignee, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kReporter)] = &Member<&IssueColumns::reporter, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kCreator)] = &Member<&IssueColumns::creator, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kCreated)] = &Member<&IssueColumns::created, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kUpdated)] = &Member<&IssueColumns::updated, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kResolved)] = &Member<&IssueColumns::resolved, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kDue)] = &Member<&IssueColumns::due, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kVotes)] = &Member<&IssueColumns::votes, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kParent)] = &Member<&IssueColumns::parent, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kId)] = &Member<&IssueColumns::id, IssueColumns>;
  return t;
}();

constexpr ColumnTable<MultiColumn, IssueColumns> kMultiColumns = [] {
  ColumnTable<MultiColumn, IssueColumns> t{};
  t[static_cast<size_t>(ColumnId::kLabels)] = &Member<&IssueColumns::labels, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kComponents)] = &Member<&IssueColumns::components, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kFixVersions)] =
      &Member<&IssueColumns::fix_versions, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kAffectedVersions)] =
      &Member<&IssueColumns::affected_versions, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kSprints)] = &Member<&IssueColumns::sprints, IssueColumns>;
  t[static_cast<size_t>(ColumnId::kWatchers)] = &Member<&IssueColumns::watchers, IssueColumns>;
  return t;
}();

constexpr ColumnTable<TextColumn, TextColumns> kTextColumns = [] {
  ColumnTable<TextColumn, TextColumns> t{};
  t[static_cast<size_t>(ColumnId::kSummary)] = &Member<&TextColumns::summary, TextColumns>;
  t[static_cast<size_t>(ColumnId::kDescription)] = &Member<&TextColumns::description, TextColumns>;
  t[static_cast<size_t>(ColumnId::kEnvironment)] = &Member<&TextColumns::environment, TextColumns>;
  t[static_cast<size_t>(ColumnId::kComments)] = &Member<&TextColumns::comments, TextColumns>;
  return t;
}();

const CustomColumn* Custom(const IssueStore& store, int custom) {
  if (custom < 0 || static_cast<size_t>(custom) >= store.columns().custom.size()) return nullptr;
  return &store.columns().custom[static_cast<size_t>(custom)];
}

}  // namespace

const IntColumn* IntColumnOf(const IssueStore& store, ColumnId column, int custom) {
  if (column == ColumnId::kCustomInt) {
    const CustomColumn* c = Custom(store, custom);
    return c != nullptr ? &c->ints : nullptr;
  }
  const auto access = kIntColumns[static_cast<size_t>(column)];
  return access != nullptr ? access(store.columns()) : nullptr;
}

const MultiColumn* MultiColumnOf(const IssueStore& store, ColumnId column, int custom) {
  if (column == ColumnId::kCustomMulti) {
    const CustomColumn* c = Custom(store, custom);
    return c != nullptr ? &c->multi : nullptr;
  }
  const auto access = kMultiColumns[static_cast<size_t>(column)];
  return access != nullptr ? access(store.columns()) : nullptr;
}

const TextColumn* TextColumnOf(const IssueStore& store, ColumnId column, int custom) {
  if (column == ColumnId::kCustomText) {
    const CustomColumn* c = Custom(store, custom);
    return c != nullptr ? &c->text : nullptr;
  }
  const auto access = kTextColumns[static_cast<size_t>(column)];
  return access != nullptr ? access(store.text()) : nullptr;
}

std::vector<const TextColumn*> AllTextColumns(const IssueStore& store) {
  std::vector<const TextColumn*> out;
  for (const auto access : kTextColumns) {
    if (access != nullptr) out.push_back(access(store.text()));
  }
  for (const CustomColumn& c : store.columns().custom) out.push_back(&c.text);
  return out;
}

}  // namespace jql
