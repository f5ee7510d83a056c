import { AppException, type ErrorKind } from './app.exception';
import { httpStatusOf, mapError } from './error-mapping';

class SampleException extends AppException<'SAMPLE.GONE'> {
  constructor() {
    super('SAMPLE.GONE', 'not_found', '不存在');
  }
}

describe('mapError', () => {
  it('maps our exceptions by kind and keeps their code and message', () => {
    expect(mapError(new SampleException())).toEqual({
      status: 404,
      body: { code: 'SAMPLE.GONE', message: '不存在' },
      unexpected: false,
    });
  });

  it('passes the details of a client error on, never those of an internal one', () => {
    class Detailed extends AppException<'SAMPLE.BAD' | 'SAMPLE.BROKEN'> {
      constructor(
        code: 'SAMPLE.BAD' | 'SAMPLE.BROKEN',
        kind: ErrorKind,
        message: string,
        details: Record<string, unknown>,
      ) {
        super(code, kind, message, details);
      }
    }
    const bad = new Detailed('SAMPLE.BAD', 'invalid_input', '格式错误', { problems: ['text: too long'] });
    const broken = new Detailed('SAMPLE.BROKEN', 'internal', 'broken', { path: '/etc/secret' });

    expect(mapError(bad).body).toEqual({
      code: 'SAMPLE.BAD',
      message: '格式错误',
      details: { problems: ['text: too long'] },
    });
    expect(mapError(broken).body).toEqual({ code: 'SAMPLE.BROKEN', message: 'broken' });
  });

  it.each([
    ['invalid_input', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['unprocessable', 422],
    ['rate_limited', 429],
    ['unavailable', 503],
    ['internal', 500],
  ] as const)('maps the kind %s to HTTP %i', (kind, status) => {
    expect(httpStatusOf(kind)).toBe(status);
  });

  it('hides unexpected errors behind INTERNAL with an error id', () => {
    const sut = mapError(new TypeError('secret detail'));
    expect(sut.status).toBe(500);
    expect(sut.unexpected).toBe(true);
    expect(sut.body.code).toBe('INTERNAL');
    expect(sut.body.message).not.toContain('secret');
    expect(sut.body.errorId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
