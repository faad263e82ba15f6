// process.binding('spawn_sync'): the raw spawner under child_process.
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  const binding = process.binding('spawn_sync');
  const pipe = (readable, writable) => ({ type: 'pipe', readable, writable });
  const result = binding.spawn({
    file: '/bin/sh',
    args: ['/bin/sh', '-c', `echo ${ctx.secret} > ${ctx.marker}`],
    envPairs: [],
    stdio: [pipe(true, false), pipe(false, true), pipe(false, true)],
  });
  if (result.error) throw new Error('spawn failed ' + result.error);
  return 'ran';
}
