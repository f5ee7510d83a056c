import { gb11643CheckChar, isValidGb11643, isValidLuhn } from './pii-checksum.util';

describe(isValidGb11643.name, () => {
  it.each([
    ['11010519491231002X', 'the GB 11643-1999 sample with check character X'],
    ['11010519491231002x', 'a lower-case x'],
    ['440524188001010014', 'the GB 11643-1999 sample born in 1880'],
    ['510107200002290088', 'a 29 February birth date in a leap year'],
    ['3201 0619 9003 0712 34', 'digits grouped with spaces'],
  ])('accepts %s (%s)', (id) => {
    expect(isValidGb11643(id)).toBe(true);
  });

  it.each([
    ['110105194912310021', 'a wrong check digit'],
    ['11010519491231002Y', 'a check character other than X'],
    ['010105194912310021', 'a region code starting with 0'],
    ['110105194913310024', 'month 13'],
    ['510107200102290088', '29 February in a common year'],
    ['11010519491231002', '17 characters'],
    ['1101051949123100211', '19 characters'],
    ['', 'an empty string'],
  ])('rejects %s (%s)', (id) => {
    expect(isValidGb11643(id)).toBe(false);
  });
});

describe(gb11643CheckChar.name, () => {
  it('computes the MOD 11-2 check character, X for 10', () => {
    expect(gb11643CheckChar('11010519491231002')).toBe('X');
    expect(gb11643CheckChar('44052418800101001')).toBe('4');
    expect(gb11643CheckChar('32010619900307123')).toBe('4');
  });

  it('throws for a body that is not 17 digits', () => {
    expect(() => gb11643CheckChar('1234')).toThrow(RangeError);
  });
});

describe(isValidLuhn.name, () => {
  it.each([
    '4111111111111111',
    '6222021234567890128',
    '6217 0001 2345 6788',
    '6228-4800-1234-5678-903',
    '79927398713',
  ])('accepts %s', (number) => {
    expect(isValidLuhn(number)).toBe(true);
  });

  it.each(['4111111111111112', '6222021234567890123', '79927398710', '4111a11111111111', '7', ''])(
    'rejects %s',
    (number) => {
      expect(isValidLuhn(number)).toBe(false);
    },
  );
});
