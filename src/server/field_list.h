// GET /rest/api/3/field: every field as Jira lists it, from the field registry (the
// system fields) and the catalog (the data's custom fields).
#ifndef JQL_SRC_SERVER_FIELD_LIST_H_
#define JQL_SRC_SERVER_FIELD_LIST_H_

#include <boost/json/array.hpp>

#include "jql/catalog.h"

namespace jql::server {

boost::json::array FieldListJson(const Catalog& catalog);

// expand=names and expand=schema: each field id of `fields` (an issue's "fields")
// mapped to its display name, or to its schema.
boost::json::object FieldNamesJson(const Catalog& catalog, const boost::json::object& fields);
boost::json::object FieldSchemasJson(const Catalog& catalog, const boost::json::object& fields);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_FIELD_LIST_H_
