/*
 * The open chat of the desk: GET /api/desk/conversations/:id, then its live `message` events.
 * Transcript (customer, AI, agent with name, system events as grey lines, internal notes marked
 * 内部备注) and the actions (接入 / 接管, 备注, 转接, 转回机器人, 结束会话; the last three confirmed
 * inline). The composer is desk-composer.js; the right column (assist, summary, customer, tickets)
 * desk-side.js.
 */
import { api, isSupervisor, messageOf } from './api.js';
import { busy, h, replace } from './dom.js';
import { Composer, MAX_CHARS } from './desk-composer.js';
import { createSide } from './desk-side.js';
import {
  clockTime,
  eventLabel,
  PRESENCE_LABELS,
  PRIORITY_LABELS,
  shortId,
  STATE_LABELS,
} from './desk-format.js';
import { emitDesk } from './desk-socket.js';
import { channelLabel } from './format.js';

const UNASSIGNED_TEXT = {
  transferred: '会话已转接给其他坐席',
  returned: '会话已转回机器人',
  closed: '会话已结束',
  requeued: '会话已回到排队队列',
};

/**
 * createChat({ id, user, me, container, side, go, accept(id, button), changed() }) → the chat:
 * { id, reload(reason?), resync(), addMessage(m), queueChanged(items), setMe(me), destroy() }.
 */
export function createChat(options) {
  const chat = new Chat(options);
  chat.start();
  return chat;
}

class Chat {
  constructor(options) {
    this.options = options;
    this.id = options.id;
    this.user = options.user;
    this.me = options.me;
    this.alive = true;
    this.detail = null;
    this.messages = new Map();
    this.gone = null; // why this desk may no longer read the chat (403 after a transfer…)
    this.watching = false;
    this.panel = null; // 'note' | 'transfer'
  }

  start() {
    this.build();
    this.side = createSide(this.options.side, this);
    void this.reload();
  }

  destroy() {
    this.alive = false;
    if (this.composer) this.composer.destroy();
    if (this.side) this.side.destroy();
    if (this.watching) emitDesk('unwatch', { conversationId: this.id }).catch(() => {});
  }

  setMe(me) {
    this.me = me;
    if (this.detail) this.renderHead();
  }

  get path() {
    return '/desk/conversations/' + encodeURIComponent(this.id);
  }

  // ─── who may do what ─────────────────────────────────────────────────────────────────────────

  rights() {
    const c = this.detail && this.detail.conversation;
    if (!c || this.gone) return { send: false, act: false, note: false, accept: false, takeOver: false };
    const sup = isSupervisor(this.user);
    const mine =
      c.state === 'agent' && Boolean(c.assignedAgent) && c.assignedAgent.username === this.user.username;
    const act = c.state === 'agent' && (mine || sup);
    return {
      mine,
      send: mine,
      act,
      note: act || c.state === 'queued',
      accept: c.state === 'queued',
      takeOver: sup && ((c.state === 'agent' && !mine) || c.state === 'queued'),
      close: act || (sup && c.state === 'queued'),
    };
  }

  // ─── loading ─────────────────────────────────────────────────────────────────────────────────

  /** Reads the conversation again (after accept, transfer, reconnect…). */
  async reload(reason) {
    let detail;
    try {
      detail = await api(this.path);
    } catch (e) {
      if (!this.alive) return;
      if (e.status === 403 || e.status === 404) {
        // After a transfer or hand-back the server may no longer show this agent the chat: keep
        // what was on screen, read-only, with the reason.
        this.gone = (reason && UNASSIGNED_TEXT[reason] ? UNASSIGNED_TEXT[reason] + '。' : '') + messageOf(e);
        if (this.detail) this.renderAll();
        else this.renderGone();
      } else this.setError(messageOf(e));
      return;
    }
    if (!this.alive) return;
    this.gone = null;
    this.detail = detail;
    this.messages = new Map(detail.messages.map((m) => [m.id, m]));
    if (reason && UNASSIGNED_TEXT[reason]) this.setStatus(UNASSIGNED_TEXT[reason]);
    this.renderAll();
    this.follow();
  }

  /** After a reconnect: follow again and read what was missed. */
  resync() {
    this.watching = false;
    void this.reload();
  }

