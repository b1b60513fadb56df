// The share-link codec (DESIGN.md "Share links"): pure, no DOM; used by the app and its tests.
export { fromBase64url, toBase64url } from './base64url';
export { compareRoute, type CompareRoute, formatCompare, parseCompare, type Side, sideKey } from './compare-route';
export { deflateRaw, inflateRaw } from './deflate';
export { count, type LinkError, type LinkErrorCode, type LinkResult } from './errors';
export { MAX_CHOICES, MAX_DATA_CHARS, MAX_PARAMS, MAX_SCENARIO_BYTES, MAX_STEP } from './limits';
export { formatPage, type Page, parsePage } from './pages';
export { formatPlot, parsePlot, plotRoute, type PlotRoute } from './plot-route';
export { EMPTY_QUERY, formatParams, formatQuery, parseChoices, parseParams, parseQuery, parseStep, type RunQuery } from './query';
export { builtinRoute, customRoute, formatHash, parseHash, type Route, type RunRoute, runKey, withParams } from './route';
export { formatScenarioRef, parseScenarioRef, type ScenarioRef } from './scenario-ref';
export { decodeScenarioData, encodeScenarioText } from './scenario-link';
