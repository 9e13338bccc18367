// The query text as the parser sees it: UTF-8 validation, and positions translated
// between the ANTLR runtime (code point indexes) and Jira (lines and UTF-16 columns).
#ifndef JQL_SRC_PARSE_SOURCE_TEXT_H_
#define JQL_SRC_PARSE_SOURCE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"
#include "jql/diagnostic.h"

namespace jql::internal {

class SourceText {
 public:
  // REQUIRES: text is valid UTF-8 and outlives this object.
  explicit SourceText(std::string_view text);

  std::string_view text() const { return text_; }
  size_t code_points() const { return byte_of_code_point_.size() - 1; }
  uint32_t ByteOfCodePoint(size_t index) const { return byte_of_code_point_[index]; }

  // The range of bytes [begin, end) with Jira's line and column of `begin`.
  SourceRange Range(uint32_t begin, uint32_t end) const;
  // The range of code points [first, last] (inclusive, as ANTLR tokens report it).
  SourceRange RangeOfCodePoints(size_t first, size_t last) const;

 private:
  std::string_view text_;
  // Per code point (and one past the end at the back): its byte offset, and Jira's
  // line and column of it, so every range costs a lookup, not a scan.
  std::vector<uint32_t> byte_of_code_point_;
  std::vector<uint32_t> line_of_code_point_;
  std::vector<uint32_t> column_of_code_point_;
};

}  // namespace jql::internal

#endif  // JQL_SRC_PARSE_SOURCE_TEXT_H_
