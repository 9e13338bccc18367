// The binder's frame: the clause tree with NOT pushed in, fields resolved against
// the registry and the catalog, operators checked, and each terminal clause handed
// to the step for its kind of field (bind_steps.h); then ORDER BY.
#include "binder.h"

#include <optional>
#include <string>

#include "bind_steps.h"
#include "jql/operator_usage.h"

namespace jql::internal {
namespace {

class Binder {
 public:
  Binder(const IssueStore& store, const QueryContext& context, const Query& query,
         std::vector<Diagnostic>* errors)
      : bind_(store, context, query, errors) {}

  std::shared_ptr<CompiledQuery> Run(const Query& query) {
    auto compiled = std::make_shared<CompiledQuery>();
    if (query.where != nullptr) {
      compiled->match_all = false;
      compiled->root = BindClause(*query.where, false);
    }
    for (const jql::SortKey& key : query.order_by) BindSort(key, *compiled);
    return compiled;
  }

 private:
  Node BindClause(const Clause& clause, bool negated) {
    if (const auto* n = std::get_if<NotClause>(&clause.node))
      return BindClause(*n->child, !negated);
    if (const auto* a = std::get_if<AndClause>(&clause.node))
      return Connective(a->children, negated ? Node::Kind::kOr : Node::Kind::kAnd, negated);
    if (const auto* o = std::get_if<OrClause>(&clause.node))
      return Connective(o->children, negated ? Node::Kind::kAnd : Node::Kind::kOr, negated);
    return BindTerminal(std::get<TerminalClause>(clause.node), clause.id, negated);
  }

  Node Connective(const std::vector<ClausePtr>& children, Node::Kind kind, bool negated) {
    Node node;
    node.kind = kind;
    for (const ClausePtr& child : children) {
      Node bound = BindClause(*child, negated);
      if (bound.kind == kind) {
        for (Node& grandchild : bound.children) node.children.push_back(std::move(grandchild));
      } else {
        node.children.push_back(std::move(bound));
      }
    }
    return node;
  }

