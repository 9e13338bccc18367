// jql import: mirror a Jira site (or a `jql serve`) into a folder that --data and
// --catalog read (client/mirror_folder.h): the catalog as the metadata endpoints' bodies
// and the issues, with their whole change logs, as JSON Lines pages. The state file
// records each page written, so an interrupted import (Ctrl-C, kill -9, a lost network)
// resumes where it stopped with the same result. `--since-last` brings a mirror up to
// date (cli/mirror_sync.h); `--out FILE.snap` also writes a snapshot of the mirror.
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>

#include "archive/task_manager.h"
#include "cli/commands.h"
#include "cli/data_commands.h"
#include "cli/mirror_sync.h"
#include "cli/progress_display.h"
#include "cli/site_access.h"
#include "client/catalog_fetch.h"
#include "client/issue_fetch.h"
#include "client/mirror_folder.h"
#include "common/number_format.h"
#include "jql/data_loader.h"
#include "jql/snapshot.h"

namespace jql::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

struct ImportOptions {
  SiteAccess access;
  std::string jql, out, since_last, report;
  size_t page_size = 100;
  int margin_minutes = 15;
};

// JQL that matches every issue and that Jira Cloud accepts (it refuses unbounded
// queries), in a stable order so that pages do not shift while they are read.
constexpr std::string_view kEverything = "created >= \"1970-01-01\" ORDER BY id ASC";

class Importer {
 public:
  Importer(const ImportOptions& o, const client::MirrorFolder& mirror, client::SitePool& pool)
      : o_(o), mirror_(mirror), pool_(pool) {}

  int Run() {
    std::error_code ec;
    fs::create_directories(mirror_.catalog(), ec);
    fs::create_directories(mirror_.issues(), ec);
    if (ec) return Fail("cannot make " + mirror_.root().string() + ": " + ec.message());
    const std::string jql = o_.jql.empty() ? std::string(kEverything) : o_.jql;
    // Resume an import of the same site and query that did not finish.
    auto read = mirror_.ReadState();
    if (!read.ok()) return Fail(read.status().message());
    json::object state = std::move(*read);
    const bool resuming = !state.empty();
    if (resuming) {
      if (state["site"] != json::value(o_.access.site) || state["jql"] != json::value(jql)) {
        return Fail(mirror_.root().string() + " holds an import of " +
                    json::serialize(state["site"]) + " for " + json::serialize(state["jql"]) +
                    "; import into another folder, or bring it up to date with --since-last");
      }
      if (state["complete"] == json::value(true)) {
        std::cerr << "jql import: " << mirror_.root().string()
                  << " is already a complete mirror of " << o_.access.site
                  << " (bring it up to date with --since-last)\n";
        return kOk;
      }
    } else {
      // `since` is when the import began: what changes on the site after it is for the
      // next sync to fetch.
      state = json::object{{"site", o_.access.site},
                           {"user", o_.access.user},
                           {"jql", jql},
                           {"since", archive::NowMs()},
                           {"catalogDone", false},
                           {"pages", 0},
                           {"issues", 0},
                           {"complete", false}};
    }
    if (state["catalogDone"] != json::value(true)) {
      if (int failed = Catalog()) return failed;
      state["catalogDone"] = true;
      if (!mirror_.WriteState(state)) return Fail("cannot write the import state");
    }
    return Issues(jql, state, resuming);
  }

 private:
  int Fail(const std::string& message) {
    std::cerr << "jql import: " << message << "\n";
    return kUsageOrIoError;
  }

  int Catalog() {
    Status s = client::FetchCatalog(pool_.first(), mirror_.catalog());
    return s.ok() ? kOk : Fail(s.message());
  }

