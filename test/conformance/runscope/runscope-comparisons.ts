import { asText } from './runscope-values';

type Comparison = (actual: unknown, expected: string) => boolean;

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

const asNumber = (value: unknown): number =>
  typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;

const numeric =
  (test: (actual: number, expected: number) => boolean): Comparison =>
  (actual, expected) => {
    const [a, e] = [asNumber(actual), asNumber(expected)];
    return !Number.isNaN(a) && !Number.isNaN(e) && test(a, e);
  };

/** Text contains a substring; a list holds an element equal to it; an object has it as a key. */
const contains: Comparison = (actual, expected) => {
  if (Array.isArray(actual)) return actual.some((item) => asText(item) === expected);
  if (actual !== null && typeof actual === 'object') return Object.hasOwn(actual, expected);
  return actual !== undefined && asText(actual).includes(expected);
};

/**
 * Runscope's assertion comparisons (its documentation's names). `equal` compares as text, so JSON
 * `true` equals "true" and `0` equals "0"; `not_empty` holds for `false` and `0`, which are values.
 */
export const RUNSCOPE_COMPARISONS: Readonly<Record<string, Comparison>> = {
  equal: (actual, expected) => actual !== undefined && asText(actual) === expected,
  not_equal: (actual, expected) => asText(actual) !== expected,
  empty: (actual) => isEmpty(actual),
  not_empty: (actual) => !isEmpty(actual),
  contains,
  does_not_contain: (actual, expected) => !contains(actual, expected),
  has_key: (actual, expected) =>
    actual !== null && typeof actual === 'object' && Object.hasOwn(actual, expected),
  has_value: (actual, expected) =>
    Array.isArray(actual)
      ? actual.some((item) => asText(item) === expected)
      : actual !== null &&
        typeof actual === 'object' &&
        Object.values(actual).some((v) => asText(v) === expected),
  is_null: (actual) => actual === null,
  is_a_number: (actual) =>
    typeof actual === 'number' || (typeof actual === 'string' && !Number.isNaN(asNumber(actual))),
  equal_number: numeric((a, e) => a === e),
  is_less_than: numeric((a, e) => a < e),
  is_less_than_or_equal: numeric((a, e) => a <= e),
  is_greater_than: numeric((a, e) => a > e),
  is_greater_than_or_equal: numeric((a, e) => a >= e),
};
