import * as ram from '@pulumi/alicloud/ram';
import * as pulumi from '@pulumi/pulumi';
import { permissionPolicy } from '../node-role/policy';
import { BackupAccess, backupWriterStatements } from './documents';

/** Props of {@link BackupWriter}. */
export interface BackupWriterProps {
  /** The backup bucket's name. */
  readonly bucketName: pulumi.Input<string>;
  /** The key prefix the writer is confined to, ending in `/`, for example `mysql/prod/`. */
  readonly prefix: string;
  /**
   * `write` (add objects only) or `manage` (read, list and delete under the prefix too).
   * @default 'write'
   */
  readonly access?: BackupAccess;
  /**
   * RAM user name (unique in the account).
   * @default - the component's name
   */
  readonly userName?: string;
}

/**
 * A RAM user confined to one prefix of the backup bucket, with an AccessKey for a workload that
 * cannot use an instance role (a pod: the node's role is shared by every pod on the node).
 * The key's secret is a Pulumi secret: encrypted in the state, never shown in a plan.
 */
export class BackupWriter extends pulumi.ComponentResource {
  /** Pulumi type token of the component. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:BackupWriter';

  /** The RAM user. */
  public readonly user: ram.User;
  /** The prefix-scoped policy. */
  public readonly policy: ram.Policy;
  /** The AccessKey ID. */
  public readonly accessKeyId: pulumi.Output<string>;
  /** The AccessKey secret, as a Pulumi secret. */
  public readonly accessKeySecret: pulumi.Output<string>;

  constructor(name: string, props: BackupWriterProps, opts?: pulumi.ComponentResourceOptions) {
    super(BackupWriter.TYPE, name, {}, opts);
    const userName = props.userName ?? name;
    const access = props.access ?? 'write';
    const description = `Backups under ${props.prefix} (${access})`;
    this.user = new ram.User(`${name}-user`, { name: userName, comments: description }, { parent: this });
    const document = pulumi
      .output(props.bucketName)
      .apply((bucket) => permissionPolicy(backupWriterStatements(bucket, props.prefix, access)));
    this.policy = new ram.Policy(
      `${name}-policy`,
      { policyName: `${userName}-policy`, policyDocument: document, description },
      { parent: this },
    );
    new ram.UserPolicyAttachment(
      `${name}-policy-attachment`,
      { userName: this.user.name, policyName: this.policy.policyName, policyType: 'Custom' },
      { parent: this },
    );
    const key = new ram.AccessKey(`${name}-key`, { userName: this.user.name }, { parent: this, additionalSecretOutputs: ['secret'] });
    this.accessKeyId = key.id;
    this.accessKeySecret = pulumi.secret(key.secret);
    this.registerOutputs({ userName: this.user.name });
  }
}
