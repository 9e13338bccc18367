#include "order_by.h"

#include <algorithm>
#include <numeric>

#include "row_values.h"

namespace jql::internal {
namespace {

// Sort keys as integers: names are ranked once per query, so rows compare by int64s.
class SortKeys {
 public:
  SortKeys(const IssueStore& store, const std::vector<SortKey>& keys) : store_(store), keys_(keys) {
    const Catalog& cat = store.catalog();
    for (const SortKey& k : keys) {
      const SortRule rule = k.field->sort;
      // Keys and versions sort by their project's key first.
      const Dictionary ranked = rule == SortRule::kIssueKey || rule == SortRule::kVersion
                                    ? Dictionary::kProjects
                                    : k.field->dictionary;
      std::vector<int64_t> rank;
      if (rule == SortRule::kName || rule == SortRule::kIssueKey || rule == SortRule::kVersion) {
        rank = RankByName(DictionarySize(cat, ranked),
                          [&](Code c) { return DictionarySortName(cat, ranked, c); });
      }
      ranks_.push_back(std::move(rank));
    }
  }

  // (empty, value) of key k for a row.
  std::pair<bool, int64_t> Get(size_t k, size_t row, std::vector<int64_t>& scratch) const {
    const SortKey& key = keys_[k];
    const Catalog& cat = store_.catalog();
    const std::vector<int64_t>& rank = ranks_[k];
    const SortRule rule = key.field->sort;
    if (rule == SortRule::kIssueKey) {
      const IssueColumns& c = store_.columns();
      return {false, (rank[static_cast<size_t>(c.project.values.Get(row))] << 40) |
                         c.number.values.Get(row)};
    }
    if (rule == SortRule::kValue) {
      // Dates, numbers and codes: the stored value itself, no lookups.
      if (const IntColumn* c = IntColumnOf(store_, key.column, key.custom)) {
        if (!c->IsValid(row)) return {true, 0};
        return {false, c->values.Get(row)};
      }
    }
    RowValues(store_, key.column, key.custom, row, scratch);
    if (scratch.empty()) return {true, 0};
    const auto code = static_cast<Code>(scratch.front());
    switch (rule) {
      case SortRule::kPriority:
        return {false, -cat.priorities[code].sequence};  // Highest is greatest
      case SortRule::kCatalogId:
        return {false, DictionaryId(cat, key.field->dictionary, code)};
      case SortRule::kVersion:
        return {false, (rank[cat.versions[code].project] << 32) | cat.versions[code].sequence};
      case SortRule::kName:
        return {false, rank[code]};
      default:
        return {false, scratch.front()};
    }
  }

 private:
  template <typename Name>
  static std::vector<int64_t> RankByName(size_t n, Name name) {
    std::vector<Code> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](Code a, Code b) { return name(a) < name(b); });
    std::vector<int64_t> rank(n);
    for (size_t i = 0; i < n; ++i) rank[order[i]] = static_cast<int64_t>(i);
    return rank;
  }

  const IssueStore& store_;
  const std::vector<SortKey>& keys_;
  std::vector<std::vector<int64_t>> ranks_;
};

// The matching rows in the query's order; only the first `limit` need to be in order
// (and only they are returned).
}  // namespace

