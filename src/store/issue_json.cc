// One issue in the shape of Jira's REST API (see issue_json.h).
#include "jql/issue_json.h"

#include <algorithm>
#include <string>

#include "jira_time.h"
#include "jql/entity_json.h"
#include "jql/fields.h"

namespace jql {

namespace json = boost::json;

namespace {

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
  FieldEncoder(const IssueStore& store, size_t row, const IssueJsonOptions& options)
      : store_(store), cat_(store.catalog()), row_(row), options_(options), api_(options.api) {}

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
      case JsonEncoding::kProject:
        return ProjectJson(cat_, code(), api_);
      case JsonEncoding::kIssueType:
        if (!has_int) return nullptr;
        return IssueTypeJson(cat_, code(), api_);
      case JsonEncoding::kStatus:
        if (!has_int) return nullptr;
        return StatusJson(cat_, code(), api_);
      case JsonEncoding::kEntity:
        if (!has_int) return nullptr;
        return EntityJson(f.dictionary, code());
      case JsonEncoding::kUser:
        if (!has_int) return is_custom ? std::nullopt : std::optional<json::value>(nullptr);
        return UserJson(cat_, code(), api_);
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
        return codes([&](Code x) { return json::value(EntityJson(f.dictionary, x)); });
      case JsonEncoding::kVersions:
        return codes([&](Code x) { return json::value(VersionJson(cat_, x, api_)); });
      case JsonEncoding::kSprints:
        if (no_codes) return std::nullopt;
        return codes([&](Code x) {
          const Sprint& s = cat_.sprints[x];
          return json::value(
              json::object{{"id", s.id}, {"name", s.name}, {"state", SprintStateName(s.state)}});
        });
      case JsonEncoding::kIssueRef:
        if (!has_int) return std::nullopt;
        return IssueRef(static_cast<size_t>(ints->values.Get(row_)));
      case JsonEncoding::kSubtasks: {
        if (!options_.subtasks) return std::nullopt;
        json::array subtasks;
        for (const uint32_t subtask : *options_.subtasks) subtasks.push_back(IssueRef(subtask));
        return subtasks;
      }
      case JsonEncoding::kVotes: {
        const IntColumn& votes = store_.columns().votes;
        json::object out = Linked("/votes");
        out["votes"] = votes.IsValid(row_) ? votes.values.Get(row_) : 0;
        out["hasVoted"] = false;
        return out;
      }
      case JsonEncoding::kWatches: {
        const MultiColumn& w = store_.columns().watchers;
        json::object out = Linked("/watchers");
        out["watchCount"] = w.present() ? w.Count(row_) : 0;
        out["isWatching"] = false;
        return out;
      }
      case JsonEncoding::kText: {
        const TextColumn* text = TextColumnOf(store_, f.column, custom);
        if (text == nullptr || !text->present() || text->Get(row_).empty())
          return is_custom ? std::nullopt : std::optional<json::value>(nullptr);
        return RichText(text->Get(row_),
                        f.column == ColumnId::kDescription || f.column == ColumnId::kEnvironment);
      }
      case JsonEncoding::kComments:
        return Comments();
      case JsonEncoding::kIssueLinks:
        return IssueLinks();
    }
    return std::nullopt;
  }

 private:
  std::string IssueId(size_t row) const {
    return std::to_string(store_.columns().id.values.Get(row));
  }

  // {"self": ".../issue/ID/<path>"} when the answer has links, else {}.
  json::object Linked(std::string_view path) const {
    json::object out;
    if (!api_.empty()) out["self"] = api_ + "/issue/" + IssueId(row_) + std::string(path);
    return out;
  }

  json::value RichText(std::string_view text, bool rich) const {
    if (rich && options_.document_format) return TextToDocument(text);
    return json::value(std::string(text));
  }

  json::object EntityJson(Dictionary dictionary, Code code) const {
    switch (dictionary) {
      case Dictionary::kPriorities:
        return PriorityJson(cat_, code, api_);
      case Dictionary::kResolutions:
        return ResolutionJson(cat_, code, api_);
      case Dictionary::kComponents:
        return ComponentJson(cat_, code, api_);
      default:
        return json::object{{"id", std::to_string(DictionaryId(cat_, dictionary, code))},
                            {"name", DictionaryName(cat_, dictionary, code)}};
    }
  }

  // Another issue as Jira shows it inside this one (parent, subtask, linked issue):
  // its id, key and the fields that say what it is.
  json::object IssueRef(size_t row) const {
    const IssueColumns& c = store_.columns();
    json::object fields{{"summary", std::string(store_.text().summary.Get(row))}};
    fields["status"] =
        c.status.IsValid(row)
            ? json::value(StatusJson(cat_, static_cast<Code>(c.status.values.Get(row)), api_))
            : json::value(nullptr);
    fields["priority"] =
        c.priority.IsValid(row)
            ? json::value(PriorityJson(cat_, static_cast<Code>(c.priority.values.Get(row)), api_))
            : json::value(nullptr);
    fields["issuetype"] = c.issue_type.IsValid(row)
                              ? json::value(IssueTypeJson(
                                    cat_, static_cast<Code>(c.issue_type.values.Get(row)), api_))
                              : json::value(nullptr);
    json::object out{{"id", IssueId(row)}, {"key", store_.Key(row)}};
    if (!api_.empty()) out["self"] = api_ + "/issue/" + IssueId(row);
    out["fields"] = std::move(fields);
    return out;
  }

  std::optional<json::value> Comments() const {
    json::array comments;
    for (const std::string_view body : CommentBodies(store_, row_))
      comments.push_back(json::object{{"body", RichText(body, true)}});
    if (comments.empty()) return std::nullopt;
    json::object out = Linked("/comment");
    out["maxResults"] = comments.size();
    out["total"] = comments.size();
    out["startAt"] = 0;
    out["comments"] = std::move(comments);
    return out;
  }

  // Every link of the issue, as Jira shows it at each end: to the other issue as its
  // outwardIssue where this one is the source, as its inwardIssue where it is the
  // target. The id is that of the link's source end, the same at both ends.
  json::value IssueLinks() const {
    json::array links;
    const Links& l = store_.links();
    if (l.row_begin.size() <= row_ + 1) return links;
    for (int64_t i = l.row_begin.Get(row_); i < l.row_begin.Get(row_ + 1); ++i) {
      const auto k = static_cast<size_t>(i);
      const auto other = static_cast<size_t>(l.other.Get(k));
      const bool outward = l.outward.Get(k);
      const auto type_code = static_cast<Code>(l.type.Get(k));
      const LinkType& type = cat_.link_types[type_code];
      const std::string id = std::to_string(outward ? k + 1 : SourceEnd(other, type_code) + 1);
      json::object link;
      link["id"] = id;
      if (!api_.empty()) link["self"] = api_ + "/issueLink/" + id;
      json::object type_json{{"id", std::to_string(type.id)},
                             {"name", type.name},
                             {"inward", type.inward},
                             {"outward", type.outward}};
      if (!api_.empty()) type_json["self"] = api_ + "/issueLinkType/" + std::to_string(type.id);
      link["type"] = std::move(type_json);
      link[outward ? "outwardIssue" : "inwardIssue"] = IssueRef(other);
      links.push_back(std::move(link));
    }
    return links;
  }

  // Where the link of `type` from `source` to this issue is kept at the source's end.
  size_t SourceEnd(size_t source, Code type) const {
    const Links& l = store_.links();
    for (int64_t i = l.row_begin.Get(source); i < l.row_begin.Get(source + 1); ++i) {
      const auto k = static_cast<size_t>(i);
      if (l.outward.Get(k) && static_cast<size_t>(l.other.Get(k)) == row_ &&
          static_cast<Code>(l.type.Get(k)) == type)
        return k;
    }
    return 0;  // not reached: links are stored at both ends
  }

  const IssueStore& store_;
  const Catalog& cat_;
  size_t row_;
  const IssueJsonOptions& options_;
  const std::string& api_;
};

}  // namespace

