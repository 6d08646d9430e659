/**
 * The public API of `aliyun-kubesphere` (the main entry). The shared core and the Alibaba Cloud
 * components (with the types, defaults and pure planners their props name) are at the top level;
 * the rest is namespaced: `kubekey`, `k8s`, `devops`, `stackConfig`, `offline`, `diagram`, `ci`
 * and `policy`.
 *
 * Each module is also its own entry point (package.json `exports`), and the ones that load no
 * Pulumi module are what the Kubernetes-only path imports: `aliyun-kubesphere/core`,
 * `/alicloud/plan`, `/kubekey`, `/k8s`, `/devops` and `/stack-config`.
 *
 * Every barrel lists its exports by name so nothing internal leaks: per-construct validators, the
 * pure settings resolvers, internal limits and patterns, and the bootstrap scripts stay reachable
 * only from their modules (where the tests import them).
 */
export * from './core';
export * from './alicloud';

export * as kubekey from './kubekey';
export * as k8s from './k8s';
export * as devops from './k8s/devops';
export * as stackConfig from './stack-config';
export * as offline from './offline';
export * as diagram from './offline/diagram';
export * as ci from './ci';
export * as policy from './policy';
