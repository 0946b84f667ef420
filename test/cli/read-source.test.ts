// `继承` in the CLI: only regular policy files of a policy's size are read, and nothing else's content is shown.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_POLICY_BYTES, readPolicySource } from '../../src/cli/read-source.js';
import { loadPolicy } from '../../src/lang/index.js';
import { resolvePath } from '../../src/lang/check/merge.js';

const dir = mkdtempSync(join(tmpdir(), 'read-source-'));
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('readPolicySource', () => {
  it('reads a policy file, and gives null for none', () => {
    writeFileSync(join(dir, 'a.policy'), '政策 {}\n');
    expect(readPolicySource(join(dir, 'a.policy'))).toBe('政策 {}\n');
    expect(readPolicySource(join(dir, 'none.policy'))).toBeNull();
  });
  it('refuses folders, devices, FIFOs, system files and oversized files without reading them', () => {
    mkdirSync(join(dir, 'folder.policy'));
    expect(readPolicySource(join(dir, 'folder.policy'))).toEqual({ refused: 'folder' });
    expect(readPolicySource('/dev/zero')).toEqual({ refused: 'device' });
    expect(spawnSync('mkfifo', [join(dir, 'fifo.policy')]).status).toBe(0);
    expect(readPolicySource(join(dir, 'fifo.policy'))).toEqual({ refused: 'device' }); // and does not hang
    expect(readPolicySource('/proc/self/environ')).toEqual({ refused: 'device' });
    writeFileSync(join(dir, 'big.policy'), 'x'.repeat(MAX_POLICY_BYTES + 1));
    expect(readPolicySource(join(dir, 'big.policy'))).toEqual({ refused: 'too-large' });
  });
});

describe('继承 through the CLI reader', () => {
  it('refuses an absolute path or a file that is not a .policy, at the 继承, without reading it', () => {
    writeFileSync(join(dir, 'env.policy'), '继承 "/proc/self/environ"\n');
    const env = loadPolicy(join(dir, 'env.policy'), readPolicySource);
    expect(codes(env)).toEqual(['extends-path']);
    expect(env.diagnostics[0]!.span!.start.line).toBe(1);
    writeFileSync(join(dir, 'txt.policy'), '继承 "notes.txt"\n');
    expect(codes(loadPolicy(join(dir, 'txt.policy'), readPolicySource))).toEqual(['extends-path']);
  });
  it('refuses a folder or a FIFO named like a policy, located at the 继承', () => {
    writeFileSync(join(dir, 'f.policy'), '继承 "folder.policy"\n');
    expect(codes(loadPolicy(join(dir, 'f.policy'), readPolicySource))).toEqual(['extends-refused']);
    writeFileSync(join(dir, 'p.policy'), '继承 "fifo.policy"\n');
    const r = loadPolicy(join(dir, 'p.policy'), readPolicySource);
    expect(codes(r)).toEqual(['extends-refused']);
    expect(r.diagnostics[0]!.span!.file).toBe(join(dir, 'p.policy'));
  });
  it("resolves parents against the including file's folder, keeping surplus ..", () => {
    expect(resolvePath('policies/a.policy', '../../../x.policy')).toBe('../../x.policy');
    expect(resolvePath('a.policy', '../x.policy')).toBe('../x.policy');
    expect(resolvePath('/srv/p/a.policy', '../../../x.policy')).toBe('/x.policy');
    expect(resolvePath('test/policies/b.policy', '../../policies/a.policy')).toBe('policies/a.policy');
  });
  it('never prints the environment through the CLI', () => {
    writeFileSync(join(dir, 'env.policy'), '继承 "/proc/self/environ"\n');
    const r = spawnSync('node', ['--import', 'tsx', 'src/cli/main.ts', 'check', join(dir, 'env.policy')], {
      encoding: 'utf8',
      env: { ...process.env, HOSTILE_MARKER: 'marker-7f3a' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('extends-path');
    expect(r.stderr).not.toContain('marker-7f3a');
  }, 60_000);
});
