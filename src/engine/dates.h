// JQL date values: the absolute formats, relative periods ("-1w 2d"), epoch
// milliseconds, and the date functions (startOfDay, endOfMonth ...), in the user's
// time zone (a fixed offset from UTC).
#ifndef JQL_SRC_ENGINE_DATES_H_
#define JQL_SRC_ENGINE_DATES_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "jql/engine.h"

namespace jql::internal {

// A point in time with the span it stands for: a date without a time stands for the
// whole day, "yyyy-MM-dd HH:mm" for the whole minute, everything else for an instant
// (span 1 ms). [begin, begin + span) is the range `=` matches.
struct DateValue {
  int64_t begin = 0;
  int64_t span = 1;
};

// "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd", or a period
// "[+-]n(y|M|w|d|h|m) ..." relative to now (no unit: minutes).
std::optional<DateValue> ParseDateText(std::string_view text, const QueryContext& context);

// Adds a period like "-1M", "+14d", "2" (in `default_unit`) to a time. With
// `calendar`, y and M move by calendar years and months; without, by 365 and 30 days.
std::optional<int64_t> ApplyPeriod(int64_t time, std::string_view period, char default_unit,
                                   const QueryContext& context, bool calendar);

enum class DateFunction {
  kNow,
  kStartOfDay,
  kStartOfWeek,
  kStartOfMonth,
  kStartOfYear,
  kEndOfDay,
  kEndOfWeek,
  kEndOfMonth,
  kEndOfYear
};
// The function's value; nullopt when the argument is not a valid increment.
std::optional<int64_t> EvaluateDateFunction(DateFunction f, std::string_view argument,
                                            bool has_argument, const QueryContext& context);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_DATES_H_
