// The error a bad scenario raises: a list of path-qualified problems.

/** A validation failure: every message names the path of the offending value. */
export class ScenarioError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ScenarioError';
  }
}
