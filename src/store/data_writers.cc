// Writing a store back out: the peers' CSV and Jira REST JSON Lines.
#include <boost/json.hpp>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include "common/csv_field.h"
#include "jira_time.h"
#include "jql/generator.h"
#include "jql/issue_json.h"

namespace jql {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

StatusOr<File> OpenForWrite(const std::string& path) {
  File file(std::fopen(path.c_str(), "wb"));
  if (!file) return NotFound("cannot write " + path);
  static thread_local char buffer[1 << 22];
  std::setvbuf(file.get(), buffer, _IOFBF, sizeof buffer);
  return file;
}

Status Close(File file, const std::string& path) {
  const bool ok = std::ferror(file.get()) == 0 && std::fclose(file.release()) == 0;
  return ok ? Status::Ok() : Status(StatusCode::kInternal, "error writing " + path);
}

// The peers' data never needs quoting; the writer quotes what would.
using internal::AppendCsvField;

template <typename Name>
void JoinCodes(std::string& line, const MultiColumn& column, size_t row, Name name) {
  if (!column.present()) return;
  const uint64_t begin = column.Begin(row);
  const uint32_t count = column.Count(row);
  std::string joined;
  for (uint32_t i = 0; i < count; ++i) {
    if (i) joined += ';';
    joined += name(static_cast<Code>(column.codes().Get(begin + i)));
  }
  AppendCsvField(line, joined);
}

}  // namespace

Status WritePeerCsv(const IssueStore& store, const std::string& path,
                    const std::function<void(size_t)>& progress) {
  auto file = OpenForWrite(path);
  if (!file.ok()) return file.status();
  std::FILE* f = file->get();
  std::fputs(
      "id,key,project_id,project_key,project_type,issuetype,parent_id,status,status_category,"
      "resolution,priority,assignee,reporter,created,updated,resolved,labels,components,"
      "fix_version,archived,summary\n",
      f);
  const Catalog& cat = store.catalog();
  const IssueColumns& c = store.columns();
  std::string line;
  auto code = [](const IntColumn& column, size_t row) {
    return static_cast<Code>(column.values.Get(row));
  };
  auto number = [&](const IntColumn& column, size_t row) {
    if (column.IsValid(row)) line += std::to_string(column.values.Get(row));
  };
  for (size_t row = 0; row < store.rows(); ++row) {
    if (progress && row % 4096 == 0) progress(row);
    line.clear();
    const Project& project = cat.projects[code(c.project, row)];
    line += std::to_string(c.id.values.Get(row));
    line += ',';
    AppendCsvField(line, store.Key(row));
    line += ',' + std::to_string(project.id) + ',';
    AppendCsvField(line, project.key);
    line += ',';
    line += ProjectTypeKey(project.type);
    line += ',';
    if (c.issue_type.IsValid(row))
      AppendCsvField(line, cat.issue_types[code(c.issue_type, row)].name);
    line += ',';
    if (c.parent.IsValid(row))
      line += std::to_string(c.id.values.Get(static_cast<size_t>(c.parent.values.Get(row))));
    line += ',';
    if (c.status.IsValid(row)) {
      const IssueStatus& s = cat.statuses[code(c.status, row)];
      AppendCsvField(line, s.name);
      line += ',';
      line += StatusCategoryName(s.category);
    } else {
      line += ',';
    }
    line += ',';
    if (c.resolution.IsValid(row))
      AppendCsvField(line, cat.resolutions[code(c.resolution, row)].name);
    line += ',';
    if (c.priority.IsValid(row)) AppendCsvField(line, cat.priorities[code(c.priority, row)].name);
    line += ',';
    if (c.assignee.IsValid(row)) AppendCsvField(line, cat.users[code(c.assignee, row)].account_id);
    line += ',';
    if (c.reporter.IsValid(row)) AppendCsvField(line, cat.users[code(c.reporter, row)].account_id);
    line += ',';
    number(c.created, row);
    line += ',';
    number(c.updated, row);
    line += ',';
    number(c.resolved, row);
    line += ',';
    JoinCodes(line, c.labels, row, [&](Code l) { return cat.labels[l]; });
    line += ',';
    JoinCodes(line, c.components, row, [&](Code x) { return cat.components[x].name; });
    line += ',';
    JoinCodes(line, c.fix_versions, row, [&](Code x) { return cat.versions[x].name; });
    line += store.IsArchived(row) ? ",1," : ",0,";
    if (store.text().summary.present()) AppendCsvField(line, store.text().summary.Get(row));
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), f);
  }
  return Close(std::move(*file), path);
}

Status WriteJiraJsonLines(const IssueStore& store, const std::string& path,
                          const std::function<void(size_t)>& progress) {
  auto file = OpenForWrite(path);
  if (!file.ok()) return file.status();
  for (size_t row = 0; row < store.rows(); ++row) {
    if (progress && row % 4096 == 0) progress(row);
    const std::string line = boost::json::serialize(IssueToJson(store, row)) + "\n";
    std::fwrite(line.data(), 1, line.size(), file->get());
  }
  return Close(std::move(*file), path);
}

}  // namespace jql
