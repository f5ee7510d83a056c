/*
 * One scored transcript: GET /api/qa/transcripts/:source/:ref. The messages as a chat, each
 * finding attached to its message with the evidence marked; session-wide findings on top; the
 * automatic score and, once reviewed, the reviewed score beside it. Review actions
 * (POST …/reviews: confirm, overturn, add, comment, dispute) answer with the same detail body,
 * which is drawn again.
 */
import { api, isReviewer, messageOf } from './api.js';
import { busy, errorBox, field, h, replace, select, showError } from './dom.js';
import {
  ACTION_LABELS,
  channelLabel,
  DASH,
  dateTime,
  FINDING_SOURCE_LABELS,
  EVENT_LABELS,
  mmss,
  ROLE_LABELS,
  score,
  SEVERITY_LABELS,
  SOURCE_LABELS,
  SPEAKER_LABELS,
  VERDICT_LABELS,
} from './format.js';
import { highlighted } from './highlight.js';
import { LAST_LIST_KEY } from './list.js';
import { CHECKS, checkLabel } from './standard.js';

const MAX_COMMENT = 500;

export async function render(view, ctx) {
  const [source, ref] = ctx.params;
  const path = '/qa/transcripts/' + encodeURIComponent(source) + '/' + encodeURIComponent(ref);
  let detail;
  try {
    detail = await api(path);
  } catch (e) {
    if (ctx.stale()) return;
    replace(
      view,
      h(
        'section',
        { class: 'page' },
        backLink(),
        h('p', { id: 'page-error', class: 'page-error', role: 'alert', text: messageOf(e) }),
      ),
    );
    return;
  }
  if (ctx.stale()) return;

  const page = { view, ctx, path, detail, status: '' };
  draw(page);
}

function draw(page) {
  const { detail, ctx } = page;
  const reviewer = isReviewer(ctx.user);
  const messages = (detail.transcript && detail.transcript.messages) || [];
  const findings = detail.findings || [];
  const added = detail.added || [];
  const sessionFindings = findings.filter((f) => f.messageIndex === null || f.messageIndex === undefined);
  const sessionAdded = added.filter((a) => a.messageIndex === null || a.messageIndex === undefined);
  const status = h('p', { id: 'review-status', class: 'review-status', role: 'status', text: page.status });

  replace(
    page.view,
    h(
      'section',
      { class: 'page transcript-page' },
      backLink(),
      header(detail),
      status,
      scorePanel(detail),
      h(
        'section',
        { id: 'session-findings', class: 'panel', 'aria-labelledby': 'session-findings-title' },
        h('h2', { id: 'session-findings-title', text: '整段会话的发现' }),
        sessionFindings.length + sessionAdded.length === 0
          ? h('p', { class: 'muted', text: '无（与具体消息相关的发现显示在对应消息下方）' })
          : [
              sessionFindings.map((f) => findingCard(f, page, reviewer)),
              sessionAdded.map((a) => addedCard(a)),
            ],
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'transcript-title' },
        h('h2', { id: 'transcript-title', text: '对话记录' }),
        messages.length === 0
          ? h('p', { class: 'muted', text: '该会话没有可显示的消息记录。' })
          : transcriptList(detail, page, reviewer),
      ),
      notAssessedPanel(detail),
      reviewer ? reviewerTools(page) : null,
      historyPanel(detail),
    ),
  );
}

function backLink() {
  let href = '#/list';
  try {
    href = sessionStorage.getItem(LAST_LIST_KEY) || href;
  } catch (_) {
    /* storage disabled */
  }
  return h('a', { href, class: 'back-link', id: 'back-to-list' }, '← 返回列表');
}

function header(detail) {
  const meta = [
    ['来源', SOURCE_LABELS[detail.source] || detail.source],
    ['渠道', channelLabel(detail.channel)],
    ['开始时间', dateTime(detail.startedAt)],
    ['行为标准', detail.standardVersion ? 'v' + detail.standardVersion : DASH],
    ['质检引擎', detail.engineVersion || DASH],
  ];
  if (detail.conversationId) meta.push(['会话 ID', detail.conversationId]);
  return h(
    'div',
    { class: 'page-head' },
    h('h1', null, '会话 ', h('span', { class: 'ref', text: detail.ref })),
    h(
      'dl',
      { class: 'meta' },
      meta.map(([k, v]) => h('div', null, h('dt', { text: k }), h('dd', { text: v }))),
    ),
  );
}

