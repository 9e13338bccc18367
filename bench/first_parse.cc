// Time of the first Parse in a fresh process (ANTLR builds its DFA cache on first
// use). Prints {"first_parse_us": N, "second_parse_us": M}; run it many times and take
// the median (bench/run_parse_bench.sh does).
#include <chrono>
#include <cstdio>

#include "jql/parser.h"
#include "parse_queries.h"

int main() {
  using Clock = std::chrono::steady_clock;
  auto time_one = [] {
    const auto start = Clock::now();
    const jql::ParseResult result = jql::Parse(jql::bench::kTypicalQuery);
    const auto end = Clock::now();
    if (!result.ok()) return -1.0;
    return std::chrono::duration<double, std::micro>(end - start).count();
  };
  const double first = time_one();
  const double second = time_one();
  std::printf("{\"first_parse_us\": %.1f, \"second_parse_us\": %.1f}\n", first, second);
  return first < 0 ? 1 : 0;
}
