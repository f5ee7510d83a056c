/*
 * Conversation list: GET /api/qa/transcripts with the filters of the form, which live in the hash
 * (#/list?failed=true&check=CS-16…) so a filtered list can be bookmarked, reloaded and gone back to.
 */
import { api, isReviewer, messageOf } from './api.js';
import { errorBox, field, h, replace, select, showError } from './dom.js';
import { channelLabel, CHANNEL_LABELS, dateTime, DASH, score, SOURCE_LABELS } from './format.js';
import { CHECKS, checkLabel } from './standard.js';

const PAGE_SIZE = 50;
const FILTER_KEYS = [
  'failed',
  'redLine',
  'check',
  'channel',
  'agent',
  'source',
  'reviewed',
  'disputed',
  'from',
  'to',
];
export const LAST_LIST_KEY = 'anxin.console.lastList';

export async function render(view, ctx) {
  const q = ctx.query;
  const reviewer = isReviewer(ctx.user);
  const offset = Math.max(0, parseInt(q.get('offset') || '0', 10) || 0);
  try {
    sessionStorage.setItem(LAST_LIST_KEY, window.location.hash);
  } catch (_) {
    /* storage disabled */
  }

  const form = filterForm(q, reviewer, ctx);
  const summary = h('p', { id: 'list-summary', class: 'list-summary', role: 'status', text: '查询中…' });
  const error = errorBox('page-error');
  error.classList.add('page-error');
  const results = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': '分页' });

  replace(
    view,
    h(
      'section',
      { class: 'page' },
      h(
        'div',
        { class: 'page-head' },
        h('h1', { text: reviewer ? '质检列表' : '我的质检' }),
        h('p', {
          class: 'muted',
          text: reviewer
            ? '每段会话（含机器人与人工坐席）按行为标准自动质检；含红线的需人工复核，一票否决级发现直接判为未通过。'
            : '这里是您参与服务的会话的质检结果。对您被扣分的发现有异议时，可在详情页提交申诉。',
        }),
      ),
      form,
      error,
      summary,
      results,
      pager,
    ),
  );

  const query = { limit: PAGE_SIZE, offset };
  for (const key of FILTER_KEYS) if (q.get(key)) query[key] = q.get(key);
  let data;
  try {
    data = await api('/qa/transcripts', { query });
  } catch (e) {
    if (ctx.stale()) return;
    summary.textContent = '';
    showError(error, messageOf(e));
    return;
  }
  if (ctx.stale()) return;
  const items = Array.isArray(data && data.items) ? data.items : [];
  const total = typeof data.total === 'number' ? data.total : items.length;
  summary.textContent =
    total === 0
      ? '没有符合条件的会话'
      : '共 ' + total + ' 段会话，显示第 ' + (offset + 1) + '–' + (offset + items.length) + ' 段';
  if (items.length > 0) replace(results, table(items, reviewer));
  replace(pager, pagerControls(total, offset, ctx));
}

