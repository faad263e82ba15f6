import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from './lib/clients.mjs';

export const handler = async (event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const original = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = await original.Body.transformToByteArray();
    // Writes back into the bucket that triggers this function.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `thumbnails/${key}`, Body: bytes.slice(0, 1024) }));
  }
};
