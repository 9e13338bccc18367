#include "text_index.h"

#include <algorithm>
#include <boost/unordered/unordered_flat_map.hpp>
#include <chrono>
#include <functional>
#include <span>
#include <thread>
#include <unordered_map>

#include "row_values.h"

namespace jql::internal {
namespace {

void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

}  // namespace

struct TextIndex::FieldIndex {
  std::vector<std::string> terms;  // sorted
  std::vector<uint64_t> begin;     // terms + 1 offsets into postings
  std::vector<uint32_t> rows;      // rows per term
  std::string postings;            // per term: varint row gaps (first: row + 1)
  RowBitmap nonempty;
  double build_seconds = 0;
  size_t bytes() const {
    size_t b = postings.size() + begin.size() * 8 + rows.size() * 4 + nonempty.words() * 8;
    for (const std::string& t : terms) b += t.size() + sizeof(std::string);
    return b;
  }
};

TextIndex::TextIndex(const IssueStore& store)
    : store_(store),
      columns_(AllTextColumns(store)),
      sources_(columns_.size()),
      built_(new std::once_flag[columns_.size()]),
      ready_(new std::atomic<bool>[columns_.size()]()),
      fields_(sources_) {}

TextIndex::~TextIndex() = default;

namespace {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// One thread's share of an index build: the terms of a range of rows.
struct PartialIndex {
  // Raw word as written -> term number, or -1 for a stop word: most words repeat, so
  // each distinct spelling is analysed (lower-cased, stemmed) once.
  boost::unordered_flat_map<std::string, int32_t, StringHash, std::equal_to<>> raw_terms;
  boost::unordered_flat_map<std::string, uint32_t, StringHash, std::equal_to<>> term_numbers;
  std::vector<std::string> terms;
  // (term number, row) as they come, in row order; then grouped by term with a
  // counting sort, which writes each term's rows in one run instead of growing
  // thousands of vectors at once.
  std::vector<uint64_t> pairs;
  std::vector<uint32_t> last_row;  // per term: the last row + 1 that had it
  std::vector<uint32_t> rows;      // grouped by term, ascending within each
  std::vector<size_t> begin;       // per term + 1: where its rows start in `rows`

  std::span<const uint32_t> RowsOf(size_t term) const {
    return {rows.data() + begin[term], begin[term + 1] - begin[term]};
  }

