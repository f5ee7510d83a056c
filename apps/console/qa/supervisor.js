/*
 * 坐席监控 (#/supervisor, supervisor and admin): GET /api/desk/overview every few seconds and on the
 * desk socket's `queue` event. Tiles (排队人数, 最长等待, 在线坐席, 未处理工单), the agents with
 * presence and load, the first-human-response timers (CS-03, breached rows in red), the active
 * chats, and per row 接管 (transfer to oneself) and 改派 (transfer to an online agent); the open
 * leave-a-message tickets (GET /api/desk/tickets) with 处理 (POST …/tickets/:number/close).
 */
import { api, messageOf } from './api.js';
import { busy, h, replace } from './dom.js';
import {
  elapsedAttrs,
  PRESENCE_LABELS,
  serverClock,
  shortId,
  STATE_LABELS,
  TICKET_REASON_LABELS,
  tickTimers,
} from './desk-format.js';
import { deskSocket, onDesk } from './desk-socket.js';
import { channelLabel, dateTime, DASH, mmss } from './format.js';

const REFRESH_MS = 5000;
const QUEUE_EVENT_DELAY_MS = 300;

export function render(view, ctx) {
  const page = new Supervisor(view, ctx);
  page.start();
  return () => page.destroy();
}

class Supervisor {
  constructor(view, ctx) {
    this.view = view;
    this.ctx = ctx;
    this.user = ctx.user;
    this.alive = true;
    this.overview = null;
    this.conversations = [];
    this.tickets = [];
    this.receivedAt = Date.now();
    this.loading = null;
    this.again = false;
    this.openForm = null; // key of the open reassign / ticket form: kept across refreshes
  }

  start() {
    this.el = {
      status: h('p', { id: 'sup-status', class: 'review-status', role: 'status' }),
      error: h('p', { id: 'page-error', class: 'page-error', role: 'alert' }),
      tiles: h('div', { id: 'sup-tiles', class: 'tiles' }),
      bySkill: h('p', { id: 'sup-by-skill', class: 'by-skill' }),
      firstResponse: h('div', { class: 'table-wrap' }),
      conversations: h('div', { class: 'table-wrap' }),
      agents: h('div', { class: 'table-wrap' }),
      tickets: h('div', { class: 'table-wrap' }),
      updated: h('span', { id: 'sup-updated', class: 'muted' }),
    };
    const panel = (id, title, ...children) =>
      h(
        'section',
        { id, class: 'panel', 'aria-labelledby': id + '-title' },
        h('h2', { id: id + '-title', text: title }),
        children,
      );
    replace(
      this.view,
      h(
        'section',
        { id: 'supervisor', class: 'page supervisor' },
        h(
          'div',
          { class: 'page-head sup-head' },
          h('h1', { text: '坐席监控' }),
          h('p', { class: 'muted' }, '排队、坐席状态和首次响应计时每 5 秒自动刷新。', this.el.updated),
        ),
        this.el.error,
        this.el.status,
        this.el.tiles,
        this.el.bySkill,
        panel('sup-first-response-panel', '首次响应计时（人工首次回复时限 30 秒）', this.el.firstResponse),
        panel('sup-conversations-panel', '进行中的人工会话', this.el.conversations),
        panel('sup-agents-panel', '坐席状态', this.el.agents),
        panel('sup-tickets-panel', '待处理留言工单', this.el.tickets),
      ),
    );
    this.socketOff = [];
    if (deskSocket()) {
      let timer = null;
      this.socketOff.push(
        onDesk('queue', () => {
          clearTimeout(timer);
          timer = setTimeout(() => void this.load(), QUEUE_EVENT_DELAY_MS);
        }),
        onDesk('connect', () => void this.load()),
        () => clearTimeout(timer),
      );
    }
    this.refreshTimer = setInterval(() => void this.load(), REFRESH_MS);
    this.tickTimer = setInterval(() => this.tick(), 1000);
    void this.load();
  }

  destroy() {
    this.alive = false;
    clearInterval(this.refreshTimer);
    clearInterval(this.tickTimer);
    this.socketOff.splice(0).forEach((off) => off());
  }

  async load() {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = (async () => {
      try {
        const [overview, conversations, tickets] = await Promise.all([
          api('/desk/overview'),
          api('/desk/conversations'),
          api('/desk/tickets', { query: { status: 'open' } }),
        ]);
        if (!this.alive) return;
        this.overview = overview;
        this.conversations = conversations.items || [];
        this.tickets = tickets.items || [];
        this.receivedAt = Date.now();
        const first = (overview.firstResponse || [])[0];
        if (first) serverClock.learn(first.since, first.seconds);
        this.el.error.textContent = '';
        this.draw();
      } catch (e) {
        if (this.alive) this.el.error.textContent = messageOf(e);
      }
    })();
    await this.loading;
    this.loading = null;
    if (this.again && this.alive) {
      this.again = false;
      await this.load();
    }
  }

