import { Validator } from '../../core';
import { SecretEnvVar, SecretKeyReference } from '../common';

/** Where the official MySQL image looks for first-start scripts. */
export const MYSQL_INITDB_DIR = '/docker-entrypoint-initdb.d';
/** File name of the script {@link MySqlProps.databases} renders; the entrypoint runs files in name order. */
export const MYSQL_DATABASES_SCRIPT = '00-databases.sh';

/** A database with its own user, created on first start; see {@link MySqlProps.databases}. */
export interface MySqlDatabase {
  /** Database name (letters, digits and `_`, at most 64). */
  readonly name: string;
  /** User granted every privilege on it, and nothing else (at most 32 characters). @default - the database name */
  readonly user?: string;
  /** Secret key (created by the caller) holding the user's password. */
  readonly password: SecretKeyReference;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INIT_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(sql|sh)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reports bad databases, init file names and env names into the MySql construct's validator. */
export function checkMySqlInit(
  v: Validator,
  databases: readonly MySqlDatabase[],
  initScripts: Readonly<Record<string, string>>,
  initSecretEnv: readonly SecretEnvVar[],
): void {
  const users = new Set<string>();
  databases.forEach((d, i) => {
    const user = d.user ?? d.name;
    if (!IDENTIFIER.test(d.name) || d.name.length > 64)
      v.add(`databases[${i}].name`, d.name, 'must be letters, digits and _ (at most 64), not starting with a digit');
    if (!IDENTIFIER.test(user) || user.length > 32)
      v.add(`databases[${i}].user`, user, 'must be letters, digits and _ (at most 32, the MySQL 8.0 limit), not starting with a digit');
    if (users.has(user)) v.add(`databases[${i}].user`, user, 'is used by another database; each database gets its own user');
    users.add(user);
  });
  const names = databases.map((d) => d.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) v.add(`databases[${i}].name`, n, 'repeats an earlier database');
  });
  for (const file of Object.keys(initScripts)) {
    if (!INIT_FILE.test(file))
      v.add(`initScripts.${file}`, file, 'must be a file name ending in .sql or .sh (the only kinds the image runs from a ConfigMap)');
    // Databases must exist before a schema file can USE them.
    if (databases.length > 0 && file <= MYSQL_DATABASES_SCRIPT)
      v.add(`initScripts.${file}`, file, `must sort after ${MYSQL_DATABASES_SCRIPT}, which creates the databases (start it with 10-, say)`);
  }
  initSecretEnv.forEach((e, i) => {
    if (!ENV_NAME.test(e.envName)) v.add(`initSecretEnv[${i}].envName`, e.envName, 'must be an environment variable name');
  });
}

/** The environment variable the databases script reads a user's password from. */
export function databasePasswordEnv(d: MySqlDatabase): string {
  return `MYSQL_DB_PASSWORD_${(d.user ?? d.name).toUpperCase()}`;
}

/** Secret-backed variables carrying each database user's password into the server container. */
export function databasePasswordEnvVars(databases: readonly MySqlDatabase[]): SecretEnvVar[] {
  return databases.map((d) => ({ envName: databasePasswordEnv(d), ...d.password }));
}

/**
 * A bash script the image's entrypoint sources (ConfigMap files are not executable, so they are sourced, which puts
 * the entrypoint's `docker_process_sql` and `mysql_note` in scope). SQL files cannot read the environment, hence a
 * script: passwords arrive as Secret-backed variables and are quoted as SQL string literals here, so no password is
 * ever written to a ConfigMap. Statements use IF NOT EXISTS, and the script falls back to the `mysql` client when
 * run outside the entrypoint, so a DBA can apply it to a server that already has data (where the image never runs
 * init scripts): `kubectl exec mysql-0 -- bash /docker-entrypoint-initdb.d/00-databases.sh`.
 */
export function renderDatabasesScript(databases: readonly MySqlDatabase[]): string {
  const lines = [
    '# Rendered by the MySql construct (databases prop): one database and one user per entry.',
    "# Run by hand on an existing server (kubectl exec <pod> -- bash <this file>), the entrypoint's helpers are",
    '# missing: the same two over the local socket.',
    'command -v docker_process_sql >/dev/null 2>&1 || docker_process_sql() { MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql -uroot --protocol=socket "$@"; }',
    'command -v mysql_note >/dev/null 2>&1 || mysql_note() { echo "$*"; }',
    '# SQL string literal of $1: backslashes doubled, quotes doubled.',
    "sql_string() { printf \"'%s'\" \"$(printf '%s' \"$1\" | sed -e 's/\\\\/\\\\\\\\/g' -e \"s/'/''/g\")\"; }",
    'create_database() {',
    '  mysql_note "creating database $1 and user $2"',
    '  docker_process_sql --database=mysql <<-EOSQL',
    // Backticks escaped: in an unquoted here-document they would be command substitution.
    '\tCREATE DATABASE IF NOT EXISTS \\`$1\\` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;',
    "\tCREATE USER IF NOT EXISTS '$2'@'%' IDENTIFIED BY $(sql_string \"$3\");",
    "\tGRANT ALL PRIVILEGES ON \\`$1\\`.* TO '$2'@'%';",
    '\tEOSQL',
    '}',
  ];
  for (const d of databases) {
    const env = databasePasswordEnv(d);
    // `:?` stops the first start loudly when a Secret key is empty, instead of creating a user without a password.
    lines.push(`create_database ${d.name} ${d.user ?? d.name} "\${${env}:?${env} is empty}"`);
  }
  return lines.join('\n') + '\n';
}
