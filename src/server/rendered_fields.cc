#include "server/rendered_fields.h"

#include <array>
#include <boost/json/array.hpp>

#include "common/civil_time.h"
#include "common/html_escape.h"
#include "jql/fields.h"
#include "jql/issue_json.h"

namespace jql::server {
namespace json = boost::json;

namespace {

// "15/Dec/11 2:35 PM", or "15/Dec/11" for a date, as Jira's default formats show them.
std::string RenderTime(int64_t ms, bool date_only) {
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int64_t day_ms = 86'400'000;
  const int64_t days = internal::FloorDiv(ms, day_ms);
  const internal::CivilDate d = internal::CivilFromDays(days);
  char buffer[48];
  int n = std::snprintf(buffer, sizeof buffer, "%02u/%s/%02d", d.day, kMonths[d.month - 1],
                        static_cast<int>(((d.year % 100) + 100) % 100));
  if (!date_only) {
    const int64_t minutes = (ms - days * day_ms) / 60'000;
    const int hour = static_cast<int>(minutes / 60), minute = static_cast<int>(minutes % 60);
    n += std::snprintf(buffer + n, sizeof buffer - static_cast<size_t>(n), " %d:%02d %s",
                       hour % 12 == 0 ? 12 : hour % 12, minute, hour < 12 ? "AM" : "PM");
  }
  return std::string(buffer, static_cast<size_t>(n));
}

json::value Rendered(const IssueStore& store, size_t row, const FieldDescriptor& f, int custom) {
  switch (f.json) {
    case JsonEncoding::kText: {
      const TextColumn* text = TextColumnOf(store, f.column, custom);
      if (text == nullptr || !text->present() || text->Get(row).empty()) return nullptr;
      return json::value(RenderText(text->Get(row)));
    }
    case JsonEncoding::kDate:
    case JsonEncoding::kDateTime: {
      const IntColumn* ints = IntColumnOf(store, f.column, custom);
      if (ints == nullptr || !ints->IsValid(row)) return nullptr;
      return json::value(RenderTime(ints->values.Get(row), f.json == JsonEncoding::kDate));
    }
    case JsonEncoding::kComments: {
      json::array comments;
      for (const std::string_view body : CommentBodies(store, row))
        comments.push_back(json::object{{"body", RenderText(body)}});
      if (comments.empty()) return nullptr;
      const size_t n = comments.size();
      return json::object{
          {"comments", std::move(comments)}, {"maxResults", n}, {"total", n}, {"startAt", 0}};
    }
    default:
      return nullptr;
  }
}

}  // namespace

std::string RenderText(std::string_view text) {
  std::string out;
  size_t start = 0;
  bool first = true;
  // Paragraphs are separated by blank lines; single line breaks stay within them.
  while (start <= text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view paragraph = text.substr(start, end - start);
    while (!paragraph.empty() && paragraph.front() == '\n') paragraph.remove_prefix(1);
    if (!paragraph.empty()) {
      if (!first) out += "\n\n";
      first = false;
      out += "<p>";
      size_t line_start = 0;
      while (line_start <= paragraph.size()) {
        const size_t line_end = std::min(paragraph.find('\n', line_start), paragraph.size());
        if (line_start > 0) out += "<br/>\n";
        internal::AppendHtmlEscaped(paragraph.substr(line_start, line_end - line_start), out);
        line_start = line_end + 1;
      }
      out += "</p>";
    }
    start = end + 2;
  }
  return out;
}

json::object RenderedFields(const IssueStore& store, size_t row, const json::object& fields) {
  json::object out;
  const Catalog& catalog = store.catalog();
  const IssueColumns& columns = store.columns();
  for (const auto& entry : fields) {
    const std::string_view name = entry.key();
    json::value value = nullptr;
    if (const FieldDescriptor* f = FindSystemFieldById(name)) {
      value = Rendered(store, row, *f, -1);
    } else {
      for (size_t i = 0; i < columns.custom.size(); ++i) {
        const CustomField& def = catalog.custom_fields[columns.custom[i].field];
        if (CustomFieldId(def) == name) {
          value = Rendered(store, row, CustomFieldKind(def.type), static_cast<int>(i));
          break;
        }
      }
    }
    out[name] = std::move(value);
  }
  return out;
}

}  // namespace jql::server
