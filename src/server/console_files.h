// The archive console in the browser: GET /, /console/ and /console/{file} answer
// the embedded page, script and styles, without credentials (the page asks for them
// and sends them with each API call), under a strict Content-Security-Policy.
#ifndef JQL_SRC_SERVER_CONSOLE_FILES_H_
#define JQL_SRC_SERVER_CONSOLE_FILES_H_

#include <optional>
#include <string>
#include <vector>

#include "server/http_server.h"

namespace jql::server {

// The answer for a console path (decoded segments), or nothing when the path is not
// the console's. `if_none_match` is the request's If-None-Match (a 304 when it names
// the file's ETag).
std::optional<HttpResponse> ConsoleFile(const std::vector<std::string>& segments,
                                        std::string_view if_none_match, unsigned version,
                                        bool head);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_CONSOLE_FILES_H_
