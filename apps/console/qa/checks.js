/*
 * Check calibration (校准): GET /api/qa/review-stats?from&to → per check, how reviewers judged the
 * engine's findings. Precision = confirmed ÷ (confirmed + overturned); a low one means the check's
 * rule or lexicon needs tuning in knowledge/ (see test/fixtures/qa for the labelled set).
 */
import { api, messageOf } from './api.js';
import { errorBox, field, h, replace, showError } from './dom.js';
import { DASH, number, percent } from './format.js';
import { checkTitle } from './standard.js';

export async function render(view, ctx) {
  const q = ctx.query;
  const from = h('input', { id: 'c-from', name: 'from', type: 'date', value: q.get('from') || '' });
  const to = h('input', { id: 'c-to', name: 'to', type: 'date', value: q.get('to') || '' });
  const error = errorBox('page-error');
  error.classList.add('page-error');
  const form = h(
    'form',
    { id: 'checks-form', class: 'filters', 'aria-label': '统计期间' },
    field('开始日期', from),
    field('结束日期', to),
    h(
      'div',
      { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, '查询'),
      h('button', { type: 'button', class: 'btn', onclick: () => ctx.go('#/checks') }, '全部时间'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (from.value && to.value && from.value > to.value) {
      showError(error, '开始日期不能晚于结束日期');
      return;
    }
    const params = new URLSearchParams();
    if (from.value) params.set('from', from.value);
    if (to.value) params.set('to', to.value);
    ctx.go('#/checks' + (params.toString() ? '?' + params.toString() : ''));
  });
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'muted', text: '加载中…' }));
  replace(
    view,
    h(
      'section',
      { class: 'page' },
      h(
        'div',
        { class: 'page-head' },
        h('h1', { text: '检查项校准' }),
        h('p', {
          class: 'muted',
          text: '按人工复核结果衡量每个检查项的准确度：准确率 = 确认 ÷（确认 + 推翻）。准确率偏低的检查项应调整规则或词库。',
        }),
      ),
      form,
      error,
      body,
    ),
  );

  let data;
  try {
    data = await api('/qa/review-stats', { query: { from: q.get('from'), to: q.get('to') } });
  } catch (e) {
    if (ctx.stale()) return;
    replace(body);
    showError(error, messageOf(e));
    return;
  }
  if (ctx.stale()) return;
  const rows = (data && data.checks) || [];
  if (rows.length === 0) {
    replace(body, h('p', { class: 'muted', text: '本期还没有复核记录。' }));
    return;
  }
  replace(
    body,
    h(
      'table',
      { id: 'check-stats', class: 'data-table compact' },
      h('caption', { class: 'visually-hidden', text: '各检查项复核统计' }),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['检查项', '确认', '推翻', '人工补充', '申诉', '准确率'].map((t) =>
            h('th', { scope: 'col', text: t }),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            {
              dataset: { check: r.check },
              class: r.confirmed + r.overturned + r.added + r.disputes === 0 ? 'inactive' : null,
            },
            h(
              'th',
              { scope: 'row', 'data-label': '检查项' },
              r.check + ' ' + (r.title || checkTitle(r.check)),
            ),
            h('td', { 'data-label': '确认', text: number(r.confirmed) }),
            h('td', { 'data-label': '推翻', text: number(r.overturned) }),
            h('td', { 'data-label': '人工补充', text: number(r.added) }),
            h('td', { 'data-label': '申诉', text: number(r.disputes) }),
            h(
              'td',
              {
                'data-label': '准确率',
                class: r.precision !== null && r.precision !== undefined && r.precision < 0.8 ? 'low' : null,
              },
              r.precision === null || r.precision === undefined ? DASH : percent(r.precision),
            ),
          ),
        ),
      ),
    ),
  );
}