  int Issues(const std::string& jql, json::object& state, bool resuming) {
    size_t pages = static_cast<size_t>(state["pages"].to_number<int64_t>());
    size_t issues = static_cast<size_t>(state["issues"].to_number<int64_t>());
    // Pages past the last recorded one were written by a run that was killed before it
    // recorded them: they are fetched again.
    for (const auto& entry : fs::directory_iterator(mirror_.issues())) {
      const std::string name = entry.path().filename().string();
      if (name > client::MirrorFolder::PageName(pages) || name.ends_with(".tmp"))
        fs::remove(entry.path());
    }
    if (resuming && pages > 0)
      std::cerr << "jql import: resuming after page " << pages << " (" << issues << " issues)\n";
    ProgressDisplay display("importing " + o_.access.site, "issues");
    const auto start = std::chrono::steady_clock::now();
    const size_t first_issues = issues;
    std::optional<std::string> token;
    if (const json::value* t = state.if_contains("nextPageToken"); t && t->is_string())
      token = std::string(t->as_string());
    // Search pages come one after another (each names the next); with more than one
    // connection the next is fetched on the first while the others complete the
    // current page's long change logs.
    auto fetch = [this, &jql](std::optional<std::string> at) {
      return client::FetchSearchPage(pool_.first(), jql, o_.page_size, at);
    };
    StatusOr<client::SearchPage> page = fetch(token);
    while (true) {
      if (!page.ok()) return Fail(page.status().message());
      client::SearchPage current = std::move(*page);
      const bool last = !current.next_page_token;
      std::future<StatusOr<client::SearchPage>> ahead;
      const bool prefetch = !last && pool_.size() > 1;
      if (prefetch) ahead = std::async(std::launch::async, fetch, current.next_page_token);
      Status completed = client::CompleteChangelogs(pool_, current.issues, prefetch);
      if (!completed.ok()) {
        if (prefetch) ahead.wait();
        return Fail(completed.message());
      }
      std::string lines;
      for (const json::value& issue : current.issues) lines += json::serialize(issue) + "\n";
      issues += current.issues.size();
      if (!lines.empty()) {
        ++pages;
        if (!client::WriteAtomically(mirror_.page(pages), lines)) {
          if (prefetch) ahead.wait();
          return Fail("cannot write " + mirror_.page(pages).string());
        }
      }
      // The page is on disk before the state says so: a kill between the two fetches
      // this page again, and the rename replaces it whole.
      state["pages"] = pages;
      state["issues"] = issues;
      if (last) {
        state.erase("nextPageToken");
        state["complete"] = true;
      } else {
        state["nextPageToken"] = *current.next_page_token;
      }
      if (!mirror_.WriteState(state)) {
        if (prefetch) ahead.wait();
        return Fail("cannot write the import state");
      }
      display.Update(static_cast<double>(issues), 0, std::to_string(pages) + " pages");
      if (last) break;
      page = prefetch ? ahead.get() : fetch(current.next_page_token);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.0f", seconds > 0 ? (issues - first_issues) / seconds : 0.0);
    display.Finish("imported " + internal::WithCommas(issues) + " issues in " +
                   std::to_string(pages) + " pages from " + o_.access.site + " to " +
                   mirror_.root().string() + " (" + rate + " issues/s; " +
                   std::to_string(pool_.requests()) + " requests, " +
                   std::to_string(pool_.retries()) + " retried)");
    return kOk;
  }

  const ImportOptions& o_;
  const client::MirrorFolder& mirror_;
  client::SitePool& pool_;
};

// `--out X.snap` keeps the mirror (what a resume and --since-last need) beside it in
// X.mirror/; the snapshot is written from it when it is complete.
bool IsSnapshotPath(const std::string& path) { return path.ends_with(".snap"); }

int WriteSnapshot(const fs::path& mirror, const std::string& snap) {
  auto store = LoadData(mirror.string());
  if (!store) return kUsageOrIoError;
  const std::string temp = snap + ".tmp";
  if (Status s = SaveSnapshot(std::move(*store), temp); !s.ok()) {
    std::cerr << "jql import: " << s.message() << "\n";
    return kUsageOrIoError;
  }
  std::error_code ec;
  fs::rename(temp, snap, ec);
  if (ec) {
    std::cerr << "jql import: cannot write " << snap << ": " << ec.message() << "\n";
    return kUsageOrIoError;
  }
  std::cerr << "jql import: wrote the snapshot " << snap << " (the mirror is in " << mirror.string()
            << ")\n";
  return kOk;
}

int Run(ImportOptions o) {
  const std::string target = o.since_last.empty() ? o.out : o.since_last;
  const client::MirrorFolder mirror(client::MirrorFolderFor(target));
  int result = kOk;
  if (!o.since_last.empty()) {
    if (!o.jql.empty()) {
      std::cerr
          << "jql import: --since-last keeps the mirror's own query; --jql cannot change it\n";
      return kUsageOrIoError;
    }
    auto state = mirror.ReadState();
    if (!state.ok() || state->empty()) {
      std::cerr << "jql import: " << mirror.root().string()
                << (state.ok() ? " is not a mirror made by jql import (no import-state.json)"
                               : ": " + state.status().message())
                << "\n";
      return kUsageOrIoError;
    }
    const json::value* site = state->if_contains("site");
    if (site == nullptr || !site->is_string()) {
      std::cerr << "jql import: " << mirror.state_file().string() << " names no site\n";
      return kUsageOrIoError;
    }
    if (!o.access.site.empty() && o.access.site != site->as_string()) {
      std::cerr << "jql import: " << mirror.root().string() << " mirrors " << site->as_string()
                << ", not " << o.access.site << "\n";
      return kUsageOrIoError;
    }
    o.access.site = site->as_string();
    if (const json::value* user = state->if_contains("user");
        o.access.user.empty() && user != nullptr && user->is_string())
      o.access.user = user->as_string();
    auto pool = OpenSite(o.access, "jql import");
    if (!pool) return kUsageOrIoError;
    MirrorSyncOptions sync;
    sync.page_size = o.page_size;
    sync.margin_minutes = o.margin_minutes;
    sync.report = o.report;
    result = SyncMirror(mirror, *pool, sync);
  } else {
    if (o.access.site.empty() || o.out.empty()) {
      std::cerr << "jql import: --from and --out are required (or --since-last MIRROR)\n";
      return kUsageOrIoError;
    }
    auto pool = OpenSite(o.access, "jql import");
    if (!pool) return kUsageOrIoError;
    result = Importer(o, mirror, *pool).Run();
  }
  if (result == kOk && IsSnapshotPath(target)) result = WriteSnapshot(mirror.root(), target);
  return result;
}

}  // namespace

