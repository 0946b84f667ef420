// Window math for the fixed-row-height virtual scroller, and which block of rows to ask the worker for.

export interface RowWindow {
  start: number;
  /** Exclusive. */
  end: number;
}

/** Which rows to render for a scroll position: the viewport plus `overscan` rows each side, clamped to the data. */
export function visibleWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  total: number,
  overscan = 10,
): RowWindow {
  const start = Math.max(0, Math.min(total, Math.floor(scrollTop / rowHeight) - overscan));
  const end = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

/** The block of rows to fetch so the window and some rows around it are in hand (fewer worker round trips while scrolling). */
export function blockFor(win: RowWindow, total: number, margin = 100): { offset: number; limit: number } {
  const offset = Math.max(0, win.start - margin);
  const end = Math.min(total, win.end + margin);
  return { offset, limit: Math.max(0, end - offset) };
}

/** Whether rows [offset, offset + count) already cover the window. */
export function covers(block: { offset: number; count: number } | null, win: RowWindow): boolean {
  return block !== null && win.start >= block.offset && win.end <= block.offset + block.count;
}
