// Diagnostics: a user mistake in a query, in Jira's words, with where it is.
//
// Every stage (parse, bind) reports user mistakes as data, never by throwing. A
// Diagnostic is a plain value; copy it freely. Thread-safe as any value type.
#ifndef JQL_DIAGNOSTIC_H_
#define JQL_DIAGNOSTIC_H_

#include <cstdint>
#include <string>

namespace jql {

// A span of the query text. Offsets are bytes into the UTF-8 text, [begin, end).
// line and column are 1-based and count as Jira counts: a line ends at '\n' and
// a column is a UTF-16 code unit, so they match the "(line L, character C)" Jira
// prints for the same text.
struct SourceRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t line = 1;
  uint32_t column = 1;

  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

struct Diagnostic {
  SourceRange range;
  // The complete message as Jira shows it, e.g. "Error in the JQL Query: Expecting
  // operator but got 'x'. ... (line 1, character 10)".
  std::string message;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

}  // namespace jql

#endif  // JQL_DIAGNOSTIC_H_