  tick() {
    if (!this.alive) return;
    tickTimers(this.view);
    const longest = this.el.tiles.querySelector('[data-tile="longestWait"] .tile-value');
    if (longest && this.overview && this.overview.queue.length > 0) {
      const seconds = this.overview.queue.longestWaitSeconds + (Date.now() - this.receivedAt) / 1000;
      longest.textContent = mmss(seconds);
    }
  }

  /** Redraws; a section with an open form (reassign picker, ticket resolution) keeps it unless `force`. */
  draw(force) {
    const o = this.overview;
    const keep = (prefix) => !force && this.openForm && this.openForm.startsWith(prefix);
    this.el.updated.textContent = ' 更新于 ' + new Date().toLocaleTimeString('zh-CN', { hour12: false });
    const online = o.agents.filter((a) => a.presence === 'online').length;
    const tile = (key, label, value, sub, red) =>
      h(
        'div',
        { class: 'tile' + (red ? ' tile-red' : ''), dataset: { tile: key, value: String(value) } },
        h('span', { class: 'tile-label', text: label }),
        h('span', { class: 'tile-value', text: key === 'longestWait' ? mmss(value) : String(value) }),
        sub ? h('span', { class: 'tile-sub', text: sub }) : null,
      );
    const breached = o.firstResponse.filter((f) => f.breached).length;
    replace(
      this.el.tiles,
      tile('queueLength', '排队人数', o.queue.length, o.serviceOpen ? '人工服务中' : '非人工服务时间', false),
      tile(
        'longestWait',
        '最长等待',
        o.queue.longestWaitSeconds,
        o.queue.length ? '分:秒' : '当前无人排队',
        o.queue.longestWaitSeconds > 60,
      ),
      tile('onlineAgents', '在线坐席', online, '共 ' + o.agents.length + ' 位坐席', false),
      tile('breached', '首次响应超时', breached, '时限 30 秒', breached > 0),
      tile(
        'openTickets',
        '未处理工单',
        o.openTickets,
        o.serviceHours ? '人工服务时间 ' + o.serviceHours : null,
        false,
      ),
    );
    this.el.bySkill.replaceChildren(
      '按技能组排队：',
      ...o.queue.bySkill.map((s) =>
        h('span', { class: 'chip', dataset: { skill: s.skill }, text: s.title + ' ' + s.waiting }),
      ),
    );
    if (!keep('reassign:fr:')) this.drawFirstResponse();
    if (!keep('reassign:conv:')) this.drawConversations();
    this.drawAgents();
    if (!keep('ticket:')) this.drawTickets();
    tickTimers(this.view);
  }

  drawFirstResponse() {
    const rows = this.overview.firstResponse;
    if (rows.length === 0) {
      replace(this.el.firstResponse, h('p', { class: 'muted', text: '没有等待人工首次回复的会话。' }));
      return;
    }
    const queue = new Map(this.overview.queue.items.map((q) => [q.conversationId, q]));
    replace(
      this.el.firstResponse,
      table(
        'sup-first-response',
        ['会话', '状态', '坐席', '已等待', '时限', '结果', '操作'],
        rows.map((f) => {
          const q = queue.get(f.conversationId);
          return h(
            'tr',
            {
              class: 'fr-row' + (f.breached ? ' is-breached' : ''),
              dataset: {
                conversationId: f.conversationId,
                breached: String(Boolean(f.breached)),
                state: f.state,
              },
            },
            h(
              'td',
              { 'data-label': '会话' },
              convLink(f.conversationId),
              q
                ? h('span', { class: 'sub', text: q.skillTitle + ' · ' + (q.reasonTitle || '转人工') })
                : null,
            ),
            h('td', { 'data-label': '状态', text: STATE_LABELS[f.state] || f.state }),
            h('td', {
              'data-label': '坐席',
              text: f.agent || (q && q.offeredTo ? '已分配给 ' + q.offeredTo : DASH),
            }),
            h(
              'td',
              { 'data-label': '已等待' },
              h('span', {
                class: 'timer fr-elapsed',
                dataset: { ...elapsedAttrs(f.seconds, this.receivedAt), due: String(f.dueSeconds) },
              }),
            ),
            h('td', { 'data-label': '时限', text: f.dueSeconds + ' 秒' }),
            h(
              'td',
              { 'data-label': '结果' },
              f.breached
                ? h('span', { class: 'badge badge-red', text: '已超时' })
                : h('span', { class: 'badge badge-pass', text: '计时中' }),
            ),
            h('td', { 'data-label': '操作' }, this.actions(f.conversationId, f.agent, 'fr')),
          );
        }),
      ),
    );
  }

