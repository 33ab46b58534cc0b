// The hostile-input corpus: strings an attacker could put in a message, a display name, an avatar URL or a
// custom field. Every executing vector calls window.__pwned(<its id>) or a dialog, so any execution is caught.

export interface XssVector {
  id: string;
  /** What the vector tries (for failure messages). */
  kind: 'markup' | 'handler' | 'url' | 'markdown' | 'encoded' | 'unicode' | 'svg-mathml' | 'css' | 'breakout' | 'template';
  payload: string;
}

const p = (id: string) => `window.__pwned('${id}')`;

export const XSS_VECTORS: readonly XssVector[] = [
  { id: 'script', kind: 'markup', payload: `<script>${p('script')}</script>` },
  { id: 'script-src', kind: 'markup', payload: `<script src="data:text/javascript,${p('script-src')}"></script>` },
  { id: 'img-onerror', kind: 'handler', payload: `<img src=x onerror="${p('img-onerror')}">` },
  { id: 'img-backtick', kind: 'handler', payload: `<img src=\`x\` onerror=${p('img-backtick')}>` },
  { id: 'svg-onload', kind: 'svg-mathml', payload: `<svg onload="${p('svg-onload')}"></svg>` },
  { id: 'svg-script', kind: 'svg-mathml', payload: `<svg><script>${p('svg-script')}</script></svg>` },
  { id: 'svg-animate', kind: 'svg-mathml', payload: `<svg><animate onbegin="${p('svg-animate')}" attributeName="x" dur="1s"></animate></svg>` },
  { id: 'svg-xlink', kind: 'svg-mathml', payload: `<svg><a xlink:href="javascript:${p('svg-xlink')}"><text x="20" y="20">tap</text></a></svg>` },
  { id: 'svg-foreign', kind: 'svg-mathml', payload: `<svg><foreignObject><iframe src="javascript:parent.__pwned('svg-foreign')"></iframe></foreignObject></svg>` },
  { id: 'svg-use-data', kind: 'svg-mathml', payload: `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='parent.__pwned(&quot;svg-use-data&quot;)'/></svg>#x"/></svg>` },
  { id: 'math-href', kind: 'svg-mathml', payload: `<math href="javascript:${p('math-href')}"><mi>click</mi></math>` },
  { id: 'math-mxss', kind: 'svg-mathml', payload: `<math><mtext><table><mglyph><style><img src=x onerror="${p('math-mxss')}"></style></mglyph></table></mtext></math>` },
  { id: 'iframe-js', kind: 'markup', payload: `<iframe src="javascript:parent.__pwned('iframe-js')"></iframe>` },
  { id: 'iframe-srcdoc', kind: 'markup', payload: `<iframe srcdoc="<script>parent.__pwned('iframe-srcdoc')</script>"></iframe>` },
  { id: 'object', kind: 'markup', payload: `<object data="javascript:${p('object')}"></object>` },
  { id: 'embed', kind: 'markup', payload: `<embed src="javascript:${p('embed')}">` },
  { id: 'body-onload', kind: 'handler', payload: `<body onload="${p('body-onload')}">` },
  { id: 'details-toggle', kind: 'handler', payload: `<details open ontoggle="${p('details-toggle')}"><summary>x</summary></details>` },
  { id: 'video-source', kind: 'handler', payload: `<video><source onerror="${p('video-source')}"></video>` },
  { id: 'audio-onerror', kind: 'handler', payload: `<audio src=x onerror="${p('audio-onerror')}"></audio>` },
  { id: 'autofocus', kind: 'handler', payload: `<input autofocus onfocus="${p('autofocus')}">` },
  { id: 'marquee', kind: 'handler', payload: `<marquee onstart="${p('marquee')}">x</marquee>` },
  { id: 'a-onclick', kind: 'handler', payload: `<a href="https://example.com" onclick="${p('a-onclick')}">ok</a>` },
  { id: 'img-srcset', kind: 'handler', payload: `<img src="https://example.com/x.png" srcset="javascript:${p('img-srcset')}">` },
  { id: 'form-action', kind: 'markup', payload: `<form action="javascript:${p('form-action')}"><button>go</button></form>` },
  { id: 'a-js', kind: 'url', payload: `<a href="javascript:${p('a-js')}">click me</a>` },
  { id: 'meta-refresh', kind: 'markup', payload: `<meta http-equiv="refresh" content="0;url=javascript:${p('meta-refresh')}">` },
  { id: 'base-href', kind: 'markup', payload: '<base href="javascript:/">' },
  { id: 'link-import', kind: 'markup', payload: `<link rel="stylesheet" href="data:text/css,*{background:url(javascript:${p('link-import')})}">` },
  { id: 'style-tag', kind: 'css', payload: `<style>@import 'javascript:${p('style-tag')}'; *{background:url("javascript:${p('style-tag')}")}</style>` },
  { id: 'style-attr', kind: 'css', payload: `<div style="background-image:url(javascript:${p('style-attr')})">x</div>` },
  { id: 'css-expression', kind: 'css', payload: `<div style="width: expression(${p('css-expression')})">x</div>` },
  { id: 'css-breakout', kind: 'css', payload: '</style><style>*{display:none !important}</style>x{}*{color:red}' },
  { id: 'textarea-breakout', kind: 'breakout', payload: `</textarea><script>${p('textarea-breakout')}</script>` },
  { id: 'attr-breakout', kind: 'breakout', payload: `"><script>${p('attr-breakout')}</script>` },
  { id: 'single-quote-breakout', kind: 'breakout', payload: `'><img src=x onerror=${p('single-quote-breakout')}>` },
  { id: 'comment', kind: 'breakout', payload: `<!--<img src="--><img src=x onerror=${p('comment')}//">` },
  { id: 'cdata', kind: 'breakout', payload: `<![CDATA[<script>${p('cdata')}</script>]]>` },
  { id: 'noscript', kind: 'breakout', payload: `<noscript><p title="</noscript><img src=x onerror=${p('noscript')}>"></noscript>` },
  { id: 'nested-script', kind: 'breakout', payload: `<scr<script>ipt>${p('nested-script')}</scr</script>ipt>` },
  { id: 'bare-js-url', kind: 'url', payload: `javascript:${p('bare-js-url')}` },
  { id: 'mixed-case-js', kind: 'url', payload: `JaVaScRiPt:${p('mixed-case-js')}` },
  { id: 'entity-tab-js', kind: 'url', payload: `java&#x09;script:${p('entity-tab-js')}` },
  { id: 'space-prefix-js', kind: 'url', payload: `  javascript:${p('space-prefix-js')}` },
  { id: 'vbscript', kind: 'url', payload: 'vbscript:msgbox("vbscript")' },
  { id: 'data-html', kind: 'url', payload: `data:text/html,<script>${p('data-html')}</script>` },
  { id: 'url-quote', kind: 'url', payload: `https://example.com/"onmouseover="${p('url-quote')}"` },
  { id: 'url-script', kind: 'url', payload: `https://example.com/<script>${p('url-script')}</script>` },
  { id: 'url-img', kind: 'url', payload: `http://example.com/?q=<img src=x onerror=${p('url-img')}>` },
  { id: 'mailto-script', kind: 'url', payload: `mailto:x@example.com?body=<script>${p('mailto-script')}</script>` },
  { id: 'autolink-js', kind: 'markdown', payload: `<javascript:${p('autolink-js')}>` },
  { id: 'md-link-js', kind: 'markdown', payload: `[click here](javascript:${p('md-link-js')})` },
  { id: 'md-link-upper', kind: 'markdown', payload: `[click](JAVASCRIPT:${p('md-link-upper')})` },
  { id: 'md-image-js', kind: 'markdown', payload: `![cat](javascript:${p('md-image-js')})` },
  { id: 'md-link-data', kind: 'markdown', payload: '[open](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZCgnbWQtbGluay1kYXRhJyk8L3NjcmlwdD4=)' },
  { id: 'md-link-vbscript', kind: 'markdown', payload: '[x](vbscript:msgbox("md"))' },
  { id: 'md-link-title', kind: 'markdown', payload: `[ok](https://example.com "title" onmouseover="${p('md-link-title')}")` },
  { id: 'md-html-mix', kind: 'markdown', payload: `**bold** <b onmouseover="${p('md-html-mix')}">hover</b> _it_` },
  { id: 'entity-script', kind: 'encoded', payload: `&lt;script&gt;${p('entity-script')}&lt;/script&gt;` },
  { id: 'numeric-entity', kind: 'encoded', payload: `&#60;img src=x onerror=${p('numeric-entity')}&#62;` },
  { id: 'percent-encoded', kind: 'encoded', payload: `%3Cscript%3E${p('percent-encoded')}%3C/script%3E` },
  { id: 'js-escape', kind: 'encoded', payload: `\\u003cimg src=x onerror=${p('js-escape')}\\u003e` },
  { id: 'double-encoded', kind: 'encoded', payload: `&amp;lt;img src=x onerror=${p('double-encoded')}&amp;gt;` },
  { id: 'fullwidth', kind: 'unicode', payload: `＜script＞${p('fullwidth')}＜/script＞` },
  { id: 'rtl-override', kind: 'unicode', payload: 'invoice\u202Efdp.exe and \u202Bembedded\u202C text' },
  { id: 'rtl-isolate', kind: 'unicode', payload: '\u2067<b>isolated</b>\u2069 after' },
  { id: 'zero-width-js', kind: 'unicode', payload: `java\u200Bscript:${p('zero-width-js')}` },
  { id: 'cyrillic-js', kind: 'unicode', payload: `јavascript:${p('cyrillic-js')}` },
  { id: 'control-chars', kind: 'unicode', payload: `\u0001\u0008\u001b[31m<img src=x onerror=${p('control-chars')}>` },
  { id: 'zalgo', kind: 'unicode', payload: 'Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324a\u0360\u0361l\u0315\u0361g\u035do\u0338' },
  { id: 'emoji-surrogates', kind: 'unicode', payload: '👩‍👩‍👧‍👦 🏳️‍🌈 \uD83D (lone surrogate) <i>x</i>' },
  { id: 'template-braces', kind: 'template', payload: `{{constructor.constructor('${p('template-braces')}')()}}` },
  { id: 'template-literal', kind: 'template', payload: `\${${p('template-literal')}}` },
  { id: 'proto-key', kind: 'template', payload: '__proto__ constructor prototype toString' },
  { id: 'crlf', kind: 'breakout', payload: `line one\r\n\r\n<script>${p('crlf')}</script>\nline two` },
];

