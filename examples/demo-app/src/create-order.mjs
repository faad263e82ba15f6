import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, sqs } from './lib/clients.mjs';

const TABLE_NAME = process.env.TABLE_NAME;

export const handler = async (event) => {
  const order = { pk: `order#${randomUUID()}`, ...JSON.parse(event.body ?? '{}') };
  await documentClient.send(new PutCommand({ TableName: TABLE_NAME, Item: order }));
  // The template grants this function DynamoDB only: this call fails with AccessDenied.
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(order) }));
  return { statusCode: 201, body: JSON.stringify({ id: order.pk }) };
};