  void Collect(const TextColumn& column, size_t first, size_t end, RowBitmap& nonempty) {
    TextAnalyzer& analyzer = TextAnalyzer::ForThisThread();
    for (size_t row = first; row < end; ++row) {
      const std::string_view text = column.Get(row);
      if (IsBlankText(text)) continue;
      nonempty.Set(row);
      const auto r = static_cast<uint32_t>(row);
      TextAnalyzer::Tokenize(text, [&](std::string_view raw) {
        auto it = raw_terms.find(raw);
        if (it == raw_terms.end()) {
          std::string term = analyzer.Term(raw);
          int32_t number = -1;
          if (!term.empty()) {
            auto [t, added] = term_numbers.try_emplace(term, static_cast<uint32_t>(terms.size()));
            if (added) {
              terms.push_back(std::move(term));
              last_row.push_back(0);
            }
            number = static_cast<int32_t>(t->second);
          }
          it = raw_terms.emplace(std::string(raw), number).first;
        }
        if (it->second < 0) return;
        const auto n = static_cast<size_t>(it->second);
        if (last_row[n] == r + 1) return;  // already counted for this row
        last_row[n] = r + 1;
        pairs.push_back(uint64_t{n} << 32 | r);
      });
    }
    begin.assign(terms.size() + 1, 0);
    for (uint64_t p : pairs) ++begin[(p >> 32) + 1];
    for (size_t t = 0; t < terms.size(); ++t) begin[t + 1] += begin[t];
    rows.resize(pairs.size());
    std::vector<size_t> next(begin.begin(), begin.end() - 1);
    for (uint64_t p : pairs) rows[next[p >> 32]++] = static_cast<uint32_t>(p);
    std::vector<uint64_t>().swap(pairs);
  }
};

}  // namespace

const TextIndex::FieldIndex& TextIndex::Field(size_t source) const {
  std::call_once(built_[source], [&] {
    const auto start = std::chrono::steady_clock::now();
    auto index = std::make_unique<FieldIndex>();
    const TextColumn& column = *columns_[source];
    const size_t rows = column.present() ? store_.rows() : 0;
    index->nonempty = RowBitmap(store_.rows());
    // Two halves on two threads (split at a bitmap word, so each writes its own words).
    PartialIndex halves[2];
    const size_t middle = rows / 2 / 64 * 64;
    std::thread second([&] { halves[1].Collect(column, middle, rows, index->nonempty); });
    halves[0].Collect(column, 0, middle, index->nonempty);
    second.join();
    // The dictionary in term order; each term's rows are the first half's then the
    // second's, so they stay ascending. Postings are gaps between rows.
    std::vector<std::pair<std::string_view, std::pair<int64_t, int64_t>>> order;
    std::unordered_map<std::string_view, size_t> position;
    for (int h = 0; h < 2; ++h) {
      for (size_t t = 0; t < halves[h].terms.size(); ++t) {
        const std::string_view term = halves[h].terms[t];
        auto [it, added] = position.try_emplace(term, order.size());
        if (added) order.push_back({term, {-1, -1}});
        (h == 0 ? order[it->second].second.first : order[it->second].second.second) =
            static_cast<int64_t>(t);
      }
    }
    std::sort(order.begin(), order.end());
    index->terms.reserve(order.size());
    index->begin.reserve(order.size() + 1);
    for (const auto& [term, numbers] : order) {
      index->terms.emplace_back(term);
      index->begin.push_back(index->postings.size());
      uint64_t previous = 0, count = 0;
      for (int h = 0; h < 2; ++h) {
        const int64_t t = h == 0 ? numbers.first : numbers.second;
        if (t < 0) continue;
        for (uint32_t row : halves[h].RowsOf(static_cast<size_t>(t))) {
          PutVarint(index->postings, count == 0 ? uint64_t{row} + 1 : row - previous);
          previous = row;
          ++count;
        }
      }
      index->rows.push_back(static_cast<uint32_t>(count));
    }
    index->begin.push_back(index->postings.size());
    index->postings.shrink_to_fit();
    index->build_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fields_[source] = std::move(index);
    ready_[source] = true;
  });
  return *fields_[source];
}

std::vector<size_t> TextIndex::Sources(ColumnId column, int custom) const {
  std::vector<size_t> out;
  const TextColumn* wanted =
      column == ColumnId::kAllText ? nullptr : TextColumnOf(store_, column, custom);
  for (size_t s = 0; s < sources_; ++s) {
    // `text ~` reads every system text field, and the custom fields that hold text.
    const bool all = column == ColumnId::kAllText && (s < 4 || columns_[s]->present());
    if (all || columns_[s] == wanted) out.push_back(s);
  }
  return out;
}

RowBitmap TextIndex::NonEmpty(ColumnId column, int custom) const {
  RowBitmap out(store_.rows());
  for (size_t s : Sources(column, custom)) out.Or(Field(s).nonempty);
  return out;
}

RowBitmap TextIndex::TermRows(const std::string& term, const std::vector<size_t>& sources,
                              Work* work) const {
  RowBitmap out(store_.rows());
  for (size_t s : sources) {
    const FieldIndex& f = Field(s);
    const auto it = std::lower_bound(f.terms.begin(), f.terms.end(), term);
    if (it == f.terms.end() || *it != term) continue;
    const auto t = static_cast<size_t>(it - f.terms.begin());
    const auto* p = reinterpret_cast<const uint8_t*>(f.postings.data()) + f.begin[t];
    uint64_t row = 0;
    for (uint32_t n = 0; n < f.rows[t]; ++n) {
      uint64_t v = 0;
      for (int shift = 0;; shift += 7) {
        const uint8_t b = *p++;
        v |= uint64_t{b & 0x7Fu} << shift;
        if (b < 0x80) break;
      }
      row = n == 0 ? v - 1 : row + v;
      out.Set(row);
    }
    if (work != nullptr) work->postings_read += f.rows[t];
  }
  return out;
}

RowBitmap TextIndex::Evaluate(const TextQuery& q, const std::vector<size_t>& sources,
                              ColumnId column, int custom, Work* work) const {
  const size_t rows = store_.rows();
  switch (q.kind) {
    case TextQuery::Kind::kNothing:
      return RowBitmap(rows);
    case TextQuery::Kind::kTerm:
      return TermRows(q.term, sources, work);
    case TextQuery::Kind::kWildcard: {
      // Every dictionary term the pattern matches; the literal prefix narrows the scan.
      const std::string prefix = q.term.substr(0, q.term.find_first_of("*?"));
      RowBitmap out(rows);
      std::vector<std::string> matching;
      for (size_t s : sources) {
        const FieldIndex& f = Field(s);
        for (auto it = std::lower_bound(f.terms.begin(), f.terms.end(), prefix);
             it != f.terms.end() && it->starts_with(prefix); ++it) {
          if (WildcardMatches(q.term, *it)) matching.push_back(*it);
        }
      }
      std::sort(matching.begin(), matching.end());
      matching.erase(std::unique(matching.begin(), matching.end()), matching.end());
      for (const std::string& term : matching) out.Or(TermRows(term, sources, work));
      return out;
    }
    case TextQuery::Kind::kPhrase: {
      // Rows with every word, then the words side by side in the text itself.
      RowBitmap candidates = TermRows(q.phrase.front().term, sources, work);
      for (size_t i = 1; i < q.phrase.size(); ++i)
        candidates.And(TermRows(q.phrase[i].term, sources, work));
      RowBitmap out(rows);
      std::vector<TextToken> tokens;
      candidates.ForEach([&](size_t row) {
        RowTokens(store_, column, custom, row, tokens);
        if (TextMatches(q, tokens)) out.Set(row);
        if (work != nullptr) ++work->verified;
      });
      return out;
    }
    case TextQuery::Kind::kAnd: {
      RowBitmap out;
      bool any_positive = false;
      for (const TextQuery& c : q.children) {
        if (c.negated) continue;
        RowBitmap matched = Evaluate(c, sources, column, custom, work);
        if (!any_positive) {
          out = std::move(matched);
          any_positive = true;
        } else {
          out.And(matched);
        }
      }
      if (!any_positive) return RowBitmap(rows);  // only exclusions: nothing
      for (const TextQuery& c : q.children) {
        if (c.negated) out.AndNot(Evaluate(c, sources, column, custom, work));
      }
      return out;
    }
    case TextQuery::Kind::kOr: {
      RowBitmap out(rows);
      for (const TextQuery& c : q.children) out.Or(Evaluate(c, sources, column, custom, work));
      return out;
    }
  }
  return RowBitmap(rows);
}

RowBitmap TextIndex::Search(const TextQuery& query, ColumnId column, int custom, Work* work) const {
  return Evaluate(query, Sources(column, custom), column, custom, work);
}

std::optional<double> TextIndex::EstimateFraction(const TextQuery& query, ColumnId column,
                                                  int custom) const {
  const std::vector<size_t> sources = Sources(column, custom);
  if (store_.rows() == 0) return std::nullopt;
  for (size_t s : sources) {
    if (!ready_[s]) return std::nullopt;
  }
  const double rows = static_cast<double>(store_.rows());
  // Rows holding a term: the sum over the fields (an upper bound), as a fraction.
  auto term = [&](const std::string& t) {
    double n = 0;
    for (size_t s : sources) {
      const FieldIndex& f = *fields_[s];
      const auto it = std::lower_bound(f.terms.begin(), f.terms.end(), t);
      if (it != f.terms.end() && *it == t) n += f.rows[static_cast<size_t>(it - f.terms.begin())];
    }
    return std::min(1.0, n / rows);
  };
  std::function<double(const TextQuery&)> estimate = [&](const TextQuery& q) -> double {
    switch (q.kind) {
      case TextQuery::Kind::kNothing:
        return 0.0;
      case TextQuery::Kind::kTerm:
        return term(q.term);
      case TextQuery::Kind::kWildcard:
        return 0.1;  // a guess: the expansion is what the evaluation does
      case TextQuery::Kind::kPhrase: {
        double least = 1.0;
        for (const TextToken& t : q.phrase) least = std::min(least, term(t.term));
        return least;
      }
      case TextQuery::Kind::kAnd: {
        double least = 1.0;
        for (const TextQuery& c : q.children)
          if (!c.negated) least = std::min(least, estimate(c));
        return least;
      }
      case TextQuery::Kind::kOr: {
        double sum = 0.0;
        for (const TextQuery& c : q.children) sum += estimate(c);
        return std::min(1.0, sum);
      }
    }
    return 1.0;
  };
  return estimate(query);
}

std::vector<TextIndex::FieldReport> TextIndex::BuildAll(const std::atomic<bool>* stop,
                                                        const std::function<void()>& step) const {
  std::vector<FieldReport> out;
  for (size_t s = 0; s < sources_; ++s) {
    if (stop != nullptr && stop->load()) break;
    if (s > 0 && step) step();
    if (s >= 4 && !store_.columns().custom[s - 4].text.present()) continue;  // not a text field
    const FieldIndex& f = Field(s);
    FieldReport r;
    r.field = s == 0   ? "summary"
              : s == 1 ? "description"
              : s == 2 ? "environment"
              : s == 3 ? "comment"
                       : store_.catalog().custom_fields[store_.columns().custom[s - 4].field].name;
    r.terms = f.terms.size();
    for (uint32_t n : f.rows) r.postings += n;
    r.bytes = f.bytes();
    r.build_seconds = f.build_seconds;
    out.push_back(std::move(r));
  }
  if (step && sources_ > 0 && !(stop != nullptr && stop->load())) step();
  return out;
}

}  // namespace jql::internal
