/** VPCs, subnets, route tables and routes, and the non-function resources placed in each subnet. */
import type { Network, Route, RouteTable, Subnet, Vpc } from '../../model/types.js';
import { isPlainObject, type CfnValue } from '../../model/values.js';
import type { BuildContext } from './context.js';
import type { TemplateResource } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Where each resource type lists its subnets (directly, or through a subnet group resource). */
const SUBNET_PATHS: Record<string, readonly (readonly string[])[]> = {
  'AWS::EC2::Instance': [['SubnetId'], ['NetworkInterfaces', '*', 'SubnetId']],
  'AWS::ECS::Service': [['NetworkConfiguration', 'AwsvpcConfiguration', 'Subnets']],
  'AWS::EFS::MountTarget': [['SubnetId']],
  'AWS::EC2::NatGateway': [['SubnetId']],
  'AWS::EC2::NetworkInterface': [['SubnetId']],
  'AWS::EC2::VPCEndpoint': [['SubnetIds']],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [['Subnets'], ['SubnetMappings', '*', 'SubnetId']],
  'AWS::OpenSearchService::Domain': [['VPCOptions', 'SubnetIds']],
  'AWS::Elasticsearch::Domain': [['VPCOptions', 'SubnetIds']],
  'AWS::MSK::Cluster': [['BrokerNodeGroupInfo', 'ClientSubnets']],
  'AWS::Batch::ComputeEnvironment': [['ComputeResources', 'Subnets']],
  'AWS::AutoScaling::AutoScalingGroup': [['VPCZoneIdentifier']],
  'AWS::EKS::Cluster': [['ResourcesVpcConfig', 'SubnetIds']],
  'AWS::ElastiCache::ServerlessCache': [['SubnetIds']],
  'AWS::RDS::DBProxy': [['VpcSubnetIds']],
  'AWS::EC2::TransitGatewayVpcAttachment': [['SubnetIds']],
  'AWS::AppRunner::VpcConnector': [['Subnets']],
};

/** Resources placed through a subnet group: [subnet group property, group type, group's subnet property]. */
const SUBNET_GROUPS: Record<string, readonly [string, string, string]> = {
  'AWS::RDS::DBInstance': ['DBSubnetGroupName', 'AWS::RDS::DBSubnetGroup', 'SubnetIds'],
  'AWS::RDS::DBCluster': ['DBSubnetGroupName', 'AWS::RDS::DBSubnetGroup', 'SubnetIds'],
  'AWS::DocDB::DBCluster': ['DBSubnetGroupName', 'AWS::DocDB::DBSubnetGroup', 'SubnetIds'],
  'AWS::Neptune::DBCluster': ['DBSubnetGroupName', 'AWS::Neptune::DBSubnetGroup', 'SubnetIds'],
  'AWS::ElastiCache::CacheCluster': ['CacheSubnetGroupName', 'AWS::ElastiCache::SubnetGroup', 'SubnetIds'],
  'AWS::ElastiCache::ReplicationGroup': ['CacheSubnetGroupName', 'AWS::ElastiCache::SubnetGroup', 'SubnetIds'],
  'AWS::MemoryDB::Cluster': ['SubnetGroupName', 'AWS::MemoryDB::SubnetGroup', 'SubnetIds'],
  'AWS::Redshift::Cluster': ['ClusterSubnetGroupName', 'AWS::Redshift::ClusterSubnetGroup', 'SubnetIds'],
  'AWS::DAX::Cluster': ['SubnetGroupName', 'AWS::DAX::SubnetGroup', 'SubnetIds'],
};

const ROUTE_TARGETS: [string, Route['target']][] = [
  ['NatGatewayId', 'nat-gateway'],
  ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
  ['TransitGatewayId', 'transit-gateway'],
  ['VpcPeeringConnectionId', 'vpc-peering'],
  ['VpcEndpointId', 'vpc-endpoint'],
  ['InstanceId', 'instance'],
  ['NetworkInterfaceId', 'network-interface'],
  ['GatewayId', 'internet-gateway'],
  ['CarrierGatewayId', 'other'],
  ['LocalGatewayId', 'other'],
  ['CoreNetworkArn', 'other'],
];

