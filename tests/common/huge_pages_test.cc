#include "common/huge_pages.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace jql::internal {
namespace {

TEST(HugePagesTest, RoomForMoreKeepsTheValuesAndOnlyGrowsWhenFull) {
  std::vector<int64_t> v = {1, -2, 3};
  v.reserve(8);
  const int64_t* before = v.data();
  RoomForMore(v, 5);  // 3 + 5 fit in 8: nothing moves
  EXPECT_EQ(v.data(), before);
  RoomForMore(v, 1'000'000);
  EXPECT_GE(v.capacity(), 1'000'003u);
  EXPECT_EQ(v, (std::vector<int64_t>{1, -2, 3}));
  const size_t capacity = v.capacity();
  v.resize(capacity);
  RoomForMore(v, 1);  // full: at least doubles, as push_back would
  EXPECT_GE(v.capacity(), 2 * capacity);
  EXPECT_EQ(v[1], -2);
}

TEST(HugePagesTest, RoomForMoreWorksForStringsAndBits) {
  std::string text = "summary";
  RoomForMore(text, 10'000'000);
  EXPECT_GE(text.capacity(), 10'000'007u);
  EXPECT_EQ(text, "summary");
  std::vector<bool> bits = {true, false, true};
  RoomForMore(bits, 100);  // no data(): grown without advice
  EXPECT_GE(bits.capacity(), 103u);
  EXPECT_EQ(bits, (std::vector<bool>{true, false, true}));
}

TEST(HugePagesTest, HugeVectorHoldsExactlyTheCopiesAskedFor) {
  const std::vector<int32_t> v = HugeVector<int32_t>(3'000'000, -1);
  ASSERT_EQ(v.size(), 3'000'000u);
  for (int32_t x : v) ASSERT_EQ(x, -1);
  EXPECT_TRUE(HugeVector<int64_t>(0, 7).empty());
}

TEST(HugePagesTest, AdviceOnAnyRangeLeavesTheMemoryUsable) {
  AdviseHugePages(nullptr, 1 << 30);
  AdviseHugePages(nullptr, 0);
  auto small = std::make_unique<uint8_t[]>(100);
  AdviseHugePages(small.get(), 100);  // below one huge page: nothing to advise
  small[99] = 1;
  const size_t size = (size_t{9} << 20) + 12345;  // unaligned start and end
  auto big = std::make_unique<uint8_t[]>(size);
  AdviseHugePages(big.get() + 3, size - 3);
  for (size_t i = 0; i < size; i += 4096) big[i] = static_cast<uint8_t>(i);
  for (size_t i = 0; i < size; i += 4096) ASSERT_EQ(big[i], static_cast<uint8_t>(i));
  EXPECT_EQ(small[99], 1);
}

TEST(HugePagesTest, ReleasedPagesReadAsZerosAndNothingAroundThemChanges) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t size = 10 * page;
  std::vector<uint8_t> bytes(size, 0xAB);
  // From the middle of the second page to the middle of the eighth: only the whole
  // pages inside (the third to the seventh) are given back.
  const uint8_t* base = bytes.data();
  const size_t offset = (page - reinterpret_cast<uintptr_t>(base) % page) % page;  // aligned
  const uint8_t* begin = base + offset + page + page / 2;
  const uint8_t* end = base + offset + 7 * page + page / 2;
  ReleasePages(begin, end);
  for (size_t i = 0; i < size; ++i) {
    const uint8_t* at = base + i;
    const bool released = at >= base + offset + 2 * page && at < base + offset + 7 * page;
    ASSERT_EQ(bytes[i], released ? 0 : 0xAB) << "byte " << i;
  }
  ReleasePages(begin, begin);  // empty ranges and ranges inside one page: no-ops
  ReleasePages(begin, begin + 10);
  ReleasePages(nullptr, nullptr);
  bytes[3 * page + offset] = 7;  // released memory is usable again
  EXPECT_EQ(bytes[3 * page + offset], 7);
}

}  // namespace
}  // namespace jql::internal
