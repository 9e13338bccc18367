// A program that uses jql only as an installed library would be used: through
// find_package(jql) or pkg-config, with include/jql/ and nothing else. It exits
// non-zero if the library answers wrongly, so the install test checks behaviour,
// not just that something linked.
#include <cstdio>
#include <string>

#include "jql/engine.h"
#include "jql/generator.h"
#include "jql/parser.h"

namespace {

size_t Count(const jql::Engine& engine, const std::string& text) {
  jql::QueryContext context;
  context.now_ms = 1748736000000;  // 2025-06-01
  const jql::CompileResult compiled = engine.Compile(text, context);
  if (!compiled.ok()) {
    std::fprintf(stderr, "consumer: %s: %s\n", text.c_str(),
                 compiled.errors.front().message.c_str());
    return SIZE_MAX;
  }
  return engine.Execute(*compiled.query).total;
}

}  // namespace

int main() {
  const jql::ParseResult bad = jql::Parse("project = ");
  if (bad.ok() || bad.errors.empty()) {
    std::fprintf(stderr, "consumer: 'project = ' parsed\n");
    return 1;
  }
  std::printf("parse error: %s\n", bad.errors.front().message.c_str());

  jql::GenerateOptions options;
  options.issues = 2000;
  auto store = jql::GenerateIssueStore(options);
  if (!store.ok()) return 1;
  const jql::Engine engine(*store);
  const size_t all = Count(engine, "order by key");
  const size_t either = Count(engine, "priority in (Highest, High)");
  const size_t highest = Count(engine, "priority = Highest");
  const size_t high = Count(engine, "priority = High");
  const size_t neither = Count(engine, "priority not in (Highest, High)");
  const size_t none = Count(engine, "priority is EMPTY");
  std::printf("issues %zu: Highest or High %zu = %zu + %zu, others %zu, no priority %zu\n", all,
              either, highest, high, neither, none);
  // The generated archived issues are never found, so `all` is a little under 2,000.
  const bool right = all > 1000 && all <= 2000 && either == highest + high && either > 0 &&
                     either + neither + none == all;
  return right ? 0 : 1;
}
