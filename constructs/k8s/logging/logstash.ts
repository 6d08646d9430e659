import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { Labels } from '../common';
import { httpProbe, plainEnv, secretEnv, startupProbe, tcpProbe } from '../workload/container';
import { DeploymentWorkload } from '../workload/deployment-workload';
import { ResolvedResources } from '../workload/quantities';
import { ELASTICSEARCH_SECRET_KEYS, ELASTIC_UID, LOGSTASH_API_PORT, halfHeapMiB } from './elastic-stack';

export interface LogstashOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly priorityClassName?: string;
  readonly image: string;
  readonly replicas: number;
  readonly resources: ResolvedResources;
  readonly memoryLimitMiB: number;
  readonly port: number;
  readonly elasticsearchUrl: string;
  readonly indexPrefix: string;
  readonly credentialsSecretName?: string;
}

/** The pipeline: JSON lines over TCP in, one daily index out. */
export function logstashPipeline(port: number, elasticsearchUrl: string, indexPrefix: string, withCredentials: boolean): string {
  const auth = withCredentials ? ['    user => "${ES_USERNAME}"', '    password => "${ES_PASSWORD}"'] : [];
  return [
    'input {',
    '  tcp {',
    `    port => ${port}`,
    '    codec => json_lines',
    '  }',
    '}',
    'output {',
    '  elasticsearch {',
    `    hosts => ["${elasticsearchUrl}"]`,
    `    index => "${indexPrefix}-%{+YYYY.MM.dd}"`,
    ...auth,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Internal: the Logstash Deployment of a {@link LogPipeline}. */
export class LogstashWorkload extends Construct {
  public readonly workload: DeploymentWorkload;

  constructor(scope: Construct, id: string, o: LogstashOptions) {
    super(scope, id);
    const heap = halfHeapMiB(o.memoryLimitMiB);
    const settings = stringify({
      'api.http.host': '0.0.0.0',
      'api.http.port': LOGSTASH_API_PORT,
      'path.data': '/usr/share/logstash/data',
      'path.logs': '/usr/share/logstash/logs',
      'config.reload.automatic': false,
    });
    const env: k8s.EnvVar[] = [...plainEnv({ LS_JAVA_OPTS: `-Xms${heap}m -Xmx${heap}m -Djava.io.tmpdir=/tmp` })];
    if (o.credentialsSecretName !== undefined) {
      env.push(
        ...secretEnv([
          { envName: 'ES_USERNAME', secretName: o.credentialsSecretName, key: ELASTICSEARCH_SECRET_KEYS.username },
          { envName: 'ES_PASSWORD', secretName: o.credentialsSecretName, key: ELASTICSEARCH_SECRET_KEYS.password },
        ]),
      );
    }
    const api = httpProbe('/', 'api');
    this.workload = new DeploymentWorkload(this, 'Workload', {
      name: o.name,
      namespace: o.namespace,
      component: 'logstash',
      extraLabels: o.labels,
      priorityClassName: o.priorityClassName,
      replicas: o.replicas,
      identity: { runAsUser: ELASTIC_UID, runAsGroup: ELASTIC_UID, fsGroup: ELASTIC_UID },
      ports: [{ name: 'input', port: o.port }],
      emptyDirs: ['data', 'logs', 'tmp'],
      configData: {
        'logstash.yml': settings,
        'logstash.conf': logstashPipeline(o.port, o.elasticsearchUrl, o.indexPrefix, o.credentialsSecretName !== undefined),
      },
      containers: [
        {
          name: 'logstash',
          image: o.image,
          // Skips the image entrypoint, whose env2yaml step rewrites logstash.yml on the read-only root.
          command: ['/usr/share/logstash/bin/logstash'],
          resources: o.resources,
          ports: [
            { name: 'input', containerPort: o.port, protocol: 'TCP' },
            { name: 'api', containerPort: LOGSTASH_API_PORT, protocol: 'TCP' },
          ],
          env,
          volumeMounts: [
            { name: 'data', mountPath: '/usr/share/logstash/data' },
            { name: 'logs', mountPath: '/usr/share/logstash/logs' },
            { name: 'tmp', mountPath: '/tmp' },
            { name: 'config', mountPath: '/usr/share/logstash/config/logstash.yml', subPath: 'logstash.yml', readOnly: true },
            { name: 'config', mountPath: '/usr/share/logstash/pipeline/logstash.conf', subPath: 'logstash.conf', readOnly: true },
          ],
          livenessProbe: api,
          readinessProbe: tcpProbe('input', 5),
          startupProbe: startupProbe(api, 300),
        },
      ],
    });
  }
}
