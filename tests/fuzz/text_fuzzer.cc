// libFuzzer target for text search: any bytes as the value of ~ or !~ must be
// refused with Jira's message or evaluated, and the inverted index must agree with
// the plain analysis of every row (a differential check: a disagreement aborts).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "jql/engine.h"
#include "jql/generator.h"

namespace {

struct Fixture {
  jql::IssueStore store;
  jql::Engine engine;
  explicit Fixture(jql::IssueStore s) : store(std::move(s)), engine(store) {}
};

Fixture& Data() {
  static Fixture* fixture = [] {
    auto store = jql::GenerateIssueStore(
        {.issues = 300, .seed = 4, .history_per_issue = 0, .long_text = true});
    if (!store.ok()) std::abort();
    return new Fixture(std::move(store).value());
  }();
  return *fixture;
}

// The bytes as the inside of a JQL string: quotes, backslashes and control
// characters escaped.
std::string Quoted(const uint8_t* data, size_t size) {
  std::string out = "\"";
  for (size_t i = 0; i < size; ++i) {
    const auto c = static_cast<char>(data[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (data[i] < 0x20 || data[i] == 0x7F) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", data[i]);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Fixture& f = Data();
  const char* fields[] = {"summary ~ ", "text ~ ", "description !~ ", "comment ~ "};
  const std::string jql = fields[data[0] % 4] + Quoted(data + 1, size - 1);
  const jql::CompileResult compiled = f.engine.Compile(jql, jql::QueryContext{});
  if (!compiled.ok()) {
    if (compiled.errors.empty() || compiled.errors.front().message.empty()) std::abort();
    return 0;
  }
  const jql::QueryResult fast = f.engine.Execute(*compiled.query);
  const jql::QueryResult slow = f.engine.ExecuteReference(*compiled.query);
  if (fast.rows != slow.rows) {
    std::fprintf(stderr, "index and reference disagree on %s: %zu vs %zu rows\n", jql.c_str(),
                 fast.total, slow.total);
    std::abort();
  }
  return 0;
}
