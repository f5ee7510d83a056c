/*
 * Tiny DOM helpers. Text only ever goes in through textContent / text nodes, never innerHTML:
 * transcripts are customer and agent text.
 */

/**
 * h('button', { class: 'btn', type: 'button', onclick: fn, dataset: { key } }, '确认')
 * Props: class, text, dataset, on<event> (listeners), hidden/disabled/checked/value/selected
 * (properties), anything else an attribute (null/false left out, true as an empty attribute).
 */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name === 'dataset') {
      for (const [key, v] of Object.entries(value)) if (v !== null && v !== undefined) node.dataset[key] = v;
    } else if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (['hidden', 'disabled', 'checked', 'value', 'selected', 'required'].includes(name)) {
      node[name] = value;
    } else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends children: nodes, strings/numbers as text, arrays flattened, null/false skipped. */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces everything inside `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A labelled form field: <div class="field"><label for=id>…</label>control</div>. */
export function field(label, control, hint) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id, text: label }),
    control,
    hint ? h('span', { class: 'hint', text: hint }) : null,
  );
}

/** <select> with [value, label] options. */
export function select(id, options, current, props) {
  return h(
    'select',
    { id, name: id, ...(props || {}) },
    options.map(([value, label]) =>
      h('option', { value, selected: String(value) === String(current ?? '') }, label),
    ),
  );
}

/** A status line for errors inside a form or page (role=alert so screen readers read it). */
export function errorBox(id) {
  return h('p', { id, class: 'form-error', role: 'alert' });
}

export function showError(box, message) {
  box.textContent = message || '';
}

/** Disables a form's controls while `work` runs. */
export async function busy(form, work) {
  const controls = Array.from(form.querySelectorAll('button, input, select, textarea'));
  const before = controls.map((c) => c.disabled);
  controls.forEach((c) => (c.disabled = true));
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    controls.forEach((c, i) => (c.disabled = before[i]));
    form.removeAttribute('aria-busy');
  }
}
