// Issues as `jql select` prints them: the fields asked for by their Jira names, as a
// readable table, CSV, JSON Lines or one JSON document (issues in Jira's JSON shape).
#ifndef JQL_SRC_CLI_ISSUE_LISTING_H_
#define JQL_SRC_CLI_ISSUE_LISTING_H_

#include <boost/json/array.hpp>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "jql/issue_store.h"

namespace jql::cli {

class IssueListing {
 public:
  // The fields by Jira id, clause name or custom field name ("key", "summary", "type",
  // "fixVersion", "cf[10010]", "Story Points"); the unknown one on failure.
  static std::optional<IssueListing> Make(const IssueStore& store,
                                          const std::vector<std::string>& names,
                                          std::string* unknown);

  void PrintTable(const std::vector<uint32_t>& rows, std::ostream& out) const;
  void PrintCsv(const std::vector<uint32_t>& rows, std::ostream& out) const;
  void PrintJsonLines(const std::vector<uint32_t>& rows, std::ostream& out) const;
  // {"id", "key", "fields": {the chosen fields}} per issue, as Jira's REST API has them.
  boost::json::array IssuesJson(const std::vector<uint32_t>& rows) const;

 private:
  struct Column {
    std::string header;  // as asked for
    std::string id;      // the field's id in an issue's JSON ("key" and "id" are the issue's)
  };
  IssueListing(const IssueStore& store, std::vector<Column> columns)
      : store_(&store), columns_(std::move(columns)) {}
  boost::json::object IssueJson(uint32_t row) const;
  std::vector<std::string> Cells(uint32_t row) const;  // the values as text

  const IssueStore* store_;
  std::vector<Column> columns_;
};

}  // namespace jql::cli

#endif  // JQL_SRC_CLI_ISSUE_LISTING_H_
