#include "common/ordered_pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

namespace jql::internal {
namespace {

struct Slot {
  size_t chunk = 0;
  uint64_t value = 0;
};

TEST(OrderedPipelineTest, ProducesAndConsumesInOrderWhateverTheWorkersDo) {
  for (int workers : {1, 2, 5}) {
    std::vector<Slot> slots(3);
    std::vector<size_t> produced, consumed;
    std::atomic<int> in_flight{0}, most_in_flight{0};
    RunOrderedPipeline(
        200, slots, workers,
        [&](size_t k, Slot& slot) {
          produced.push_back(k);
          slot.chunk = k;
        },
        [&](size_t k, Slot& slot) {
          const int now = ++in_flight;
          int seen = most_in_flight.load();
          while (now > seen && !most_in_flight.compare_exchange_weak(seen, now)) {
          }
          EXPECT_EQ(slot.chunk, k);
          // Uneven work, so later chunks often finish first.
          std::this_thread::sleep_for(std::chrono::microseconds((k * 7919) % 300));
          slot.value = k * k;
          --in_flight;
        },
        [&](size_t k, Slot& slot) {
          EXPECT_EQ(slot.chunk, k);
          EXPECT_EQ(slot.value, k * k);
          consumed.push_back(k);
        });
    ASSERT_EQ(produced.size(), 200u);
    ASSERT_EQ(consumed.size(), 200u);
    for (size_t k = 0; k < 200; ++k) {
      EXPECT_EQ(produced[k], k);
      EXPECT_EQ(consumed[k], k);
    }
    EXPECT_LE(most_in_flight.load(), std::min(workers, 3)) << "slots bound the chunks in flight";
  }
}

TEST(OrderedPipelineTest, NoChunksRunsNothing) {
  std::vector<Slot> slots(2);
  int calls = 0;
  RunOrderedPipeline(
      0, slots, 2, [&](size_t, Slot&) { ++calls; }, [&](size_t, Slot&) { ++calls; },
      [&](size_t, Slot&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace jql::internal
