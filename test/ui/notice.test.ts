// The notice beside the rules: matching recorded 条款 in the notice text; what no 条款 covers is 未编码.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reviewPolicy } from '../../src/worker/review.js';
import { matchNotice, type NoticeMatch } from '../../src/ui/policies/notice.js';
import type { ClauseCitation } from '../../src/worker/protocol.js';

const notice = readFileSync('../shared/notices/kaijiang-2020.txt', 'utf8');
const policy = readFileSync('policies/kaijiang-2020.policy', 'utf8');
const clausesOf = (text: string) =>
  reviewPolicy({ entry: 'kaijiang-2020.policy', sources: { 'kaijiang-2020.policy': text } }).clauses!;
const kaijiang = matchNotice(notice, clausesOf(policy));
const passage = (m: NoticeMatch, text: string) => m.passages.find((p) => p.text === text);
const clause = (id: string, text: string, cites: ClauseCitation['cites'] = []): ClauseCitation => ({
  id,
  text,
  file: 't.policy',
  cites,
});
const at = (line: number) => ({ file: 't.policy', line, column: 1, offset: line * 10 });

describe('the 开江 notice beside policies/kaijiang-2020.policy', () => {
  it('finds every 条款 of the policy in the notice, all cited', () => {
    expect(kaijiang.missing).toEqual([]);
    expect(kaijiang.counts).toMatchObject({ cited: 15, uncited: 0, missing: 0 });
    const shown = new Set(kaijiang.passages.flatMap((p) => p.clauses));
    expect(shown.size).toBe(15);
  });

  it('divides the whole notice into passages, in order, without gaps', () => {
    expect(kaijiang.passages.map((p) => p.text).join('')).toBe(notice);
    kaijiang.passages.forEach((p, i) => {
      expect(p.text).toBe(notice.slice(p.start, p.end));
      if (i > 0) expect(p.start).toBe(kaijiang.passages[i - 1]!.end);
    });
  });

  it('links a cited passage to the first line citing its clause', () => {
    const p = passage(kaijiang, '其他正常参保人员(含未成年人、新生儿)个人缴费标准为每人 250 元。')!;
    expect(p).toMatchObject({ kind: 'cited', clauses: ['二(三)'] });
    expect(p.cite).toMatchObject({ file: 'kaijiang-2020.policy', line: 70 });
  });

  it('matches across the copy’s broken lines and half-/full-width punctuation', () => {
    // 二(二) is broken over a blank line in the notice ("资助部\n\n分")
    const broken = kaijiang.passages.find((p) => p.clauses.includes('二(二)'))!;
    expect(broken.text).toBe(
      '城乡居民最低生活保障对象个人缴纳费用政府资助部\n\n分，执行市上相关规定，政府资助后剩余部分由个人缴纳。',
    );
    // 七(三) ends with 。 where the notice's sentence goes on with ，
    expect(kaijiang.passages.find((p) => p.clauses.includes('七(三)'))!.text).toBe(
      '坚决杜绝漏缴、重复缴费、人头信息错误等问题',
    );
    const fullWidth = matchNotice(notice, [
      clause('x', '在２０１９年１２月２０日前，对所有居民参保及缴费信息核对和最终确认。'),
    ]);
    expect(passage(fullWidth, '在2019年12月20日前,对所有居民参保及缴费信息核对和最终确认。')?.kind).toBe('uncited');
  });

  it('reports a sentence the policy does not record as unrecorded (未编码)', () => {
    expect(passage(kaijiang, '也可通过网上办事大厅、手机 APP 等线上缴费形式办理参保缴费。')?.kind).toBe('unrecorded');
    expect(passage(kaijiang, '(5) 档案管理参保资料。')?.kind).toBe('unrecorded');
    expect(
      kaijiang.passages.some((p) => p.kind === 'unrecorded' && p.text.startsWith('城乡居民凭居民身份证或户口簿')),
    ).toBe(true);
    expect(kaijiang.counts.unrecorded).toBe(kaijiang.passages.filter((p) => p.kind === 'unrecorded').length);
  });

  it('does not count headings and item numbers as unrecorded', () => {
    const plain = kaijiang.passages.filter((p) => p.kind === 'plain').map((p) => p.text);
    expect(plain).toContain('\n\n二、筹资标准\n\n(一)');
    expect(plain.some((t) => t.includes('四、参保办理'))).toBe(true);
    // "(五) 政府资助。" leads in to 五(五) on the same line
    expect(plain.some((t) => t.endsWith('(五) 政府资助。'))).toBe(true);
  });

  it('marks a recorded clause no rule cites, with no link', () => {
    const text = `${policy}\n条款 四：也可通过网上办事大厅、手机 APP 等线上缴费形式办理参保缴费。\n`;
    const m = matchNotice(notice, clausesOf(text));
    expect(passage(m, '也可通过网上办事大厅、手机 APP 等线上缴费形式办理参保缴费。')).toMatchObject({
      kind: 'uncited',
      clauses: ['四'],
      cite: null,
    });
    expect(m.counts).toMatchObject({ cited: 15, uncited: 1, missing: 0 });
  });
});