  drawConversations() {
    const rows = this.conversations;
    if (rows.length === 0) {
      replace(this.el.conversations, h('p', { class: 'muted', text: '当前没有排队或人工服务中的会话。' }));
      return;
    }
    replace(
      this.el.conversations,
      table(
        'sup-conversations',
        ['会话', '状态', '技能组', '坐席', '最后消息', '操作'],
        rows.map((c) => {
          const agent = c.assignedAgent;
          return h(
            'tr',
            {
              class: 'conv-row',
              dataset: {
                conversationId: c.conversationId,
                state: c.state,
                agent: agent ? agent.username : '',
              },
            },
            h(
              'td',
              { 'data-label': '会话' },
              convLink(c.conversationId),
              h('span', { class: 'sub', text: channelLabel(c.channel) }),
            ),
            h(
              'td',
              { 'data-label': '状态' },
              STATE_LABELS[c.state] || c.state,
              c.awaitingReply ? h('span', { class: 'badge badge-warn', text: '待回复' }) : null,
            ),
            h('td', { 'data-label': '技能组', text: c.skillTitle || c.skill || DASH }),
            h('td', {
              'data-label': '坐席',
              text: agent ? agent.displayName + '（' + agent.username + '）' : DASH,
            }),
            h('td', {
              'data-label': '最后消息',
              class: 'last-message',
              text: c.lastMessage ? c.lastMessage.text : DASH,
            }),
            h(
              'td',
              { 'data-label': '操作' },
              this.actions(c.conversationId, agent ? agent.username : null, 'conv'),
            ),
          );
        }),
      ),
    );
  }

  drawAgents() {
    const rows = this.overview.agents;
    if (rows.length === 0) {
      replace(this.el.agents, h('p', { class: 'muted', text: '还没有坐席登录过工作台。' }));
      return;
    }
    replace(
      this.el.agents,
      table(
        'sup-agents',
        ['坐席', '状态', '连接', '接待量', '技能组', '待接入'],
        rows.map((a) =>
          h(
            'tr',
            {
              class: 'agent-row',
              dataset: { agent: a.username, presence: a.presence, connected: String(Boolean(a.connected)) },
            },
            h('td', { 'data-label': '坐席' }, a.displayName, h('span', { class: 'sub', text: a.username })),
            h(
              'td',
              { 'data-label': '状态' },
              h('span', {
                class: 'presence-dot presence-' + a.presence,
                text: PRESENCE_LABELS[a.presence] || a.presence,
              }),
            ),
            h('td', { 'data-label': '连接', text: a.connected ? '已连接' : '未连接' }),
            h('td', {
              'data-label': '接待量',
              class: a.load >= a.capacity ? 'low' : null,
              text: a.load + '/' + a.capacity,
            }),
            h(
              'td',
              { 'data-label': '技能组' },
              (a.skills || []).map((s) => h('span', { class: 'chip', text: this.skillTitle(s) })),
            ),
            h('td', { 'data-label': '待接入', text: a.offer ? shortId(a.offer) : DASH }),
          ),
        ),
      ),
    );
  }

  drawTickets() {
    const rows = this.tickets;
    if (rows.length === 0) {
      replace(this.el.tickets, h('p', { class: 'muted', text: '没有待处理的留言工单。' }));
      return;
    }
    replace(
      this.el.tickets,
      table(
        'sup-tickets',
        ['工单号', '原因', '渠道', '创建时间', '操作'],
        rows.map((t) => {
          const slot = h('div', { class: 'inline-form-slot' });
          const open = this.openForm === 'ticket:' + t.number;
          if (open) slot.appendChild(this.ticketForm(t));
          return h(
            'tr',
            { class: 'ticket-row', dataset: { number: t.number, conversationId: t.conversationId } },
            h(
              'td',
              { 'data-label': '工单号' },
              h('strong', { text: t.number }),
              h('span', { class: 'sub' }, convLink(t.conversationId)),
            ),
            h('td', { 'data-label': '原因', text: TICKET_REASON_LABELS[t.reason] || t.reason }),
            h('td', { 'data-label': '渠道', text: channelLabel(t.channel) }),
            h('td', { 'data-label': '创建时间', text: dateTime(t.createdAt) }),
            h(
              'td',
              { 'data-label': '操作' },
              open
                ? null
                : h(
                    'button',
                    {
                      type: 'button',
                      class: 'btn btn-small ticket-handle',
                      onclick: () => this.toggle('ticket:' + t.number),
                    },
                    '处理',
                  ),
              slot,
            ),
          );
        }),
      ),
    );
  }

