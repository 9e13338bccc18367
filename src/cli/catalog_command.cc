// jql catalog: write a data set's catalog as the files `jql validate --catalog` reads,
// the bodies Jira's own metadata endpoints give (jql/site_catalog.h), so a catalog
// folder can be made from test data as an admin makes one from a real site.
#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/data_commands.h"
#include "jql/entity_json.h"
#include "jql/site_catalog.h"
#include "server/catalog_json.h"
#include "server/field_list.h"

namespace jql::cli {
namespace {

namespace json = boost::json;

struct CatalogOptions {
  std::string from;
  std::string out;
  std::string base_url;  // for the self links; none by default
};

int Run(const CatalogOptions& o) {
  auto store = LoadData(o.from);
  if (!store) return kUsageOrIoError;
  const Catalog& catalog = store->catalog();
  const std::string api = o.base_url.empty() ? "" : o.base_url + "/rest/api/3";
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec) {
    std::cerr << "jql: cannot make " << o.out << ": " << ec.message() << '\n';
    return kUsageOrIoError;
  }
  auto each = [&](size_t size, auto encode) {
    json::array out;
    for (size_t c = 0; c < size; ++c) out.push_back(encode(catalog, static_cast<Code>(c), api));
    return out;
  };
  server::ProjectSearch all_projects;
  all_projects.max_results = std::max<size_t>(50, catalog.projects.size());
  json::array priorities;
  for (Code c : server::PrioritiesInOrder(catalog))
    priorities.push_back(PriorityJson(catalog, c, api));
  const std::pair<std::string_view, json::value> files[] = {
      {"field.json", server::FieldListJson(catalog)},
      {"project.json", server::ProjectSearchJson(catalog, all_projects, api)},
      {"status.json", each(catalog.statuses.size(), StatusJson)},
      {"priority.json", std::move(priorities)},
      {"issuetype.json", each(catalog.issue_types.size(), IssueTypeJson)},
      {"resolution.json", each(catalog.resolutions.size(), ResolutionJson)},
      {"users.json", server::UsersJson(catalog, 0, SIZE_MAX, api)},
      {"groups.json", server::GroupPickerJson(catalog, "", SIZE_MAX)},
  };
  for (const auto& [name, body] : files) {
    const std::string path = o.out + "/" + std::string(name);
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << json::serialize(body) << '\n';
    if (!file.flush()) {
      std::cerr << "jql: cannot write " << path << '\n';
      return kUsageOrIoError;
    }
  }
  std::cerr << "catalog of " << o.from << " written to " << o.out << ": " << catalog.projects.size()
            << " projects, " << catalog.users.size() << " users, " << catalog.custom_fields.size()
            << " custom fields\n";
  return kOk;
}

}  // namespace

void RegisterCatalog(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CatalogOptions>();
  std::string files;
  for (const SiteCatalogFile& f : SiteCatalogFiles())
    files += "\n  " + std::string(f.name) + "  " + std::string(f.endpoint);
  CLI::App* cmd = app.add_subcommand(
      "catalog",
      "Write a data set's catalog as the JSON of Jira's metadata endpoints, the folder "
      "`jql validate --catalog` reads. From a real site, save the same files with curl:" +
          files);
  cmd->add_option("--from", o->from, "The data set (CSV, Jira JSON, a folder, or a snapshot)")
      ->required();
  cmd->add_option("--out", o->out, "The folder to write the files into")->required();
  cmd->add_option("--base-url", o->base_url,
                  "Give the objects self links under this site (e.g. https://x.atlassian.net)");
  cmd->callback([o, &exit_code] { exit_code = Run(*o); });
}

}  // namespace jql::cli
