#!/bin/bash
# Starts a ClickHouse cluster of two shards on loopback (configs and data under
# WORK_DIR), runs COMMAND... with JQL_CLICKHOUSE naming it, and stops the servers.
# Usage: with_cluster.sh WORK_DIR COMMAND...
set -euo pipefail
work=$1
shift
server=$(command -v clickhouse-server || true)
[ -n "$server" ] || { echo "clickhouse-server is not installed (scripts/install-deps.sh test installs it)" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
declare -a http tcp pids
for n in 1 2; do
  http[$n]=$(free_port)
  tcp[$n]=$(free_port)
done
cat > "$work/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks>
    <profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
  </interval></default></quotas>
</yandex>
XML
for n in 1 2; do
  dir=$work/node$n
  mkdir -p "$dir"
  cat > "$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/server.log</log><errorlog>$dir/error.log</errorlog></logger>
  <http_port>${http[$n]}</http_port>
  <tcp_port>${tcp[$n]}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$work/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
  <remote_servers>
    <jql>
      <shard><replica><host>127.0.0.1</host><port>${tcp[1]}</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>${tcp[2]}</port></replica></shard>
    </jql>
  </remote_servers>
</yandex>
XML
  "$server" --config-file="$dir/config.xml" > "$dir/stdout" 2>&1 &
  pids[$n]=$!
done
stop() { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
trap stop EXIT
for n in 1 2; do
  for _ in $(seq 1 300); do  # up to a minute: a loaded machine starts it slowly
    curl -sf "http://127.0.0.1:${http[$n]}/ping" > /dev/null && break
    sleep 0.2
  done
  curl -sf --data-binary "CREATE DATABASE IF NOT EXISTS jql" "http://127.0.0.1:${http[$n]}/" > /dev/null || {
    echo "ClickHouse node $n did not start:" >&2
    tail -n 20 "$work/node$n/stdout" "$work/node$n/error.log" >&2 || true
    exit 1
  }
done
export JQL_CLICKHOUSE="clickhouse://127.0.0.1:${http[1]},127.0.0.1:${http[2]}/jql?cluster=jql"
"$@"
