// process.execve (Node 22.15+): replaces this process with a shell that writes the marker.
export const meta = { kind: 'exec', evidence: 'file', minNode: 22 };
export default function attack(ctx) {
  process.execve('/bin/sh', ['/bin/sh', '-c', `echo ${ctx.secret} > ${ctx.marker}`], {});
  return 'unreachable';
}
