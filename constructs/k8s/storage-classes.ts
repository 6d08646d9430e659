import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Validator } from '../core';
import { markClusterScoped } from './workload/cluster-scoped';
import { checkObjectName } from './workload/names';

/** Annotation that marks the cluster's default StorageClass. */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
/** KubeKey names its OpenEBS class `local`; the same name lets this construct adopt it. */
export const DEFAULT_LOCAL_STORAGE_CLASS_NAME = 'local';
/** KubeKey's default `spec.storage.openebs.basePath`. */
export const DEFAULT_OPENEBS_BASE_PATH = '/var/openebs/local';
/** Name of the NAS class; the middleware and log-pipeline constructs default to it. */
export const DEFAULT_NAS_STORAGE_CLASS_NAME = 'alicloud-nas';
/** CSI driver name of the Alibaba Cloud NAS plugin (kubernetes-sigs/alibaba-cloud-csi-driver). */
export const NAS_PROVISIONER = 'nasplugin.csi.alibabacloud.com';
/** Provisioner of OpenEBS Local PV hostpath, the one KubeKey's `local` class uses. */
export const OPENEBS_LOCAL_PROVISIONER = 'openebs.io/local';
/** NFSv3 options from the driver's `examples/nas/dynamic/sc-subpath.yaml`. */
export const NAS_MOUNT_OPTIONS: readonly string[] = ['nolock,tcp,noresvport', 'vers=3'];
/**
 * StorageClass parameter the CSI external-provisioner copies into each PV's `spec.csi.fsType` (and strips from
 * what it sends the driver); it wins over the provisioner's `--default-fstype` flag.
 */
export const CSI_FSTYPE_PARAMETER = 'csi.storage.k8s.io/fstype';
/**
 * fsType of NAS volumes. Kubelet applies a pod's `fsGroup` to a CSI volume only when its PV has an fsType (the
 * CSIDriver's default `fsGroupPolicy: ReadWriteOnceWithFSType`, which the driver's chart leaves in place) and
 * the claim is ReadWriteOnce; without it the root-owned subpath stays unwritable for non-root middleware.
 */
export const NAS_FS_TYPE = 'nfs';
/** Directory mode of each provisioned subpath. */
export const DEFAULT_NAS_MODE = '755';

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
const ABSOLUTE_PATH = /^\/[^\s,:]*$/;

/** Props of {@link OpenEbsLocalStorageClass}. */
export interface OpenEbsLocalStorageClassProps {
  /** @default DEFAULT_LOCAL_STORAGE_CLASS_NAME ('local') */
  readonly name?: string;
  /** Host directory under which volumes are created. @default DEFAULT_OPENEBS_BASE_PATH ('/var/openebs/local') */
  readonly basePath?: string;
  /** Mark as the cluster's default class. @default true */
  readonly isDefault?: boolean;
}

/**
 * OpenEBS local hostpath class, the same as KubeKey installs (node-local, ReadWriteOnce, bound when the pod is
 * scheduled). Fast, but a volume dies with its node.
 */
export class OpenEbsLocalStorageClass extends Construct {
  /** Name of the StorageClass, to use as a PVC's `storageClassName`. */
  public readonly name: string;
  /** Whether this class carries the default-class annotation. */
  public readonly isDefault: boolean;

  constructor(scope: Construct, id: string, props: OpenEbsLocalStorageClassProps = {}) {
    super(scope, id);
    this.name = props.name ?? DEFAULT_LOCAL_STORAGE_CLASS_NAME;
    this.isDefault = props.isDefault ?? true;
    const basePath = props.basePath ?? DEFAULT_OPENEBS_BASE_PATH;
    const v = new Validator();
    checkObjectName(v, 'name', this.name);
    if (!ABSOLUTE_PATH.test(basePath)) v.add('basePath', basePath, 'must be an absolute host path without spaces');
    v.throwIfAny(`Invalid OpenEbsLocalStorageClass props (${this.node.path})`);

    markClusterScoped(
      new k8s.KubeStorageClass(this, 'Resource', {
        metadata: {
          name: this.name,
          annotations: {
            [DEFAULT_CLASS_ANNOTATION]: String(this.isDefault),
            'openebs.io/cas-type': 'local',
            'cas.openebs.io/config': `- name: StorageType\n  value: "hostpath"\n- name: BasePath\n  value: "${basePath}"\n`,
            'storageclass.kubesphere.io/supported-access-modes': '["ReadWriteOnce"]',
          },
        },
        provisioner: OPENEBS_LOCAL_PROVISIONER,
        volumeBindingMode: 'WaitForFirstConsumer',
        reclaimPolicy: 'Delete',
      }),
    );
  }
}

