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

  // The raw tokens of `text` in order, before normalization: fn(raw_word). Term(raw)
  // of each, with stop words counted, gives what Analyze gives.
  template <typename Fn>
  static void Tokenize(std::string_view text, Fn&& fn);

  static bool IsStopWord(std::string_view lower_word);
  // ASCII lower case, as terms are indexed.
  static std::string Lower(std::string_view text);

  // An analyzer for the calling thread (the stemmer is not thread-safe).
  static TextAnalyzer& ForThisThread();

 private:
  std::string Stem(const std::string& lower);

  sb_stemmer* stemmer_ = nullptr;
  std::unordered_map<std::string, std::string> stems_;  // a vocabulary is small: cache
};

namespace text_detail {
inline bool IsWordByte(unsigned char c) {
  // Bytes of UTF-8 sequences are letters: non-ASCII words stay whole.
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}
inline bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool IsEmailLocalByte(unsigned char c) {
  return IsWordByte(c) || c == '.' || c == '_' || c == '-' || c == '+';
}
// The length of the e-mail address starting at `begin` whose local part ends at the
// '@' at `at`, or 0 when no host with a dot follows.
size_t EmailLength(std::string_view text, size_t begin, size_t at);
// The end of the URL starting at `begin` (up to white space, without trailing
// punctuation), or 0 when no URL starts there.
size_t UrlEnd(std::string_view text, size_t begin);
}  // namespace text_detail

template <typename Fn>
void TextAnalyzer::Tokenize(std::string_view text, Fn&& fn) {
  using namespace text_detail;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    if (!IsWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    if (const size_t end = UrlEnd(text, i); end != 0) {
      fn(text.substr(i, end - i));
      i = end;
      continue;
    }
    // A run of word bytes and inner dots, hyphens, underscores and plus signs is an
    // e-mail address if an '@' and a host follow.
    size_t end = i;
    while (end < n && IsEmailLocalByte(static_cast<unsigned char>(text[end]))) ++end;
    if (end < n && text[end] == '@') {
      if (const size_t length = EmailLength(text, i, end); length != 0) {
        fn(text.substr(i, length));
        i += length;
        continue;
      }
    }
    // A word: letters and digits, with apostrophes between letters ("don't", "jira's");
    // a number keeps inner dots between digits ("2.10", "192.168.0.1").
    end = i;
    bool number = true;
    while (end < n) {
      const auto b = static_cast<unsigned char>(text[end]);
      if (IsWordByte(b)) {
        number = number && IsDigit(b);
        ++end;
        continue;
      }
      const bool inner = end + 1 < n && IsWordByte(static_cast<unsigned char>(text[end + 1]));
      if (inner && b == '\'' && !number) {
        ++end;
      } else if (inner && b == '.' && number &&
                 IsDigit(static_cast<unsigned char>(text[end + 1]))) {
        ++end;
      } else {
        break;
      }
    }
    fn(text.substr(i, end - i));
    i = end;
  }
}

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_TEXT_ANALYZER_H_
