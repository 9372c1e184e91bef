// The significance test behind "compare a range with the rest": Fisher's
// exact test, one-sided (is a value MORE common inside the range?), on the
// 2x2 table [in range: with / without the value] x [rest: with / without].
// Exact rather than a z-test because the values that matter in an incident
// are often rare (a value seen 4 times in the range and never before), where
// the normal approximation of a two-proportion z-test is badly off. Worked
// in logarithms so a million rows never underflow to p = 0 and results can
// still be ranked.

/** ln(n!) exactly by summation for small n, by Stirling's series beyond (error < 1e-12 there). */
const SMALL = 256;
const LOG_FACT: Float64Array = (() => {
  const t = new Float64Array(SMALL);
  for (let i = 1; i < SMALL; i++) t[i] = t[i - 1] + Math.log(i);
  return t;
})();

export function logFactorial(n: number): number {
  if (n < SMALL) return LOG_FACT[n];
  const x = n + 1;
  // ln Γ(x) = (x-½)ln x − x + ½ln 2π + 1/(12x) − 1/(360x³) + 1/(1260x⁵)
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** Terms smaller than this fraction of the running sum no longer change p in double precision. */
const NEGLIGIBLE = 1e-17;

/**
 * ln P(X >= a) for X hypergeometric: `a` of the `n` rows in the range carry
 * the value, `b` of the `m` rows outside do. This is the one-sided Fisher
 * exact p-value for "the value is over-represented in the range".
 */
export function fisherUpperLogP(a: number, n: number, b: number, m: number): number {
  const total = n + m;
  const k = a + b;
  if (a <= 0 || total === 0) return 0;
  const hi = Math.min(k, n);
  if (a > hi) return -Infinity;
  const logFirst = logChoose(k, a) + logChoose(total - k, n - a) - logChoose(total, n);
  // Sum pmf(x)/pmf(a) for x = a..hi with the ratio of neighbours; past the mode the terms only shrink.
  const mode = Math.floor(((n + 1) * (k + 1)) / (total + 2));
  let term = 1;
  let sum = 1;
  for (let x = a; x < hi; x++) {
    term *= ((k - x) * (n - x)) / ((x + 1) * (total - k - n + x + 1));
    sum += term;
    if (x >= mode && term < sum * NEGLIGIBLE) break;
  }
  return Math.min(0, logFirst + Math.log(sum));
}

/** A log p-value as a number for display (0 when it underflows). */
export function pFromLog(logP: number): number {
  return Math.exp(logP);
}
