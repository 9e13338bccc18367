// The column layouts of the issue store. Read-only views for the engine; built by
// IssueStoreBuilder and by the snapshot reader.
//
// Every column keeps its bytes in a Buffer, which either owns heap memory or views a
// memory-mapped snapshot file (keeping the mapping alive). Columns are immutable once
// built and safe to read from any number of threads.
#ifndef JQL_COLUMNS_H_
#define JQL_COLUMNS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace jql {

// Bytes with an owner: heap memory, or a view into a mapped file.
class Buffer {
 public:
  Buffer() = default;
  // Uninitialized heap bytes (plus 8 bytes of zeroed padding, so 8-byte loads at any
  // offset inside are safe).
  static Buffer Allocate(size_t size);
  static Buffer FromVector(const void* data, size_t size);
  // A view of memory owned by `owner` (e.g. a file mapping).
  static Buffer View(const uint8_t* data, size_t size, std::shared_ptr<const void> owner);
  // Takes a string over (its bytes are not copied).
  static Buffer FromString(std::string&& text);
  // Takes a vector's memory over as a buffer of its first `size` bytes (not copied),
  // for a column packed over its own unpacked values. REQUIRES: size is at most the
  // vector's bytes. The 8 bytes past `size` become the zeroed padding (the vector grows
  // when they are not there); the memory past those is the buffer's spare, kept until
  // ReleaseSpare.
  static Buffer Adopt(std::vector<int64_t>&& values, size_t size);
  static Buffer Adopt(std::vector<uint64_t>&& values, size_t size);
  static Buffer Adopt(std::vector<int32_t>&& values, size_t size);
  static Buffer Adopt(std::vector<uint32_t>&& values, size_t size);
  static Buffer Adopt(std::vector<uint8_t>&& values, size_t size);

  const uint8_t* data() const { return data_; }
  uint8_t* mutable_data() { return const_cast<uint8_t*>(data_); }  // only while building
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  template <typename T>
  const T* As() const {
    return reinterpret_cast<const T*>(data_);
  }

  // Gives the whole pages of the spare back to the system. Deferred by the builder,
  // since memory given back and soon asked for again is slow to get on the VMs this
  // runs on; see IssueStoreBuilder::Build.
  void ReleaseSpare() const;
  // Gives the whole pages of the buffer and its spare back to the system: afterwards
  // heap memory reads as zeros, and a view of a mapped file reads the file again (see
  // SaveSnapshot of a store given up).
  void Release() const;

 private:
  template <typename T>
  static Buffer AdoptVector(std::vector<T>&& values, size_t size);  // Adopt, for any T

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t spare_ = 0;  // bytes owned past the padding
  std::shared_ptr<const void> owner_;
};

// One bit per row. An empty Bitmap means "every bit set" for validity bitmaps.
class Bitmap {
 public:
  Bitmap() = default;
  Bitmap(Buffer words, size_t size) : words_(std::move(words)), size_(size) {}
  static Bitmap FromBools(const std::vector<bool>& bits);

  bool empty() const { return words_.empty(); }
  size_t size() const { return size_; }
  bool Get(size_t i) const { return (words_.As<uint64_t>()[i >> 6] >> (i & 63)) & 1; }
  const uint64_t* words() const { return words_.As<uint64_t>(); }
  size_t word_count() const { return (size_ + 63) / 64; }
  size_t CountSet() const;
  const Buffer& buffer() const { return words_; }

 private:
  Buffer words_;
  size_t size_ = 0;
};

// Integers stored as base + step * an unsigned offset of `width` bytes (0..8), byte
// packed: a frame-of-reference encoding that stores ids in 3 bytes, dictionary codes
// in 1-2, epoch-millisecond times of a few years in 5, dates (a step of one day) in 2,
// and a constant column in none.
class PackedInts {
 public:
  PackedInts() = default;
  static PackedInts Build(std::span<const int64_t> values);
  // The same packing from narrower values, which builders hold narrow to save memory.
  static PackedInts Build(std::span<const int32_t> values);
  static PackedInts Build(std::span<const uint32_t> values);
  static PackedInts Build(std::span<const uint8_t> values);
  // The same packing written over the values' own memory, which the column then keeps:
  // no second copy of a big column (a builder's columns are its biggest allocations,
  // and fresh memory costs more to fill than the packing itself).
  static PackedInts Build(std::vector<int64_t>&& values);
  static PackedInts Build(std::vector<uint64_t>&& values);  // each below 2^63
  static PackedInts Build(std::vector<int32_t>&& values);
  static PackedInts Build(std::vector<uint32_t>&& values);
  static PackedInts Build(std::vector<uint8_t>&& values);
  PackedInts(Buffer data, size_t size, int64_t base, int64_t step, uint8_t width);

