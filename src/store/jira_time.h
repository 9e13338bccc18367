// Jira's time formats: "2011-12-15T15:35:06.000+1300" (REST), with 'Z' or "+13:00"
// offsets, and "2024-01-31" for date-only fields.
#ifndef JQL_SRC_STORE_JIRA_TIME_H_
#define JQL_SRC_STORE_JIRA_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jql::internal {

// Epoch milliseconds, or nullopt when the text is not a Jira time or date.
std::optional<int64_t> ParseJiraTime(std::string_view text);

// "2024-01-31T10:00:00.000+0000", as Jira's REST API writes times (in UTC here).
std::string FormatJiraTime(int64_t ms);
// "2024-01-31", for date-only fields.
std::string FormatJiraDate(int64_t ms);

}  // namespace jql::internal

#endif  // JQL_SRC_STORE_JIRA_TIME_H_
