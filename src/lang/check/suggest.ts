// "Did you mean …": the closest known name by edit distance, and the fix that writes it.
import type { Loc } from '../ast.js';
import type { Fix } from '../diagnostic.js';

/** The fix replacing the text at `loc` with `name` (offered by the editor, printed by the CLI). */
export function replaceWith(loc: Loc, name: string): Fix {
  return {
    span: { file: loc.source, start: loc.start, end: loc.end },
    insert: name,
    label: { zh: `改为“${name}”`, en: `Change to “${name}”` },
  };
}

/** The candidate nearest to `name` (at most a third of its length away), or null. */
export function closest(name: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor([...name].length / 3));
  for (const c of new Set(candidates)) {
    const d = distance(name, c);
    if (d <= bestDistance && c !== name) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const x = [...a],
    y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}
