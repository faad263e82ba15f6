// Runs one synthetic attack package (node_modules/evil-<name>) and prints its outcome as one JSON
// line on stdout. This is the "app": the attack code lives in node_modules like a dependency.
const [name, contextJson] = process.argv.slice(2);
const ctx = JSON.parse(contextJson);
const print = (result) => process.stdout.write(JSON.stringify({ attack: name, ...result }) + '\n');
const timer = setTimeout(() => {
  print({ ok: false, code: 'TIMEOUT' });
  process.exit(0);
}, 20_000);
try {
  const mod = await import(`evil-${name}`);
  const attack = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const value = await attack(ctx);
  print({ ok: true, value: typeof value === 'string' ? value : String(value) });
} catch (error) {
  print({ ok: false, code: error?.code ?? error?.cause?.code ?? null, message: String(error?.message ?? error) });
}
clearTimeout(timer);
// Let alert-mode traffic and violation lines from workers flush before exiting.
setTimeout(() => process.exit(0), 50);
