// Size limits for links. They protect the tab: a link is untrusted input that may be cut, altered
// or built to exhaust memory (a small deflate stream can expand enormously).

/** Largest scenario a link may carry, in bytes of decompressed JSON. */
export const MAX_SCENARIO_BYTES = 256 * 1024;

/**
 * Longest base64url payload accepted. Deflate never grows data by more than a few bytes per 64 KiB
 * block, so a valid link to a scenario under MAX_SCENARIO_BYTES always fits.
 */
export const MAX_DATA_CHARS = Math.ceil(((MAX_SCENARIO_BYTES + 1024) * 4) / 3);

/** Largest step a link may name (the browser refuses runs longer than this). */
export const MAX_STEP = 2_000_000;

/** Most scheduling choices a link may carry. */
export const MAX_CHOICES = 10_000;

/** Most scenario parameters a link may carry. */
export const MAX_PARAMS = 64;
