/*
 * 安心保险 质检工作台 / 坐席工作台: hash router and page frame.
 * Routes: #/login, #/list?filters, #/t/<source>/<ref>, #/kpi?period, #/checks?period,
 * #/desk, #/desk/<conversationId> (agent desk), #/supervisor (supervisor view).
 * Each page module exports render(view, ctx) and may return a cleanup function (charts, sockets,
 * timers). A page that also exports update(ctx) is updated in place when the route stays on it
 * (the desk switching chats keeps its queue, lists and connection).
 * Roles qa | supervisor | admin see the QA pages; role agent sees 「我的质检」 (the server filters the
 * list to their own transcripts) and may dispute findings charged to them. agent, supervisor and
 * admin use the desk; supervisor and admin the supervisor view. Agents land on the desk.
 */
import { api, homeOf, isDeskUser, isReviewer, isSupervisor, session, setUnauthorizedHandler } from './api.js';
import { h, replace } from './dom.js';
import { ROLE_LABELS } from './format.js';
import * as checks from './checks.js';
import * as desk from './desk.js';
import { closeDeskSocket } from './desk-socket.js';
import * as kpi from './kpi.js';
import * as list from './list.js';
import * as login from './login.js';
import * as supervisor from './supervisor.js';
import * as transcript from './transcript.js';
import { loadStandard } from './standard.js';

const ROUTES = [
  { pattern: /^\/login$/, page: login, open: true, title: '登录' },
  { pattern: /^\/list$/, page: list, nav: 'list', title: '质检列表' },
  { pattern: /^\/t\/([^/]+)\/(.+)$/, page: transcript, nav: 'list', title: '会话质检详情' },
  { pattern: /^\/kpi$/, page: kpi, nav: 'kpi', title: '指标看板' },
  { pattern: /^\/checks$/, page: checks, nav: 'checks', title: '检查项校准' },
  {
    pattern: /^\/desk(?:\/([^/]+))?$/,
    page: desk,
    nav: 'desk',
    title: '坐席工作台',
    allowed: isDeskUser,
    denied: '当前账号无权使用坐席工作台',
  },
  {
    pattern: /^\/supervisor$/,
    page: supervisor,
    nav: 'supervisor',
    title: '坐席监控',
    allowed: isSupervisor,
    denied: '只有主管和管理员可以查看坐席监控',
  },
];
const DESK_NAV = ['desk', 'supervisor'];

const el = {
  view: document.getElementById('view'),
  nav: document.getElementById('nav'),
  userBox: document.getElementById('user-box'),
  userName: document.getElementById('user-name'),
  brandName: document.querySelector('.brand-name'),
  logout: document.getElementById('logout-button'),
};

let cleanup = null;
let generation = 0;
/** The page module on screen (for update in place). */
let shown = null;

/** The current hash as { path, segments (decoded), query }. */
function parseHash() {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  return { path: pathPart, query: new URLSearchParams(queryPart) };
}

function go(hash) {
  if (window.location.hash === hash) void route();
  else window.location.hash = hash;
}

function renderFrame(user, navKey) {
  if (!user) {
    el.nav.hidden = true;
    el.userBox.hidden = true;
    return;
  }
  const items = [];
  if (isDeskUser(user)) items.push(['desk', '#/desk', '坐席工作台']);
  if (isSupervisor(user)) items.push(['supervisor', '#/supervisor', '坐席监控']);
  if (isReviewer(user))
    items.push(
      ['list', '#/list', '质检列表'],
      ['kpi', '#/kpi', '指标看板'],
      ['checks', '#/checks', '检查项校准'],
    );
  else items.push(['list', '#/list', '我的质检']);
  replace(
    el.nav,
    items.map(([key, href, label]) =>
      h('a', { href, class: 'nav-link', 'aria-current': key === navKey ? 'page' : null }, label),
    ),
  );
  el.nav.hidden = false;
  el.userName.textContent = user.displayName + '（' + (ROLE_LABELS[user.role] || user.role) + '）';
  el.userBox.hidden = false;
}

