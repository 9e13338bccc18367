// expand=renderedFields: the fields of an issue as Jira renders them for display.
// Plain text becomes HTML paragraphs (escaped, line breaks as <br/>), dates read as
// Jira shows them ("15/Dec/11 2:35 PM", in UTC here), comment bodies likewise; a
// field Jira does not render is null.
#ifndef JQL_SRC_SERVER_RENDERED_FIELDS_H_
#define JQL_SRC_SERVER_RENDERED_FIELDS_H_

#include <boost/json/object.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "jql/issue_store.h"

namespace jql::server {

// One rendered value per field named in `fields` (the issue's chosen fields).
boost::json::object RenderedFields(const IssueStore& store, size_t row,
                                   const boost::json::object& fields);

// Plain text as Jira's renderer shows it: "<p>a<br/>\nb</p>\n\n<p>c</p>".
std::string RenderText(std::string_view text);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_RENDERED_FIELDS_H_
