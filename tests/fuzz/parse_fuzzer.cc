// libFuzzer target for Parse: any bytes must give a result (never a crash, hang or
// sanitizer report), and every query that parses must print canonically to text that
// parses back to the same tree.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "jql/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jql::ParseOptions options;
  options.max_query_bytes = 64 * 1024;
  const jql::ParseResult result = jql::Parse(text, options);
  if (result.ok() != result.errors.empty()) std::abort();
  if (!result.ok()) return 0;
  const std::string canonical = jql::ToJql(*result.query);
  const jql::ParseResult again = jql::Parse(canonical, options);
  if (!again.ok()) {
    std::fprintf(stderr, "canonical form does not parse: %s\n%s\n", canonical.c_str(),
                 again.errors.front().message.c_str());
    std::abort();
  }
  if (!(*again.query == *result.query)) {
    std::fprintf(stderr, "canonical form parses differently: %s\n", canonical.c_str());
    std::abort();
  }
  return 0;
}
