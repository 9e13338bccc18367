// One issue in the shape of Jira's REST API (see issue_json.h).
#include "jql/issue_json.h"

#include <algorithm>
#include <string>

#include "jira_time.h"
#include "jql/fields.h"

namespace jql {

namespace json = boost::json;

namespace {

json::value UserJson(const Catalog& cat, Code code) {
  const User& u = cat.users[code];
  return json::object{{"accountId", u.account_id},
                      {"displayName", u.display_name},
                      {"emailAddress", u.email},
                      {"active", u.active}};
}

json::object VersionJson(const Version& v) {
  json::object o{{"id", std::to_string(v.id)}, {"name", v.name}, {"released", v.released}};
  if (v.release_date != 0) o["releaseDate"] = internal::FormatJiraDate(v.release_date);
  return o;
}

json::value HistoryValue(const Catalog& cat, HistoryField field, int64_t code, bool id) {
  if (code < 0) return nullptr;
  const auto c = static_cast<Code>(code);
  const Dictionary dictionary = HistoryFieldDescriptor(field).dictionary;
  if (!id) return json::value(DictionaryName(cat, dictionary, c));
  if (dictionary == Dictionary::kUsers) return json::value(cat.users[c].account_id);
  return json::value(std::to_string(DictionaryId(cat, dictionary, c)));
}

// One field of one issue, as its descriptor's encoding says.
class FieldEncoder {
 public:
  FieldEncoder(const IssueStore& store, size_t row)
      : store_(store), cat_(store.catalog()), row_(row) {}

  // The field's value: null when empty, or nothing when Jira leaves the field out
  // (custom fields without a value, an issue without a parent, sprints or comments).
  std::optional<json::value> Encode(const FieldDescriptor& f, int custom,
                                    const CustomField* definition) const {
    const IntColumn* ints = IntColumnOf(store_, f.column, custom);
    const MultiColumn* multi = MultiColumnOf(store_, f.column, custom);
    const bool has_int = ints != nullptr && ints->IsValid(row_);
    const auto code = [&] { return static_cast<Code>(ints->values.Get(row_)); };
    const bool is_custom = definition != nullptr;
    auto codes = [&](auto each) {
      json::array out;
      if (multi == nullptr || !multi->present()) return out;
      const uint64_t begin = multi->Begin(row_);
      for (uint32_t i = 0; i < multi->Count(row_); ++i)
        out.push_back(each(static_cast<Code>(multi->codes().Get(begin + i))));
      return out;
    };
    const bool no_codes = multi == nullptr || !multi->present() || multi->Count(row_) == 0;
    switch (f.json) {
      case JsonEncoding::kNone:
        return std::nullopt;
      case JsonEncoding::kProject: {
        const Project& p = cat_.projects[code()];
        json::object project{{"id", std::to_string(p.id)},
                             {"key", p.key},
                             {"name", p.name},
                             {"projectTypeKey", ProjectTypeKey(p.type)}};
        if (!p.category.empty()) project["projectCategory"] = json::object{{"name", p.category}};
        return project;
      }
      case JsonEncoding::kIssueType: {
        if (!has_int) return nullptr;
        const IssueType& it = cat_.issue_types[code()];
        return json::object{{"id", std::to_string(it.id)},
                            {"name", it.name},
                            {"subtask", it.subtask},
                            {"hierarchyLevel", it.hierarchy_level}};
      }
      case JsonEncoding::kStatus: {
        if (!has_int) return nullptr;
        const IssueStatus& s = cat_.statuses[code()];
        return json::object{
            {"id", std::to_string(s.id)},
            {"name", s.name},
            {"statusCategory", json::object{{"id", StatusCategoryId(s.category)},
                                            {"key", StatusCategoryKey(s.category)},
                                            {"name", StatusCategoryName(s.category)}}}};
      }
      case JsonEncoding::kEntity:
        if (!has_int) return nullptr;
        return json::object{{"id", std::to_string(DictionaryId(cat_, f.dictionary, code()))},
                            {"name", DictionaryName(cat_, f.dictionary, code())}};
      case JsonEncoding::kUser:
        if (!has_int) return is_custom ? std::nullopt : std::optional<json::value>(nullptr);
        return UserJson(cat_, code());
      case JsonEncoding::kDateTime:
      case JsonEncoding::kDate: {
        if (!has_int) return is_custom ? std::nullopt : std::optional<json::value>(nullptr);
        const int64_t t = ints->values.Get(row_);
        return json::value(f.json == JsonEncoding::kDate ? internal::FormatJiraDate(t)
                                                         : internal::FormatJiraTime(t));
      }
      case JsonEncoding::kNumber: {
        if (!has_int) return std::nullopt;
        const int64_t v = ints->values.Get(row_);
        const int64_t scale =
            custom >= 0 ? store_.columns().custom[static_cast<size_t>(custom)].scale : 1;
        if (scale == 1) return json::value(v);
        return json::value(static_cast<double>(v) / static_cast<double>(scale));
      }
      case JsonEncoding::kOption:
        if (!has_int) return std::nullopt;
        return json::object{{"value", DictionaryName(cat_, f.dictionary, code(), definition)}};
      case JsonEncoding::kStrings:
        if (is_custom && no_codes) return std::nullopt;
        return codes(
            [&](Code x) { return json::value(DictionaryName(cat_, f.dictionary, x, definition)); });
      case JsonEncoding::kOptions:
        if (no_codes) return std::nullopt;
        return codes([&](Code x) {
          return json::value(
              json::object{{"value", DictionaryName(cat_, f.dictionary, x, definition)}});
        });
      case JsonEncoding::kEntities:
        return codes([&](Code x) {
          return json::value(
              json::object{{"id", std::to_string(DictionaryId(cat_, f.dictionary, x))},
                           {"name", DictionaryName(cat_, f.dictionary, x)}});
        });
      case JsonEncoding::kVersions:
        return codes([&](Code x) { return json::value(VersionJson(cat_.versions[x])); });
      case JsonEncoding::kSprints:
        if (no_codes) return std::nullopt;
        return codes([&](Code x) {
          const Sprint& s = cat_.sprints[x];
          return json::value(
              json::object{{"id", s.id}, {"name", s.name}, {"state", SprintStateName(s.state)}});
        });
      case JsonEncoding::kIssueRef: {
        if (!has_int) return std::nullopt;
        const auto parent = static_cast<size_t>(ints->values.Get(row_));
        return json::object{{"id", std::to_string(store_.columns().id.values.Get(parent))},
                            {"key", store_.Key(parent)}};
      }
      case JsonEncoding::kVotes: {
        const IntColumn& votes = store_.columns().votes;
        return json::object{{"votes", votes.IsValid(row_) ? votes.values.Get(row_) : 0}};
      }
      case JsonEncoding::kWatches: {
        const MultiColumn& w = store_.columns().watchers;
        return json::object{{"watchCount", w.present() ? w.Count(row_) : 0}};
      }
      case JsonEncoding::kText: {
        const TextColumn* text = TextColumnOf(store_, f.column, custom);
        if (text == nullptr || !text->present() || text->Get(row_).empty())
          return is_custom ? std::nullopt : std::optional<json::value>(nullptr);
        return json::value(std::string(text->Get(row_)));
      }
      case JsonEncoding::kComments:
        return Comments();
      case JsonEncoding::kIssueLinks:
        return IssueLinks();
    }
    return std::nullopt;
  }