function scorePanel(detail) {
  const auto = detail.automatic || {};
  const reviewed = detail.reviewed;
  const card = (id, title, data, extra) =>
    h(
      'div',
      {
        id,
        class: 'score-card ' + (data.passed ? 'is-pass' : 'is-fail'),
        dataset: { passed: String(Boolean(data.passed)), score: String(data.score) },
      },
      h('span', { class: 'score-title', text: title }),
      h('span', { class: 'score-big', text: score(data.score) }),
      h(
        'span',
        { class: 'score-badges' },
        data.passed
          ? h('span', { class: 'badge badge-pass', text: '通过' })
          : h('span', { class: 'badge badge-fail', text: '未通过' }),
        data.redLines > 0 ? h('span', { class: 'badge badge-red', text: '红线 ×' + data.redLines }) : null,
      ),
      extra,
    );
  const reviewedSubjects = new Map(
    ((reviewed && reviewed.subjects) || []).map((s) => [s.subject + ':' + (s.agentId || ''), s]),
  );
  const subjects = auto.subjects || [];
  const lost = (auto.dimensions || []).filter((d) => d.lost > 0);
  return h(
    'section',
    { class: 'panel score-panel', 'aria-label': '得分' },
    h(
      'div',
      { class: 'score-cards' },
      card('automatic-score', '自动质检得分', auto, null),
      reviewed
        ? card(
            'reviewed-score',
            '复核后得分',
            reviewed,
            h('span', {
              class: 'score-sub',
              text: '复核人 ' + actorName(reviewed.reviewedBy) + ' · ' + dateTime(reviewed.reviewedAt),
            }),
          )
        : h(
            'div',
            { class: 'score-card is-pending' },
            h('span', { class: 'score-title', text: '复核后得分' }),
            h('span', { class: 'muted', text: '尚未复核' }),
          ),
    ),
    subjects.length > 1
      ? h(
          'table',
          { class: 'data-table compact subjects' },
          h('caption', { text: '分对象得分（整段会话、AI客服、每位人工坐席）' }),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['对象', '自动得分', '复核后得分'].map((t) => h('th', { scope: 'col', text: t })),
            ),
          ),
          h(
            'tbody',
            null,
            subjects.map((s) => {
              const r = reviewedSubjects.get(s.subject + ':' + (s.agentId || ''));
              return h(
                'tr',
                { class: 'subject-row', dataset: { subject: s.subject, agentId: s.agentId || null } },
                h('th', { scope: 'row', 'data-label': '对象', text: subjectLabel(s) }),
                h('td', { 'data-label': '自动得分' }, scoreWithResult(s)),
                h('td', { 'data-label': '复核后得分' }, r ? scoreWithResult(r) : DASH),
              );
            }),
          ),
        )
      : null,
    lost.length > 0
      ? h(
          'p',
          { class: 'dimensions' },
          '自动扣分维度：',
          lost.map((d) =>
            h('span', { class: 'chip', text: d.title + ' −' + score(d.lost) + '（满分' + d.weight + '）' }),
          ),
        )
      : null,
  );
}

function scoreWithResult(s) {
  return [
    score(s.score) + ' 分 ',
    s.passed
      ? h('span', { class: 'badge badge-pass', text: '通过' })
      : h('span', { class: 'badge badge-fail', text: '未通过' }),
  ];
}

function subjectLabel(s) {
  if (s.subject === 'all') return '整段会话';
  if (s.subject === 'bot') return 'AI客服';
  return '坐席 ' + (s.agentId || '');
}

function actorName(by) {
  if (!by) return DASH;
  if (typeof by === 'string') return by;
  return by.displayName || by.username || DASH;
}

