import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from './lib/clients.mjs';

export const handler = async () => {
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: process.env.REPORTS_BUCKET, Prefix: 'thumbnails/' }));
  const body = (listing.Contents ?? []).map((o) => `${o.Key},${o.Size}`).join('\n');
  await s3.send(new PutObjectCommand({ Bucket: process.env.REPORTS_BUCKET, Key: `reports/${new Date().toISOString()}.csv`, Body: body }));
};
