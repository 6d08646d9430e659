/** One cluster's manifest files from its spec and the shared stack's outputs as plain data, without Pulumi. */
import { ConfigError } from '../../../stacks/config';
import { SharedOutputsForWorkloads } from '../../../stacks/shared-outputs';
import { clusterManifestFiles, workloadBuildOptions } from '../../../stacks/workloads/manifests';
import { clusterImageCatalogue } from '../../../stacks/images/catalogue';
import { NAS_DOMAIN, ROOT, clusterSpec } from './helpers';

const SHARED: SharedOutputsForWorkloads = {
  nas: { prod: { mountDomain: NAS_DOMAIN }, test: { mountDomain: NAS_DOMAIN } },
  backup: { bucketName: 'estate-backups', intranetEndpoint: 'oss-cn-shenzhen-internal.aliyuncs.com' },
};

test('every chart of the cluster in apply order, then the DevOps project, at their paths in the offline output', () => {
  const { files, warnings } = clusterManifestFiles(clusterSpec(ROOT, 'prod'), SHARED);
  expect(files.map((f) => f.path)).toEqual([
    'k8s/prod/platform.k8s.yaml',
    'k8s/prod/middleware.k8s.yaml',
    'k8s/prod/logging.k8s.yaml',
    'k8s/prod/apps.k8s.yaml',
    'k8s/prod/devops.k8s.yaml',
  ]);
  expect(warnings).toEqual([]);
  expect(files[0].content).toContain(`server: ${NAS_DOMAIN}:/prod`);
  expect(files[1].content).toContain('oss:estate-backups/mysql/prod/');
});

test('the build options: the NAS domain of this cluster, its MySQL backup prefix, the image rewrite of the catalogue', () => {
  const spec = clusterSpec(ROOT, 'test');
  const images = clusterImageCatalogue(spec);
  const options = workloadBuildOptions(spec, SHARED, images);
  expect(options.nasMountDomain).toBe(NAS_DOMAIN);
  expect(options.imageRewrite).toBe(images.rewrite);
  expect(options.mysqlBackup).toMatchObject({
    bucket: 'estate-backups',
    prefix: 'mysql/test/',
    endpoint: 'oss-cn-shenzhen-internal.aliyuncs.com',
  });
  expect(workloadBuildOptions(spec, {}, images)).toEqual({
    nasMountDomain: undefined,
    imageRewrite: images.rewrite,
    mysqlBackup: undefined,
  });
  expect(workloadBuildOptions(spec, { backup: null }, images).mysqlBackup).toBeUndefined();
});

test('without NAS in the shared stack the data goes on node-local disks, with a warning', () => {
  const { files, warnings } = clusterManifestFiles(clusterSpec(ROOT, 'test'), {});
  expect(warnings).toEqual([
    "the shared stack exports no nas.<cluster>.mountDomain for this cluster: middleware and log data of 'test' go on the node-local 'local' class and die with their node",
  ]);
  expect(files.map((f) => f.content).join('')).not.toContain('oss:');
});

test('a shared stack with NAS but none for this cluster is refused, as under the engine', () => {
  const spec = clusterSpec(ROOT, 'prod');
  const run = () => clusterManifestFiles(spec, { nas: { edge: { mountDomain: NAS_DOMAIN } } });
  expect(run).toThrow(ConfigError);
  expect(run).toThrow(
    `platform:cluster.name: "prod" has no NAS file system in stack '${spec.sharedStack}'; add it to platform:nas.clusters there (it has edge)`,
  );
});
