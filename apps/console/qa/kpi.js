/*
 * KPI dashboard: GET /api/qa/kpis?from&to&groupBy&channel. Tiles for the period's totals, Chart.js
 * charts of the daily series (always read with groupBy=day) and a table of the chosen grouping.
 * Period and grouping live in the hash (#/kpi?from=…&to=…&groupBy=channel). Without a period the
 * server's default (the last 7 Beijing days) is shown and written into the form.
 */
import { api, messageOf } from './api.js';
import { errorBox, field, h, replace, select, showError } from './dom.js';
import {
  channelLabel,
  CHANNEL_LABELS,
  DASH,
  duration,
  number,
  percent,
  score,
  serviceDay,
} from './format.js';
import { checkLabel } from './standard.js';

const CHART_URL = 'vendor/chart.umd.js';
const COLORS = {
  brand: '#0b6e63',
  brandSoft: 'rgba(11, 110, 99, 0.25)',
  red: '#c0392b',
  redSoft: 'rgba(192, 57, 43, 0.7)',
  amber: '#d68910',
  blue: '#2e6fba',
};
const GROUP_LABELS = { day: '按日', channel: '按渠道', agent: '按坐席' };

let chartLibrary = null;

/** Loads Chart.js's UMD build once (served by the server from node_modules). */
function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!chartLibrary)
    chartLibrary = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = CHART_URL;
      script.onload = () => (window.Chart ? resolve(window.Chart) : reject(new Error('Chart.js missing')));
      script.onerror = () => {
        chartLibrary = null;
        reject(new Error('Chart.js failed to load'));
      };
      document.head.appendChild(script);
    });
  return chartLibrary;
}

/** `a.b.c` of an object. */
function pick(object, path) {
  return path.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), object);
}

const fmtCsat = (v) => (v === null || v === undefined ? DASH : Number(v).toFixed(2) + ' / 5');
const fmtScore = (v) => (v === null || v === undefined ? DASH : score(v));

/** [path, label, format, sub-line(totals) | null] */
const TILES = [
  ['conversations', '会话量', number, (t) => '已结束 ' + number(t.closed)],
  ['containmentRate', '机器人独立解决率', percent, () => '请求过转人工的不计为独立解决'],
  ['handoffRate', '转人工率', percent, null],
  [
    'explicitHandoff.honouredRate',
    '人工应答率',
    percent,
    (t) =>
      '请求 ' +
      number(t.explicitHandoff.requested) +
      ' · 人工应答 ' +
      number(t.explicitHandoff.answered) +
      ' · 转回电工单 ' +
      number(t.explicitHandoff.ticketed),
  ],
  [
    'firstResponseBot.avgSec',
    '机器人首次响应',
    duration,
    (t) => '中位数 ' + duration(t.firstResponseBot.p50Sec),
  ],
  [
    'firstResponseHuman.avgSec',
    '人工首次响应',
    duration,
    (t) => '中位数 ' + duration(t.firstResponseHuman.p50Sec),
  ],
  ['qa.scored', '已质检会话', number, null],
  ['qa.average', '质检平均分', fmtScore, null],
  ['qa.passRate', '质检通过率', percent, null],
  ['qa.redLineTotal', '红线数', number, null],
  [
    'csat.average',
    '满意度均分',
    fmtCsat,
    (t) => '参评 ' + number(t.csat.responses) + ' / 邀请 ' + number(t.csat.invited),
  ],
  ['csat.responseRate', '满意度参评率', percent, null],
  ['complaints.count', '投诉量', number, (t) => '每千会话 ' + number(t.complaints.per1000, 1)],
];

