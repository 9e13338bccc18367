// ToJql must give text that parses back to the same tree, also for values that need
// quoting or escapes (keywords, reserved words, numbers, control characters).
#include <string>

#include <gtest/gtest.h>

#include "jql/ast.h"
#include "jql/parser.h"

namespace jql {
namespace {

TEST(QuoteIfNeededTest, BareOnlyWhenTheLexerWouldReadItBack) {
  EXPECT_EQ(QuoteIfNeeded("ABC-1"), "ABC-1");
  EXPECT_EQ(QuoteIfNeeded("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(QuoteIfNeeded("In Progress"), "\"In Progress\"");
  EXPECT_EQ(QuoteIfNeeded("and"), "\"and\"");
  EXPECT_EQ(QuoteIfNeeded("NULL"), "\"NULL\"");
  EXPECT_EQ(QuoteIfNeeded("it"), "\"it\"");
  EXPECT_EQ(QuoteIfNeeded("select"), "\"select\"");
  EXPECT_EQ(QuoteIfNeeded("123"), "\"123\"");
  EXPECT_EQ(QuoteIfNeeded("-5"), "\"-5\"");
  EXPECT_EQ(QuoteIfNeeded(""), "\"\"");
  EXPECT_EQ(QuoteIfNeeded("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(QuoteIfNeeded("tab\there"), "\"tab\\there\"");
  EXPECT_EQ(QuoteIfNeeded(std::string("nul\0", 4)), "\"nul\\u0000\"");
  EXPECT_EQ(QuoteIfNeeded("win*"), "\"win*\"");
}

TEST(PrinterTest, StringsThatNeedQuotesRoundTrip) {
  const char* values[] = {"and",   "OR",           "empty",   "the",     "12",
                          "-3",    "a b",          "x=y",     "(paren)", "comma,",
                          "tab\t", "line\nend",    "quote\"", "back\\",  "semi;",
                          "\x7f",  "\xEF\xBF\xBE", "",        "cf",      "order"};
  for (const char* v : values) {
    Query q;
    TerminalClause t;
    t.field.name = v[0] != '\0' ? v : "f";
    t.op = Operator::kEquals;
    Operand o;
    o.kind = Operand::Kind::kString;
    o.text = v;
    t.operand = o;
    q.where = std::make_shared<const Clause>(Clause{t, 0});
    const std::string text = ToJql(q);
    const ParseResult r = Parse(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.errors.front().message;
    EXPECT_EQ(*r.query, q) << text;
  }
}

TEST(PrinterTest, NestedBooleansGetTheFewestParentheses) {
  const ParseResult r = Parse("(a1 = 1 OR (b1 = 2 AND (c1 = 3 OR NOT (d1 = 4 AND e1 = 5))))");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(ToJql(*r.query), "a1 = 1 OR b1 = 2 AND (c1 = 3 OR NOT (d1 = 4 AND e1 = 5))");
}

TEST(PrinterTest, DebugStringShowsTheTree) {
  const ParseResult r = Parse("project = ABC AND status WAS Open BY (u1, u2) ORDER BY key DESC");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(DebugString(*r.query),
            "and\n"
            "  clause field=project op=EQUALS\n"
            "    string \"ABC\"\n"
            "  clause field=status op=WAS\n"
            "    string \"Open\"\n"
            "    predicate BY\n"
            "      list\n"
            "        string \"u1\"\n"
            "        string \"u2\"\n"
            "order by key DESC\n");
}

}  // namespace
}  // namespace jql
