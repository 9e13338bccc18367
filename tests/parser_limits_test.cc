// Limits and hostile input: Parse must answer with a diagnostic, never crash, throw
// or recurse without bound.
#include <string>

#include <gtest/gtest.h>

#include "jql/parser.h"

namespace jql {
namespace {

TEST(ParserLimitsTest, DeepParenthesesAreRefusedNotOverflowed) {
  const std::string query = std::string(100000, '(') + "x1 = y1" + std::string(100000, ')');
  const ParseResult r = Parse(query);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors.front().message.find("levels deep"), std::string::npos);
}

TEST(ParserLimitsTest, LongNotChainsAreRefused) {
  std::string query;
  for (int i = 0; i < 50000; ++i) query += "NOT ";
  query += "x1 = y1";
  EXPECT_FALSE(Parse(query).ok());
}

TEST(ParserLimitsTest, NestingUpToTheLimitParses) {
  ParseOptions options;
  options.max_nesting_depth = 50;
  const std::string ok = std::string(49, '(') + "x1 = y1" + std::string(49, ')');
  EXPECT_TRUE(Parse(ok, options).ok());
  const std::string deep = std::string(51, '(') + "x1 = y1" + std::string(51, ')');
  EXPECT_FALSE(Parse(deep, options).ok());
  const std::string list = "x1 in " + std::string(51, '(') + "a1" + std::string(51, ')');
  EXPECT_FALSE(Parse(list, options).ok());
}

TEST(ParserLimitsTest, QueryLength) {
  ParseOptions options;
  options.max_query_bytes = 100;
  const std::string query = "summary ~ \"" + std::string(200, 'x') + "\"";
  const ParseResult r = Parse(query, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors.front().message,
            "Error in the JQL Query: The query is 212 bytes long; the limit is 100 bytes. (line 1, "
            "character 1)");
}

TEST(ParserLimitsTest, ListSize) {
  ParseOptions options;
  options.max_list_elements = 1000;
  std::string query = "key in (";
  for (int i = 0; i < 1001; ++i) query += (i ? ", K-" : "K-") + std::to_string(i);
  query += ")";
  const ParseResult r = Parse(query, options);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors.front().message.find("more than 1000 values"), std::string::npos);
  options.max_list_elements = 1001;
  EXPECT_TRUE(Parse(query, options).ok());
}

TEST(ParserLimitsTest, HugeDefaultListParses) {
  std::string query = "key in (";
  for (int i = 0; i < 20000; ++i) query += (i ? ", K-" : "K-") + std::to_string(i);
  query += ")";
  const ParseResult r = Parse(query);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<TerminalClause>(r.query->where->node).operand->elements->size(), 20000u);
}

TEST(ParserLimitsTest, ErrorCount) {
  ParseOptions options;
  options.max_errors = 3;
  const ParseResult r = Parse("x1 = #### ####", options);
  EXPECT_EQ(r.errors.size(), 3u);
}

TEST(ParserLimitsTest, InvalidUtf8IsAnErrorInTheQuery) {
  for (const std::string& bad : {std::string("x1 = \xFF"), std::string("x1 = \xC3"),
                                 std::string("x1 = \xED\xA0\x80"),  // a UTF-16 surrogate
                                 std::string("x1 = \xC0\xAF"),      // overlong '/'
                                 std::string("x1 = \xF4\x90\x80\x80")}) {
    const ParseResult r = Parse(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors.front().message,
              "Error in the JQL Query: The query is not valid UTF-8: the bytes at offset 5 do not "
              "form a character.");
  }
}

TEST(ParserLimitsTest, NulAndControlCharacters) {
  const std::string with_nul("x1 = y\0z", 8);
  const ParseResult r = Parse(with_nul);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors.front().message.find("'U+0000'"), std::string::npos);
}

TEST(ParserLimitsTest, EveryByteAloneGivesAnAnswer) {
  for (int b = 0; b < 256; ++b) {
    const std::string one(1, static_cast<char>(b));
    const ParseResult r = Parse(one);
    EXPECT_EQ(r.ok(), r.errors.empty());
    const ParseResult in_query = Parse("x1 = " + one + " AND z1 = " + one + one);
    EXPECT_EQ(in_query.ok(), in_query.errors.empty());
  }
}

}  // namespace
}  // namespace jql
