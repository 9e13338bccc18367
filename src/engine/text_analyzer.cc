#include "text_analyzer.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace jql::internal {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// Bytes of UTF-8 sequences are letters: non-ASCII words stay whole.
bool IsWordByte(unsigned char c) { return IsAsciiAlnum(c) || c >= 0x80; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsEmailLocalByte(unsigned char c) {
  return IsWordByte(c) || c == '.' || c == '_' || c == '-' || c == '+';
}
bool IsHostByte(unsigned char c) { return IsWordByte(c) || c == '-'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The e-mail address starting at `begin` (its local part ends at `at`), or 0.
size_t EmailLength(std::string_view text, size_t begin, size_t at) {
  size_t i = at + 1, dots = 0;
  size_t label = 0;
  size_t end = at;  // the end of the last complete host label
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (IsHostByte(c)) {
      ++label;
    } else if (c == '.' && label > 0 && i + 1 < text.size() &&
               IsHostByte(static_cast<unsigned char>(text[i + 1]))) {
      ++dots;
      label = 0;
    } else {
      break;
    }
    ++i;
    if (label > 0) end = i;
  }
  return dots > 0 && end > at + 1 ? end - begin : 0;
}

}  // namespace

TextAnalyzer::TextAnalyzer() : stemmer_(sb_stemmer_new("english", nullptr)) {}

TextAnalyzer::~TextAnalyzer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

TextAnalyzer& TextAnalyzer::ForThisThread() {
  thread_local TextAnalyzer analyzer;
  return analyzer;
}

bool TextAnalyzer::IsStopWord(std::string_view w) {
  // Lucene's EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.
  static constexpr std::array<std::string_view, 33> kStopWords = {
      "a",   "an",    "and",  "are",   "as",    "at",   "be",   "but", "by",  "for",  "if",
      "in",  "into",  "is",   "it",    "no",    "not",  "of",   "on",  "or",  "such", "that",
      "the", "their", "then", "there", "these", "they", "this", "to",  "was", "will", "with"};
  return std::find(kStopWords.begin(), kStopWords.end(), w) != kStopWords.end();
}

std::string TextAnalyzer::Stem(const std::string& lower) {
  auto it = stems_.find(lower);
  if (it != stems_.end()) return it->second;
  std::string stem = lower;
  if (stemmer_ != nullptr) {
    const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(lower.data()),
                                         static_cast<int>(lower.size()));
    if (s != nullptr) stem.assign(reinterpret_cast<const char*>(s), sb_stemmer_length(stemmer_));
  }
  if (stems_.size() > 200000) stems_.clear();  // bounded: a hostile text has endless words
  stems_.emplace(lower, stem);
  return stem;
}

std::string TextAnalyzer::Term(std::string_view word) {
  std::string lower = Lower(word);
  if (IsStopWord(lower)) return "";
  // Possessives: "jira's" is "jira".
  if (lower.size() > 2 && lower.ends_with("'s")) lower.resize(lower.size() - 2);
  const bool has_letter = std::any_of(lower.begin(), lower.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
  });
  const bool plain = std::all_of(lower.begin(), lower.end(), [](char c) {
    return IsWordByte(static_cast<unsigned char>(c)) || c == '\'';
  });
  return has_letter && plain ? Stem(lower) : lower;
}

uint32_t TextAnalyzer::Analyze(std::string_view text, std::vector<TextToken>& out,
                               uint32_t position) {
  size_t i = 0;
  const size_t n = text.size();
  auto emit = [&](std::string_view raw) {
    std::string term = Term(raw);
    if (!term.empty()) out.push_back({std::move(term), position});
    ++position;
  };
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!IsWordByte(c)) {
      ++i;
      continue;
    }
    // URLs: scheme://... up to white space, without trailing punctuation.
    if (text.substr(i, 7) == "http://" || text.substr(i, 8) == "https://" ||
        text.substr(i, 6) == "ftp://") {
      size_t end = i;
      while (end < n && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '"' &&
             text[end] != '<' && text[end] != '>')
        ++end;
      while (end > i && std::string_view(".,;:!?)]'").find(text[end - 1]) != std::string_view::npos)
        --end;
      emit(Lower(text.substr(i, end - i)));
      i = end;
      continue;
    }
    // A run of word bytes and inner dots, hyphens, underscores, plus signs and
    // apostrophes: an e-mail address if an '@' and a host follow, else split.
    size_t end = i;
    while (end < n && IsEmailLocalByte(static_cast<unsigned char>(text[end]))) ++end;
    if (end < n && text[end] == '@') {
      if (const size_t length = EmailLength(text, i, end); length != 0) {
        emit(Lower(text.substr(i, length)));
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
      } else if ((b == '\'' || b == '.') && end + 1 < n && end > i &&
                 IsWordByte(static_cast<unsigned char>(text[end + 1])) &&
                 (b == '\'' ? !number
                            : number && IsDigit(static_cast<unsigned char>(text[end + 1])))) {
        ++end;
      } else {
        break;
      }
    }
    emit(text.substr(i, end - i));
    i = end;
  }
  return position;
}

}  // namespace jql::internal
