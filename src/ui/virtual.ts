// Which rows a fixed-row-height virtual scroller renders for a scroll position.
export function visibleWindow(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 10): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}
