#include "text_analyzer.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace jql::internal {
namespace {

using text_detail::IsWordByte;

bool IsHostByte(unsigned char c) { return IsWordByte(c) || c == '-'; }

}  // namespace

namespace text_detail {

size_t EmailLength(std::string_view text, size_t begin, size_t at) {
  size_t i = at + 1, dots = 0, label = 0;
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

size_t UrlEnd(std::string_view text, size_t begin) {
  const std::string_view rest = text.substr(begin);
  if (!rest.starts_with("http://") && !rest.starts_with("https://") && !rest.starts_with("ftp://"))
    return 0;
  size_t end = begin;
  while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
         text[end] != '"' && text[end] != '<' && text[end] != '>')
    ++end;
  while (end > begin && std::string_view(".,;:!?)]'").find(text[end - 1]) != std::string_view::npos)
    --end;
  return end;
}

}  // namespace text_detail

TextAnalyzer::TextAnalyzer() : stemmer_(sb_stemmer_new("english", nullptr)) {}

TextAnalyzer::~TextAnalyzer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

TextAnalyzer& TextAnalyzer::ForThisThread() {
  thread_local TextAnalyzer analyzer;
  return analyzer;
}

std::string TextAnalyzer::Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
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
  Tokenize(text, [&](std::string_view raw) {
    std::string term = Term(raw);
    if (!term.empty()) out.push_back({std::move(term), position});
    ++position;
  });
  return position;
}

}  // namespace jql::internal
