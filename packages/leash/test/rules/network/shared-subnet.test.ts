import rule from '../../../src/rules/network/shared-subnet.js';
import { ruleTester } from '../rule-tester.js';
import { fn, sam } from './vpc.js';

const instanceIn = (subnet: string): string => `  Bastion:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      SubnetId: !Ref ${subnet}
`;

ruleTester(rule, {
  valid: [
    { name: 'two subnets in two zones, nothing else in them', app: sam(fn(['!Ref PrivateA', '!Ref PrivateB'])) },
    { name: 'an instance in another subnet', app: sam(`${instanceIn('Public')}${fn(['!Ref PrivateA', '!Ref PrivateB'])}`) },
    { name: 'two functions sharing subnets is normal', app: sam(`${fn(['!Ref PrivateA', '!Ref PrivateB'])}${fn(['!Ref PrivateA', '!Ref PrivateB'], 'Other')}`) },
    {
      name: 'an interface VPC endpoint in the function subnets (a fixed footprint)',
      app: sam(`  SqsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.sqs
      SubnetIds: [!Ref PrivateA, !Ref PrivateB]
${fn(['!Ref PrivateA', '!Ref PrivateB'])}`),
    },
    { name: 'no VPC', app: sam('  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs24.x\n      Handler: index.handler\n      InlineCode: "x"\n') },
  ],
  invalid: [
    {
      name: 'an EC2 instance in the function subnet',
      app: sam(`${instanceIn('PrivateA')}${fn(['!Ref PrivateA', '!Ref PrivateB'])}`),
      errors: [{ resource: 'Fn', messageId: 'shared', severity: 'low', message: 'Bastion' }],
    },
    {
      name: 'an RDS database subnet group over the function subnets',
      app: sam(`  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds:
        - !Ref PrivateA
        - !Ref PrivateB
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      AllocatedStorage: '20'
      DBSubnetGroupName: !Ref DbSubnets
      MasterUsername: app
      ManageMasterUserPassword: true
${fn(['!Ref PrivateA', '!Ref PrivateB'])}`),
      errors: [{ resource: 'Fn', messageId: 'shared', message: 'PrivateA, PrivateB' }],
    },
    { name: 'a single subnet', app: sam(fn(['!Ref PrivateA'])), errors: [{ resource: 'Fn', messageId: 'singleAz', message: 'a single subnet' }] },
    { name: 'two subnets in the same zone', app: sam(fn(['!Ref PrivateA', '!Ref PrivateA2'])), errors: [{ resource: 'Fn', messageId: 'singleAz', message: 'all in one Availability Zone' }] },
    {
      name: 'subnets from a parameter are unknown',
      app: sam(fn(['!Ref SubnetOne', '!Ref SubnetTwo']), 'Parameters:\n  SubnetOne:\n    Type: AWS::EC2::Subnet::Id\n  SubnetTwo:\n    Type: AWS::EC2::Subnet::Id\n'),
      errors: [{ resource: 'Fn', messageId: 'unresolved', unknown: true, severity: 'info' }],
    },
  ],
});
