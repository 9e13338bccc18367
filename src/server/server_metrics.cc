#include "server/server_metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <mutex>
#include <vector>

namespace jql::server {

namespace p = prometheus;

struct ServerMetrics::Families {
  p::Family<p::Counter>& requests;
  p::Family<p::Histogram>& latency;
  p::Histogram& journal_append;
  p::Gauge& queries_running;
  p::Family<p::Gauge>& tasks;
  p::Gauge& issues;
  p::Gauge& issues_archived;
  p::Gauge& cache_entries;
  p::Gauge& cache_bytes;
  p::Gauge& cache_hits;
  p::Gauge& cache_misses;
  p::Gauge& ready;
  std::mutex tasks_mutex;  // the task gauges are reset and set whole at each scrape
};

namespace {

const p::Histogram::BucketBoundaries kLatencyBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
const p::Histogram::BucketBoundaries kSyncBuckets = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};

// An id, a key or a number in a path: 10001, ABC-123.
bool IsIdentifier(std::string_view segment) {
  bool digit = false;
  for (const char c : segment) digit = digit || (c >= '0' && c <= '9');
  return digit;
}

}  // namespace

ServerMetrics::ServerMetrics() : registry_(std::make_shared<p::Registry>()) {
  auto& requests = p::BuildCounter()
                       .Name("jql_http_requests_total")
                       .Help("Requests answered, by route, method and status")
                       .Register(*registry_);
  auto& latency = p::BuildHistogram()
                      .Name("jql_http_request_duration_seconds")
                      .Help("Time from a request's arrival at the handler to its response")
                      .Register(*registry_);
  auto gauge = [&](const char* name, const char* help) -> p::Gauge& {
    return p::BuildGauge().Name(name).Help(help).Register(*registry_).Add({});
  };
  auto& journal = p::BuildHistogram()
                      .Name("jql_journal_append_duration_seconds")
                      .Help("Synced appends to the archive journal (write and fdatasync)")
                      .Register(*registry_)
                      .Add({}, kSyncBuckets);
  auto& tasks = p::BuildGauge()
                    .Name("jql_tasks")
                    .Help("Archive and export tasks kept, by kind and status")
                    .Register(*registry_);
  families_.reset(new Families{
      requests,
      latency,
      journal,
      gauge("jql_queries_running", "Searches, counts, previews and parses being evaluated"),
      tasks,
      gauge("jql_issues", "Issues loaded"),
      gauge("jql_issues_archived", "Issues archived now"),
      gauge("jql_query_cache_entries", "Compiled queries cached"),
      gauge("jql_query_cache_bytes", "The cache's estimated size"),
      gauge("jql_query_cache_hits", "Compilations the cache answered since the start"),
      gauge("jql_query_cache_misses", "Compilations the cache did not answer since the start"),
      gauge("jql_ready", "1 when the indexes are built (GET /readyz)"),
      {}});
}

ServerMetrics::~ServerMetrics() = default;

std::string ServerMetrics::RouteOf(std::string_view target) {
  target = target.substr(0, target.find('?'));
  std::vector<std::string_view> segments;
  size_t start = 1;
  while (start <= target.size()) {
    const size_t end = std::min(target.find('/', start), target.size());
    segments.push_back(target.substr(start, end - start));
    start = end + 1;
  }
  std::string route;
  for (size_t i = 0; i < segments.size(); ++i) {
    route += '/';
    if (i == 2 && segments[0] == "rest" && segments[1] == "api") {
      route += "{version}";
    } else if (IsIdentifier(segments[i])) {
      route += i > 0 && segments[i - 1] == "task"      ? "{taskId}"
               : i > 0 && segments[i - 1] == "project" ? "{projectIdOrKey}"
               : i > 0 && segments[i - 1] == "export"  ? "{taskId}"
                                                       : "{issueIdOrKey}";
    } else if (segments[i].size() > 40) {
      route += "{long}";  // no series per oversized junk path
    } else {
      route += segments[i];
    }
  }
  return route;
}

void ServerMetrics::ObserveRequest(std::string_view method, std::string_view target, int status,
                                   double seconds) {
  const std::string route = RouteOf(target);
  families_->requests
      .Add({{"route", route}, {"method", std::string(method)}, {"status", std::to_string(status)}})
      .Increment();
  families_->latency.Add({{"route", route}, {"method", std::string(method)}}, kLatencyBuckets)
      .Observe(seconds);
}

void ServerMetrics::ObserveJournalAppend(double seconds) {
  families_->journal_append.Observe(seconds);
}

std::string ServerMetrics::Render(const MetricsSnapshot& s) {
  Families& f = *families_;
  f.queries_running.Set(static_cast<double>(s.queries_running));
  f.issues.Set(static_cast<double>(s.issues));
  f.issues_archived.Set(static_cast<double>(s.issues_archived));
  f.cache_entries.Set(static_cast<double>(s.query_cache_entries));
  f.cache_bytes.Set(static_cast<double>(s.query_cache_bytes));
  f.cache_hits.Set(static_cast<double>(s.query_cache_hits));
  f.cache_misses.Set(static_cast<double>(s.query_cache_misses));
  f.ready.Set(s.ready ? 1 : 0);
  {
    std::lock_guard lock(f.tasks_mutex);
    for (const char* kind : {"archive", "export"}) {
      for (const char* status :
           {"ENQUEUED", "RUNNING", "COMPLETE", "FAILED", "CANCEL_REQUESTED", "CANCELLED", "DEAD"}) {
        const auto it = s.tasks.find({kind, status});
        f.tasks.Add({{"kind", kind}, {"status", status}})
            .Set(it == s.tasks.end() ? 0 : static_cast<double>(it->second));
      }
    }
  }
  return p::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace jql::server
