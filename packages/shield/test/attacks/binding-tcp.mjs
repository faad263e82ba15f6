// process.binding('tcp_wrap'): a raw TCP handle, under every JS-level wrapper.
export const meta = { kind: 'network', evidence: 'connection' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    let binding;
    try { binding = process.binding('tcp_wrap'); } catch (error) { return reject(error); }
    const { TCP, TCPConnectWrap, constants } = binding;
    const handle = new TCP(constants.SOCKET);
    const req = new TCPConnectWrap();
    req.oncomplete = (status) => { handle.close(); if (status === 0) resolve('connected'); else reject(new Error('connect failed ' + status)); };
    const err = handle.connect(req, '127.0.0.1', ctx.bindingPort);
    if (err) reject(new Error('connect error ' + err));
  });
}
