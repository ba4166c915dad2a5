/**
 * The docs' own words in each locale (headings, column names, presence words). Catalog text never comes
 * from here: it comes from the model, in the locale's language.
 */
import type { PresenceKind, Text } from '../../model/catalog.js';

export type Locale = 'en' | 'zh';
export const LOCALES: readonly Locale[] = ['en', 'zh'];

/** Path prefix of a locale's pages: English is the root locale. */
export function localePrefix(locale: Locale): string {
  return locale === 'en' ? '' : 'zh/';
}

/** The text in the locale's language, and in the other one. */
export function pick(text: Text, locale: Locale): { main: string; other: string } {
  return locale === 'zh' ? { main: text.zh, other: text.en } : { main: text.en, other: text.zh };
}

const en = {
  language: 'English',
  lang: 'en-US',
  overview: 'Overview',
  allEvents: 'All notifications',
  families: 'Families',
  family: 'Family',
  name: 'Name',
  level: 'Level',
  label: 'Label',
  labelOther: '标签',
  notifications: 'Notifications',
  decisions: 'Decisions and errata',
  errata: 'Errata',
  erratum: 'Erratum',
  decision: 'Decision',
  source: 'Source',
  field: 'Field',
  type: 'Type',
  format: 'Format',
  presence: 'Presence',
  description: 'Description',
  example: 'Example',
  envelopeFields: 'Envelope fields',
  contentFields: 'Content fields',
  meaning: 'What it means',
  lifecycle: 'Status lifecycle',
  lifecycles: 'Lifecycles',
  presenceRules: 'Presence rules',
  documentedLevel: 'Level in the documentation',
  observedLevels: 'also seen in deliveries',
  schema: 'JSON Schema',
  strictSchema: 'strict (its family)',
  typeName: 'TypeScript type',
  handler: 'Handling it',
  handling: 'Handling events',
  changes: 'Changes',
  changesLead:
    'What each version of the catalog changed for the people who receive the events, as `ecs-events diff` finds it between the versions the repository records, with the level each change calls for.',
  languages: 'Using the schemas from other languages',
  documentedExample: 'Documented example',
  generatedExample: 'Generated example (from the catalog; the document has none for this name)',
  invalidExample: 'The catalog rejects this example',
  decisionList: 'Decisions',
  seeAlso: 'See',
  misnamedExample: 'Documented example of this notification, under the name',
  seeErratum: 'See the erratum',
  impact: 'Impact',
  dependsOnNotification: 'depends on the notification (see the presence rules)',
  response: 'What to do',
  resourceType: 'Resource type',
  category: 'Category',
  status: 'Status',
  finalStatus: 'final',
  transientStatus: 'transient',
  catalogVersion: 'Catalog version',
  notificationCount: 'notification names',
  notificationCountOne: 'notification name',
  formats: 'Value formats',
  pattern: 'Pattern',
  outline: 'On this page',
  fields: 'fields',
  required: 'required',
  optional: 'optional',
  absent: 'absent',
  always: 'always',
} as const;

export type Words = { readonly [K in keyof typeof en]: string };

const zh: Words = {
  language: '简体中文',
  lang: 'zh-CN',
  overview: '概览',
  allEvents: '全部事件通知',
  families: '事件类别',
  family: '类别',
  name: '名称',
  level: '级别',
  label: '标签',
  labelOther: 'Label',
  notifications: '事件通知',
  decisions: '决定与勘误',
  errata: '勘误',
  erratum: '勘误',
  decision: '决定',
  source: '来源',
  field: '字段',
  type: '类型',
  format: '格式',
  presence: '是否出现',
  description: '说明',
  example: '示例',
  envelopeFields: '信封字段',
  contentFields: 'content字段',
  meaning: '含义',
  lifecycle: '状态流转',
  lifecycles: '状态流转',
  presenceRules: '字段出现规则',
  documentedLevel: '文档中的级别',
  observedLevels: '实际推送中也见到',
  schema: 'JSON Schema',
  strictSchema: '严格版（所属类别）',
  typeName: 'TypeScript类型',
  handler: '处理示例',
  handling: '处理事件通知',
  changes: '变更记录',
  changesLead:
    '各版本catalog对接收事件通知者的变更，由 `ecs-events diff` 在仓库记录的版本之间得出，并注明每项变更所需的版本级别。以下内容为英文。',
  languages: '在其他语言中使用JSON Schema',
  documentedExample: '文档示例',
  generatedExample: '生成的示例（来自catalog；文档中没有该名称的示例）',
  invalidExample: 'catalog拒绝此示例',
  decisionList: '决定',
  seeAlso: '参见',
  misnamedExample: '文档中此事件通知的示例，名称为',
  seeErratum: '见勘误',
  impact: '影响',
  dependsOnNotification: '取决于事件通知（见字段出现规则）',
  response: '应对建议',
  resourceType: '资源类型',
  category: '事件类型',
  status: '事件状态',
  finalStatus: '稳定状态',
  transientStatus: '中间状态',
  catalogVersion: 'catalog版本',
  notificationCount: '个事件通知名称',
  notificationCountOne: '个事件通知名称',
  formats: '值格式',
  pattern: '正则',
  outline: '本页内容',
  fields: '字段',
  required: '必需',
  optional: '可选',
  absent: '不出现',
  always: '固定为',
};

/** The docs' words in a locale. */
export function words(locale: Locale): Words {
  return locale === 'zh' ? zh : en;
}

/** The word for a presence. */
export function presenceWord(presence: PresenceKind, locale: Locale): string {
  return words(locale)[presence];
}