  size_t size() const { return size_; }
  int64_t base() const { return base_; }
  int64_t step() const { return step_; }
  uint8_t width() const { return width_; }
  uint64_t mask() const { return mask_; }
  const Buffer& buffer() const { return data_; }
  size_t bytes() const { return data_.size(); }

  // The stored offset ((value - base) / step) of a row; cheaper to compare than Get.
  uint64_t Raw(size_t row) const {
    uint64_t raw;
    std::memcpy(&raw, data_.data() + row * width_, sizeof raw);
    return raw & mask_;
  }
  // Unsigned arithmetic: the offset of a full 64-bit range wraps to the right value.
  int64_t Get(size_t row) const {
    return static_cast<int64_t>(static_cast<uint64_t>(base_) +
                                static_cast<uint64_t>(step_) * Raw(row));
  }

 private:
  Buffer data_;
  size_t size_ = 0;
  int64_t base_ = 0;
  int64_t step_ = 1;
  uint8_t width_ = 0;
  uint64_t mask_ = 0;
};

// A single-valued integer column (ids, codes, times) with a validity bitmap; the
// bitmap is empty when no row is empty.
struct IntColumn {
  PackedInts values;
  Bitmap valid;

  bool present() const { return values.size() > 0; }
  // An absent column (no row has a value) has no values at all.
  bool IsValid(size_t row) const { return present() && (valid.empty() || valid.Get(row)); }
  size_t bytes() const { return values.bytes() + valid.buffer().size(); }
};

// A multi-valued code column (labels, components, versions, sprints, watchers): per
// row a count (one byte; 255 means "look in the overflow list"), a start offset every
// 64 rows, and the codes of all rows back to back.
class MultiColumn {
 public:
  static constexpr size_t kBlock = 64;

  MultiColumn() = default;
  // The codes are packed over their own memory.
  static MultiColumn Build(const std::vector<uint32_t>& offsets, std::vector<uint32_t> codes);
  MultiColumn(Buffer counts, Buffer block_starts, PackedInts codes,
              std::vector<std::pair<uint32_t, uint32_t>> overflow, size_t rows);

  size_t rows() const { return rows_; }
  bool present() const { return rows_ > 0; }
  uint32_t Count(size_t row) const {
    const uint8_t c = counts_.data()[row];
    return c != 255 ? c : OverflowCount(row);
  }
  // The first code index of a row.
  uint64_t Begin(size_t row) const;
  const PackedInts& codes() const { return codes_; }
  const Buffer& counts() const { return counts_; }
  const Buffer& block_starts() const { return block_starts_; }
  const std::vector<std::pair<uint32_t, uint32_t>>& overflow() const { return overflow_; }
  size_t bytes() const;
  // Counts, overflow list, block starts and codes agree (for data read from a file).
  bool Consistent() const;

 private:
  uint32_t OverflowCount(size_t row) const;

  Buffer counts_;        // uint8 per row
  Buffer block_starts_;  // uint64 per block of 64 rows
  PackedInts codes_;
  std::vector<std::pair<uint32_t, uint32_t>> overflow_;  // (row, count) for counts >= 255
  size_t rows_ = 0;
};

// Text per row: offsets (packed, rows + 1 of them) into one UTF-8 blob.
class TextColumn {
 public:
  TextColumn() = default;
  TextColumn(PackedInts offsets, Buffer chars)
      : offsets_(std::move(offsets)), chars_(std::move(chars)) {}
  // Takes the characters over without copying them, and packs the offsets over their
  // own memory.
  static TextColumn Build(std::vector<uint64_t> offsets, std::string&& chars);

  bool present() const { return offsets_.size() > 0; }
  size_t rows() const { return offsets_.size() == 0 ? 0 : offsets_.size() - 1; }
  // Empty for an absent column (no row has text).
  std::string_view Get(size_t row) const {
    if (offsets_.size() == 0) return {};
    const int64_t begin = offsets_.Get(row);
    const int64_t end = offsets_.Get(row + 1);
    return {reinterpret_cast<const char*>(chars_.data()) + begin, static_cast<size_t>(end - begin)};
  }
  const PackedInts& offsets() const { return offsets_; }
  const Buffer& chars() const { return chars_; }
  // Offsets never decrease and stay inside the characters (for data read from a file).
  bool Consistent() const;
  size_t bytes() const { return offsets_.bytes() + chars_.size(); }

 private:
  PackedInts offsets_;
  Buffer chars_;
};

}  // namespace jql

#endif  // JQL_COLUMNS_H_
