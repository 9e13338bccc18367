// jql import: mirror a Jira site (or a `jql serve`) into a folder that --data and
// --catalog read: the catalog as the metadata endpoints' bodies (the files of
// jql/site_catalog.h) and the issues, with their whole change logs, as JSON Lines
// pages. The state file records each page written, so an interrupted import (Ctrl-C,
// kill -9, a lost network) resumes where it stopped with the same result.
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/progress_display.h"
#include "client/site_client.h"
#include "common/number_format.h"

namespace jql::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

struct ImportOptions {
  std::string from, user, token_file, jql, out;
  size_t page_size = 100;
};

// JQL that matches every issue and that Jira Cloud accepts (it refuses unbounded
// queries), in a stable order so that pages do not shift while they are read.
constexpr std::string_view kEverything = "created >= \"1970-01-01\" ORDER BY id ASC";

// Writes `text` to `path` through a temporary file, synced and renamed, so that a
// kill leaves the old file or the new one, never half of one.
bool WriteAtomically(const fs::path& path, const std::string& text) {
  const fs::path temp = path.string() + ".tmp";
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) return false;
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size() &&
                       std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  if (std::fclose(f) != 0 || !written) return false;
  std::error_code ec;
  fs::rename(temp, path, ec);
  return !ec;
}

std::string PageName(size_t page) {
  char name[32];
  std::snprintf(name, sizeof name, "page-%06zu.jsonl", page);
  return name;
}

class Importer {
 public:
  Importer(const ImportOptions& o, client::SiteClient& site) : o_(o), site_(site) {}

  int Run() {
    const fs::path out(o_.out);
    std::error_code ec;
    fs::create_directories(out / "catalog", ec);
    fs::create_directories(out / "issues", ec);
    if (ec) return Fail("cannot make " + o_.out + ": " + ec.message());
    const std::string jql = o_.jql.empty() ? std::string(kEverything) : o_.jql;
    // Resume an import of the same site and query that did not finish.
    json::object state;
    if (std::ifstream in(out / "import-state.json"); in) {
      std::stringstream text;
      text << in.rdbuf();
      boost::system::error_code parse_error;
      const json::value v = json::parse(text.str(), parse_error);
      if (!parse_error && v.is_object()) state = v.as_object();
    }
    const bool resuming = !state.empty();
    if (resuming) {
      if (state["site"] != json::value(o_.from) || state["jql"] != json::value(jql)) {
        return Fail(o_.out + " holds an import of " + json::serialize(state["site"]) + " for " +
                    json::serialize(state["jql"]) + "; import into another folder");
      }
      if (state["complete"] == json::value(true)) {
        std::cerr << "jql import: " << o_.out << " is already a complete mirror of " << o_.from
                  << "\n";
        return kOk;
      }
    } else {
      state = json::object{{"site", o_.from}, {"jql", jql},  {"catalogDone", false},
                           {"pages", 0},      {"issues", 0}, {"complete", false}};
    }
    if (state["catalogDone"] != json::value(true)) {
      if (int failed = Catalog(out / "catalog")) return failed;
      state["catalogDone"] = true;
      if (!Save(out, state)) return Fail("cannot write the import state");
    }
    return Issues(out, jql, state, resuming);
  }

 private:
  int Fail(const std::string& message) {
    std::cerr << "jql import: " << message << "\n";
    return kUsageOrIoError;
  }

  bool Save(const fs::path& out, const json::object& state) {
    return WriteAtomically(out / "import-state.json", json::serialize(state) + "\n");
  }

  // The catalog files `--catalog` reads, each the endpoint's body (paged ones as pages).
  int Catalog(const fs::path& dir) {
    const std::pair<const char*, const char*> single[] = {
        {"field.json", "/rest/api/3/field"},
        {"status.json", "/rest/api/3/status"},
        {"priority.json", "/rest/api/3/priority"},
        {"issuetype.json", "/rest/api/3/issuetype"},
        {"resolution.json", "/rest/api/3/resolution"},
        {"groups.json", "/rest/api/3/groups/picker?maxResults=1000"}};
    for (const auto& [name, path] : single) {
      auto body = site_.Get(path);
      if (!body.ok()) return Fail(body.status().message());
      if (!WriteAtomically(dir / name, json::serialize(*body) + "\n"))
        return Fail("cannot write " + (dir / name).string());
    }
    // Projects: pages of /project/search until isLast.
    for (size_t page = 1, start = 0;; ++page) {
      auto body =
          site_.Get("/rest/api/3/project/search?maxResults=100&startAt=" + std::to_string(start));
      if (!body.ok()) return Fail(body.status().message());
      const std::string name =
          page == 1 ? "project.json" : "project-" + std::to_string(page) + ".json";
      if (!WriteAtomically(dir / name, json::serialize(*body) + "\n"))
        return Fail("cannot write " + name);
      const json::object& o = body->as_object();
      const size_t got = o.at("values").as_array().size();
      start += got;
      const json::value* last = o.if_contains("isLast");
      if (got == 0 || (last != nullptr && last->is_bool() && last->as_bool())) break;
    }
    // Users: pages of /users/search until a short page.
    for (size_t page = 1, start = 0;; ++page) {
      auto body =
          site_.Get("/rest/api/3/users/search?maxResults=1000&startAt=" + std::to_string(start));
      if (!body.ok()) return Fail(body.status().message());
      const size_t got = body->as_array().size();
      if (got == 0 && page > 1) break;
      const std::string name = page == 1 ? "users.json" : "users-" + std::to_string(page) + ".json";
      if (!WriteAtomically(dir / name, json::serialize(*body) + "\n"))
        return Fail("cannot write " + name);
      start += got;
      if (got < 1000) break;
    }
    return kOk;
  }

