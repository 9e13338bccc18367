// Files built into the binary (the archive console's page, script and styles), so
// `jql serve` needs nothing installed beside it. Made by cmake/embed_files.cmake.
#ifndef JQL_SRC_SERVER_EMBEDDED_FILES_H_
#define JQL_SRC_SERVER_EMBEDDED_FILES_H_

#include <span>
#include <string_view>

namespace jql::server {

struct EmbeddedFile {
  std::string_view name;  // "index.html", relative to src/server/console/
  std::string_view body;
};

std::span<const EmbeddedFile> EmbeddedFiles();

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_EMBEDDED_FILES_H_
