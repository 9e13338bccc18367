// WAS and CHANGED: the values, users and time window of a search of the change
// history, resolved to code sets and times.
#include <algorithm>

#include "bind_steps.h"

namespace jql::internal {
namespace {

// The values an operand names for the field (EMPTY, values, lists, functions) as a
// set; false after an error. `op` decides whether list functions are allowed.
bool ValueSet(BindContext& bind, const BoundField& f, const Operand& operand, Operator op,
              CodeSet& set) {
  if ((operand.kind == Operand::Kind::kEmpty || ListHasEmpty(operand)) &&
      !f.field->searches_empty) {
    bind.Error(operand.id,
               "The field '" + f.name + "' does not support searching for EMPTY values.");
    return false;
  }
  std::vector<Code> codes;
  set.any = false;
  const bool ok = OperandCodes(bind, f, operand, op, codes, &set.empty);
  set.codes.assign(f.DictionarySize(bind.catalog), false);
  for (Code c : codes) {
    if (c < set.codes.size()) set.codes[c] = true;
  }
  return ok;
}

// BY's users: an account id or name, a list of them, currentUser() or membersOf(g).
bool UserSet(BindContext& bind, const Predicate& p, CodeSet& set) {
  const BoundField users{FindSystemField("assignee"), -1, nullptr, "by"};
  if (p.operand.kind == Operand::Kind::kEmpty || ListHasEmpty(p.operand)) {
    bind.Error(p.operand.id, "The predicate 'by' does not support EMPTY; name a user.");
    return false;
  }
  // membersOf() names a list of users, which BY accepts as it is.
  return ValueSet(bind, users, p.operand, Operator::kWasIn, set);
}

// A time predicate's window, [after, before); false after an error.
bool TimeWindow(BindContext& bind, const Predicate& p, int64_t& after, int64_t& before) {
  const std::string name = FoldCase(PredicateText(p.kind));
  const std::string subject = "predicate '" + name + "'";
  const Operand& o = p.operand;
  if (p.kind == PredicateKind::kDuring) {
    std::vector<const Operand*> ends;
    Flatten(o, ends);
    if (o.kind != Operand::Kind::kList || ends.size() != 2 ||
        ends[0]->kind == Operand::Kind::kEmpty || ends[1]->kind == Operand::Kind::kEmpty) {
      bind.Error(o.id,
                 "The predicate 'during' takes two dates, the start and the end of a period, e.g. "
                 "DURING (\"2024-01-01\", \"2024-03-31\").");
      return false;
    }
    const auto from = bind.DateOf(subject, *ends[0]);
    const auto to = bind.DateOf(subject, *ends[1]);
    if (!from || !to) return false;
    after = std::max(after, from->begin);
    before = std::min(before, to->begin + to->span);  // the end's whole day or minute
    return true;
  }
  if (o.kind == Operand::Kind::kEmpty || o.kind == Operand::Kind::kList) {
    bind.Error(o.id, "The predicate '" + name + "' takes one date, e.g. " +
                         std::string(PredicateText(p.kind)) + " \"2024-01-31\" or " +
                         std::string(PredicateText(p.kind)) + " -2w.");
    return false;
  }
  const auto d = bind.DateOf(subject, o);
  if (!d) return false;
  switch (p.kind) {
    case PredicateKind::kAfter:
      after = std::max(after, d->begin);
      break;
    case PredicateKind::kBefore:
      before = std::min(before, d->begin);
      break;
    default:  // ON: the day (or minute, or instant) the date stands for
      after = std::max(after, d->begin);
      before = std::min(before, d->begin + d->span);
      break;
  }
  return true;
}

}  // namespace

Node BindHistory(BindContext& bind, const BoundField& f, const TerminalClause& t, bool negated,
                 Leaf leaf) {
  auto search = std::make_shared<HistorySearch>();
  search->field = *f.field->history;
  const Operator op = t.op;
  bool ok = true;
  if (op == Operator::kChanged) {
    search->kind = HistorySearch::Kind::kChanged;
  } else {
    search->kind = HistorySearch::Kind::kWas;
    ok = ValueSet(bind, f, *t.operand, op, search->values);
  }
  for (const Predicate& p : t.predicates) {
    switch (p.kind) {
      case PredicateKind::kBy: {
        CodeSet users;
        if (UserSet(bind, p, users)) {
          search->by.Intersect(users);
        } else {
          ok = false;
        }
        break;
      }
      case PredicateKind::kFrom:
      case PredicateKind::kTo: {
        CodeSet values;
        if (ValueSet(bind, f, p.operand, Operator::kWasIn, values)) {
          (p.kind == PredicateKind::kFrom ? search->from : search->to).Intersect(values);
        } else {
          ok = false;
        }
        break;
      }
      default:
        ok = TimeWindow(bind, p, search->after, search->before) && ok;
        break;
    }
  }
  if (!ok) return LeafNode(std::move(leaf));
  const bool negative = op == Operator::kWasNot || op == Operator::kWasNotIn;
  leaf.kind = Leaf::Kind::kHistory;
  leaf.inside = negative == negated;
  leaf.history = std::move(search);
  return LeafNode(std::move(leaf));
}

}  // namespace jql::internal
