/*
 * The composer of the open chat: the agent's reply with a character counter; POST …/messages with a
 * fresh clientMsgId per message and the same one when a failed send is retried with the text
 * unchanged (重试, or 仍要发送 after a 422); POST …/check while the agent types (debounced) shows
 * the compliance warnings, each naming its rule (check id and title, category, the matched words);
 * a 422 HANDOFF.DRAFT_WARNINGS shows them with 仍要发送, which re-sends with override: true.
 */
import { api, messageOf } from './api.js';
import { h, replace } from './dom.js';
import { newClientMsgId } from './desk-format.js';

export const MAX_CHARS = 2000;
const CHECK_DELAY_MS = 600;

export class Composer {
  /** chat: the open chat (path, rights(), addMessage(), setStatus(), reload(), alive). */
  constructor(chat) {
    this.chat = chat;
    this.lastAttempt = null; // { clientMsgId, text } of the last send that did not go through
    this.blocked = null; // warnings of a 422 refusal
    this.liveWarnings = [];
    this.checkSeq = 0;
    this.checkTimer = null;
    this.sending = false;
    this.build();
  }

  get alive() {
    return this.chat.alive;
  }

  destroy() {
    clearTimeout(this.checkTimer);
  }

  build() {
    const input = h('textarea', {
      id: 'desk-input',
      rows: 3,
      placeholder: '输入回复（Enter 发送，Shift+Enter 换行）',
      'aria-label': '回复客户',
    });
    const counter = h('span', { id: 'desk-counter', class: 'hint', text: '0/' + MAX_CHARS });
    const send = h('button', { type: 'submit', id: 'desk-send', class: 'btn btn-primary' }, '发送');
    const warnings = h('div', {
      id: 'desk-warnings',
      class: 'desk-warnings',
      hidden: true,
      'aria-live': 'polite',
    });
    const sendError = h('div', { id: 'desk-send-error', class: 'form-error', role: 'alert' });
    const form = h(
      'form',
      { id: 'desk-composer', class: 'desk-composer', novalidate: true },
      warnings,
      input,
      h('div', { class: 'composer-row' }, counter, sendError, send),
    );
    this.input = input;
    this.counterEl = counter;
    this.sendButton = send;
    this.warningsEl = warnings;
    this.sendErrorEl = sendError;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send(false);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
      event.preventDefault();
      void this.send(false);
    });
    input.addEventListener('input', () => this.edited());
    this.form = form;
  }

  /** The script text goes into the composer where the cursor is, for the agent to edit. */
  insert(text) {
    const input = this.input;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    const caret = start + text.length;
    input.focus();
    input.setSelectionRange(caret, caret);
    this.edited();
  }

  edited() {
    const text = this.input.value.trim();
    const length = Array.from(text).length;
    this.counterEl.textContent = length + '/' + MAX_CHARS;
    this.counterEl.classList.toggle('over', length > MAX_CHARS);
    if (this.blocked && (!this.lastAttempt || this.lastAttempt.text !== text)) this.blocked = null;
    this.renderWarnings();
    clearTimeout(this.checkTimer);
    if (!text || length > MAX_CHARS || !this.chat.rights().act) {
      this.liveWarnings = [];
      this.checkSeq++;
      this.renderWarnings();
      return;
    }
    this.checkTimer = setTimeout(() => void this.check(text), CHECK_DELAY_MS);
  }

  async check(text) {
    const seq = ++this.checkSeq;
    try {
      const { warnings } = await api(this.chat.path + '/check', { method: 'POST', body: { text } });
      if (!this.alive || seq !== this.checkSeq) return;
      this.liveWarnings = warnings || [];
    } catch (_) {
      if (!this.alive || seq !== this.checkSeq) return;
      this.liveWarnings = []; // the send itself checks again
    }
    this.renderWarnings();
  }

  renderWarnings() {
    const box = this.warningsEl;
    const blocked = this.blocked;
    const list = blocked || this.liveWarnings;
    box.hidden = list.length === 0;
    box.dataset.mode = blocked ? 'blocked' : 'live';
    if (list.length === 0) {
      box.replaceChildren();
      return;
    }
    replace(
      box,
      h('p', {
        class: 'warnings-title',
        text: blocked
          ? '发送被拦截：这条回复可能违反服务规范。请修改后再发送，或确认无误后仍要发送（将记录并提交质检）。'
          : '规范提醒：以下内容可能违反服务规范，请在发送前确认。',
      }),
      h(
        'ul',
        { class: 'warning-list' },
        list.map((w) =>
          h(
            'li',
            {
              class: 'desk-warning sev-' + w.severity,
              dataset: {
                check: w.checkId || '',
                lexicon: w.lexicon,
                category: w.category,
                severity: w.severity,
              },
            },
            h('strong', {
              class: 'warning-rule',
              text: (w.checkId || w.lexicon) + (w.checkTitle ? ' ' + w.checkTitle : ''),
            }),
            ' · ' + (w.categoryTitle || w.category) + ' · 命中「',
            h('mark', { class: 'warning-match', text: w.matched }),
            '」',
            w.severity === 'critical' ? h('span', { class: 'badge badge-red', text: '红线' }) : null,
            w.contextMatters || w.note
              ? h('span', {
                  class: 'sub',
                  text: (w.contextMatters ? '需结合语境判断。' : '') + (w.note || ''),
                })
              : null,
          ),
        ),
      ),
      blocked
        ? h(
            'button',
            {
              type: 'button',
              id: 'desk-override',
              class: 'btn btn-danger btn-small',
              onclick: () => void this.send(true),
            },
            '仍要发送',
          )
        : null,
    );
  }

  showSendError(message, retry) {
    replace(
      this.sendErrorEl,
      message || '',
      retry
        ? h(
            'button',
            {
              type: 'button',
              id: 'desk-retry',
              class: 'btn btn-small',
              onclick: () => void this.send(false),
            },
            '重试',
          )
        : null,
    );
  }

  /** Sends the composer's text; a failed send retried unchanged keeps its clientMsgId. */
  async send(override) {
    if (this.sending) return;
    const text = this.input.value.trim();
    if (!text) {
      this.showSendError('请输入回复内容');
      this.input.focus();
      return;
    }
    if (Array.from(text).length > MAX_CHARS) {
      this.showSendError('回复最多 ' + MAX_CHARS + ' 字，请精简后再发送');
      return;
    }
    const same = this.lastAttempt && this.lastAttempt.text === text;
    const clientMsgId = same ? this.lastAttempt.clientMsgId : newClientMsgId();
    this.lastAttempt = { clientMsgId, text };
    this.sending = true;
    this.sendButton.disabled = true;
    this.sendButton.textContent = '发送中…';
    this.showSendError('');
    try {
      const body = { clientMsgId, text };
      if (override) body.override = true;
      const result = await api(this.chat.path + '/messages', { method: 'POST', body });
      if (!this.alive) return;
      this.chat.addMessage(result.message);
      this.chat.setStatus('');
      this.lastAttempt = null;
      this.blocked = null;
      this.liveWarnings = [];
      this.checkSeq++;
      clearTimeout(this.checkTimer);
      this.input.value = '';
      this.edited();
      this.input.focus();
    } catch (e) {
      if (!this.alive) return;
      if (e.code === 'HANDOFF.DRAFT_WARNINGS' && e.details && Array.isArray(e.details.warnings)) {
        this.blocked = e.details.warnings;
        this.renderWarnings();
        this.showSendError('');
      } else {
        this.showSendError(messageOf(e), e.status === 0 || e.status >= 500 || e.status === 429);
        if (e.status === 403 || e.status === 409) void this.chat.reload();
      }
    } finally {
      this.sending = false;
      if (this.sendButton.isConnected) {
        this.sendButton.disabled = false;
        this.sendButton.textContent = '发送';
      }
    }
  }
}
