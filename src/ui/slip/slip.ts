// 告知单: one person's result as a slip for the resident, in plain words with the notice's own sentences (pure data).
import type { ExplainStep } from '../../lang/api.js';
import type { PolicyHeader } from '../../lang/model.js';
import type { ResultView } from '../../worker/protocol.js';
import { flagName, pick, translate, type Lang, type MessageKey } from '../i18n/index.js';
import { date, yuan } from '../format.js';
import type { ReportDetails } from '../settings/report-details.js';

/** A4, or half of it (A5). */
export type SlipSize = 'a4' | 'a5';
export const SLIP_SIZES: readonly SlipSize[] = ['a4', 'a5'];

export interface SlipLine {
  label: string;
  value: string;
}

/** One plain sentence of how the result came about, with the clause it rests on and the notice's words for it. */
export interface SlipReason {
  text: string;
  clause: string | null;
  /** The clause's sentence, given the first time the clause is cited (null after, or when the policy has none). */
  quote: string | null;
}

export interface Slip {
  size: SlipSize;
  title: string;
  /** The unit issuing the slip (Settings), '' when not set. */
  unit: string;
  /** The policy the result was computed by: its title and document number. */
  policy: string;
  person: SlipLine[];
  results: SlipLine[];
  flags: string[];
  reasons: SlipReason[];
  preparer: string;
  day: string;
  note: string;
}

export interface SlipInput {
  person: ResultView;
  /** The person's explanation as the worker gives it (the first step is the row and ID line). */
  steps: readonly ExplainStep[];
  header: PolicyHeader | null;
  details: ReportDetails;
  lang: Lang;
  size: SlipSize;
  /** The day printed (the computer's calendar day, `YYYY-MM-DD`). */
  day: string;
}

/** Builds the slip. Only outcomes, the registration line and flags are kept (the rules tried are for clerks). */
export function buildSlip(input: SlipInput): Slip {
  const { person: p, lang, header } = input;
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
  const dash = (s: string) => (s.trim() === '' ? '—' : s);
  const yesNo = (b: boolean | null, yes: MessageKey, no: MessageKey) =>
    b === null ? t('slipUnknown') : t(b ? yes : no);
  const money = (fen: number | null) => (fen === null ? t('slipUnknown') : `${yuan(fen)} ${t('yuanUnit')}`);
  const timing =
    p.subsidyTiming === 'upfront' ? t('upfront') : p.subsidyTiming === 'after-payment' ? t('afterPayment') : null;
  const benefit =
    p.benefitStart === null && p.benefitEnd === null
      ? p.eligible === false
        ? t('slipNoBenefit')
        : t('slipUnknown')
      : `${date(p.benefitStart)} ${t('slipTo')} ${date(p.benefitEnd)}`;
  const seen = new Set<string>();
  const reasons: SlipReason[] = input.steps
    .slice(1)
    .filter((s) => s.depth === 0)
    .map((s) => {
      const clause = s.clause ?? null;
      const first = clause !== null && !seen.has(clause);
      if (clause !== null) seen.add(clause);
      return { text: pick(lang, s.text), clause, quote: first && s.clauseText ? s.clauseText : null };
    });
  const place = [p.township, p.village].filter((x) => x.trim() !== '').join(' ');
  return {
    size: input.size,
    title: header ? t('slipTitleOf', { county: header.county, year: header.year }) : t('slipTitle'),
    unit: input.details.unit,
    policy: header ? [header.title, header.documentNumber].filter((x) => x !== '').join(' ') : '',
    person: [
      { label: t('name'), value: dash(p.name) },
      { label: t('idNumber'), value: dash(p.idNumber) },
      { label: t('slipPlace'), value: dash(place) },
      { label: t('category'), value: dash(p.category) },
    ],
    results: [
      { label: t('eligibility'), value: yesNo(p.eligible, 'eligible', 'notEligible') },
      ...(p.eligible === false && p.reason ? [{ label: t('tryReason'), value: p.reason }] : []),
      { label: t('personalFee'), value: money(p.personalFee) },
      { label: t('subsidy'), value: money(p.subsidy) + (timing && p.subsidy ? `（${timing}）` : '') },
      { label: t('slipBenefit'), value: benefit },
      { label: t('enrolled'), value: yesNo(p.enrolled, 'enrolledYes', 'enrolledNo') },
    ],
    flags: p.flags.map((f) => pick(lang, flagName(f.code))),
    reasons,
    preparer: input.details.preparer,
    day: input.day,
    note: t('slipNote'),
  };
}