export function buildNetwork(ctx: BuildContext): Network {
  const r = ctx.resolver;
  const vpcs: Vpc[] = ctx.ofType('AWS::EC2::VPC').map((vpc) => {
    const cidr = r.string(vpc.properties.CidrBlock, ctx.loc(vpc, 'CidrBlock'));
    return { id: vpc.id, ...(cidr !== undefined ? { cidr } : {}), loc: ctx.at(vpc.path) };
  });
  const subnets = new Map<string, Mutable<Subnet>>();
  for (const resource of ctx.ofType('AWS::EC2::Subnet')) {
    const p = resource.properties;
    const subnet: Mutable<Subnet> = { id: resource.id, members: [], loc: ctx.at(resource.path) };
    const vpc = ctx.target(p.VpcId, 'AWS::EC2::VPC');
    if (vpc) subnet.vpcId = vpc.id;
    const cidr = r.string(p.CidrBlock, ctx.loc(resource, 'CidrBlock'));
    if (cidr !== undefined) subnet.cidr = cidr;
    if (p.AvailabilityZone !== undefined) subnet.availabilityZone = r.resolve(p.AvailabilityZone);
    subnets.set(resource.id, subnet);
  }
  const routeTables = new Map<string, Mutable<RouteTable>>();
  for (const resource of ctx.ofType('AWS::EC2::RouteTable')) {
    const vpc = ctx.target(resource.properties.VpcId, 'AWS::EC2::VPC');
    routeTables.set(resource.id, { id: resource.id, ...(vpc ? { vpcId: vpc.id } : {}), routes: [], loc: ctx.at(resource.path) });
  }
  for (const route of ctx.ofType('AWS::EC2::Route')) {
    const table = ctx.target(route.properties.RouteTableId, 'AWS::EC2::RouteTable');
    if (!table) continue;
    routeTables.get(table.id)?.routes.push(buildRoute(ctx, route));
  }
  for (const association of ctx.ofType('AWS::EC2::SubnetRouteTableAssociation')) {
    const subnet = ctx.target(association.properties.SubnetId, 'AWS::EC2::Subnet');
    const table = ctx.target(association.properties.RouteTableId, 'AWS::EC2::RouteTable');
    if (subnet && table) {
      const model = subnets.get(subnet.id);
      if (model) model.routeTableId = table.id;
    }
  }
  for (const resource of ctx.resources.values()) {
    for (const subnetId of memberSubnets(ctx, resource)) {
      const subnet = subnets.get(subnetId);
      if (subnet && !subnet.members.some((m) => m.resourceId === resource.id)) subnet.members.push({ resourceId: resource.id, type: resource.type });
    }
  }
  return { vpcs, subnets: [...subnets.values()], routeTables: [...routeTables.values()] };
}

function buildRoute(ctx: BuildContext, route: TemplateResource): Route {
  const p = route.properties;
  const destinationKey = p.DestinationCidrBlock !== undefined ? 'DestinationCidrBlock' : p.DestinationIpv6CidrBlock !== undefined ? 'DestinationIpv6CidrBlock' : 'DestinationPrefixListId';
  const destination = ctx.resolver.string(p[destinationKey], ctx.loc(route, destinationKey)) ?? 'unknown';
  const loc = ctx.at(route.path);
  for (const [key, kind] of ROUTE_TARGETS) {
    const value = p[key];
    if (value === undefined || ctx.resolver.isNoValue(value)) continue;
    const targetRef = ctx.resourceRef(value, ctx.loc(route, key));
    let target = kind;
    if (key === 'GatewayId') {
      const resource = targetRef.resourceId ? ctx.resources.get(targetRef.resourceId) : undefined;
      const literal = ctx.resolver.string(value);
      if (resource) target = resource.type === 'AWS::EC2::InternetGateway' ? 'internet-gateway' : resource.type === 'AWS::EC2::VPNGateway' ? 'other' : resource.type === 'AWS::EC2::VPCEndpoint' ? 'vpc-endpoint' : 'unknown';
      else if (typeof literal === 'string') target = literal.startsWith('igw-') ? 'internet-gateway' : literal.startsWith('vpce-') ? 'vpc-endpoint' : literal === 'local' ? 'other' : 'unknown';
      else target = 'unknown';
    }
    return { destination, target, targetRef, loc };
  }
  return { destination, target: 'unknown', loc };
}

/** Values at a path with `*` for every list item. */
function valuesAt(ctx: BuildContext, value: CfnValue | undefined, path: readonly string[]): CfnValue[] {
  if (value === undefined || value === null) return [];
  if (path.length === 0) return [value];
  const [head, ...rest] = path;
  if (head === '*') return ctx.listOf(value).flatMap((item) => valuesAt(ctx, item, rest));
  const folded = isPlainObject(value) ? value : ctx.resolver.resolve(value);
  return isPlainObject(folded) ? valuesAt(ctx, folded[head!], rest) : [];
}

function subnetIdsIn(ctx: BuildContext, value: CfnValue): string[] {
  const out: string[] = [];
  for (const item of ctx.listOf(value)) {
    const subnet = ctx.target(item, 'AWS::EC2::Subnet');
    if (subnet) out.push(subnet.id);
  }
  return out;
}

function memberSubnets(ctx: BuildContext, resource: TemplateResource): string[] {
  const paths = SUBNET_PATHS[resource.type];
  if (paths) return paths.flatMap((path) => valuesAt(ctx, resource.properties, path).flatMap((v) => subnetIdsIn(ctx, v)));
  const group = SUBNET_GROUPS[resource.type];
  if (group) {
    const [property, groupType, subnetProperty] = group;
    const groupResource = ctx.target(resource.properties[property], groupType);
    return groupResource ? subnetIdsIn(ctx, groupResource.properties[subnetProperty] ?? null) : [];
  }
  return [];
}
