// Jira's text analysis for `~`, applied alike to issue text (indexing) and to the
// words of a text query: tokens are words, numbers (with inner dots: 2.10), e-mail
// addresses and URLs; lower-cased; Lucene's English stop words dropped (their
// positions kept, so phrases still need the gap); possessive 's removed; words
// stemmed with Snowball's English stemmer (libstemmer). E-mails, URLs and numbers
// are kept whole and not stemmed.
#ifndef JQL_SRC_ENGINE_TEXT_ANALYZER_H_
#define JQL_SRC_ENGINE_TEXT_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sb_stemmer;

namespace jql::internal {

struct TextToken {
  std::string term;
  uint32_t position = 0;  // counts stop words too
};

class TextAnalyzer {
 public:
  TextAnalyzer();
  ~TextAnalyzer();
  TextAnalyzer(const TextAnalyzer&) = delete;
  TextAnalyzer& operator=(const TextAnalyzer&) = delete;

  // The tokens of `text`, positions starting at `first_position`; returns the
  // position after the last token (stop words included).
  uint32_t Analyze(std::string_view text, std::vector<TextToken>& out, uint32_t first_position = 0);

  // One word as the index holds it (lower case, stemmed); empty for a stop word.
  std::string Term(std::string_view word);

  static bool IsStopWord(std::string_view lower_word);

  // An analyzer for the calling thread (the stemmer is not thread-safe).
  static TextAnalyzer& ForThisThread();

 private:
  std::string Stem(const std::string& lower);

  sb_stemmer* stemmer_ = nullptr;
  std::unordered_map<std::string, std::string> stems_;  // a vocabulary is small: cache
};

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_TEXT_ANALYZER_H_
