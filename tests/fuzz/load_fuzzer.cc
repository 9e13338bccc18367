// libFuzzer target for the loaders: any bytes as Jira JSON (pages, JSON Lines), Jira's
// CSV export or the peers' CSV
// must load or be refused with an error; a store that loads must be fully readable.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "jql/engine.h"
#include "load_context.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jql::internal::LoadContext context;
  context.files.emplace_back("fuzz-input", true);
  const bool json = size > 0 && (data[0] == '{' || data[0] == '[');
  const jql::Status loaded = json ? jql::internal::LoadJiraJson(text, context)
                             : jql::internal::IsJiraCsvExport(text)
                                 ? jql::internal::LoadJiraCsvExport(text, context)
                                 : jql::internal::LoadCsv(text, context);
  if (!loaded.ok()) return 0;
  jql::internal::AssignVersionOrder(context.builder.catalog());
  auto store = context.builder.Build();
  if (!store.ok()) return 0;
  jql::Engine engine(*store);
  jql::QueryContext query_context;
  for (const char* q : {"assignee is EMPTY OR labels is not EMPTY ORDER BY created DESC",
                        "fixVersion > v1 OR status changed", "project is not EMPTY ORDER BY key"}) {
    const jql::CompileResult compiled = engine.Compile(q, query_context);
    if (compiled.ok()) (void)engine.Execute(*compiled.query, 50);
  }
  for (size_t row = 0; row < store->rows(); ++row) (void)store->Key(row);
  (void)store->Memory();
  return 0;
}
