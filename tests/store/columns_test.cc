#include "jql/columns.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <span>
#include <type_traits>

namespace jql {
namespace {

TEST(PackedIntsTest, PicksTheNarrowestWidth) {
  const std::vector<std::pair<std::vector<int64_t>, uint8_t>> cases = {
      {{7, 7, 7}, 0},
      {{0, 1, 255}, 1},
      {{0, 1, 256}, 2},
      {{-5, -4, 1000}, 2},
      {{1748736000000, 1748736000001, 1748736000000 + 8LL * 365 * 86400000}, 5},
      {{INT64_MIN, INT64_MIN + 1, INT64_MAX}, 8},
      {{0, 256, 512}, 1},  // a common step of 256
  };
  for (const auto& [values, width] : cases) {
    const PackedInts p = PackedInts::Build(values);
    EXPECT_EQ(p.width(), width);
    for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(p.Get(i), values[i]);
  }
}

TEST(PackedIntsTest, CommonStepPacksDatesNarrow) {
  std::vector<int64_t> days;
  for (int i = 0; i < 3000; ++i)
    days.push_back(1500000000000LL / 86400000 * 86400000 + i * 86400000LL);
  const PackedInts p = PackedInts::Build(days);
  EXPECT_EQ(p.step(), 86400000);
  EXPECT_EQ(p.width(), 2);
  for (size_t i = 0; i < days.size(); ++i) ASSERT_EQ(p.Get(i), days[i]);
}

TEST(PackedIntsTest, RandomRoundTrip) {
  std::mt19937_64 rng(1);
  for (int round = 0; round < 50; ++round) {
    const int64_t base = static_cast<int64_t>(rng());
    const uint64_t range = rng() >> (rng() % 64);
    std::vector<int64_t> values(1 + rng() % 500);
    for (auto& v : values)
      v = static_cast<int64_t>(static_cast<uint64_t>(base) + (range == 0 ? 0 : rng() % range));
    const PackedInts p = PackedInts::Build(values);
    for (size_t i = 0; i < values.size(); ++i) ASSERT_EQ(p.Get(i), values[i]) << "round " << round;
  }
}

// Packed over their own memory, values of every width the builder holds come out as
// packed from a copy: the same frame, the same bytes, the padding zeroed.
template <typename T>
void ExpectInPlaceMatchesCopy(const std::vector<T>& values) {
  // (Offsets, the one unsigned 64-bit column, are packed from a copy as int64.)
  using Copy = std::conditional_t<std::is_same_v<T, uint64_t>, int64_t, T>;
  const std::vector<Copy> copy(values.begin(), values.end());
  const PackedInts copied = PackedInts::Build(std::span<const Copy>(copy));
  std::vector<T> own = values;
  const PackedInts packed = PackedInts::Build(std::move(own));
  ASSERT_EQ(packed.size(), values.size());
  ASSERT_EQ(packed.width(), copied.width());
  EXPECT_EQ(packed.base(), copied.base());
  EXPECT_EQ(packed.step(), copied.step());
  ASSERT_EQ(packed.bytes(), copied.bytes());
  EXPECT_EQ(std::memcmp(packed.buffer().data(), copied.buffer().data(), packed.bytes()), 0);
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(packed.buffer().data()[packed.bytes() + i], 0);
  for (size_t i = 0; i < values.size(); ++i)
    ASSERT_EQ(packed.Get(i), static_cast<int64_t>(values[i])) << i;
  packed.buffer().ReleaseSpare();  // the memory past the column: the values stay
  for (size_t i = 0; i < values.size(); ++i)
    ASSERT_EQ(packed.Get(i), static_cast<int64_t>(values[i]));
}

TEST(PackedIntsTest, PackingOverTheValuesGivesTheSameColumn) {
  std::mt19937_64 rng(7);
  for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{7}, size_t{1000}, size_t{300000}}) {
    SCOPED_TRACE(n);
    std::vector<int64_t> times(n), full(n);
    std::vector<int32_t> codes(n), wide_codes(n);
    std::vector<uint32_t> rows(n);
    std::vector<uint8_t> fields(n), bytes(n);
    std::vector<uint64_t> offsets(n);
    uint64_t offset = 0;
    for (size_t i = 0; i < n; ++i) {
      times[i] = 1748736000000 + static_cast<int64_t>(rng() % 100000000000);
      full[i] = static_cast<int64_t>(rng());  // width 8: as wide as the values
      codes[i] = static_cast<int32_t>(rng() % 5000) - 1;
      wide_codes[i] = static_cast<int32_t>(rng());  // width 4
      rows[i] = static_cast<uint32_t>(rng());
      fields[i] = static_cast<uint8_t>(rng() % 6);
      bytes[i] = static_cast<uint8_t>(rng());  // width 1
      offsets[i] = offset += rng() % 300;
    }
    if (n >= 2) full[0] = INT64_MIN, full[1] = INT64_MAX;
    ExpectInPlaceMatchesCopy(times);
    ExpectInPlaceMatchesCopy(full);
    ExpectInPlaceMatchesCopy(codes);
    ExpectInPlaceMatchesCopy(wide_codes);
    ExpectInPlaceMatchesCopy(rows);
    ExpectInPlaceMatchesCopy(fields);
    ExpectInPlaceMatchesCopy(bytes);
    ExpectInPlaceMatchesCopy(offsets);
    ExpectInPlaceMatchesCopy(std::vector<int64_t>(n, 42));  // width 0
  }
}

