/*
 * 安心保险 在线客服 widget: plain browser JavaScript, no build step, no framework.
 * Speaks exactly the API of docs/api/web-chat.md: POST /api/chat/sessions, then the socket.io
 * namespace /chat ("history" after every connect, "message:send" with an idempotent clientMsgId,
 * live "message" events, "conversation:end", and the rating form on "csat:invite" answered with
 * "csat:submit"). State lives in two maps (stored messages by id, unacked sends by
 * clientMsgId); render() reconciles the list from them. Message text only ever goes through
 * textContent, never innerHTML.
 */
(function () {
  'use strict';

  const STORAGE_KEY = 'anxin.visitorId';
  const MAX_CHARS = 2000;
  const ACK_TIMEOUT_MS = 10000;
  const HISTORY_PAGE = 200;
  const ROLES = ['customer', 'bot', 'agent', 'system'];
  const ROLE_LABELS = { bot: 'AI智能客服', agent: '人工客服' };
  const ROLE_SR_LABELS = { customer: '您：', system: '系统通知：' };
  const TOKEN_ERRORS = ['CHANNEL.TOKEN_EXPIRED', 'CHANNEL.TOKEN_INVALID'];
  const STATUS_TEXT = { connecting: '连接中…', connected: '已连接', disconnected: '网络已断开，正在重连…' };
  const TOO_LONG_NOTE = '消息最多 ' + MAX_CHARS + ' 字，请精简后再发送。';
  const CSAT_DONE_KEY = 'anxin.csat.done'; // conversation ids rated or dismissed: never asked again
  const CSAT_DONE_MAX = 50;
  const CSAT_DEFAULT = { scale: 5, commentMaxLength: 500 };
  const CSAT_WORDS = ['非常不满意', '不满意', '一般', '满意', '非常满意']; // for a 5-star scale
  const CSAT_TEXT = {
    thanks: '感谢您的评价！',
    noScore: '请先选择星级后再提交。',
    offline: '网络已断开，请稍后重试。',
    timeout: '网络不稳定，评价未提交，请稍后重试。',
    failed: '评价提交失败，请稍后重试。',
    endFailed: '结束会话失败，请稍后重试。',
  };

  const el = {
    body: document.getElementById('chat-body'),
    list: document.getElementById('messages'),
    form: document.getElementById('composer'),
    input: document.getElementById('composer-input'),
    send: document.getElementById('send-button'),
    status: document.getElementById('status'),
    error: document.getElementById('composer-error'),
    counter: document.getElementById('composer-counter'),
    end: document.getElementById('end-button'),
    endedNote: document.getElementById('ended-note'),
    csat: document.getElementById('csat'),
    csatPrompt: document.getElementById('csat-prompt'),
    csatForm: document.getElementById('csat-form'),
    csatStars: document.getElementById('csat-stars'),
    csatScoreLabel: document.getElementById('csat-score-label'),
    csatComment: document.getElementById('csat-comment'),
    csatCounter: document.getElementById('csat-counter'),
    csatError: document.getElementById('csat-error'),
    csatSkip: document.getElementById('csat-skip'),
    csatSubmit: document.getElementById('csat-submit'),
    csatThanks: document.getElementById('csat-thanks'),
  };

  const state = {
    visitorId: readVisitorId(),
    conversationId: null,
    messages: new Map(), // message id -> MessageDto (stored on the server)
    pending: new Map(), // clientMsgId -> { clientMsgId, text, status: 'pending' | 'failed', attempt, shadowedBy }
    nodes: new Map(), // render key ('m:<id>' | 'p:<clientMsgId>' | 'd:<draftId>' | 'typing') -> <li>
    drafts: new Map(), // draftId -> text streamed so far (replaced by the message with that draftId)
    typing: false, // the bot is composing
    sendCounter: 0,
    socket: null,
    syncGen: 0,
    refreshing: false,
    refreshFailures: 0,
    errorKind: null, // 'length' | 'send' | null: what #composer-error currently explains
    ending: false, // a conversation:end is awaiting its ack
    csat: null, // the rating form shown: { conversationId, scale, commentMaxLength, score, thanks, sending, done }
    csatDone: new Set(readCsatDone()),
  };

  // ---------- small helpers ----------

  function readVisitorId() {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch (_) {
      return null; // storage disabled: the visitor simply starts afresh
    }
  }

  function saveVisitorId(id) {
    state.visitorId = id;
    try {
      if (id) localStorage.setItem(STORAGE_KEY, id);
      else localStorage.removeItem(STORAGE_KEY);
    } catch (_) {
      /* storage disabled */
    }
  }

  const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const backoff = (attempt) => Math.min(1000 * 2 ** attempt, 30000);
  const charCount = (text) => Array.from(text).length; // code points, like the server

  function setStatus(key) {
    if (el.status.dataset.state === key) return; // avoid re-announcing the same state
    el.status.dataset.state = key;
    el.status.textContent = STATUS_TEXT[key];
  }

  function showError(message, kind) {
    el.error.textContent = message || '';
    state.errorKind = message ? kind : null;
  }

  function maxSeq() {
    let max = 0;
    state.messages.forEach((m) => {
      if (m.seq > max) max = m.seq;
    });
    return max;
  }

  // ---------- session and connection ----------

  /** POST /api/chat/sessions until it succeeds (same visitorId when we have one). */
  async function createSession() {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch('/api/chat/sessions', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(state.visitorId ? { visitorId: state.visitorId } : {}),
        });
        const body = await res.json().catch(() => null);
        if (res.ok && body && body.token) {
          saveVisitorId(body.visitorId);
          return body;
        }
        const code = body && body.error && body.error.code;
        if (res.status === 400 && code === 'CHANNEL.INVALID_PAYLOAD' && state.visitorId) {
          saveVisitorId(null); // the stored id is unusable: start a new visitor
          continue;
        }
      } catch (_) {
        /* network down: retry below */
      }
      setStatus('disconnected');
      await delay(backoff(attempt));
    }
  }

  async function start() {
    setStatus('connecting');
    if (typeof window.io !== 'function') {
      showError('在线客服暂时无法加载，请稍后刷新页面重试。', 'send');
      setStatus('disconnected');
      return;
    }
    const session = await createSession();
    const socket = window.io('/chat', { auth: { token: session.token }, transports: ['websocket'] });
    state.socket = socket;
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.on('message', (dto) => addMessages([dto], true));
    socket.on('typing', () => {
      state.typing = true;
      render(false);
    });
    socket.on('csat:invite', offerCsat);
    socket.on('message:delta', (delta) => {
      if (!delta || typeof delta.draftId !== 'string' || typeof delta.text !== 'string') return;
      state.drafts.set(delta.draftId, (state.drafts.get(delta.draftId) || '') + delta.text);
      render(false);
    });
  }

  function onConnect() {
    state.refreshFailures = 0;
    setStatus('connected');
    syncHistory(true);
  }

  function onDisconnect(reason) {
    setStatus('disconnected');
    // The server closed us on purpose: socket.io will not retry by itself.
    if (reason === 'io server disconnect') setTimeout(() => state.socket.connect(), 1000);
  }

  function onConnectError(err) {
    setStatus('disconnected');
    const code = err && err.data && err.data.code;
    if (TOKEN_ERRORS.indexOf(code) !== -1) {
      refreshAndReconnect();
    } else if (!state.socket.active) {
      setTimeout(() => state.socket.connect(), backoff(2)); // refused for another reason
    }
  }

  /** Expired or rejected token: get a fresh session for the same visitor and reconnect. */
  async function refreshAndReconnect() {
    if (state.refreshing) return;
    state.refreshing = true;
    if (state.refreshFailures > 0) await delay(backoff(state.refreshFailures));
    state.refreshFailures++;
    const session = await createSession();
    state.socket.auth = { token: session.token };
    state.refreshing = false;
    state.socket.connect();
  }

  /** history with afterSeq = highest seq shown; pages until caught up; flushes unacked sends after a connect. */
  function syncHistory(flushAfter) {
    const socket = state.socket;
    if (!socket || !socket.connected) return; // the next connect syncs
    const gen = ++state.syncGen;
    socket.timeout(ACK_TIMEOUT_MS).emit('history', { afterSeq: maxSeq() }, (err, ack) => {
      if (gen !== state.syncGen || !socket.connected) return;
      if (err || !ack || ack.error || !Array.isArray(ack.messages)) {
        setTimeout(() => syncHistory(flushAfter), 2000);
        return;
      }
      if (state.conversationId && ack.conversationId !== state.conversationId) {
        resetConversation(ack.conversationId); // old conversation closed: show the new one from the start
        syncHistory(flushAfter);
        return;
      }
      state.conversationId = ack.conversationId;
      addMessages(ack.messages, false);
      if (ack.messages.length >= HISTORY_PAGE) syncHistory(flushAfter);
      else if (flushAfter) flushPending();
    });
  }

  function resetConversation(conversationId) {
    state.conversationId = conversationId;
    state.messages.clear();
    state.pending.forEach((p) => (p.shadowedBy = null));
    state.nodes.forEach((node) => node.remove());
    state.nodes.clear();
    el.endedNote.hidden = true;
    if (state.csat && state.csat.done) closeCsat(); // a form still open stays: it names its conversation
  }

  // ---------- messages ----------

  function addMessages(list, live) {
    let added = false;
    for (const m of list) {
      if (!m || typeof m.id !== 'string' || state.messages.has(m.id)) continue;
      if (live && state.conversationId && m.conversationId !== state.conversationId) {
        syncHistory(false); // a new conversation started: history resets the view
        continue;
      }
      state.messages.set(m.id, m);
      if (m.role === 'customer') adoptPending(m);
      if (m.role !== 'customer') {
        state.typing = false;
        if (m.draftId) state.drafts.delete(m.draftId);
      }
      added = true;
    }
    if (added) render(false);
  }

  /** Our own message arrived before its ack: let its optimistic bubble become the stored one. */
  function adoptPending(m) {
    for (const p of state.pending.values()) {
      if (p.status === 'pending' && !p.shadowedBy && p.text === m.text) {
        p.shadowedBy = m.id;
        moveNode('p:' + p.clientMsgId, 'm:' + m.id);
        return;
      }
    }
  }

  function moveNode(from, to) {
    const node = state.nodes.get(from);
    if (!node || state.nodes.has(to)) return;
    state.nodes.delete(from);
    state.nodes.set(to, node);
  }

  // ---------- sending ----------

  function submit(raw) {
    const text = String(raw || '').trim();
    if (!text) return false;
    if (charCount(text) > MAX_CHARS) {
      showError(TOO_LONG_NOTE, 'length');
      return false;
    }
    // Random, so two tabs of the same visitor never reuse an id (a reused id is treated as a retry).
    const clientMsgId =
      'c-' + (crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + ++state.sendCounter);
    const p = { clientMsgId, text, status: 'pending', attempt: 0, shadowedBy: null };
    state.pending.set(clientMsgId, p);
    if (state.errorKind === 'send') showError('');
    render(true);
    emitSend(p);
    return true;
  }

  /** Emits message:send with the message's one clientMsgId; safe to repeat (the server de-duplicates). */
  function emitSend(p) {
    const socket = state.socket;
    if (!socket || !socket.connected) return; // stays pending; flushed after the next connect
    const attempt = ++p.attempt;
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emit('message:send', { clientMsgId: p.clientMsgId, text: p.text }, (err, ack) => {
        if (state.pending.get(p.clientMsgId) !== p) return; // already settled
        if (!err && ack && typeof ack.messageId === 'string') return onSendAck(p, ack);
        if (attempt !== p.attempt) return; // a newer attempt is in flight
        if (err) {
          if (socket.connected) emitSend(p); // no ack in time: same clientMsgId again
          return;
        }
        p.status = 'failed';
        const message = (ack && ack.error && ack.error.message) || '消息发送失败，请稍后重试。';
        showError(message, 'send');
        render(false);
      });
  }

  function onSendAck(p, ack) {
    state.pending.delete(p.clientMsgId);
    const sameConversation = !state.conversationId || ack.conversationId === state.conversationId;
    if (sameConversation && !state.messages.has(ack.messageId)) {
      moveNode('p:' + p.clientMsgId, 'm:' + ack.messageId); // the optimistic bubble becomes the stored one
      const createdAt = new Date().toISOString();
      const dto = { id: ack.messageId, conversationId: ack.conversationId, seq: ack.seq, role: 'customer' };
      state.messages.set(ack.messageId, Object.assign(dto, { text: p.text, citations: [], createdAt }));
    }
    // Stored in another conversation than the one shown: history decides which one is current.
    if (!sameConversation) syncHistory(false);
    render(false);
  }

  function retry(p) {
    if (state.pending.get(p.clientMsgId) !== p) return;
    p.status = 'pending';
    if (state.errorKind === 'send') showError('');
    render(false);
    emitSend(p);
  }

  /** After (re)connect: re-send unacked messages in order, spaced to stay under the rate limit. */
  function flushPending() {
    let i = 0;
    state.pending.forEach((p) => {
      if (p.status === 'pending') setTimeout(() => emitSend(p), 300 * i++);
    });
  }

  // ---------- rendering ----------

  function render(forceScroll) {
    const box = el.body;
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    const items = [];
    const sorted = Array.from(state.messages.values()).sort((a, b) => a.seq - b.seq);
    const last = sorted[sorted.length - 1];
    const waiting = Array.from(state.pending.values()).some((p) => !p.shadowedBy);
    sorted.forEach((m) => {
      // Quick replies are offered under the latest message only; older ones are history.
      const quick =
        !waiting &&
        m === last &&
        m.role === 'bot' &&
        Array.isArray(m.quickReplies) &&
        m.quickReplies.length > 0;
      items.push([
        'm:' + m.id,
        'm|' + m.id + '|' + m.seq + (quick ? '|q' : ''),
        (node) => fillMessage(node, m, quick),
      ]);
    });
    state.pending.forEach((p) => {
      if (!p.shadowedBy) items.push(['p:' + p.clientMsgId, 'p|' + p.status, (node) => fillPending(node, p)]);
    });
    state.drafts.forEach((text, draftId) => {
      items.push(['d:' + draftId, 'd|' + text.length, (node) => fillDraft(node, text)]);
    });
    if (state.typing && state.drafts.size === 0) items.push(['typing', 'typing', fillTyping]);

    const keep = new Set(items.map((item) => item[0]));
    state.nodes.forEach((node, key) => {
      if (keep.has(key)) return;
      node.remove();
      state.nodes.delete(key);
    });
    let prev = null;
    for (const [key, signature, fill] of items) {
      let node = state.nodes.get(key);
      if (!node) {
        node = document.createElement('li');
        state.nodes.set(key, node);
      }
      if (node.dataset.signature !== signature) {
        fill(node); // only touch changed nodes, so aria-live announces just what is new
        node.dataset.signature = signature;
      }
      const expected = prev ? prev.nextSibling : el.list.firstChild;
      if (node !== expected) el.list.insertBefore(node, expected);
      prev = node;
    }
    if (forceScroll || nearBottom) box.scrollTop = box.scrollHeight;
  }

  function part(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A bot answer still being composed (message:delta pieces): provisional until its message arrives. */
  function fillDraft(node, text) {
    node.className = 'msg msg--bot msg--draft';
    node.dataset.role = 'bot';
    node.dataset.state = 'draft';
    node.replaceChildren(part('span', 'msg-label', ROLE_LABELS.bot), part('div', 'msg-bubble', text));
  }

  function fillTyping(node) {
    node.className = 'msg msg--bot msg--typing';
    node.dataset.state = 'typing';
    node.replaceChildren(part('div', 'msg-bubble', '小安正在输入…'));
  }

  /** 人工客服 · 客服 刘洋 for an agent message that carries the agent's name (MessageDto displayName). */
  function roleLabel(role, m) {
    const name = role === 'agent' && typeof m.displayName === 'string' ? m.displayName.trim() : '';
    return name ? ROLE_LABELS[role] + ' · ' + name : ROLE_LABELS[role];
  }

  function fillMessage(node, m, showQuickReplies) {
    const role = ROLES.indexOf(m.role) !== -1 ? m.role : 'system';
    node.className = 'msg msg--' + role;
    node.dataset.role = String(m.role);
    node.dataset.seq = String(m.seq);
    node.dataset.id = m.id;
    delete node.dataset.clientMsgId;
    delete node.dataset.state;
    const children = [];
    if (ROLE_LABELS[role]) children.push(part('span', 'msg-label', roleLabel(role, m)));
    if (ROLE_SR_LABELS[role]) children.push(part('span', 'visually-hidden', ROLE_SR_LABELS[role]));
    children.push(part('div', 'msg-bubble', String(m.text == null ? '' : m.text)));
    if (role === 'bot' && Array.isArray(m.citations) && m.citations.length > 0) {
      const box = part('div', 'citations');
      for (const c of m.citations) {
        const cite = part('div', 'citation', '参考话术：' + String(c.title || c.scriptId));
        cite.setAttribute('data-script-id', String(c.scriptId));
        box.appendChild(cite);
      }
      children.push(box);
    }
    if (showQuickReplies) {
      const box = part('div', 'quick-replies');
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', '您可能想问');
      for (const text of m.quickReplies) {
        const button = part('button', 'quick-reply', String(text));
        button.type = 'button';
        button.addEventListener('click', () => submit(String(text)));
        box.appendChild(button);
      }
      children.push(box);
    }
    node.replaceChildren(...children);
  }

  function fillPending(node, p) {
    node.className = 'msg msg--customer msg--' + p.status;
    node.dataset.role = 'customer';
    node.dataset.clientMsgId = p.clientMsgId;
    node.dataset.state = p.status;
    delete node.dataset.seq;
    delete node.dataset.id;
    const meta = part('div', 'msg-meta', p.status === 'failed' ? '发送失败' : '发送中…');
    if (p.status === 'failed') {
      const button = part('button', 'retry', '重试');
      button.type = 'button';
      button.addEventListener('click', () => retry(p));
      meta.appendChild(button);
    }
    node.replaceChildren(
      part('span', 'visually-hidden', ROLE_SR_LABELS.customer),
      part('div', 'msg-bubble', p.text),
      meta,
    );
  }

  // ---------- ending and rating (CSAT) ----------

  function readCsatDone() {
    try {
      const list = JSON.parse(localStorage.getItem(CSAT_DONE_KEY) || '[]');
      return Array.isArray(list) ? list.filter((id) => typeof id === 'string') : [];
    } catch (_) {
      return [];
    }
  }

  function markCsatDone(conversationId) {
    state.csatDone.delete(conversationId);
    state.csatDone.add(conversationId);
    try {
      localStorage.setItem(CSAT_DONE_KEY, JSON.stringify(Array.from(state.csatDone).slice(-CSAT_DONE_MAX)));
    } catch (_) {
      /* storage disabled: remembered for this page only */
    }
  }

  /** 「结束会话」: closes the open conversation; the server then invites the customer to rate it. */
  function endConversation() {
    const socket = state.socket;
    if (state.ending) return;
    if (!socket || !socket.connected) {
      showError(CSAT_TEXT.offline, 'send');
      return;
    }
    state.ending = true;
    el.end.disabled = true;
    socket.timeout(ACK_TIMEOUT_MS).emit('conversation:end', {}, (err, ack) => {
      state.ending = false;
      el.end.disabled = false;
      if (err || !ack || ack.error) {
        showError((ack && ack.error && ack.error.message) || CSAT_TEXT.endFailed, 'send');
        return;
      }
      state.typing = false;
      state.drafts.clear();
      render(false);
      el.endedNote.hidden = false;
      // csat:invite usually came first; the ack alone is enough to show the form.
      if (ack.closed && ack.csat === 'invited') offerCsat({ conversationId: ack.conversationId });
      el.body.scrollTop = el.body.scrollHeight;
    });
  }

  /** Shows the rating form for a closed conversation, never for one rated or dismissed before. */
  function offerCsat(invite) {
    const conversationId = invite && typeof invite.conversationId === 'string' ? invite.conversationId : '';
    if (!conversationId || state.csatDone.has(conversationId)) return;
    if (!state.csat || state.csat.conversationId !== conversationId) {
      state.csat = Object.assign(
        { conversationId, score: 0, thanks: '', sending: false, done: false },
        CSAT_DEFAULT,
      );
      el.csat.dataset.conversationId = conversationId;
      el.csatComment.value = '';
      el.csatPrompt.textContent = '';
      el.csatPrompt.hidden = true;
      el.csatForm.hidden = false;
      el.csatThanks.hidden = true;
      el.csatSubmit.disabled = false;
      showCsatError('');
      el.csat.hidden = false;
      applyInvite(invite, true);
      el.body.scrollTop = el.body.scrollHeight;
    } else {
      applyInvite(invite, false);
    }
  }

  /** The texts and limits of a csat:invite (the end ack carries none of them). */
  function applyInvite(invite, fresh) {
    const csat = state.csat;
    const scale =
      Number.isInteger(invite.scale) && invite.scale >= 2 && invite.scale <= 10 ? invite.scale : null;
    if (scale && scale !== csat.scale) {
      csat.scale = scale;
      csat.score = 0;
      fresh = true;
    }
    if (Number.isInteger(invite.commentMaxLength) && invite.commentMaxLength > 0)
      csat.commentMaxLength = invite.commentMaxLength;
    if (typeof invite.prompt === 'string' && invite.prompt) {
      el.csatPrompt.textContent = invite.prompt;
      el.csatPrompt.hidden = false;
    }
    if (typeof invite.thanks === 'string' && invite.thanks) csat.thanks = invite.thanks;
    el.csatComment.maxLength = csat.commentMaxLength;
    if (fresh) buildStars();
    updateCsatCounter();
  }

  function buildStars() {
    const stars = [];
    for (let score = 1; score <= state.csat.scale; score++) {
      const star = part('button', 'csat-star', '★');
      star.type = 'button';
      star.setAttribute('role', 'radio');
      star.setAttribute('aria-label', score + '星');
      star.dataset.score = String(score);
      star.addEventListener('click', () => selectScore(score, false));
      star.addEventListener('keydown', onStarKey);
      stars.push(star);
    }
    el.csatStars.replaceChildren(...stars);
    paintStars();
  }

  /** One radio group: the chosen star is checked, it and the ones before it are lit. */
  function paintStars() {
    const { score, scale } = state.csat;
    el.csatStars.querySelectorAll('.csat-star').forEach((star, index) => {
      const value = index + 1;
      star.setAttribute('aria-checked', String(value === score));
      star.classList.toggle('on', value <= score);
      star.tabIndex = value === (score || 1) ? 0 : -1; // roving focus: Tab reaches the group once
    });
    const word = scale === CSAT_WORDS.length ? CSAT_WORDS[score - 1] : '';
    el.csatScoreLabel.textContent = score ? score + '星' + (word ? ' · ' + word : '') : '';
  }

  function selectScore(score, focus) {
    state.csat.score = score;
    paintStars();
    if (focus) el.csatStars.querySelectorAll('.csat-star')[score - 1].focus();
    if (el.csatError.textContent === CSAT_TEXT.noScore) showCsatError('');
  }

  /** Arrow keys move the choice like a radio group; Home and End jump to the ends. */
  function onStarKey(event) {
    const { scale } = state.csat;
    const current = state.csat.score || Number(event.currentTarget.dataset.score);
    const moves = {
      ArrowRight: current >= scale ? 1 : current + 1,
      ArrowUp: current >= scale ? 1 : current + 1,
      ArrowLeft: current <= 1 ? scale : current - 1,
      ArrowDown: current <= 1 ? scale : current - 1,
      Home: 1,
      End: scale,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    selectScore(moves[event.key], true);
  }

  function updateCsatCounter() {
    if (!state.csat) return;
    el.csatCounter.textContent = charCount(el.csatComment.value.trim()) + '/' + state.csat.commentMaxLength;
  }

  function showCsatError(message) {
    el.csatError.textContent = message || '';
  }

  function submitCsat() {
    const csat = state.csat;
    const socket = state.socket;
    if (!csat || csat.sending || csat.done) return;
    if (!csat.score) return showCsatError(CSAT_TEXT.noScore);
    if (!socket || !socket.connected) return showCsatError(CSAT_TEXT.offline);
    const comment = el.csatComment.value.trim();
    const payload = { conversationId: csat.conversationId, score: csat.score };
    if (comment) payload.comment = comment;
    csat.sending = true;
    el.csatSubmit.disabled = true;
    showCsatError('');
    socket.timeout(ACK_TIMEOUT_MS).emit('csat:submit', payload, (err, ack) => {
      if (state.csat !== csat) return;
      csat.sending = false;
      el.csatSubmit.disabled = false;
      if (!err && ack && ack.accepted === true) return finishCsat(csat.thanks || CSAT_TEXT.thanks);
      const error = (ack && ack.error) || {};
      if (error.code === 'CONVERSATION.CSAT_ALREADY_SUBMITTED') return finishCsat(error.message);
      // Our own refusals are Chinese sentences; a schema refusal is for developers.
      const readable = typeof error.message === 'string' && /[\u4e00-\u9fff]/.test(error.message);
      showCsatError(err ? CSAT_TEXT.timeout : readable ? error.message : CSAT_TEXT.failed);
    });
  }

  function finishCsat(text) {
    markCsatDone(state.csat.conversationId);
    state.csat.done = true;
    el.csatForm.hidden = true;
    el.csatPrompt.hidden = true;
    el.csatThanks.textContent = text || CSAT_TEXT.thanks;
    el.csatThanks.hidden = false;
  }

  function closeCsat() {
    state.csat = null;
    el.csat.hidden = true;
    delete el.csat.dataset.conversationId;
  }

  el.end.addEventListener('click', endConversation);
  el.csatForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submitCsat();
  });
  el.csatComment.addEventListener('input', updateCsatCounter);
  el.csatSkip.addEventListener('click', () => {
    if (state.csat) markCsatDone(state.csat.conversationId);
    closeCsat();
  });

  // ---------- composer ----------

  function updateComposer() {
    const length = charCount(el.input.value.trim());
    const tooLong = length > MAX_CHARS;
    el.counter.textContent = length + '/' + MAX_CHARS;
    el.counter.classList.toggle('over', tooLong);
    el.send.dataset.blocked = String(length === 0 || tooLong); // styled only: clicks stay possible and are refused
    if (tooLong) showError(TOO_LONG_NOTE, 'length');
    else if (state.errorKind === 'length') showError('');
  }

  function submitComposer() {
    if (submit(el.input.value)) {
      el.input.value = '';
      updateComposer();
    }
  }

  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitComposer();
  });
  el.input.addEventListener('input', updateComposer);
  el.input.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter is a newline; Enter that confirms an IME candidate is left alone.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submitComposer();
  });
  document.querySelectorAll('.chip').forEach((chip) => {
    chip.addEventListener('click', () => submit(chip.textContent));
  });

  updateComposer();
  start();
})();
