// Table-driven parser tests: every input with its verdict, its canonical print (valid
// ones) or Jira's exact first message (invalid ones). Canonical prints must parse back
// to the same AST.
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "jql/parser.h"

namespace jql {
namespace {

struct ValidCase {
  std::string_view input;
  std::string_view canonical;
};

struct InvalidCase {
  std::string_view input;
  std::string_view message;
};

#include "parser_cases.inc"

std::string Printable(std::string_view s) {  // control characters readable in failure output
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

class ValidQueryTest : public testing::TestWithParam<ValidCase> {};

TEST_P(ValidQueryTest, ParsesAndPrintsCanonically) {
  const ValidCase& c = GetParam();
  const ParseResult result = Parse(c.input);
  ASSERT_TRUE(result.ok()) << Printable(c.input) << " -> " << result.errors.front().message;
  EXPECT_EQ(ToJql(*result.query), c.canonical) << Printable(c.input);
}

TEST_P(ValidQueryTest, CanonicalFormParsesToTheSameTree) {
  const ValidCase& c = GetParam();
  const ParseResult first = Parse(c.input);
  ASSERT_TRUE(first.ok());
  const ParseResult second = Parse(ToJql(*first.query));
  ASSERT_TRUE(second.ok()) << ToJql(*first.query);
  EXPECT_EQ(*first.query, *second.query) << Printable(c.input);
  EXPECT_EQ(ToJql(*second.query), ToJql(*first.query));
}

INSTANTIATE_TEST_SUITE_P(Table, ValidQueryTest, testing::ValuesIn(kValidCases));

class InvalidQueryTest : public testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidQueryTest, ReportsJirasMessage) {
  const InvalidCase& c = GetParam();
  const ParseResult result = Parse(c.input);
  ASSERT_FALSE(result.ok()) << Printable(c.input) << " parsed as " << ToJql(*result.query);
  ASSERT_FALSE(result.errors.empty());
  EXPECT_EQ(result.errors.front().message, c.message) << Printable(c.input);
}

INSTANTIATE_TEST_SUITE_P(Table, InvalidQueryTest, testing::ValuesIn(kInvalidCases));

// Jira Cloud's reserved words, stated here independently of the implementation's
// table: the server list less keywords, "all" (as Jira's parser tests have it), and
// Cloud's English stop words.
constexpr std::string_view kReservedWords[] = {

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

class ReservedWordTest : public testing::TestWithParam<std::string_view> {};

TEST_P(ReservedWordTest, MustBeQuotedAnywhere) {
  const std::string word(GetParam());
  const std::string expected = "Error in the JQL Query: '" + word +
                               "' is a reserved JQL word. You must surround it in quotation "
                               "marks to use it in a query. (line 1, character 11)";
  for (const std::string& query : {"summary ~ " + word, "summary ~ " + word + " AND x1 = y1"}) {
    const ParseResult result = Parse(query);
    ASSERT_FALSE(result.ok()) << query;
    EXPECT_EQ(result.errors.front().message, expected);
  }
  const ParseResult as_field = Parse(word + " = x1");
  ASSERT_FALSE(as_field.ok());
  EXPECT_NE(as_field.errors.front().message.find("reserved JQL word"), std::string::npos);
  EXPECT_TRUE(Parse("summary ~ \"" + word + "\"").ok()) << "quoted " << word;
  EXPECT_TRUE(Parse("summary ~ " + word + "x").ok()) << "longer word " << word << "x";
}

INSTANTIATE_TEST_SUITE_P(Table, ReservedWordTest, testing::ValuesIn(kReservedWords));

TEST(ParserTest, AndOrPrecedenceAndFlattening) {
  const ParseResult r = Parse("a1 = 1 OR b1 = 2 AND c1 = 3 OR d1 = 4");
  ASSERT_TRUE(r.ok());
  const auto* top = std::get_if<OrClause>(&r.query->where->node);
  ASSERT_NE(top, nullptr);
  ASSERT_EQ(top->children.size(), 3u);
  EXPECT_NE(std::get_if<AndClause>(&top->children[1]->node), nullptr);
}

TEST(ParserTest, NotBindsTighterThanAnd) {
  const ParseResult r = Parse("NOT a1 = 1 AND b1 = 2");
  ASSERT_TRUE(r.ok());
  const auto* top = std::get_if<AndClause>(&r.query->where->node);
  ASSERT_NE(top, nullptr);
  EXPECT_NE(std::get_if<NotClause>(&top->children[0]->node), nullptr);
}

TEST(ParserTest, SourceRangesPointAtTheText) {
  const std::string text = "project = ABC AND status IN (Open, Done)";
  const ParseResult r = Parse(text);
  ASSERT_TRUE(r.ok());
  const auto& children = std::get<AndClause>(r.query->where->node).children;
  const auto& in = std::get<TerminalClause>(children[1]->node);
  const SourceRange* clause = r.query->Range(children[1]->id);
  ASSERT_NE(clause, nullptr);
  EXPECT_EQ(text.substr(clause->begin, clause->end - clause->begin), "status IN (Open, Done)");
  const SourceRange* list = r.query->Range(in.operand->id);
  EXPECT_EQ(text.substr(list->begin, list->end - list->begin), "(Open, Done)");
  EXPECT_EQ(list->column, 29u);
  const SourceRange* field = r.query->Range(in.field.id);
  EXPECT_EQ(text.substr(field->begin, field->end - field->begin), "status");
}

TEST(ParserTest, ValuesAreTyped) {
  const ParseResult r = Parse("x1 in (\"10013\", 10013, -7, EMPTY, fn(a1, -1))");
  ASSERT_TRUE(r.ok());
  const auto& list = *std::get<TerminalClause>(r.query->where->node).operand->elements;
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0].kind, Operand::Kind::kString);
  EXPECT_EQ(list[0].text, "10013");
  EXPECT_EQ(list[1].kind, Operand::Kind::kNumber);
  EXPECT_EQ(list[1].number, 10013);
  EXPECT_EQ(list[2].number, -7);
  EXPECT_EQ(list[3].kind, Operand::Kind::kEmpty);
  EXPECT_EQ(list[4].kind, Operand::Kind::kFunction);
  EXPECT_EQ(list[4].args, (std::vector<std::string>{"a1", "-1"}));
}

TEST(ParserTest, EscapesDecode) {
  const ParseResult r = Parse(R"(x1 = "\u00e9\ud83d\ude00\t\"\ \u0041")");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<TerminalClause>(r.query->where->node).operand->text,
            "\xC3\xA9\xF0\x9F\x98\x80\t\" A");
}