/** Messages and events in time order; findings and reviewer additions under their message. */
function transcriptList(detail, page, reviewer) {
  const messages = detail.transcript.messages;
  const events = (detail.transcript && detail.transcript.events) || [];
  const byMessage = new Map();
  for (const f of detail.findings || []) {
    if (typeof f.messageIndex !== 'number') continue;
    if (!byMessage.has(f.messageIndex)) byMessage.set(f.messageIndex, { findings: [], added: [] });
    byMessage.get(f.messageIndex).findings.push(f);
  }
  for (const a of detail.added || []) {
    if (typeof a.messageIndex !== 'number') continue;
    if (!byMessage.has(a.messageIndex)) byMessage.set(a.messageIndex, { findings: [], added: [] });
    byMessage.get(a.messageIndex).added.push(a);
  }
  // An event belongs after the turn it names, else after the last turn at or before its time.
  const eventsAfter = new Map();
  for (const e of events) {
    let after = -1;
    if (typeof e.messageIndex === 'number') after = e.messageIndex;
    else messages.forEach((m, i) => (m.t <= e.t ? (after = i) : null));
    if (!eventsAfter.has(after)) eventsAfter.set(after, []);
    eventsAfter.get(after).push(e);
  }
  const items = [];
  const pushEvents = (after) => (eventsAfter.get(after) || []).forEach((e) => items.push(eventLine(e)));
  pushEvents(-1);
  messages.forEach((m, i) => {
    const index = typeof m.index === 'number' ? m.index : i;
    items.push(messageItem(m, index, byMessage.get(index) || { findings: [], added: [] }, page, reviewer));
    pushEvents(index);
  });
  return h('ol', { id: 'transcript', class: 'transcript', 'aria-label': '对话消息' }, items);
}

function eventLine(e) {
  return h(
    'li',
    { class: 'qa-event', dataset: { type: e.type } },
    h('time', { text: mmss(e.t) }),
    ' ',
    EVENT_LABELS[e.type] || e.type,
  );
}

/*
 * Red lines: the server decides (isRedLine on each finding: critical, or of a red-line check such as
 * CS-11), the same rule as the list's 红线 badge, the 含红线 filter and the KPI tiles. Only a critical
 * finding fails the transcript (一票否决); a red line of a red-line check also takes its deduction.
 */
function messageItem(m, index, attached, page, reviewer) {
  const red =
    attached.findings.some((f) => f.isRedLine && f.verdict !== 'overturned') ||
    attached.added.some((a) => a.isRedLine);
  const marks = [
    ...attached.findings.map((f) => ({
      evidence: f.evidence,
      redLine: Boolean(f.isRedLine) && f.verdict !== 'overturned',
      key: f.key,
      check: f.check,
    })),
    ...attached.added.map((a) => ({
      evidence: a.evidence,
      redLine: Boolean(a.isRedLine),
      key: 'added:' + a.id,
      check: a.check,
    })),
  ];
  const speaker = (SPEAKER_LABELS[m.role] || m.role) + (m.agentId ? ' ' + m.agentId : '');
  return h(
    'li',
    {
      class:
        'qa-msg role-' +
        m.role +
        (red ? ' has-red-line' : '') +
        (attached.findings.length ? ' has-findings' : ''),
      id: 'msg-' + index,
      dataset: { index: String(index), role: m.role },
    },
    h(
      'div',
      { class: 'msg-meta' },
      h('span', { class: 'speaker', text: speaker }),
      h('time', { class: 'msg-time', text: mmss(m.t) }),
      h('span', { class: 'msg-index', text: '#' + index }),
    ),
    h('p', { class: 'msg-text' }, highlighted(String(m.text || ''), marks)),
    attached.findings.length + attached.added.length > 0
      ? h(
          'div',
          { class: 'msg-findings' },
          attached.findings.map((f) => findingCard(f, page, reviewer)),
          attached.added.map((a) => addedCard(a)),
        )
      : null,
  );
}

