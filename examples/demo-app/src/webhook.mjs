import { createHmac } from 'node:crypto';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

const dynamodb = new DynamoDBClient({});

export const handler = async (event) => {
  const signature = createHmac('sha256', process.env.STRIPE_SECRET_KEY).update(event.body ?? '').digest('hex');
  if (signature !== event.headers?.['stripe-signature']) return { statusCode: 401 };
  const payment = JSON.parse(event.body);
  await dynamodb.send(
    new UpdateItemCommand({
      TableName: process.env.ORDERS_TABLE,
      Key: { pk: { S: payment.orderId } },
      UpdateExpression: 'SET paid = :true',
      ExpressionAttributeValues: { ':true': { BOOL: true } },
    }),
  );
  return { statusCode: 200 };
};
