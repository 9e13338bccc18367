#include "source_text.h"

#include <gtest/gtest.h>

namespace jql::internal {
namespace {

TEST(SourceTextTest, FindsInvalidUtf8) {
  EXPECT_FALSE(FindInvalidUtf8("plain ascii").has_value());
  EXPECT_FALSE(FindInvalidUtf8("caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x98\x80").has_value());
  EXPECT_EQ(FindInvalidUtf8("ab\x80"), 2u);
  EXPECT_EQ(FindInvalidUtf8("\xE0\x80\x80"), 0u);   // overlong
  EXPECT_EQ(FindInvalidUtf8("x\xF0\x9F\x98"), 1u);  // truncated
}

TEST(SourceTextTest, RangesCountLinesAndUtf16Columns) {
  const std::string text =
      "a\xF0\x9F\x98\x80"
      "b\nc\xC3\xA9"
      "d";
  SourceText source(text);
  EXPECT_EQ(source.code_points(), 7u);
  const SourceRange b = source.RangeOfCodePoints(2, 2);
  EXPECT_EQ(b.begin, 5u);
  EXPECT_EQ(b.line, 1u);
  EXPECT_EQ(b.column, 4u);  // a=1, emoji=2..3, b=4
  const SourceRange d = source.RangeOfCodePoints(6, 6);
  EXPECT_EQ(d.line, 2u);
  EXPECT_EQ(d.column, 3u);
}

TEST(SourceTextTest, AppendUtf8RoundTrips) {
  for (uint32_t cp : {0x24u, 0xE9u, 0x20ACu, 0x1F600u}) {
    std::string s;
    AppendUtf8(cp, s);
    size_t length;
    EXPECT_EQ(DecodeUtf8At(s, 0, &length), cp);
    EXPECT_EQ(length, s.size());
  }
}

}  // namespace
}  // namespace jql::internal
