#include "ast_builder.h"

#include <string>
#include <utility>

#include "lexical.h"
#include "syntax_messages.h"
#include "token_text.h"

namespace jql::internal {
namespace {

using grammar::JqlParser;
namespace m = messages;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool TakesPredicates(Operator op) {
  return op == Operator::kWas || op == Operator::kWasNot || op == Operator::kWasIn ||
         op == Operator::kWasNotIn || op == Operator::kChanged;
}

class Builder {
 public:
  Builder(const SourceText& source, const ParseOptions& options, std::vector<Diagnostic>* errors)
      : source_(source), options_(options), errors_(errors) {}

  Query Build(JqlParser::QueryContext* tree) {
    Query query;
    if (tree->orClause() != nullptr) query.where = BuildOr(tree->orClause());
    if (auto* order = tree->orderBy(); order != nullptr) {
      for (auto* sort : order->sortField()) {
        SortKey key;
        key.field = BuildField(sort->field());
        if (sort->ASC() != nullptr) key.direction = SortDirection::kAscending;
        if (sort->DESC() != nullptr) key.direction = SortDirection::kDescending;
        query.order_by.push_back(std::move(key));
      }
    }
    query.ranges = std::move(ranges_);
    return query;
  }

 private:
  SourceRange RangeOf(antlr4::ParserRuleContext* ctx) const {
    const antlr4::Token* start = ctx->getStart();
    const antlr4::Token* stop = ctx->getStop();
    const size_t last = stop != nullptr && stop->getStopIndex() >= start->getStartIndex()
                            ? stop->getStopIndex()
                            : start->getStartIndex();
    return source_.RangeOfCodePoints(start->getStartIndex(), last);
  }

  SourceRange RangeOf(const antlr4::Token* token) const {
    return source_.RangeOfCodePoints(token->getStartIndex(), token->getStopIndex());
  }

  NodeId NewId(const SourceRange& range) {
    ranges_.push_back(range);
    return static_cast<NodeId>(ranges_.size() - 1);
  }

  void Error(const SourceRange& range, const std::string& message) {
    errors_->push_back(Diagnostic{range, m::Located(message, range)});
  }

  ClausePtr BuildOr(JqlParser::OrClauseContext* ctx) {
    const auto children = ctx->andClause();
    if (children.size() == 1) return BuildAnd(children[0]);
    const NodeId id = NewId(RangeOf(ctx));
    OrClause node;
    for (auto* child : children) {
      ClausePtr built = BuildAnd(child);
      // A parenthesised OR inside an OR is the same OR: keep one n-ary node.
      if (const auto* inner = std::get_if<OrClause>(&built->node)) {
        node.children.insert(node.children.end(), inner->children.begin(), inner->children.end());
      } else {
        node.children.push_back(std::move(built));
      }
    }
    return std::make_shared<const Clause>(Clause{std::move(node), id});
  }

  ClausePtr BuildAnd(JqlParser::AndClauseContext* ctx) {
    const auto children = ctx->notClause();
    if (children.size() == 1) return BuildNot(children[0]);
    const NodeId id = NewId(RangeOf(ctx));
    AndClause node;
    for (auto* child : children) {
      ClausePtr built = BuildNot(child);
      if (const auto* inner = std::get_if<AndClause>(&built->node)) {
        node.children.insert(node.children.end(), inner->children.begin(), inner->children.end());
      } else {
        node.children.push_back(std::move(built));
      }
    }
    return std::make_shared<const Clause>(Clause{std::move(node), id});
  }

  ClausePtr BuildNot(JqlParser::NotClauseContext* ctx) {
    if (auto* negation = dynamic_cast<JqlParser::NegationContext*>(ctx)) {
      const NodeId id = NewId(RangeOf(ctx));
      return std::make_shared<const Clause>(Clause{NotClause{BuildNot(negation->notClause())}, id});
    }
    if (auto* group = dynamic_cast<JqlParser::GroupContext*>(ctx)) {
      return BuildOr(group->orClause());
    }
    auto* terminal = static_cast<JqlParser::TerminalContext*>(ctx)->terminalClause();
    const NodeId id = NewId(RangeOf(terminal));
    return std::make_shared<const Clause>(Clause{BuildTerminal(terminal), id});
  }

