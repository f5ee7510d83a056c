/**
 * Person-name extraction for the reply to 「请问被保险人的姓名是？」.
 */

import { normalizeInput } from './text-normalize.util';

/** Lead-in words stripped from the front of a reply: 我叫, 是, 被保险人是我妈妈, 名字是. */
const LEAD_INS = [
  '被保险人 被保人 投保人 出险人 当事人 受益人 姓名 名字 全名 叫做 就是',
  '妈妈 母亲 爸爸 父亲 老公 老婆 丈夫 妻子 爱人 媳妇 儿子 女儿 孩子',
  '奶奶 爷爷 外婆 外公 姥姥 姥爷 哥哥 姐姐 弟弟 妹妹 婆婆 公公 岳父',
  '岳母 那个 嗯 哦 噢 好的 我 他 她 的 是 叫 就 妈 爸 : -',
]
  .join(' ')
  .split(' ')
  .sort((a, b) => b.length - a.length);

/** Trailing words stripped from the end: 张三本人, 张三先生, 李小明吧. */
const TRAIL_OFFS = '本人 先生 女士 同志 就行 就好 吧 啊 呀 哦 哈 呢 嘛 ~'
  .split(' ')
  .sort((a, b) => b.length - a.length);

/**
 * Characters that practically never occur in names but do in sentences (pronouns, negations,
 * particles, question words). Characters common in names are deliberately absent: 谢 and 那 are
 * surnames (谢娜, 那英), 有 and 会 are frequent given-name characters (王有才).
 */
const NON_NAME_CHARS = /[我你您他她它们不没吗呢吧啊呀哦嘛了的是这哪谁啥怎么要想说问请]/;

/**
 * Words that are not names; a candidate made entirely of these (昨天下午 = 昨天 + 下午) is rejected.
 * A name that merely contains one (王明天) is kept.
 */
const NON_NAME_WORDS = [
  '知道 不知道 不清楚 不记得 忘了 骗子 客服 人工 转人工 转接 机器人 保险',
  '理赔 报案 保单 退保 投诉 取消 算了 确认 同意 正确 错误 对的 没错',
  '可以 好的 谢谢 你好 您好 稍等 等等 明白 收到 哈哈 嗯嗯 身份证 手机',
  '电话 号码 验证码 地址 医院 车祸 事故 住院 今天 昨天 前天 明天 后天',
  '上午 下午 中午 晚上 早上 凌晨 上周 本人 自己 家人 朋友 同事 孩子',
  '老人 先生 女士 小姐 经理 老板 老师 医生 警察 司机 不用 没有 什么',
  '为什么 怎么 多少 哪里 真的 假的 随便 不要 拒绝 保密 隐私 不方便',
  '不告诉',
]
  .join(' ')
  .split(' ');

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
const PLAIN_NAME = new RegExp(`^[${HAN}]{2,4}$`);
const DOTTED_NAME = new RegExp(`^[${HAN}]+(?:·[${HAN}]+)+$`);
const MAX_DOTTED_LENGTH = 12;
const MIDDLE_DOTS = /[•・‧∙⋅●．.]/g;
const CLAUSE_BREAK = /[,;!?。；！？、…\s()（）【】[\]"'“”‘’]+/;

function stripEnds(clause: string): string {
  let rest = clause;
  for (let changed = true; changed;) {
    changed = false;
    for (const word of LEAD_INS) {
      if (rest.startsWith(word) && rest.length > word.length) {
        rest = rest.slice(word.length);
        changed = true;
        break;
      }
    }
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const word of TRAIL_OFFS) {
      if (rest.endsWith(word) && rest.length > word.length) {
        rest = rest.slice(0, -word.length);
        changed = true;
        break;
      }
    }
  }
  return rest;
}

/** Whether `text` splits entirely into non-name words. */
function isOnlyNonNameWords(text: string): boolean {
  const reachable = [true, ...Array<boolean>(text.length).fill(false)];
  for (let i = 0; i < text.length; i++) {
    if (!reachable[i]) continue;
    for (const word of NON_NAME_WORDS) if (text.startsWith(word, i)) reachable[i + word.length] = true;
  }
  return reachable[text.length] === true;
}

function asName(candidate: string): string | null {
  if (DOTTED_NAME.test(candidate)) return candidate.length <= MAX_DOTTED_LENGTH ? candidate : null;
  if (!PLAIN_NAME.test(candidate)) return null;
  if (NON_NAME_CHARS.test(candidate) || isOnlyNonNameWords(candidate)) return null;
  return candidate;
}

/**
 * Extracts a person's name from a short reply: 「张三」「我叫李小明」「是王芳」
 * 「被保险人是我妈妈刘秀英」(→ 刘秀英)「欧阳娜娜」「阿依古丽·买买提」. The reply is split into
 * clauses and the first clause that is a name after removing lead-ins (我叫, 是, 被保险人是,
 * relatives such as 我妈妈) and trailing words (本人, 先生, 吧) wins.
 *
 * A name is 2–4 Han characters, or Han parts joined by a middle dot (·, •, ・) up to 12
 * characters. Sentences are rejected by a small list of characters that names do not contain
 * (我你不没吗的是…) and of common words (昨天下午, 不知道, 客服…).
 *
 * Limits: there is no surname dictionary, so a 2–4 character word missing from the stop list
 * (e.g. 「西红柿」) passes as a name; rare names containing a listed character (了, 么, 想) are
 * refused; Latin-script names and a lone surname (「姓张」) give null. Confirm with the customer.
 */
export function extractPersonName(text: string): string | null {
  const normalized = normalizeInput(text.replace(MIDDLE_DOTS, '·')).text.replace(/[.·]+$/, '');
  for (const clause of normalized.split(CLAUSE_BREAK)) {
    if (clause === '') continue;
    const name = asName(stripEnds(clause));
    if (name !== null) return name;
  }
  return null;
}
