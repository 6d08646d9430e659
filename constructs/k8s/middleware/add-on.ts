import { Construct } from 'constructs';

/**
 * Where one key of a credentials Secret comes from: a secret value the platform holds in its configuration
 * (by name), or a value that is not secret and sits in the Secret only because the image reads it from there
 * (a user name).
 */
export type SecretKeySource =
  | {
      /** The name of the config secret (`platform:secrets.<name>`) whose value fills the key. */
      readonly fromConfig: string;
    }
  | {
      /** A value that is not secret (a user name), written as it is. */
      readonly value: string;
    };

/** The keys of a Secret and where each value comes from; the values themselves never pass through here. */
export type SecretData = Readonly<Record<string, SecretKeySource>>;

/**
 * One middleware of a platform's middleware table (the EKS Blueprints add-on pattern): everything needed to
 * deploy it and to wire it, in one place, so that adding a middleware is one entry. The platform's charts, its
 * config (the secrets it requires) and its NetworkPolicies all read the table; none repeats what an entry says.
 *
 * `TSettings` is the entry's own part of the platform's configuration, `TContext` what the whole configuration
 * tells every entry (another entry's settings, the clients), `TDeployContext` what deploying adds (storage, images).
 */
export interface MiddlewareAddOn<TSettings, TContext, TDeployContext extends TContext = TContext> {
  /** Object name of the instance (StatefulSet or Deployment, and client Service); its pods carry it as their instance label. */
  readonly name: string;
  /** Ports its clients connect to: the construct's own `*_CLIENT_PORTS`, never repeated numbers. */
  readonly clientPorts: readonly number[];
  /** The keys of its credentials Secret (the construct's `*_SECRET_KEYS`) and where each value comes from. */
  credentials(settings: TSettings, context: TContext): SecretData;
  /** Creates the construct(s) in `scope`, reading the credentials from the Secret named `credentialsSecretName`. */
  deploy(scope: Construct, settings: TSettings, context: TDeployContext, credentialsSecretName: string): void;
  /**
   * Other entries (by table key) its pods connect to as a client: an egress rule on it and an ingress rule on
   * each of them, on their client ports. @default - none
   */
  reaches?(settings: TSettings, context: TContext): readonly string[];
  /** Ports on its clients' pods it connects to (a dashboard that pushes rules to each client). @default - none */
  readonly reachesClientsOn?: readonly number[];
}

/** A platform's middleware table: one add-on per key of its middleware configuration `TSpec`. */
export type MiddlewareTable<TSpec, TContext, TDeployContext extends TContext = TContext> = {
  readonly [K in keyof TSpec]-?: MiddlewareAddOn<NonNullable<TSpec[K]>, TContext, TDeployContext>;
};

/** An add-on bound to the settings a configuration gives it: what the charts and the config read. */
export interface DeployedAddOn<TContext, TDeployContext extends TContext = TContext> {
  /** The table key (`redis`). */
  readonly kind: string;
  /** The entry's object name ({@link MiddlewareAddOn.name}). */
  readonly name: string;
  /** The entry's client ports ({@link MiddlewareAddOn.clientPorts}). */
  readonly clientPorts: readonly number[];
  /** Ports on its clients it connects back to; empty when the entry names none. */
  readonly reachesClientsOn: readonly number[];
  /** The keys of its credentials Secret, bound to the entry's settings. */
  credentials(context: TContext): SecretData;
  /** Adds its constructs to `scope`, bound to the entry's settings. */
  deploy(scope: Construct, context: TDeployContext, credentialsSecretName: string): void;
  /** The other middleware it connects to; empty when the entry names none. */
  reaches(context: TContext): readonly string[];
}

/** The add-ons `spec` configures (those whose key it sets), in table order, each bound to its settings. */
export function deployedAddOns<TSpec, TContext, TDeployContext extends TContext>(
  table: MiddlewareTable<TSpec, TContext, TDeployContext>,
  spec: TSpec,
): DeployedAddOn<TContext, TDeployContext>[] {
  return (Object.keys(table) as Array<keyof TSpec & string>).flatMap((kind) => {
    const bound = bind(table, spec, kind);
    return bound === undefined ? [] : [bound];
  });
}

function bind<TSpec, TContext, TDeployContext extends TContext, K extends keyof TSpec & string>(
  table: MiddlewareTable<TSpec, TContext, TDeployContext>,
  spec: TSpec,
  kind: K,
): DeployedAddOn<TContext, TDeployContext> | undefined {
  const settings = spec[kind];
  if (settings === undefined || settings === null) return undefined;
  const addOn: MiddlewareAddOn<NonNullable<TSpec[K]>, TContext, TDeployContext> = table[kind];
  return {
    kind,
    name: addOn.name,
    clientPorts: addOn.clientPorts,
    reachesClientsOn: addOn.reachesClientsOn ?? [],
    credentials: (context) => addOn.credentials(settings, context),
    deploy: (scope, context, secretName) => addOn.deploy(scope, settings, context, secretName),
    reaches: (context) => addOn.reaches?.(settings, context) ?? [],
  };
}

/** The configuration secrets `data` reads, by name, each once, in key order. */
export function configSecretNames(data: SecretData): string[] {
  return [...new Set(Object.values(data).flatMap((source) => ('fromConfig' in source ? [source.fromConfig] : [])))];
}