function findingCard(f, page, reviewer) {
  const disputes = f.disputes || [];
  const slot = h('div', { class: 'inline-form-slot' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const actions = h('div', { class: 'finding-actions' });
  const title = checkLabel(f.check);
  if (reviewer) {
    if (f.verdict !== 'confirmed')
      actions.appendChild(
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-small action-confirm',
            'aria-label': '确认发现 ' + title,
            onclick: (event) =>
              void submit(
                page,
                { action: 'confirm', findingKey: f.key },
                event.currentTarget,
                error,
                '已确认该发现',
              ),
          },
          '确认',
        ),
      );
    if (f.verdict !== 'overturned')
      actions.appendChild(
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-small action-overturn',
            'aria-label': '推翻发现 ' + title,
            'aria-expanded': 'false',
            onclick: (event) =>
              openReasonForm(page, slot, event.currentTarget, error, {
                action: 'overturn',
                findingKey: f.key,
                label: '推翻理由',
                placeholder: '请说明该发现为何不成立（如：否定语境、系统核验步骤、误识别等）',
                submitText: '确认推翻',
                done: '已推翻该发现，复核后得分已更新',
              }),
          },
          '推翻',
        ),
      );
  } else if (chargedTo(f, page.ctx.user) && !f.disputeOpen) {
    actions.appendChild(
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-small action-dispute',
          'aria-label': '申诉 ' + title,
          'aria-expanded': 'false',
          onclick: (event) =>
            openReasonForm(page, slot, event.currentTarget, error, {
              action: 'dispute',
              findingKey: f.key,
              label: '申诉理由',
              placeholder: '请说明您认为该发现不成立的理由，质检员会复核',
              submitText: '提交申诉',
              done: '申诉已提交，等待质检员复核',
            }),
        },
        '申诉',
      ),
    );
  }
  const red = Boolean(f.isRedLine);
  return h(
    'article',
    {
      class:
        'finding sev-' +
        f.severity +
        (red ? ' is-red-line' : '') +
        (f.verdict ? ' verdict-' + f.verdict : ''),
      dataset: {
        key: f.key,
        check: f.check,
        severity: f.severity,
        redLine: String(red),
        verdict: f.verdict || 'none',
      },
      'aria-label': (red ? '红线发现 ' : '发现 ') + title,
    },
    h(
      'div',
      { class: 'finding-head' },
      severityBadges(f.severity, red),
      h('strong', { class: 'finding-check', text: title }),
      f.deduction > 0 ? h('span', { class: 'deduction', text: '−' + score(f.deduction) + ' 分' }) : null,
      f.severity === 'critical' && f.verdict !== 'overturned'
        ? h('span', { class: 'deduction', text: '一票否决' })
        : null,
      h('span', { class: 'finding-source', text: FINDING_SOURCE_LABELS[f.source] || f.source }),
      f.agentId ? h('span', { class: 'finding-agent', text: '坐席 ' + f.agentId }) : null,
      f.verdict
        ? h('span', {
            class: 'badge verdict verdict-' + f.verdict,
            text:
              (VERDICT_LABELS[f.verdict] || f.verdict) + (f.verdictBy ? ' · ' + actorName(f.verdictBy) : ''),
          })
        : h('span', { class: 'badge verdict verdict-none', text: '待复核' }),
      f.disputeOpen ? h('span', { class: 'badge badge-warn', text: '申诉待处理' }) : null,
    ),
    f.explanation ? h('p', { class: 'finding-explanation', text: f.explanation }) : null,
    f.evidence ? h('p', { class: 'finding-evidence' }, '证据：', h('q', { text: f.evidence })) : null,
    disputes.length
      ? h(
          'ul',
          { class: 'disputes', 'aria-label': '申诉记录' },
          disputes.map((d) =>
            h(
              'li',
              null,
              '申诉 · ' + actorName(d.by) + ' · ' + dateTime(d.at) + '：',
              h('span', { text: d.comment }),
            ),
          ),
        )
      : null,
    actions.childNodes.length ? actions : null,
    slot,
    error,
  );
}

/** An agent may dispute the findings charged to them (the server keys agents by username). */
function chargedTo(f, user) {
  return Boolean(user) && user.role === 'agent' && f.role === 'agent' && f.agentId === user.username;
}

/** 红线 for a red line; the severity too unless it is critical (whose label is 红线). */
function severityBadges(severity, red) {
  const label = h('span', {
    class: 'badge ' + (severity === 'major' ? 'badge-warn' : 'badge-minor'),
    text: SEVERITY_LABELS[severity] || severity,
  });
  if (!red) return label;
  return [h('span', { class: 'badge badge-red', text: '红线' }), severity === 'critical' ? null : label];
}

