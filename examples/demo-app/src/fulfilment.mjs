import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const secrets = new SecretsManagerClient({});
let credentials;

export const handler = async (event) => {
  credentials ??= JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }))).SecretString);
  const failures = [];
  for (const record of event.Records) {
    try {
      await ship(JSON.parse(record.body), credentials);
    } catch {
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};

async function ship(order, { host }) {
  // Calls the carrier's API through the NAT gateway.
  const response = await fetch(`https://${host}/shipments`, { method: 'POST', body: JSON.stringify(order) });
  if (!response.ok) throw new Error(`carrier answered ${response.status}`);
}
