import { Clock } from '@anxin/common';
import { RequireRoles } from '@anxin/staff';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { parseKpiQuery } from '../kpi/kpi-query';
import { KpiReader, type KpiReport } from '../kpi/kpi.reader';

/**
 * Service KPIs (docs/api/kpi.md): `GET /api/qa/kpis?from=&to=&groupBy=day|channel|agent&channel=`,
 * Beijing dates, for QA staff, supervisors and admins.
 */
@Controller('api/qa')
@RequireRoles('qa', 'supervisor', 'admin')
export class KpiController {
  constructor(
    @Inject(KpiReader) private readonly kpis: KpiReader,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('kpis')
  async read(@Query() query: unknown): Promise<KpiReport> {
    return this.kpis.read(parseKpiQuery(query, this.clock.now()));
  }
}
