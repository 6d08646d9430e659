import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { Labels } from '../common';
import { httpProbe, plainEnv, secretEnv, startupProbe, tcpProbe } from '../workload/container';
import { DeploymentWorkload } from '../workload/deployment-workload';
import { ResolvedResources } from '../workload/quantities';
import { ELASTICSEARCH_SECRET_KEYS, ELASTIC_UID, KIBANA_PORT } from './elastic-stack';

export interface KibanaOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly priorityClassName?: string;
  readonly image: string;
  readonly resources: ResolvedResources;
  readonly memoryLimitMiB: number;
  readonly elasticsearchUrl: string;
  readonly credentialsSecretName?: string;
}

/** Internal: the Kibana Deployment of a {@link LogPipeline}. */
export class KibanaWorkload extends Construct {
  public readonly workload: DeploymentWorkload;

  constructor(scope: Construct, id: string, o: KibanaOptions) {
    super(scope, id);
    const config = stringify({
      'server.host': '0.0.0.0',
      'server.name': o.name,
      'elasticsearch.hosts': [o.elasticsearchUrl],
      'path.data': '/usr/share/kibana/data',
      'telemetry.optIn': false,
    });
    const env: k8s.EnvVar[] = [
      // Node's heap must stay inside the container limit.
      ...plainEnv({ NODE_OPTIONS: `--max-old-space-size=${Math.max(256, Math.floor(o.memoryLimitMiB * 0.6))}` }),
    ];
    if (o.credentialsSecretName !== undefined) {
      env.push(
        ...secretEnv([
          { envName: 'ELASTICSEARCH_USERNAME', secretName: o.credentialsSecretName, key: ELASTICSEARCH_SECRET_KEYS.username },
          { envName: 'ELASTICSEARCH_PASSWORD', secretName: o.credentialsSecretName, key: ELASTICSEARCH_SECRET_KEYS.password },
        ]),
      );
    }
    const tcp = tcpProbe('http');
    this.workload = new DeploymentWorkload(this, 'Workload', {
      name: o.name,
      namespace: o.namespace,
      component: 'kibana',
      extraLabels: o.labels,
      priorityClassName: o.priorityClassName,
      replicas: 1,
      identity: { runAsUser: ELASTIC_UID, runAsGroup: ELASTIC_UID, fsGroup: ELASTIC_UID },
      ports: [{ name: 'http', port: KIBANA_PORT }],
      emptyDirs: ['data', 'tmp'],
      configData: { 'kibana.yml': config },
      containers: [
        {
          name: 'kibana',
          image: o.image,
          resources: o.resources,
          ports: [{ name: 'http', containerPort: KIBANA_PORT, protocol: 'TCP' }],
          env,
          volumeMounts: [
            { name: 'data', mountPath: '/usr/share/kibana/data' },
            { name: 'tmp', mountPath: '/tmp' },
            { name: 'config', mountPath: '/usr/share/kibana/config/kibana.yml', subPath: 'kibana.yml', readOnly: true },
          ],
          livenessProbe: tcp,
          readinessProbe: httpProbe('/api/status', 'http', 10),
          startupProbe: startupProbe(tcp, 300),
        },
      ],
    });
  }
}
