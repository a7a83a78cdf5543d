// The recipients a person types: numbers or group ids, one per line or comma separated.
/** Numbers or group ids, separated by commas or new lines; blanks dropped. */
export const splitTargets = (value: string) =>
  value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
