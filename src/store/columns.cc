#include "jql/columns.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>

#include "common/huge_pages.h"

namespace jql {
namespace {

constexpr size_t kPadding = 8;

uint8_t WidthFor(uint64_t range) {
  uint8_t width = 0;
  while (width < 8 && (range >> (8 * width)) != 0) ++width;
  return width;
}

}  // namespace

Buffer Buffer::Allocate(size_t size) {
  // new[] without () leaves the bytes uninitialized: snapshot reads fill them directly.
  std::shared_ptr<uint8_t[]> memory(new uint8_t[size + kPadding]);
  internal::AdviseHugePages(memory.get(), size);
  std::memset(memory.get() + size, 0, kPadding);
  Buffer buffer;
  buffer.data_ = memory.get();
  buffer.size_ = size;
  buffer.owner_ = std::move(memory);
  return buffer;
}

Buffer Buffer::FromVector(const void* data, size_t size) {
  Buffer buffer = Allocate(size);
  if (size > 0) std::memcpy(buffer.mutable_data(), data, size);
  return buffer;
}

Buffer Buffer::View(const uint8_t* data, size_t size, std::shared_ptr<const void> owner) {
  Buffer buffer;
  buffer.data_ = data;
  buffer.size_ = size;
  buffer.owner_ = std::move(owner);
  return buffer;
}

Buffer Buffer::FromString(std::string&& text) {
  // Room for the 8 bytes of padding every buffer promises past its end.
  text.reserve(text.size() + kPadding);
  const size_t size = text.size();
  auto owner = std::make_shared<std::string>(std::move(text));
  Buffer buffer;
  buffer.data_ = reinterpret_cast<const uint8_t*>(owner->data());
  buffer.size_ = size;
  buffer.owner_ = std::move(owner);
  return buffer;
}

template <typename T>
Buffer Buffer::AdoptVector(std::vector<T>&& values, size_t size) {
  // Room for the padding (a column packed to its values' full width has none).
  if (values.size() * sizeof(T) < size + kPadding)
    values.resize((size + kPadding + sizeof(T) - 1) / sizeof(T));
  auto owner = std::make_shared<std::vector<T>>(std::move(values));
  Buffer buffer;
  buffer.data_ = reinterpret_cast<const uint8_t*>(owner->data());
  buffer.size_ = size;
  buffer.spare_ = owner->capacity() * sizeof(T) - size - kPadding;
  std::memset(reinterpret_cast<uint8_t*>(owner->data()) + size, 0, kPadding);
  buffer.owner_ = std::move(owner);
  return buffer;
}

Buffer Buffer::Adopt(std::vector<int64_t>&& values, size_t size) {
  return AdoptVector(std::move(values), size);
}
Buffer Buffer::Adopt(std::vector<uint64_t>&& values, size_t size) {
  return AdoptVector(std::move(values), size);
}
Buffer Buffer::Adopt(std::vector<int32_t>&& values, size_t size) {
  return AdoptVector(std::move(values), size);
}
Buffer Buffer::Adopt(std::vector<uint32_t>&& values, size_t size) {
  return AdoptVector(std::move(values), size);
}
Buffer Buffer::Adopt(std::vector<uint8_t>&& values, size_t size) {
  return AdoptVector(std::move(values), size);
}

void Buffer::ReleaseSpare() const {
  if (spare_ == 0) return;  // also every buffer without memory (data_ may be null)
  const uint8_t* spare = data_ + size_ + kPadding;
  internal::ReleasePages(spare, spare + spare_);
}

void Buffer::Release() const {
  if (size_ > 0) internal::ReleasePages(data_, data_ + size_ + kPadding + spare_);
}

Bitmap Bitmap::FromBools(const std::vector<bool>& bits) {
  const size_t words = (bits.size() + 63) / 64;
  Buffer buffer = Buffer::Allocate(words * 8);
  auto* out = reinterpret_cast<uint64_t*>(buffer.mutable_data());
  std::fill(out, out + words, 0);
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits[i]) out[i >> 6] |= uint64_t{1} << (i & 63);
  }
  return Bitmap(std::move(buffer), bits.size());
}

size_t Bitmap::CountSet() const {
  if (empty()) return size_;
  size_t count = 0;
  for (size_t i = 0; i < word_count(); ++i) count += std::popcount(words()[i]);
  return count;
}

PackedInts::PackedInts(Buffer data, size_t size, int64_t base, int64_t step, uint8_t width)
    : data_(std::move(data)),
      size_(size),
      base_(base),
      step_(step),
      width_(width),
      mask_(width >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * width)) - 1) {}

