// A deterministic, realistic synthetic Jira site: the distributions of the peers'
// generator (see docs/store.md: same seed, same issues, same CSV), plus what
// that generator leaves out: descriptions, comments, environments, links, versions
// with release dates, sprints, watchers, votes, due dates, groups, custom fields and
// change histories that end in each issue's current values.
#ifndef JQL_GENERATOR_H_
#define JQL_GENERATOR_H_

#include <cstdint>
#include <functional>
#include <string>

#include "jql/issue_store.h"
#include "jql/status.h"

namespace jql {

struct GenerateOptions {
  int64_t issues = 1000;
  uint64_t seed = 42;
  // Average number of changes per issue in the generated histories (0: none).
  double history_per_issue = 6;
  // Descriptions, comments and environments (summaries are always generated).
  bool long_text = true;
};

// `progress` is called from the generating thread with the issues made so far, every
// few thousand issues (for a progress display); it does not change what is made.
StatusOr<IssueStore> GenerateIssueStore(
    const GenerateOptions& options, const std::function<void(size_t issues_done)>& progress = {});

// The query constants of the peers' benchmark for a generated set (as gen_issues
// writes them to params.json): project keys for Q1, labels for Q3, the word for Q4.
std::string GeneratedParamsJson(const GenerateOptions& options);

// Writes a store as the peers' CSV (docs/store.md). For a generated store this is
// byte for byte what the peers' generator writes for the same count and seed.
// `progress` hears the rows written so far, every few thousand rows.
Status WritePeerCsv(const IssueStore& store, const std::string& path,
                    const std::function<void(size_t rows_done)>& progress = {});

// Writes a store as JSON Lines of Jira REST issues (fields, and changelog when the
// store has history), the shape LoadIssueStore reads back.
Status WriteJiraJsonLines(const IssueStore& store, const std::string& path,
                          const std::function<void(size_t rows_done)>& progress = {});

}  // namespace jql

#endif  // JQL_GENERATOR_H_
