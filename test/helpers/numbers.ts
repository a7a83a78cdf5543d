// Distinct 11-digit MSISDNs for tests (runtime-free, so unit and integration tests share it).

/** `n` numbers `prefix` + zero-padded index, 11 digits in all. */
export const numbers = (n: number, prefix = "4670") =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(11 - prefix.length, "0")}`);
