import { defineRule } from '../../engine/types.js';
import type { Route, Subnet } from '../../model/types.js';
import type { SourceLocation } from '../../model/source.js';
import { isUnknown, renderValue } from '../../model/values.js';

const DEFAULT_ROUTES = new Set(['0.0.0.0/0', '::/0']);

type Outcome = 'nat' | 'igw' | 'unknown';

interface Finding {
  readonly subnet: string;
  readonly detail: string;
  readonly loc: SourceLocation;
}

/** What the default route of one subnet says about a Lambda function's way out. */
function classify(subnet: Subnet, routes: Route[] | undefined): { outcome: Outcome; detail: string; loc: SourceLocation }[] {
  if (routes === undefined) {
    return [{ outcome: 'unknown', detail: `${subnet.id} has no route table association in the stack (the VPC main route table applies)`, loc: subnet.loc }];
  }
  const out: { outcome: Outcome; detail: string; loc: SourceLocation }[] = [];
  for (const route of routes) {
    const destination = route.destination;
    if (isUnknown(destination)) {
      out.push({ outcome: 'unknown', detail: `${subnet.id} has a route to ${renderValue(destination)} (unresolved: ${destination.reason})`, loc: route.loc });
      continue;
    }
    if (!DEFAULT_ROUTES.has(destination)) continue;
    const target = route.targetRef?.resourceId ?? renderValue(route.targetRef?.value);
    if (route.target === 'nat-gateway' || route.target === 'egress-only-internet-gateway') {
      out.push({ outcome: 'nat', detail: `${subnet.id} → ${destination} via ${route.target === 'nat-gateway' ? 'NAT gateway' : 'egress-only internet gateway'} ${target}`.trim(), loc: route.loc });
    } else if (route.target === 'internet-gateway' && destination === '0.0.0.0/0') {
      out.push({ outcome: 'igw', detail: `${subnet.id} → 0.0.0.0/0 via internet gateway ${target}`.trim(), loc: route.loc });
    } else if (route.target === 'internet-gateway') {
      // IPv6 through an internet gateway does work for dual-stack functions: egress.
      out.push({ outcome: 'nat', detail: `${subnet.id} → ::/0 via internet gateway ${target}`.trim(), loc: route.loc });
    } else if (route.target === 'unknown') {
      out.push({ outcome: 'unknown', detail: `${subnet.id} → ${destination} via ${target || 'a target'} leash cannot resolve`, loc: route.loc });
    } else {
      out.push({ outcome: 'unknown', detail: `${subnet.id} → ${destination} via ${route.target} ${target}: where traffic goes from there is outside the stack`.trim(), loc: route.loc });
    }
  }
  return out;
}

export default defineRule(
  {
    id: 'network/internet-egress',
    category: 'network',
    description: "A VPC function's subnets route to the internet through a NAT gateway (data can leave the VPC), or through an internet gateway (which gives Lambda no internet access at all).",
    severity: 'low',
    messages: {
      nat: 'Function {{fn}} can reach the internet: {{routes}}. Any code running in it (a compromised dependency included) can send data anywhere. If it only needs AWS services, use VPC endpoints and drop the default route; otherwise restrict egress with security groups or a firewall.',
      igw: 'Function {{fn}} is in a public subnet ({{routes}}): Lambda network interfaces never get public IPs, so the function has no internet access and calls to AWS APIs time out unless VPC endpoints exist. Put it in private subnets with a NAT gateway, or add VPC endpoints.',
      unresolved: 'Function {{fn}}: leash cannot tell where its subnets route ({{routes}}), so whether it can reach the internet is unknown.',
    },
  },
  (context) => {
    const { network } = context.stack;
    for (const fn of context.stack.functions) {
      const vpc = fn.vpc;
      if (vpc === undefined || vpc.subnets.length === 0) continue;
      const groups: Record<Outcome, Finding[]> = { nat: [], igw: [], unknown: [] };
      for (const ref of vpc.subnets) {
        const subnet = ref.resourceId !== undefined ? network.subnets.find((s) => s.id === ref.resourceId) : undefined;
        if (subnet === undefined) {
          groups.unknown.push({ subnet: renderValue(ref.value), detail: `subnet ${renderValue(ref.value)} is not in the stack`, loc: ref.loc });
          continue;
        }
        const table = subnet.routeTableId !== undefined ? network.routeTables.find((t) => t.id === subnet.routeTableId) : undefined;
        if (subnet.routeTableId !== undefined && table === undefined) {
          groups.unknown.push({ subnet: subnet.id, detail: `${subnet.id} uses route table ${subnet.routeTableId}, which is not in the stack`, loc: subnet.loc });
          continue;
        }
        for (const item of classify(subnet, table?.routes)) groups[item.outcome].push({ subnet: subnet.id, detail: item.detail, loc: item.loc });
      }
      const report = (outcome: Outcome, severity: 'low' | 'medium' | 'info'): void => {
        const items = groups[outcome];
        if (items.length === 0) return;
        context.report({
          messageId: outcome === 'unknown' ? 'unresolved' : outcome,
          data: { fn: fn.id, routes: items.map((i) => i.detail).join('; ') },
          resource: fn.id,
          loc: items[0]!.loc,
          severity,
          unknown: outcome === 'unknown',
          properties: { subnets: [...new Set(items.map((i) => i.subnet))], routes: items.map((i) => i.detail) },
        });
      };
      report('igw', 'medium');
      report('nat', 'low');
      report('unknown', 'info');
    }
  },
);