namespace {

// Stores each offset in `Width` bytes. A fixed width lets the compiler turn the copy
// into one store, and a step of 1 (ids, times in ms, codes) skips the division.
template <size_t Width, typename T>
void PackOffsets(std::span<const T> values, uint64_t base, uint64_t step, uint8_t* out) {
  if (step == 1) {
    for (size_t i = 0; i < values.size(); ++i) {
      const uint64_t offset = static_cast<uint64_t>(static_cast<int64_t>(values[i])) - base;
      std::memcpy(out + i * Width, &offset, Width);  // little-endian: the low bytes
    }
    return;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const uint64_t offset = (static_cast<uint64_t>(static_cast<int64_t>(values[i])) - base) / step;
    std::memcpy(out + i * Width, &offset, Width);
  }
}

// The frame a column's values are stored against: offsets from `base` in units of
// `step`, each in `width` bytes.
struct Frame {
  uint64_t base = 0;
  uint64_t step = 1;
  uint8_t width = 0;
};

// Any integer type in, the same packing out: a builder may hold narrow values narrow.
template <typename T>
Frame FrameFor(std::span<const T> values) {
  Frame frame;
  if (values.empty()) return frame;
  // A plain loop rather than std::minmax_element, which returns positions and so is
  // not vectorised (1.3 s of a 10M generation's Build went there).
  T lo = values[0], hi = values[0];
  for (T v : values) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  frame.base = static_cast<uint64_t>(static_cast<int64_t>(lo));
  // The common divisor of all offsets (a day for dates), so they pack narrower.
  uint64_t step = 0;
  for (T v : values) {
    step = std::gcd(step, static_cast<uint64_t>(static_cast<int64_t>(v)) - frame.base);
    if (step == 1) break;
  }
  if (step == 0 || step > static_cast<uint64_t>(INT64_MAX)) step = 1;
  frame.step = step;
  frame.width = WidthFor((static_cast<uint64_t>(static_cast<int64_t>(hi)) - frame.base) / step);
  return frame;
}

template <typename T>
void PackInto(std::span<const T> values, const Frame& frame, uint8_t* out) {
  // One instance per width; width 0 (every value equals the base) stores nothing.
  using Pack = void (*)(std::span<const T>, uint64_t, uint64_t, uint8_t*);
  static constexpr Pack kPackers[] = {nullptr,
                                      &PackOffsets<1, T>,
                                      &PackOffsets<2, T>,
                                      &PackOffsets<3, T>,
                                      &PackOffsets<4, T>,
                                      &PackOffsets<5, T>,
                                      &PackOffsets<6, T>,
                                      &PackOffsets<7, T>,
                                      &PackOffsets<8, T>};
  if (frame.width > 0) kPackers[frame.width](values, frame.base, frame.step, out);
}

template <typename T>
PackedInts BuildPacked(std::span<const T> values) {
  const Frame frame = FrameFor(values);
  Buffer buffer = Buffer::Allocate(values.size() * frame.width);
  PackInto(values, frame, buffer.mutable_data());
  return PackedInts(std::move(buffer), values.size(), static_cast<int64_t>(frame.base),
                    static_cast<int64_t>(frame.step), frame.width);
}

template <typename T>
PackedInts BuildPackedInPlace(std::vector<T>&& values) {
  const size_t n = values.size();
  const Frame frame = FrameFor(std::span<const T>(values));
  // An offset never takes more bytes than its value's type (the range of any n-bit
  // type fits in n bits), so value i is written over bytes of values 0..i only, all
  // read by then.
  PackInto(std::span<const T>(values.data(), n), frame, reinterpret_cast<uint8_t*>(values.data()));
  return PackedInts(Buffer::Adopt(std::move(values), n * frame.width), n,
                    static_cast<int64_t>(frame.base), static_cast<int64_t>(frame.step),
                    frame.width);
}

}  // namespace

