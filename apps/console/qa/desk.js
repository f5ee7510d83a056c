/*
 * 坐席工作台 (#/desk, #/desk/<conversationId>), on the desk API of docs/api/desk.md.
 * The desk bar (presence 在线 / 小休, load, real-time connection), on the left the offers, the queue
 * (排队队列) and the agent's own chats (我的会话), in the middle the open chat (desk-chat.js), on the
 * right assist, summary, customer and tickets (desk-side.js). Below 900 px one column: the lists
 * (data-view="list") or the open chat with a back button (data-view="chat").
 * Live: the socket (desk-socket.js) pushes queue, offers, assignments, presence and messages;
 * after a reconnect everything is read again over HTTP, so nothing missed stays missing.
 */
import { api, messageOf } from './api.js';
import { h, replace } from './dom.js';
import { createChat } from './desk-chat.js';
import {
  ASSIGNMENT_LABELS,
  PRESENCE_LABELS,
  PRIORITY_LABELS,
  elapsedAttrs,
  serverClock,
  shortId,
  tickTimers,
  WITHDRAWN_LABELS,
} from './desk-format.js';
import {
  connectionError,
  connectionState,
  currentOffers,
  deskSocket,
  dropOffer,
  onDesk,
  primeAudio,
  seedOffer,
} from './desk-socket.js';
import { channelLabel, DASH, SPEAKER_LABELS } from './format.js';

const MINE_REFRESH_MS = 400;
let active = null;

export function render(view, ctx) {
  const desk = new Desk(view, ctx);
  active = desk;
  desk.start(ctx.params[0] || null);
  return () => {
    desk.destroy();
    if (active === desk) active = null;
  };
}

/** #/desk → #/desk/<id> and back: the same desk opens another chat. */
export function update(ctx) {
  if (active) active.open(ctx.params[0] || null);
}

class Desk {
  constructor(view, ctx) {
    this.view = view;
    this.ctx = ctx;
    this.user = ctx.user;
    this.alive = true;
    this.me = null;
    this.presence = null;
    this.queue = [];
    this.queueAt = Date.now();
    this.mine = [];
    this.unread = new Map();
    this.chat = null;
    this.openId = null;
    this.offSocket = [];
    this.refreshing = null;
    this.refreshAgain = false;
    this.mineTimer = null;
  }

  // ─── frame ───────────────────────────────────────────────────────────────────────────────────

  start(conversationId) {
    this.build();
    this.socket = deskSocket();
    const on = (name, fn) => this.offSocket.push(onDesk(name, (p) => this.alive && fn(p)));
    on('connect', () => {
      this.showConnection();
      void this.refresh();
      if (this.chat) this.chat.resync();
    });
    on('disconnect', () => this.showConnection());
    on('connect_error', () => this.showConnection());
    on('queue', (payload) => this.setQueue((payload && payload.items) || [], payload && payload.total));
    on('offers', () => this.renderOffers());
    on('offer:withdrawn', (payload) => this.withdrawn(payload));
    on('presence', (payload) => this.setPresence(payload));
    on('assigned', (payload) => this.assignmentChanged(payload, true));
    on('unassigned', (payload) => this.assignmentChanged(payload, false));
    on('message', (payload) => this.message(payload));
    this.timer = setInterval(() => tickTimers(this.root), 1000);
    this.showConnection();
    void this.refresh();
    this.open(conversationId);
  }

  destroy() {
    this.alive = false;
    clearInterval(this.timer);
    clearTimeout(this.mineTimer);
    this.offSocket.splice(0).forEach((off) => off());
    if (this.chat) this.chat.destroy();
    this.chat = null;
  }