 private:
  // Comments are kept joined by line breaks; each line is one comment's body.
  std::optional<json::value> Comments() const {
    const TextColumn& column = store_.text().comments;
    if (!column.present() || column.Get(row_).empty()) return std::nullopt;
    json::array comments;
    const std::string_view all = column.Get(row_);
    size_t start = 0;
    while (start <= all.size()) {
      const size_t end = std::min(all.find('\n', start), all.size());
      comments.push_back(json::object{{"body", std::string(all.substr(start, end - start))}});
      start = end + 1;
    }
    return json::object{{"comments", std::move(comments)}};
  }

  // Each link once, from its source.
  json::value IssueLinks() const {
    json::array links;
    const Links& l = store_.links();
    if (l.row_begin.size() <= row_ + 1) return links;
    for (int64_t i = l.row_begin.Get(row_); i < l.row_begin.Get(row_ + 1); ++i) {
      const auto k = static_cast<size_t>(i);
      if (!l.outward.Get(k)) continue;
      const auto other = static_cast<size_t>(l.other.Get(k));
      const LinkType& type = cat_.link_types[static_cast<Code>(l.type.Get(k))];
      links.push_back(
          json::object{{"type", json::object{{"id", std::to_string(type.id)},
                                             {"name", type.name},
                                             {"inward", type.inward},
                                             {"outward", type.outward}}},
                       {"outwardIssue",
                        json::object{{"id", std::to_string(store_.columns().id.values.Get(other))},
                                     {"key", store_.Key(other)}}}});
    }
    return links;
  }

  const IssueStore& store_;
  const Catalog& cat_;
  size_t row_;
};

}  // namespace

boost::json::object IssueToJson(const IssueStore& store, size_t row, bool with_changelog) {
  const Catalog& cat = store.catalog();
  const IssueColumns& c = store.columns();
  const FieldEncoder encoder(store, row);
  json::object fields;
  for (const FieldDescriptor& f : SystemFields()) {
    if (auto value = encoder.Encode(f, -1, nullptr)) fields[f.id] = std::move(*value);
  }
  for (size_t i = 0; i < c.custom.size(); ++i) {
    const CustomField& def = cat.custom_fields[c.custom[i].field];
    if (auto value = encoder.Encode(CustomFieldKind(def.type), static_cast<int>(i), &def))
      fields[CustomFieldId(def)] = std::move(*value);
  }
  json::object issue{{"id", std::to_string(c.id.values.Get(row))},
                     {"key", store.Key(row)},
                     {"fields", std::move(fields)}};
  if (store.IsArchived(row)) issue["archived"] = true;
  const History& h = store.history();
  if (with_changelog && h.row_begin.size() > row + 1 &&
      h.row_begin.Get(row) < h.row_begin.Get(row + 1)) {
    json::array histories;
    for (int64_t i = h.row_begin.Get(row); i < h.row_begin.Get(row + 1); ++i) {
      const auto k = static_cast<size_t>(i);
      const auto field = static_cast<HistoryField>(h.field.Get(k));
      json::object item{{"field", HistoryFieldName(field)},
                        {"from", HistoryValue(cat, field, h.from.Get(k), true)},
                        {"fromString", HistoryValue(cat, field, h.from.Get(k), false)},
                        {"to", HistoryValue(cat, field, h.to.Get(k), true)},
                        {"toString", HistoryValue(cat, field, h.to.Get(k), false)}};
      json::object group{{"created", internal::FormatJiraTime(h.time.Get(k))},
                         {"items", json::array{std::move(item)}}};
      if (h.author.Get(k) >= 0) {
        const User& u = cat.users[static_cast<Code>(h.author.Get(k))];
        group["author"] =
            json::object{{"accountId", u.account_id}, {"displayName", u.display_name}};
      }
      histories.push_back(std::move(group));
    }
    issue["changelog"] = json::object{{"histories", std::move(histories)}};
  }
  return issue;
}

}  // namespace jql
