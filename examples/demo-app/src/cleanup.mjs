import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async () => {
  const cutoff = Date.now() - 90 * 24 * 3600 * 1000;
  const { Items = [] } = await db.send(new ScanCommand({ TableName: process.env.TABLE_NAME }));
  for (const item of Items) {
    if (item.createdAt < cutoff) await db.send(new DeleteCommand({ TableName: process.env.TABLE_NAME, Key: { pk: item.pk } }));
  }
};
