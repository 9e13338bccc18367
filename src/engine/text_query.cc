#include "text_query.h"

#include <algorithm>

namespace jql::internal {
namespace {

struct Token {
  enum class Type : uint8_t { kWord, kPhrase, kOpen, kClose, kAnd, kOr, kNot, kPlus, kEnd };
  Type type = Type::kEnd;
  std::string text;
  bool wildcard = false;  // an unescaped * or ? in a word
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

class Parser {
 public:
  Parser(std::string_view text, std::string_view field) : text_(text), field_(field) {}

  std::optional<TextQuery> Run(TextQueryError* error) {
    if (!Lex()) return Fail(error);
    auto query = ParseOr();
    if (failed_ || Peek() != Token::Type::kEnd) return Fail(error);
    if (!query) return TextQuery{};  // nothing left after analysis: matches nothing
    return query;
  }

 private:
  std::optional<TextQuery> Fail(TextQueryError* error) {
    if (error != nullptr) {
      error->message = leading_wildcard_
                           ? "The text query '" + std::string(text_) + "' for field '" +
                                 std::string(field_) +
                                 "' is not valid: the '*' and '?' are not allowed as first "
                                 "character in wildcard query."
                           : "Unable to parse the text '" + std::string(text_) + "' for field '" +
                                 std::string(field_) + "'.";
    }
    return std::nullopt;
  }

  // Skips "~", "~2", "~0.8", "^3" after a word or phrase: read and ignored.
  void SkipSuffixes(size_t& i) {
    while (i < text_.size() && (text_[i] == '~' || text_[i] == '^')) {
      const bool boost = text_[i] == '^';
      ++i;
      const size_t start = i;
      while (i < text_.size() && ((text_[i] >= '0' && text_[i] <= '9') || text_[i] == '.')) ++i;
      if (boost && i == start) failed_ = true;  // ^ needs a number
    }
  }

  bool Lex() {
    size_t i = 0;
    while (i < text_.size()) {
      const char c = text_[i];
      if (IsSpace(c)) {
        ++i;
      } else if (c == '(' || c == ')') {
        tokens_.push_back({c == '(' ? Token::Type::kOpen : Token::Type::kClose, "", false});
        ++i;
      } else if (text_.substr(i, 2) == "&&" || text_.substr(i, 2) == "||") {
        tokens_.push_back({c == '&' ? Token::Type::kAnd : Token::Type::kOr, "", false});
        i += 2;
      } else if (c == '+' || c == '-' || c == '!') {
        tokens_.push_back({c == '+' ? Token::Type::kPlus : Token::Type::kNot, "", false});
        ++i;
      } else if (c == '"') {
        std::string phrase;
        ++i;
        while (i < text_.size() && text_[i] != '"') {
          if (text_[i] == '\\' && i + 1 < text_.size()) ++i;
          phrase += text_[i++];
        }
        if (i == text_.size()) return false;  // unterminated
        ++i;
        SkipSuffixes(i);
        tokens_.push_back({Token::Type::kPhrase, std::move(phrase), false});
      } else if (c == '[' || c == ']' || c == '{' || c == '}' || c == '~' || c == '^') {
        return false;  // ranges are not text; a suffix needs something before it
      } else {
        Token word{Token::Type::kWord, "", false};
        bool escaped_any = false;
        while (i < text_.size()) {
          const char d = text_[i];
          if (IsSpace(d) || d == '(' || d == ')' || d == '"' || d == '~' || d == '^') break;
          if (d == '\\') {
            if (i + 1 == text_.size()) return false;  // a trailing backslash escapes nothing
            word.text += text_[i + 1];
            escaped_any = true;
            i += 2;
            continue;
          }
          if (d == '*' || d == '?') {
            if (word.text.empty()) {
              leading_wildcard_ = true;
              return false;
            }
            word.wildcard = true;
          }
          word.text += d;
          ++i;
        }
        SkipSuffixes(i);
        if (!escaped_any && !word.wildcard &&
            (word.text == "AND" || word.text == "OR" || word.text == "NOT")) {
          word.type = word.text == "AND"  ? Token::Type::kAnd
                      : word.text == "OR" ? Token::Type::kOr
                                          : Token::Type::kNot;
        }
        tokens_.push_back(std::move(word));
      }
      if (failed_) return false;
    }
    tokens_.push_back({Token::Type::kEnd, "", false});
    return true;
  }

  Token::Type Peek() const { return tokens_[next_].type; }
  const Token& Take() { return tokens_[next_++]; }
  bool EndsClause(Token::Type t) const {
    return t == Token::Type::kEnd || t == Token::Type::kClose || t == Token::Type::kOr ||
           t == Token::Type::kAnd;
  }

  std::optional<TextQuery> ParseOr() {
    std::vector<TextQuery> parts;
    auto add = [&](std::optional<TextQuery> q) {
      if (q && !q->negated) parts.push_back(std::move(*q));  // a negated OR part is dropped
    };
    add(ParseAnd());
    while (!failed_ && Peek() == Token::Type::kOr) {
      Take();
      if (EndsClause(Peek())) {
        failed_ = true;
        break;
      }
      add(ParseAnd());
    }
    if (failed_ || parts.empty()) return std::nullopt;
    if (parts.size() == 1) return std::move(parts.front());
    TextQuery q;
    q.kind = TextQuery::Kind::kOr;
    q.children = std::move(parts);
    return q;
  }