TEST(BufferTest, AdoptedVectorsKeepTheirBytesAndGrowForThePadding) {
  std::vector<uint32_t> exact{1, 2, 3, 4};  // 16 bytes, all of them used: no room for padding
  const Buffer full = Buffer::Adopt(std::move(exact), 16);
  ASSERT_EQ(full.size(), 16u);
  for (uint32_t i = 0; i < 4; ++i) EXPECT_EQ(full.As<uint32_t>()[i], i + 1);
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(full.data()[16 + i], 0);
  std::vector<int64_t> roomy(1000, -1);
  const int64_t* kept = roomy.data();
  const Buffer front = Buffer::Adopt(std::move(roomy), 24);  // 3 of 1000 values used
  EXPECT_EQ(front.As<int64_t>(), kept);                      // not copied
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(front.As<int64_t>()[i], -1);
  front.ReleaseSpare();
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(front.As<int64_t>()[i], -1);
}

TEST(MultiColumnTest, CountsOffsetsAndOverflow) {
  // Row 0: 2 values, row 1: none, row 2: 300 values (past the one-byte count), then 200 rows of 1.
  std::vector<uint32_t> offsets{0, 2, 2, 302};
  std::vector<uint32_t> codes{5, 6};
  for (int i = 0; i < 300; ++i) codes.push_back(i % 7);
  for (int i = 0; i < 200; ++i) {
    codes.push_back(i);
    offsets.push_back(static_cast<uint32_t>(codes.size()));
  }
  const MultiColumn m = MultiColumn::Build(offsets, codes);
  ASSERT_EQ(m.rows(), 203u);
  EXPECT_EQ(m.Count(0), 2u);
  EXPECT_EQ(m.Count(1), 0u);
  EXPECT_EQ(m.Count(2), 300u);
  EXPECT_EQ(m.overflow().size(), 1u);
  for (size_t row = 0; row < m.rows(); ++row) {
    ASSERT_EQ(m.Begin(row), offsets[row]) << row;
    ASSERT_EQ(m.Count(row), offsets[row + 1] - offsets[row]) << row;
  }
  EXPECT_EQ(m.codes().Get(m.Begin(150)), 147);
}

TEST(BitmapTest, FromBoolsAndCount) {
  std::vector<bool> bits(130);
  bits[0] = bits[64] = bits[129] = true;
  const Bitmap b = Bitmap::FromBools(bits);
  EXPECT_TRUE(b.Get(0));
  EXPECT_FALSE(b.Get(1));
  EXPECT_TRUE(b.Get(129));
  EXPECT_EQ(b.CountSet(), 3u);
}

TEST(TextColumnTest, Rows) {
  const TextColumn t = TextColumn::Build({0, 3, 3, 8}, std::string("abchello"));
  ASSERT_EQ(t.rows(), 3u);
  EXPECT_EQ(t.Get(0), "abc");
  EXPECT_EQ(t.Get(1), "");
  EXPECT_EQ(t.Get(2), "hello");
}

}  // namespace
}  // namespace jql

namespace jql {
namespace {

// What the snapshot fuzzer found: columns read from a file whose parts disagree.
TEST(ColumnConsistencyTest, MultiColumnPartsMustAgree) {
  std::vector<uint32_t> offsets{0, 2, 2, 3};
  std::vector<uint32_t> codes{1, 2, 3};
  const MultiColumn good = MultiColumn::Build(offsets, codes);
  EXPECT_TRUE(good.Consistent());
  // A count byte of 255 with no overflow entry (reading it dereferenced nothing).
  Buffer counts = Buffer::FromVector(good.counts().data(), good.counts().size());
  counts.mutable_data()[1] = 255;
  EXPECT_FALSE(
      MultiColumn(counts, good.block_starts(), good.codes(), {}, good.rows()).Consistent());
  // Block starts that do not match the counts.
  Buffer starts = Buffer::FromVector(good.block_starts().data(), good.block_starts().size());
  starts.mutable_data()[0] = 7;
  EXPECT_FALSE(MultiColumn(good.counts(), starts, good.codes(), {}, good.rows()).Consistent());
  // More codes than the counts account for.
  std::vector<int64_t> more{1, 2, 3, 4};
  EXPECT_FALSE(
      MultiColumn(good.counts(), good.block_starts(), PackedInts::Build(more), {}, good.rows())
          .Consistent());
}

TEST(ColumnConsistencyTest, TextOffsetsMustAscendInsideTheText) {
  EXPECT_TRUE(TextColumn::Build({0, 3, 3, 8}, std::string("abchello")).Consistent());
  const std::vector<int64_t> backwards{0, 5, 3};
  EXPECT_FALSE(
      TextColumn(PackedInts::Build(backwards), Buffer::FromVector("abcde", 5)).Consistent());
  const std::vector<int64_t> past_end{0, 9};
  EXPECT_FALSE(
      TextColumn(PackedInts::Build(past_end), Buffer::FromVector("abcde", 5)).Consistent());
}

}  // namespace
}  // namespace jql
