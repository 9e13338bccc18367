#include "cli/mirror_sync.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <set>

#include "archive/task_manager.h"
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
      auto staged = client::ReadJsonObject(plan);
      if (!staged.ok()) return Fail(plan.string() + " is unreadable; remove it to sync again");
      sync_ = std::move(*staged);
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
    const int64_t started = archive::NowMs();
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
    std::map<int64_t, size_t> page_of;
    auto index = mirror_.ReadIndex(static_cast<size_t>(state_["pages"].to_number<int64_t>()));
    if (!index.ok()) return Fail(index.status().message());
    for (const client::MirroredIssue& m : *index) {
      mirrored[m.id] = m.archived;
      page_of[m.id] = m.page;
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

    // 3. Issues no longer found, and found again or newly in the query. An issue
    // archived or unarchived is otherwise unchanged (archived issues are read-only), so
    // the mirror's copy is only marked; only issues new to the mirror are fetched.
    std::vector<int64_t> vanished, came_back, appeared;
    for (const auto& [id, archived] : mirrored) {
      if (on_site.contains(id) || changed.contains(id)) {
        if (archived && !changed.contains(id)) came_back.push_back(id);
      } else if (!archived) {
        vanished.push_back(id);
      }
    }
    for (int64_t id : on_site)
      if (!changed.contains(id) && !mirrored.contains(id)) appeared.push_back(id);
    // What the site says of each vanished issue, by id: gone, archived, or there
    // without saying (then a search by id tells: found means it left the query).
    enum Fate : char { kGone, kArchived, kUnsure };
    std::vector<char> fate(vanished.size(), kUnsure);
    Status s = pool_.ForEach(vanished.size(), [&](client::SiteClient& site, size_t i) {
      auto answer = site.Send(
          client::SiteMethod::kGet,
          "/rest/api/3/issue/" + std::to_string(vanished[i]) + "?fields=archiveddate", nullptr);
      if (!answer.ok()) return answer.status();
      if (answer->status == 404) {
        fate[i] = kGone;
      } else if (answer->status == 200 && answer->body.is_object()) {
        fate[i] = IsArchivedOnSite(answer->body.as_object()) ? kArchived : kUnsure;
      } else {
        return Status(StatusCode::kInternal, "GET /rest/api/3/issue/" +
                                                 std::to_string(vanished[i]) + " answered " +
                                                 std::to_string(answer->status));
      }
      return Status();
    });
    if (!s.ok()) return Fail(s.message());
    std::vector<int64_t> unsure;
    for (size_t i = 0; i < vanished.size(); ++i)
      if (fate[i] == kUnsure) unsure.push_back(vanished[i]);
    auto searchable = client::FindSearchable(pool_, unsure);
    if (!searchable.ok()) return Fail(searchable.status().message());
    for (size_t i = 0; i < vanished.size(); ++i)
      if (fate[i] == kUnsure) fate[i] = searchable->contains(vanished[i]) ? kGone : kArchived;
    auto entry = [&](int64_t id) {
      return json::object{{"id", std::to_string(id)}, {"key", keys[id]}};
    };
    json::array mark, unmark, removed_ids;
    for (size_t i = 0; i < vanished.size(); ++i) {
      found_[fate[i] == kArchived ? "archived" : "removed"].push_back(entry(vanished[i]));
      (fate[i] == kArchived ? mark : removed_ids).emplace_back(std::to_string(vanished[i]));
    }
    for (int64_t id : came_back) {
      found_["unarchived"].push_back(entry(id));
      unmark.emplace_back(std::to_string(id));
    }
    // New to the mirror without a recent update (moved into the query): fetched whole,
    // a thousand at a time so that memory stays bounded.
    for (size_t at = 0; at < appeared.size(); at += 1000) {
      const size_t n = std::min<size_t>(1000, appeared.size() - at);
      std::vector<std::optional<json::object>> fetched(n);
      s = pool_.ForEach(n, [&](client::SiteClient& site, size_t i) {
        auto issue = client::FetchIssue(site, appeared[at + i]);
        if (!issue.ok()) return issue.status();
        fetched[i] = std::move(*issue);
        return Status();
      });
      if (!s.ok()) return Fail(s.message());
      json::array added;
      for (std::optional<json::object>& issue : fetched)
        if (issue) added.push_back(std::move(*issue));  // else gone again since the search
      if (!Stage(added, "added")) return Fail("cannot write in " + mirror_.staging().string());
    }
    display.Finish("fetched " + internal::WithCommas(changed.size()) +
                   " updated issues, looked up " +
                   internal::WithCommas(vanished.size() + appeared.size()) + " more");

    json::object report;
    for (const char* kind : kKinds) report[kind] = found_[kind];
    // The pages that hold an issue this sync changes, and the counts it leaves: the
    // apply then touches no other page and need not read the mirror again.
    std::set<size_t> pages_to_edit;
    size_t archived_after = 0;
    for (const auto& [id, archived] : mirrored) archived_after += archived;
    for (const char* kind : kKinds) {
      for (const json::value& issue : found_[kind]) {
        const int64_t id = std::stoll(std::string(issue.at("id").as_string()));
        if (auto it = page_of.find(id); it != page_of.end()) pages_to_edit.insert(it->second);
      }
    }
    archived_after += mark.size();
    archived_after -= found_["unarchived"].size();
    json::array edit_pages;
    for (size_t page : pages_to_edit) edit_pages.push_back(page);
    sync_ = json::object{
        {"startedAt", started},
        {"pagesToEdit", std::move(edit_pages)},
        {"issuesAfter", mirrored.size() + found_["added"].size() - found_["removed"].size()},
        {"archivedAfter", archived_after},
        {"firstPage", state_["pages"].to_number<int64_t>() + 1},
        {"stagedPages", staged_pages_},
        {"remove", removed_ids},
        {"markArchived", mark},
        {"unmarkArchived", unmark},
        {"report", report}};
    // Written last: its presence says everything is staged.
    if (!client::WriteAtomically(mirror_.staging() / "sync.json", json::serialize(sync_) + "\n"))
      return Fail("cannot write in " + mirror_.staging().string());
    return kOk;
  }

  int Apply() {
    const size_t first_page = static_cast<size_t>(sync_["firstPage"].to_number<int64_t>());
    const size_t staged = static_cast<size_t>(sync_["stagedPages"].to_number<int64_t>());
    // Every issue staged or removed leaves the pages before the new ones; issues
    // archived or unarchived on the site are marked where they are.
    auto ids = [&](const char* name) {
      std::vector<int64_t> out;
      for (const json::value& id : sync_[name].as_array())
        out.push_back(std::stoll(std::string(id.as_string())));
      std::sort(out.begin(), out.end());
      return out;
    };
    client::PageEdit edit{ids("remove"), ids("markArchived"), ids("unmarkArchived")};
    const json::object& report = sync_["report"].as_object();
    for (const char* kind : {"updated", "added", "unarchived"}) {
      for (const json::value& issue : report.at(kind).as_array()) {
        const int64_t id = std::stoll(std::string(issue.at("id").as_string()));
        if (!std::binary_search(edit.unmark_archived.begin(), edit.unmark_archived.end(), id))
          edit.drop.push_back(id);
      }
    }
    std::sort(edit.drop.begin(), edit.drop.end());
    for (const json::value& number : sync_["pagesToEdit"].as_array()) {
      const size_t page = number.to_number<size_t>();
      std::error_code ec;
      if (page >= first_page || !fs::exists(mirror_.page(page), ec)) continue;
      if (Status edited = mirror_.EditPage(page, edit); !edited.ok()) return Fail(edited.message());
    }
    for (size_t i = 1; i <= staged; ++i) {
      const fs::path from = mirror_.staging() / StagedName(i);
      std::error_code ec;
      if (!fs::exists(from, ec)) continue;  // moved before a stop
      fs::rename(from, mirror_.page(first_page + i - 1), ec);
      if (ec) return Fail("cannot move " + from.string() + ": " + ec.message());
    }
    const size_t pages = first_page + staged - 1;
    const size_t issues = sync_["issuesAfter"].to_number<size_t>();
    const size_t archived = sync_["archivedAfter"].to_number<size_t>();
    state_["pages"] = pages;
    state_["issues"] = issues;
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
                 internal::WithCommas(report.at(kind).as_array().size()) + " " + kind;
    std::cout << summary << " (" << internal::WithCommas(issues) << " issues, "
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
