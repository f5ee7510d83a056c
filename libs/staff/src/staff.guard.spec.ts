import type { AddressInfo } from 'node:net';
import { Clock, createLogger, mapError, SystemClock } from '@anxin/common';
import {
  type ArgumentsHost,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  type INestApplication,
  Req,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Request, Response } from 'express';
import { LoginAttemptLimiter } from './login-attempts.limiter';
import { DEFAULT_SCRYPT, PasswordHasher } from './password.hasher';
import { StaffAuth } from './staff-auth';
import { StaffTokenSigner } from './staff-token.signer';
import { CurrentStaff, currentStaff, RequireRoles, StaffGuard } from './staff.guard';
import { StaffService } from './staff.service';
import type { StaffUser } from './staff.types';
import { InMemoryStaffRepository } from './testing/in-memory-staff.repository';

// A dummy controller, only here: production code has no test endpoints.
@Controller('reviews')
@RequireRoles('qa', 'supervisor', 'admin')
class DummyReviewsController {
  @Get()
  list(@CurrentStaff() user: StaffUser): { who: string } {
    return { who: user.username };
  }

  @Get('admin-only')
  @RequireRoles('admin')
  adminOnly(@Req() request: Request): { who: string } {
    return { who: currentStaff(request).username };
  }
}

@Controller('desk')
class DummyDeskController {
  @Get()
  @RequireRoles()
  anyone(@CurrentStaff() user: StaffUser): { role: string } {
    return { role: user.role };
  }

  @Get('open')
  open(@Req() request: Request): { who: string } {
    return { who: currentStaff(request).username };
  }
}

@Catch()
class MapErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = mapError(exception);
    host.switchToHttp().getResponse<Response>().status(status).json({ error: body });
  }
}

const PASSWORD = 'demo-password-2026';

describe(`${StaffGuard.name} with @RequireRoles`, () => {
  let app: INestApplication;
  let url: string;
  let repository: InMemoryStaffRepository;
  let staff: StaffService;
  const signer = new StaffTokenSigner('g'.repeat(32), 3600);
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    repository = new InMemoryStaffRepository();
    const clock = new SystemClock();
    staff = new StaffService(repository, new PasswordHasher({ ...DEFAULT_SCRYPT, N: 1024 }), clock);
    const auth = new StaffAuth(staff, signer, new LoginAttemptLimiter(), clock, createLogger('silent'));
    const sut = await Test.createTestingModule({
      controllers: [DummyReviewsController, DummyDeskController],
      providers: [
        { provide: StaffAuth, useValue: auth },
        { provide: Clock, useValue: clock },
        { provide: APP_FILTER, useClass: MapErrorFilter },
      ],
    }).compile();
    app = sut.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    for (const role of ['agent', 'qa', 'supervisor', 'admin'] as const) {
      await staff.create({ username: `user-${role}`, displayName: role, role, password: PASSWORD });
      tokens[role] = (await auth.login({ username: `user-${role}`, password: PASSWORD })).token;
    }
  });
  afterAll(() => app.close());

  async function get(
    path: string,
    token?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it.each(['qa', 'supervisor', 'admin'])('lets %s through and attaches the user', async (role) => {
    expect(await get('/reviews', tokens[role])).toEqual({ status: 200, body: { who: `user-${role}` } });
  });

  it('refuses a role the controller does not allow with 403 STAFF.FORBIDDEN', async () => {
    expect(await get('/reviews', tokens.agent)).toEqual({
      status: 403,
      body: {
        error: {
          code: 'STAFF.FORBIDDEN',
          message: '当前账号无权使用此功能',
          details: { required: ['qa', 'supervisor', 'admin'] },
        },
      },
    });
  });

  it("applies the handler's roles over the class's", async () => {
    expect((await get('/reviews/admin-only', tokens.admin)).body).toEqual({ who: 'user-admin' });
    expect((await get('/reviews/admin-only', tokens.qa)).status).toBe(403);
  });

  it('lets any role through @RequireRoles() with no roles', async () => {
    expect(await get('/desk', tokens.agent)).toEqual({ status: 200, body: { role: 'agent' } });
  });

  it.each([
    ['no token', undefined],
    [
      'a forged token',
      new StaffTokenSigner('f'.repeat(32), 3600).sign(
        { sub: '6f1c2f64-3b7a-4a43-9d53-0f5c1f7e9a10', role: 'admin' },
        Date.now(),
      ),
    ],
    ['an expired token', 'expired'],
  ])('answers 401 STAFF.UNAUTHENTICATED for %s', async (_case, token) => {
    const given =
      token === 'expired'
        ? signer.sign({ sub: (await staff.list())[0].id, role: 'admin' }, Date.now() - 7200_000)
        : token;
    const { status, body } = await get('/reviews', given);
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: { code: 'STAFF.UNAUTHENTICATED' } });
  });

  it('re-reads the account on every request: disabling it refuses its token at once', async () => {
    await staff.create({ username: 'leaving', displayName: '离职', role: 'qa', password: PASSWORD });
    const token = signer.sign(
      { sub: (await repository.findByUsername('leaving'))!.id, role: 'qa' },
      Date.now(),
    );
    expect((await get('/reviews', token)).status).toBe(200);

    await staff.disable('leaving');

    expect((await get('/reviews', token)).status).toBe(401);
  });

  it('currentStaff() without the guard is 401, not a crash', async () => {
    expect((await get('/desk/open', tokens.admin)).status).toBe(401);
  });
});
