/*
 * The console's only way to the server: fetch with the staff bearer token, JSON in and out.
 * A failed request throws ApiError carrying the server's own Chinese message (error bodies are
 * { error: { code, message } }; a flat { statusCode, code, message } is read too). A 401 on any
 * request but the login itself ends the session and sends the user back to the login page.
 */

const SESSION_KEY = 'anxin.console.session';
const REVIEWER_ROLES = ['qa', 'supervisor', 'admin'];

const DESK_ROLES = ['agent', 'supervisor', 'admin'];
const SUPERVISOR_ROLES = ['supervisor', 'admin'];

/** qa, supervisor and admin review; an agent only reads their own results and disputes. */
export function isReviewer(user) {
  return Boolean(user) && REVIEWER_ROLES.includes(user.role);
}

/** agent, supervisor and admin serve chats at the desk (坐席工作台); qa does not. */
export function isDeskUser(user) {
  return Boolean(user) && DESK_ROLES.includes(user.role);
}

/** supervisor and admin see the supervisor view (坐席监控), take over and reassign. */
export function isSupervisor(user) {
  return Boolean(user) && SUPERVISOR_ROLES.includes(user.role);
}

/** Where a user lands after login: agents on the desk, everyone else on the QA list. */
export function homeOf(user) {
  return user && user.role === 'agent' ? '#/desk' : '#/list';
}

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const FALLBACK_MESSAGES = {
  0: '无法连接服务器，请检查网络后重试',
  400: '请求有误，请检查输入',
  401: '登录已失效，请重新登录',
  403: '您没有权限访问此功能',
  404: '未找到相应内容',
  409: '数据已被他人更新，请刷新后重试',
  413: '提交的内容过大',
  429: '操作过于频繁，请稍后再试',
};

/** The signed-in user: { token, user: { id, username, displayName, role, skills } } or null. */
export const session = {
  get() {
    try {
      const raw = sessionStorage.getItem(SESSION_KEY);
      const value = raw ? JSON.parse(raw) : null;
      return value && typeof value.token === 'string' && value.user ? value : null;
    } catch (_) {
      return null;
    }
  },
  set(value) {
    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
    } catch (_) {
      /* storage disabled: the session lasts until the page is left */
    }
    memory = value;
  },
  clear() {
    try {
      sessionStorage.removeItem(SESSION_KEY);
    } catch (_) {
      /* storage disabled */
    }
    memory = null;
  },
  token() {
    const s = this.get() || memory;
    return s ? s.token : null;
  },
};
let memory = null;

let onUnauthorized = () => {};
/** main.js registers what a 401 does (back to the login page). */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/**
 * api('/qa/transcripts', { query: { failed: true } }) → parsed JSON.
 * `query` values that are '', null, undefined or false are left out.
 */
export async function api(path, options = {}) {
  const url = new URL('/api' + path, window.location.origin);
  for (const [key, value] of Object.entries(options.query || {})) {
    if (value === '' || value === null || value === undefined || value === false) continue;
    url.searchParams.set(key, String(value));
  }
  const headers = { Accept: 'application/json' };
  const token = session.token();
  if (token && !options.anonymous) headers.Authorization = 'Bearer ' + token;
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res;
  try {
    res = await fetch(url, { method: options.method || 'GET', headers, body, cache: 'no-store' });
  } catch (_) {
    throw new ApiError(0, 'NETWORK', FALLBACK_MESSAGES[0]);
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return data;
  const error = toApiError(res.status, data);
  if (res.status === 401 && !options.anonymous) {
    session.clear();
    onUnauthorized(error);
  }
  throw error;
}

function toApiError(status, data) {
  const payload = data && typeof data === 'object' ? (data.error ?? data) : {};
  const code = typeof payload.code === 'string' ? payload.code : 'HTTP.' + status;
  const fallback = FALLBACK_MESSAGES[status] || (status >= 500 ? '服务暂时不可用，请稍后再试' : '请求失败');
  const message = typeof payload.message === 'string' && payload.message.trim() ? payload.message : fallback;
  return new ApiError(status, code, message, payload.details);
}

/** A readable message for any error a page catches. */
export function messageOf(error) {
  if (error instanceof ApiError) return error.message;
  return '页面出错了，请刷新后重试';
}
