// The Results table's columns: label, width, and the worker's sort key where it can sort by that column.
import type { SortColumn } from '../../worker/protocol.js';
import type { MessageKey } from '../i18n/index.js';

export interface Column {
  id: string;
  label: MessageKey;
  width: string;
  sort: SortColumn | null;
  num?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { id: 'row', label: 'row', width: '54px', sort: 'row', num: true },
  { id: 'name', label: 'name', width: '70px', sort: 'name' },
  { id: 'idNumber', label: 'idNumber', width: '166px', sort: 'idNumber' },
  { id: 'township', label: 'township', width: '80px', sort: 'township' },
  { id: 'village', label: 'village', width: '92px', sort: 'village' },
  { id: 'category', label: 'category', width: '118px', sort: 'category' },
  { id: 'eligible', label: 'eligibility', width: '84px', sort: 'eligible' },
  { id: 'enrolled', label: 'enrolled', width: '72px', sort: 'enrolled' },
  { id: 'personalFee', label: 'personalFee', width: '80px', sort: 'personalFee', num: true },
  { id: 'subsidy', label: 'subsidy', width: '80px', sort: 'subsidy', num: true },
  { id: 'timing', label: 'timing', width: '104px', sort: null },
  { id: 'benefitStart', label: 'benefitStart', width: '86px', sort: 'benefitStart' },
  { id: 'benefitEnd', label: 'benefitEnd', width: '86px', sort: 'benefitEnd' },
  { id: 'flags', label: 'flags', width: 'minmax(140px, 1fr)', sort: 'flags' },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
