// How much of a review the HTML page holds at once: past these sizes it stays usable by showing
// less at a time (see review-html.ts).

/** Up to this many integrations and pipes, the matrix is a grid with a column each. */
export const GRID_MAX_COLUMNS = 30;
/** Up to this many rows the page holds them all as HTML; beyond, the script renders pages of them. */
export const STATIC_MAX_ROWS = 1000;
/** Rows the script shows at a time (then "show more"). */
export const ROWS_SHOWN = 200;
/** Findings listed in the table; beyond, a count per code says what else there is. */
export const FINDINGS_SHOWN = 1000;