  skillTitle(key) {
    const skill = this.overview.queue.bySkill.find((s) => s.skill === key);
    return skill ? skill.title : key;
  }

  toggle(key) {
    this.openForm = this.openForm === key ? null : key;
    this.draw(true);
  }

  /** 接管 and 改派 of one conversation (改派 opens a picker of the online agents). */
  actions(conversationId, currentAgent, kind) {
    const key = 'reassign:' + kind + ':' + conversationId;
    const mine = currentAgent === this.user.username;
    const box = h('div', { class: 'row-actions' });
    if (!mine)
      box.appendChild(
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-primary btn-small ' + kind + '-takeover',
            onclick: (e) =>
              void this.transfer(conversationId, this.user.username, e.currentTarget, '已接管会话 '),
          },
          '接管',
        ),
      );
    else box.appendChild(h('a', { class: 'btn btn-small', href: '#/desk/' + conversationId }, '去回复'));
    if (this.openForm === key) box.appendChild(this.reassignForm(conversationId, currentAgent, key));
    else
      box.appendChild(
        h(
          'button',
          { type: 'button', class: 'btn btn-small ' + kind + '-reassign', onclick: () => this.toggle(key) },
          '改派',
        ),
      );
    return box;
  }

  reassignForm(conversationId, currentAgent, key) {
    const candidates = this.overview.agents.filter(
      (a) => a.presence === 'online' && a.username !== currentAgent && a.load < a.capacity,
    );
    const picker = h(
      'select',
      { class: 'reassign-agent', 'aria-label': '改派给' },
      candidates.length === 0
        ? h('option', { value: '' }, '暂无可接待的在线坐席')
        : candidates.map((a) =>
            h('option', { value: a.username }, a.displayName + ' · ' + a.load + '/' + a.capacity),
          ),
    );
    return h(
      'div',
      { class: 'reassign-form' },
      picker,
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-primary btn-small reassign-submit',
          disabled: candidates.length === 0,
          onclick: (e) => void this.transfer(conversationId, picker.value, e.currentTarget, '已改派会话 '),
        },
        '确定改派',
      ),
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.toggle(key) }, '取消'),
    );
  }

  async transfer(conversationId, agent, button, done) {
    if (!agent) return;
    button.disabled = true;
    try {
      await api('/desk/conversations/' + encodeURIComponent(conversationId) + '/transfer', {
        method: 'POST',
        body: { agent },
      });
      if (!this.alive) return;
      this.openForm = null;
      this.el.error.textContent = '';
      replace(
        this.el.status,
        done + shortId(conversationId) + (agent === this.user.username ? '。' : ' 给 ' + agent + '。'),
        agent === this.user.username
          ? h('a', { id: 'sup-open-chat', href: '#/desk/' + conversationId }, '去坐席工作台回复客户')
          : null,
      );
      await this.load();
    } catch (e) {
      if (!this.alive) return;
      this.el.error.textContent = messageOf(e);
      if (button.isConnected) button.disabled = false;
    }
  }

  ticketForm(t) {
    const input = h('textarea', {
      class: 'ticket-resolution',
      rows: 2,
      maxlength: 2000,
      placeholder: '处理结果（如：已电话回访，客户问题已解决）',
      'aria-label': '工单 ' + t.number + ' 的处理结果',
    });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const form = h(
      'form',
      { class: 'inline-form ticket-form', novalidate: true },
      input,
      error,
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary btn-small ticket-submit' }, '确认处理'),
        h(
          'button',
          { type: 'button', class: 'btn btn-small', onclick: () => this.toggle('ticket:' + t.number) },
          '取消',
        ),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const resolution = input.value.trim();
      if (!resolution) {
        error.textContent = '请填写处理结果';
        input.focus();
        return;
      }
      void busy(form, async () => {
        try {
          await api('/desk/tickets/' + encodeURIComponent(t.number) + '/close', {
            method: 'POST',
            body: { resolution },
          });
          if (!this.alive) return;
          this.openForm = null;
          this.el.status.textContent = '工单 ' + t.number + ' 已处理';
          await this.load();
        } catch (e) {
          error.textContent = messageOf(e);
        }
      });
    });
    setTimeout(() => input.focus());
    return form;
  }
}

function table(id, headers, rows) {
  return h(
    'table',
    { id, class: 'data-table compact' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        headers.map((t) => h('th', { scope: 'col', text: t })),
      ),
    ),
    h('tbody', null, rows),
  );
}

function convLink(conversationId) {
  return h(
    'a',
    { class: 'row-link', href: '#/desk/' + encodeURIComponent(conversationId), title: conversationId },
    shortId(conversationId),
  );
}