export async function render(view, ctx) {
  const q = ctx.query;
  const groupBy = ['day', 'channel', 'agent'].includes(q.get('groupBy')) ? q.get('groupBy') : 'day';
  const period = { from: q.get('from') || '', to: q.get('to') || '', channel: q.get('channel') || '' };

  const error = errorBox('page-error');
  error.classList.add('page-error');
  const form = periodForm(period, groupBy, ctx, error);
  const tiles = h('div', { id: 'kpi-tiles', class: 'tiles', 'aria-live': 'polite' });
  const note = h('p', { id: 'kpi-period', class: 'muted', role: 'status', text: '加载中…' });
  const charts = h('div', { class: 'charts' });
  const groups = h('section', { id: 'kpi-groups', class: 'panel' });

  replace(
    view,
    h(
      'section',
      { class: 'page kpi-page' },
      h(
        'div',
        { class: 'page-head' },
        h('h1', { text: '指标看板' }),
        h('p', {
          class: 'muted',
          text: '服务与质检核心指标。质检指标按复核后结果计算（未复核的按自动质检）；红线含一票否决级发现与红线检查项（如 CS-11）的发现，按检查项统计。人工应答率：客户要求转人工后有人工坐席回复的比例。',
        }),
      ),
      form,
      error,
      note,
      tiles,
      charts,
      groups,
    ),
  );

  let daily;
  let grouped;
  try {
    const base = { from: period.from, to: period.to, channel: period.channel };
    [daily, grouped] = await Promise.all([
      api('/qa/kpis', { query: { ...base, groupBy: 'day' } }),
      groupBy === 'day' ? null : api('/qa/kpis', { query: { ...base, groupBy } }),
    ]);
  } catch (e) {
    if (ctx.stale()) return;
    note.textContent = '';
    showError(error, messageOf(e));
    return;
  }
  if (ctx.stale()) return;
  grouped = grouped || daily;

  // Show the period the server actually used (its default when none was asked).
  form.querySelector('#k-from').value = daily.from || '';
  form.querySelector('#k-to').value = daily.to || '';
  note.textContent =
    '统计期间 ' +
    daily.from +
    ' 至 ' +
    daily.to +
    (daily.timezone === 'Asia/Shanghai'
      ? '（北京时间）'
      : daily.timezone
        ? '（' + daily.timezone + '）'
        : '') +
    (period.channel ? ' · 渠道 ' + channelLabel(period.channel) : ' · 全部渠道');

  replace(
    tiles,
    TILES.map((tile) => tileNode(daily.totals, tile)),
  );
  replace(groups, groupTable(grouped));

  const canvases = chartFrames(charts);
  let Chart;
  try {
    Chart = await loadChart();
  } catch (_) {
    if (ctx.stale()) return;
    replace(
      charts,
      h('p', {
        class: 'page-error',
        role: 'alert',
        text: '图表组件加载失败，请刷新页面重试（指标数据见上方与下表）。',
      }),
    );
    return;
  }
  if (ctx.stale()) return;
  const made = drawCharts(Chart, canvases, daily);
  return () => made.forEach((c) => c.destroy());
}

function periodForm(period, groupBy, ctx, error) {
  const from = h('input', { id: 'k-from', name: 'from', type: 'date', value: period.from });
  const to = h('input', { id: 'k-to', name: 'to', type: 'date', value: period.to });
  const channel = h('input', {
    id: 'k-channel',
    name: 'channel',
    value: period.channel,
    list: 'kpi-channel-options',
    maxlength: 32,
    placeholder: '全部渠道',
    autocomplete: 'off',
  });
  const group = select(
    'k-group',
    Object.entries(GROUP_LABELS).map(([v, l]) => [v, l]),
    groupBy,
  );
  const apply = (f, t) => {
    const params = new URLSearchParams();
    if (f) params.set('from', f);
    if (t) params.set('to', t);
    if (channel.value.trim()) params.set('channel', channel.value.trim());
    if (group.value !== 'day') params.set('groupBy', group.value);
    ctx.go('#/kpi' + (params.toString() ? '?' + params.toString() : ''));
  };
  const quick = (days, label) =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-small',
        onclick: () => apply(serviceDay(-(days - 1)), serviceDay(0)),
      },
      label,
    );
  const form = h(
    'form',
    { id: 'kpi-form', class: 'filters', 'aria-label': '统计期间与分组' },
    field('开始日期', from),
    field('结束日期', to),
    field('渠道', channel),
    h(
      'datalist',
      { id: 'kpi-channel-options' },
      Object.entries(CHANNEL_LABELS).map(([value, label]) => h('option', { value }, label)),
    ),
    field('分组', group),
    h(
      'div',
      { class: 'filter-actions' },
      h('button', { id: 'kpi-submit', type: 'submit', class: 'btn btn-primary' }, '查询'),
      quick(7, '近7天'),
      quick(30, '近30天'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (from.value && to.value && from.value > to.value) {
      showError(error, '开始日期不能晚于结束日期');
      from.focus();
      return;
    }
    apply(from.value, to.value);
  });
  group.addEventListener('change', () => form.requestSubmit());
  return form;
}

