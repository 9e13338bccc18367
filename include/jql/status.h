// Status and StatusOr: how libjql reports failures that are not user mistakes in a
// query (those are Diagnostics): unreadable files, corrupt snapshots, bad input data.
// Plain values; thread-safe as any value type.
#ifndef JQL_STATUS_H_
#define JQL_STATUS_H_

#include <string>
#include <utility>
#include <variant>

namespace jql {

enum class StatusCode {
  kOk,
  kInvalidArgument,  // the caller's input is malformed (a bad data file, a bad option)
  kNotFound,         // a file or entity that does not exist
  kDataLoss,         // a corrupt or truncated file
  kFailedPrecondition,
  kResourceExhausted,  // a limit was hit
  kInternal,
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(message));
}
inline Status NotFound(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}
inline Status DataLoss(std::string message) {
  return Status(StatusCode::kDataLoss, std::move(message));
}

// A value or the Status that explains why there is none.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  StatusOr(Status status) : state_(std::move(status)) {}  // NOLINT: REQUIRES: !status.ok()

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<Status, T> state_;
};

}  // namespace jql

#endif  // JQL_STATUS_H_