TEST(ParserTest, FieldProperties) {
  const ParseResult r = Parse("issue.property[\"a b\"].c.d = 1");
  ASSERT_TRUE(r.ok());
  const FieldRef& field = std::get<TerminalClause>(r.query->where->node).field;
  EXPECT_EQ(field.name, "issue.property");
  ASSERT_EQ(field.properties.size(), 1u);
  EXPECT_EQ(field.properties[0].key, "a b");
  EXPECT_EQ(field.properties[0].path, (std::vector<std::string>{".c.d"}));
}

TEST(ParserTest, ColumnsCountUtf16UnitsLikeJira) {
  // The emoji is two UTF-16 units, so '#' is character 8, not 7.
  const ParseResult r = Parse("x1 = \xF0\x9F\x98\x80#");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors.front().range.column, 8u);
  EXPECT_NE(r.errors.front().message.find("(line 1, character 8)"), std::string::npos);
  const ParseResult second = Parse("x1 = \"\xF0\x9F\x98\x80\" #");
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.errors.front().message.find("(line 1, character 11)"), std::string::npos);
}

TEST(ParserTest, LinesCountNewlines) {
  const ParseResult r = Parse("x1 = y1\nAND\n  z1 = #");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors.front().message.find("(line 3, character 8)"), std::string::npos);
}

TEST(ParserTest, SeveralLexicalErrorsAreAllReported) {
  const ParseResult r = Parse("x1 = y1# AND z1 = w1{");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].message.find("'#'"), std::string::npos);
  EXPECT_NE(r.errors[1].message.find("'{'"), std::string::npos);
}

}  // namespace
}  // namespace jql