function runCleanup() {
  if (cleanup) {
    try {
      cleanup();
    } catch (_) {
      /* a page's cleanup must not stop navigation */
    }
    cleanup = null;
  }
  shown = null;
}

async function route() {
  const myGeneration = ++generation;
  const { path, query } = parseHash();
  const current = session.get();
  let match = null;
  let matched = null;
  for (const r of ROUTES) {
    match = r.pattern.exec(path);
    if (match) {
      matched = r;
      break;
    }
  }
  if (!matched) {
    runCleanup();
    return go(current ? homeOf(current.user) : '#/login');
  }
  if (!matched.open && !current) {
    runCleanup();
    return go('#/login?next=' + encodeURIComponent(window.location.hash));
  }
  const desking = DESK_NAV.includes(matched.nav);
  const suffix = desking ? ' · 安心保险 坐席工作台' : ' · 安心保险 质检工作台';
  if (shown && shown === matched.page && typeof matched.page.update === 'function') {
    // Same page, other parameters: the page updates itself in place.
    renderFrame(current.user, matched.nav);
    document.title = matched.title + suffix;
    matched.page.update({
      user: current.user,
      params: match.slice(1).map((p) => (p === undefined ? undefined : safeDecode(p))),
      query,
      go,
    });
    return;
  }
  runCleanup();
  renderFrame(matched.open ? null : current.user, matched.nav);
  document.title = matched.title + suffix;
  el.brandName.textContent = desking ? '安心保险 · 坐席工作台' : '安心保险 · 质检工作台';
  el.view.classList.toggle('view-wide', desking);
  if (matched.allowed && !matched.allowed(current.user)) {
    el.view.replaceChildren(
      h(
        'section',
        { class: 'page' },
        h('p', { id: 'page-error', class: 'page-error', role: 'alert', text: matched.denied }),
        h('a', { href: homeOf(current.user) }, '返回首页'),
      ),
    );
    return;
  }
  el.view.replaceChildren(h('p', { class: 'loading', text: '加载中…' }));
  const ctx = {
    user: current ? current.user : null,
    params: match.slice(1).map((p) => (p === undefined ? undefined : safeDecode(p))),
    query,
    go,
    /** True once the user has navigated elsewhere: late responses must not render. */
    stale: () => myGeneration !== generation,
  };
  try {
    if (!matched.open) await loadStandard();
    if (ctx.stale()) return;
    const result = await matched.page.render(el.view, ctx);
    if (typeof result === 'function') {
      if (ctx.stale()) result();
      else cleanup = result;
    }
    if (!ctx.stale()) shown = matched.page;
  } catch (error) {
    if (ctx.stale()) return;
    el.view.replaceChildren(
      h('p', { id: 'page-error', class: 'page-error', role: 'alert', text: '页面出错了，请刷新后重试' }),
    );
    throw error;
  }
}

function safeDecode(value) {
  try {
    return decodeURIComponent(value);
  } catch (_) {
    return value;
  }
}

setUnauthorizedHandler(() => {
  closeDeskSocket();
  const next = window.location.hash.startsWith('#/login') ? '' : window.location.hash;
  go('#/login?expired=1' + (next ? '&next=' + encodeURIComponent(next) : ''));
});

el.logout.addEventListener('click', () => {
  runCleanup();
  closeDeskSocket();
  session.clear();
  go('#/login');
});

window.addEventListener('hashchange', () => void route());

/** A stored token may have expired or the account changed: refresh the profile once at start. */
async function start() {
  const stored = session.get();
  if (stored) {
    try {
      const user = await api('/auth/me');
      if (user) session.set({ token: stored.token, user });
    } catch (error) {
      if (error.status === 401) return; // the handler went to the login page
    }
  }
  await route();
}

void start();
