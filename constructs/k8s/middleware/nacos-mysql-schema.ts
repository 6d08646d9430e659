/**
 * The MySQL schema Nacos 2.3 needs in cluster mode, for {@link MySqlProps.initScripts}.
 *
 * Mirrors `distribution/conf/mysql-schema.sql` of alibaba/nacos 2.3.x (shipped as `conf/mysql-schema.sql` in the
 * `nacos/nacos-server:v2.3.2` image), written out here because the build has no network access. Deliberate
 * differences, none of which changes a column or a key:
 *  - `USE` of the given database first: the MySQL image's init runner may default to another one (MYSQL_DATABASE);
 *  - `CREATE TABLE IF NOT EXISTS` and `INSERT IGNORE`, so a DBA can re-run the file by hand without harm;
 *  - Chinese column comments translated or dropped.
 * Like upstream up to 2.3, it inserts the built-in administrator `nacos` with the password `nacos` (BCrypt):
 * {@link NacosProps.adminBootstrap} replaces that password on the first deploy. Re-check against the release's file
 * when the image moves past 2.3 (2.4 drops the default user; 2.5 adds gray-release tables).
 */
import { Validator } from '../../core';

/** Upstream file the schema mirrors; re-check against it whenever {@link NACOS_IMAGE} changes minor version. */
export const NACOS_MYSQL_SCHEMA_SOURCE = 'alibaba/nacos 2.3.x distribution/conf/mysql-schema.sql';

/** BCrypt of `nacos`, exactly as upstream's schema inserts it. Not a secret: every Nacos ≤ 2.3 ships it. */
const DEFAULT_ADMIN_BCRYPT = '$2a$10$EuWPZHzz32dJN7jexM34MOeYirDdFAZm2kuWj7VEOJhhZkDrxfvUu';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_bin';