function addedCard(a) {
  const red = Boolean(a.isRedLine);
  return h(
    'article',
    {
      class: 'added-finding sev-' + a.severity + (red ? ' is-red-line' : ''),
      dataset: { id: a.id, check: a.check, severity: a.severity, redLine: String(red) },
      'aria-label': '人工补充发现 ' + checkLabel(a.check),
    },
    h(
      'div',
      { class: 'finding-head' },
      h('span', { class: 'badge badge-added', text: '人工补充' }),
      severityBadges(a.severity, red),
      h('strong', { class: 'finding-check', text: checkLabel(a.check) }),
      h('span', { class: 'finding-source', text: actorName(a.by) + ' · ' + dateTime(a.at) }),
    ),
    a.evidence ? h('p', { class: 'finding-evidence' }, '证据：', h('q', { text: a.evidence })) : null,
    a.comment ? h('p', { class: 'finding-explanation', text: a.comment }) : null,
  );
}

/** The inline "reason" form of overturn and dispute (comment 1–500 characters, required). */
function openReasonForm(page, slot, button, error, spec) {
  if (slot.firstChild) {
    slot.replaceChildren();
    button.setAttribute('aria-expanded', 'false');
    button.focus();
    return;
  }
  const id = 'reason-' + spec.action + '-' + Math.random().toString(36).slice(2, 8);
  const textarea = h('textarea', {
    id,
    name: 'comment',
    rows: 3,
    maxlength: MAX_COMMENT,
    required: true,
    placeholder: spec.placeholder,
    class: 'reason-input',
  });
  const form = h(
    'form',
    { class: 'inline-form ' + spec.action + '-form', novalidate: true },
    field(spec.label + '（必填，最多' + MAX_COMMENT + '字）', textarea),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary btn-small' }, spec.submitText),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-small',
          onclick: () => {
            slot.replaceChildren();
            showError(error, '');
            button.setAttribute('aria-expanded', 'false');
            button.focus();
          },
        },
        '取消',
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const comment = textarea.value.trim();
    if (!comment) {
      showError(error, '请填写' + spec.label);
      textarea.focus();
      return;
    }
    if (Array.from(comment).length > MAX_COMMENT) {
      showError(error, spec.label + '不能超过' + MAX_COMMENT + '字');
      textarea.focus();
      return;
    }
    void submit(page, { action: spec.action, findingKey: spec.findingKey, comment }, form, error, spec.done);
  });
  slot.replaceChildren(form);
  button.setAttribute('aria-expanded', 'true');
  textarea.focus();
}

/** POST a review action; on 201 draw the returned detail, else show the server's message. */
async function submit(page, body, control, error, done) {
  showError(error, '');
  const form = control.tagName === 'FORM' ? control : control.closest('.finding, form, section') || control;
  const result = await busy(form, async () => {
    try {
      return { detail: await api(page.path + '/reviews', { method: 'POST', body }) };
    } catch (e) {
      return { error: messageOf(e) };
    }
  });
  if (page.ctx.stale()) return false;
  if (result.error) {
    showError(error, result.error);
    return false;
  }
  const y = window.scrollY;
  page.detail = result.detail;
  page.status = done;
  draw(page);
  window.scrollTo(0, y);
  return true;
}

function notAssessedPanel(detail) {
  const seen = new Set();
  const rows = [];
  for (const n of (detail.automatic && detail.automatic.notAssessed) || []) {
    const key = n.check + '|' + n.reason;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(n);
  }
  if (rows.length === 0) return null;
  return h(
    'section',
    { id: 'not-assessed', class: 'panel', 'aria-labelledby': 'not-assessed-title' },
    h(
      'details',
      null,
      h(
        'summary',
        null,
        h('h2', {
          id: 'not-assessed-title',
          class: 'inline-h2',
          text: '未评估的检查项（' + rows.length + '）',
        }),
      ),
      h('p', { class: 'muted', text: '以下检查需要大模型或转写中没有的数据，本次未评估，不计为通过。' }),
      h(
        'ul',
        { class: 'not-assessed-list' },
        rows.map((n) =>
          h(
            'li',
            { dataset: { check: n.check } },
            h('strong', { text: checkLabel(n.check) }),
            ' — 未评估：' + (n.reason || DASH),
            n.detector ? h('span', { class: 'muted', text: '（' + n.detector + '）' }) : null,
          ),
        ),
      ),
    ),
  );
}

