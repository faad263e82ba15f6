/**
 * dos/unbounded-concurrency and PRIVATE REST APIs: reachable only through VPC endpoints, like an
 * internal load balancer, so no flood from the internet (corpus: serverless-patterns
 * apigw-private-lambda, apigw-private-cdn-private-ca-sam, multi-account-private-apigw).
 */
import rule from '../../../src/rules/dos/unbounded-concurrency.js';
import { ruleTester } from '../rule-tester.js';

function sam(endpoint: string): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration: ${endpoint}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
      Events:
        Get:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /get
            Method: get
`;
}

ruleTester(rule, {
  valid: [{ name: 'a route of a PRIVATE API without auth', app: sam('PRIVATE') }],
  invalid: [{ name: 'the same route on a REGIONAL API', app: sam('REGIONAL'), errors: [{ resource: 'Fn', severity: 'medium' }] }],
});