const TABLES = `CREATE TABLE IF NOT EXISTS \`config_info\` (
  \`id\` bigint(20) NOT NULL AUTO_INCREMENT COMMENT 'id',
  \`data_id\` varchar(255) NOT NULL COMMENT 'data_id',
  \`group_id\` varchar(128) DEFAULT NULL COMMENT 'group_id',
  \`content\` longtext NOT NULL COMMENT 'content',
  \`md5\` varchar(32) DEFAULT NULL COMMENT 'md5',
  \`gmt_create\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'created',
  \`gmt_modified\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'modified',
  \`src_user\` text COMMENT 'source user',
  \`src_ip\` varchar(50) DEFAULT NULL COMMENT 'source ip',
  \`app_name\` varchar(128) DEFAULT NULL COMMENT 'app_name',
  \`tenant_id\` varchar(128) DEFAULT '' COMMENT 'tenant',
  \`c_desc\` varchar(256) DEFAULT NULL COMMENT 'configuration description',
  \`c_use\` varchar(64) DEFAULT NULL COMMENT 'configuration usage',
  \`effect\` varchar(64) DEFAULT NULL COMMENT 'effect',
  \`type\` varchar(64) DEFAULT NULL COMMENT 'type',
  \`c_schema\` text COMMENT 'schema',
  \`encrypted_data_key\` text NOT NULL COMMENT 'encryption key',
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uk_configinfo_datagrouptenant\` (\`data_id\`,\`group_id\`,\`tenant_id\`)
) ${TABLE_OPTIONS} COMMENT='config_info';

CREATE TABLE IF NOT EXISTS \`config_info_aggr\` (
  \`id\` bigint(20) NOT NULL AUTO_INCREMENT COMMENT 'id',
  \`data_id\` varchar(255) NOT NULL COMMENT 'data_id',
  \`group_id\` varchar(128) NOT NULL COMMENT 'group_id',
  \`datum_id\` varchar(255) NOT NULL COMMENT 'datum_id',
  \`content\` longtext NOT NULL COMMENT 'content',
  \`gmt_modified\` datetime NOT NULL COMMENT 'modified',
  \`app_name\` varchar(128) DEFAULT NULL COMMENT 'app_name',
  \`tenant_id\` varchar(128) DEFAULT '' COMMENT 'tenant',
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uk_configinfoaggr_datagrouptenantdatum\` (\`data_id\`,\`group_id\`,\`tenant_id\`,\`datum_id\`)
) ${TABLE_OPTIONS} COMMENT='config_info_aggr';

CREATE TABLE IF NOT EXISTS \`config_info_beta\` (
  \`id\` bigint(20) NOT NULL AUTO_INCREMENT COMMENT 'id',
  \`data_id\` varchar(255) NOT NULL COMMENT 'data_id',
  \`group_id\` varchar(128) NOT NULL COMMENT 'group_id',
  \`app_name\` varchar(128) DEFAULT NULL COMMENT 'app_name',
  \`content\` longtext NOT NULL COMMENT 'content',
  \`beta_ips\` varchar(1024) DEFAULT NULL COMMENT 'betaIps',
  \`md5\` varchar(32) DEFAULT NULL COMMENT 'md5',
  \`gmt_create\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'created',
  \`gmt_modified\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'modified',
  \`src_user\` text COMMENT 'source user',
  \`src_ip\` varchar(50) DEFAULT NULL COMMENT 'source ip',
  \`tenant_id\` varchar(128) DEFAULT '' COMMENT 'tenant',
  \`encrypted_data_key\` text NOT NULL COMMENT 'encryption key',
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uk_configinfobeta_datagrouptenant\` (\`data_id\`,\`group_id\`,\`tenant_id\`)
) ${TABLE_OPTIONS} COMMENT='config_info_beta';

CREATE TABLE IF NOT EXISTS \`config_info_tag\` (
  \`id\` bigint(20) NOT NULL AUTO_INCREMENT COMMENT 'id',
  \`data_id\` varchar(255) NOT NULL COMMENT 'data_id',
  \`group_id\` varchar(128) NOT NULL COMMENT 'group_id',
  \`tenant_id\` varchar(128) DEFAULT '' COMMENT 'tenant_id',
  \`tag_id\` varchar(128) NOT NULL COMMENT 'tag_id',
  \`app_name\` varchar(128) DEFAULT NULL COMMENT 'app_name',
  \`content\` longtext NOT NULL COMMENT 'content',
  \`md5\` varchar(32) DEFAULT NULL COMMENT 'md5',
  \`gmt_create\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'created',
  \`gmt_modified\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'modified',
  \`src_user\` text COMMENT 'source user',
  \`src_ip\` varchar(50) DEFAULT NULL COMMENT 'source ip',
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uk_configinfotag_datagrouptenanttag\` (\`data_id\`,\`group_id\`,\`tenant_id\`,\`tag_id\`)
) ${TABLE_OPTIONS} COMMENT='config_info_tag';

CREATE TABLE IF NOT EXISTS \`config_tags_relation\` (
  \`id\` bigint(20) NOT NULL COMMENT 'id',
  \`tag_name\` varchar(128) NOT NULL COMMENT 'tag_name',
  \`tag_type\` varchar(64) DEFAULT NULL COMMENT 'tag_type',
  \`data_id\` varchar(255) NOT NULL COMMENT 'data_id',
  \`group_id\` varchar(128) NOT NULL COMMENT 'group_id',
  \`tenant_id\` varchar(128) DEFAULT '' COMMENT 'tenant_id',
  \`nid\` bigint(20) NOT NULL AUTO_INCREMENT COMMENT 'nid',
  PRIMARY KEY (\`nid\`),
  UNIQUE KEY \`uk_configtagrelation_configidtag\` (\`id\`,\`tag_name\`,\`tag_type\`),
  KEY \`idx_tenant_id\` (\`tenant_id\`)
) ${TABLE_OPTIONS} COMMENT='config_tag_relation';

CREATE TABLE IF NOT EXISTS \`group_capacity\` (
  \`id\` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'id',
  \`group_id\` varchar(128) NOT NULL DEFAULT '' COMMENT 'group id; empty means the whole cluster',
  \`quota\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'quota; 0 means the default',
  \`usage\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'usage',
  \`max_size\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'max bytes of one config; 0 means the default',
  \`max_aggr_count\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'max aggregated sub-configs; 0 means the default',
  \`max_aggr_size\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'max bytes of one sub-config; 0 means the default',
  \`max_history_count\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'max history entries',
  \`gmt_create\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'created',
  \`gmt_modified\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'modified',
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uk_group_id\` (\`group_id\`)
) ${TABLE_OPTIONS} COMMENT='group_capacity';

CREATE TABLE IF NOT EXISTS \`his_config_info\` (
  \`id\` bigint(20) unsigned NOT NULL COMMENT 'id',
  \`nid\` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'nid',
  \`data_id\` varchar(255) NOT NULL COMMENT 'data_id',
  \`group_id\` varchar(128) NOT NULL COMMENT 'group_id',
  \`app_name\` varchar(128) DEFAULT NULL COMMENT 'app_name',
  \`content\` longtext NOT NULL COMMENT 'content',
  \`md5\` varchar(32) DEFAULT NULL COMMENT 'md5',
  \`gmt_create\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'created',
  \`gmt_modified\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'modified',
  \`src_user\` text COMMENT 'source user',
  \`src_ip\` varchar(50) DEFAULT NULL COMMENT 'source ip',
  \`op_type\` char(10) DEFAULT NULL COMMENT 'operation type',
  \`tenant_id\` varchar(128) DEFAULT '' COMMENT 'tenant',
  \`encrypted_data_key\` text NOT NULL COMMENT 'encryption key',
  PRIMARY KEY (\`nid\`),
  KEY \`idx_gmt_create\` (\`gmt_create\`),
  KEY \`idx_gmt_modified\` (\`gmt_modified\`),
  KEY \`idx_did\` (\`data_id\`)
) ${TABLE_OPTIONS} COMMENT='his_config_info';

CREATE TABLE IF NOT EXISTS \`tenant_capacity\` (
  \`id\` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'id',
  \`tenant_id\` varchar(128) NOT NULL DEFAULT '' COMMENT 'tenant id',
  \`quota\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'quota; 0 means the default',
  \`usage\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'usage',
  \`max_size\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'max bytes of one config; 0 means the default',
  \`max_aggr_count\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'max aggregated sub-configs',
  \`max_aggr_size\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'max bytes of one sub-config; 0 means the default',
  \`max_history_count\` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'max history entries',
  \`gmt_create\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'created',
  \`gmt_modified\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'modified',
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uk_tenant_id\` (\`tenant_id\`)
) ${TABLE_OPTIONS} COMMENT='tenant_capacity';

CREATE TABLE IF NOT EXISTS \`tenant_info\` (
  \`id\` bigint(20) NOT NULL AUTO_INCREMENT COMMENT 'id',
  \`kp\` varchar(128) NOT NULL COMMENT 'kp',
  \`tenant_id\` varchar(128) DEFAULT '' COMMENT 'tenant_id',
  \`tenant_name\` varchar(128) DEFAULT '' COMMENT 'tenant_name',
  \`tenant_desc\` varchar(256) DEFAULT NULL COMMENT 'tenant_desc',
  \`create_source\` varchar(32) DEFAULT NULL COMMENT 'create_source',
  \`gmt_create\` bigint(20) NOT NULL COMMENT 'created',
  \`gmt_modified\` bigint(20) NOT NULL COMMENT 'modified',
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uk_tenant_info_kptenantid\` (\`kp\`,\`tenant_id\`),
  KEY \`idx_tenant_id\` (\`tenant_id\`)
) ${TABLE_OPTIONS} COMMENT='tenant_info';

CREATE TABLE IF NOT EXISTS \`users\` (
  \`username\` varchar(50) NOT NULL PRIMARY KEY COMMENT 'username',
  \`password\` varchar(500) NOT NULL COMMENT 'password',
  \`enabled\` boolean NOT NULL COMMENT 'enabled'
);

CREATE TABLE IF NOT EXISTS \`roles\` (
  \`username\` varchar(50) NOT NULL COMMENT 'username',
  \`role\` varchar(50) NOT NULL COMMENT 'role',
  UNIQUE INDEX \`idx_user_role\` (\`username\` ASC, \`role\` ASC) USING BTREE
);

CREATE TABLE IF NOT EXISTS \`permissions\` (
  \`role\` varchar(50) NOT NULL COMMENT 'role',
  \`resource\` varchar(128) NOT NULL COMMENT 'resource',
  \`action\` varchar(8) NOT NULL COMMENT 'action',
  UNIQUE INDEX \`uk_role_permission\` (\`role\`,\`resource\`,\`action\`) USING BTREE
);

INSERT IGNORE INTO \`users\` (\`username\`, \`password\`, \`enabled\`) VALUES ('nacos', '${DEFAULT_ADMIN_BCRYPT}', TRUE);
INSERT IGNORE INTO \`roles\` (\`username\`, \`role\`) VALUES ('nacos', 'ROLE_ADMIN');
`;

/** The tables Nacos 2.3 reads, in the order upstream creates them. */
export const NACOS_MYSQL_TABLES: readonly string[] = [...TABLES.matchAll(/^CREATE TABLE IF NOT EXISTS `([a-z_]+)`/gm)].map((m) => m[1]);

const DATABASE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The schema as one SQL file that first switches to `database` (which must already exist). */
export function nacosMysqlSchema(database: string): string {
  const v = new Validator();
  // Interpolated into SQL: only plain identifiers, so no quoting question arises.
  if (!DATABASE.test(database)) v.add('database', database, 'must be a plain MySQL database name (letters, digits, _; at most 64)');
  v.throwIfAny('Invalid nacosMysqlSchema input');
  return `-- Nacos 2.3 schema; mirrors ${NACOS_MYSQL_SCHEMA_SOURCE}.\nUSE \`${database}\`;\n\n${TABLES}`;
}