  /** Chats that are not this desk's own are followed with `watch` (a waiting one, or as supervisor). */
  follow() {
    const rights = this.rights();
    if (rights.mine || this.watching) return;
    this.watching = true;
    emitDesk('watch', { conversationId: this.id }).catch(() => {
      this.watching = false;
    });
  }

  queueChanged(items) {
    const c = this.detail && this.detail.conversation;
    if (!c || c.state !== 'queued') return;
    if (!items.some((item) => item.conversationId === this.id)) void this.reload();
  }

  addMessage(m) {
    if (!m || typeof m.id !== 'string' || this.messages.has(m.id)) return;
    this.messages.set(m.id, m);
    this.appendMessage(m);
    if (m.role === 'customer') this.side.customerWrote();
    // Lifecycle events change what the desk may do: read the conversation again.
    if (m.role === 'system' && /^(handoff_|closed_by_timeout|conversation_closed)/.test(m.event || ''))
      void this.reload();
  }

  // ─── layout ──────────────────────────────────────────────────────────────────────────────────

  build() {
    this.composer = new Composer(this);
    const el = {
      head: h('header', { class: 'chat-head' }),
      status: h('p', { id: 'desk-chat-status', class: 'review-status', role: 'status' }),
      error: h('p', { id: 'desk-chat-error', class: 'form-error', role: 'alert' }),
      confirm: h('div', { id: 'desk-confirm', class: 'desk-confirm', role: 'alertdialog', hidden: true }),
      panel: h('div', { class: 'chat-panel-slot' }),
      readonly: h('p', { id: 'desk-readonly', class: 'notice chat-readonly', hidden: true }),
      transcript: h('ol', { id: 'desk-transcript', class: 'desk-transcript', 'aria-label': '对话记录' }),
    };
    this.el = el;
    this.root = h(
      'article',
      { id: 'desk-chat-view', class: 'chat-view', dataset: { conversationId: this.id } },
      el.head,
      el.status,
      el.error,
      el.confirm,
      el.panel,
      h('div', { class: 'transcript-box' }, el.transcript),
      el.readonly,
      this.composer.form,
    );
    replace(this.options.container, this.root);
    replace(
      el.head,
      backButton(this.options.go),
      h('h2', { class: 'chat-title', text: '访客 ' + shortId(this.id) }),
    );
    el.transcript.appendChild(h('li', { class: 'loading', text: '加载中…' }));
  }

  renderGone() {
    replace(
      this.el.head,
      backButton(this.options.go),
      h('h2', { class: 'chat-title', text: '访客 ' + shortId(this.id) }),
    );
    this.el.transcript.replaceChildren();
    this.setError(this.gone);
    this.composer.form.hidden = true;
  }

  renderAll() {
    this.renderHead();
    this.renderTranscript();
    this.renderComposerState();
    this.side.render(this.detail, this.rights());
  }

