import { CurrentStaff, RequireRoles, type StaffUser } from '@anxin/staff';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { TranscriptListItem } from '../review/qa-review.store';
import { type CheckPrecision, QaReviewService } from '../review/review.service';

/**
 * The review workflow over HTTP (docs/api/qa.md, "Review"): the console's list of scored
 * transcripts, one transcript with its findings and verdicts, review actions, per-check precision.
 * Agents see only transcripts they served and may only dispute.
 */
@Controller('api/qa')
export class QaReviewController {
  constructor(@Inject(QaReviewService) private readonly reviews: QaReviewService) {}

  @Get('transcripts')
  @RequireRoles('qa', 'supervisor', 'admin', 'agent')
  list(
    @Query() query: Record<string, unknown>,
    @CurrentStaff() staff: StaffUser,
  ): Promise<{ total: number; items: TranscriptListItem[] }> {
    return this.reviews.list(query, staff);
  }

  @Get('transcripts/:source/:ref')
  @RequireRoles('qa', 'supervisor', 'admin', 'agent')
  detail(
    @Param('source') source: string,
    @Param('ref') ref: string,
    @CurrentStaff() staff: StaffUser,
  ): Promise<Record<string, unknown>> {
    return this.reviews.detail(source, ref, staff);
  }

  @Post('transcripts/:source/:ref/reviews')
  @HttpCode(201)
  @RequireRoles('qa', 'supervisor', 'admin', 'agent')
  act(
    @Param('source') source: string,
    @Param('ref') ref: string,
    @Body() body: unknown,
    @CurrentStaff() staff: StaffUser,
  ): Promise<Record<string, unknown>> {
    return this.reviews.act(source, ref, body, staff);
  }

  /** Check titles and the pass mark of the standard in force, for the console's pickers. */
  @Get('standard')
  @RequireRoles('qa', 'supervisor', 'admin', 'agent')
  standard(): Record<string, unknown> {
    return this.reviews.standardSummary();
  }

  @Get('review-stats')
  @RequireRoles('qa', 'supervisor', 'admin')
  precision(@Query() query: Record<string, unknown>): Promise<{ checks: CheckPrecision[] }> {
    return this.reviews.precision(query);
  }
}
