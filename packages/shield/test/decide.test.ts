/** The pure decision and policy parsing, without any patch installed. */
import { describe, expect, it } from 'vitest';
import { decide, mayAllowByAddress, underPrefix } from '../src/decide.js';
import { parseIp } from '../src/ip.js';
import { parsePolicy, parsePolicyText, ShieldPolicyError, type PolicyInput } from '../src/policy.js';

const policy = (input: PolicyInput) => parsePolicy(input);

describe('policy parsing', () => {
  it('normalizes and freezes a full policy', () => {
    const p = policy({
      mode: 'alert',
      network: { allow: ['dynamodb.eu-west-1.amazonaws.com:443', '*.s3.amazonaws.com', '10.0.0.0/8:5432', '[2001:db8::]/32', '[::1]:8080', 'unix:/tmp/sock'] },
      exec: { allow: ['git', '/usr/bin/env'] },
      fs: { read: ['/var/task', '/opt/../opt/x/'], write: ['/tmp/cache'] },
    });
    expect(p.mode).toBe('alert');
    expect(p.network!.allow.map((r) => r.type)).toEqual(['host', 'host', 'cidr', 'cidr', 'cidr', 'unix']);
    expect(p.fs!.read).toEqual(['/var/task', '/opt/x']);
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.network!.allow)).toBe(true);
    expect(() => ((p as { mode: string }).mode = 'block')).toThrow();
  });

  it('defaults mode to block', () => {
    expect(policy({}).mode).toBe('block');
  });

  it.each([
    [{ mode: 'off' }, /mode must be/],
    [{ netwrok: { allow: [] } }, /unknown key "netwrok"/],
    [{ network: { allow: 'x' } }, /network.allow must be an array/],
    [{ network: { allow: ['bad host!'] } }, /not a host name/],
    [{ network: { allow: ['10.0.0.0/33'] } }, /bad prefix length/],
    [{ network: { allow: ['example.com:99999'] } }, /out of range/],
    [{ network: { allow: ['300.1.1.1'] } }, /not an IP address/],
    [{ fs: { read: ['relative/path'] } }, /must be an absolute path/],
    [{ fs: { reed: [] } }, /unknown key "reed"/],
    [{ exec: { allow: ['./bin/x'] } }, /absolute path/],
    [[], /must be a JSON object/],
  ])('rejects %j', (input, message) => {
    expect(() => parsePolicy(input)).toThrow(ShieldPolicyError);
    expect(() => parsePolicy(input)).toThrow(message);
  });

  it('names the source for JSON errors', () => {
    expect(() => parsePolicyText('{', 'LEASH_POLICY')).toThrow(/LEASH_POLICY: not valid JSON/);
    expect(() => parsePolicyText('{"mode":"x"}', '/var/task/leash.policy.json')).toThrow(/^\/var\/task\/leash.policy.json: mode/);
  });
});

describe('IP parsing', () => {
  it('parses v4, v6, compressed v6 and v4-mapped', () => {
    expect(parseIp('10.1.2.3')).toEqual({ v6: false, bytes: [10, 1, 2, 3] });
    expect(parseIp('::1')!.bytes[15]).toBe(1);
    expect(parseIp('2001:db8::8:800:200c:417a')!.v6).toBe(true);
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ v6: false, bytes: [10, 0, 0, 1] });
    expect(parseIp('1.2.3')).toBeUndefined();
    expect(parseIp('example.com')).toBeUndefined();
    expect(parseIp('1::2::3')).toBeUndefined();
  });
});

