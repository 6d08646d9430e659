// The policy pack's entry: Node.js loads this file for the folder `pulumi preview --policy-pack
// policy` names. Pulumi's Node.js policy host registers ts-node with a full type-check for `.ts`
// files (@pulumi/pulumi cmd/run-policy-pack: `typeCheck: true`, not configurable), so an entry in
// TypeScript would type-check the pack and every rule module it imports on every preview. Types
// are checked once, by `npm run build` (tsconfig.json includes policy/); here the TypeScript loads
// through the project's cached transpiler instead, the one `pulumi preview` runs the program with
// (Pulumi.yaml `nodeargs`).
'use strict';
require('../scripts/ts-register').useCachedTranspiler();
require('./pack.ts');
