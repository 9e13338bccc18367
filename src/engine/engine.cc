// Engine: Compile (parse, bind, plan) and the two evaluations of a plan, the block
// executor's (executor.h) and the plain row-at-a-time one that tests compare it with.
// The archive selection and explain are in archive_selection.cc and explain.cc.
#include "jql/engine.h"

#include "binder.h"
#include "compiled_query.h"
#include "engine_indexes.h"
#include "executor.h"
#include "order_by.h"
#include "planner.h"
#include "row_values.h"

namespace jql {
namespace {

using internal::Node;
using internal::RowBitmap;

// The reference evaluation: the plain definition of AND, OR and each leaf.
bool NodeMatches(const IssueStore& store, const Node& node, size_t row) {
  switch (node.kind) {
    case Node::Kind::kLeaf:
      return internal::LeafMatches(store, node.leaf, row);
    case Node::Kind::kAnd:
      for (const Node& c : node.children) {
        if (!NodeMatches(store, c, row)) return false;
      }
      return true;
    case Node::Kind::kOr:
      for (const Node& c : node.children) {
        if (NodeMatches(store, c, row)) return true;
      }
      return false;
  }
  return false;
}

// REQUIRES: archived rows are already out of `hits`.
QueryResult Finish(const IssueStore& store, const CompiledQuery& query, const RowBitmap& hits,
                   size_t limit, const PagePosition* after = nullptr) {
  QueryResult result;
  result.total = hits.Count();
  result.rows = internal::OrderRows(store, query, hits, limit, after, &result.following);
  return result;
}

}  // namespace

Engine::Engine(const IssueStore& store)
    : store_(store), indexes_(std::make_unique<internal::EngineIndexes>(store)) {}

Engine::~Engine() = default;

CompileResult Engine::Compile(std::string_view jql, const QueryContext& context,
                              const ParseOptions& options) const {
  CompileResult result;
  ParseResult parsed = Parse(jql, options);
  if (!parsed.ok()) {
    result.errors = std::move(parsed.errors);
    return result;
  }
  auto compiled = internal::Bind(*parsed.query, store_, context, &result.errors);
  if (!compiled) return result;
  compiled->text = std::string(jql);
  result.restricted = !compiled->match_all;
  if (!compiled->match_all) {
    internal::Simplify(compiled->root);
    internal::Estimate(store_, compiled->root, indexes_->text.get());
  }
  result.query = std::move(compiled);
  return result;
}

QueryResult Engine::Execute(const CompiledQuery& query, size_t limit, const QueryBudget& budget,
                            const PagePosition* after) const {
  // One archived state for the whole evaluation, and no lock held meanwhile.
  const auto archived = store_.PinArchived();
  internal::EvalCache cache;
  cache.history = indexes_->history.get();
  cache.text = indexes_->text.get();
  const auto hits = internal::EvaluateAll(store_, query, cache, *archived, budget);
  if (!hits) {
    QueryResult out;
    out.stopped = true;
    return out;
  }
  return Finish(store_, query, *hits, limit, after);
}

PagePosition Engine::PositionOf(const CompiledQuery& query, size_t row) const {
  return internal::PositionOf(store_, query, row);
}

QueryResult Engine::ExecuteReference(const CompiledQuery& query, size_t limit) const {
  const auto archived = store_.PinArchived();
  RowBitmap hits(store_.rows());
  for (size_t row = 0; row < store_.rows(); ++row) {
    if (archived->Has(row)) continue;  // invisible to every query
    if (query.match_all || NodeMatches(store_, query.root, row)) hits.Set(row);
  }
  return Finish(store_, query, hits, limit);
}

std::vector<TextIndexReport> Engine::BuildTextIndexes() const {
  std::vector<TextIndexReport> out;
  for (const auto& f : indexes_->text->BuildAll())
    out.push_back(TextIndexReport{f.field, f.terms, f.postings, f.bytes, f.build_seconds});
  return out;
}

void Engine::BuildIndexes(const std::atomic<bool>* stop,
                          const std::function<void(size_t, size_t)>& progress) const {
  const size_t total = indexes_->text->BuildSteps() + internal::HistoryIndex::BuildSteps();
  size_t done = 0;
  std::function<void()> step;
  if (progress) step = [&] { progress(++done, total); };
  indexes_->text->BuildAll(stop, step);
  indexes_->history->BuildAll(stop, step);
}

}  // namespace jql
