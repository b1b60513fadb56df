// Class-name joining without stray spaces.

/** Joins the truthy class names with single spaces. */
export function cx(...names: readonly (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
