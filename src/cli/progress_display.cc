#include "cli/progress_display.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "common/number_format.h"

namespace jql::cli {
namespace {

bool quiet_flag = false;

bool StderrIsTerminal() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) == 1 && !(term != nullptr && std::strcmp(term, "dumb") == 0);
}

}  // namespace

void SetProgressQuiet(bool quiet) { quiet_flag = quiet; }
bool ProgressQuiet() { return quiet_flag; }

std::string FormatBytes(double bytes) {
  char buf[32];
  if (bytes >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.2f GB", bytes / 1e9);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  }
  return buf;
}

std::string FormatDuration(double seconds) {
  char buf[32];
  if (seconds < 60) {
    std::snprintf(buf, sizeof buf, "%.1f s", seconds);
  } else {
    const long total = std::lround(seconds);
    std::snprintf(buf, sizeof buf, "%ld min %02ld s", total / 60, total % 60);
  }
  return buf;
}

ProgressDisplay::ProgressDisplay(std::string what, std::string unit)
    : what_(std::move(what)),
      unit_(std::move(unit)),
      live_(!quiet_flag && StderrIsTerminal()),
      start_(std::chrono::steady_clock::now()) {}

ProgressDisplay::~ProgressDisplay() {
  // Work abandoned by an error: leave the terminal on a clean line for the message.
  if (drawn_ && !finished_) std::fputs("\r\033[2K", stderr);
}

double ProgressDisplay::ElapsedSeconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ProgressDisplay::Update(double done, double total, std::string_view extra) {
  if (!live_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  const double elapsed = ElapsedSeconds();
  const bool bytes = unit_ == "bytes";
  auto amount = [&](double n) {
    return bytes ? FormatBytes(n) : internal::WithCommas(static_cast<size_t>(n));
  };
  std::string line = what_ + "  " + amount(done);
  if (total > 0) {
    char percent[16];
    std::snprintf(percent, sizeof percent, " (%.0f%%)", 100.0 * std::min(done, total) / total);
    line += " / " + amount(total) + (bytes ? "" : " " + unit_) + percent;
  } else if (!bytes) {
    line += " " + unit_;
  }
  if (!extra.empty()) line += ", " + std::string(extra);
  if (elapsed > 0.2 && done > 0) {
    const double rate = done / elapsed;
    line += bytes ? "  " + FormatBytes(rate) + "/s"
                  : "  " + internal::WithCommas(static_cast<size_t>(rate)) + " " + unit_ + "/s";
    if (total > done) line += "  ETA " + FormatDuration((total - done) / rate);
  }
  Draw(line, false);
}

void ProgressDisplay::Phase(std::string_view phase) {
  if (!live_) return;
  Draw(what_ + "  " + std::string(phase) + "…  " + FormatDuration(ElapsedSeconds()), true);
}

void ProgressDisplay::Draw(const std::string& text, bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  // Clear the line, then write without a newline so the next draw overwrites it.
  std::fprintf(stderr, "\r\033[2K%s", text.c_str());
  std::fflush(stderr);
}

void ProgressDisplay::Finish(std::string_view line) {
  if (finished_) return;
  finished_ = true;
  if (drawn_) std::fputs("\r\033[2K", stderr);
  if (!quiet_flag && !line.empty())
    std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
}

}  // namespace jql::cli
