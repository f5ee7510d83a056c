/** The `code` of what `fn` throws synchronously, or 'no error'. */
export function errorCodeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  return 'no error';
}
