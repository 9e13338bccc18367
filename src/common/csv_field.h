// One CSV field (RFC 4180), appended to a line: quoted only when it must be.
#ifndef JQL_SRC_COMMON_CSV_FIELD_H_
#define JQL_SRC_COMMON_CSV_FIELD_H_

#include <string>
#include <string_view>

namespace jql::internal {

inline void AppendCsvField(std::string& line, std::string_view value) {
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) {
    line.append(value);
    return;
  }
  line += '"';
  for (char c : value) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

}  // namespace jql::internal

#endif  // JQL_SRC_COMMON_CSV_FIELD_H_
