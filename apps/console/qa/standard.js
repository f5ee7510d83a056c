/*
 * The behaviour standard in force, as the console names it: check ids and titles for the filter
 * and "add a finding" pickers, read once per page load from GET /api/qa/standard. The rules
 * themselves live in knowledge/standards/behaviour.yaml; nothing here repeats them.
 */
import { api } from './api.js';

/** [[id, title], …] in id order; empty until loadStandard() has run. */
export const CHECKS = [];
const TITLES = new Map();
let loading = null;

/** Loads the check list once (signed-in pages only); a failure leaves the pickers with ids only. */
export function loadStandard() {
  if (!loading)
    loading = api('/qa/standard')
      .then((standard) => {
        for (const check of standard.checks) {
          CHECKS.push([check.id, check.title]);
          TITLES.set(check.id, check.title);
        }
      })
      .catch(() => {
        loading = null;
      });
  return loading;
}

export function checkTitle(id) {
  return TITLES.get(id) || '';
}

/** "CS-16 数据最小化与脱敏" */
export function checkLabel(id) {
  const title = checkTitle(id);
  return title ? id + ' ' + title : id;
}
