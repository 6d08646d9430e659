/**
 * The MySQL dump-and-restore script, run for real: the test starts two MariaDB servers of its own
 * (temporary data directories, Unix sockets only, as the current user), loads rows into one,
 * dumps them with the script, restores the dump into the other and compares the rows.
 * MariaDB's `mysqldump` and `mysql` take the same options the script uses as MySQL 8.0's.
 * Without `mariadbd` on the machine the suite is skipped, and says so; `.ci/run` installs it and
 * sets MYSQL_BACKUP_TEST_REQUIRE_SERVER=1, which turns a missing server into a failure.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderMysqlBackupScript } from '../../../../constructs/k8s/backup/mysql-backup-script';
import { describeShellcheck, shebangShell } from '../../../helpers/shellcheck';

const SERVER_PATHS = ['/usr/sbin/mariadbd', '/usr/bin/mariadbd', '/usr/local/bin/mariadbd'];
const MARIADBD = SERVER_PATHS.find((p) => fs.existsSync(p)) ?? which('mariadbd');
/** Everything an option file could trip over: a comment sign, quotes, a backslash, spaces. */
const PASSWORD = `p#ss "w\\o'rd 1`;

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

interface Server {
  readonly dir: string;
  readonly socket: string;
  readonly process: ChildProcess;
}

const servers: Server[] = [];
let work: string;
let script: string;

function sqlString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Runs SQL as root over the socket; `password` once it is set. */
function sql(server: Server, statements: string, password?: string): string {
  const env = { ...process.env, ...(password !== undefined ? { MYSQL_PWD: password } : {}) };
  const r = spawnSync(
    'mysql',
    ['--no-defaults', '--default-character-set=utf8mb4', '--batch', '--skip-column-names', `--socket=${server.socket}`, '-uroot'],
    { input: statements, encoding: 'utf8', env },
  );
  if (r.status !== 0) {
    throw new Error(`mysql failed: ${r.stderr}`);
  }
  return r.stdout;
}

