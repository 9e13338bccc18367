#include "cli/mirror_sync.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "cli/progress_display.h"
#include "client/catalog_fetch.h"
#include "client/issue_fetch.h"
#include "common/number_format.h"
#include "jql/parser.h"

namespace jql::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// What a sync found, by kind: the report's keys and what the summary counts.
constexpr const char* kKinds[] = {"updated", "added", "archived", "unarchived", "removed"};

std::string StagedName(size_t number) {
  char name[40];
  std::snprintf(name, sizeof name, "staged-%06zu.jsonl", number);
  return name;
}

bool IsArchivedOnSite(const json::object& issue) {
  const json::value* fields = issue.if_contains("fields");
  if (fields == nullptr || !fields->is_object()) return false;
  const json::value* date = fields->as_object().if_contains("archiveddate");
  return date != nullptr && !date->is_null();
}

std::string KeyOf(const json::object& issue) {
  const json::value* key = issue.if_contains("key");
  return key != nullptr && key->is_string() ? std::string(key->as_string()) : std::string();
}

class MirrorSync {
 public:
  MirrorSync(const client::MirrorFolder& mirror, client::SitePool& pool, const MirrorSyncOptions& o)
      : mirror_(mirror), pool_(pool), o_(o) {}

  int Run() {
    auto read = mirror_.ReadState();
    if (!read.ok()) return Fail(read.status().message());
    state_ = std::move(*read);
    if (state_["complete"] != json::value(true))
      return Fail("the import into " + mirror_.root().string() +
                  " did not finish; run the same jql import --from ... --out again to finish it");
    if (!state_["since"].is_int64())
      return Fail(mirror_.state_file().string() +
                  " records no time to sync from (made by an older jql import); import again");
    const fs::path plan = mirror_.staging() / "sync.json";
    std::error_code ec;
    if (fs::exists(plan, ec)) {
      // A sync that fetched everything and was stopped while applying it: finish it.
      std::ifstream in(plan);
      std::stringstream text;
      text << in.rdbuf();
      boost::system::error_code error;
      json::value v = json::parse(text.str(), error);
      if (error || !v.is_object())
        return Fail(plan.string() + " is unreadable; remove it to sync again");
      sync_ = std::move(v.as_object());
      std::cerr << "jql import: finishing the sync that was stopped while it was applied\n";
    } else if (int failed = Fetch()) {
      return failed;
    }
    return Apply();
  }

 private:
  int Fail(const std::string& message) {
    std::cerr << "jql import: " << message << "\n";
    return kUsageOrIoError;
  }

  // Stages issues as numbered pages in .sync, and notes each under `kind`.
  bool Stage(const json::array& issues, const char* kind) {
    std::string lines;
    for (const json::value& issue : issues) {
      lines += json::serialize(issue) + "\n";
      found_[kind].push_back(
          json::object{{"id", std::to_string(client::IssueId(issue.as_object()))},
                       {"key", KeyOf(issue.as_object())}});
    }
    if (lines.empty()) return true;
    return client::WriteAtomically(mirror_.staging() / StagedName(++staged_pages_), lines);
  }