  std::optional<TextQuery> ParseAnd() {
    std::vector<TextQuery> parts;
    size_t clauses = 0;
    while (!failed_) {
      const Token::Type t = Peek();
      if (t == Token::Type::kEnd || t == Token::Type::kClose || t == Token::Type::kOr) break;
      if (t == Token::Type::kAnd) {
        if (clauses == 0) break;  // nothing before it: an error below
        Take();
        if (EndsClause(Peek())) {
          failed_ = true;
          break;
        }
        continue;
      }
      if (auto q = ParseUnary()) parts.push_back(std::move(*q));
      ++clauses;
    }
    if (clauses == 0) failed_ = true;  // "()", "OR x", "x AND" and the like
    if (failed_ || parts.empty()) return std::nullopt;
    if (parts.size() == 1 && !parts.front().negated) return std::move(parts.front());
    TextQuery q;
    q.kind = TextQuery::Kind::kAnd;
    q.children = std::move(parts);
    return q;
  }

  std::optional<TextQuery> ParseUnary() {
    const Token::Type t = Peek();
    if (t == Token::Type::kNot || t == Token::Type::kPlus) {
      Take();
      if (EndsClause(Peek())) {
        failed_ = true;
        return std::nullopt;
      }
      auto q = ParseUnary();
      if (q && t == Token::Type::kNot) q->negated = !q->negated;
      return q;
    }
    return ParsePrimary();
  }

  std::optional<TextQuery> ParsePrimary() {
    const Token& token = Take();
    switch (token.type) {
      case Token::Type::kOpen: {
        auto q = ParseOr();
        if (failed_ || Peek() != Token::Type::kClose) {
          failed_ = true;
          return std::nullopt;
        }
        Take();
        return q;
      }
      case Token::Type::kPhrase:
        return Analyzed(token.text);
      case Token::Type::kWord:
        if (token.wildcard) {
          TextQuery q;
          q.kind = TextQuery::Kind::kWildcard;
          q.term = TextAnalyzer::Lower(token.text);  // as terms are indexed
          return q;
        }
        return Analyzed(token.text);
      default:
        failed_ = true;
        return std::nullopt;
    }
  }

  // A word or phrase through the analyzer: nothing, a term, or a phrase.
  std::optional<TextQuery> Analyzed(const std::string& text) {
    std::vector<TextToken> tokens;
    TextAnalyzer::ForThisThread().Analyze(text, tokens);
    if (tokens.empty()) return std::nullopt;
    TextQuery q;
    if (tokens.size() == 1) {
      q.kind = TextQuery::Kind::kTerm;
      q.term = std::move(tokens.front().term);
      return q;
    }
    const uint32_t first = tokens.front().position;
    for (TextToken& t : tokens) t.position -= first;
    q.kind = TextQuery::Kind::kPhrase;
    q.phrase = std::move(tokens);
    return q;
  }

  std::string_view text_, field_;
  std::vector<Token> tokens_;
  size_t next_ = 0;
  bool failed_ = false;
  bool leading_wildcard_ = false;
};

bool HasTerm(const std::vector<TextToken>& tokens, std::string_view term) {
  return std::any_of(tokens.begin(), tokens.end(),
                     [&](const TextToken& t) { return t.term == term; });
}

// The term at a position, if any (tokens are in position order).
const std::string* TermAt(const std::vector<TextToken>& tokens, uint32_t position) {
  const auto it = std::lower_bound(tokens.begin(), tokens.end(), position,
                                   [](const TextToken& t, uint32_t p) { return t.position < p; });
  return it != tokens.end() && it->position == position ? &it->term : nullptr;
}

}  // namespace

bool WildcardMatches(std::string_view pattern, std::string_view term) {
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < term.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == term[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<TextQuery> ParseTextQuery(std::string_view text, std::string_view field,
                                        TextQueryError* error) {
  return Parser(text, field).Run(error);
}

bool TextMatches(const TextQuery& q, const std::vector<TextToken>& tokens) {
  switch (q.kind) {
    case TextQuery::Kind::kNothing:
      return false;
    case TextQuery::Kind::kTerm:
      return HasTerm(tokens, q.term);
    case TextQuery::Kind::kWildcard:
      return std::any_of(tokens.begin(), tokens.end(),
                         [&](const TextToken& t) { return WildcardMatches(q.term, t.term); });
    case TextQuery::Kind::kPhrase:
      for (const TextToken& start : tokens) {
        if (start.term != q.phrase.front().term) continue;
        bool all = true;
        for (size_t i = 1; i < q.phrase.size() && all; ++i) {
          const std::string* at = TermAt(tokens, start.position + q.phrase[i].position);
          all = at != nullptr && *at == q.phrase[i].term;
        }
        if (all) return true;
      }
      return false;
    case TextQuery::Kind::kAnd: {
      bool any_positive = false;
      for (const TextQuery& c : q.children) {
        const bool hit = TextMatches(c, tokens);
        if (c.negated ? hit : !hit) return false;
        any_positive = any_positive || !c.negated;
      }
      return any_positive;
    }
    case TextQuery::Kind::kOr:
      return std::any_of(q.children.begin(), q.children.end(),
                         [&](const TextQuery& c) { return TextMatches(c, tokens); });
  }
  return false;
}

}  // namespace jql::internal
