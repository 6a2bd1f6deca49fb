export { GITHUB_COMMENT_LIMIT, MIN_COMMENT_LENGTH, renderComment } from './render-comment.ts';
export { REPORT_JSON_VERSION, renderJson } from './render-json.ts';
export { renderText } from './render-text.ts';
export { codeFence, codeSpan, escapeHtml, escapeMarkdown } from './escape-markdown.ts';
export type { CheckReport, EnvironmentCheck, ReportMeta } from '../check-report.ts';
export type { CommentOptions } from './comment-options.ts';
