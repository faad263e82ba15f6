import { defineRule } from '../../engine/types.js';
import type { EnvironmentVariable, LambdaFunction } from '../../model/types.js';
import { intrinsicName, isUnknown, renderValue } from '../../model/values.js';

/** How the shield gets loaded: `NODE_OPTIONS` naming the package, or the exec wrapper. */
const ACTIVATION = {
  NODE_OPTIONS: '@leash/shield',
  AWS_LAMBDA_EXEC_WRAPPER: 'leash-exec-wrapper',
} as const;
const POLICY_VARIABLES = ['LEASH_POLICY', 'LEASH_POLICY_FILE'];
const LAYER_MARKER = /leash-?shield/i;

type Activation = { state: 'on'; variable: string } | { state: 'off' } | { state: 'unknown'; variable: string; value: string };

/** The text of an environment value when it can be read offline (a literal, or the template of a `!Sub`). */
function textOf(variable: EnvironmentVariable): string | undefined {
  const value = variable.value;
  if (typeof value === 'string') return value;
  if (intrinsicName(value) === 'Fn::Sub') return renderValue(value);
  return undefined;
}

function activation(fn: LambdaFunction): Activation {
  let unresolved: Activation | undefined;
  for (const [name, marker] of Object.entries(ACTIVATION)) {
    const variable = fn.environment.find((v) => v.name === name);
    if (!variable) continue;
    const text = textOf(variable);
    if (text === undefined) {
      unresolved ??= { state: 'unknown', variable: name, value: renderValue(variable.value) };
      continue;
    }
    if (text.includes(marker)) return { state: 'on', variable: name };
  }
  return unresolved ?? { state: 'off' };
}

/** Where the shield would find a policy: a policy variable, or `leash.policy.json` beside the code (found by the loaders). */
function hasPolicy(fn: LambdaFunction): boolean {
  if (fn.environment.some((v) => POLICY_VARIABLES.includes(v.name))) return true;
  return fn.code.hasPolicyFile === true;
}

function isNodeOrUnknown(fn: LambdaFunction): 'node' | 'other' | 'unknown' {
  const runtime = fn.runtime;
  if (runtime === undefined || isUnknown(runtime)) return 'unknown';
  return runtime.startsWith('nodejs') ? 'node' : 'other';
}

export default defineRule(
  {
    id: 'runtime/no-egress-control',
    category: 'runtime',
    description: 'A Node.js function outside a VPC has no egress control: no @leash/shield loaded with a policy, so any code in it can send data anywhere.',
    severity: 'medium',
    messages: {
      missing:
        'Function {{fn}} runs outside a VPC with no egress control: any code in it (a compromised dependency included) can send data, secrets from its environment among them, to any host on the internet.{{note}} Load @leash/shield with a network allowlist (AWS_LAMBDA_EXEC_WRAPPER=/opt/leash-exec-wrapper with the leash-shield layer, or NODE_OPTIONS=--import @leash/shield/register), or put the function in a VPC with restricted egress.',
      layerOnly:
        'Function {{fn}} has the leash-shield layer ({{layer}}) but nothing loads it: set AWS_LAMBDA_EXEC_WRAPPER=/opt/leash-exec-wrapper or NODE_OPTIONS=--import /opt/nodejs/node_modules/@leash/shield/dist/register.js.',
      noPolicy:
        'Function {{fn}} loads @leash/shield ({{variable}}) but has no policy: no LEASH_POLICY or LEASH_POLICY_FILE variable and no leash.policy.json in {{dir}}. The shield refuses to start without one, so the function will fail at init.',
      unresolved:
        'Function {{fn}}: {{variable}} is {{value}}, which leash cannot resolve offline, so whether @leash/shield is loaded is unknown.',
    },
  },
  (context) => {
    for (const fn of context.stack.functions) {
      // In a VPC, egress is a matter of routes and security groups (network/internet-egress).
      if (fn.vpc !== undefined && fn.vpc.subnets.length > 0) continue;
      // Container images: the language and the entry point are not in the template.
      if (fn.packageType === 'Image') continue;
      const language = isNodeOrUnknown(fn);
      if (language === 'other') continue;
      const loaded = activation(fn);
      if (loaded.state === 'unknown') {
        context.report({
          messageId: 'unresolved',
          data: { fn: fn.id, variable: loaded.variable, value: loaded.value },
          resource: fn.id,
          loc: fn.environment.find((v) => v.name === loaded.variable)?.loc ?? fn.loc,
          severity: 'low',
          unknown: true,
        });
        continue;
      }
      if (loaded.state === 'on') {
        // Without a policy the shield stops the function at start (it never runs unprotected); when
        // the code is not on disk the policy may be inside it: nothing to prove wrong.
        if (!hasPolicy(fn) && fn.code.dir !== undefined) {
          context.report({
            messageId: 'noPolicy',
            data: { fn: fn.id, variable: loaded.variable, dir: fn.code.dir },
            resource: fn.id,
            loc: fn.environment.find((v) => v.name === loaded.variable)?.loc ?? fn.loc,
            severity: 'high',
          });
        }
        continue;
      }
      const layer = fn.layers.map((l) => renderValue(l)).find((text) => LAYER_MARKER.test(text));
      if (layer !== undefined) {
        context.report({ messageId: 'layerOnly', data: { fn: fn.id, layer }, resource: fn.id, loc: fn.loc });
        continue;
      }
      const unknownRuntime = language === 'unknown';
      context.report({
        messageId: 'missing',
        data: { fn: fn.id, note: unknownRuntime ? ' (Its runtime could not be resolved: this applies if it is Node.js.)' : '' },
        resource: fn.id,
        loc: fn.loc,
        ...(unknownRuntime ? { severity: 'low' as const, unknown: true } : {}),
      });
    }
  },
);
