// Progress of long work (loading, generating, index building) on stderr.
//
// On a terminal the line is redrawn in place at most ten times a second: what is being
// done, done/total, percent, rate and ETA. Anything else (a pipe, a log file, CI) gets
// only the final line, and --quiet silences both. Debian packages no C++ progress-bar
// library, and this is all the CLI needs, so it is written here.
#ifndef JQL_SRC_CLI_PROGRESS_DISPLAY_H_
#define JQL_SRC_CLI_PROGRESS_DISPLAY_H_

#include <chrono>
#include <string>
#include <string_view>

namespace jql::cli {

// Set once from the global --quiet flag.
void SetProgressQuiet(bool quiet);
bool ProgressQuiet();

class ProgressDisplay {
 public:
  // `what` leads the line ("loading data/big.jsonl"); `unit` names what is counted
  // ("issues", "bytes": bytes are shown as MB).
  ProgressDisplay(std::string what, std::string unit);
  ~ProgressDisplay();
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  // `extra` follows the figures ("812,345 issues" while bytes are counted).
  void Update(double done, double total, std::string_view extra = {});
  // A phase with no count yet ("building columns"): shown with the elapsed time.
  void Phase(std::string_view phase);
  // Clears the redrawn line and prints `line` (unless quiet or empty), once.
  void Finish(std::string_view line);

  double ElapsedSeconds() const;

 private:
  void Draw(const std::string& text, bool force);

  std::string what_, unit_;
  bool live_ = false;  // a terminal, and not quiet
  bool drawn_ = false, finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

// Bytes as "812.4 MB"; seconds as "4.2 s" or "3 min 12 s".
std::string FormatBytes(double bytes);
std::string FormatDuration(double seconds);

}  // namespace jql::cli

#endif  // JQL_SRC_CLI_PROGRESS_DISPLAY_H_
