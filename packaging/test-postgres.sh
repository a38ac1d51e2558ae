#!/usr/bin/env bash
# A local PostgreSQL server for the tests. Prints the URL of its maintenance database for ZWGK_TEST_POSTGRES, or
# nothing (the tests then run on SQLite only) with the reason on stderr.
#   packaging/test-postgres.sh start   start the Debian cluster on loopback (root), create the test role; print the URL
#   packaging/test-postgres.sh stop    stop the cluster again if `start` started it
# With CI=true and no server installed, `start` installs Debian's postgresql package first.
set -u
role=zwgk_test
url="postgresql://$role:$role@127.0.0.1:5432/postgres"
stamp=/tmp/zwgk-test-postgres.started
say() { echo "$*" >&2; }

ver() { ls /etc/postgresql 2>/dev/null | sort -n | tail -1; }

case "${1:-start}" in
start)
  if [ "$(id -u)" -ne 0 ]; then
    say "PostgreSQL 测试：非 root 用户，请自行启动服务器并设置 ZWGK_TEST_POSTGRES=postgresql://用户:密码@127.0.0.1/postgres"
    exit 0
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1 && [ "${CI:-}" = "true" ]; then
    { [ -n "${APT_UPDATED:-}" ] || apt-get update -q; } >&2 && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2
  fi
  command -v pg_ctlcluster >/dev/null 2>&1 || { say "PostgreSQL 测试：未安装 postgresql（apt-get install postgresql），只在 SQLite 上测试"; exit 0; }
  v=$(ver)
  [ -n "$v" ] || { say "PostgreSQL 测试：没有数据库集群"; exit 0; }
  if ! pg_ctlcluster "$v" main status >/dev/null 2>&1; then
    pg_ctlcluster "$v" main start >&2 || { say "PostgreSQL 测试：无法启动集群 $v/main"; exit 0; }
    echo "$v" > "$stamp"
  fi
  for _ in $(seq 30); do su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1 && break; sleep 0.5; done
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$role'\"" | grep -q 1 || \
    su postgres -c "psql -q -c \"CREATE ROLE $role LOGIN CREATEDB PASSWORD '$role'\"" >&2 || { say "PostgreSQL 测试：无法建立角色"; exit 0; }
  echo "$url"
  ;;
stop)
  if [ -f "$stamp" ]; then pg_ctlcluster "$(cat "$stamp")" main stop >&2 || true; rm -f "$stamp"; fi
  ;;
esac
