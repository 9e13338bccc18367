// The query inside a `~` value, as Jira (Lucene's classic query syntax) reads it:
// words (several mean all of them), "quoted phrases", * and ? wildcards (not as the
// first character), AND / && / +, OR / ||, NOT / ! / -, and parentheses. Fuzzy
// (word~, word~0.8), proximity ("a b"~5) and boosts (^2) are read and ignored, as in
// Jira Cloud. Words and phrases go through the same analysis as the issue text.
//
// Meaning, shared by the index and the plain evaluator:
// - precedence NOT > AND > OR; words side by side are ANDed;
// - an AND group matches when all its positive parts match and no negated part does;
//   a group of negated parts alone matches nothing (as in Lucene);
// - a negated part of an OR matches nothing by itself and is dropped;
// - a word that analysis removes (a stop word, punctuation) is dropped from its group;
//   a query left with nothing matches nothing;
// - a word that analysis splits ("full-screen", "jira.example") is a phrase;
// - wildcard words are lower-cased but not stemmed, and match whole indexed terms.
#ifndef JQL_SRC_ENGINE_TEXT_QUERY_H_
#define JQL_SRC_ENGINE_TEXT_QUERY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text_analyzer.h"

namespace jql::internal {

struct TextQuery {
  enum class Kind : uint8_t { kTerm, kWildcard, kPhrase, kAnd, kOr, kNothing };
  Kind kind = Kind::kNothing;
  bool negated = false;             // as a part of an AND group: must not match
  std::string term;                 // kTerm: the indexed term; kWildcard: the pattern
  std::vector<TextToken> phrase;    // kPhrase: terms with positions from 0
  std::vector<TextQuery> children;  // kAnd, kOr
};

// Whether a pattern with * (any run) and ? (one byte) matches a term.
bool WildcardMatches(std::string_view pattern, std::string_view term);

struct TextQueryError {
  std::string message;
};

// Parses `text` for `field` (named in messages); on failure, the error in Jira's words.
std::optional<TextQuery> ParseTextQuery(std::string_view text, std::string_view field,
                                        TextQueryError* error);

// Whether the analyzed tokens of one issue's field match (the plain definition).
bool TextMatches(const TextQuery& query, const std::vector<TextToken>& tokens);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_TEXT_QUERY_H_
