/**
 * The MySQL dump-and-restore script the backup CronJob and the restore Job run. Pure text, so the
 * test runs the very same script against a real server.
 *
 * Credentials never reach argv: the password comes from the environment (a Secret) and is written
 * to a defaults file in a private temporary directory that `--defaults-extra-file` names.
 */

/** Databases a logical backup leaves out: the server's own schemas, recreated by every server. */
export const MYSQL_SYSTEM_SCHEMAS: readonly string[] = ['information_schema', 'mysql', 'performance_schema', 'sys'];

/** Environment variables the script reads. */
export const MYSQL_BACKUP_ENV = {
  /** The server's host name (its Service). */
  host: 'MYSQL_HOST',
  /** The server's port; 3306 when unset. */
  port: 'MYSQL_PORT',
  /** The user the dump and restore run as; `root` when unset. */
  user: 'MYSQL_USER',
  /** That user's password, from a Secret; written only to a private defaults file. */
  password: 'MYSQL_PASSWORD',
  /** Optional: a socket path instead of host and port (the test's server). */
  socket: 'MYSQL_SOCKET',
  /** Prefix of the dump's file name. */
  name: 'BACKUP_NAME',
} as const;

/**
 * `mysql-backup dump <dir>` writes `<dir>/<name>-<UTC time>.sql.gz` and its `.sha256`, and prints
 * the file's path; `mysql-backup restore <file>` checks the checksum (when present) and loads the
 * dump. The dump holds every database but the system schemas, taken in one consistent snapshot
 * (`--single-transaction`, InnoDB) without locking the tables, with routines, events and triggers.
 * Users and grants are not in it: the server's first start creates them from the Secrets.
 */
export function renderMysqlBackupScript(): string {
  const e = MYSQL_BACKUP_ENV;
  const system = MYSQL_SYSTEM_SCHEMAS.join('|');
  return `#!/bin/bash
set -euo pipefail
umask 077

: "\${${e.user}:=root}"
: "\${${e.password}:?${e.password} is not set (from the credentials Secret)}"
: "\${${e.name}:=mysql}"

private_dir="$(mktemp -d)"
trap 'rm -rf "$private_dir"' EXIT
defaults="$private_dir/client.cnf"
# Option-file quoting: backslash and double quote escaped inside a double-quoted value.
escaped_password="$(printf '%s' "$${e.password}" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g')"
{
  echo '[client]'
  # Emoji and CJK survive the round trip whatever the client's compiled-in default is.
  echo 'default-character-set=utf8mb4'
  echo "user=$${e.user}"
  echo "password=\\"$escaped_password\\""
  if [ -n "\${${e.socket}:-}" ]; then
    echo "socket=$${e.socket}"
  else
    echo "host=\${${e.host}:?${e.host} is not set}"
    echo "port=\${${e.port}:-3306}"
  fi
} > "$defaults"

client() { mysql --defaults-extra-file="$defaults" "$@"; }

dump() {
  local dir="$1"
  local databases
  databases="$(client --batch --skip-column-names -e 'SHOW DATABASES' | grep -Ev '^(${system})$' || true)"
  if [ -z "$databases" ]; then
    echo "mysql-backup: no database to dump" >&2
    exit 1
  fi
  local file
  file="$dir/$${e.name}-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
  # Written under a temporary name: a dump cut off half-way never looks like a backup.
  # shellcheck disable=SC2086
  mysqldump --defaults-extra-file="$defaults" --single-transaction --quick --routines --events --triggers --hex-blob \\
    --databases $databases | gzip -c > "$file.partial"
  mv "$file.partial" "$file"
  (cd "$dir" && sha256sum "$(basename "$file")" > "$(basename "$file").sha256")
  echo "$file"
}

restore() {
  local file="$1"
  if [ -f "$file.sha256" ]; then
    (cd "$(dirname "$file")" && sha256sum -c "$(basename "$file").sha256" >&2)
  fi
  gzip -dc "$file" | client
  echo "mysql-backup: restored $file" >&2
}

case "\${1:-}" in
  dump) dump "\${2:?usage: mysql-backup dump <dir>}" ;;
  restore) restore "\${2:?usage: mysql-backup restore <file.sql.gz>}" ;;
  *) echo "usage: mysql-backup dump <dir> | restore <file.sql.gz>" >&2; exit 2 ;;
esac
`;
}