function filterForm(q, reviewer, ctx) {
  const checkbox = (id, name, label) =>
    h(
      'label',
      { class: 'check-field', for: id },
      h('input', { id, name, type: 'checkbox', checked: q.get(name) === 'true' }),
      label,
    );
  const reviewState = q.get('disputed') === 'true' ? 'disputed' : q.get('reviewed') || '';
  const channel = h('input', {
    id: 'f-channel',
    name: 'channel',
    value: q.get('channel') || '',
    list: 'channel-options',
    maxlength: 32,
    placeholder: '全部',
    autocomplete: 'off',
  });
  const agent = h('input', {
    id: 'f-agent',
    name: 'agent',
    value: q.get('agent') || '',
    maxlength: 64,
    placeholder: '如 A1024',
    autocomplete: 'off',
  });
  const from = h('input', { id: 'f-from', name: 'from', type: 'date', value: q.get('from') || '' });
  const to = h('input', { id: 'f-to', name: 'to', type: 'date', value: q.get('to') || '' });
  const form = h(
    'form',
    { id: 'filters', class: 'filters', 'aria-label': '筛选条件' },
    h(
      'div',
      { class: 'filter-flags' },
      checkbox('f-failed', 'failed', '未通过'),
      checkbox('f-redline', 'redLine', '含红线'),
    ),
    field(
      '检查项',
      select('f-check', [['', '全部检查项'], ...CHECKS.map(([id]) => [id, checkLabel(id)])], q.get('check')),
    ),
    field('渠道', channel),
    h(
      'datalist',
      { id: 'channel-options' },
      Object.entries(CHANNEL_LABELS).map(([value, label]) => h('option', { value }, label)),
    ),
    reviewer ? field('坐席工号', agent) : null,
    field(
      '来源',
      select(
        'f-source',
        [
          ['', '全部来源'],
          ['conversation', SOURCE_LABELS.conversation],
          ['import', SOURCE_LABELS.import],
        ],
        q.get('source'),
      ),
    ),
    field(
      '复核状态',
      select(
        'f-review',
        [
          ['', '全部'],
          ['false', '待复核'],
          ['true', '已复核'],
          ['disputed', '申诉待处理'],
        ],
        reviewState,
      ),
    ),
    field('开始日期', from),
    field('结束日期', to),
    h(
      'div',
      { class: 'filter-actions' },
      h('button', { id: 'filter-submit', type: 'submit', class: 'btn btn-primary' }, '查询'),
      h('button', { id: 'filter-reset', type: 'reset', class: 'btn' }, '重置'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (form.elements.failed.checked) params.set('failed', 'true');
    if (form.elements.redLine.checked) params.set('redLine', 'true');
    const value = (id) => form.querySelector('#' + id).value.trim();
    if (value('f-check')) params.set('check', value('f-check'));
    if (value('f-channel')) params.set('channel', value('f-channel'));
    if (reviewer && value('f-agent')) params.set('agent', value('f-agent'));
    if (value('f-source')) params.set('source', value('f-source'));
    const review = value('f-review');
    if (review === 'disputed') params.set('disputed', 'true');
    else if (review) params.set('reviewed', review);
    if (value('f-from')) params.set('from', value('f-from'));
    if (value('f-to')) params.set('to', value('f-to'));
    ctx.go('#/list' + (params.toString() ? '?' + params.toString() : ''));
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    ctx.go('#/list');
  });
  return form;
}

function table(items, reviewer) {
  return h(
    'table',
    { id: 'transcripts', class: 'data-table' },
    h('caption', { class: 'visually-hidden', text: '质检会话列表' }),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['会话', '渠道', '坐席', '时间', '自动质检', '复核结果', '涉及检查项', '申诉'].map((label) =>
          h('th', { scope: 'col', text: label }),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      items.map((item) => row(item, reviewer)),
    ),
  );
}

function row(item) {
  const href = '#/t/' + encodeURIComponent(item.source) + '/' + encodeURIComponent(item.ref);
  const reviewed = item.reviewed;
  return h(
    'tr',
    {
      class: 'qa-row',
      dataset: {
        ref: item.ref,
        source: item.source,
        passed: String(Boolean(item.passed)),
        reviewedPassed: reviewed ? String(Boolean(reviewed.passed)) : null,
      },
    },
    h(
      'td',
      { 'data-label': '会话' },
      h('a', { href, class: 'row-link' }, item.ref),
      h('span', { class: 'sub', text: SOURCE_LABELS[item.source] || item.source }),
    ),
    h('td', { 'data-label': '渠道', text: channelLabel(item.channel) }),
    h('td', { 'data-label': '坐席', text: (item.agents || []).join('、') || DASH }),
    h(
      'td',
      { 'data-label': '时间' },
      item.startedAt
        ? dateTime(item.startedAt)
        : [dateTime(item.scoredAt), h('span', { class: 'sub', text: '质检时间（未记录开始时间）' })],
    ),
    h('td', { 'data-label': '自动质检' }, resultCell(item.score, item.passed, item.redLines, 'auto')),
    h(
      'td',
      { 'data-label': '复核结果' },
      reviewed
        ? resultCell(reviewed.score, reviewed.passed, reviewed.redLines, 'reviewed')
        : h('span', { class: 'muted', text: '待复核' }),
    ),
    h(
      'td',
      { 'data-label': '涉及检查项' },
      (item.checks || []).length
        ? (item.checks || []).map((c) => h('span', { class: 'chip', title: checkLabel(c), text: c }))
        : DASH,
    ),
    h(
      'td',
      { 'data-label': '申诉' },
      item.disputes > 0 ? h('span', { class: 'badge badge-warn', text: item.disputes + ' 条待处理' }) : DASH,
    ),
  );
}

function resultCell(value, passed, redLines, kind) {
  return h(
    'span',
    { class: 'result result-' + kind },
    h('span', { class: 'score-value', text: score(value) + ' 分' }),
    passed
      ? h('span', { class: 'badge badge-pass', text: '通过' })
      : h('span', { class: 'badge badge-fail', text: '未通过' }),
    redLines > 0 ? h('span', { class: 'badge badge-red', text: '红线 ×' + redLines }) : null,
  );
}

function pagerControls(total, offset, ctx) {
  if (total <= PAGE_SIZE && offset === 0) return [];
  const page = Math.floor(offset / PAGE_SIZE) + 1;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const goTo = (newOffset) => {
    const params = new URLSearchParams(ctx.query);
    if (newOffset > 0) params.set('offset', String(newOffset));
    else params.delete('offset');
    ctx.go('#/list' + (params.toString() ? '?' + params.toString() : ''));
  };
  return [
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        disabled: offset === 0,
        onclick: () => goTo(Math.max(0, offset - PAGE_SIZE)),
      },
      '上一页',
    ),
    h('span', { class: 'pager-info', text: '第 ' + page + ' / ' + pages + ' 页' }),
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        disabled: offset + PAGE_SIZE >= total,
        onclick: () => goTo(offset + PAGE_SIZE),
      },
      '下一页',
    ),
  ];
}