std::vector<std::string_view> CommentBodies(const IssueStore& store, size_t row) {
  std::vector<std::string_view> bodies;
  const TextColumn& column = store.text().comments;
  if (!column.present() || column.Get(row).empty()) return bodies;
  const std::string_view all = column.Get(row);
  size_t start = 0;
  while (start <= all.size()) {
    const size_t end = std::min(all.find('\n', start), all.size());
    bodies.push_back(all.substr(start, end - start));
    start = end + 1;
  }
  return bodies;
}

json::object TextToDocument(std::string_view text) {
  json::array paragraphs;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    json::array content;
    if (end > start)
      content.push_back(
          json::object{{"type", "text"}, {"text", std::string(text.substr(start, end - start))}});
    paragraphs.push_back(json::object{{"type", "paragraph"}, {"content", std::move(content)}});
    start = end + 1;
  }
  return json::object{{"type", "doc"}, {"version", 1}, {"content", std::move(paragraphs)}};
}

boost::json::object IssueToJson(const IssueStore& store, size_t row,
                                const IssueJsonOptions& options) {
  const Catalog& cat = store.catalog();
  const IssueColumns& c = store.columns();
  const FieldEncoder encoder(store, row, options);
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
  if (options.changelog && h.row_begin.size() > row + 1 &&
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
      // Each change is its own group; its id is its place in the store's history.
      json::object group{{"id", std::to_string(k + 1)}};
      if (h.author.Get(k) >= 0)
        group["author"] = UserJson(cat, static_cast<Code>(h.author.Get(k)), options.api);
      group["created"] = internal::FormatJiraTime(h.time.Get(k));
      group["items"] = json::array{std::move(item)};
      histories.push_back(std::move(group));
    }
    issue["changelog"] = json::object{{"histories", std::move(histories)}};
  }
  return issue;
}

}  // namespace jql
