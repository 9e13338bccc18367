// ClickHouse's HTTP interface, as `jql push`, `jql sql` and `jql select --engine` use it.
//
// A target is written clickhouse://HOST:PORT[,HOST:PORT...]/DATABASE[?cluster=NAME]: the
// HTTP port of every node (8123 by default) and, for a sharded store, the cluster the
// servers' <remote_servers> define. Every node is named because without ZooKeeper a
// server runs no distributed DDL (ON CLUSTER): each node's local table is made on it.
#ifndef JQL_SRC_CLICKHOUSE_CLICKHOUSE_CLIENT_H_
#define JQL_SRC_CLICKHOUSE_CLICKHOUSE_CLIENT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jql/status.h"

namespace jql::clickhouse {

struct Node {
  std::string host, port;
};

struct Target {
  std::vector<Node> nodes;  // at least one; queries go to the first
  std::string database = "default";
  std::string cluster;  // empty: one node, plain tables
};

StatusOr<Target> ParseTarget(std::string_view url);

class Connection {
 public:
  static StatusOr<std::unique_ptr<Connection>> Open(const Node& node, const std::string& database);
  ~Connection();

  // Runs `sql`; with `data`, the data follows the statement (INSERT ... FORMAT ...).
  // The answer's text, or an error carrying ClickHouse's message.
  StatusOr<std::string> Query(const std::string& sql, const std::string& data = {});

  // ClickHouse stops every later query of this connection that runs longer, and this
  // side waits for an answer only 10 s more (0: no limit, and waits up to 10 minutes).
  void set_max_execution_seconds(int seconds);

 private:
  struct Impl;
  explicit Connection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jql::clickhouse

#endif  // JQL_SRC_CLICKHOUSE_CLICKHOUSE_CLIENT_H_
