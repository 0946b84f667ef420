// The notice texts pasted or imported beside the rules, by policy path: page state for this session only.
import { SvelteMap } from 'svelte/reactivity';

/** Kept in memory only (only src/store touches storage); gone when the page is closed. */
export const noticeTexts = new SvelteMap<string, string>();

/** Whether the notice panel is shown beside the editor. */
export const noticePanel = $state({ open: false });

/** A notice file larger than this is refused: notices are a few pages of text. */
export const MAX_NOTICE_BYTES = 1_000_000;
