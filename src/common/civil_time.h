// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (Howard Hinnant's
// algorithms), shared by the loaders' time parsing and the engine's date values.
#ifndef JQL_SRC_COMMON_CIVIL_TIME_H_
#define JQL_SRC_COMMON_CIVIL_TIME_H_

#include <cstdint>
#include <string>

namespace jql::internal {

struct CivilDate {
  int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);
CivilDate CivilFromDays(int64_t days);
// Division rounding toward negative infinity (times before 1970 are negative).
int64_t FloorDiv(int64_t a, int64_t b);

// Epoch milliseconds as ISO 8601 UTC with milliseconds: "2024-01-31T10:00:00.000Z".
std::string IsoUtcMillis(int64_t ms);

}  // namespace jql::internal

#endif  // JQL_SRC_COMMON_CIVIL_TIME_H_