function reviewerTools(page) {
  const messages = (page.detail.transcript && page.detail.transcript.messages) || [];
  const addError = errorBox('add-finding-error');
  const check = select(
    'add-check',
    CHECKS.map(([id]) => [id, checkLabel(id)]),
    'CS-07',
  );
  const severity = select(
    'add-severity',
    [
      ['minor', '轻微'],
      ['major', '严重'],
      ['critical', '红线（一票否决）'],
    ],
    'major',
  );
  const message = select(
    'add-message',
    [
      ['', '整段会话（不针对某条消息）'],
      ...messages.map((m, i) => {
        const index = typeof m.index === 'number' ? m.index : i;
        const preview = Array.from(String(m.text || ''))
          .slice(0, 24)
          .join('');
        return [
          String(index),
          '#' + index + ' ' + (SPEAKER_LABELS[m.role] || m.role) + ' ' + mmss(m.t) + ' ' + preview,
        ];
      }),
    ],
    '',
  );
  const evidence = h('input', {
    id: 'add-evidence',
    name: 'evidence',
    maxlength: 500,
    placeholder: '引用消息中的原文（可选）',
  });
  const addComment = h('textarea', {
    id: 'add-comment',
    name: 'comment',
    rows: 2,
    maxlength: MAX_COMMENT,
    required: true,
    placeholder: '说明漏检的问题',
  });
  const addForm = h(
    'form',
    { id: 'add-finding-form', class: 'tool-form', novalidate: true, 'aria-labelledby': 'add-title' },
    h('h3', { id: 'add-title', text: '补充发现（引擎漏检）' }),
    h(
      'div',
      { class: 'form-grid' },
      field('检查项', check),
      field('严重程度', severity),
      field('对应消息', message),
    ),
    field('证据原文', evidence),
    field('说明（必填）', addComment),
    addError,
    h('button', { type: 'submit', class: 'btn btn-primary' }, '添加发现'),
  );
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const comment = addComment.value.trim();
    if (!comment) {
      showError(addError, '请填写说明');
      addComment.focus();
      return;
    }
    const body = {
      action: 'add',
      check: check.value,
      severity: severity.value,
      messageIndex: message.value === '' ? null : Number(message.value),
      comment,
    };
    if (evidence.value.trim()) body.evidence = evidence.value.trim();
    void submit(page, body, addForm, addError, '已添加补充发现，复核后得分已更新');
  });

  const commentError = errorBox('comment-error');
  const commentText = h('textarea', {
    id: 'review-comment',
    name: 'comment',
    rows: 2,
    maxlength: MAX_COMMENT,
    required: true,
    placeholder: '对本段会话的整体评语（如：服务态度良好，但需加强合规话术）',
  });
  const commentForm = h(
    'form',
    { id: 'comment-form', class: 'tool-form', novalidate: true, 'aria-labelledby': 'comment-title' },
    h('h3', { id: 'comment-title', text: '复核评语' }),
    field('评语（最多' + MAX_COMMENT + '字）', commentText),
    commentError,
    h('button', { type: 'submit', class: 'btn' }, '提交评语'),
  );
  commentForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const comment = commentText.value.trim();
    if (!comment) {
      showError(commentError, '请填写评语');
      commentText.focus();
      return;
    }
    void submit(page, { action: 'comment', comment }, commentForm, commentError, '评语已保存');
  });

  return h(
    'section',
    { id: 'review-tools', class: 'panel tools', 'aria-label': '复核操作' },
    h('h2', { text: '复核操作' }),
    h('div', { class: 'tools-grid' }, addForm, commentForm),
  );
}

function historyPanel(detail) {
  const actions = detail.actions || [];
  return h(
    'section',
    { id: 'actions', class: 'panel', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title', text: '复核记录' }),
    actions.length === 0
      ? h('p', { class: 'muted', text: '暂无复核记录。' })
      : h(
          'ol',
          { class: 'history' },
          actions.map((a) =>
            h(
              'li',
              { dataset: { action: a.action } },
              h('time', { text: dateTime(a.at) }),
              ' ',
              h('strong', { text: actorName(a.by) }),
              a.by && a.by.role
                ? h('span', { class: 'muted', text: '（' + (ROLE_LABELS[a.by.role] || a.by.role) + '）' })
                : null,
              ' ',
              h('span', { class: 'history-action', text: ACTION_LABELS[a.action] || a.action }),
              a.check ? h('span', { class: 'chip', text: checkLabel(a.check) }) : null,
              a.comment ? h('span', { class: 'history-comment' }, '：', a.comment) : null,
            ),
          ),
        ),
  );
}
