#include "jql/data_loader.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "jql/snapshot.h"
#include "load_context.h"

namespace jql {
namespace fs = std::filesystem;

namespace internal {

size_t LineOf(std::string_view text, size_t offset) {
  return 1 + static_cast<size_t>(
                 std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

namespace {

// Splits "v2.10" into text and numbers so that versions sort naturally.
bool NaturalLess(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = a[i] >= '0' && a[i] <= '9', db = b[j] >= '0' && b[j] <= '9';
    if (da && db) {
      size_t ei = i, ej = j;
      while (ei < a.size() && a[ei] >= '0' && a[ei] <= '9') ++ei;
      while (ej < b.size() && b[ej] >= '0' && b[ej] <= '9') ++ej;
      std::string_view na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

}  // namespace

void AssignVersionOrder(Catalog& catalog) {
  std::vector<Code> order(catalog.versions.size());
  for (Code c = 0; c < order.size(); ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](Code a, Code b) {
    const Version& va = catalog.versions[a];
    const Version& vb = catalog.versions[b];
    if (va.project != vb.project) return va.project < vb.project;
    return NaturalLess(va.name, vb.name);
  });
  int32_t sequence = 0;
  Code project = kNoCode;
  for (Code c : order) {
    Version& v = catalog.versions.mutable_item(c);
    if (v.project != project) {
      project = v.project;
      sequence = 0;
    }
    v.sequence = ++sequence;
  }
}

}  // namespace internal

std::string_view DataFormatName(DataFormat format) {
  switch (format) {
    case DataFormat::kCsv:
      return "csv";
    case DataFormat::kJiraJson:
      return "jira-json";
    case DataFormat::kSnapshot:
      return "snapshot";
    case DataFormat::kFolder:
      return "folder";
  }
  return "csv";
}

namespace {

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path);
  std::string data;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) return NotFound("cannot read " + path);
  data.resize(static_cast<size_t>(size));
  in.seekg(0);
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  if (!in) return InvalidArgument("cannot read all of " + path);
  return data;
}

// Content, not the name, tells the format: the snapshot magic, a JSON object or
// array, else CSV (whose header must then name the id and key columns).
DataFormat DetectFromContent(std::string_view head) {
  if (head.size() >= 7 && head.substr(0, 7) == std::string_view(kSnapshotMagic, 7))
    return DataFormat::kSnapshot;
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // a UTF-8 byte order mark
  while (i < head.size() &&
         (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
    ++i;
  if (i < head.size() && (head[i] == '{' || head[i] == '[')) return DataFormat::kJiraJson;
  return DataFormat::kCsv;
}

std::string Head(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

bool Hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.empty() || name[0] == '.';
}

// The first line of a CSV file names the columns: issue data needs 'id' and 'key'.
bool CsvHeaderNamesIdAndKey(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);  // a UTF-8 byte order mark
  std::vector<std::string_view> cells;
  std::vector<std::string> unquoted;
  bool bad_quote = false;
  internal::ReadCsvRecord(head.substr(0, head.find('\n')), 0, cells, unquoted, &bad_quote);
  if (bad_quote) return true;  // the CSV loader names the broken quote and its line
  bool id = false, key = false;
  for (std::string_view cell : cells) {
    while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
    while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
    const std::string name = FoldCase(cell);
    id = id || name == "id" || name == "issue id";  // the peers' CSV, or Jira's export
    key = key || name == "key" || name == "issue key";
  }
  return id && key;
}

}  // namespace

std::optional<std::string> NotIssueData(const std::string& path) {
  const std::string head = Head(path);
  // An empty file is data gone missing, and the loader says so ("is empty").
  if (head.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  const auto starts = [&](std::string_view magic) { return head.starts_with(magic); };
  if (starts("\x1F\x8B")) return "a gzip-compressed file: decompress it first (gunzip)";
  if (starts("BZh")) return "a bzip2-compressed file: decompress it first (bunzip2)";
  if (starts("\xFD"
             "7zXZ"))
    return "an xz-compressed file: decompress it first (unxz)";
  if (starts("\x28\xB5\x2F\xFD")) return "a zstd-compressed file: decompress it first (unzstd)";
  if (starts("PK\x03\x04")) return "a zip archive: unpack it first (unzip)";
  if (head.size() > 262 && head.substr(257, 5) == "ustar") return "a tar archive: unpack it first";
  const DataFormat format = DetectFromContent(head);
  if (format == DataFormat::kJiraJson) {
    if (head.find("\"catalogDone\"") != std::string::npos &&
        head.find("\"jql\"") != std::string::npos)
      return "the state file of a jql import";
    // A saved page of GET /project/search (or /project): projects, not issues.
    if (head.find("\"projectTypeKey\"") != std::string::npos &&
        head.find("\"fields\"") == std::string::npos &&
        head.find("\"issues\"") == std::string::npos)
      return "a list of projects (GET /rest/api/3/project/search), not issues; it belongs in a "
             "--catalog folder";
    return std::nullopt;
  }
  if (format == DataFormat::kCsv && !head.empty() && !CsvHeaderNamesIdAndKey(head))
    return "not issue data (neither JSON nor a CSV whose header names 'id' and 'key')";
  return std::nullopt;
}

StatusOr<DataFormat> DetectDataFormat(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return DataFormat::kFolder;
  if (!fs::exists(path, ec)) return NotFound(path + " does not exist");
  return DetectFromContent(Head(path));
}

StatusOr<IssueStore> LoadIssueStore(const std::string& path, LoadReport* report,
                                    const LoadOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  LoadReport local;
  LoadReport& r = report != nullptr ? *report : local;
  r = LoadReport();
  const auto format = DetectDataFormat(path);
  if (!format.ok()) return format.status();
  r.format = *format;
  auto finish = [&](StatusOr<IssueStore> store) {
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (store.ok()) r.issues = store->rows();
    return store;
  };
  if (*format == DataFormat::kSnapshot) {
    r.files.push_back(path);
    std::error_code ec;
    r.bytes = static_cast<size_t>(fs::file_size(path, ec));
    return finish(LoadSnapshot(path));
  }
  std::vector<std::string> files;
  // A mirror made by `jql import` keeps the site's catalog beside the issues: read
  // first, it gives the site's own ids, names and the entities no issue uses.
  std::string catalog_dir;
  if (*format == DataFormat::kFolder) {
    std::error_code ec;
    const fs::path dir = fs::path(path) / "catalog";
    if (fs::is_regular_file(dir / "status.json", ec) ||
        fs::is_regular_file(dir / "project.json", ec) ||
        fs::is_regular_file(dir / "field.json", ec))
      catalog_dir = dir.string();
  }
  if (*format == DataFormat::kFolder) {
    // Recursively, in name order; hidden files and folders (.git) are not looked at.
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(
             path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (Hidden(it->path()) || (!catalog_dir.empty() && it->path() == fs::path(catalog_dir))) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file()) continue;
      const std::string file = it->path().string();
      if (auto what = NotIssueData(file)) {
        r.notes.push_back(file + ": " + *what + "; skipped");
        continue;
      }
      files.push_back(file);
    }
    if (ec) return finish(InvalidArgument("cannot read the folder " + path + ": " + ec.message()));
    std::sort(files.begin(), files.end());
    std::sort(r.notes.begin(), r.notes.end());
    if (files.empty()) {
      std::string why = path + " holds no issue data files";
      if (!r.notes.empty())
        why += " (" + r.notes.front() + (r.notes.size() > 1 ? ", ..." : "") + ")";
      return finish(InvalidArgument(why));
    }
  } else {
    if (auto what = NotIssueData(path)) return finish(InvalidArgument(path + " is " + *what));
    files.push_back(path);
  }
  internal::LoadContext context;
  context.report = &r;
  if (!catalog_dir.empty()) {
    SiteCatalogReport catalog_report;
    if (Status s = internal::ReadSiteCatalog(catalog_dir, context, catalog_report, false); !s.ok())
      return finish(s);
    r.notes.push_back(catalog_dir + ": the site's catalog, " +
                      std::to_string(catalog_report.files.size()) + " files");
  }
  if (options.progress) {
    context.progress = &options.progress;
    for (const std::string& file : files) {
      std::error_code ec;
      const auto size = fs::file_size(file, ec);
      if (!ec) context.bytes_total += static_cast<size_t>(size);
    }
    options.progress(LoadProgress{"reading", 0, context.bytes_total, 0});
  }
  for (const std::string& file : files) {
    auto text = ReadFile(file);
    if (!text.ok()) return finish(text.status());
    context.files.emplace_back(file, true);
    r.files.push_back(file);
    if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
      return finish(InvalidArgument(file + " is empty"));
    }
    const DataFormat kind = DetectFromContent(std::string_view(*text).substr(0, 4096));
    Status s;
    if (kind == DataFormat::kSnapshot) {
      s = InvalidArgument(file +
                          ": a snapshot cannot be combined with other files; load it on its own");
    } else if (kind == DataFormat::kJiraJson) {
      s = internal::LoadJiraJson(*text, context);
    } else if (internal::IsJiraCsvExport(std::string_view(*text).substr(0, 65536))) {
      s = internal::LoadJiraCsvExport(*text, context);
    } else {
      s = internal::LoadCsv(*text, context);
    }
    if (!s.ok()) return finish(s);
    context.bytes_before += text->size();
  }
  if (options.progress) {
    options.progress(LoadProgress{"building", context.bytes_before, context.bytes_total,
                                  context.row_origin.size()});
  }
  internal::AssignVersionOrder(context.builder.catalog());
  context.builder.set_row_describer([&](size_t row) { return context.Describe(row); });
  StatusOr<IssueStore> store = context.builder.Build();
  r.dropped_parents = context.builder.dropped_parents();
  r.dropped_links = context.builder.dropped_links();
  return finish(std::move(store));
}

}  // namespace jql