/** Display names for agents: short markup an agent system could let through, shown beside each article. */
export const XSS_DISPLAY_NAMES: readonly string[] = [
  `<img src=x onerror="${p('name-img')}">`,
  `<script>${p('name-script')}</script>`,
  `"><svg onload=${p('name-svg')}>`,
  `Grace<style>*{display:none}</style>`,
  `[Grace](javascript:${p('name-md')})`,
  `javascript:${p('name-js')}`,
  '\u202Eecarg',
  `&lt;b&gt;Grace&lt;/b&gt; &#60;i&#62;`,
  `{{constructor.constructor('${p('name-tmpl')}')()}}`,
  `Grace </span><iframe src="javascript:parent.__pwned('name-iframe')">`,
];

/** Avatar URLs: only http(s) may ever reach an img src. */
export const XSS_AVATAR_URLS: readonly string[] = [
  `javascript:${p('avatar-js')}`,
  `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${p('avatar-svg')}"/>`,
  `data:text/html,<script>${p('avatar-data')}</script>`,
  'vbscript:msgbox(1)',
  `https://example.com/a.png" onerror="${p('avatar-quote')}`,
  `x" onerror="${p('avatar-x')}`,
  `//example.com/protocol-relative.png`,
  `  JAVASCRIPT:${p('avatar-upper')}`,
];

/** Markup-bearing guest values: pre-chat names, custom fields, the title attribute. */
export const XSS_GUEST_VALUES = {
  firstName: `<img src=x onerror="${p('guest-first')}">`,
  lastName: `"><svg onload=${p('guest-last')}>`,
  customFields: {
    orderId: `<script>${p('cf-script')}</script>`,
    note: `javascript:${p('cf-js')}`,
    '<b onmouseover=alert(1)>key</b>': `[x](javascript:${p('cf-md')})`,
    // An own key named __proto__ (JSON can carry one): it must neither pollute prototypes nor break the chat.
    ['__proto__']: 'polluted?',
  } as Record<string, string>,
  title: `<img src=x onerror="${p('title')}">Help`,
};
