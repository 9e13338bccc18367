#include "server/console_files.h"

#include <functional>

#include "server/embedded_files.h"

namespace jql::server {
namespace http = boost::beast::http;

namespace {

std::string_view ContentType(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

// Everything the page loads comes from this server; nothing inline, no frames.
constexpr std::string_view kPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

}  // namespace

std::optional<HttpResponse> ConsoleFile(const std::vector<std::string>& segments,
                                        std::string_view if_none_match, unsigned version,
                                        bool head) {
  std::string name;
  if (segments.empty() || (segments.size() == 1 && segments[0] == "console")) {
    name = "index.html";
  } else if (segments.size() == 2 && segments[0] == "console") {
    name = segments[1].empty() ? "index.html" : segments[1];
  } else {
    return std::nullopt;
  }
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.name != name) continue;
    // The build's content decides the tag: a new binary's page is fetched again.
    const std::string etag = "\"" + std::to_string(std::hash<std::string_view>{}(f.body)) + "\"";
    const bool unchanged = !if_none_match.empty() && if_none_match == etag;
    HttpResponse res(unchanged ? http::status::not_modified : http::status::ok, version);
    res.set(http::field::content_type, ContentType(name));
    res.set(http::field::etag, etag);
    // Checked on every load (cheap with the ETag), so an upgrade shows at once.
    res.set(http::field::cache_control, "no-cache");
    res.set("Content-Security-Policy", kPolicy);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Frame-Options", "DENY");
    if (!unchanged && !head) res.body() = std::string(f.body);
    res.prepare_payload();
    if (head) res.content_length(f.body.size());
    return res;
  }
  HttpResponse res(http::status::not_found, version);
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.set("X-Content-Type-Options", "nosniff");
  res.body() = "No console file " + name + ".\n";
  res.prepare_payload();
  return res;
}

}  // namespace jql::server