  // An issue's whole change log: the search gives the first page of it.
  bool CompleteChangelog(json::object& issue) {
    json::value* log = issue.if_contains("changelog");
    if (log == nullptr || !log->is_object()) return true;
    json::object& changelog = log->as_object();
    json::array& histories = changelog["histories"].as_array();
    const int64_t total = changelog.contains("total") ? changelog["total"].to_number<int64_t>() : 0;
    while (static_cast<int64_t>(histories.size()) < total) {
      auto page =
          site_.Get("/rest/api/3/issue/" + std::string(issue["id"].as_string()) +
                    "/changelog?maxResults=100&startAt=" + std::to_string(histories.size()));
      if (!page.ok()) {
        error_ = page.status().message();
        return false;
      }
      json::array& values = page->as_object()["values"].as_array();
      if (values.empty()) break;
      for (json::value& h : values) histories.push_back(std::move(h));
    }
    changelog["startAt"] = 0;
    changelog["maxResults"] = histories.size();
    changelog["total"] = histories.size();
    return true;
  }

  int Issues(const fs::path& out, const std::string& jql, json::object& state, bool resuming) {
    size_t pages = static_cast<size_t>(state["pages"].to_number<int64_t>());
    size_t issues = static_cast<size_t>(state["issues"].to_number<int64_t>());
    // Pages past the last recorded one were written by a run that was killed before it
    // recorded them: they are fetched again.
    for (const auto& entry : fs::directory_iterator(out / "issues")) {
      const std::string name = entry.path().filename().string();
      if (name > PageName(pages) || name.ends_with(".tmp")) fs::remove(entry.path());
    }
    if (resuming && pages > 0)
      std::cerr << "jql import: resuming after page " << pages << " (" << issues << " issues)\n";
    ProgressDisplay display("importing " + o_.from, "issues");
    const auto start = std::chrono::steady_clock::now();
    const size_t first_issues = issues;
    while (true) {
      json::object request{{"jql", jql},
                           {"fields", json::array{"*all"}},
                           {"expand", "changelog"},
                           {"maxResults", o_.page_size}};
      if (const json::value* token = state.if_contains("nextPageToken");
          token && token->is_string())
        request["nextPageToken"] = *token;
      auto page = site_.Post("/rest/api/3/search/jql", request);
      if (!page.ok()) return Fail(page.status().message());
      json::object& body = page->as_object();
      std::string lines;
      for (json::value& issue : body["issues"].as_array()) {
        if (!CompleteChangelog(issue.as_object())) return Fail(error_);
        lines += json::serialize(issue) + "\n";
        ++issues;
      }
      const json::value* next = body.if_contains("nextPageToken");
      const bool last = next == nullptr || !next->is_string();
      if (!lines.empty()) {
        ++pages;
        if (!WriteAtomically(out / "issues" / PageName(pages), lines))
          return Fail("cannot write " + PageName(pages));
      }
      // The page is on disk before the state says so: a kill between the two fetches
      // this page again, and the rename replaces it whole.
      state["pages"] = pages;
      state["issues"] = issues;
      if (last) {
        state.erase("nextPageToken");
        state["complete"] = true;
      } else {
        state["nextPageToken"] = *next;
      }
      if (!Save(out, state)) return Fail("cannot write the import state");
      display.Update(static_cast<double>(issues), 0, std::to_string(pages) + " pages");
      if (last) break;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.0f", seconds > 0 ? (issues - first_issues) / seconds : 0.0);
    display.Finish("imported " + internal::WithCommas(issues) + " issues in " +
                   std::to_string(pages) + " pages from " + o_.from + " to " + o_.out + " (" +
                   rate + " issues/s; " + std::to_string(site_.requests()) + " requests, " +
                   std::to_string(site_.retries()) + " retried)");
    return kOk;
  }

  const ImportOptions& o_;
  client::SiteClient& site_;
  std::string error_;
};

int Run(const ImportOptions& o) {
  std::ifstream in(o.token_file);
  std::string token;
  if (!in || !std::getline(in, token) || token.empty()) {
    std::cerr << "jql import: cannot read a token from " << o.token_file << "\n";
    return kUsageOrIoError;
  }
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  client::SiteClientOptions options;
  // On a terminal the progress line is cleared first, so the note stands on its own.
  const char* clear = isatty(STDERR_FILENO) ? "\r\033[2K" : "";
  options.on_retry = [clear](const std::string& what) {
    if (!ProgressQuiet()) std::cerr << clear << "jql import: " << what << "\n";
  };
  auto site = client::SiteClient::Open(o.from, o.user, token, options);
  if (!site.ok()) {
    std::cerr << "jql import: " << site.status().message() << "\n";
    return kUsageOrIoError;
  }
  return Importer(o, **site).Run();
}

}  // namespace

void RegisterImport(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Mirror a Jira site (or a jql serve) into a folder: its catalog (the files --catalog "
      "reads) and its issues with their whole change logs (what --data reads). Resumes an "
      "interrupted import of the same site and query.");
  cmd->add_option("--from", o->from, "The site: https://NAME.atlassian.net or http://HOST:PORT")
      ->required();
  cmd->add_option("--user", o->user, "The account's e-mail")->required();
  cmd->add_option("--token-file", o->token_file,
                  "A file holding the API token (never given on the command line)")
      ->required();
  cmd->add_option("--jql", o->jql, "Only the issues of this query (default: every issue)");
  cmd->add_option("--out", o->out, "The mirror's folder")->required();
  cmd->add_option("--page-size", o->page_size, "Issues per search request (at most 100 on Jira)")
      ->check(CLI::Range(size_t{1}, size_t{5000}));
  cmd->callback([o, &exit_code] { exit_code = Run(*o); });
}

}  // namespace jql::cli
