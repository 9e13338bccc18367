#include "jira_time.h"

#include "common/civil_time.h"

#include <cstdio>

namespace jql::internal {
namespace {

bool Digits(std::string_view s, size_t pos, size_t count, int64_t* value) {
  if (pos + count > s.size()) return false;
  int64_t v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *value = v;
  return true;
}

}  // namespace

std::string FormatJiraTime(int64_t ms) {
  const int64_t days = FloorDiv(ms, 86400000);
  const int64_t rest = ms - days * 86400000;
  const CivilDate c = CivilFromDays(days);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lld+0000",
                static_cast<long long>(c.year), c.month, c.day,
                static_cast<long long>(rest / 3600000), static_cast<long long>(rest / 60000 % 60),
                static_cast<long long>(rest / 1000 % 60), static_cast<long long>(rest % 1000));
  return buffer;
}

std::string FormatJiraDate(int64_t ms) {
  const CivilDate c = CivilFromDays(FloorDiv(ms, 86400000));
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month,
                c.day);
  return buffer;
}

std::optional<int64_t> ParseJiraTime(std::string_view s) {
  int64_t year, month, day;
  if (!Digits(s, 0, 4, &year) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, &month) ||
      s[7] != '-' || !Digits(s, 8, 2, &day) || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  int64_t ms =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400000;
  if (s.size() == 10) return ms;
  int64_t hour, minute, second = 0, millis = 0;
  if ((s[10] != 'T' && s[10] != ' ') || !Digits(s, 11, 2, &hour) || s.size() < 16 || s[13] != ':' ||
      !Digits(s, 14, 2, &minute) || hour > 23 || minute > 59) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, &second) || second > 60) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      size_t end = pos + 1;
      int64_t fraction = 0, digits = 0;
      while (end < s.size() && s[end] >= '0' && s[end] <= '9') {
        if (digits < 3) {
          fraction = fraction * 10 + (s[end] - '0');
          ++digits;
        }
        ++end;
      }
      if (end == pos + 1) return std::nullopt;
      while (digits < 3) {
        fraction *= 10;
        ++digits;
      }
      millis = fraction;
      pos = end;
    }
  }
  ms += ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  if (pos == s.size()) return ms;  // no offset: UTC
  if (s[pos] == 'Z' && pos + 1 == s.size()) return ms;
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  const int64_t sign = s[pos] == '+' ? 1 : -1;
  int64_t oh, om;
  if (!Digits(s, pos + 1, 2, &oh)) return std::nullopt;
  size_t mpos = pos + 3;
  if (mpos < s.size() && s[mpos] == ':') ++mpos;
  if (!Digits(s, mpos, 2, &om) || mpos + 2 != s.size()) return std::nullopt;
  return ms - sign * (oh * 60 + om) * 60000;
}

}  // namespace jql::internal
