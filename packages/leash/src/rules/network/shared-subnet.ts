import { defineRule } from '../../engine/types.js';
import type { ResourceRef, Subnet } from '../../model/types.js';
import { intrinsicName, renderValue } from '../../model/values.js';

/**
 * Neighbours with a fixed, small footprint (one address per subnet) that the function usually
 * needs: they do not grow with load, so sharing a subnet with them is not a contest for addresses.
 */
const FIXED_FOOTPRINT = new Set(['AWS::EC2::VPCEndpoint', 'AWS::EFS::MountTarget', 'AWS::EC2::NatGateway', 'AWS::EC2::NetworkInterface', 'AWS::EC2::TransitGatewayAttachment', 'AWS::Route53Resolver::ResolverEndpoint']);

function competitors(subnet: Subnet): Subnet['members'] {
  return subnet.members.filter((m) => !FIXED_FOOTPRINT.has(m.type));
}

/** A subnet reference that is certainly one subnet (not a list parameter or a `!Split`). */
function isSingleSubnet(ref: ResourceRef): boolean {
  if (ref.resourceId !== undefined) return true;
  return typeof ref.value === 'string' && /^subnet-[0-9a-f]+$/i.test(ref.value);
}

export default defineRule(
  {
    id: 'network/shared-subnet',
    category: 'network',
    description: 'A VPC function shares its subnets with other resources (databases, instances, containers) that compete for the same IP addresses, or runs in a single subnet or Availability Zone.',
    severity: 'low',
    messages: {
      shared:
        'Function {{fn}} runs in {{subnets}}, shared with {{members}}: Lambda needs free IP addresses there for its network interfaces (one per subnet and security group set, more as it scales), so a burst of functions or a growing neighbour can exhaust the subnet and both fail to start. Give the functions their own subnets, or size the subnets for both.',
      singleAz: 'Function {{fn}} runs in {{what}}: if that Availability Zone fails, the function cannot run at all. Attach subnets in at least two Availability Zones.',
      unresolved: 'Function {{fn}} runs in subnets leash cannot see ({{subnets}}): it cannot tell what else shares them or in how many Availability Zones they are.',
    },
  },
  (context) => {
    const { network } = context.stack;
    for (const fn of context.stack.functions) {
      const vpc = fn.vpc;
      if (vpc === undefined || vpc.subnets.length === 0) continue;
      const resolved: Subnet[] = [];
      const unresolved: ResourceRef[] = [];
      for (const ref of vpc.subnets) {
        const subnet = ref.resourceId !== undefined ? network.subnets.find((s) => s.id === ref.resourceId) : undefined;
        if (subnet === undefined) unresolved.push(ref);
        else resolved.push(subnet);
      }
      const shared = resolved.filter((s) => competitors(s).length > 0);
      if (shared.length > 0) {
        const members = [...new Map(shared.flatMap((s) => competitors(s)).map((m) => [m.resourceId, m])).values()];
        context.report({
          messageId: 'shared',
          data: { fn: fn.id, subnets: `${shared.length === 1 ? 'subnet' : 'subnets'} ${shared.map((s) => s.id).join(', ')}`, members: members.map((m) => `${m.resourceId} (${m.type})`).join(', ') },
          resource: fn.id,
          loc: vpc.loc,
          severity: 'low',
          properties: { subnets: shared.map((s) => ({ id: s.id, members: competitors(s) })) },
        });
      }
      // One subnet, or several subnets all in the same (literally written) zone.
      const zones = new Set(resolved.map((s) => (s.availabilityZone === undefined ? undefined : JSON.stringify(s.availabilityZone))));
      const allZonesKnown = !zones.has(undefined);
      if (vpc.subnets.length === 1 && isSingleSubnet(vpc.subnets[0]!)) {
        context.report({ messageId: 'singleAz', data: { fn: fn.id, what: `a single subnet (${vpc.subnets[0]!.resourceId ?? renderValue(vpc.subnets[0]!.value)})` }, resource: fn.id, loc: vpc.loc, severity: 'low', properties: { subnets: 1 } });
      } else if (unresolved.length === 0 && resolved.length > 1 && allZonesKnown && zones.size === 1 && !hasGetAZsWithoutIndex(resolved)) {
        context.report({
          messageId: 'singleAz',
          data: { fn: fn.id, what: `${resolved.length} subnets all in one Availability Zone (${renderValue(resolved[0]!.availabilityZone)})` },
          resource: fn.id,
          loc: vpc.loc,
          severity: 'low',
          properties: { subnets: resolved.map((s) => s.id) },
        });
      }
      if (unresolved.length > 0) {
        context.report({
          messageId: 'unresolved',
          data: { fn: fn.id, subnets: unresolved.map((r) => renderValue(r.value)).join(', ') },
          resource: fn.id,
          loc: unresolved[0]!.loc,
          severity: 'info',
          unknown: true,
          properties: { subnets: unresolved.map((r) => r.value) },
        });
      }
    }
  },
);

/** An AvailabilityZone that is an unindexed expression could differ per subnet at deploy time. */
function hasGetAZsWithoutIndex(subnets: Subnet[]): boolean {
  return subnets.some((s) => {
    const name = intrinsicName(s.availabilityZone);
    return name !== undefined && name !== 'Fn::Select';
  });
}
