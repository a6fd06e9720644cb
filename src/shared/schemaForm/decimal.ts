// Decimal numbers as typed, read exactly: "0.30" is 30 × 10^-2, so multipleOf 0.1 holds for it,
// which binary floating point (0.3 % 0.1 ≈ 0.0999…) would deny.

/** A decimal as `digits × 10^exponent`, sign included in `digits`. */
export interface Decimal {
  digits: bigint;
  exponent: number;
}

/** The JSON number grammar, with surrounding space and leading zeros forgiven. */
const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;

/** Reads decimal text (also `1e3`, `.5`, `-0.10`); undefined when it is not a number. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const digits = BigInt(`${sign}${whole}${fraction}` || '0');
  return { digits, exponent: Number(exponent) - fraction.length };
}

/** Whether `value` is an integer multiple of `step`, computed exactly on their decimal forms. */
export function isMultipleOf(value: Decimal, step: Decimal): boolean {
  if (step.digits === 0n) return true;
  const exponent = Math.min(value.exponent, step.exponent);
  const scale = (decimal: Decimal) => decimal.digits * 10n ** BigInt(decimal.exponent - exponent);
  return scale(value) % scale(step) === 0n;
}

/** The decimal a JavaScript number stands for in its shortest form (what `String(number)` writes). */
export function decimalOf(number: number): Decimal {
  return parseDecimal(String(number).replace('e+', 'e')) ?? { digits: 0n, exponent: 0 };
}