  // The field a reference names: a system field by any of its clause names, or a
  // custom field as cf[N], customfield_N or its name.
  std::optional<BoundField> ResolveField(const FieldRef& ref) {
    if (!ref.properties.empty()) {
      // Entity properties are not stored: such a field matches nothing, like a
      // property no issue has.
      bind_.Error(ref.id, "Field '" + ToJql(ref) +
                              "' does not exist or you do not have permission to view it.");
      return std::nullopt;
    }
    if (ref.kind == FieldRef::Kind::kName) {
      if (const FieldDescriptor* system = FindSystemField(ref.name))
        return BoundField{system, -1, nullptr, std::string(system->jql_name)};
    }
    const Catalog& catalog = bind_.catalog;
    std::optional<Code> field;
    if (ref.kind == FieldRef::Kind::kCustomField || ref.kind == FieldRef::Kind::kNumber) {
      field = catalog.custom_fields.FindById(ref.number);
      // A system field Jira keeps as a custom one (Sprint is cf[10020]).
      const FieldDescriptor* system =
          field ? nullptr : FindSystemField("cf[" + std::to_string(ref.number) + "]");
      if (system != nullptr) return BoundField{system, -1, nullptr, std::string(system->jql_name)};
    } else {
      const auto named = catalog.custom_fields.FindByName(ref.name);
      if (!named.empty()) field = named.front();
    }
    if (!field) {
      bind_.Error(ref.id, "Field '" + ref.name +
                              "' does not exist or you do not have permission to view it.");
      return std::nullopt;
    }
    const CustomField& def = catalog.custom_fields[*field];
    BoundField bound{
        &CustomFieldKind(def.type), -1, &def,
        ref.kind == FieldRef::Kind::kName ? ref.name : "cf[" + std::to_string(def.id) + "]"};
    const std::vector<CustomColumn>& columns = bind_.store.columns().custom;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].field == *field) bound.custom = static_cast<int>(i);
    }
    return bound;
  }

  Node BindTerminal(const TerminalClause& t, NodeId clause_id, bool negated) {
    Leaf leaf;
    leaf.label = ToJql(Clause{t, 0});
    if (negated) leaf.label = "NOT " + leaf.label;
    // The operand's shape comes first, as in Jira: before the field is looked up.
    if (auto usage = OperatorUsageError(t)) {
      bind_.Error(t.operand->id, std::move(*usage));
      return LeafNode(std::move(leaf));
    }
    auto resolved = ResolveField(t.field);
    if (!resolved) return LeafNode(std::move(leaf));
    const BoundField& f = *resolved;
    const Operator written = t.op;
    if (!f.field->Supports(written)) {
      const std::string op_text = IsHistoryOperator(written) ? std::string(OperatorText(written))
                                                             : FoldCase(OperatorText(written));
      bind_.Error(clause_id,
                  "The operator '" + op_text + "' is not supported by the '" + f.name + "' field.");
      return LeafNode(std::move(leaf));
    }
    leaf.field = f.field;
    leaf.column = f.field->column;
    leaf.custom = f.custom;
    if (IsHistoryOperator(written)) return BindHistory(bind_, f, t, negated, std::move(leaf));
    const Operator op = negated ? Flip(written) : written;
    const Operand& operand = *t.operand;
    // EMPTY, as a value or in a list.
    const bool empty_operand = operand.kind == Operand::Kind::kEmpty;
    if ((empty_operand || ListHasEmpty(operand)) && !f.field->searches_empty) {
      bind_.Error(operand.id,
                  "The field '" + f.name + "' does not support searching for EMPTY values.");
      return LeafNode(std::move(leaf));
    }
    if (op == Operator::kIs || op == Operator::kIsNot || empty_operand) {
      const bool want_empty =
          op == Operator::kIs || op == Operator::kEquals || op == Operator::kLike;
      leaf.kind = want_empty ? Leaf::Kind::kEmpty : Leaf::Kind::kNotEmpty;
      return LeafNode(std::move(leaf));
    }
    switch (f.field->kind) {
      case ValueKind::kText:
        return BindText(bind_, f, op, operand, std::move(leaf));
      case ValueKind::kDate:
        return BindDates(bind_, f, op, operand, std::move(leaf));
      case ValueKind::kNumber:
        return BindNumbers(bind_, f, op, operand, std::move(leaf));
      case ValueKind::kKey:
      case ValueKind::kIssueRef:
        return BindIssues(bind_, f, op, negated, operand, std::move(leaf));
      case ValueKind::kCoded:
      case ValueKind::kMultiCoded:
        return BindCodes(bind_, f, op, operand, std::move(leaf));
      case ValueKind::kNone:
        break;
    }
    return LeafNode(std::move(leaf));
  }

  void BindSort(const jql::SortKey& key, CompiledQuery& compiled) {
    auto resolved = ResolveField(key.field);
    if (!resolved) return;
    const FieldDescriptor& field = *resolved->field;
    if (field.sort == SortRule::kNone) {
      bind_.Error(key.field.id, "Field '" + ToJql(key.field) + "' does not support sorting.");
      return;
    }
    SortKey sort;
    sort.field = &field;
    sort.column = field.column;
    sort.custom = resolved->custom;
    // Jira's defaults: dates and priority newest/highest first, the rest ascending.
    const bool descending_default =
        field.kind == ValueKind::kDate || field.sort == SortRule::kPriority;
    sort.descending = key.direction == SortDirection::kDefault
                          ? descending_default
                          : key.direction == SortDirection::kDescending;
    compiled.order.push_back(sort);
  }

  BindContext bind_;
};

}  // namespace

std::shared_ptr<CompiledQuery> Bind(const Query& query, const IssueStore& store,
                                    const QueryContext& context, std::vector<Diagnostic>* errors) {
  Binder binder(store, context, query, errors);
  auto compiled = binder.Run(query);
  if (!errors->empty()) return nullptr;
  return compiled;
}

}  // namespace jql::internal
