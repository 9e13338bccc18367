#include "dates.h"

#include "common/civil_time.h"

#include <cctype>
#include <string>

namespace jql::internal {
namespace {

constexpr int64_t kMinute = 60000, kHour = 60 * kMinute, kDay = 24 * kHour, kWeek = 7 * kDay;

// Local wall-clock milliseconds of a UTC instant, and back.
int64_t ToLocal(int64_t utc, const QueryContext& c) { return utc + c.time_zone.OffsetAt(utc); }
int64_t ToUtc(int64_t local, const QueryContext& c) { return c.time_zone.LocalToUtc(local); }

bool ReadInt(std::string_view s, size_t& pos, size_t digits, int64_t* out) {
  if (pos + digits > s.size()) return false;
  int64_t v = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += digits;
  *out = v;
  return true;
}

int DaysInMonth(int64_t y, unsigned m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Adds months in local time, keeping the day where it exists (Jan 31 + 1M = Feb 28).
int64_t AddMonths(int64_t time, int64_t months, const QueryContext& c) {
  const int64_t local = ToLocal(time, c);
  const int64_t days = FloorDiv(local, kDay);
  const int64_t in_day = local - days * kDay;
  const CivilDate civil = CivilFromDays(days);
  int64_t month_index = civil.year * 12 + (civil.month - 1) + months;
  const int64_t y = FloorDiv(month_index, 12);
  const unsigned m = static_cast<unsigned>(month_index - y * 12 + 1);
  const unsigned d = std::min<unsigned>(civil.day, static_cast<unsigned>(DaysInMonth(y, m)));
  return ToUtc(DaysFromCivil(y, m, d) * kDay + in_day, c);
}

}  // namespace

std::optional<int64_t> ApplyPeriod(int64_t time, std::string_view text, char default_unit,
                                   const QueryContext& c, bool calendar) {
  size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i == text.size()) break;
    int64_t sign = 1;
    if (text[i] == '+' || text[i] == '-') {
      sign = text[i] == '-' ? -1 : 1;
      ++i;
    }
    size_t start = i;
    int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      if (n > 100000000) return std::nullopt;
      n = n * 10 + (text[i++] - '0');
    }
    if (i == start) return std::nullopt;
    char unit = default_unit;
    if (i < text.size() && text[i] != ' ' && text[i] != '+' && text[i] != '-') unit = text[i++];
    switch (unit) {
      case 'y':
        time = !calendar ? time + sign * n * 365 * kDay : AddMonths(time, sign * n * 12, c);
        break;
      case 'M':
        time = !calendar ? time + sign * n * 30 * kDay : AddMonths(time, sign * n, c);
        break;
      case 'w':
        time += sign * n * kWeek;
        break;
      case 'd':
        time += sign * n * kDay;
        break;
      case 'h':
        time += sign * n * kHour;
        break;
      case 'm':
        time += sign * n * kMinute;
        break;
      default:
        return std::nullopt;
    }
    any = true;
  }
  if (!any) return std::nullopt;
  return time;
}

std::optional<DateValue> ParseDateText(std::string_view s, const QueryContext& c) {
  // Absolute: yyyy[-/]MM[-/]dd[ HH:mm]
  size_t pos = 0;
  int64_t y, m, d;
  if (ReadInt(s, pos, 4, &y) && pos < s.size() && (s[pos] == '-' || s[pos] == '/')) {
    const char sep = s[pos++];
    if (!ReadInt(s, pos, 2, &m) || pos >= s.size() || s[pos++] != sep || !ReadInt(s, pos, 2, &d))
      return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, static_cast<unsigned>(m)))
      return std::nullopt;
    const int64_t local_day =
        DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * kDay;
    const int64_t day = ToUtc(local_day, c);
    // A local day is 23 or 25 hours where daylight saving starts or ends.
    if (pos == s.size()) return DateValue{day, ToUtc(local_day + kDay, c) - day};
    int64_t hh, mm;
    if (s[pos++] != ' ' || !ReadInt(s, pos, 2, &hh) || pos >= s.size() || s[pos++] != ':' ||
        !ReadInt(s, pos, 2, &mm) || pos != s.size() || hh > 23 || mm > 59) {
      return std::nullopt;
    }
    return DateValue{ToUtc(local_day + hh * kHour + mm * kMinute, c), kMinute};
  }
  // A period relative to now; no unit means minutes.
  // In a relative date on a field ("-2y", "-1M"), years and months are fixed lengths
  // (365 and 30 days), as the peers' benchmark counts them.
  if (auto t = ApplyPeriod(c.now_ms, s, 'm', c, false)) return DateValue{*t, 1};
  return std::nullopt;
}

std::optional<int64_t> EvaluateDateFunction(DateFunction f, std::string_view argument,
                                            bool has_argument, const QueryContext& c) {
  if (f == DateFunction::kNow) return c.now_ms;
  const int64_t local = ToLocal(c.now_ms, c);
  const int64_t days = FloorDiv(local, kDay);
  const CivilDate civil = CivilFromDays(days);
  int64_t start = 0;
  char unit = 'd';
  switch (f) {
    case DateFunction::kStartOfDay:
    case DateFunction::kEndOfDay:
      start = days * kDay;
      unit = 'd';
      break;
    case DateFunction::kStartOfWeek:
    case DateFunction::kEndOfWeek: {
      const int64_t weekday = FloorDiv(days + 4, 1) - FloorDiv(days + 4, 7) * 7;  // 0 = Sunday
      const int64_t back = c.week_starts_monday ? (weekday + 6) % 7 : weekday;
      start = (days - back) * kDay;
      unit = 'w';
      break;
    }
    case DateFunction::kStartOfMonth:
    case DateFunction::kEndOfMonth:
      start = DaysFromCivil(civil.year, civil.month, 1) * kDay;
      unit = 'M';
      break;
    default:
      start = DaysFromCivil(civil.year, 1, 1) * kDay;
      unit = 'y';
      break;
  }
  start = ToUtc(start, c);
  const bool end = f == DateFunction::kEndOfDay || f == DateFunction::kEndOfWeek ||
                   f == DateFunction::kEndOfMonth || f == DateFunction::kEndOfYear;
  if (has_argument) {
    // The functions' increments move by calendar months and years.
    auto shifted = ApplyPeriod(start, argument, unit, c, true);
    if (!shifted) return std::nullopt;
    start = *shifted;
  }
  if (!end) return start;
  // The last millisecond of the period that starts at `start`.
  switch (unit) {
    case 'd':
      return start + kDay - 1;
    case 'w':
      return start + kWeek - 1;
    case 'M':
      return AddMonths(start, 1, c) - 1;
    default:
      return AddMonths(start, 12, c) - 1;
  }
}

}  // namespace jql::internal
