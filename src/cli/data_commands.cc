// What the subcommands that read data or evaluate queries share: loading --data, and
// the query context from --now, --tz and --user.
#include "cli/data_commands.h"

#include <charconv>
#include <chrono>
#include <iostream>

#include "cli/progress_display.h"
#include "common/number_format.h"
#include "store/jira_time.h"

namespace jql::cli {

LoadOptions LoadProgressOn(ProgressDisplay& display) {
  LoadOptions options;
  options.progress = [&display](const LoadProgress& p) {
    if (p.phase == "building") {
      display.Phase("building columns for " + internal::WithCommas(p.issues) + " issues");
    } else {
      display.Update(static_cast<double>(p.bytes_done), static_cast<double>(p.bytes_total),
                     internal::WithCommas(p.issues) + " issues");
    }
  };
  return options;
}

std::optional<IssueStore> LoadData(const std::string& path, LoadReport* report) {
  LoadReport local;
  LoadReport& r = report != nullptr ? *report : local;
  ProgressDisplay display("loading " + path, "bytes");
  auto store = LoadIssueStore(path, &r, LoadProgressOn(display));
  display.Finish("");
  // Files of a folder left out are said even with --quiet: issues may be missing.
  for (const std::string& note : r.notes) std::cerr << "jql: note: " << note << '\n';
  if (!store.ok()) {
    std::cerr << "jql: " << store.status().message() << '\n';
    return std::nullopt;
  }
  if (!ProgressQuiet()) {
    std::cerr << "loaded " << internal::WithCommas(store->rows()) << " issues ("
              << FormatBytes(static_cast<double>(r.bytes)) << ") from " << path << " in "
              << FormatDuration(r.seconds) << '\n';
  }
  return std::move(store).value();
}

void AddContextOptions(CLI::App* command, ContextOptions* options, const std::string& user_option) {
  command->add_option("--now", options->now,
                      "The time relative dates count from: now (the default), an ISO date or "
                      "date-time, or epoch milliseconds");
  command->add_option(
      "--tz", options->tz,
      "The user's time zone: UTC (the default), an offset such as +02:00, or a name such as "
      "Europe/Berlin");
  command->add_option(user_option, options->user, "The current user's account id (currentUser())");
}

std::optional<int64_t> ParseNow(std::string_view text, int64_t clock_ms) {
  if (text == "now") return clock_ms;
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
    int64_t ms = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return ms;
    return std::nullopt;
  }
  return internal::ParseJiraTime(text);
}

bool MakeContext(const ContextOptions& options, QueryContext* context) {
  const int64_t clock_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  const auto now_ms = ParseNow(options.now, clock_ms);
  if (!now_ms) {
    std::cerr << "jql: --now must be now, an ISO date or date-time (2025-06-01, "
                 "2025-06-01T12:00:00Z) or epoch milliseconds, not '"
              << options.now << "'\n";
    return false;
  }
  context->now_ms = *now_ms;
  auto zone = TimeZone::Load(options.tz);
  if (!zone.ok()) {
    std::cerr << "jql: --tz: " << zone.status().message() << '\n';
    return false;
  }
  context->time_zone = std::move(zone).value();
  context->current_user = options.user;
  return true;
}

}  // namespace jql::cli