  int Fetch() {
    std::error_code ec;
    fs::remove_all(mirror_.staging(), ec);
    fs::create_directories(mirror_.staging(), ec);
    if (ec) return Fail("cannot make " + mirror_.staging().string() + ": " + ec.message());
    const int64_t started = NowMs();
    const int64_t since = state_["since"].as_int64();
    const int64_t minutes =
        static_cast<int64_t>(std::ceil((started - since) / 60000.0)) + o_.margin_minutes;
    // The mirror's own query without its order, for the two searches below.
    const ParseResult parsed = Parse(json::value_to<std::string>(state_["jql"]));
    if (!parsed.ok()) return Fail("the mirror's query does not parse: " + parsed.errors[0].message);
    const std::string scope =
        parsed.query->where ? "(" + ToJql(*parsed.query->where) + ")" : "created >= \"1970-01-01\"";
    // A relative date is the site's own now less the minutes, so the client's clock and
    // time zone do not enter into it.
    const std::string changed_jql =
        "updated >= -" + std::to_string(minutes) + "m AND " + scope + " ORDER BY id ASC";

    // 0. The catalog as it is now: new statuses, projects and users, names changed.
    if (Status s = client::FetchCatalog(pool_.first(), mirror_.catalog()); !s.ok())
      return Fail(s.message());

    // 1. What was updated, whole.
    std::map<int64_t, bool> mirrored;  // id -> archived in the mirror
    std::map<int64_t, std::string> keys;
    std::map<int64_t, size_t> hashes;
    auto index = mirror_.ReadIndex(static_cast<size_t>(state_["pages"].to_number<int64_t>()));
    if (!index.ok()) return Fail(index.status().message());
    for (const client::MirroredIssue& m : *index) {
      mirrored[m.id] = m.archived;
      keys[m.id] = m.key;
      hashes[m.id] = m.line_hash;
    }
    std::set<int64_t> changed;
    ProgressDisplay display("syncing " + json::value_to<std::string>(state_["site"]), "issues");
    std::optional<std::string> token;
    do {
      auto page = client::FetchSearchPage(pool_.first(), changed_jql, o_.page_size, token);
      if (!page.ok()) return Fail(page.status().message());
      if (Status s = client::CompleteChangelogs(pool_, page->issues, false); !s.ok())
        return Fail(s.message());
      json::array updated, added, unarchived;
      for (json::value& issue : page->issues) {
        const int64_t id = client::IssueId(issue.as_object());
        changed.insert(id);
        auto it = mirrored.find(id);
        // Fetched again within the margin but not changed: the mirror has it already.
        if (it != mirrored.end() && !it->second &&
            hashes[id] == std::hash<std::string_view>{}(json::serialize(issue)))
          continue;
        (it == mirrored.end() ? added
         : it->second         ? unarchived
                              : updated)
            .push_back(std::move(issue));
      }
      if (!Stage(updated, "updated") || !Stage(added, "added") || !Stage(unarchived, "unarchived"))
        return Fail("cannot write in " + mirror_.staging().string());
      display.Update(static_cast<double>(changed.size()), 0, "updated");
      token = page->next_page_token;
    } while (token);

    // 2. Which issues the site has in the query now, by id alone.
    std::set<int64_t> on_site;
    token.reset();
    do {
      auto page = client::FetchSearchPage(pool_.first(), scope + " ORDER BY id ASC", 5000, token,
                                          /*ids_only=*/true);
      if (!page.ok()) return Fail(page.status().message());
      for (const json::value& issue : page->issues)
        on_site.insert(client::IssueId(issue.as_object()));
      token = page->next_page_token;
    } while (token);

    // 3. Issues no longer found, and found again or newly in the query.
    std::vector<int64_t> vanished, appeared;
    for (const auto& [id, archived] : mirrored)
      if (!archived && !on_site.contains(id) && !changed.contains(id)) vanished.push_back(id);
    for (int64_t id : on_site)
      if (!changed.contains(id) && (!mirrored.contains(id) || mirrored[id])) appeared.push_back(id);
    std::vector<std::optional<json::object>> looked_up(vanished.size() + appeared.size());
    Status s = pool_.ForEach(looked_up.size(), [&](client::SiteClient& site, size_t i) {
      auto issue = client::FetchIssue(
          site, i < vanished.size() ? vanished[i] : appeared[i - vanished.size()]);
      if (!issue.ok()) return issue.status();
      looked_up[i] = std::move(*issue);
      return Status();
    });
    if (!s.ok()) return Fail(s.message());
    json::array archived, came_back, added;
    std::vector<size_t> unsure;  // the site has it but says nothing of an archive
    json::array removed;
    for (size_t i = 0; i < vanished.size(); ++i) {
      if (!looked_up[i]) {
        removed.push_back(
            json::object{{"id", std::to_string(vanished[i])}, {"key", keys[vanished[i]]}});
      } else if (IsArchivedOnSite(*looked_up[i])) {
        (*looked_up[i])["archived"] = true;
        archived.push_back(std::move(*looked_up[i]));
      } else {
        unsure.push_back(i);
      }
    }
    // An issue the site has but that no search finds is archived; one a search finds
    // without the mirror's query has left the query.
    for (size_t at = 0; at < unsure.size(); at += 500) {
      std::string list;
      for (size_t j = at; j < std::min(unsure.size(), at + 500); ++j)
        list += (list.empty() ? "" : ", ") + std::to_string(vanished[unsure[j]]);
      std::set<int64_t> searchable;
      std::optional<std::string> more;
      do {
        auto page =
            client::FetchSearchPage(pool_.first(), "id in (" + list + ")", 5000, more, true);
        if (!page.ok()) return Fail(page.status().message());
        for (const json::value& issue : page->issues)
          searchable.insert(client::IssueId(issue.as_object()));
        more = page->next_page_token;
      } while (more);
      for (size_t j = at; j < std::min(unsure.size(), at + 500); ++j) {
        const int64_t id = vanished[unsure[j]];
        if (searchable.contains(id)) {
          removed.push_back(json::object{{"id", std::to_string(id)}, {"key", keys[id]}});
        } else {
          (*looked_up[unsure[j]])["archived"] = true;
          archived.push_back(std::move(*looked_up[unsure[j]]));
        }
      }
    }
    for (size_t i = 0; i < appeared.size(); ++i) {
      std::optional<json::object>& issue = looked_up[vanished.size() + i];
      if (!issue) continue;  // gone again since the search
      (mirrored.contains(appeared[i]) ? came_back : added).push_back(std::move(*issue));
    }
    if (!Stage(archived, "archived") || !Stage(came_back, "unarchived") || !Stage(added, "added"))
      return Fail("cannot write in " + mirror_.staging().string());
    found_["removed"] = removed;
    display.Finish("fetched " + internal::WithCommas(changed.size()) +
                   " updated issues and looked up " + internal::WithCommas(looked_up.size()) +
                   " more");

    json::object report;
    for (const char* kind : kKinds) report[kind] = found_[kind];
    json::array removed_ids;
    for (const json::value& r : removed) removed_ids.push_back(r.at("id"));
    sync_ = json::object{{"startedAt", started},
                         {"firstPage", state_["pages"].to_number<int64_t>() + 1},
                         {"stagedPages", staged_pages_},
                         {"removed", removed_ids},
                         {"report", report}};
    // Written last: its presence says everything is staged.
    if (!client::WriteAtomically(mirror_.staging() / "sync.json", json::serialize(sync_) + "\n"))
      return Fail("cannot write in " + mirror_.staging().string());
    return kOk;
  }

