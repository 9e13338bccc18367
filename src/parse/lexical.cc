#include "lexical.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

#include "source_text.h"

namespace jql::internal {
namespace {

// Sorted, lower case. Jira Server's JqlStringSupportImpl.RESERVED_WORDS less the
// words that are keywords ("all" included, as Jira's own parser tests have it), plus
// the stop words Jira Cloud reserves.
constexpr std::array<std::string_view, 177> kReservedWords = {
    "a",         "abort",     "access",     "add",          "alias",      "all",      "alter",
    "an",        "any",       "are",        "as",           "at",         "audit",    "avg",
    "be",        "begin",     "between",    "boolean",      "break",      "but",      "byte",
    "catch",     "char",      "character",  "check",        "checkpoint", "collate",  "collation",
    "column",    "commit",    "connect",    "continue",     "count",      "create",   "current",
    "date",      "decimal",   "declare",    "decrement",    "default",    "defaults", "define",
    "delete",    "delimiter", "difference", "distinct",     "divide",     "do",       "double",
    "drop",      "else",      "encoding",   "end",          "equals",     "escape",   "exclusive",
    "exec",      "execute",   "exists",     "explain",      "false",      "fetch",    "field",
    "file",      "first",     "float",      "for",          "function",   "go",       "goto",
    "grant",     "greater",   "group",      "having",       "identified", "if",       "immediate",
    "increment", "index",     "initial",    "inner",        "inout",      "input",    "insert",
    "int",       "integer",   "intersect",  "intersection", "into",       "isempty",  "isnull",
    "it",        "join",      "last",       "left",         "less",       "like",     "limit",
    "lock",      "long",      "max",        "min",          "minus",      "mode",     "modify",
    "modulo",    "more",      "multiply",   "next",         "no",         "noaudit",  "notin",
    "nowait",    "number",    "object",     "of",           "option",     "outer",    "output",
    "power",     "previous",  "prior",      "privileges",   "public",     "raise",    "raw",
    "remainder", "rename",    "resource",   "return",       "returns",    "revoke",   "right",
    "row",       "rowid",     "rownum",     "rows",         "select",     "session",  "set",
    "share",     "size",      "sqrt",       "start",        "strict",     "string",   "subtract",
    "such",      "sum",       "synonym",    "table",        "that",       "the",      "their",
    "then",      "there",     "these",      "they",         "this",       "trans",    "transaction",
    "trigger",   "true",      "uid",        "union",        "unique",     "update",   "user",
    "validate",  "values",    "view",       "when",         "whenever",   "where",    "while",
    "will",      "with",
};

constexpr std::array<std::string_view, 20> kKeywords = {
    "after", "and", "asc", "before", "by",   "cf", "changed", "desc",  "during", "empty",
    "from",  "in",  "is",  "not",    "null", "on", "or",      "order", "to",     "was",
};

bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::string Lower(std::string_view word) {
  std::string lower(word);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool IsControl(uint32_t cp) {
  return cp <= 0x08 || cp == 0x0B || cp == 0x0C || (cp >= 0x0E && cp <= 0x1F) ||
         (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) || cp == 0xFFFE ||
         cp == 0xFFFF;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::span<const std::string_view> ReservedWordList() { return kReservedWords; }

bool IsReservedWord(std::string_view word) {
  if (word.empty() || word.size() > 12) return false;
  const std::string lower = Lower(word);
  return std::binary_search(kReservedWords.begin(), kReservedWords.end(), std::string_view(lower));
}

bool IsKeyword(std::string_view word) {
  return std::any_of(kKeywords.begin(), kKeywords.end(),
                     [&](std::string_view k) { return EqualsLower(word, k); });
}

bool IsUnquotedChar(uint32_t cp) {
  switch (cp) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '\\':
    case '"':
    case '\'':
    case '=':
    case '!':
    case '<':
    case '>':
    case '(':
    case ')':
    case '~':
    case ',':
    case '[':
    case ']':
    case '|':
    case '&':
    case '{':
    case '}':
    case '*':
    case '/':
    case '%':
    case '+':
    case '^':
    case '$':
    case '#':
    case '@':
    case '?':
    case ';':
      return false;
    default:
      return !IsControl(cp) && cp != 0x09;
  }
}

bool IsQuotedChar(uint32_t cp, char quote) {
  if (cp == static_cast<uint32_t>(quote) || cp == '\\' || cp == 0x09) return false;
  return !IsControl(cp);
}

std::string DecodeEscapes(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  uint32_t pending_high = 0;  // a high surrogate waiting for its low half
  auto flush_high = [&] {
    if (pending_high != 0) {
      AppendUtf8(0xFFFD, out);
      pending_high = 0;
    }
  };
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) {
      flush_high();
      out += raw[i];
      continue;
    }
    const char e = raw[++i];
    if (e == 'u' && i + 4 < raw.size()) {
      uint32_t unit = 0;
      for (int k = 1; k <= 4; ++k) unit = unit * 16 + static_cast<uint32_t>(HexValue(raw[i + k]));
      i += 4;
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        flush_high();
        pending_high = unit;
      } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        if (pending_high != 0) {
          AppendUtf8(0x10000 + ((pending_high - 0xD800) << 10) + (unit - 0xDC00), out);
          pending_high = 0;
        } else {
          AppendUtf8(0xFFFD, out);
        }
      } else {
        flush_high();
        AppendUtf8(unit, out);
      }
      continue;
    }
    flush_high();
    switch (e) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      default:
        out += e;
        break;  // \" \' \\ and '\ '
    }
  }
  flush_high();
  return out;
}

bool ParseInt64(std::string_view digits, int64_t* value) {
  const char* begin = digits.data();
  const char* end = digits.data() + digits.size();
  const auto result = std::from_chars(begin, end, *value);
  return result.ec == std::errc() && result.ptr == end;
}

}  // namespace jql::internal
