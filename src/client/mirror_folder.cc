#include "client/mirror_folder.h"

#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace jql::client {

namespace fs = std::filesystem;
namespace json = boost::json;

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

std::string MirrorFolder::PageName(size_t number) {
  char name[32];
  std::snprintf(name, sizeof name, "page-%06zu.jsonl", number);
  return name;
}

StatusOr<json::object> ReadJsonObject(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code error;
  json::value v = json::parse(text.str(), error);
  if (error || !v.is_object()) return InvalidArgument(path.string() + " is not a JSON object");
  return std::move(v.as_object());
}

fs::path MirrorFolderFor(const std::string& target) {
  return target.ends_with(".snap") ? fs::path(target.substr(0, target.size() - 5) + ".mirror")
                                   : fs::path(target);
}

StatusOr<json::object> MirrorFolder::ReadState() const {
  std::error_code ec;
  if (!fs::exists(state_file(), ec)) return json::object();
  auto state = ReadJsonObject(state_file());
  if (!state.ok() && state.status().code() == StatusCode::kInvalidArgument)
    return InvalidArgument(state_file().string() + " is not an import's state (not a JSON object)");
  return state;
}

bool MirrorFolder::WriteState(const json::object& state) const {
  return WriteAtomically(state_file(), json::serialize(state) + "\n");
}

int64_t IssueId(const json::object& issue) {
  const json::value* id = issue.if_contains("id");
  if (id == nullptr) return 0;
  if (id->is_int64()) return id->as_int64();
  if (!id->is_string()) return 0;
  int64_t value = 0;
  const json::string& s = id->as_string();
  return std::from_chars(s.data(), s.data() + s.size(), value).ec == std::errc() ? value : 0;
}

namespace {

template <typename Each>
Status ForEachLine(const fs::path& file, Each each) {
  std::ifstream in(file);
  if (!in) return NotFound("cannot read " + file.string());
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    boost::system::error_code error;
    json::value v = json::parse(line, error);
    if (error || !v.is_object())
      return InvalidArgument(file.string() + ":" + std::to_string(number) + ": not a JSON issue");
    each(line, v.as_object());
  }
  return Status();
}

}  // namespace

StatusOr<std::vector<MirroredIssue>> MirrorFolder::ReadIndex(size_t last_page) const {
  std::vector<MirroredIssue> out;
  for (size_t number = 1; number <= last_page; ++number) {
    std::error_code ec;
    if (!fs::exists(page(number), ec)) continue;  // emptied by a sync
    Status s = ForEachLine(page(number), [&](const std::string& line, const json::object& issue) {
      MirroredIssue m;
      m.line_hash = std::hash<std::string_view>{}(line);
      m.id = IssueId(issue);
      if (const json::value* key = issue.if_contains("key"); key && key->is_string())
        m.key = key->as_string();
      m.page = number;
      const json::value* archived = issue.if_contains("archived");
      m.archived = archived != nullptr && archived->is_bool() && archived->as_bool();
      out.push_back(std::move(m));
    });
    if (!s.ok()) return s;
  }
  return out;
}

Status MirrorFolder::EditPage(size_t number, const PageEdit& edit) const {
  auto in = [](const std::vector<int64_t>& list, int64_t id) {
    return std::binary_search(list.begin(), list.end(), id);
  };
  std::string kept;
  bool changed = false;
  Status s = ForEachLine(page(number), [&](const std::string& line, const json::object& issue) {
    const int64_t id = IssueId(issue);
    if (in(edit.drop, id)) {
      changed = true;
      return;
    }
    const bool mark = in(edit.mark_archived, id), unmark = in(edit.unmark_archived, id);
    if (!mark && !unmark) {
      kept += line;
      kept += '\n';
      return;
    }
    changed = true;
    json::object marked = issue;
    if (mark) {
      marked["archived"] = true;
    } else {
      marked.erase("archived");  // the last member, so the others keep their order
    }
    kept += json::serialize(marked);
    kept += '\n';
  });
  if (!s.ok()) return s;
  if (!changed) return Status();
  std::error_code ec;
  if (kept.empty()) {
    fs::remove(page(number), ec);
    if (ec) return Status(StatusCode::kInternal, "cannot remove " + page(number).string());
  } else if (!WriteAtomically(page(number), kept)) {
    return Status(StatusCode::kInternal, "cannot write " + page(number).string());
  }
  return Status();
}

}  // namespace jql::client
