// The policies and sample rosters that ship inside the build (no fetch: the single file works from file://).
import sampleIndex from '../public/samples/index.json';

const policyTexts = import.meta.glob('../policies/*.policy', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
import sampleBase64 from 'virtual:samples';

export interface BundledSample {
  file: string;
  policy: string;
  county: string;
  year: number;
  bytes: () => Uint8Array;
}

/** Bundled policies by file name (e.g. kaijiang-2020.policy). */
export const BUNDLED_POLICIES: Record<string, string> = Object.fromEntries(
  Object.entries(policyTexts).map(([path, text]) => [path.split('/').pop()!, text]),
);

function base64Bytes(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export const BUNDLED_SAMPLES: BundledSample[] = (
  sampleIndex as { file: string; policy: string; county: string; year: number }[]
).map((s) => ({
  ...s,
  bytes: () => base64Bytes(sampleBase64[s.file] ?? ''),
}));
