// A fast 64-bit checksum for snapshot files: four independent multiply-rotate lanes
// over 32-byte blocks. It detects corruption and truncation; it is not cryptographic.
#ifndef JQL_SRC_STORE_CHECKSUM_H_
#define JQL_SRC_STORE_CHECKSUM_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace jql::internal {

class Checksum {
 public:
  void Update(const void* data, size_t size);
  uint64_t Finish() const;

 private:
  static constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
  static constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
  static uint64_t Round(uint64_t acc, uint64_t input) {
    acc += input * kPrime2;
    acc = (acc << 31) | (acc >> 33);
    return acc * kPrime1;
  }
  void Block(const uint8_t* p);

  uint64_t lanes_[4] = {kPrime1 + kPrime2, kPrime2, 0, 0 - kPrime1};
  uint8_t tail_[32] = {};
  size_t tail_size_ = 0;
  uint64_t total_ = 0;
};

}  // namespace jql::internal

#endif  // JQL_SRC_STORE_CHECKSUM_H_