  TerminalClause BuildTerminal(JqlParser::TerminalClauseContext* ctx) {
    TerminalClause clause;
    clause.field = BuildField(ctx->field());
    std::vector<JqlParser::PredicateContext*> predicates;
    JqlParser::OperandContext* operand_ctx = nullptr;
    if (auto* changed = dynamic_cast<JqlParser::ChangedRhsContext*>(ctx->clauseRhs())) {
      clause.op = Operator::kChanged;
      operand_ctx = changed->operand();
      predicates = changed->predicate();
    } else if (auto* is = dynamic_cast<JqlParser::IsRhsContext*>(ctx->clauseRhs())) {
      clause.op = is->NOT() != nullptr ? Operator::kIsNot : Operator::kIs;
      Operand empty;
      empty.kind = Operand::Kind::kEmpty;
      empty.id = NewId(RangeOf(is->EMPTY()->getSymbol()));
      clause.operand = std::move(empty);
      predicates = is->predicate();
    } else {
      auto* rhs = static_cast<JqlParser::OperatorRhsContext*>(ctx->clauseRhs());
      clause.op = OperatorOf(rhs->clauseOperator());
      operand_ctx = rhs->operand();
      predicates = rhs->predicate();
    }
    if (operand_ctx != nullptr) {
      Operand operand = BuildOperand(operand_ctx);
      CheckOperandShape(clause, operand, operand_ctx);
      clause.operand = std::move(operand);
    }
    for (auto* p : predicates) {
      Predicate predicate;
      predicate.kind = PredicateOf(p->predicateKeyword());
      predicate.id = NewId(RangeOf(p));
      predicate.operand = BuildOperand(p->operand());
      if (!TakesPredicates(clause.op) ||
          (clause.op != Operator::kChanged &&
           (predicate.kind == PredicateKind::kFrom || predicate.kind == PredicateKind::kTo))) {
        Error(RangeOf(p), m::UnsupportedPredicate(OperatorName(clause.op),
                                                  Lower(PredicateText(predicate.kind)) + " " +
                                                      DisplayOperand(predicate.operand)));
      }
      clause.predicates.push_back(std::move(predicate));
    }
    return clause;
  }

  // CHANGED takes values only in predicates. (A list where one value is wanted, or the
  // reverse, parses: Jira reports those when it validates the query, in the binder.)
  void CheckOperandShape(const TerminalClause& clause, const Operand& operand,
                         JqlParser::OperandContext* ctx) {
    if (clause.op == Operator::kChanged)
      Error(RangeOf(ctx), m::ChangedValueWithoutPredicate(DisplayOperand(operand)));
  }

  static Operator OperatorOf(JqlParser::ClauseOperatorContext* ctx) {
    if (ctx->EQUALS()) return Operator::kEquals;
    if (ctx->NOT_EQUALS()) return Operator::kNotEquals;
    if (ctx->LIKE()) return Operator::kLike;
    if (ctx->NOT_LIKE()) return Operator::kNotLike;
    if (ctx->LT()) return Operator::kLessThan;
    if (ctx->GT()) return Operator::kGreaterThan;
    if (ctx->LTEQ()) return Operator::kLessEquals;
    if (ctx->GTEQ()) return Operator::kGreaterEquals;
    const bool not_ = ctx->NOT() != nullptr;
    const bool in = ctx->IN() != nullptr;
    if (ctx->WAS()) {
      if (in) return not_ ? Operator::kWasNotIn : Operator::kWasIn;
      return not_ ? Operator::kWasNot : Operator::kWas;
    }
    return not_ ? Operator::kNotIn : Operator::kIn;
  }

  static PredicateKind PredicateOf(JqlParser::PredicateKeywordContext* ctx) {
    if (ctx->AFTER()) return PredicateKind::kAfter;
    if (ctx->BEFORE()) return PredicateKind::kBefore;
    if (ctx->ON()) return PredicateKind::kOn;
    if (ctx->DURING()) return PredicateKind::kDuring;
    if (ctx->BY()) return PredicateKind::kBy;
    if (ctx->FROM()) return PredicateKind::kFrom;
    return PredicateKind::kTo;
  }

