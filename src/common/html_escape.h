// Text for HTML: the five characters HTML gives meaning to, as entities.
#ifndef JQL_SRC_COMMON_HTML_ESCAPE_H_
#define JQL_SRC_COMMON_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace jql::internal {

inline void AppendHtmlEscaped(std::string_view text, std::string& out) {
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace jql::internal

#endif  // JQL_SRC_COMMON_HTML_ESCAPE_H_
