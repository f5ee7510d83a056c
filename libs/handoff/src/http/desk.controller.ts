import { CurrentStaff, RequireRoles, type StaffUser } from '@anxin/staff';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { type DeskDetail, DeskService } from '../application/desk.service';
import type {
  DeskConversationDto,
  DeskMessageDto,
  PresenceDto,
  QueueItemDto,
  TicketDto,
} from '../application/desk.views';
import type { DraftWarning } from '../engine/draft-check';

/**
 * The agent desk over HTTP (docs/api/desk.md). Every route needs a staff token of a desk role;
 * who may act on which conversation is decided in DeskService.
 */
@Controller('api/desk')
@RequireRoles('agent', 'supervisor', 'admin')
export class DeskController {
  constructor(@Inject(DeskService) private readonly desk: DeskService) {}

  @Get('me')
  me(@CurrentStaff() user: StaffUser): Record<string, unknown> {
    return this.desk.me(user);
  }

  @Post('presence')
  @HttpCode(200)
  presence(@CurrentStaff() user: StaffUser, @Body() body: unknown): Promise<PresenceDto> {
    return this.desk.setPresence(user, body);
  }

  @Get('queue')
  queue(): { total: number; items: QueueItemDto[] } {
    return this.desk.queue();
  }

  @Get('agents')
  agents(): Promise<{ items: Record<string, unknown>[] }> {
    return this.desk.agents();
  }

  @Get('conversations')
  conversations(
    @CurrentStaff() user: StaffUser,
    @Query() query: Record<string, unknown>,
  ): Promise<{ items: DeskConversationDto[] }> {
    return this.desk.conversations(user, query);
  }

  @Get('conversations/:id')
  detail(@CurrentStaff() user: StaffUser, @Param('id') id: string): Promise<DeskDetail> {
    return this.desk.detail(user, id);
  }

  @Post('conversations/:id/accept')
  @HttpCode(200)
  accept(@CurrentStaff() user: StaffUser, @Param('id') id: string): Promise<DeskConversationDto> {
    return this.desk.accept(user, id);
  }

  @Post('conversations/:id/messages')
  @HttpCode(201)
  message(
    @CurrentStaff() user: StaffUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<Record<string, unknown>> {
    return this.desk.sendMessage(user, id, body);
  }

  @Post('conversations/:id/check')
  @HttpCode(200)
  check(
    @CurrentStaff() user: StaffUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<{ warnings: DraftWarning[] }> {
    return this.desk.check(user, id, body);
  }

  @Get('conversations/:id/assist')
  assist(
    @CurrentStaff() user: StaffUser,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    return this.desk.assist(user, id, query);
  }

  @Post('conversations/:id/notes')
  @HttpCode(201)
  note(
    @CurrentStaff() user: StaffUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<DeskMessageDto> {
    return this.desk.note(user, id, body);
  }

  @Post('conversations/:id/transfer')
  @HttpCode(200)
  transfer(
    @CurrentStaff() user: StaffUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<DeskConversationDto> {
    return this.desk.transfer(user, id, body);
  }

  @Post('conversations/:id/return-to-bot')
  @HttpCode(200)
  returnToBot(@CurrentStaff() user: StaffUser, @Param('id') id: string): Promise<DeskConversationDto> {
    return this.desk.returnToBot(user, id);
  }

  @Post('conversations/:id/close')
  @HttpCode(200)
  close(@CurrentStaff() user: StaffUser, @Param('id') id: string): Promise<DeskConversationDto> {
    return this.desk.close(user, id);
  }

  /** Supervisor view: live queue, agents, first-response timers. */
  @Get('overview')
  @RequireRoles('supervisor', 'admin')
  overview(): Promise<Record<string, unknown>> {
    return this.desk.overview();
  }

  @Get('tickets')
  tickets(@Query() query: Record<string, unknown>): Promise<{ items: TicketDto[] }> {
    return this.desk.tickets(query);
  }

  @Post('tickets/:number/close')
  @HttpCode(200)
  closeTicket(
    @CurrentStaff() user: StaffUser,
    @Param('number') number: string,
    @Body() body: unknown,
  ): Promise<TicketDto> {
    return this.desk.closeTicket(user, number, body);
  }
}