describe('decide: network', () => {
  const p = policy({ network: { allow: ['dynamodb.eu-west-1.amazonaws.com:443', '*.s3.amazonaws.com', '10.0.0.0/8:5432', '[2001:db8::]/32', 'unix:/tmp/app.sock'] } });

  it('matches host names exactly, with port', () => {
    expect(decide(p, { kind: 'network', host: 'dynamodb.eu-west-1.amazonaws.com', port: 443 })).toEqual({ allowed: true, rule: 'dynamodb.eu-west-1.amazonaws.com:443' });
    expect(decide(p, { kind: 'network', host: 'DynamoDB.eu-west-1.amazonaws.com.', port: 443 }).allowed).toBe(true);
    expect(decide(p, { kind: 'network', host: 'dynamodb.eu-west-1.amazonaws.com', port: 80 }).allowed).toBe(false);
    expect(decide(p, { kind: 'network', host: 'evil-dynamodb.eu-west-1.amazonaws.com', port: 443 }).allowed).toBe(false);
  });

  it('matches *. wildcards on subdomains only, any port when none given', () => {
    expect(decide(p, { kind: 'network', host: 'bucket.s3.amazonaws.com', port: 443 }).allowed).toBe(true);
    expect(decide(p, { kind: 'network', host: 'a.b.s3.amazonaws.com', port: 80 }).allowed).toBe(true);
    expect(decide(p, { kind: 'network', host: 's3.amazonaws.com', port: 443 }).allowed).toBe(false);
    expect(decide(p, { kind: 'network', host: 'xs3.amazonaws.com', port: 443 }).allowed).toBe(false);
  });

  it('requires IP literals to match an IP/CIDR entry', () => {
    expect(decide(p, { kind: 'network', host: '10.1.2.3', port: 5432 }).allowed).toBe(true);
    expect(decide(p, { kind: 'network', host: '10.1.2.3', port: 22 }).allowed).toBe(false);
    expect(decide(p, { kind: 'network', host: '11.1.2.3', port: 5432 }).allowed).toBe(false);
    expect(decide(p, { kind: 'network', host: '2001:db8:1::5', port: 443 }).allowed).toBe(true);
    expect(decide(p, { kind: 'network', host: '[2001:db9::5]', port: 443 }).allowed).toBe(false);
    expect(decide(p, { kind: 'network', host: '::ffff:10.9.9.9', port: 5432 }).allowed).toBe(true);
  });

  it('allows a name through its resolved address when a CIDR matches', () => {
    expect(decide(p, { kind: 'network', host: 'db.internal', port: 5432 }).allowed).toBe(false);
    expect(decide(p, { kind: 'network', host: 'db.internal', address: '10.0.3.4', port: 5432 }).allowed).toBe(true);
    expect(decide(p, { kind: 'network', host: 'db.internal', address: '192.168.0.1', port: 5432 }).allowed).toBe(false);
    expect(mayAllowByAddress(p, 5432)).toBe(true);
    expect(mayAllowByAddress(p, 22)).toBe(true); // the v6 CIDR has no port
    expect(mayAllowByAddress(policy({ network: { allow: ['10.0.0.0/8:5432'] } }), 22)).toBe(false);
  });

  it('does not allow loopback implicitly, only the Lambda Runtime API', () => {
    expect(decide(p, { kind: 'network', host: '127.0.0.1', port: 9001 }).allowed).toBe(false);
    expect(decide(p, { kind: 'network', host: 'localhost', port: 9001 }).allowed).toBe(false);
    const context = { runtimeApi: '127.0.0.1:9001' };
    expect(decide(p, { kind: 'network', host: '127.0.0.1', port: 9001 }, context)).toEqual({ allowed: true, rule: 'runtime-api' });
    expect(decide(p, { kind: 'network', host: '127.0.0.1', port: 9002 }, context).allowed).toBe(false);
  });

  it('checks unix sockets by exact path', () => {
    expect(decide(p, { kind: 'network', path: '/tmp/app.sock' }).allowed).toBe(true);
    expect(decide(p, { kind: 'network', path: '/tmp/other.sock' }).allowed).toBe(false);
  });

  it('an empty list allows nothing; an absent section allows everything', () => {
    expect(decide(policy({ network: { allow: [] } }), { kind: 'network', host: 'example.com', port: 443 }).allowed).toBe(false);
    expect(decide(policy({}), { kind: 'network', host: 'example.com', port: 443 })).toEqual({ allowed: true, rule: 'unrestricted' });
    expect(decide(policy({ network: { allow: ['*'] } }), { kind: 'network', host: '1.2.3.4', port: 1 }).allowed).toBe(true);
    expect(decide(policy({ network: { allow: ['*:443'] } }), { kind: 'network', host: '1.2.3.4', port: 80 }).allowed).toBe(false);
  });
});