  int64_t NumberOf(antlr4::Token* token) {
    int64_t value = 0;
    if (!ParseInt64(token->getText(), &value)) {
      Error(RangeOf(token), m::IllegalNumber(token->getText()));
    }
    return value;
  }

  FieldRef BuildField(JqlParser::FieldContext* ctx) {
    FieldRef field;
    field.id = NewId(RangeOf(ctx));
    std::vector<JqlParser::FieldPropertyContext*> properties;
    if (auto* number = dynamic_cast<JqlParser::NumberFieldContext*>(ctx)) {
      field.kind = FieldRef::Kind::kNumber;
      field.number = NumberOf(number->numberValue()->getStart());
      field.name = std::to_string(field.number);  // "007" and "7" name one field
    } else if (auto* custom = dynamic_cast<JqlParser::CustomFieldRefContext*>(ctx)) {
      field.kind = FieldRef::Kind::kCustomField;
      field.number = NumberOf(custom->customField()->POSNUMBER()->getSymbol());
      field.name = "cf[" + std::to_string(field.number) + "]";
      properties = custom->fieldProperty();
    } else {
      auto* named = static_cast<JqlParser::NamedFieldContext*>(ctx);
      antlr4::Token* token = named->stringValue()->getStart();
      field.name = TokenValue(token);
      if (field.name.empty()) Error(RangeOf(token), m::EmptyFieldName());
      properties = named->fieldProperty();
    }
    for (auto* p : properties) {
      FieldProperty property;
      const auto args = p->argument();
      property.key = TokenValue(args[0]->getStart());
      for (size_t i = 1; i < args.size(); ++i)
        property.path.push_back(TokenValue(args[i]->getStart()));
      field.properties.push_back(std::move(property));
    }
    return field;
  }

  Operand BuildOperand(JqlParser::OperandContext* ctx) {
    Operand operand;
    operand.id = NewId(RangeOf(ctx));
    if (dynamic_cast<JqlParser::EmptyOperandContext*>(ctx) != nullptr) {
      operand.kind = Operand::Kind::kEmpty;
    } else if (auto* value = dynamic_cast<JqlParser::ValueOperandContext*>(ctx)) {
      antlr4::Token* token = value->value()->getStart();
      if (value->value()->numberValue() != nullptr) {
        operand.kind = Operand::Kind::kNumber;
        operand.number = NumberOf(token);
      } else {
        operand.kind = Operand::Kind::kString;
        operand.text = TokenValue(token);
      }
    } else if (auto* function = dynamic_cast<JqlParser::FunctionOperandContext*>(ctx)) {
      auto* call = function->functionCall();
      operand.kind = Operand::Kind::kFunction;
      antlr4::Token* name = call->functionName()->getStart();
      operand.text = TokenValue(name);
      if (operand.text.empty()) Error(RangeOf(name), m::EmptyFunctionName());
      if (auto* args = call->arguments(); args != nullptr) {
        for (auto* arg : args->argument()) {
          antlr4::Token* token = arg->getStart();
          operand.args.push_back(TokenValue(token));
          if (operand.args.back().empty()) Error(RangeOf(token), m::EmptyFunctionArgument());
        }
      }
    } else {
      auto* list = static_cast<JqlParser::ListOperandContext*>(ctx)->list();
      operand.kind = Operand::Kind::kList;
      const auto elements = list->operand();
      if (elements.size() > options_.max_list_elements) {
        Error(RangeOf(list), m::ListTooLong(options_.max_list_elements));
      }
      auto built = std::make_shared<OperandList>();
      built->reserve(elements.size());
      for (auto* element : elements) built->push_back(BuildOperand(element));
      operand.elements = std::move(built);
    }
    return operand;
  }

  const SourceText& source_;
  const ParseOptions& options_;
  std::vector<Diagnostic>* errors_;
  std::vector<SourceRange> ranges_;
};

}  // namespace

Query BuildAst(JqlParser::QueryContext* tree, const SourceText& source, const ParseOptions& options,
               std::vector<Diagnostic>* errors) {
  return Builder(source, options, errors).Build(tree);
}

}  // namespace jql::internal
