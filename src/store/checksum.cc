#include "checksum.h"

namespace jql::internal {

void Checksum::Block(const uint8_t* p) {
  for (int lane = 0; lane < 4; ++lane) {
    uint64_t word;
    std::memcpy(&word, p + lane * 8, 8);
    lanes_[lane] = Round(lanes_[lane], word);
  }
}

void Checksum::Update(const void* data, size_t size) {
  const auto* p = static_cast<const uint8_t*>(data);
  total_ += size;
  if (tail_size_ > 0) {
    const size_t take = size < 32 - tail_size_ ? size : 32 - tail_size_;
    std::memcpy(tail_ + tail_size_, p, take);
    tail_size_ += take;
    p += take;
    size -= take;
    if (tail_size_ < 32) return;
    Block(tail_);
    tail_size_ = 0;
  }
  while (size >= 32) {
    Block(p);
    p += 32;
    size -= 32;
  }
  std::memcpy(tail_, p, size);
  tail_size_ = size;
}

uint64_t Checksum::Finish() const {
  uint64_t h = ((lanes_[0] << 1) | (lanes_[0] >> 63)) + ((lanes_[1] << 7) | (lanes_[1] >> 57)) +
               ((lanes_[2] << 12) | (lanes_[2] >> 52)) + ((lanes_[3] << 18) | (lanes_[3] >> 46));
  h += total_;
  for (size_t i = 0; i < tail_size_; ++i) h = Round(h, tail_[i]);
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  return h;
}

}  // namespace jql::internal
