#include "source_text.h"

#include <algorithm>

namespace jql::internal {

SourceText::SourceText(std::string_view text) : text_(text) {
  const size_t capacity = text.size() + 1;
  byte_of_code_point_.reserve(capacity);
  line_of_code_point_.reserve(capacity);
  column_of_code_point_.reserve(capacity);
  uint32_t line = 1;
  uint32_t column = 1;
  size_t i = 0;
  while (i < text.size()) {
    byte_of_code_point_.push_back(static_cast<uint32_t>(i));
    line_of_code_point_.push_back(line);
    column_of_code_point_.push_back(column);
    size_t length;
    const uint32_t cp = DecodeUtf8At(text, i, &length);
    if (cp == '\n') {
      ++line;
      column = 1;
    } else {
      column += cp >= 0x10000 ? 2 : 1;  // Java strings count UTF-16 units
    }
    i += length;
  }
  byte_of_code_point_.push_back(static_cast<uint32_t>(text.size()));
  line_of_code_point_.push_back(line);
  column_of_code_point_.push_back(column);
}

SourceRange SourceText::Range(uint32_t begin, uint32_t end) const {
  // The code point that starts at or contains byte `begin`.
  const auto it = std::upper_bound(byte_of_code_point_.begin(), byte_of_code_point_.end(), begin);
  const size_t index = static_cast<size_t>(it - byte_of_code_point_.begin()) - 1;
  return SourceRange{begin, end, line_of_code_point_[index], column_of_code_point_[index]};
}

SourceRange SourceText::RangeOfCodePoints(size_t first, size_t last) const {
  const size_t n = code_points();
  const uint32_t begin = ByteOfCodePoint(first < n ? first : n);
  const uint32_t end = ByteOfCodePoint(last + 1 < n ? last + 1 : n);
  return Range(begin, end < begin ? begin : end);
}

}  // namespace jql::internal