describe('decide: dns', () => {
  const p = policy({ network: { allow: ['*.amazonaws.com', 'api.example.com:443', '10.0.0.0/8'] } });
  it('checks query names against host entries (ports ignored)', () => {
    expect(decide(p, { kind: 'dns', host: 'sts.amazonaws.com' }).allowed).toBe(true);
    expect(decide(p, { kind: 'dns', host: 'api.example.com' }).allowed).toBe(true);
    expect(decide(p, { kind: 'dns', host: 'c2VjcmV0.attacker.example' }).allowed).toBe(false);
    expect(decide(p, { kind: 'dns', host: '10.1.1.1' }).allowed).toBe(true); // an IP literal sends no query
  });
});

describe('decide: exec, fs, addons', () => {
  it('matches executables by name or by path', () => {
    const p = policy({ exec: { allow: ['git', '/usr/bin/env'] } });
    expect(decide(p, { kind: 'exec', file: 'git' }).allowed).toBe(true);
    expect(decide(p, { kind: 'exec', file: '/usr/local/bin/git' }).allowed).toBe(true);
    expect(decide(p, { kind: 'exec', file: 'env', resolved: '/usr/bin/env' }).allowed).toBe(true);
    expect(decide(p, { kind: 'exec', file: 'env', resolved: '/tmp/env' }).allowed).toBe(false);
    expect(decide(p, { kind: 'exec', file: '/bin/sh' }).allowed).toBe(false);
    expect(decide(policy({ exec: { allow: ['*'] } }), { kind: 'exec', file: '/bin/sh' }).allowed).toBe(true);
    expect(decide(policy({ exec: { allow: [] } }), { kind: 'exec', file: 'git' }).allowed).toBe(false);
  });

  it('treats fs entries as directory prefixes, separately for read and write', () => {
    const p = policy({ fs: { read: ['/var/task', '/tmp'], write: ['/tmp/cache'] } });
    expect(decide(p, { kind: 'fs-read', path: '/var/task/index.js' }).allowed).toBe(true);
    expect(decide(p, { kind: 'fs-read', path: '/var/task' }).allowed).toBe(true);
    expect(decide(p, { kind: 'fs-read', path: '/var/taskforce/x' }).allowed).toBe(false);
    expect(decide(p, { kind: 'fs-read', path: '/etc/passwd' }).allowed).toBe(false);
    expect(decide(p, { kind: 'fs-write', path: '/tmp/cache/a' }).allowed).toBe(true);
    expect(decide(p, { kind: 'fs-write', path: '/tmp/other' }).allowed).toBe(false);
    expect(decide(policy({ fs: { write: [] } }), { kind: 'fs-read', path: '/etc/passwd' }).allowed).toBe(true);
    expect(decide(policy({ fs: { read: ['/'] } }), { kind: 'fs-read', path: '/etc/passwd' }).allowed).toBe(true);
  });

  it('checks addons against addons.allow', () => {
    const p = policy({ addons: { allow: ['/opt/nodejs/node_modules/sharp'] } });
    expect(decide(p, { kind: 'addon', path: '/opt/nodejs/node_modules/sharp/build/sharp.node' }).allowed).toBe(true);
    expect(decide(p, { kind: 'addon', path: '/tmp/evil.node' }).allowed).toBe(false);
    expect(decide(policy({}), { kind: 'addon', path: '/tmp/evil.node' }).allowed).toBe(true);
  });

  it('underPrefix respects path boundaries', () => {
    expect(underPrefix('/a/b', '/a')).toBe(true);
    expect(underPrefix('/ab', '/a')).toBe(false);
    expect(underPrefix('/anything', '/')).toBe(true);
  });
});
