// A three-stage pipeline over numbered chunks whose first and last stages must run in
// order (a sequential random stream in, an order-sensitive sink out) while the middle
// stage, usually the bulk of the work, runs on several threads at once. The output does
// not depend on how the threads interleave: each chunk is produced, then transformed by
// one worker, then consumed, in chunk order.
#ifndef JQL_SRC_COMMON_ORDERED_PIPELINE_H_
#define JQL_SRC_COMMON_ORDERED_PIPELINE_H_

#include <sys/resource.h>
#include <unistd.h>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace jql::internal {

// Runs produce(k, slot) for k = 0..chunks-1 in order on a thread of its own,
// transform(k, slot) on `workers` threads, and consume(k, slot) in order on the calling
// thread. `slots` bounds the chunks in flight: chunk k uses slots[k % slots.size()].
// The stages must not throw.
template <typename Slot, typename Produce, typename Transform, typename Consume>
void RunOrderedPipeline(size_t chunks, std::vector<Slot>& slots, int workers, Produce produce,
                        Transform transform, Consume consume) {
  const size_t width = slots.size();
  std::mutex mutex;
  std::condition_variable changed;
  size_t produced = 0, consumed = 0, next_to_transform = 0;
  std::vector<bool> transformed(width, false);

  // Every hand-over is a wait for a condition, or a change that wakes the waiters.
  const auto await = [&](auto ready) {
    std::unique_lock lock(mutex);
    changed.wait(lock, ready);
  };
  const auto publish = [&](auto change) {
    {
      std::lock_guard lock(mutex);
      change();
    }
    changed.notify_all();
  };

  std::thread producer([&] {
    for (size_t k = 0; k < chunks; ++k) {
      await([&] { return k - consumed < width; });  // its slot is free
      produce(k, slots[k % width]);
      publish([&] { produced = k + 1; });
    }
  });
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      // The ordered stages are the critical path: with more threads than cores, the
      // workers (a lower priority for this thread only, on Linux) give way to them
      // rather than share the cores evenly. Failure only costs speed.
      setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 5);
      for (;;) {
        size_t k;
        {  // taking a chunk is a wait and a change in one critical section
          std::unique_lock lock(mutex);
          changed.wait(lock,
                       [&] { return next_to_transform == chunks || next_to_transform < produced; });
          if (next_to_transform == chunks) return;
          k = next_to_transform++;
        }
        transform(k, slots[k % width]);
        publish([&] { transformed[k % width] = true; });
      }
    });
  }
  for (size_t k = 0; k < chunks; ++k) {
    await([&] { return transformed[k % width]; });
    consume(k, slots[k % width]);
    publish([&] {
      transformed[k % width] = false;
      consumed = k + 1;
    });
  }
  producer.join();
  for (std::thread& t : pool) t.join();
}

}  // namespace jql::internal

#endif  // JQL_SRC_COMMON_ORDERED_PIPELINE_H_