function tileNode(totals, [path, label, format, sub]) {
  const value = pick(totals, path);
  const red = path === 'qa.redLineTotal' && value > 0;
  return h(
    'div',
    { class: 'tile' + (red ? ' tile-red' : '') },
    h('span', { class: 'tile-label', id: 'tile-' + path.replace(/\./g, '-') }, label),
    h('span', {
      class: 'tile-value',
      dataset: { kpi: path, value: value === null || value === undefined ? '' : String(value) },
      'aria-labelledby': 'tile-' + path.replace(/\./g, '-'),
      text: format(value),
    }),
    sub ? h('span', { class: 'tile-sub', text: sub(totals) }) : null,
  );
}

function chartFrames(container) {
  const frame = (id, title) => {
    const canvas = h('canvas', { id, role: 'img', 'aria-label': title });
    const figure = h(
      'figure',
      { class: 'chart panel' },
      h('figcaption', { text: title }),
      h('div', { class: 'chart-box' }, canvas),
    );
    return { figure, canvas };
  };
  const frames = {
    volume: frame('chart-volume', '会话量与质检通过率（按日）'),
    redLines: frame('chart-red-lines', '红线分布（按检查项）'),
    csat: frame('chart-csat', '满意度均分（按日）'),
    response: frame('chart-response', '首次响应时长：机器人与人工（按日，秒）'),
  };
  replace(
    container,
    Object.values(frames).map((f) => f.figure),
  );
  return frames;
}