  int Apply() {
    const size_t first_page = static_cast<size_t>(sync_["firstPage"].to_number<int64_t>());
    const size_t staged = static_cast<size_t>(sync_["stagedPages"].to_number<int64_t>());
    // Every issue staged or removed leaves the pages before the new ones.
    std::vector<int64_t> drop;
    for (const json::value& id : sync_["removed"].as_array())
      drop.push_back(std::stoll(std::string(id.as_string())));
    const json::object& report = sync_["report"].as_object();
    for (const char* kind : kKinds) {
      for (const json::value& issue : report.at(kind).as_array())
        drop.push_back(std::stoll(std::string(issue.at("id").as_string())));
    }
    std::sort(drop.begin(), drop.end());
    for (size_t page = 1; page < first_page; ++page) {
      std::error_code ec;
      if (!fs::exists(mirror_.page(page), ec)) continue;
      auto dropped = mirror_.DropFromPage(page, drop);
      if (!dropped.ok()) return Fail(dropped.status().message());
    }
    for (size_t i = 1; i <= staged; ++i) {
      const fs::path from = mirror_.staging() / StagedName(i);
      std::error_code ec;
      if (!fs::exists(from, ec)) continue;  // moved before a stop
      fs::rename(from, mirror_.page(first_page + i - 1), ec);
      if (ec) return Fail("cannot move " + from.string() + ": " + ec.message());
    }
    const size_t pages = first_page + staged - 1;
    auto index = mirror_.ReadIndex(pages);
    if (!index.ok()) return Fail(index.status().message());
    const size_t archived = static_cast<size_t>(
        std::count_if(index->begin(), index->end(), [](const auto& m) { return m.archived; }));
    state_["pages"] = pages;
    state_["issues"] = index->size();
    state_["archived"] = archived;
    state_["since"] = sync_["startedAt"];
    json::object counts;
    for (const char* kind : kKinds) counts[kind] = report.at(kind).as_array().size();
    state_["lastSync"] = json::object{{"startedAt", sync_["startedAt"]}, {"found", counts}};
    if (!mirror_.WriteState(state_)) return Fail("cannot write the import state");
    std::error_code ec;
    fs::remove_all(mirror_.staging(), ec);

    std::string summary = "synced " + mirror_.root().string() + " with " +
                          json::value_to<std::string>(state_["site"]) + ":";
    for (const char* kind : kKinds)
      summary += std::string(kind == kKinds[0] ? " " : ", ") +
                 std::to_string(report.at(kind).as_array().size()) + " " + kind;
    std::cout << summary << " (" << internal::WithCommas(index->size()) << " issues, "
              << internal::WithCommas(archived) << " of them archived)\n";
    for (const char* kind : kKinds) {
      const json::array& list = report.at(kind).as_array();
      if (list.empty()) continue;
      std::cout << "  " << kind << ":";
      for (size_t i = 0; i < list.size() && i < 20; ++i)
        std::cout << (i ? ", " : " ") << std::string_view(list[i].at("key").as_string());
      if (list.size() > 20) std::cout << " and " << list.size() - 20 << " more";
      std::cout << "\n";
    }
    if (!o_.report.empty() &&
        !client::WriteAtomically(o_.report,
                                 json::serialize(json::object{{"site", state_["site"]},
                                                              {"mirror", mirror_.root().string()},
                                                              {"since", sync_["startedAt"]},
                                                              {"issues", report}}) +
                                     "\n"))
      return Fail("cannot write " + o_.report);
    return kOk;
  }

  const client::MirrorFolder& mirror_;
  client::SitePool& pool_;
  const MirrorSyncOptions& o_;
  json::object state_, sync_;
  std::map<std::string, json::array> found_;
  size_t staged_pages_ = 0;
};

}  // namespace

int SyncMirror(const client::MirrorFolder& mirror, client::SitePool& pool,
               const MirrorSyncOptions& options) {
  return MirrorSync(mirror, pool, options).Run();
}

}  // namespace jql::cli