  build() {
    this.el = {
      presence: h('div', {
        id: 'desk-presence',
        class: 'presence-switch',
        role: 'group',
        'aria-label': '接待状态',
      }),
      presenceLabel: h('span', { id: 'desk-presence-label', class: 'presence-label', role: 'status' }),
      load: h('span', { id: 'desk-load', class: 'desk-load', text: '接待中 —' }),
      mode: h('span', { id: 'desk-mode', class: 'desk-mode muted' }),
      connection: h('span', { id: 'desk-connection', class: 'desk-connection' }),
      error: h('p', { id: 'desk-error', class: 'page-error', role: 'alert' }),
      notice: h('p', { id: 'desk-notice', class: 'desk-notice', role: 'status' }),
      offers: h('section', {
        id: 'desk-offers',
        class: 'desk-offers',
        'aria-label': '新的接入请求',
        hidden: true,
      }),
      queueTitle: h('h2', { id: 'desk-queue-title', text: '排队队列' }),
      queue: h('ol', { id: 'desk-queue', class: 'desk-list', 'aria-labelledby': 'desk-queue-title' }),
      mineTitle: h('h2', { id: 'desk-mine-title', text: '我的会话' }),
      mine: h('ol', { id: 'desk-mine', class: 'desk-list', 'aria-labelledby': 'desk-mine-title' }),
      chat: h('section', { id: 'desk-chat', class: 'desk-chat', 'aria-label': '当前会话' }),
      side: h('aside', { id: 'desk-side', class: 'desk-side', 'aria-label': '辅助信息' }),
    };
    for (const [status, label] of [
      ['online', '在线'],
      ['away', '小休'],
    ])
      this.el.presence.appendChild(
        h(
          'button',
          {
            type: 'button',
            id: 'presence-' + status,
            class: 'presence-option',
            dataset: { presence: status },
            'aria-pressed': 'false',
            onclick: () => this.changePresence(status),
          },
          label,
        ),
      );
    this.root = h(
      'section',
      { id: 'desk', class: 'desk', dataset: { view: 'list' } },
      h(
        'div',
        { id: 'desk-bar', class: 'desk-bar' },
        h('h1', { class: 'desk-title', text: '坐席工作台' }),
        this.el.presence,
        this.el.presenceLabel,
        this.el.load,
        this.el.mode,
        this.el.connection,
      ),
      this.el.error,
      this.el.notice,
      h(
        'div',
        { class: 'desk-grid' },
        h(
          'div',
          { id: 'desk-lists', class: 'desk-lists' },
          this.el.offers,
          h('section', { id: 'desk-queue-panel', class: 'desk-panel' }, this.el.queueTitle, this.el.queue),
          h('section', { id: 'desk-mine-panel', class: 'desk-panel' }, this.el.mineTitle, this.el.mine),
        ),
        this.el.chat,
        this.el.side,
      ),
    );
    replace(this.view, this.root);
    this.renderPresence();
    this.renderQueue();
    this.renderMine();
    this.renderOffers();
    this.renderEmptyChat();
  }

  showError(message) {
    this.el.error.textContent = message || '';
  }

  showConnection() {
    const state = connectionState();
    const error = connectionError();
    const text = {
      connected: '实时连接正常',
      connecting: '正在连接…',
      refused: '实时连接被拒绝：' + ((error && error.message) || '请重新登录'),
      offline: '实时连接不可用，请刷新页面',
    }[state];
    this.el.connection.dataset.state = state;
    this.el.connection.textContent = text;
  }

  // ─── data ────────────────────────────────────────────────────────────────────────────────────