describe('the 高台 notice beside policies/gaotai-2021.policy', () => {
  it('finds its four 条款 (一, 二, 三, 四(三)), all cited; the 工作要求 sentences are unrecorded', () => {
    const text = readFileSync('policies/gaotai-2021.policy', 'utf8');
    const clauses = reviewPolicy({ entry: 'gaotai-2021.policy', sources: { 'gaotai-2021.policy': text } }).clauses!;
    const m = matchNotice(readFileSync('../shared/notices/gaotai-2021.txt', 'utf8'), clauses);
    expect(clauses.map((c) => c.id)).toEqual(['一', '二', '三', '四(三)']);
    expect(m.counts).toMatchObject({ cited: 4, uncited: 0, missing: 0 });
    expect(passage(m, '参保登记由医保部门办理。')?.kind).toBe('unrecorded');
  });
});

describe('matchNotice', () => {
  it('divides a small notice: heading and item number plain, the clause cited, the rest unrecorded', () => {
    const m = matchNotice('一、目标\n\n(一) 甲乙丙。丁戊己。\n', [clause('一(一)', '甲乙丙。', [at(3), at(5)])]);
    expect(m.passages.map((p) => [p.kind, p.text])).toEqual([
      ['plain', '一、目标\n\n(一) '],
      ['cited', '甲乙丙。'],
      ['unrecorded', '丁戊己。'],
      ['plain', '\n'],
    ]);
    expect(m.passages[1]!.cite).toEqual(at(3));
  });

  it('reports a clause whose text is not in the notice as missing', () => {
    const m = matchNotice('甲乙丙。', [clause('一', '甲乙丙。'), clause('二', '庚辛。')]);
    expect(m.missing).toEqual(['二']);
    expect(m.counts).toEqual({ cited: 0, uncited: 1, missing: 1, unrecorded: 0 });
  });

  it('overlapping clauses: the overlap lists both and is cited if either is', () => {
    const m = matchNotice('甲乙丙丁。', [clause('一', '甲乙丙'), clause('二', '乙丙丁。', [at(7)])]);
    expect(m.passages.map((p) => [p.text, p.kind, p.clauses, p.opens])).toEqual([
      ['甲', 'uncited', ['一'], ['一']],
      ['乙丙', 'cited', ['一', '二'], ['二']],
      ['丁。', 'cited', ['二'], []],
    ]);
  });

  it('a clause ending in a character outside the BMP keeps it whole', () => {
    const m = matchNotice('甲𠀀。乙。', [clause('一', '甲𠀀')]);
    expect(m.passages.map((p) => p.text)).toEqual(['甲𠀀', '。', '乙。']);
  });

  it('an empty notice has no passages to show', () => {
    expect(matchNotice('', [clause('一', '甲。')]).passages).toEqual([]);
  });
});