async function startServer(name: string): Promise<Server> {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  const user = os.userInfo().username;
  // Not spawnSync: both servers' installs (mostly waiting on the disk) run at the same time.
  const install = spawn(
    'mariadb-install-db',
    ['--no-defaults', `--datadir=${dir}/data`, `--user=${user}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let installErrors = '';
  install.stderr.on('data', (chunk: Buffer) => (installErrors += chunk.toString()));
  const status = await new Promise<number | null>((resolve, reject) => install.on('error', reject).on('close', resolve));
  if (status !== 0) {
    throw new Error(`mariadb-install-db failed: ${installErrors}`);
  }
  const socket = path.join(dir, 'mysqld.sock');
  const child = spawn(
    MARIADBD!,
    [
      '--no-defaults',
      `--datadir=${dir}/data`,
      `--socket=${socket}`,
      '--skip-networking',
      `--pid-file=${dir}/mysqld.pid`,
      `--log-error=${dir}/error.log`,
      `--user=${user}`,
    ],
    { stdio: 'ignore' },
  );
  const server = { dir, socket, process: child };
  servers.push(server);
  // Up to a minute: the first start is slow on a busy machine (on a quiet one, a quarter of a second).
  for (let i = 0; i < 1200; i++) {
    if (fs.existsSync(socket) && spawnSync('mysqladmin', ['--no-defaults', `--socket=${socket}`, '-uroot', 'ping']).status === 0) {
      sql(server, `ALTER USER 'root'@'localhost' IDENTIFIED BY ${sqlString(PASSWORD)};`);
      return server;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`mariadbd did not start: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
}

function runScript(server: Server, args: string[], password = PASSWORD) {
  return spawnSync('bash', [script, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: work, TMPDIR: work, MYSQL_SOCKET: server.socket, MYSQL_PASSWORD: password, BACKUP_NAME: 'shop' },
  });
}

const ROWS_QUERY =
  'SELECT id, name, HEX(payload), price, created FROM shop.orders ORDER BY id; SELECT id, sku FROM inventory.items ORDER BY id; SELECT COUNT(*) FROM shop.audit;';

const suite = MARIADBD ? describe : describe.skip;
if (!MARIADBD && process.env.MYSQL_BACKUP_TEST_REQUIRE_SERVER === '1') {
  // .ci/run sets this after installing the server: there, a skip would hide a broken install.
  throw new Error('mariadbd is not installed, and MYSQL_BACKUP_TEST_REQUIRE_SERVER=1 requires it');
}
if (!MARIADBD) {
  console.warn('SKIPPED the MySQL dump-and-restore test: mariadbd is not installed (apt-get install -y mariadb-server; .ci/run does).');
}

suite('mysql-backup script against real MariaDB servers', () => {
  let source: Server;
  let target: Server;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'mysql-backup-'));
    script = path.join(work, 'mysql-backup.sh');
    fs.writeFileSync(script, renderMysqlBackupScript(), { mode: 0o500 });
    [source, target] = await Promise.all([startServer('source'), startServer('target')]);
    sql(
      source,
      [
        'CREATE DATABASE shop CHARACTER SET utf8mb4;',
        'CREATE TABLE shop.orders (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(64), payload VARBINARY(16), price DECIMAL(10,2), created DATETIME) ENGINE=InnoDB;',
        'CREATE TABLE shop.audit (id INT PRIMARY KEY AUTO_INCREMENT, order_id INT) ENGINE=InnoDB;',
        'CREATE TRIGGER shop.orders_audit AFTER INSERT ON shop.orders FOR EACH ROW INSERT INTO shop.audit (order_id) VALUES (NEW.id);',
        "INSERT INTO shop.orders (name, payload, price, created) VALUES ('设备 42', 0x00FF10, 19.99, '2026-01-02 03:04:05'), ('it''s \"quoted\"', NULL, 0.01, '2026-12-31 23:59:59'), ('emoji 🚀', 0xDEADBEEF, 1234567.89, '2000-01-01 00:00:00');",
        'CREATE DATABASE inventory;',
        'CREATE TABLE inventory.items (id INT PRIMARY KEY, sku VARCHAR(32)) ENGINE=InnoDB;',
        "INSERT INTO inventory.items VALUES (1, 'A-1'), (2, 'B-2');",
      ].join('\n'),
      PASSWORD,
    );
  }, 120_000);

  afterAll(() => {
    for (const s of servers) {
      s.process.kill('SIGTERM');
    }
  });

  test('a dump restored into a fresh server gives back the same rows, and no password is left on disk', () => {
    const out = path.join(work, 'out');
    fs.mkdirSync(out);
    const dump = runScript(source, ['dump', out]);
    expect(dump.stderr).toBe('');
    expect(dump.status).toBe(0);
    const file = dump.stdout.trim();
    expect(path.basename(file)).toMatch(/^shop-\d{8}T\d{6}Z\.sql\.gz$/);
    expect(fs.readdirSync(out).sort()).toEqual([path.basename(file), `${path.basename(file)}.sha256`]);
    // The private defaults file went with its directory; nothing else holds the password.
    expect(fs.readdirSync(work).filter((f) => f.startsWith('tmp.'))).toEqual([]);
    const dumped = spawnSync('gzip', ['-dc', file], { encoding: 'utf8' }).stdout;
    expect(dumped).not.toContain(PASSWORD);
    expect(dumped).not.toMatch(/CREATE DATABASE [^;]*`(mysql|sys|performance_schema|information_schema)`/);

    const restore = runScript(target, ['restore', file]);
    expect(restore.status).toBe(0);
    const expected = sql(source, ROWS_QUERY, PASSWORD);
    expect(expected.split('\n').filter(Boolean)).toHaveLength(3 + 2 + 1);
    expect(sql(target, ROWS_QUERY, PASSWORD)).toBe(expected);
    // The trigger came along: a new order on the restored server is audited.
    sql(target, "INSERT INTO shop.orders (name) VALUES ('after restore'); ", PASSWORD);
    expect(sql(target, 'SELECT COUNT(*) FROM shop.audit;', PASSWORD).trim()).toBe('4');
  });

  test('restoring twice is harmless: the dump drops and recreates each table', () => {
    const out = path.join(work, 'twice');
    fs.mkdirSync(out);
    const file = runScript(source, ['dump', out]).stdout.trim();
    expect(runScript(target, ['restore', file]).status).toBe(0);
    expect(runScript(target, ['restore', file]).status).toBe(0);
    expect(sql(target, 'SELECT id, sku FROM inventory.items ORDER BY id;', PASSWORD)).toBe('1\tA-1\n2\tB-2\n');
  });

  test('a dump whose checksum does not match is refused before anything is loaded', () => {
    const out = path.join(work, 'corrupt');
    fs.mkdirSync(out);
    const file = runScript(source, ['dump', out]).stdout.trim();
    fs.appendFileSync(file, 'garbage');
    sql(target, 'DROP DATABASE inventory;', PASSWORD);
    const restore = runScript(target, ['restore', file]);
    expect(restore.status).not.toBe(0);
    expect(restore.stderr).toContain('FAILED');
    expect(sql(target, "SHOW DATABASES LIKE 'inventory';", PASSWORD)).toBe('');
  });

  test('a wrong password fails the dump and leaves no file that looks like a backup', () => {
    const out = path.join(work, 'denied');
    fs.mkdirSync(out);
    const dump = runScript(source, ['dump', out], 'wrong');
    expect(dump.status).not.toBe(0);
    expect(dump.stderr).toContain('Access denied');
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.sql.gz'))).toEqual([]);
  });
});

describeShellcheck('the MySQL backup script (its #! line: bash)', () => {
  const text = renderMysqlBackupScript();
  return [{ name: 'mysql-backup.sh', text, shell: shebangShell(text) ?? 'sh' }];
});