  /** Reads me, the queue and my chats (at start and after every reconnect). */
  async refresh() {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        const [me, queue, mine] = await Promise.all([
          api('/desk/me'),
          api('/desk/queue'),
          api('/desk/conversations', { query: { mine: true } }),
        ]);
        if (!this.alive) return;
        this.me = me;
        this.setPresence(me.presence);
        this.el.mode.textContent = ASSIGNMENT_LABELS[me.assignment] || '';
        if (me.offer) seedOffer(me.offer);
        this.setQueue(queue.items || [], queue.total);
        this.setMine(mine.items || []);
        if (this.chat) this.chat.setMe(me);
        this.showError('');
      } catch (e) {
        if (this.alive) this.showError(messageOf(e));
      }
    })();
    try {
      await this.refreshing;
    } finally {
      this.refreshing = null;
    }
    if (this.refreshAgain && this.alive) {
      this.refreshAgain = false;
      await this.refresh();
    }
  }

  async refreshMine() {
    try {
      const mine = await api('/desk/conversations', { query: { mine: true } });
      if (this.alive) this.setMine(mine.items || []);
    } catch (e) {
      if (this.alive) this.showError(messageOf(e));
    }
  }

  scheduleMineRefresh() {
    clearTimeout(this.mineTimer);
    this.mineTimer = setTimeout(() => void this.refreshMine(), MINE_REFRESH_MS);
  }

  // ─── presence ────────────────────────────────────────────────────────────────────────────────

  setPresence(presence) {
    if (!presence || typeof presence.status !== 'string') return;
    this.presence = presence;
    this.renderPresence();
  }

  renderPresence() {
    const p = this.presence;
    const status = p ? p.status : 'offline';
    this.el.presence.dataset.status = status;
    this.el.presence.querySelectorAll('.presence-option').forEach((button) => {
      button.setAttribute('aria-pressed', String(button.dataset.presence === status));
    });
    this.el.presenceLabel.textContent =
      '当前：' + (PRESENCE_LABELS[status] || status) + (status === 'offline' ? '（点「在线」开始接待）' : '');
    this.el.load.textContent = p ? '接待中 ' + p.load + '/' + p.capacity : '接待中 —';
    this.el.load.dataset.load = p ? String(p.load) : '';
    this.el.load.dataset.capacity = p ? String(p.capacity) : '';
  }

  async changePresence(status) {
    primeAudio(); // a click: the browser now lets the offer beep play
    try {
      this.setPresence(await api('/desk/presence', { method: 'POST', body: { status } }));
      this.showError('');
    } catch (e) {
      if (this.alive) this.showError(messageOf(e));
    }
  }

  // ─── queue and offers ────────────────────────────────────────────────────────────────────────

  /** items: the head of the line (the server sends at most 100); total: everyone waiting. */
  setQueue(items, total) {
    this.queue = items;
    this.queueTotal = typeof total === 'number' ? total : items.length;
    this.queueAt = Date.now();
    if (items.length > 0) serverClock.learn(items[0].waitingSince, items[0].waitingSeconds);
    this.renderQueue();
    this.renderOffers();
    if (this.chat) this.chat.queueChanged(items);
  }

  renderQueue() {
    const items = this.queue;
    this.el.queueTitle.textContent = '排队队列（' + this.queueTotal + '）';
    if (items.length === 0) {
      replace(this.el.queue, h('li', { class: 'desk-empty muted', text: '当前没有排队的客户' }));
      return;
    }
    replace(
      this.el.queue,
      items.map((item) =>
        h(
          'li',
          {
            class: 'queue-item' + (item.conversationId === this.openId ? ' is-open' : ''),
            dataset: {
              conversationId: item.conversationId,
              position: String(item.position),
              priority: String(item.priority),
            },
          },
          h(
            'div',
            { class: 'item-head' },
            h('span', { class: 'queue-position', text: '第' + item.position + '位' }),
            h('span', { class: 'chip', text: item.skillTitle || item.skill }),
            priorityBadge(item.priority),
            h('span', {
              class: 'queue-wait timer',
              title: '已等待',
              dataset: elapsedAttrs(item.waitingSeconds, this.queueAt),
            }),
          ),
          h(
            'p',
            { class: 'item-sub' },
            (item.reasonTitle || '转人工') + ' · ' + channelLabel(item.channel),
            item.offeredTo ? h('span', { class: 'offered-to', text: ' · 已分配给 ' + item.offeredTo }) : null,
          ),
          h(
            'div',
            { class: 'item-actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-primary btn-small queue-accept',
                'aria-label': '接入排第' + item.position + '位的客户',
                onclick: (event) => void this.accept(item.conversationId, event.currentTarget),
              },
              '接入',
            ),
            h('a', { class: 'btn btn-small queue-view', href: '#/desk/' + item.conversationId }, '查看'),
          ),
        ),
      ),
    );
    tickTimers(this.el.queue);
  }

  renderOffers() {
    const offers = currentOffers();
    this.el.offers.hidden = offers.length === 0;
    if (offers.length === 0) {
      this.el.offers.replaceChildren();
      return;
    }
    const skills = new Map(((this.me && this.me.skills) || []).map((s) => [s.key, s.title]));
    replace(
      this.el.offers,
      h('h2', { class: 'offers-title', text: '新的接入请求（' + offers.length + '）' }),
      offers.map((offer) => {
        const queued = this.queue.find((q) => q.conversationId === offer.conversationId);
        return h(
          'div',
          {
            class: 'desk-offer is-flashing',
            role: 'alert',
            dataset: { conversationId: offer.conversationId, priority: String(offer.priority) },
          },
          h(
            'div',
            { class: 'item-head' },
            h('strong', { text: '客户等待接入' }),
            h('span', { class: 'chip', text: skills.get(offer.skill) || offer.skill || '综合服务' }),
            priorityBadge(offer.priority),
          ),
          h(
            'p',
            { class: 'item-sub' },
            (queued && queued.reasonTitle) || '转人工',
            ' · 请在 ',
            h('span', { class: 'offer-countdown', dataset: { deadline: String(offer.deadline) } }),
            ' 内接入，超时将转给其他坐席并将您设为小休',
          ),
          h(
            'div',
            { class: 'item-actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-primary offer-accept',
                onclick: (event) => void this.accept(offer.conversationId, event.currentTarget),
              },
              '接入',
            ),
            h('a', { class: 'btn btn-small', href: '#/desk/' + offer.conversationId }, '查看'),
          ),
        );
      }),
    );
    tickTimers(this.el.offers);
  }

  withdrawn(payload) {
    if (!payload) return;
    this.renderOffers();
    const text = WITHDRAWN_LABELS[payload.reason];
    if (text) this.notify(text + '（' + shortId(payload.conversationId) + '）');
  }

  notify(text) {
    this.el.notice.textContent = text;
  }

  /** POST …/accept, then the chat opens. */
  async accept(conversationId, button) {
    if (button) button.disabled = true;
    try {
      await api('/desk/conversations/' + encodeURIComponent(conversationId) + '/accept', { method: 'POST' });
      dropOffer(conversationId);
      this.showError('');
      void this.refreshMine();
      if (this.openId === conversationId && this.chat) void this.chat.reload();
      else this.ctx.go('#/desk/' + encodeURIComponent(conversationId));
    } catch (e) {
      if (!this.alive) return;
      if (e.code === 'HANDOFF.ALREADY_TAKEN' || e.code === 'HANDOFF.NOT_QUEUED') dropOffer(conversationId);
      this.showError(messageOf(e));
      if (button && button.isConnected) button.disabled = false;
    }
  }

  // ─── my chats ────────────────────────────────────────────────────────────────────────────────

  setMine(items) {
    this.mine = items;
    for (const id of Array.from(this.unread.keys()))
      if (!items.some((c) => c.conversationId === id)) this.unread.delete(id);
    this.renderMine();
  }

  renderMine() {
    const items = this.mine;
    this.el.mineTitle.textContent = '我的会话（' + items.length + '）';
    if (items.length === 0) {
      replace(this.el.mine, h('li', { class: 'desk-empty muted', text: '暂无正在接待的会话' }));
      return;
    }
    replace(
      this.el.mine,
      items.map((c) => {
        const unread = this.unread.get(c.conversationId) || 0;
        const last = c.lastMessage;
        const open = c.conversationId === this.openId;
        return h(
          'li',
          {
            class: 'mine-item' + (open ? ' is-open' : '') + (c.awaitingReply ? ' is-awaiting' : ''),
            dataset: {
              conversationId: c.conversationId,
              state: c.state,
              awaiting: String(Boolean(c.awaitingReply)),
              unread: String(unread),
            },
          },
          h(
            'a',
            {
              class: 'mine-link',
              href: '#/desk/' + encodeURIComponent(c.conversationId),
              'aria-current': open ? 'true' : null,
            },
            h(
              'span',
              { class: 'item-head' },
              h('strong', { text: '访客 ' + shortId(c.conversationId) }),
              h('span', { class: 'chip', text: c.skillTitle || c.skill || '综合服务' }),
              c.awaitingReply ? h('span', { class: 'badge badge-warn mine-awaiting', text: '待回复' }) : null,
              unread > 0
                ? h('span', { class: 'badge badge-red mine-unread', text: unread + ' 条新消息' })
                : null,
            ),
            h('span', {
              class: 'item-sub mine-last',
              text: last ? (SPEAKER_LABELS[last.role] || last.role) + '：' + clip(last.text, 40) : DASH,
            }),
          ),
        );
      }),
    );
  }

  assignmentChanged(payload, assigned) {
    if (!payload) return;
    if (!assigned) this.unread.delete(payload.conversationId);
    void this.refreshMine();
    if (this.chat && this.chat.id === payload.conversationId)
      void this.chat.reload(assigned ? null : payload.reason);
  }

  message(payload) {
    if (!payload || !payload.message) return;
    const id = payload.conversationId;
    if (this.chat && this.chat.id === id) this.chat.addMessage(payload.message);
    else if (payload.message.role === 'customer' && this.mine.some((c) => c.conversationId === id))
      this.unread.set(id, (this.unread.get(id) || 0) + 1);
    if (this.mine.some((c) => c.conversationId === id)) this.scheduleMineRefresh();
  }

  // ─── the open chat ───────────────────────────────────────────────────────────────────────────

  open(conversationId) {
    if (conversationId === this.openId && this.chat) return;
    if (this.chat) this.chat.destroy();
    this.chat = null;
    this.openId = conversationId;
    this.root.dataset.view = conversationId ? 'chat' : 'list';
    if (conversationId) {
      this.unread.delete(conversationId);
      this.chat = createChat({
        id: conversationId,
        user: this.user,
        me: this.me,
        container: this.el.chat,
        side: this.el.side,
        go: this.ctx.go,
        accept: (id, button) => this.accept(id, button),
        changed: () => void this.refreshMine(),
      });
      this.el.side.hidden = false;
    } else this.renderEmptyChat();
    this.renderQueue();
    this.renderMine();
    this.renderOffers();
  }

  renderEmptyChat() {
    replace(
      this.el.chat,
      h(
        'div',
        { class: 'desk-placeholder' },
        h('p', { text: '从左侧「我的会话」选择一个会话，或接入排队中的客户。' }),
      ),
    );
    this.el.side.replaceChildren();
    this.el.side.hidden = true;
  }
}

function priorityBadge(priority) {
  if (!priority) return null;
  return h('span', {
    class: 'badge priority-badge ' + (priority >= 2 ? 'badge-red' : 'badge-warn'),
    dataset: { priority: String(priority) },
    text: PRIORITY_LABELS[priority] || '优先',
  });
}

function clip(text, max) {
  const chars = Array.from(String(text || '').replace(/\s+/g, ' '));
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
}
