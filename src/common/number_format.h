// Numbers as people read them in messages: 1234567 -> "1,234,567".
#ifndef JQL_SRC_COMMON_NUMBER_FORMAT_H_
#define JQL_SRC_COMMON_NUMBER_FORMAT_H_

#include <cstddef>
#include <string>

namespace jql::internal {

inline std::string WithCommas(size_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace jql::internal

#endif  // JQL_SRC_COMMON_NUMBER_FORMAT_H_
