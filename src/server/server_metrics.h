// GET /metrics: the server's operation in Prometheus' text format, with the
// prometheus-cpp client library. Requests are counted by route (a template such as
// /rest/api/{version}/issue/{issueIdOrKey}, never the raw path, so that the number of
// series stays bounded) and status, with latency histograms; the rest is read when
// scraped. Thread-safe.
#ifndef JQL_SRC_SERVER_SERVER_METRICS_H_
#define JQL_SRC_SERVER_SERVER_METRICS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace prometheus {
class Registry;
}

namespace jql::server {

// What a scrape reads from the server's parts at that moment.
struct MetricsSnapshot {
  size_t queries_running = 0;  // searches, counts, previews, parses and archives by JQL
  // Tasks kept (active and retained) by kind ("archive", "export") and status.
  std::map<std::pair<std::string, std::string>, size_t> tasks;
  size_t issues = 0;
  size_t issues_archived = 0;
  size_t query_cache_entries = 0;
  size_t query_cache_bytes = 0;
  size_t query_cache_hits = 0;
  size_t query_cache_misses = 0;
  bool ready = false;
};

class ServerMetrics {
 public:
  ServerMetrics();
  ~ServerMetrics();
  ServerMetrics(const ServerMetrics&) = delete;
  ServerMetrics& operator=(const ServerMetrics&) = delete;

  void ObserveRequest(std::string_view method, std::string_view target, int status, double seconds);
  void ObserveJournalAppend(double seconds);
  std::string Render(const MetricsSnapshot& snapshot);

  // The route of a request target: the path without its query, with ids, keys and
  // task numbers as {placeholders} and the API version as {version}.
  static std::string RouteOf(std::string_view target);

 private:
  struct Families;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<Families> families_;
};

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_SERVER_METRICS_H_
