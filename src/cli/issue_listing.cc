#include "cli/issue_listing.h"

#include <boost/json.hpp>

#include "common/csv_field.h"
#include "jql/fields.h"
#include "jql/issue_json.h"

namespace jql::cli {
namespace json = boost::json;

namespace {

// A field value as one line of text: names of entities, display names of users,
// lists joined by ", ", Jira's date-times as "2024-01-31 10:00" (UTC).
std::string Display(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "";
    case json::kind::string: {
      std::string s(v.get_string());
      if (s.size() == 28 && s[10] == 'T' && s.ends_with("+0000")) {
        s[10] = ' ';
        s.resize(16);
      }
      return s;
    }
    case json::kind::array: {
      std::string out;
      for (const json::value& e : v.get_array()) {
        if (!out.empty()) out += ", ";
        out += Display(e);
      }
      return out;
    }
    case json::kind::object: {
      const json::object& o = v.get_object();
      for (const char* key : {"displayName", "name", "value", "key"}) {
        if (const json::value* shown = o.if_contains(key)) return Display(*shown);
      }
      for (const char* key : {"votes", "watchCount"}) {
        if (const json::value* n = o.if_contains(key)) return json::serialize(*n);
      }
      return json::serialize(v);
    }
    default:
      return json::serialize(v);
  }
}

// Characters, not bytes, for column widths (UTF-8 continuation bytes do not count).
size_t Width(std::string_view s) {
  size_t n = 0;
  for (const unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Truncated(const std::string& s, size_t most) {
  if (Width(s) <= most) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80 && ++n == most) break;
    out += s[i];
  }
  return out + "\u2026";
}

}  // namespace

std::optional<IssueListing> IssueListing::Make(const IssueStore& store,
                                               const std::vector<std::string>& names,
                                               std::string* unknown) {
  std::vector<Column> columns;
  const Catalog& catalog = store.catalog();
  for (const std::string& name : names) {
    std::string id;
    if (name == "key" || name == "id") {
      id = name;
    } else if (const FieldDescriptor* f = FindSystemFieldById(name);
               f && f->json != JsonEncoding::kNone) {
      id = f->id;
    } else if (const FieldDescriptor* g = FindSystemField(name);
               g && g->json != JsonEncoding::kNone) {
      id = g->id;
    } else {
      for (const CustomField& def : catalog.custom_fields.items()) {
        const std::string custom_id = CustomFieldId(def);
        if (name == custom_id || FoldCase(name) == FoldCase(def.name) ||
            FoldCase(name) == "cf[" + std::to_string(def.id) + "]")
          id = custom_id;
      }
    }
    if (id.empty()) {
      *unknown = name;
      return std::nullopt;
    }
    columns.push_back(Column{name, id});
  }
  return IssueListing(store, std::move(columns));
}

json::object IssueListing::IssueJson(uint32_t row) const {
  IssueJsonOptions options;
  options.changelog = false;
  json::object full = IssueToJson(*store_, row, options);
  json::object fields;
  for (const Column& c : columns_) {
    if (c.id == "key" || c.id == "id") continue;
    const json::value* v = full.at("fields").as_object().if_contains(c.id);
    fields[c.id] = v != nullptr ? *v : json::value(nullptr);
  }
  return json::object{
      {"id", full.at("id")}, {"key", full.at("key")}, {"fields", std::move(fields)}};
}

std::vector<std::string> IssueListing::Cells(uint32_t row) const {
  const json::object issue = IssueJson(row);
  std::vector<std::string> cells;
  for (const Column& c : columns_) {
    if (c.id == "key" || c.id == "id") {
      cells.push_back(std::string(issue.at(c.id).as_string()));
    } else {
      cells.push_back(Display(issue.at("fields").at(c.id)));
    }
  }
  return cells;
}

void IssueListing::PrintTable(const std::vector<uint32_t>& rows, std::ostream& out) const {
  constexpr size_t kWidest = 60;  // long summaries are cut, with an ellipsis
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths;
  for (const Column& c : columns_) widths.push_back(Width(c.header));
  for (const uint32_t row : rows) {
    cells.push_back(Cells(row));
    for (size_t i = 0; i < columns_.size(); ++i) {
      cells.back()[i] = Truncated(cells.back()[i], kWidest);
      widths[i] = std::max(widths[i], Width(cells.back()[i]));
    }
  }
  auto line = [&](const std::vector<std::string>& values) {
    std::string text;
    for (size_t i = 0; i < values.size(); ++i) {
      text += values[i];
      if (i + 1 < values.size()) text.append(widths[i] - Width(values[i]) + 2, ' ');
    }
    out << text << '\n';
  };
  std::vector<std::string> header;
  for (const Column& c : columns_) header.push_back(c.header);
  line(header);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& values : cells) line(values);
}

void IssueListing::PrintCsv(const std::vector<uint32_t>& rows, std::ostream& out) const {
  std::string line;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) line += ',';
    internal::AppendCsvField(line, columns_[i].header);
  }
  out << line << "\r\n";
  for (const uint32_t row : rows) {
    line.clear();
    const std::vector<std::string> cells = Cells(row);
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line += ',';
      internal::AppendCsvField(line, cells[i]);
    }
    out << line << "\r\n";
  }
}

void IssueListing::PrintJsonLines(const std::vector<uint32_t>& rows, std::ostream& out) const {
  for (const uint32_t row : rows) out << json::serialize(IssueJson(row)) << '\n';
}

json::array IssueListing::IssuesJson(const std::vector<uint32_t>& rows) const {
  json::array out;
  for (const uint32_t row : rows) out.push_back(IssueJson(row));
  return out;
}

}  // namespace jql::cli
