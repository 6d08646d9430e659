/**
 * The CrossGuard policy pack that `pulumi preview --policy-pack policy` (or `pulumi up --policy-pack
 * policy`) runs in the analyzer, loaded by the pack's entry `index.js`. Constructing the
 * `PolicyPack` starts the analyzer's gRPC server, so nothing else imports this file: the offline run
 * and the tests import the rules from `constructs/policy/`, which never loads `@pulumi/policy`.
 * `npm run build` type-checks this file against `@pulumi/policy`, which proves the rules' CrossGuard
 * form is what the SDK expects.
 */
import { PolicyPack } from '@pulumi/policy';
import { toCrossGuardPolicies } from '../constructs/policy/crossguard';
import { BASELINE_PACK_NAME, BASELINE_RULES } from '../constructs/policy/rules';

new PolicyPack(BASELINE_PACK_NAME, { policies: toCrossGuardPolicies(BASELINE_RULES) });
