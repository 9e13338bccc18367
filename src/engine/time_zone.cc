#include "jql/time_zone.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

namespace jql {
namespace {

int64_t BigEndian(const unsigned char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

bool ValidName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos)
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
           c == '+';
  });
}

}  // namespace

TimeZone TimeZone::Fixed(int32_t offset_minutes) {
  TimeZone tz;
  tz.fixed_offset_ms_ = int64_t{offset_minutes} * 60000;
  char name[16];
  std::snprintf(name, sizeof name, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+',
                std::abs(offset_minutes) / 60, std::abs(offset_minutes) % 60);
  tz.name_ = name;
  return tz;
}

StatusOr<TimeZone> TimeZone::Load(std::string_view name) {
  if (name == "UTC" || name == "Z" || name == "GMT" || name == "Etc/UTC") return TimeZone();
  if ((name.front() == '+' || name.front() == '-') && name.size() == 6 && name[3] == ':') {
    const int h = std::atoi(std::string(name.substr(1, 2)).c_str());
    const int m = std::atoi(std::string(name.substr(4, 2)).c_str());
    if (h > 14 || m > 59)
      return InvalidArgument("the offset '" + std::string(name) + "' is out of range");
    return Fixed((name.front() == '-' ? -1 : 1) * (h * 60 + m));
  }
  if (!ValidName(name))
    return InvalidArgument("'" + std::string(name) + "' is not a time zone name");
  const char* dir = std::getenv("TZDIR");
  const std::string path =
      std::string(dir != nullptr ? dir : "/usr/share/zoneinfo") + "/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("unknown time zone '" + std::string(name) + "' (no " + path + ")");
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto bad = [&] { return DataLoss(path + " is not a valid tz database file"); };
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  if (data.size() < 44 || std::memcmp(p, "TZif", 4) != 0) return bad();
  // The v1 header and data; v2+ files repeat both with 64-bit times, which we read.
  auto counts = [&](size_t at, int64_t c[6]) {
    for (int i = 0; i < 6; ++i) c[i] = BigEndian(p + at + 20 + i * 4, 4);
  };
  int64_t c[6];
  counts(0, c);  // isutcnt isstdcnt leapcnt timecnt typecnt charcnt
  size_t at = 44;
  int time_bytes = 4;
  if (p[4] >= '2') {
    at += static_cast<size_t>(c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
    if (data.size() < at + 44 || std::memcmp(p + at, "TZif", 4) != 0) return bad();
    counts(at, c);
    at += 44;
    time_bytes = 8;
  }
  const int64_t timecnt = c[3], typecnt = c[4];
  const size_t need = static_cast<size_t>(timecnt * time_bytes + timecnt + typecnt * 6);
  if (timecnt < 0 || typecnt <= 0 || data.size() < at + need) return bad();
  std::vector<int64_t> type_offsets(static_cast<size_t>(typecnt));
  const size_t types_at = at + static_cast<size_t>(timecnt * time_bytes + timecnt);
  for (int64_t t = 0; t < typecnt; ++t)
    type_offsets[static_cast<size_t>(t)] = BigEndian(p + types_at + t * 6, 4) * 1000;
  TimeZone tz;
  tz.name_ = std::string(name);
  tz.fixed_offset_ms_ = type_offsets[0];  // before the first transition
  for (int64_t i = 0; i < timecnt; ++i) {
    const uint8_t type = p[at + static_cast<size_t>(timecnt * time_bytes + i)];
    if (type >= typecnt) return bad();
    tz.transitions_ms_.push_back(BigEndian(p + at + i * time_bytes, time_bytes) * 1000);
    tz.offsets_ms_.push_back(type_offsets[type]);
  }
  return tz;
}

int64_t TimeZone::OffsetAt(int64_t utc_ms) const {
  // After the last transition the last offset holds (the database lists them to 2037).
  const auto it = std::upper_bound(transitions_ms_.begin(), transitions_ms_.end(), utc_ms);
  if (it == transitions_ms_.begin()) return fixed_offset_ms_;
  return offsets_ms_[static_cast<size_t>(it - transitions_ms_.begin()) - 1];
}

int64_t TimeZone::LocalToUtc(int64_t local_ms) const {
  const int64_t guess = local_ms - OffsetAt(local_ms);
  return local_ms - OffsetAt(guess);
}

}  // namespace jql
