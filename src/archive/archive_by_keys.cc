#include "archive/archive_by_keys.h"

#include <algorithm>
#include <set>

namespace jql::archive {

std::string_view KeyedErrorMessage(std::string_view group) {
  if (group == "issueIsSubtask") return "Issue is subtask.";
  if (group == "issuesInArchivedProjects") return "Issue exists in archived project.";
  if (group == "issuesInUnlicensedProjects")
    return "Issues with these IDs are in unlicensed projects.";
  return "Issue not found.";
}

KeyedArchiveResult ArchiveByKeys(DurableArchive& archive,
                                 const std::vector<std::string>& ids_or_keys, bool archive_them,
                                 const std::string& by, int64_t now_ms) {
  KeyedArchiveResult result;
  const IssueStore& store = archive.store();
  const Engine& engine = archive.engine();
  std::vector<uint32_t> rows;
  std::set<uint32_t> seen;
  {
    // One stable view while deciding; Apply re-checks each row's state anyway.
    auto lock = store.ReadLock();
    for (const std::string& item : ids_or_keys) {
      const bool numeric =
          !item.empty() && item.size() <= 18 &&
          std::all_of(item.begin(), item.end(), [](char c) { return c >= '0' && c <= '9'; });
      const std::optional<size_t> row =
          numeric ? store.FindRowById(std::stoll(item)) : store.FindRowByKey(item);
      if (!row || store.IsArchived(*row) == archive_them) {
        result.errors["issuesNotFound"].push_back(item);
        continue;
      }
      switch (engine.Eligibility(*row)) {
        case ArchiveEligibility::kSubtask:
          result.errors["issueIsSubtask"].push_back(item);
          continue;
        case ArchiveEligibility::kArchivedProject:
          result.errors["issuesInArchivedProjects"].push_back(item);
          continue;
        case ArchiveEligibility::kUnlicensed:
          if (archive_them) {
            result.errors["issuesInUnlicensedProjects"].push_back(item);
            continue;
          }
          break;
        case ArchiveEligibility::kEligible:
          break;
      }
      if (!seen.insert(static_cast<uint32_t>(*row)).second) continue;  // named twice
      rows.push_back(static_cast<uint32_t>(*row));
      for (uint32_t subtask : engine.SubtasksOf(*row)) rows.push_back(subtask);
    }
  }
  if (rows.empty()) return result;
  StatusOr<size_t> changed = archive.Apply(rows, archive_them, "", by, now_ms);
  if (!changed.ok()) {
    result.status = changed.status();
    return result;
  }
  result.updated = *changed;
  return result;
}

}  // namespace jql::archive
