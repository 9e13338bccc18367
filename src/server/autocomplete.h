// GET /rest/api/3/jql/autocompletedata: the fields (with their operators and value
// types), the functions and the reserved words a JQL editor completes, from the field
// and function registries and the catalog's custom fields.
#ifndef JQL_SRC_SERVER_AUTOCOMPLETE_H_
#define JQL_SRC_SERVER_AUTOCOMPLETE_H_

#include <boost/json/object.hpp>

#include <string>

#include "jql/catalog.h"

namespace jql::server {

boost::json::object AutocompleteDataJson(const Catalog& catalog);

// GET /rest/api/3/jql/autocompletedata/suggestions: values of a field (or of a
// predicate: BY takes users) that start with what was typed, or have a word that does,
// case-insensitively, at most 15 ({"results": [{"value", "displayName"}]}); the typed
// part is bold in displayName, which is HTML. An unknown field has no suggestions.
struct SuggestionRequest {
  std::string field_name;       // a clause name, cf[N] or a custom field's name
  std::string field_value;      // what was typed so far
  std::string predicate_name;   // "by", "from", ... when completing a predicate
  std::string predicate_value;  // what was typed of the predicate's value
};
boost::json::object AutocompleteSuggestionsJson(const Catalog& catalog,
                                                const SuggestionRequest& request);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_AUTOCOMPLETE_H_
