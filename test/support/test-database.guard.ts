/** Refuses to run tests against a database whose name does not say it is a test database. */
export function assertTestDatabaseUrl(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/test/i.test(name)) {
    throw new Error(
      `Refusing to run tests against database "${name}": its name must contain "test" (TEST_DATABASE_URL).`,
    );
  }
}