std::vector<uint32_t> OrderRows(const IssueStore& store, const CompiledQuery& query,
                                const RowBitmap& hits, size_t limit, const PagePosition* after,
                                size_t* following) {
  size_t ignored = 0;
  if (following == nullptr) following = &ignored;
  if (limit == 0 && after == nullptr) {  // a count: no rows wanted, none need listing
    *following = hits.Count();
    return {};
  }
  std::vector<uint32_t> rows;
  rows.reserve(hits.Count());
  hits.ForEach([&](size_t row) { rows.push_back(static_cast<uint32_t>(row)); });
  const IntColumn& id = store.columns().id;
  if (query.order.empty()) {
    // No ORDER BY: issue id ascending, the stable order the archive rule needs (rows
    // are usually in id order already).
    if (after != nullptr) {
      std::erase_if(rows, [&](uint32_t row) { return id.values.Get(row) <= after->id; });
    }
    *following = rows.size();
    if (!store.IdsAscend()) {
      std::sort(rows.begin(), rows.end(),
                [&](uint32_t a, uint32_t b) { return id.values.Get(a) < id.values.Get(b); });
    }
    if (rows.size() > limit) rows.resize(limit);
    return rows;
  }
  const size_t nkeys = query.order.size();
  if (const SortKey& only = query.order.front();
      after == nullptr && nkeys == 1 && store.IdsAscend() && only.field->sort == SortRule::kValue) {
    *following = rows.size();
    // One date or number key: sort (key, row) pairs directly. The key maps the value
    // to an unsigned order (flipped for DESC) with empties last; rows break ties, and
    // rows are in id order.
    if (const IntColumn* c = IntColumnOf(store, only.column, only.custom)) {
      std::vector<std::pair<uint64_t, uint32_t>> keyed;
      keyed.reserve(rows.size());
      for (uint32_t row : rows) {
        uint64_t k = UINT64_MAX;
        if (c->IsValid(row)) {
          const uint64_t v = static_cast<uint64_t>(c->values.Get(row)) ^ (uint64_t{1} << 63);
          k = only.descending ? ~v : v;
          if (k == UINT64_MAX) --k;  // keep empties strictly last
        }
        keyed.emplace_back(k, row);
      }
      if (limit < keyed.size()) {
        std::nth_element(keyed.begin(), keyed.begin() + static_cast<ptrdiff_t>(limit), keyed.end());
        keyed.resize(limit);
      }
      std::sort(keyed.begin(), keyed.end());
      std::vector<uint32_t> out;
      out.reserve(keyed.size());
      for (const auto& [k, row] : keyed) out.push_back(row);
      return out;
    }
  }
  const SortKeys keys(store, query.order);
  // Each row's keys in one flat array: (empty, value) pairs, then the id.
  std::vector<std::pair<bool, int64_t>> values(rows.size() * nkeys);
  std::vector<int64_t> scratch;
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t k = 0; k < nkeys; ++k) values[i * nkeys + k] = keys.Get(k, rows[i], scratch);
  }
  std::vector<uint32_t> index(rows.size());
  std::iota(index.begin(), index.end(), 0);
  // (keys, id) before (keys, id), in the query's order.
  auto before = [&](const std::pair<bool, int64_t>* x, int64_t x_id,
                    const std::pair<bool, int64_t>* y, int64_t y_id) {
    for (size_t k = 0; k < nkeys; ++k) {
      if (x[k].first != y[k].first) return !x[k].first;  // empties last, in either direction
      if (x[k].second != y[k].second)
        return query.order[k].descending ? x[k].second > y[k].second : x[k].second < y[k].second;
    }
    return x_id < y_id;
  };
  auto less = [&](uint32_t a, uint32_t b) {
    return before(&values[a * nkeys], id.values.Get(rows[a]), &values[b * nkeys],
                  id.values.Get(rows[b]));
  };
  if (after != nullptr && after->keys.size() == nkeys) {
    std::erase_if(index, [&](uint32_t i) {
      return !before(after->keys.data(), after->id, &values[i * nkeys], id.values.Get(rows[i]));
    });
  }
  *following = index.size();
  if (limit < index.size()) {
    // Only the first `limit` are wanted: select them, then sort just those.
    std::nth_element(index.begin(), index.begin() + static_cast<ptrdiff_t>(limit), index.end(),
                     less);
    index.resize(limit);
  }
  std::sort(index.begin(), index.end(), less);
  std::vector<uint32_t> out;
  out.reserve(index.size());
  for (uint32_t i : index) out.push_back(rows[i]);
  return out;
}

PagePosition PositionOf(const IssueStore& store, const CompiledQuery& query, size_t row) {
  PagePosition position;
  position.id = store.columns().id.values.Get(row);
  if (query.order.empty()) return position;
  const SortKeys keys(store, query.order);
  std::vector<int64_t> scratch;
  for (size_t k = 0; k < query.order.size(); ++k)
    position.keys.push_back(keys.Get(k, row, scratch));
  return position;
}

}  // namespace jql::internal
