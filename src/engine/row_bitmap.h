// One bit per row of a range of rows (the whole store, or one block of it): the
// engine's set of rows. Bit i of word w is row 64 * w + i of the range; bits past
// the last row are always clear, so Count and the set operations need no masking.
#ifndef JQL_SRC_ENGINE_ROW_BITMAP_H_
#define JQL_SRC_ENGINE_ROW_BITMAP_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace jql::internal {

class RowBitmap {
 public:
  RowBitmap() = default;
  // `rows` rows, none set (or all, with `all`).
  explicit RowBitmap(size_t rows, bool all = false) : words_(WordsFor(rows), 0), rows_(rows) {
    if (all) SetAll();
  }

  static size_t WordsFor(size_t rows) { return (rows + 63) / 64; }

  size_t rows() const { return rows_; }
  size_t words() const { return words_.size(); }
  uint64_t word(size_t w) const { return words_[w]; }
  uint64_t& word(size_t w) { return words_[w]; }
  const uint64_t* data() const { return words_.data(); }
  uint64_t* data() { return words_.data(); }

  bool Get(size_t row) const { return (words_[row >> 6] >> (row & 63)) & 1; }
  void Set(size_t row) { words_[row >> 6] |= uint64_t{1} << (row & 63); }

  size_t Count() const {
    size_t n = 0;
    for (uint64_t w : words_) n += static_cast<size_t>(std::popcount(w));
    return n;
  }
  bool None() const {
    for (uint64_t w : words_) {
      if (w != 0) return false;
    }
    return true;
  }

  // Every row of the range.
  void SetAll() {
    for (uint64_t& w : words_) w = ~uint64_t{0};
    TrimToRows();
  }
  void ClearAll() {
    for (uint64_t& w : words_) w = 0;
  }
  // The rows not set (within the range).
  void Flip() {
    for (uint64_t& w : words_) w = ~w;
    TrimToRows();
  }
  // REQUIRES (for the three below): other covers the same rows.
  void And(const RowBitmap& other) {
    for (size_t w = 0; w < words_.size(); ++w) words_[w] &= other.words_[w];
  }
  void AndNot(const RowBitmap& other) {
    for (size_t w = 0; w < words_.size(); ++w) words_[w] &= ~other.words_[w];
  }
  void Or(const RowBitmap& other) {
    for (size_t w = 0; w < words_.size(); ++w) words_[w] |= other.words_[w];
  }
  // Replaces this range's words with those of a bigger bitmap starting at row
  // `first` (a multiple of 64).
  void CopyFrom(const RowBitmap& whole, size_t first) {
    for (size_t w = 0; w < words_.size(); ++w) words_[w] = whole.words_[first / 64 + w];
    TrimToRows();
  }

  // Clears the bits past the last row, after words were written whole.
  void TrimToRows() {
    if (rows_ % 64 != 0) words_.back() &= (uint64_t{1} << (rows_ % 64)) - 1;
  }

  // Calls each(row) for every row set, in order.
  template <typename Each>
  void ForEach(Each&& each) const {
    for (size_t w = 0; w < words_.size(); ++w) {
      for (uint64_t word = words_[w]; word != 0; word &= word - 1)
        each(w * 64 + static_cast<size_t>(std::countr_zero(word)));
    }
  }

  bool operator==(const RowBitmap&) const = default;

 private:
  std::vector<uint64_t> words_;
  size_t rows_ = 0;
};

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_ROW_BITMAP_H_