PackedInts PackedInts::Build(std::span<const int64_t> values) { return BuildPacked(values); }
PackedInts PackedInts::Build(std::span<const int32_t> values) { return BuildPacked(values); }
PackedInts PackedInts::Build(std::span<const uint32_t> values) { return BuildPacked(values); }
PackedInts PackedInts::Build(std::span<const uint8_t> values) { return BuildPacked(values); }
PackedInts PackedInts::Build(std::vector<int64_t>&& values) {
  return BuildPackedInPlace(std::move(values));
}
PackedInts PackedInts::Build(std::vector<uint64_t>&& values) {
  return BuildPackedInPlace(std::move(values));
}
PackedInts PackedInts::Build(std::vector<int32_t>&& values) {
  return BuildPackedInPlace(std::move(values));
}
PackedInts PackedInts::Build(std::vector<uint32_t>&& values) {
  return BuildPackedInPlace(std::move(values));
}
PackedInts PackedInts::Build(std::vector<uint8_t>&& values) {
  return BuildPackedInPlace(std::move(values));
}

MultiColumn::MultiColumn(Buffer counts, Buffer block_starts, PackedInts codes,
                         std::vector<std::pair<uint32_t, uint32_t>> overflow, size_t rows)
    : counts_(std::move(counts)),
      block_starts_(std::move(block_starts)),
      codes_(std::move(codes)),
      overflow_(std::move(overflow)),
      rows_(rows) {}

MultiColumn MultiColumn::Build(const std::vector<uint32_t>& offsets, std::vector<uint32_t> codes) {
  const size_t rows = offsets.empty() ? 0 : offsets.size() - 1;
  Buffer counts = Buffer::Allocate(rows);
  const size_t blocks = (rows + kBlock - 1) / kBlock;
  Buffer starts = Buffer::Allocate(blocks * sizeof(uint64_t));
  std::vector<std::pair<uint32_t, uint32_t>> overflow;
  for (size_t row = 0; row < rows; ++row) {
    const uint32_t count = offsets[row + 1] - offsets[row];
    counts.mutable_data()[row] = static_cast<uint8_t>(std::min<uint32_t>(count, 255));
    if (count >= 255) overflow.emplace_back(static_cast<uint32_t>(row), count);
    if (row % kBlock == 0) {
      const uint64_t start = offsets[row];
      std::memcpy(starts.mutable_data() + (row / kBlock) * sizeof(uint64_t), &start, sizeof start);
    }
  }
  return MultiColumn(std::move(counts), std::move(starts), PackedInts::Build(std::move(codes)),
                     std::move(overflow), rows);
}

uint32_t MultiColumn::OverflowCount(size_t row) const {
  const auto it = std::lower_bound(overflow_.begin(), overflow_.end(),
                                   std::pair<uint32_t, uint32_t>(static_cast<uint32_t>(row), 0));
  return it->second;
}

uint64_t MultiColumn::Begin(size_t row) const {
  const size_t block = row / kBlock;
  uint64_t begin = block_starts_.As<uint64_t>()[block];
  for (size_t r = block * kBlock; r < row; ++r) begin += Count(r);
  return begin;
}

bool MultiColumn::Consistent() const {
  if (counts_.size() != rows_ ||
      block_starts_.size() != (rows_ + kBlock - 1) / kBlock * sizeof(uint64_t))
    return false;
  for (size_t i = 0; i < overflow_.size(); ++i) {
    if (overflow_[i].first >= rows_ || overflow_[i].second < 255 ||
        counts_.data()[overflow_[i].first] != 255 ||
        (i > 0 && overflow_[i - 1].first >= overflow_[i].first)) {
      return false;
    }
  }
  uint64_t next = 0;
  size_t overflow_seen = 0;
  for (size_t row = 0; row < rows_; ++row) {
    if (row % kBlock == 0 && block_starts_.As<uint64_t>()[row / kBlock] != next) return false;
    const uint8_t c = counts_.data()[row];
    if (c == 255) {
      if (overflow_seen == overflow_.size() || overflow_[overflow_seen].first != row) return false;
      next += overflow_[overflow_seen++].second;
    } else {
      next += c;
    }
  }
  return overflow_seen == overflow_.size() && next == codes_.size();
}

bool TextColumn::Consistent() const {
  int64_t previous = 0;
  for (size_t i = 0; i < offsets_.size(); ++i) {
    const int64_t o = offsets_.Get(i);
    if (o < previous || static_cast<uint64_t>(o) > chars_.size()) return false;
    previous = o;
  }
  return true;
}

size_t MultiColumn::bytes() const {
  return counts_.size() + block_starts_.size() + codes_.bytes() +
         overflow_.size() * sizeof(overflow_[0]);
}

TextColumn TextColumn::Build(std::vector<uint64_t> offsets, std::string&& chars) {
  return TextColumn(PackedInts::Build(std::move(offsets)), Buffer::FromString(std::move(chars)));
}

}  // namespace jql
