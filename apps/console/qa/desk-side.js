/*
 * The right column of the open chat: agent assist (GET …/assist: the top approved scripts for the
 * customer's last message, or a search; 插入 puts a script into the composer to edit), the bot's
 * handoff summary, the customer profile (identity verification, policies only once verified) and
 * the conversation's leave-a-message tickets.
 */
import { api, messageOf } from './api.js';
import { h, replace } from './dom.js';
import {
  POLICY_STATUS_LABELS,
  PRODUCT_LINE_LABELS,
  TICKET_REASON_LABELS,
  VERIFY_METHOD_LABELS,
} from './desk-format.js';
import { channelLabel, dateTime, DASH, percent } from './format.js';

const ASSIST_DELAY_MS = 400;
/** A customer message this short that handed over is the request itself (「转人工」), not a question. */
const HANDOFF_REQUEST_MAX_CHARS = 12;

/**
 * When the customer's latest message is the short request that handed the chat over, the question
 * worth suggesting scripts for is the one they asked before it (「车险理赔需要准备哪些材料?」).
 */
function questionBeforeHandoff(messages) {
  const sorted = Array.from(messages.values()).sort((a, b) => a.seq - b.seq);
  const customer = sorted.filter((m) => m.role === 'customer');
  const last = customer[customer.length - 1];
  if (!last || customer.length < 2) return null;
  if (Array.from(last.text.trim()).length > HANDOFF_REQUEST_MAX_CHARS) return null;
  const handedOver = sorted.some(
    (m) => m.role === 'system' && m.event === 'handoff_requested' && m.seq > last.seq,
  );
  if (!handedOver) return null;
  return (
    Array.from(customer[customer.length - 2].text.trim())
      .slice(0, 500)
      .join('') || null
  );
}

