#include "archive/archive_preview.h"

#include <boost/json/array.hpp>

namespace jql::archive {

namespace json = boost::json;

json::object ArchivePreviewJson(const IssueStore& store, const ArchiveSelection& s,
                                std::string_view jql) {
  auto keys = [&](const std::vector<uint32_t>& rows, size_t most) {
    json::array out;
    for (size_t i = 0; i < rows.size() && i < most; ++i)
      out.push_back(json::value(store.Key(rows[i])));
    return out;
  };
  return json::object{
      {"jql", jql},
      {"issuesMatched", s.matched},
      {"issuesToArchive", s.rows.size()},
      {"subtasksToArchive", s.subtasks.size()},
      {"numberOfIssuesToUpdate", s.rows.size() + s.subtasks.size()},
      {"limit", Engine::kArchiveCap},
      {"limitReached", s.skipped_over_cap > 0},
      {"issuesOverLimit", s.skipped_over_cap},
      {"skipped", json::object{{"issueIsSubtask",
                                json::object{{"count", s.skipped_subtasks},
                                             {"issueIdsOrKeys", keys(s.sample_subtasks, 50)}}},
                               {"issuesInUnlicensedProjects",
                                json::object{{"count", s.skipped_unlicensed},
                                             {"issueIdsOrKeys", keys(s.sample_unlicensed, 50)}}}}},
      {"firstIssues", keys(s.rows, 20)}};
}

}  // namespace jql::archive
