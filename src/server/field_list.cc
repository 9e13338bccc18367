#include "server/field_list.h"

#include <boost/json/object.hpp>
#include <charconv>
#include <optional>
#include <string>

#include "jql/fields.h"

namespace jql::server {
namespace json = boost::json;

namespace {

// Jira's schema object: type, items for arrays, and system or custom (with its id).
json::object SchemaJson(const FieldSchema& schema, int64_t custom_id) {
  json::object out{{"type", schema.type}};
  if (!schema.items.empty()) out["items"] = schema.items;
  if (!schema.system.empty()) out["system"] = schema.system;
  if (!schema.custom.empty()) {
    out["custom"] = schema.custom;
    out["customId"] = custom_id;
  }
  return out;
}

// N of a "customfield_N" id; nothing for other ids (system fields, or not a number).
std::optional<int64_t> CustomFieldNumber(std::string_view id) {
  constexpr std::string_view kPrefix = "customfield_";
  if (!id.starts_with(kPrefix)) return std::nullopt;
  int64_t number = 0;
  const std::string_view digits = id.substr(kPrefix.size());
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
    return std::nullopt;
  return number;
}

}  // namespace

json::array FieldListJson(const Catalog& catalog) {
  json::array out;
  for (const FieldDescriptor& f : SystemFields()) {
    if (!f.listed) continue;
    // Jira keeps some fields of its own apps as custom fields (Sprint, cf[10020]).
    const std::optional<int64_t> custom_id = CustomFieldNumber(f.id);
    const bool custom = custom_id.has_value();
    json::array clauses;
    for (std::string_view name : f.clause_names) clauses.emplace_back(name);
    json::object field{{"id", f.id},
                       {"key", f.id},
                       {"name", f.name},
                       {"custom", custom},
                       {"orderable", f.orderable},
                       {"navigable", f.navigable},
                       {"searchable", f.searchable},
                       {"clauseNames", std::move(clauses)}};
    if (custom) field["untranslatedName"] = f.name;
    if (!f.schema.type.empty()) field["schema"] = SchemaJson(f.schema, custom_id.value_or(0));
    out.push_back(std::move(field));
  }
  for (const CustomField& def : catalog.custom_fields.items()) {
    const FieldDescriptor& kind = CustomFieldKind(def.type);
    const std::string id = CustomFieldId(def);
    json::object field{
        {"id", id},
        {"key", id},
        {"name", def.name},
        {"untranslatedName", def.name},
        {"custom", true},
        {"orderable", kind.orderable},
        {"navigable", kind.navigable},
        {"searchable", kind.searchable},
        {"clauseNames",
         json::array{json::string("cf[" + std::to_string(def.id) + "]"), json::string(def.name)}},
        {"schema", SchemaJson(kind.schema, def.id)}};
    out.push_back(std::move(field));
  }
  return out;
}

namespace {

// The descriptor and custom field behind a field id of an issue's JSON.
struct FieldOfId {
  const FieldDescriptor* descriptor = nullptr;
  const CustomField* custom = nullptr;
};

FieldOfId FindField(const Catalog& catalog, std::string_view id) {
  if (const FieldDescriptor* system = FindSystemFieldById(id)) return {system, nullptr};
  const std::optional<int64_t> number = CustomFieldNumber(id);
  if (!number) return {};
  const auto code = catalog.custom_fields.FindById(*number);
  if (!code) return {};
  const CustomField& def = catalog.custom_fields[*code];
  return {&CustomFieldKind(def.type), &def};
}

}  // namespace

json::object FieldNamesJson(const Catalog& catalog, const json::object& fields) {
  json::object out;
  for (const auto& entry : fields) {
    const FieldOfId f = FindField(catalog, entry.key());
    if (f.descriptor == nullptr) continue;
    out[entry.key()] = f.custom != nullptr ? std::string_view(f.custom->name) : f.descriptor->name;
  }
  return out;
}

json::object FieldSchemasJson(const Catalog& catalog, const json::object& fields) {
  json::object out;
  for (const auto& entry : fields) {
    const FieldOfId f = FindField(catalog, entry.key());
    if (f.descriptor == nullptr || f.descriptor->schema.type.empty()) continue;
    const int64_t custom_id =
        f.custom != nullptr ? f.custom->id : CustomFieldNumber(f.descriptor->id).value_or(0);
    out[entry.key()] = SchemaJson(f.descriptor->schema, custom_id);
  }
  return out;
}

}  // namespace jql::server
