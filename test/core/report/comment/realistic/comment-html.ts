import { marked } from 'marked';

/**
 * A review comment as a browser shows it, close enough to GitHub to judge by eye: GFM through
 * `marked` (a devDependency, used only here), GitHub's newline-as-line-break in comments, and a
 * little of GitHub's style. For screenshots and HTML snapshots; never part of the product.
 */
const STYLE = `
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0; background: #fff; }
.comment { max-width: 900px; margin: 16px auto; border: 1px solid #d0d7de; border-radius: 6px; }
.comment > header { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px; color: #59636e; }
.comment > article { padding: 8px 16px 16px; }
h3 { font-size: 1.25em; margin: 16px 0 8px; } h4 { font-size: 1em; margin: 20px 0 6px; }
code { font: 85% ui-monospace, SFMono-Regular, Menlo, monospace; background: rgba(129,139,152,.12); padding: .15em .35em; border-radius: 6px; }
pre { background: #f6f8fa; padding: 12px; border-radius: 6px; overflow: auto; } pre code { background: none; padding: 0; }
ul { padding-left: 2em; margin: 6px 0; } li { margin: 2px 0; } p { margin: 6px 0; }
details { margin: 6px 0; } summary { cursor: pointer; color: #0969da; }
hr { border: 0; border-top: 1px solid #d0d7de; margin: 16px 0 8px; } sub { color: #59636e; }
a { color: #0969da; text-decoration: none; }
`;

export function commentHtml(title: string, body: string, open = false): string {
  const html = marked.parse(body, { gfm: true, breaks: true, async: false });
  const shown = open ? html.replaceAll('<details>', '<details open>') : html;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${title.replace(/[<&]/g, '')}</title><style>${STYLE}</style></head>
<body><div class="comment"><header><b>github-actions</b> commented · ${title.replace(/[<&]/g, '')}</header><article>
${shown}</article></div></body></html>
`;
}