  renderHead() {
    const c = this.detail.conversation;
    const rights = this.rights();
    this.root.dataset.state = c.state;
    const agent = c.assignedAgent;
    const actions = [];
    const button = (id, text, handler, extra) =>
      h('button', { type: 'button', id, class: 'btn btn-small ' + (extra || ''), onclick: handler }, text);
    if (rights.accept)
      actions.push(
        button(
          'desk-accept',
          '接入',
          (e) => void this.options.accept(this.id, e.currentTarget),
          'btn-primary',
        ),
      );
    if (rights.takeOver) actions.push(button('desk-takeover', '接管', () => this.takeOver(), 'btn-primary'));
    if (rights.note) actions.push(button('desk-note-toggle', '备注', () => this.togglePanel('note')));
    if (rights.act) {
      actions.push(button('desk-transfer-toggle', '转接', () => this.togglePanel('transfer')));
      actions.push(
        button('desk-return', '转回机器人', () =>
          this.confirm('确定把会话转回机器人吗？客户之后由AI智能客服继续服务。', '转回机器人', () =>
            this.action('/return-to-bot', undefined, '已转回机器人', 'returned'),
          ),
        ),
      );
    }
    if (rights.close)
      actions.push(
        button(
          'desk-close',
          '结束会话',
          () =>
            this.confirm('确定结束本次会话吗？系统会向客户发送结束语并邀请评价。', '结束会话', () =>
              this.action('/close', undefined, '会话已结束', 'closed'),
            ),
          'btn-danger',
        ),
      );
    replace(
      this.el.head,
      backButton(this.options.go),
      h(
        'div',
        { class: 'chat-heading' },
        h(
          'h2',
          { class: 'chat-title' },
          '访客 ' + shortId(this.id),
          ' ',
          h('span', {
            id: 'desk-chat-state',
            class: 'badge state-badge state-' + (this.gone ? 'closed' : c.state),
            dataset: { state: c.state },
            text: this.gone ? '只读' : STATE_LABELS[c.state] || c.state,
          }),
        ),
        h(
          'p',
          { class: 'chat-meta muted' },
          [
            channelLabel(c.channel),
            c.skillTitle || c.skill,
            c.reasonTitle,
            c.priority ? PRIORITY_LABELS[c.priority] : null,
            agent && !this.gone ? '坐席 ' + agent.displayName + '（' + agent.username + '）' : null,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
      h('div', { class: 'chat-actions' }, actions),
    );
  }

  // ─── transcript ──────────────────────────────────────────────────────────────────────────────

  renderTranscript() {
    const sorted = Array.from(this.messages.values()).sort((a, b) => a.seq - b.seq);
    replace(
      this.el.transcript,
      sorted.map((m) => messageNode(m, this.reasonTitles())),
    );
    this.scrollToEnd(true);
  }

  appendMessage(m) {
    const node = messageNode(m, this.reasonTitles());
    const list = this.el.transcript;
    const after = Array.from(list.children).filter((li) => Number(li.dataset.seq) > m.seq);
    const near = this.nearEnd();
    if (after.length > 0) list.insertBefore(node, after[0]);
    else list.appendChild(node);
    this.scrollToEnd(near);
  }

  /** Handoff reason keys the server writes into event notes (explicit_request…) → their titles. */
  reasonTitles() {
    const titles = new Map();
    const d = this.detail;
    if (d && d.conversation.reason && d.conversation.reasonTitle)
      titles.set(d.conversation.reason, d.conversation.reasonTitle);
    if (d && d.summary && d.summary.reason && d.summary.reasonTitle)
      titles.set(d.summary.reason, d.summary.reasonTitle);
    return titles;
  }

  nearEnd() {
    const box = this.el.transcript.parentElement;
    return box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  }

  scrollToEnd(force) {
    const box = this.el.transcript.parentElement;
    if (force) box.scrollTop = box.scrollHeight;
  }

  // ─── status lines ────────────────────────────────────────────────────────────────────────────

  setStatus(text) {
    this.el.status.textContent = text || '';
    if (text) this.el.error.textContent = '';
  }

  setError(text) {
    this.el.error.textContent = text || '';
    if (text) this.el.status.textContent = '';
  }

  /** Inline confirmation of a destructive action (no browser dialog). */
  confirm(question, label, run) {
    const box = this.el.confirm;
    const close = () => {
      box.hidden = true;
      box.replaceChildren();
    };
    replace(
      box,
      h('p', { text: question }),
      h(
        'div',
        { class: 'form-actions' },
        h(
          'button',
          {
            type: 'button',
            id: 'desk-confirm-yes',
            class: 'btn btn-danger btn-small',
            onclick: async (e) => {
              e.currentTarget.disabled = true;
              await run();
              close();
            },
          },
          '确定' + label,
        ),
        h(
          'button',
          { type: 'button', id: 'desk-confirm-no', class: 'btn btn-small', onclick: close },
          '取消',
        ),
      ),
    );
    box.hidden = false;
    box.querySelector('#desk-confirm-yes').focus();
  }

  /** POST an action of the conversation; reload and tell the lists on success. */
  async action(suffix, body, done, leaving) {
    try {
      await api(this.path + suffix, { method: 'POST', body });
      if (!this.alive) return true;
      this.setStatus(done);
      this.panel = null;
      this.el.panel.replaceChildren();
      this.options.changed();
      await this.reload(leaving);
      return true;
    } catch (e) {
      if (this.alive) this.setError(messageOf(e));
      return false;
    }
  }

  takeOver() {
    return this.action('/transfer', { agent: this.user.username }, '已接管该会话，现在可以回复客户');
  }

  // ─── note and transfer panels ────────────────────────────────────────────────────────────────

  togglePanel(kind) {
    if (this.panel === kind) {
      this.panel = null;
      this.el.panel.replaceChildren();
      return;
    }
    this.panel = kind;
    replace(this.el.panel, kind === 'note' ? this.noteForm() : this.transferForm());
  }

  noteForm() {
    const input = h('textarea', {
      id: 'desk-note-input',
      rows: 2,
      maxlength: MAX_CHARS,
      placeholder: '内部备注仅同事可见，不会发给客户，也不计入质检',
    });
    const form = h(
      'form',
      { id: 'desk-note-form', class: 'chat-panel', novalidate: true },
      h('label', { for: 'desk-note-input', class: 'panel-label', text: '添加内部备注' }),
      input,
      h(
        'div',
        { class: 'form-actions' },
        h(
          'button',
          { type: 'submit', id: 'desk-note-submit', class: 'btn btn-primary btn-small' },
          '保存备注',
        ),
        h(
          'button',
          { type: 'button', class: 'btn btn-small', onclick: () => this.togglePanel('note') },
          '取消',
        ),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) {
        this.setError('请填写备注内容');
        input.focus();
        return;
      }
      void busy(form, async () => {
        try {
          const note = await api(this.path + '/notes', { method: 'POST', body: { text } });
          if (!this.alive) return;
          this.addMessage(note);
          this.setStatus('已添加内部备注');
          this.togglePanel('note');
        } catch (e) {
          if (this.alive) this.setError(messageOf(e));
        }
      });
    });
    setTimeout(() => input.focus());
    return form;
  }

  transferForm() {
    const skills = (this.me && this.me.skills) || [];
    const skill = h(
      'select',
      { id: 'desk-transfer-skill' },
      skills.map((s) => h('option', { value: s.key }, s.title)),
    );
    const agent = h('select', { id: 'desk-transfer-agent' }, h('option', { value: '' }, '加载中…'));
    const form = h(
      'form',
      { id: 'desk-transfer-form', class: 'chat-panel', novalidate: true },
      h('p', { class: 'panel-label', text: '转接会话（转出后由对方继续服务）' }),
      h(
        'div',
        { class: 'transfer-row' },
        h('label', { for: 'desk-transfer-skill', text: '转给技能组' }),
        skill,
        h(
          'button',
          {
            type: 'button',
            id: 'desk-transfer-to-skill',
            class: 'btn btn-small',
            onclick: () => {
              const option = skill.selectedOptions[0];
              if (!option) return;
              this.confirm('确定转接到「' + option.textContent + '」吗？客户会回到队列最前。', '转接', () =>
                this.action(
                  '/transfer',
                  { skill: skill.value },
                  '已转接到「' + option.textContent + '」',
                  'transferred',
                ),
              );
            },
          },
          '转给技能组',
        ),
      ),
      h(
        'div',
        { class: 'transfer-row' },
        h('label', { for: 'desk-transfer-agent', text: '转给坐席' }),
        agent,
        h(
          'button',
          {
            type: 'button',
            id: 'desk-transfer-to-agent',
            class: 'btn btn-small',
            onclick: () => {
              if (!agent.value) {
                this.setError('请选择在线的坐席');
                return;
              }
              const name = agent.selectedOptions[0].dataset.name;
              this.confirm('确定把会话转给 ' + name + ' 吗？', '转接', () =>
                this.action('/transfer', { agent: agent.value }, '已转接给 ' + name, 'transferred'),
              );
            },
          },
          '转给坐席',
        ),
      ),
      h(
        'button',
        { type: 'button', class: 'btn btn-small', onclick: () => this.togglePanel('transfer') },
        '取消',
      ),
    );
    void this.loadAgents(agent);
    return form;
  }

  async loadAgents(select) {
    try {
      const { items } = await api('/desk/agents');
      if (!this.alive) return;
      const others = items.filter((a) => a.username !== this.user.username);
      const options = others.map((a) =>
        h(
          'option',
          {
            value: a.username,
            disabled: a.presence !== 'online',
            dataset: { name: a.displayName, presence: a.presence },
          },
          a.displayName +
            '（' +
            a.username +
            '）· ' +
            (PRESENCE_LABELS[a.presence] || a.presence) +
            ' · 接待 ' +
            a.load +
            '/' +
            a.capacity,
        ),
      );
      const firstOnline = others.find((a) => a.presence === 'online');
      replace(select, h('option', { value: '' }, firstOnline ? '请选择坐席' : '暂无在线坐席'), options);
      if (firstOnline) select.value = firstOnline.username;
    } catch (e) {
      if (this.alive) this.setError(messageOf(e));
    }
  }

  // ─── composer ────────────────────────────────────────────────────────────────────────────────

  renderComposerState() {
    const rights = this.rights();
    const c = this.detail.conversation;
    this.composer.form.hidden = !rights.send;
    let why = '';
    if (!rights.send) {
      if (this.gone) why = this.gone;
      else if (c.state === 'queued') why = '客户正在排队，接入后才能回复。';
      else if (c.state === 'bot') why = '会话已转回机器人，由AI智能客服服务。';
      else if (c.state === 'closed') why = '会话已结束。';
      else if (c.state === 'agent')
        why =
          '该会话由 ' +
          (c.assignedAgent ? c.assignedAgent.displayName : '其他坐席') +
          ' 服务中' +
          (isSupervisor(this.user) ? '，接管后才能回复客户。' : '。');
    }
    this.el.readonly.hidden = !why;
    this.el.readonly.textContent = why;
  }

  /** 插入 of an assist script: into the composer where the cursor is, for the agent to edit. */
  insertText(text) {
    this.composer.insert(text);
  }
}

function backButton(go) {
  return h(
    'button',
    { type: 'button', id: 'desk-back', class: 'btn btn-small desk-back', onclick: () => go('#/desk') },
    '← 返回列表',
  );
}

/** One transcript entry: a message bubble, an internal note, or a grey system line. */
function messageNode(m, reasonTitles) {
  const time = h('time', { class: 'msg-time', datetime: m.createdAt, text: clockTime(m.createdAt) });
  if (m.role === 'system' && !m.note) {
    const label = eventLabel(m.event);
    let text = String(m.text || '');
    for (const [key, title] of reasonTitles) text = text.split(key).join(title);
    // Notes often repeat the event's name before a colon (「进入人工队列：综合服务」): say it once.
    const colon = text.indexOf('：');
    if (colon > 0 && label.includes(text.slice(0, colon))) text = text.slice(colon + 1);
    return h(
      'li',
      {
        class: 'desk-event',
        dataset: { id: m.id, seq: String(m.seq), role: 'system', event: m.event || '' },
      },
      time,
      ' ',
      h('span', { class: 'event-label', text: label }),
      text ? h('span', { class: 'event-text', text: '：' + text }) : null,
    );
  }
  let speaker;
  if (m.note) speaker = '内部备注' + (m.agent ? ' · ' + m.agent.displayName : '');
  else if (m.role === 'customer') speaker = '客户';
  else if (m.role === 'bot') speaker = m.notice ? 'AI客服 · 系统通知' : 'AI客服';
  else if (m.role === 'agent')
    speaker = '坐席 ' + (m.agent ? m.agent.displayName + '（' + m.agent.username + '）' : '');
  else speaker = m.role;
  const role = m.note ? 'note' : m.role;
  return h(
    'li',
    {
      class: 'desk-msg role-' + role,
      dataset: {
        id: m.id,
        seq: String(m.seq),
        role: m.role,
        note: m.note ? 'true' : null,
        agent: m.agent ? m.agent.username : null,
      },
    },
    h('div', { class: 'msg-meta' }, h('span', { class: 'speaker', text: speaker }), time),
    h('p', { class: 'msg-text', text: m.text }),
    Array.isArray(m.citations) && m.citations.length > 0
      ? h(
          'div',
          { class: 'desk-citations' },
          m.citations.map((c) =>
            h('span', {
              class: 'chip desk-citation',
              dataset: { scriptId: c.scriptId },
              title: c.title,
              text: '话术 ' + c.scriptId + ' v' + c.version + ' ' + c.title,
            }),
          ),
        )
      : null,
    Array.isArray(m.overridden) && m.overridden.length > 0
      ? h('span', { class: 'badge badge-warn', text: '已确认发送（触发 ' + m.overridden.join('、') + '）' })
      : null,
  );
}
