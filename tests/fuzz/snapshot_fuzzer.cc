// libFuzzer target for snapshots: any bytes, loaded without the checksum (so that the
// layout checks themselves are exercised), must be refused with an error or give a
// store whose every column, text and history item can be read.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "jql/engine.h"
#include "jql/snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/jql_snapshot_fuzz_" + std::to_string(::getpid()) + ".snap";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  auto store = jql::LoadSnapshot(path, jql::SnapshotLoadOptions{.verify_checksum = false});
  if (!store.ok()) return 0;
  const jql::IssueColumns& c = store->columns();
  uint64_t sum = 0;  // unsigned: the values are arbitrary and may overflow
  for (size_t row = 0; row < store->rows(); ++row) {
    sum += store->Key(row).size();
    for (const jql::IntColumn* column : {&c.status, &c.assignee, &c.created, &c.parent}) {
      if (column->IsValid(row)) sum += static_cast<uint64_t>(column->values.Get(row));
    }
    sum += store->text().summary.Get(row).size();
    if (c.labels.present()) sum += c.labels.Count(row);
  }
  jql::Engine engine(*store);
  const jql::CompileResult compiled = engine.Compile(
      "assignee is EMPTY OR labels is not EMPTY ORDER BY created DESC", jql::QueryContext());
  if (compiled.ok()) sum += engine.Execute(*compiled.query, 10).total;
  return sum == 42 ? 0 : 0;
}
