// jql archive: plan an archive on a mirror (--plan), and apply a plan to the site
// (--apply). See cli/archive_plan.h and cli/archive_apply.h.
#include <iostream>

#include "cli/archive_apply.h"
#include "cli/archive_plan.h"
#include "cli/commands.h"

namespace jql::cli {

void RegisterArchive(CLI::App& app, int& exit_code) {
  auto plan = std::make_shared<ArchivePlanOptions>();
  auto apply = std::make_shared<ArchiveApplyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "archive",
      "Plan an archive on a mirror (--plan JQL --data MIRROR --out plan.json), then archive "
      "exactly the planned issues on the site (--apply plan.json --to SITE).");
  auto* plan_jql = cmd->add_option("--plan", plan->jql, "The JQL whose archive to plan");
  auto* apply_file = cmd->add_option("--apply", apply->plan, "The plan to apply");
  plan_jql->excludes(apply_file);
  cmd->add_option("--data", plan->data, "With --plan: the mirror (or any data) to plan on");
  cmd->add_option("--out", plan->out, "With --plan: the plan file to write");
  AddContextOptions(cmd, &plan->context, "--current-user");
  cmd->add_option("--to", apply->access.site,
                  "With --apply: the site (https://NAME.atlassian.net or http://HOST:PORT)");
  AddSiteAccessOptions(cmd, &apply->access);
  cmd->add_option("--report", apply->report,
                  "With --apply: the report, also the record a stopped run continues from "
                  "(default: PLAN.report.json)");
  cmd->add_option("--batch-size", apply->batch_size,
                  "With --apply: issues per archive request (at most 1000, Jira's limit)")
      ->check(CLI::Range(size_t{1}, size_t{1000}));
  cmd->add_flag("--any-site", apply->any_site,
                "With --apply: apply a plan made on a mirror of another site");
  cmd->callback([plan, apply, &exit_code] {
    if (!plan->jql.empty()) {
      if (plan->data.empty() || plan->out.empty()) {
        std::cerr << "jql archive: --plan needs --data and --out\n";
        exit_code = kUsageOrIoError;
        return;
      }
      exit_code = WriteArchivePlan(*plan);
    } else if (!apply->plan.empty()) {
      if (apply->access.site.empty()) {
        std::cerr << "jql archive: --apply needs --to\n";
        exit_code = kUsageOrIoError;
        return;
      }
      exit_code = ApplyArchivePlan(*apply);
    } else {
      std::cerr << "jql archive: say --plan JQL or --apply PLAN\n";
      exit_code = kUsageOrIoError;
    }
  });
}

}  // namespace jql::cli
