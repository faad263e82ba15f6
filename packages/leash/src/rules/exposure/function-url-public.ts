/**
 * `exposure/function-url-public`: a function URL with `AuthType: NONE` (SAM `FunctionUrlConfig`,
 * `AWS::Lambda::Url`, Serverless `url: true`) lets anyone on the internet invoke the function.
 * The resource-based permissions such a URL needs (`Principal: "*"`) are this rule's finding, not
 * `exposure/public-invoke`'s.
 */
import { defineRule } from '../../engine/types.js';
import type { CfnValue } from '../../model/values.js';
import { isPlainObject, isUnknown, renderValue } from '../../model/values.js';

/** `AllowOrigins: ['*']` (CloudFormation, SAM), `cors: true` or `allowedOrigins: '*'` (Serverless Framework). */
function corsAllowsAnyOrigin(cors: CfnValue | undefined): boolean {
  if (cors === true) return true;
  if (!isPlainObject(cors)) return false;
  for (const [key, value] of Object.entries(cors)) {
    if (!/^allow(?:ed)?origins?$/i.test(key)) continue;
    if (value === '*' || (Array.isArray(value) && value.includes('*'))) return true;
  }
  return false;
}

export default defineRule(
  {
    id: 'exposure/function-url-public',
    category: 'exposure',
    description: 'A function URL has AuthType NONE, so anyone on the internet can invoke the function without signing the request.',
    severity: 'high',
    messages: {
      public: '{{function}} has a public function URL (AuthType NONE){{cors}}: anyone on the internet can invoke it, and every call is billed to you.',
      unknownAuth: 'The function URL of {{function}} has an AuthType leash could not resolve ({{reason}}): it may be public.',
    },
  },
  (context) => {
    for (const fn of context.stack.functions) {
      const url = fn.url;
      if (url === undefined) continue;
      const base = { resource: fn.id, loc: url.loc };
      if (isUnknown(url.authType)) {
        context.report({
          ...base,
          messageId: 'unknownAuth',
          data: { function: fn.id, reason: url.authType.reason },
          severity: 'medium',
          unknown: true,
          properties: { authType: renderValue(url.authType), ...(url.resourceId ? { urlResource: url.resourceId } : {}) },
        });
        continue;
      }
      if (url.authType.toUpperCase() !== 'NONE') continue;
      const anyOrigin = corsAllowsAnyOrigin(url.cors);
      context.report({
        ...base,
        messageId: 'public',
        severity: 'high',
        data: { function: fn.id, cors: anyOrigin ? ', with CORS open to every origin' : '' },
        properties: { authType: 'NONE', corsAnyOrigin: anyOrigin, ...(url.resourceId ? { urlResource: url.resourceId } : {}) },
      });
    }
  },
);
