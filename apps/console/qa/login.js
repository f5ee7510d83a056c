/* Login page: POST /api/auth/login { username, password } → { token, user }. */
import { api, homeOf, messageOf, session } from './api.js';
import { busy, errorBox, field, h, replace, showError } from './dom.js';

export function render(view, ctx) {
  const next = ctx.query.get('next');
  const wanted = next && next.startsWith('#/') && !next.startsWith('#/login') ? next : null;
  const signedIn = session.get();
  if (signedIn) return ctx.go(wanted || homeOf(signedIn.user));

  const username = h('input', {
    id: 'login-username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    maxlength: 64,
    autocapitalize: 'off',
    spellcheck: 'false',
  });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    maxlength: 200,
  });
  const error = errorBox('login-error');
  const form = h(
    'form',
    { id: 'login-form', class: 'login-form', novalidate: true },
    h('h1', { text: '质检工作台登录' }),
    h('p', { class: 'muted', text: '供质检员、主管、管理员和坐席使用，请使用公司分配的账号登录。' }),
    ctx.query.get('expired') ? h('p', { class: 'notice', text: '登录已失效，请重新登录。' }) : null,
    field('用户名', username),
    field('密码', password),
    error,
    h('button', { id: 'login-button', type: 'submit', class: 'btn btn-primary btn-block' }, '登录'),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = { username: username.value.trim(), password: password.value };
    if (!values.username || !values.password) {
      showError(error, '请输入用户名和密码');
      (values.username ? password : username).focus();
      return;
    }
    showError(error, '');
    void busy(form, async () => {
      try {
        const result = await api('/auth/login', { method: 'POST', body: values, anonymous: true });
        session.set({ token: result.token, user: result.user });
        return result.user;
      } catch (e) {
        showError(error, messageOf(e));
        password.value = '';
        return null;
      }
    }).then((user) => {
      if (user) ctx.go(wanted || homeOf(user));
      else password.focus();
    });
  });

  replace(view, h('section', { class: 'login-page' }, form));
  username.focus();
}
