import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/secrets/plaintext-env.js';
import { detectSecret, findKnownSecret, shannonEntropy } from '../../../src/secrets/detect.js';
import { ruleTester } from '../rule-tester.js';

// Fake credentials, built so that no scanner mistakes this file for a leak: each is split and
// joined at run time. None of them is or was ever valid.
const AWS_KEY = ['AKIA', 'Z7QW3ERT5YUI9OPL'].join('');
const AWS_TEMP_KEY = ['ASIA', 'Q2W3E4R5T6Y7U8I9'].join('');
const AWS_SECRET = ['wJalrXUtnFEMI', '/K7MDENG/bPxRfiCY', 'zQ8nPd3LmT'].join('');
const GITHUB = ['ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
const GITHUB_PAT = ['github_pat_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ab'].join('');
const SLACK = ['xoxb-', '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'].join('');
const SLACK_HOOK = ['https://hooks.slack.com/services/', 'T0A1B2C3D/B4E5F6G7H/q8Zr2LmX7vT4pW9nK3sB6dF1'].join('');
const STRIPE_LIVE = ['sk_live_', '51HqLyjWDarjtT1zdp7dcXyZ9aBcDeFgH'].join('');
const STRIPE_RESTRICTED = ['rk_live_', '51HqLyjWDarjtT1zdp7dcQwErTy'].join('');
const STRIPE_TEST = ['sk_test_', '4eC39HqLyjWDarjtT1zdp7dc'].join('');
const GOOGLE = ['AIza', 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'].join('');
const JWT = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.');
const NPM = ['npm_', 'abcdefghijklmnopqrstuvwxyz0123456789'].join('');
const PRIVATE_KEY_LINE = ['-----BEGIN RSA ', 'PRIVATE KEY-----'].join('');
const HEX_SECRET = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const RANDOM_TOKEN = 'q8Zr2LmX7vT4pW9nK3sB6dF1';

/** A SAM template with one function whose Environment.Variables are `vars` (YAML lines, 10 spaces deep). */
function samApp(vars: string, extra = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
${extra}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
      Environment:
        Variables:
${vars}
`;
}

function slsApp(env: string): Record<string, string> {
  return {
    'serverless.yml': `service: demo
provider:
  name: aws
  runtime: nodejs20.x
  environment:
${env}
functions:
  hello:
    handler: handler.hello
  world:
    handler: handler.world
`,
    'handler.js': 'exports.hello = async () => {}; exports.world = async () => {};\n',
  };
}

describe('secret detection', () => {
  it('recognises known token formats under any name', () => {
    expect(findKnownSecret(AWS_KEY)?.kind).toBe('aws-access-key-id');
    expect(findKnownSecret(AWS_TEMP_KEY)?.kind).toBe('aws-access-key-id');
    expect(findKnownSecret(GITHUB)?.kind).toBe('github-token');
    expect(findKnownSecret(GITHUB_PAT)?.kind).toBe('github-token');
    expect(findKnownSecret(SLACK)?.kind).toBe('slack-token');
    expect(findKnownSecret(SLACK_HOOK)?.kind).toBe('slack-webhook');
    expect(findKnownSecret(STRIPE_LIVE)?.kind).toBe('stripe-live-key');
    expect(findKnownSecret(STRIPE_RESTRICTED)?.kind).toBe('stripe-live-key');
    expect(findKnownSecret(STRIPE_TEST)?.kind).toBe('stripe-test-key');
    expect(findKnownSecret(GOOGLE)?.kind).toBe('google-api-key');
    expect(findKnownSecret(JWT)?.kind).toBe('jwt');
    expect(findKnownSecret(NPM)?.kind).toBe('npm-token');
    expect(findKnownSecret(`${PRIVATE_KEY_LINE}\nMIIEow...`)?.kind).toBe('private-key');
    expect(findKnownSecret('postgres://app:Sup3rS3cret@db.example.com:5432/orders')?.kind).toBe('url-password');
  });

  it('finds no secret in ordinary values', () => {
    for (const value of [
      'https://api.example.com/v1',
      'postgres://db.example.com:5432/orders',
      'postgres://app:${DB_PASSWORD}@db:5432/x',
      'mongodb://user:****@host/db',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
      'index.handler',
      'AKIA', // a prefix alone
      'notAKIAZ7QW3ERT5YUI9OPLX', // embedded in a longer identifier
      ['AKIAIOSFODNN7', 'EXAMPLE'].join(''), // the key of the AWS documentation
      'postgres://app:your-password@db/x',
    ]) {
      expect(findKnownSecret(value), value).toBeUndefined();
    }
  });

  it('uses name and entropy for unknown formats', () => {
    expect(detectSecret('API_KEY', RANDOM_TOKEN)?.kind).toBe('high-entropy');
    expect(detectSecret('WEBHOOK_SECRET', HEX_SECRET)?.kind).toBe('high-entropy');
    expect(detectSecret('clientSecret', RANDOM_TOKEN)?.kind).toBe('high-entropy');
    expect(detectSecret('AWS_SECRET_ACCESS_KEY', AWS_SECRET)?.kind).toBe('aws-secret-access-key');
    expect(detectSecret('DB_PASSWORD', 'hunter22')?.kind).toBe('password');
    expect(detectSecret('DB_PASSWORD', 'correcthorsebattery')?.kind).toBe('password');
    // the same random value under a neutral name is not evidence
    expect(detectSecret('REQUEST_ID_SEED', RANDOM_TOKEN)).toBeUndefined();
    expect(detectSecret('COLOR', HEX_SECRET)).toBeUndefined();
    // a literal between two template holes is still a literal
    expect(detectSecret('API_KEY', `\${PREFIX}${RANDOM_TOKEN}\${SUFFIX}`)?.kind).toBe('high-entropy');
  });

  it('ignores references, names and configuration under secret-like names', () => {
    const cases: [string, string][] = [
      ['SECRET_NAME', 'prod/orders/db'],
      ['DB_PASSWORD', '/prod/orders/db-password'],
      ['DB_PASSWORD', 'prod-db-password'],
      ['API_KEY_HEADER', 'x-api-key'],
      ['TOKEN_TABLE', 'OrdersTokens9f86d081884c7d65'],
      ['SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x'],
      ['TOKEN_TTL', '3600'],
      ['PASSWORD_MIN_LENGTH', '12'],
      ['JWT_ALGORITHM', 'HS256'],
      ['JWT_SECRET', 'changeme'],
      ['API_KEY', '<your-api-key>'],
      ['API_KEY', 'xxxxxxxxxxxxxxxx'],
      ['API_TOKEN', '${API_TOKEN}'],
      ['AUTH_TOKEN_ENABLED', 'true'],
      ['SECRET_KEY', 'my-app-signing-key'],
      ['POWERTOOLS_SERVICE_NAME', 'orders'],
      ['POWERTOOLS_METRICS_NAMESPACE', 'OrdersService9f86d081'],
      ['AWS_CA_BUNDLE', '/opt/certs/ca-bundle-9f86d081884c7d659a2f.pem'],
      ['TOKEN_ENDPOINT', 'https://auth.example.com/oauth2/token'],
      ['PASSWORD_POLICY', 'Strong'],
      ['SECRETS_EXTENSION_HTTP_PORT', '2773'],
      ['KMS_KEY_ID', '1234abcd-12ab-34cd-56ef-1234567890ab'],
      ['COGNITO_CLIENT_ID', '4q8r9s2t7u1v6w3x0y5z8a2b4c'],
      ['SIGNING_KEY_ARN', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd'],
      ['TOKEN_ISSUER', 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123'],
      ['STRIPE_PUBLISHABLE_KEY', 'pk_live_51HqLyjWDarjtT1zdp7dcXyZ'],
      ['PUBLIC_KEY', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----'],
      ['SECRET_HANDLER', 'src/handlers/secret.handler'], // checkov#6917: handler names
      ['AUTH_TOKEN_HEADER_NAME', 'Authorization'],
      ['PASSWORD_RESET_URL', 'https://example.com/reset?token={token}'],
      ['GIT_TOKEN', 'git.commit.sha'],
      ['SECRET', 'true'],
      ['API_TOKEN', '12345678901234567890'],
      // from serverless/examples
      ['EMAIL_SERVICE_API_KEY', 'KEYEXAMPLE1234'],
      ['credentials', '~/.gcloud/keyfile.json'],
      ['CLIENT_SECRET', '${file(./config/${self:provider.stage}.yml):CLIENT_SECRET}'],
      ['StackeryEnvConfiggithubSecretAsString', 'githubSecret'],
      ['GITHUB_WEBHOOK_SECRET', 'REPLACE-WITH-YOUR-SECRET-HERE'],
    ];
    for (const [name, value] of cases) expect(detectSecret(name, value), `${name}=${value}`).toBeUndefined();
  });

  it('computes Shannon entropy', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

ruleTester(rule, {
  valid: [
    { name: 'no environment', app: samApp('          {}') },
    {
      name: 'references, names, configuration',
      app: samApp(
        `          TABLE_NAME: orders
          DB_SECRET_ARN: arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf
          DB_PASSWORD_PARAM: /prod/db/password
          API_URL: https://api.example.com/v1
          DATABASE_URL: postgres://db.example.com:5432/orders
          POWERTOOLS_SERVICE_NAME: orders
          POWERTOOLS_LOG_LEVEL: INFO
          AWS_CA_BUNDLE: /opt/ca.pem
          NODE_OPTIONS: --enable-source-maps
          RETRIES: 3
          ENABLED: true
          HANDLER: src/handlers/index.handler
          TOKEN_TTL: '3600'
          API_KEY_HEADER: x-api-key`,
      ),
    },
    {
      name: 'intrinsics and dynamic references',
      app: samApp(
        `          TABLE: !Ref Table
          API_KEY: '{{resolve:secretsmanager:prod/api:SecretString:key}}'
          DB_PASSWORD: '{{resolve:ssm-secure:/prod/db/password}}'
          SECRET: !GetAtt Secret.Id
          DATABASE_URL: !Sub 'postgres://app:\${DbPassword}@\${Db.Endpoint.Address}/orders'`,
        `Parameters:
  DbPassword:
    Type: String
    NoEcho: true
`,
      ).replace(
        'Resources:\n',
        `Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      BillingMode: PAY_PER_REQUEST
  Secret:
    Type: AWS::SecretsManager::Secret
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      AllocatedStorage: '20'
`,
      ),
    },
    {
      name: 'placeholders under secret names',
      app: samApp(`          API_KEY: changeme
          STRIPE_KEY: <stripe-secret-key>
          JWT_SECRET: xxxxxxxxxxxx
          GITHUB_TOKEN: ''`),
    },
    {
      name: 'structured values without a credential in them',
      app: samApp(`          APP_CONFIG: '{"db": {"host": "db.example.com", "password": "\${DB_PASSWORD}"}, "passwordMinLength": "12"}'
          DOTENV: "DB_HOST=db\\nDB_PASSWORD_PARAM=/prod/db/password\\nTOKEN_TTL=3600"
          NPMRC: "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}"
          DOC: "send the header Authorization: Bearer <token>"`),
    },
    {
      name: 'Serverless Framework: SSM and Secrets Manager references are not literals',
      app: slsApp(`    API_KEY: \${ssm:/prod/api-key}
    DB_PASSWORD: \${ssm:/aws/reference/secretsmanager/prod/db}
    STAGE: \${sls:stage}`),
    },
  ],
  invalid: [
    {
      name: 'AWS access key id under a neutral name',
      app: samApp(`          SOME_VALUE: ${AWS_KEY}`),
      errors: [{ resource: 'Fn', messageId: 'secret', severity: 'critical', message: 'AKIA…(20 chars)' }],
    },
    {
      name: 'AWS key pair',
      app: samApp(`          AWS_ACCESS_KEY_ID: ${AWS_KEY}
          AWS_SECRET_ACCESS_KEY: ${AWS_SECRET}`),
      errors: [
        { messageId: 'secret', severity: 'critical', message: 'AWS_ACCESS_KEY_ID' },
        { messageId: 'secret', severity: 'critical', message: 'an AWS secret access key' },
      ],
    },
    {
      name: 'vendor tokens',
      app: samApp(`          GH: ${GITHUB}
          GH_PAT: ${GITHUB_PAT}
          SLACK: ${SLACK}
          SLACK_WEBHOOK_URL: ${SLACK_HOOK}
          STRIPE: ${STRIPE_LIVE}
          STRIPE_RESTRICTED: ${STRIPE_RESTRICTED}
          MAPS: ${GOOGLE}
          SESSION: ${JWT}
          NPMRC: ${NPM}`),
      errors: [
        { message: 'a GitHub token', severity: 'high' },
        { message: 'GH_PAT', severity: 'high' },
        { message: 'a Slack token' },
        { message: 'a Slack webhook URL' },
        { message: 'a Stripe live secret key', severity: 'critical' },
        { message: 'STRIPE_RESTRICTED', severity: 'critical' },
        { message: 'a Google API key' },
        { message: 'a JSON Web Token' },
        { message: 'an npm token' },
      ],
    },
    {
      name: 'credentials inside structured values: JSON, .env and .npmrc lines, bearer headers',
      app: samApp(`          APP_CONFIG: '{"db": {"host": "db.example.com", "password": "Tr0ub4dor&3-horse"}}'
          DOTENV: "DB_HOST=db\\nDB_PASSWORD=Tr0ub4dor&3-horse"
          NPMRC: "//registry.npmjs.org/:_authToken=0b6a8f2e-4c1d-4e7a-9f3b-2d5c8e1a7b90"
          UPSTREAM_HEADERS: "Authorization: Bearer ${RANDOM_TOKEN}"`),
      errors: [
        { message: 'APP_CONFIG of Fn holds a password', severity: 'high' },
        { message: 'DOTENV of Fn holds a password', severity: 'high' },
        { message: 'NPMRC of Fn holds an npm registry credential', severity: 'high' },
        { message: 'UPSTREAM_HEADERS of Fn holds a bearer token', severity: 'high' },
      ],
    },
    {
      name: 'Stripe test key is medium',
      app: samApp(`          STRIPE_KEY: ${STRIPE_TEST}`),
      errors: [{ message: 'a Stripe test secret key', severity: 'medium' }],
    },
    {
      name: 'private key block',
      app: samApp(`          SIGNING_KEY: "${PRIVATE_KEY_LINE}\\nMIIEowIBAAKCAQEA\\n-----END RSA PRIVATE KEY-----"`),
      errors: [{ message: 'a private key', severity: 'critical' }],
    },
    {
      name: 'URL with an embedded password',
      app: samApp(`          DATABASE_URL: postgres://app:Sup3rS3cret@db.example.com:5432/orders
          REDIS_URL: redis://:an0therPassw0rd@cache.example.com:6379`),
      errors: [
        { message: 'DATABASE_URL', severity: 'high' },
        { message: 'REDIS_URL', severity: 'high' },
      ],
    },
    {
      name: 'high-entropy values under secret-like names',
      app: samApp(`          API_KEY: ${RANDOM_TOKEN}
          WEBHOOK_SECRET: ${HEX_SECRET}
          clientSecret: ${RANDOM_TOKEN}`),
      errors: [{ message: 'API_KEY' }, { message: 'WEBHOOK_SECRET' }, { message: 'clientSecret' }],
    },
    {
      name: 'plain passwords',
      app: samApp(`          DB_PASSWORD: hunter22
          ADMIN_PASSWD: 'P@ssw0rd!'`),
      errors: [
        { message: 'DB_PASSWORD', severity: 'high' },
        { message: 'ADMIN_PASSWD', severity: 'high' },
      ],
    },
    {
      name: 'known token in the literal part of a !Sub',
      app: samApp(`          AUTH_HEADER: !Sub 'Bearer ${GITHUB} for \${AWS::Region}'`),
      errors: [{ message: 'a GitHub token' }],
    },
    {
      name: 'secret as a parameter default (NoEcho hides it from the console, not the template)',
      app: samApp(
        `          API_KEY: !Ref ApiKey`,
        `Parameters:
  ApiKey:
    Type: String
    NoEcho: true
    Default: ${RANDOM_TOKEN}
`,
      ),
      errors: [{ message: 'the default of parameter ApiKey' }],
    },
    {
      name: 'the finding never carries the secret',
      app: samApp(`          GH: ${GITHUB}`),
      errors: [{ message: 'ghp_…(40 chars)' }],
    },
    {
      name: 'Globals environment: one finding listing every function',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
    InlineCode: "exports.handler = async () => {};"
    Environment:
      Variables:
        SLACK_TOKEN: ${SLACK}
Resources:
  A:
    Type: AWS::Serverless::Function
  B:
    Type: AWS::Serverless::Function
`,
      errors: [{ message: 'SLACK_TOKEN' }],
    },
    {
      name: 'Serverless Framework: a secret-like variable from a file leash cannot read is unknown',
      app: slsApp(`    API_SECRET: \${file(./secrets.json):apiSecret}
    TABLE: \${file(./missing.json):table}`),
      errors: [{ messageId: 'unknownValue', unknown: true, severity: 'low', message: 'API_SECRET' }],
    },
    {
      name: 'Serverless Framework: a secret read from a file in the repository',
      app: {
        ...slsApp(`    API_SECRET: \${file(./secrets.json):apiSecret}`),
        'secrets.json': JSON.stringify({ apiSecret: RANDOM_TOKEN }),
      },
      errors: [{ messageId: 'secret', message: 'API_SECRET' }],
    },
    {
      name: 'Serverless Framework provider environment',
      app: slsApp(`    STRIPE_SECRET_KEY: ${STRIPE_LIVE}
    DB_HOST: db.example.com`),
      errors: [{ message: 'a Stripe live secret key', severity: 'critical' }],
    },
  ],
});

describe('secrets never leave in full', () => {
  it('no finding message or property contains a test secret', async () => {
    const { loadApp, runRule } = await import('../rule-tester.js');
    const scan = loadApp(
      samApp(`          A: ${AWS_KEY}
          B: ${GITHUB}
          API_KEY: ${RANDOM_TOKEN}
          DB_PASSWORD: hunter22
          DATABASE_URL: postgres://app:Sup3rS3cret@db.example.com/x`),
    );
    const found = runRule(rule, scan);
    expect(found.length).toBe(5);
    const text = JSON.stringify(found);
    for (const secret of [AWS_KEY, GITHUB, RANDOM_TOKEN, 'hunter22', 'Sup3rS3cret']) expect(text).not.toContain(secret);
  });
});
