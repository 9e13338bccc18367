#include "cli/archive_plan.h"

#include <boost/json.hpp>
#include <filesystem>
#include <iostream>
#include <unordered_set>

#include "archive/task_manager.h"
#include "cli/commands.h"
#include "client/mirror_folder.h"
#include "common/number_format.h"
#include "jql/engine.h"
#include "store/jira_time.h"

namespace jql::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// The import state of the mirror `data` is (a folder, or FILE.snap beside FILE.mirror),
// if it is one.
json::object MirrorState(const std::string& data) {
  auto state = client::MirrorFolder(client::MirrorFolderFor(data)).ReadState();
  return state.ok() ? *state : json::object();
}

}  // namespace

int WriteArchivePlan(const ArchivePlanOptions& o) {
  QueryContext context;
  if (!MakeContext(o.context, &context)) return kUsageOrIoError;
  const json::object state = MirrorState(o.data);
  if (!state.empty() && state.if_contains("complete") != nullptr &&
      state.at("complete") != json::value(true)) {
    std::cerr << "jql archive: the import into " << o.data
              << " did not finish; finish it before planning on it\n";
    return kUsageOrIoError;
  }
  auto store = LoadData(o.data);
  if (!store) return kUsageOrIoError;
  Engine engine(*store);
  const CompileResult compiled = engine.Compile(o.jql, context);
  if (!compiled.ok()) {
    for (const Diagnostic& d : compiled.errors) std::cerr << d.message << '\n';
    return kInvalidQuery;
  }
  const ArchiveSelection selection = engine.SelectForArchive(*compiled.query);
  // Every match, to name each skipped issue (the selection keeps only samples of them).
  const QueryResult matched = engine.Execute(*compiled.query);
  if (selection.stopped || matched.stopped) {
    std::cerr << "jql archive: the query ran out of time; nothing was planned\n";
    return kUsageOrIoError;
  }
  auto issue = [&](uint32_t row) {
    return json::object{{"id", std::to_string(store->columns().id.values.Get(row))},
                        {"key", store->Key(row)}};
  };
  json::array issues;
  std::unordered_set<uint32_t> selected(selection.rows.begin(), selection.rows.end());
  size_t subtasks = 0;
  for (uint32_t row : selection.rows) {
    json::object entry = issue(row);
    json::array children;
    for (uint32_t subtask : engine.SubtasksOf(row)) children.push_back(issue(subtask));
    subtasks += children.size();
    if (!children.empty()) entry["subtasks"] = std::move(children);
    issues.push_back(std::move(entry));
  }
  json::array as_subtask, unlicensed, archived_project, over_limit;
  for (uint32_t row : matched.rows) {
    if (selected.contains(row)) continue;
    switch (engine.Eligibility(row)) {
      case ArchiveEligibility::kSubtask:
        as_subtask.push_back(issue(row));
        break;
      case ArchiveEligibility::kUnlicensed:
        unlicensed.push_back(issue(row));
        break;
      case ArchiveEligibility::kArchivedProject:
        archived_project.push_back(issue(row));
        break;
      case ArchiveEligibility::kEligible:
        over_limit.push_back(issue(row));
        break;
    }
  }
  const int64_t now = archive::NowMs();
  const json::value* since = state.if_contains("since");
  json::object plan{
      {"plan", 1},
      {"jql", o.jql},
      {"site", state.contains("site") ? state.at("site") : json::value(nullptr)},
      {"mirror", fs::weakly_canonical(o.data).string()},
      {"mirrorAsOf", since != nullptr && since->is_int64()
                         ? json::value(internal::FormatJiraTime(since->as_int64()))
                         : json::value(nullptr)},
      {"plannedAt", internal::FormatJiraTime(now)},
      {"limit", Engine::kArchiveCap},
      {"issuesMatched", matched.total},
      {"issuesToArchive", issues.size()},
      {"subtasksToArchive", subtasks},
      {"numberOfIssuesToUpdate", issues.size() + subtasks},
      {"issues", std::move(issues)},
      {"skipped", json::object{{"issueIsSubtask", std::move(as_subtask)},
                               {"issuesInUnlicensedProjects", std::move(unlicensed)},
                               {"issuesInArchivedProjects", std::move(archived_project)},
                               {"overLimit", std::move(over_limit)}}}};
  if (!client::WriteAtomically(o.out, json::serialize(plan) + "\n")) {
    std::cerr << "jql archive: cannot write " << o.out << "\n";
    return kUsageOrIoError;
  }
  const json::object& skipped = plan.at("skipped").as_object();
  const size_t parents = selection.rows.size();
  std::cout << o.out << ": " << internal::WithCommas(parents) << " issues to archive with "
            << internal::WithCommas(subtasks) << " subtasks ("
            << internal::WithCommas(parents + subtasks) << " in all) of "
            << internal::WithCommas(matched.total) << " matched; skipped "
            << internal::WithCommas(skipped.at("issueIsSubtask").as_array().size())
            << " subtasks on their own, "
            << internal::WithCommas(skipped.at("issuesInUnlicensedProjects").as_array().size())
            << " in projects that cannot be archived, "
            << internal::WithCommas(skipped.at("issuesInArchivedProjects").as_array().size())
            << " in archived projects, "
            << internal::WithCommas(skipped.at("overLimit").as_array().size())
            << " over the limit of " << internal::WithCommas(Engine::kArchiveCap) << "\n";
  if (state.empty()) {
    std::cerr << "jql archive: note: " << o.data
              << " is not a mirror made by jql import, so the plan names no site\n";
  } else {
    std::cout << "mirror of " << json::serialize(plan.at("site")) << " as of "
              << json::serialize(plan.at("mirrorAsOf")) << "\n";
  }
  return kOk;
}

}  // namespace jql::cli
