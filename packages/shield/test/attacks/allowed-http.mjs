// An allowed endpoint keeps working: http.get to the allowed port.
import http from 'node:http';
export const meta = { allowed: true };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    http.get(`http://127.0.0.1:${ctx.allowedPort}/ok`, (res) => { let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => resolve(body)); }).on('error', reject);
  });
}
