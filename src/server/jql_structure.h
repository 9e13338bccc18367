// A parsed query as Jira's POST /rest/api/3/jql/parse shows it (the JqlQuery
// schema): "where" as compound clauses (and / or / not) and field clauses with
// operands (value, list, function, keyword), WAS/CHANGED predicates, and "orderBy".
// Pure function of the AST; thread-safe.
#ifndef JQL_SRC_SERVER_JQL_STRUCTURE_H_
#define JQL_SRC_SERVER_JQL_STRUCTURE_H_

#include <boost/json/object.hpp>

#include "jql/ast.h"

namespace jql::server {

boost::json::object QueryStructure(const Query& query);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_JQL_STRUCTURE_H_
