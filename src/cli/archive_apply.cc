#include "cli/archive_apply.h"

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "cli/commands.h"
#include "cli/progress_display.h"
#include "client/issue_fetch.h"
#include "client/mirror_folder.h"
#include "common/number_format.h"

namespace jql::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

struct PlannedIssue {
  std::string id, key;
  std::vector<std::pair<std::string, std::string>> subtasks;  // (id, key)
};

bool IsId(const json::value* v) {
  if (v == nullptr || !v->is_string() || v->as_string().empty() || v->as_string().size() > 18)
    return false;
  const json::string& s = v->as_string();
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The plan's issues, or what is wrong with the file.
StatusOr<std::vector<PlannedIssue>> ReadPlannedIssues(const std::string& path,
                                                      const json::object& plan) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument(path + " is not a plan of jql archive --plan: " + why);
  };
  if (plan.if_contains("plan") == nullptr || plan.at("plan") != json::value(1))
    return bad("no \"plan\": 1");
  const json::value* issues = plan.if_contains("issues");
  if (issues == nullptr || !issues->is_array()) return bad("no \"issues\" list");
  std::vector<PlannedIssue> out;
  std::set<std::string> seen;
  for (const json::value& v : issues->as_array()) {
    const json::object* o = v.if_object();
    if (o == nullptr || !IsId(o->if_contains("id")) || o->if_contains("key") == nullptr ||
        !o->at("key").is_string())
      return bad("issue " + std::to_string(out.size() + 1) + " has no numeric \"id\" and \"key\"");
    PlannedIssue p{std::string(o->at("id").as_string()), std::string(o->at("key").as_string()), {}};
    if (!seen.insert(p.id).second) return bad("issue " + p.id + " is named twice");
    if (const json::value* subtasks = o->if_contains("subtasks")) {
      if (!subtasks->is_array()) return bad("the subtasks of " + p.key + " are not a list");
      for (const json::value& s : subtasks->as_array()) {
        const json::object* so = s.if_object();
        if (so == nullptr || !IsId(so->if_contains("id")) || so->if_contains("key") == nullptr ||
            !so->at("key").is_string())
          return bad("a subtask of " + p.key + " has no numeric \"id\" and \"key\"");
        p.subtasks.emplace_back(std::string(so->at("id").as_string()),
                                std::string(so->at("key").as_string()));
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::string WithoutTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string DefaultReportPath(const std::string& plan) {
  const std::string stem = plan.ends_with(".json") ? plan.substr(0, plan.size() - 5) : plan;
  return stem + ".report.json";
}

class PlanApplier {
 public:
  PlanApplier(const ArchiveApplyOptions& o, std::vector<PlannedIssue> issues,
              json::object plan_identity, client::SitePool& pool)
      : o_(o), issues_(std::move(issues)), plan_identity_(std::move(plan_identity)), pool_(pool) {}

  int Run() {
    report_path_ = o_.report.empty() ? DefaultReportPath(o_.plan) : o_.report;
    if (int failed = OpenReport()) return failed;
    const size_t batches = (issues_.size() + o_.batch_size - 1) / o_.batch_size;
    json::array& done = report_["batches"].as_array();
    if (!done.empty())
      std::cerr << "jql archive: continuing: " << done.size() << " of " << batches
                << " batches were answered before (" << report_path_ << ")\n";
    ProgressDisplay display("archiving on " + o_.access.site, "issues");
    for (size_t b = done.size(); b < batches; ++b) {
      if (int failed = SendBatch(b)) return failed;
      display.Update(static_cast<double>(std::min(issues_.size(), (b + 1) * o_.batch_size)),
                     static_cast<double>(issues_.size()),
                     std::to_string(b + 1) + " of " + std::to_string(batches) + " batches");
    }
    display.Finish("");
    if (int failed = Reconcile()) return failed;
    const json::object& s = report_["summary"].as_object();
    const auto n = [&](const char* k) {
      return internal::WithCommas(s.at(k).to_number<uint64_t>());
    };
    std::cout << "archived " << n("archived") << " of " << n("issues") << " planned issues on "
              << o_.access.site << " (" << n("alreadyArchived") << " were archived already, "
              << n("failed") << " failed); subtasks: " << n("subtasksArchived") << " of "
              << n("subtasks") << " archived with their parents, " << n("subtasksFailed")
              << " not; the site reported " << n("numberOfIssuesUpdated")
              << " issues updated; report: " << report_path_ << "\n";
    for (const auto& [reason, keys] : failures_) {
      std::cout << "  failed, " << reason << ":";
      for (size_t i = 0; i < keys.size() && i < 20; ++i) std::cout << (i ? ", " : " ") << keys[i];
      if (keys.size() > 20) std::cout << " and " << keys.size() - 20 << " more";
      std::cout << "\n";
    }
    return s.at("failed").to_number<uint64_t>() + s.at("subtasksFailed").to_number<uint64_t>() == 0
               ? kOk
               : kNotAllApplied;
  }

 private:
  int Fail(const std::string& message) {
    std::cerr << "jql archive: " << message << "\n";
    return kUsageOrIoError;
  }

  bool SaveReport() {
    return client::WriteAtomically(report_path_, json::serialize(report_) + "\n");
  }

  int OpenReport() {
    std::error_code ec;
    if (fs::exists(report_path_, ec)) {
      auto read = client::ReadJsonObject(report_path_);
      if (!read.ok()) return Fail(read.status().message());
      report_ = std::move(*read);
      if (report_["plan"] != json::value(plan_identity_))
        return Fail(report_path_ + " reports on another plan; name a new --report");
      if (WithoutTrailingSlash(json::value_to<std::string>(report_["site"])) !=
          WithoutTrailingSlash(o_.access.site))
        return Fail(report_path_ + " reports on " + json::serialize(report_["site"]) +
                    "; name a new --report");
      if (report_["batchSize"] != json::value(o_.batch_size))
        return Fail(report_path_ + " was made with --batch-size " +
                    json::serialize(report_["batchSize"]) +
                    "; continue with the same, or name a new --report");
      if (!report_["batches"].is_array()) return Fail(report_path_ + " has no batches list");
      return kOk;
    }
    report_ = json::object{{"report", 1},
                           {"plan", plan_identity_},
                           {"site", o_.access.site},
                           {"batchSize", o_.batch_size},
                           {"complete", false},
                           {"batches", json::array()}};
    return SaveReport() ? kOk : Fail("cannot write " + report_path_);
  }

  int SendBatch(size_t b) {
    json::array ids;
    for (size_t i = b * o_.batch_size; i < std::min(issues_.size(), (b + 1) * o_.batch_size); ++i)
      ids.push_back(json::value(issues_[i].id));
    const json::value body = json::object{{"issueIdsOrKeys", ids}};
    auto answer = pool_.first().Send(client::SiteMethod::kPut, "/rest/api/3/issue/archive", &body);
    const std::string again = "; run the same command again to continue";
    if (!answer.ok()) return Fail(answer.status().message() + again);
    json::object record{{"batch", b + 1}, {"sent", ids.size()}, {"status", answer->status}};
    if (answer->status == 200) {
      const json::object* o = answer->body.if_object();
      const json::value* updated = o ? o->if_contains("numberOfIssuesUpdated") : nullptr;
      const json::value* errors = o ? o->if_contains("errors") : nullptr;
      if (updated == nullptr || !updated->is_number() || (errors && !errors->is_object()))
        return Fail("PUT /rest/api/3/issue/archive: the answer is not an archive result" + again);
      record["numberOfIssuesUpdated"] = updated->to_number<int64_t>();
      json::object groups;
      if (errors) {
        for (const auto& [group, detail] : errors->as_object()) {
          const json::value* list =
              detail.is_object() ? detail.as_object().if_contains("issueIdsOrKeys") : nullptr;
          groups[group] = list != nullptr && list->is_array() ? *list : json::array();
        }
      }
      record["errors"] = std::move(groups);
    } else if (answer->status == 400) {
      // None of the batch could be archived (already archived, gone, or not archivable):
      // the reconciliation asks the site about each.
      record["numberOfIssuesUpdated"] = 0;
      record["message"] = client::JiraErrorMessages(answer->body);
      record["errors"] = json::object();
    } else {
      const std::string message = client::JiraErrorMessages(answer->body);
      return Fail("PUT /rest/api/3/issue/archive answered " + std::to_string(answer->status) +
                  (message.empty() ? "" : ": " + message));
    }
    report_["batches"].as_array().push_back(std::move(record));
    return SaveReport() ? kOk : Fail("cannot write " + report_path_);
  }

  int Reconcile() {
    // What each batch said of each issue.
    std::map<std::string, std::string> group_of;  // id -> error group
    std::set<std::string> in_refused_batch;       // ids of batches answered 400
    int64_t updated = 0;
    for (const json::value& v : report_["batches"].as_array()) {
      const json::object& batch = v.as_object();
      updated += batch.at("numberOfIssuesUpdated").to_number<int64_t>();
      for (const auto& [group, list] : batch.at("errors").as_object())
        for (const json::value& id : list.as_array())
          if (id.is_string()) group_of[std::string(id.as_string())] = group;
      if (batch.at("status") == json::value(400)) {
        const size_t b = batch.at("batch").to_number<size_t>() - 1;
        for (size_t i = b * o_.batch_size; i < std::min(issues_.size(), (b + 1) * o_.batch_size);
             ++i)
          in_refused_batch.insert(issues_[i].id);
      }
    }
    // What a search still finds is not archived. (The plan's ids were checked to be
    // numbers when it was read.)
    std::vector<int64_t> all;
    for (const PlannedIssue& p : issues_) {
      all.push_back(std::stoll(p.id));
      for (const auto& s : p.subtasks) all.push_back(std::stoll(s.first));
    }
    auto found = client::FindSearchable(pool_, all);
    if (!found.ok()) return Fail(found.status().message());
    std::set<std::string> searchable_ids;
    for (int64_t id : *found) searchable_ids.insert(std::to_string(id));
    const std::set<std::string>* searchable = &searchable_ids;
    // Not found by search and said "not found" (or refused): archived before this
    // batch, or gone from the site. The site tells them apart: an archived issue is
    // still there by id.
    std::vector<size_t> ask;
    for (size_t i = 0; i < issues_.size(); ++i) {
      const std::string& id = issues_[i].id;
      if (searchable->contains(id)) continue;
      auto g = group_of.find(id);
      if ((g != group_of.end() && g->second == "issuesNotFound") || in_refused_batch.contains(id))
        ask.push_back(i);
    }
    std::vector<char> exists(ask.size(), 0);
    Status s = pool_.ForEach(ask.size(), [&](client::SiteClient& site, size_t i) {
      auto answer = site.Send(client::SiteMethod::kGet,
                              "/rest/api/3/issue/" + issues_[ask[i]].id + "?fields=key", nullptr);
      if (!answer.ok()) return answer.status();
      exists[i] = answer->status == 200;
      if (answer->status != 200 && answer->status != 404)
        return Status(StatusCode::kInternal, "GET /rest/api/3/issue/" + issues_[ask[i]].id +
                                                 " answered " + std::to_string(answer->status));
      return Status();
    });
    if (!s.ok()) return Fail(s.message());
    std::set<std::string> already;
    for (size_t i = 0; i < ask.size(); ++i)
      if (exists[i]) already.insert(issues_[ask[i]].id);
    // Still found, and in a batch the site refused whole (400 names no reasons): the
    // issue itself says why, as the archive rule reads it.
    std::vector<size_t> unexplained;
    for (size_t i = 0; i < issues_.size(); ++i)
      if (searchable->contains(issues_[i].id) && !group_of.contains(issues_[i].id))
        unexplained.push_back(i);
    std::vector<std::string> why(unexplained.size());
    s = pool_.ForEach(unexplained.size(), [&](client::SiteClient& site, size_t i) {
      auto issue =
          site.Get("/rest/api/3/issue/" + issues_[unexplained[i]].id + "?fields=issuetype,project");
      if (!issue.ok()) return issue.status();
      const json::object* fields = issue->is_object() && issue->as_object().contains("fields")
                                       ? issue->as_object().at("fields").if_object()
                                       : nullptr;
      if (fields == nullptr) return Status();
      const json::value* type = fields->if_contains("issuetype");
      const json::value* project = fields->if_contains("project");
      if (type && type->is_object() && type->as_object().contains("subtask") &&
          type->as_object().at("subtask") == json::value(true)) {
        why[i] = "issueIsSubtask";
      } else if (project && project->is_object() &&
                 project->as_object().contains("projectTypeKey")) {
        const json::value& kind = project->as_object().at("projectTypeKey");
        if (kind != json::value("software") && kind != json::value("service_desk") &&
            kind != json::value("business"))
          why[i] = "issuesInUnlicensedProjects";
      }
      return Status();
    });
    if (!s.ok()) return Fail(s.message());
    for (size_t i = 0; i < unexplained.size(); ++i)
      if (!why[i].empty()) group_of[issues_[unexplained[i]].id] = why[i];

    json::array out;
    size_t archived = 0, already_archived = 0, failed = 0, sub_archived = 0, sub_failed = 0;
    for (const PlannedIssue& p : issues_) {
      json::object entry{{"id", p.id}, {"key", p.key}};
      auto g = group_of.find(p.id);
      std::string reason;
      if (searchable->contains(p.id)) {
        reason = g != group_of.end()            ? g->second
                 : in_refused_batch.count(p.id) ? "refused"
                                                : "stillSearchable";
      } else if (already.contains(p.id)) {
        entry["outcome"] = "alreadyArchived";
        ++already_archived;
      } else if ((g != group_of.end() && g->second == "issuesNotFound") ||
                 in_refused_batch.contains(p.id)) {
        reason = "issuesNotFound";
      } else if (g != group_of.end()) {
        reason = g->second;
      } else {
        entry["outcome"] = "archived";
        ++archived;
      }
      if (!reason.empty()) {
        entry["outcome"] = "failed";
        entry["reason"] = reason;
        failures_[reason].push_back(p.key);
        ++failed;
      }
      if (!p.subtasks.empty()) {
        json::array subtasks;
        for (const auto& [id, key] : p.subtasks) {
          const bool done = !searchable->contains(id);
          (done ? sub_archived : sub_failed)++;
          if (!done) failures_["subtask still searchable"].push_back(key);
          subtasks.push_back(
              json::object{{"id", id}, {"key", key}, {"outcome", done ? "archived" : "failed"}});
        }
        entry["subtasks"] = std::move(subtasks);
      }
      out.push_back(std::move(entry));
    }
    size_t subtasks = 0;
    for (const PlannedIssue& p : issues_) subtasks += p.subtasks.size();
    report_["summary"] = json::object{{"issues", issues_.size()},
                                      {"subtasks", subtasks},
                                      {"archived", archived},
                                      {"alreadyArchived", already_archived},
                                      {"failed", failed},
                                      {"subtasksArchived", sub_archived},
                                      {"subtasksFailed", sub_failed},
                                      {"numberOfIssuesUpdated", updated}};
    report_["issues"] = std::move(out);
    report_["complete"] = true;
    return SaveReport() ? kOk : Fail("cannot write " + report_path_);
  }

  const ArchiveApplyOptions& o_;
  std::vector<PlannedIssue> issues_;
  json::object plan_identity_;
  client::SitePool& pool_;
  std::string report_path_;
  json::object report_;
  std::map<std::string, std::vector<std::string>> failures_;  // reason -> keys
};

}  // namespace

int ApplyArchivePlan(const ArchiveApplyOptions& o) {
  auto plan = client::ReadJsonObject(o.plan);
  if (!plan.ok()) {
    std::cerr << "jql archive: " << plan.status().message() << "\n";
    return kUsageOrIoError;
  }
  auto issues = ReadPlannedIssues(o.plan, *plan);
  if (!issues.ok()) {
    std::cerr << "jql archive: " << issues.status().message() << "\n";
    return kUsageOrIoError;
  }
  const json::value* site = plan->if_contains("site");
  const bool same_site =
      site != nullptr && site->is_string() &&
      WithoutTrailingSlash(std::string(site->as_string())) == WithoutTrailingSlash(o.access.site);
  if (!same_site && !o.any_site) {
    std::cerr << "jql archive: " << o.plan << " was planned on a mirror of "
              << (site != nullptr && site->is_string() ? std::string(site->as_string())
                                                       : std::string("no known site"))
              << ", not " << o.access.site
              << "; its ids name other issues there (--any-site applies it all the same)\n";
    return kUsageOrIoError;
  }
  auto pool = OpenSite(o.access, "jql archive");
  if (!pool) return kUsageOrIoError;
  json::object identity{
      {"path", fs::weakly_canonical(o.plan).string()},
      {"jql", plan->contains("jql") ? plan->at("jql") : nullptr},
      {"plannedAt", plan->contains("plannedAt") ? plan->at("plannedAt") : nullptr},
      {"issuesToArchive", issues->size()}};
  return PlanApplier(o, std::move(*issues), std::move(identity), *pool).Run();
}

}  // namespace jql::cli
