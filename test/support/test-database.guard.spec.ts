import { assertTestDatabaseUrl } from './test-database.guard';

describe('assertTestDatabaseUrl', () => {
  it.each(['postgres://u@127.0.0.1:5432/anxin_test_1', 'postgres://u@h/test', 'postgresql://h/my_TEST_db'])(
    'accepts %s',
    (url) => {
      expect(() => assertTestDatabaseUrl(url)).not.toThrow();
    },
  );

  it.each(['postgres://u@127.0.0.1:5432/anxin', 'postgres://u@h/postgres', 'postgres://u@h/'])(
    'refuses %s',
    (url) => {
      expect(() => assertTestDatabaseUrl(url)).toThrow(/Refusing to run tests/);
    },
  );
});
