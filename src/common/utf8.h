// UTF-8 helpers shared by the parser and the loaders.
#ifndef JQL_SRC_COMMON_UTF8_H_
#define JQL_SRC_COMMON_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jql::internal {

// The byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or nullopt when the text is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// Appends the UTF-8 encoding of a code point.
void AppendUtf8(uint32_t code_point, std::string& out);

// Decodes the code point starting at text[offset]; the text must be valid UTF-8.
// Sets *length to its byte length.
uint32_t DecodeUtf8At(std::string_view text, size_t offset, size_t* length);

}  // namespace jql::internal

#endif  // JQL_SRC_COMMON_UTF8_H_
