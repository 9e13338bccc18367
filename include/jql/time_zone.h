// Time zones for JQL dates: UTC, a fixed offset ("+02:00"), or an IANA zone
// ("Europe/Berlin") read from the system's tz database (TZDIR, else
// /usr/share/zoneinfo), with its daylight-saving transitions.
//
// Immutable after Load; safe to share between threads.
#ifndef JQL_TIME_ZONE_H_
#define JQL_TIME_ZONE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jql/status.h"

namespace jql {

class TimeZone {
 public:
  TimeZone() = default;  // UTC
  static TimeZone Fixed(int32_t offset_minutes);
  static StatusOr<TimeZone> Load(std::string_view name);

  const std::string& name() const { return name_; }
  // Milliseconds to add to a UTC instant to get local wall-clock time.
  int64_t OffsetAt(int64_t utc_ms) const;
  // The UTC instant of a local wall-clock time (in a gap or overlap, the earlier reading).
  int64_t LocalToUtc(int64_t local_ms) const;

 private:
  std::string name_ = "UTC";
  int64_t fixed_offset_ms_ = 0;
  std::vector<int64_t> transitions_ms_;  // UTC instants where the offset changes
  std::vector<int64_t> offsets_ms_;      // the offset from each transition on
};

}  // namespace jql

#endif  // JQL_TIME_ZONE_H_
