/**
 * The words slot detectors use to read slots from plain text. behaviour.yaml names the slots but no rule
 * file says how they are worded, so this small vocabulary lives here; it belongs in knowledge/lexicon once
 * a lexicon owns slot wording (the agent's flows hold similar labels).
 */

/** Words that name a slot in a question, for slots whose values the PII patterns recognise. */
export const SLOT_LABELS: Readonly<Record<string, readonly string[]>> = {
  policy_no: ['保单号'],
  mobile: ['手机号', '手机号码', '联系电话', '电话号码'],
  id_card: ['身份证号', '身份证号码', '证件号', '证件号码'],
  bank_card: ['银行卡号', '卡号'],
};

/** A clause asking the customer for something. */
export const ASK_CUE =
  /请(您)?(再)?(提供|告诉|告知|输入|回复|发送|填写|报一下|说一下|发一下)|是多少|是什么|麻烦(您)?(再)?(提供|告诉|发)/u;

/** A sentence about documents to hand in. */
export const DOCUMENT_CUE = /材料|资料|证明|提供|准备|提交|上传|携带|补充|补交|需要/u;

/** A later turn asking for more documents. */
export const ADD_DOCUMENT_CUE =
  /还需要|还需|另外(还)?(需要|要)|再(提供|补充|准备|上传|补)|补充(提供|上传|一下)|补交|还要(提供|准备|上传)|还得|漏了|忘了/u;

/** How document names end (理赔申请书, 诊断证明, 医疗费用发票, 病历 …). */
export const DOCUMENT_NAME =
  /(证明|证件|身份证|户口本|驾驶证|行驶证|申请书|认定书|鉴定书|通知书|清单|明细|发票|收据|病历|报告|照片|复印件|原件|凭证|结算单|分割单|单据|银行卡|存折|账户信息)$/u;

/** Words between list items. */
export const LIST_SEPARATOR = /[、,;:()\s]|以及|和|及|与|或者|或|并且|并/u;

/** Leading words of a list item that are not part of the document's name. */
export const ITEM_PREFIX =
  /^(请您?|麻烦您?|还需要|还需|另外(还)?需要|需要|再|补充|提供|准备|提交|上传|携带|补交|一下|您的|您|的)+/u;

/** Generic endings ignored when comparing two document names. */
export const GENERIC_NAME_END = /(证明|证件|复印件|原件|清单|明细|报告|申请书|书|单|信息|照片|材料|资料)+$/u;
