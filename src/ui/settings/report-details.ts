// The unit name, preparer and checker the clerk sets once in Settings and the printed report carries.

/** What the printed report's heading and signature lines are filled with ('' when not set). */
export interface ReportDetails {
  unit: string;
  preparer: string;
  checker: string;
}

export const NO_DETAILS: ReportDetails = { unit: '', preparer: '', checker: '' };

/** A stored setting read as report details: anything that is not text (an old or damaged value) reads as unset. */
export function reportDetails(stored: unknown): ReportDetails {
  const o = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const text = (k: keyof ReportDetails) => (Object.hasOwn(o, k) && typeof o[k] === 'string' ? o[k].trim() : '');
  return { unit: text('unit'), preparer: text('preparer'), checker: text('checker') };
}