/** Props of {@link NasStorageClass}. */
export interface NasStorageClassProps {
  /** @default DEFAULT_NAS_STORAGE_CLASS_NAME ('alicloud-nas') */
  readonly name?: string;
  /** NAS mount target domain, e.g. `xxxx-yyyy.cn-hangzhou.nas.aliyuncs.com`. */
  readonly mountDomain: string;
  /** Directory on the file system under which each volume gets a subpath. @default '/' */
  readonly path?: string;
  /** Mark as the cluster's default class. @default false */
  readonly isDefault?: boolean;
  /** Keep (rename) a deleted volume's directory instead of removing it. @default true */
  readonly archiveOnDelete?: boolean;
  /** Mode of each created subpath. @default DEFAULT_NAS_MODE ('755') */
  readonly mode?: string;
}

/**
 * Alibaba Cloud NAS through the CSI driver, one subpath per volume (ReadWriteMany, survives nodes). Volumes are
 * retained and archived on delete, because losing middleware data to a `kubectl delete pvc` is not recoverable.
 * PVs get fsType {@link NAS_FS_TYPE}, so ReadWriteOnce claims honour the pod's `fsGroup`. The class only works
 * with the driver (`nasplugin.csi.alibabacloud.com`) installed in the cluster.
 */
export class NasStorageClass extends Construct {
  /** Name of the StorageClass, to use as a PVC's `storageClassName`. */
  public readonly name: string;
  /** Whether this class carries the default-class annotation. */
  public readonly isDefault: boolean;

  constructor(scope: Construct, id: string, props: NasStorageClassProps) {
    super(scope, id);
    this.name = props.name ?? DEFAULT_NAS_STORAGE_CLASS_NAME;
    this.isDefault = props.isDefault ?? false;
    const path = props.path ?? '/';
    const mode = props.mode ?? DEFAULT_NAS_MODE;
    const v = new Validator();
    checkObjectName(v, 'name', this.name);
    if (!HOSTNAME.test(props.mountDomain)) {
      v.add(
        'mountDomain',
        props.mountDomain,
        'must be the mount target host name, e.g. xxxx.cn-hangzhou.nas.aliyuncs.com (no scheme, no path)',
      );
    }
    if (!ABSOLUTE_PATH.test(path)) v.add('path', path, "must be an absolute path such as '/' or '/k8s'");
    if (!/^[0-7]{3,4}$/.test(mode)) v.add('mode', mode, "must be an octal mode such as '755'");
    v.throwIfAny(`Invalid NasStorageClass props (${this.node.path})`);

    markClusterScoped(
      new k8s.KubeStorageClass(this, 'Resource', {
        metadata: { name: this.name, annotations: { [DEFAULT_CLASS_ANNOTATION]: String(this.isDefault) } },
        provisioner: NAS_PROVISIONER,
        parameters: {
          volumeAs: 'subpath',
          server: `${props.mountDomain}:${path}`,
          mode,
          archiveOnDelete: String(props.archiveOnDelete ?? true),
          [CSI_FSTYPE_PARAMETER]: NAS_FS_TYPE,
        },
        mountOptions: [...NAS_MOUNT_OPTIONS],
        reclaimPolicy: 'Retain',
        allowVolumeExpansion: true,
        volumeBindingMode: 'Immediate',
      }),
    );
  }
}

/** Props of {@link PlatformStorageClasses}. */
export interface PlatformStorageClassesProps {
  /** The OpenEBS local class; its `isDefault` defaults to true. @default - a class with every default */
  readonly local?: OpenEbsLocalStorageClassProps;
  /** The NAS class; its `isDefault` defaults to false. @default - no NAS class */
  readonly nas?: NasStorageClassProps;
}

/** The platform's storage classes, checked to have exactly one default. */
export class PlatformStorageClasses extends Construct {
  /** The OpenEBS local class (always created). */
  public readonly local: OpenEbsLocalStorageClass;
  /** The NAS class, or `undefined` when `props.nas` was not given. */
  public readonly nas?: NasStorageClass;

  constructor(scope: Construct, id: string, props: PlatformStorageClassesProps = {}) {
    super(scope, id);
    const localDefault = props.local?.isDefault ?? true;
    const nasDefault = props.nas !== undefined && (props.nas.isDefault ?? false);
    const v = new Validator();
    if (localDefault && nasDefault) {
      v.add('nas.isDefault', true, 'conflicts with local.isDefault (also true): exactly one class may be the default');
    } else if (!localDefault && !nasDefault) {
      v.add('local.isDefault', false, 'leaves no default class: mark exactly one of local or nas as default');
    }
    if (
      props.nas !== undefined &&
      (props.nas.name ?? DEFAULT_NAS_STORAGE_CLASS_NAME) === (props.local?.name ?? DEFAULT_LOCAL_STORAGE_CLASS_NAME)
    ) {
      v.add('nas.name', props.nas.name, 'must differ from the local class name');
    }
    v.throwIfAny(`Invalid PlatformStorageClasses props (${this.node.path})`);

    this.local = new OpenEbsLocalStorageClass(this, 'Local', { ...props.local, isDefault: localDefault });
    if (props.nas !== undefined) {
      this.nas = new NasStorageClass(this, 'Nas', { ...props.nas, isDefault: nasDefault });
    }
  }
}
