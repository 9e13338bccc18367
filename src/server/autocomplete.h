// GET /rest/api/3/jql/autocompletedata: the fields (with their operators and value
// types), the functions and the reserved words a JQL editor completes, from the field
// and function registries and the catalog's custom fields.
#ifndef JQL_SRC_SERVER_AUTOCOMPLETE_H_
#define JQL_SRC_SERVER_AUTOCOMPLETE_H_

#include <boost/json/object.hpp>

#include "jql/catalog.h"

namespace jql::server {

boost::json::object AutocompleteDataJson(const Catalog& catalog);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_AUTOCOMPLETE_H_