/** createSide(container, chat) → { render(detail, rights), customerWrote(), destroy() } */
export function createSide(container, chat) {
  let alive = true;
  let rights = {};
  let assistSeq = 0;
  let assistTimer = null;
  let query = '';
  const assistList = h('div', { id: 'assist-list', class: 'assist-list', 'aria-live': 'polite' });
  const assistQuestion = h('p', { id: 'assist-question', class: 'muted assist-question' });
  const search = h('input', {
    id: 'assist-q',
    type: 'search',
    maxlength: 500,
    placeholder: '搜索话术（留空则按客户最后一句话推荐）',
    'aria-label': '搜索话术',
  });
  const assistForm = h(
    'form',
    { class: 'assist-search', role: 'search', novalidate: true },
    search,
    h('button', { type: 'submit', class: 'btn btn-small', id: 'assist-search' }, '搜索'),
  );
  assistForm.addEventListener('submit', (event) => {
    event.preventDefault();
    query = search.value.trim();
    void loadAssist();
  });
  const assist = h(
    'section',
    { id: 'desk-assist', class: 'desk-panel side-panel', 'aria-labelledby': 'assist-title' },
    h('h2', { id: 'assist-title', text: '话术推荐' }),
    assistForm,
    assistQuestion,
    assistList,
  );
  const summary = h('section', {
    id: 'desk-summary',
    class: 'desk-panel side-panel',
    'aria-label': '转人工摘要',
  });
  const customer = h('section', {
    id: 'desk-customer',
    class: 'desk-panel side-panel',
    'aria-label': '客户资料',
  });
  const tickets = h('section', {
    id: 'desk-tickets',
    class: 'desk-panel side-panel',
    'aria-label': '留言工单',
  });
  replace(container, assist, summary, customer, tickets);

  async function loadAssist() {
    if (!rights.act) {
      assistQuestion.textContent = '';
      replace(assistList, h('p', { class: 'muted', text: '接入会话后可查看话术推荐。' }));
      return;
    }
    const seq = ++assistSeq;
    const before = query ? null : questionBeforeHandoff(chat.messages);
    try {
      const result = await api(chat.path + '/assist', { query: { q: query || before } });
      if (!alive || seq !== assistSeq) return;
      const label = query ? '搜索：' : before ? '客户转人工前的问题：' : '客户问题：';
      assistQuestion.textContent = result.question
        ? label + '「' + result.question + '」'
        : '客户还没有提问。';
      const suggestions = result.suggestions || [];
      if (suggestions.length === 0) {
        replace(assistList, h('p', { class: 'muted', text: '没有找到合适的话术。' }));
        return;
      }
      replace(
        assistList,
        suggestions.map((s) =>
          h(
            'article',
            { class: 'assist-item', dataset: { scriptId: s.scriptId } },
            h(
              'div',
              { class: 'item-head' },
              h('strong', { class: 'assist-title', text: s.title }),
              h('span', { class: 'muted assist-confidence', text: '匹配度 ' + percent(s.confidence) }),
            ),
            h('code', { class: 'assist-id', text: s.scriptId + ' · v' + s.version }),
            h('p', { class: 'assist-text', text: s.text }),
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-small assist-insert',
                'aria-label': '插入话术 ' + s.title,
                onclick: () => chat.insertText(s.text),
              },
              '插入',
            ),
          ),
        ),
      );
    } catch (e) {
      if (alive && seq === assistSeq)
        replace(assistList, h('p', { class: 'form-error', text: messageOf(e) }));
    }
  }

  function renderSummary(detail) {
    const s = detail.summary || {};
    const slots = s.flow ? Object.entries(s.flow.slots || {}) : [];
    replace(
      summary,
      h('h2', { text: '转人工摘要' }),
      h('p', { id: 'desk-summary-text', class: 'summary-text', text: s.text || '暂无摘要' }),
      s.flow
        ? h(
            'dl',
            { class: 'side-dl' },
            h('div', null, h('dt', { text: '办理中的流程' }), h('dd', { text: s.flow.id })),
            slots.map(([k, v]) => h('div', null, h('dt', { text: k }), h('dd', { text: v }))),
          )
        : null,
    );
  }

  function renderCustomer(detail) {
    const c = detail.customer || {};
    const verified = c.verified;
    const policies = detail.policies;
    const row = (label, value) => h('div', null, h('dt', { text: label }), h('dd', null, value));
    replace(
      customer,
      h('h2', { text: '客户资料' }),
      h(
        'dl',
        { class: 'side-dl' },
        row('称呼', c.displayName || '未留姓名的访客'),
        row('首次来访', dateTime(c.since)),
        row(
          '渠道身份',
          (c.identities || []).length
            ? c.identities.map((i) => channelLabel(i.channel) + ' ' + i.externalId).join('；')
            : DASH,
        ),
        row('历史会话', String(c.earlierConversations ?? 0) + ' 次'),
      ),
      h(
        'p',
        {
          id: 'desk-verified',
          class: verified ? 'verified is-verified' : 'verified',
          dataset: { verified: String(Boolean(verified)) },
        },
        verified
          ? '身份已核验：' +
              (verified.name || '') +
              '（客户号 ' +
              verified.customerRef +
              '）· ' +
              (VERIFY_METHOD_LABELS[verified.method] || verified.method) +
              ' · ' +
              dateTime(verified.at)
          : '身份未核验：客户未在本次会话中完成身份核验，请勿透露保单和理赔信息。',
      ),
      Array.isArray(policies)
        ? h(
            'div',
            { id: 'desk-policies', class: 'policies' },
            h('h3', { text: '保单（' + policies.length + '）' }),
            policies.length === 0
              ? h('p', { class: 'muted', text: '未查询到保单。' })
              : h(
                  'ul',
                  { class: 'policy-list' },
                  policies.map((p) =>
                    h(
                      'li',
                      { class: 'policy', dataset: { policyNo: p.policyNo } },
                      h('strong', { text: p.productName }),
                      h('span', {
                        class: 'sub',
                        text:
                          p.policyNo +
                          ' · ' +
                          (PRODUCT_LINE_LABELS[p.line] || p.line) +
                          ' · ' +
                          (POLICY_STATUS_LABELS[p.status] || p.status),
                      }),
                      h('span', {
                        class: 'sub',
                        text:
                          '被保险人 ' +
                          p.insuredName +
                          ' · ' +
                          p.effectiveDate +
                          ' 至 ' +
                          (p.expiryDate || '终身'),
                      }),
                    ),
                  ),
                ),
          )
        : null,
    );
  }

  function renderTickets(detail) {
    const list = detail.tickets || [];
    replace(
      tickets,
      h('h2', { text: '留言工单（' + list.length + '）' }),
      list.length === 0
        ? h('p', { class: 'muted', text: '本会话没有留言工单。' })
        : h(
            'ul',
            { class: 'ticket-list' },
            list.map((t) =>
              h(
                'li',
                { class: 'ticket', dataset: { number: t.number, status: t.status } },
                h('strong', { text: t.number }),
                h('span', {
                  class: 'sub',
                  text:
                    (TICKET_REASON_LABELS[t.reason] || t.reason) +
                    ' · ' +
                    (t.status === 'open' ? '待处理' : '已处理') +
                    ' · ' +
                    dateTime(t.createdAt),
                }),
                t.resolution ? h('span', { class: 'sub', text: '处理结果：' + t.resolution }) : null,
              ),
            ),
          ),
    );
  }

  return {
    render(detail, newRights) {
      const couldAct = rights.act;
      rights = newRights;
      renderSummary(detail);
      renderCustomer(detail);
      renderTickets(detail);
      if (couldAct !== rights.act || !assistList.firstChild) void loadAssist();
    },
    /** A new customer message: suggest for it (unless the agent is searching). */
    customerWrote() {
      if (query) return;
      clearTimeout(assistTimer);
      assistTimer = setTimeout(() => void loadAssist(), ASSIST_DELAY_MS);
    },
    destroy() {
      alive = false;
      clearTimeout(assistTimer);
    },
  };
}
