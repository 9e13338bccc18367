// Values of coded fields: names and ids looked up in the field's dictionary, the
// special syntaxes some fields have, and code functions.
#include <algorithm>

#include "bind_steps.h"
#include "function_registry.h"

namespace jql::internal {
namespace {

template <typename T>
void ByNameOrId(const EntityTable<T>& table, const Operand& o, std::vector<Code>& out) {
  // An unquoted number is an id first, then a name; a quoted one a name first.
  if (o.kind == Operand::Kind::kNumber) {
    if (auto c = table.FindById(o.number)) {
      out.push_back(*c);
      return;
    }
  }
  const std::string text = Echo(o);
  for (Code c : table.FindByName(text)) out.push_back(c);
  if (out.empty() && o.kind == Operand::Kind::kString) {
    int64_t id;
    if (ParseInteger(text, &id)) {
      if (auto c = table.FindById(id)) out.push_back(*c);
    }
  }
}

// Codes of a dictionary by name or id.
void DictionaryCodes(const BindContext& bind, Dictionary dictionary, const Operand& o,
                     std::vector<Code>& out) {
  const Catalog& cat = bind.catalog;
  switch (dictionary) {
    case Dictionary::kIssueTypes:
      return ByNameOrId(cat.issue_types, o, out);
    case Dictionary::kStatuses:
      return ByNameOrId(cat.statuses, o, out);
    case Dictionary::kResolutions:
      return ByNameOrId(cat.resolutions, o, out);
    case Dictionary::kPriorities:
      return ByNameOrId(cat.priorities, o, out);
    case Dictionary::kComponents:
      return ByNameOrId(cat.components, o, out);
    case Dictionary::kVersions:
      return ByNameOrId(cat.versions, o, out);
    case Dictionary::kSprints:
      return ByNameOrId(cat.sprints, o, out);
    case Dictionary::kUsers:
      return bind.UserCodes(Echo(o), out);
    case Dictionary::kLabels:
      for (Code c : cat.labels.FindByName(Echo(o))) out.push_back(c);
      return;
    case Dictionary::kProjects:
      return ByNameOrId(cat.projects, o, out);
    case Dictionary::kOptions:
    case Dictionary::kNone:
      return;
  }
}

bool UnknownValue(BindContext& bind, const BoundField& f, const Operand& o) {
  // A value the catalog cannot rule out (it holds only a site's metadata): no error,
  // no match.
  if (!ListsAllValues(bind.catalog, f.field->dictionary)) return true;
  if (o.kind == Operand::Kind::kNumber && f.field->column != ColumnId::kProject) {
    bind.Error(o.id, "A value with ID '" + std::to_string(o.number) +
                         "' does not exist for the field '" + f.name + "'.");
  } else {
    bind.Error(o.id, "The value '" + Echo(o) + "' does not exist for the field '" + f.name + "'.");
  }
  return false;
}

// Codes one value names; false (after an error) when it names nothing.
bool ValueCodes(BindContext& bind, const BoundField& f, const Operand& o, std::vector<Code>& codes,
                bool* means_empty) {
  const Catalog& cat = bind.catalog;
  const std::string text = Echo(o);
  if (f.definition != nullptr && f.custom < 0) return true;  // a field no issue has a value for
  switch (f.field->syntax) {
    case ValueSyntax::kStatusCategory: {
      const auto category = ParseStatusCategory(text);
      if (!category) return UnknownValue(bind, f, o);
      for (Code c = 0; c < cat.statuses.size(); ++c) {
        if (cat.statuses[c].category == *category) codes.push_back(c);
      }
      return true;
    }
    case ValueSyntax::kProjectType: {
      const auto type = ParseProjectType(text);
      if (!type) return UnknownValue(bind, f, o);
      for (Code c = 0; c < cat.projects.size(); ++c) {
        if (cat.projects[c].type == *type) codes.push_back(c);
      }
      return true;
    }
    case ValueSyntax::kProject:
      if (o.kind == Operand::Kind::kNumber) {
        if (auto c = cat.projects.FindById(o.number)) codes.push_back(*c);
      }
      if (codes.empty()) {
        if (auto c = cat.FindProjectByKey(text)) {
          codes.push_back(*c);  // a key wins over another project's name
        } else {
          for (Code c2 : cat.projects.FindByName(text)) codes.push_back(c2);
        }
      }
      break;
    case ValueSyntax::kUnresolved:
      if (FoldCase(text) == "unresolved") {
        *means_empty = true;
        return true;
      }
      DictionaryCodes(bind, f.field->dictionary, o, codes);
      break;
    case ValueSyntax::kFreeLabel:
      DictionaryCodes(bind, f.field->dictionary, o, codes);
      return true;  // labels are free text: an unknown label matches nothing
    case ValueSyntax::kOption: {
      if (f.definition == nullptr) return true;
      const std::string lower = FoldCase(text);
      for (size_t i = 0; i < f.definition->options.size(); ++i) {
        if (FoldCase(f.definition->options[i]) == lower) codes.push_back(static_cast<Code>(i));
      }
      if (codes.empty() && !ListsAllValues(cat, Dictionary::kOptions)) return true;
      if (codes.empty()) {
        bind.Error(o.id, "The option '" + text + "' for field '" + f.name + "' does not exist.");
        return false;
      }
      return true;
    }
    default:
      DictionaryCodes(bind, f.field->dictionary, o, codes);
      break;
  }
  if (codes.empty()) return UnknownValue(bind, f, o);
  return true;
}

bool FunctionCodes(BindContext& bind, const BoundField& f, const Operand& call, Operator op,
                   std::vector<Code>& codes) {
  const FunctionDescriptor* fn = FindFunction(call.text, FunctionKind::kCodes, &f);
  if (fn == nullptr) {
    bind.UnknownFunction(call);
    return false;
  }
  if (!CheckArity(bind, *fn, call) || !CheckOperator(bind, *fn, call, op, f)) return false;
  return fn->codes(bind, call, codes);
}

// Order of two codes, or none when they do not compare.
std::optional<int> CompareCodes(const Catalog& cat, CodeOrder order, Code a, Code b) {
  auto cmp = [](int64_t x, int64_t y) { return x < y ? -1 : x > y ? 1 : 0; };
  switch (order) {
    case CodeOrder::kPriority:  // Highest is greatest
      return cmp(-cat.priorities[a].sequence, -cat.priorities[b].sequence);
    case CodeOrder::kResolution:
      return cmp(cat.resolutions[a].id, cat.resolutions[b].id);
    case CodeOrder::kVersion:
      if (cat.versions[a].project != cat.versions[b].project) return std::nullopt;
      return cmp(cat.versions[a].sequence, cat.versions[b].sequence);
    case CodeOrder::kNone:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

bool OperandCodes(BindContext& bind, const BoundField& f, const Operand& operand, Operator op,
                  std::vector<Code>& codes, bool* names_empty) {
  std::vector<const Operand*> values;
  Flatten(operand, values);
  bool ok = true;
  for (const Operand* v : values) {
    if (v->kind == Operand::Kind::kEmpty) {
      *names_empty = true;
    } else if (v->kind == Operand::Kind::kFunction) {
      ok = FunctionCodes(bind, f, *v, op, codes) && ok;
    } else {
      bool means_empty = false;
      std::vector<Code> one;
      ok = ValueCodes(bind, f, *v, one, &means_empty) && ok;
      codes.insert(codes.end(), one.begin(), one.end());
      *names_empty = *names_empty || means_empty;
    }
  }
  return ok;
}

Node BindCodes(BindContext& bind, const BoundField& f, Operator op, const Operand& operand,
               Leaf leaf) {
  std::vector<Code> codes;
  bool match_empty = false;
  if (!OperandCodes(bind, f, operand, op, codes, &match_empty)) return LeafNode(std::move(leaf));
  leaf.codes.assign(f.DictionarySize(bind.catalog), false);
  if (IsOrdering(op)) {
    // Priority, resolution and versions compare by their configured order.
    for (Code c : codes) {
      for (Code other = 0; other < leaf.codes.size(); ++other) {
        const auto cmp = CompareCodes(bind.catalog, f.field->order, other, c);
        if (!cmp) continue;
        const bool hit = op == Operator::kLessThan      ? *cmp < 0
                         : op == Operator::kLessEquals  ? *cmp <= 0
                         : op == Operator::kGreaterThan ? *cmp > 0
                                                        : *cmp >= 0;
        if (hit) leaf.codes[other] = true;
      }
    }
    leaf.kind = Leaf::Kind::kAnyOf;
    return LeafNode(std::move(leaf));
  }
  for (Code c : codes) {
    if (c < leaf.codes.size()) leaf.codes[c] = true;
  }
  if (IsPositive(op)) {
    leaf.kind = Leaf::Kind::kAnyOf;
    leaf.match_empty = match_empty;
  } else {
    leaf.kind = Leaf::Kind::kNoneOf;  // never matches empty, EMPTY in the list or not
  }
  return LeafNode(std::move(leaf));
}

}  // namespace jql::internal
