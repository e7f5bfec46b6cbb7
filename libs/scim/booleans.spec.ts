import { coerceScimBoolean } from './booleans';
import { ScimError } from './errors';

describe('coerceScimBoolean (RFC 7643 §2.3.2, SPEC §4)', () => {
  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false], // Entra ID
    [' false ', false],
  ])('%j → %j', (input, expected) => {
    expect(coerceScimBoolean(input, 'active')).toBe(expected);
  });

  it.each([['yes'], [1], [0], [null], [undefined], [''], [{}], [['true']]])(
    'rejects %j with 400 invalidValue',
    (input) => {
      let error: unknown;
      try {
        coerceScimBoolean(input, 'emails.primary');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScimError);
      expect(error).toMatchObject({ status: 400, scimType: 'invalidValue' });
      expect((error as ScimError).detail).toContain("'emails.primary'");
    },
  );
});