function drawCharts(Chart, frames, daily) {
  const days = daily.groups || [];
  const labels = days.map((g) => g.key.slice(5));
  const base = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: 'bottom' } },
  };
  const charts = [];
  charts.push(
    new Chart(frames.volume.canvas, {
      data: {
        labels,
        datasets: [
          {
            type: 'bar',
            label: '会话量',
            data: days.map((g) => g.conversations),
            backgroundColor: COLORS.brandSoft,
            borderColor: COLORS.brand,
            borderWidth: 1,
            yAxisID: 'y',
          },
          {
            type: 'line',
            label: '质检通过率 %',
            data: days.map((g) => (g.qa.passRate === null ? null : Math.round(g.qa.passRate * 1000) / 10)),
            borderColor: COLORS.amber,
            backgroundColor: COLORS.amber,
            spanGaps: true,
            yAxisID: 'rate',
          },
        ],
      },
      options: {
        ...base,
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: '会话量' } },
          rate: {
            position: 'right',
            min: 0,
            max: 100,
            grid: { drawOnChartArea: false },
            title: { display: true, text: '通过率 %' },
          },
        },
      },
    }),
  );

  const redLines = Object.entries((daily.totals && daily.totals.qa && daily.totals.qa.redLines) || {})
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  if (redLines.length === 0) {
    frames.redLines.figure
      .querySelector('.chart-box')
      .replaceChildren(h('p', { class: 'chart-empty', text: '本期无红线' }));
  } else {
    charts.push(
      new Chart(frames.redLines.canvas, {
        type: 'bar',
        data: {
          labels: redLines.map(([c]) => c),
          datasets: [
            {
              label: '红线数',
              data: redLines.map(([, n]) => n),
              backgroundColor: COLORS.redSoft,
              maxBarThickness: 56,
            },
          ],
        },
        options: {
          ...base,
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { title: (items) => items.map((i) => checkLabel(i.label)) } },
          },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      }),
    );
  }

  charts.push(
    new Chart(frames.csat.canvas, {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label: '满意度均分',
            data: days.map((g) => g.csat.average),
            borderColor: COLORS.brand,
            backgroundColor: COLORS.brand,
            spanGaps: true,
          },
        ],
      },
      options: { ...base, scales: { y: { min: 1, max: 5, title: { display: true, text: '分（1–5）' } } } },
    }),
  );

  charts.push(
    new Chart(frames.response.canvas, {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label: '机器人 平均',
            data: days.map((g) => g.firstResponseBot.avgSec),
            borderColor: COLORS.brand,
            backgroundColor: COLORS.brand,
            spanGaps: true,
          },
          {
            label: '人工 平均',
            data: days.map((g) => g.firstResponseHuman.avgSec),
            borderColor: COLORS.blue,
            backgroundColor: COLORS.blue,
            spanGaps: true,
          },
        ],
      },
      options: { ...base, scales: { y: { beginAtZero: true, title: { display: true, text: '秒' } } } },
    }),
  );
  return charts;
}

function groupTable(report) {
  const groups = report.groups || [];
  const keyLabel = (key) => {
    if (report.groupBy === 'channel') return channelLabel(key);
    if (report.groupBy === 'agent') return key === 'bot' ? 'AI客服' : key;
    return key;
  };
  const columns = [
    [{ day: '日期', channel: '渠道', agent: '坐席' }[report.groupBy] || '分组', (g) => keyLabel(g.key)],
    ['会话量', (g) => number(g.conversations)],
    ['已结束', (g) => number(g.closed)],
    ['独立解决率', (g) => percent(g.containmentRate)],
    ['转人工率', (g) => percent(g.handoffRate)],
    ['人工应答率', (g) => percent(g.explicitHandoff.honouredRate)],
    ['应答 / 请求', (g) => number(g.explicitHandoff.answered) + ' / ' + number(g.explicitHandoff.requested)],
    ['转回电工单', (g) => number(g.explicitHandoff.ticketed)],
    ['机器人首响', (g) => duration(g.firstResponseBot.avgSec)],
    ['人工首响', (g) => duration(g.firstResponseHuman.avgSec)],
    ['已质检', (g) => number(g.qa.scored)],
    ['平均分', (g) => fmtScore(g.qa.average)],
    ['通过率', (g) => percent(g.qa.passRate)],
    ['红线', (g) => number(g.qa.redLineTotal)],
    ['满意度', (g) => fmtCsat(g.csat.average)],
    ['投诉', (g) => number(g.complaints.count)],
  ];
  return [
    h('h2', { text: '分组明细（' + (GROUP_LABELS[report.groupBy] || report.groupBy) + '）' }),
    groups.length === 0
      ? h('p', { class: 'muted', text: '本期无数据。' })
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data-table compact', id: 'kpi-group-table', dataset: { groupBy: report.groupBy } },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                columns.map(([t]) => h('th', { scope: 'col', text: t })),
              ),
            ),
            h(
              'tbody',
              null,
              groups.map((g) =>
                h(
                  'tr',
                  { dataset: { key: g.key } },
                  columns.map(([t, f], i) =>
                    i === 0
                      ? h('th', { scope: 'row', 'data-label': t, text: f(g) })
                      : h('td', { 'data-label': t, text: f(g) }),
                  ),
                ),
              ),
            ),
          ),
        ),
  ];
}