void RegisterImport(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Mirror a Jira site (or a jql serve) into a folder: its catalog (the files --catalog "
      "reads) and its issues with their whole change logs (what --data reads). Resumes an "
      "interrupted import of the same site and query; --since-last brings a mirror up to "
      "date.");
  cmd->add_option("--from", o->access.site,
                  "The site: https://NAME.atlassian.net or http://HOST:PORT");
  AddSiteAccessOptions(cmd, &o->access);
  cmd->add_option("--jql", o->jql, "Only the issues of this query (default: every issue)");
  auto* out = cmd->add_option(
      "--out", o->out,
      "The mirror's folder, or FILE.snap for a snapshot (the mirror in FILE.mirror)");
  auto* since = cmd->add_option(
      "--since-last", o->since_last,
      "Bring this mirror (folder or FILE.snap) up to date: fetch what changed on the site since "
      "its last import, and recognise issues archived, unarchived or gone");
  out->excludes(since);
  cmd->add_option("--margin-minutes", o->margin_minutes,
                  "With --since-last: also fetch what changed this long before the last import "
                  "began (default 15), for clocks and slow indexing")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--report", o->report,
                  "With --since-last: write what changed, issue by issue, to this JSON file");
  cmd->add_option("--page-size", o->page_size, "Issues per search request (at most 100 on Jira)")
      ->check(CLI::Range(size_t{1}, size_t{5000}));
  cmd->callback([o, &exit_code] { exit_code = Run(*o); });
}

}  // namespace jql::cli
