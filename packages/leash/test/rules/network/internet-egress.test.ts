import rule from '../../../src/rules/network/internet-egress.js';
import { ruleTester } from '../rule-tester.js';
import { fn, sam } from './vpc.js';

ruleTester(rule, {
  valid: [
    { name: 'isolated subnets without a default route', app: sam(fn(['!Ref Isolated', '!Ref IsolatedB'])) },
    { name: 'no VPC', app: sam('  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs24.x\n      Handler: index.handler\n      InlineCode: "x"\n') },
  ],
  invalid: [
    {
      name: 'private subnets with a NAT gateway default route',
      app: sam(fn(['!Ref PrivateA', '!Ref PrivateB'])),
      errors: [{ resource: 'Fn', messageId: 'nat', severity: 'low', message: 'NAT gateway Nat' }],
    },
    {
      name: 'public subnet: an internet gateway gives Lambda no egress',
      app: sam(fn(['!Ref Public'])),
      errors: [{ resource: 'Fn', messageId: 'igw', severity: 'medium', message: 'no internet access' }],
    },
    {
      name: 'IPv6 egress through an egress-only internet gateway',
      app: sam(`  Eigw:
    Type: AWS::EC2::EgressOnlyInternetGateway
    Properties:
      VpcId: !Ref Vpc
  V6Default:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref IsolatedRoutes
      DestinationIpv6CidrBlock: ::/0
      EgressOnlyInternetGatewayId: !Ref Eigw
${fn(['!Ref Isolated', '!Ref IsolatedB'])}`),
      errors: [{ resource: 'Fn', messageId: 'nat', message: '::/0 via egress-only internet gateway Eigw' }],
    },
    {
      name: 'subnet without route table association',
      app: sam(`  Loose:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.9.0/24
${fn(['!Ref Loose'])}`),
      errors: [{ resource: 'Fn', messageId: 'unresolved', unknown: true, message: 'main route table' }],
    },
    {
      name: 'subnet given as a parameter',
      app: sam(fn(['!Ref SubnetOne']), 'Parameters:\n  SubnetOne:\n    Type: AWS::EC2::Subnet::Id\n'),
      errors: [{ resource: 'Fn', messageId: 'unresolved', unknown: true }],
    },
  ],
});
