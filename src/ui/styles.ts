// The widget's whole stylesheet, adopted into the shadow root as a constructable sheet by mountWidget (no
// <style>, no style attributes: a strict CSP stays silent). px only, never rem; nothing inherits from the host page.

// Contrast (WCAG 1.4.3, checked numerically for the built-in palette; see docs/decisions/041):
// light: text 16.8, muted 6.3 (5.6 on --surf), accent/links 6.3 (5.6 on --surf), error 5.9, on-primary 6.3;
// dark: text 15.3, muted 7.5 (6.2 on --surf), accent 8.5 (7.0 on --surf), error 8.0 (6.7 on --surf).
// Input and composer borders (--edge) are ≥ 3:1 against the background (1.4.11).
// Written once, used twice: for data-theme=dark, and for data-theme=auto when the system is dark.
const DARK =
  '--bg:#17181c;--surf:#26282f;--line:#34363f;--edge:#6c7180;--tx:#eceef3;--mut:#a3a8b6;--err:#ff8f85;--wbg:#3a2c0a;' +
  '--warn:#ffd27a;--acc:color-mix(in srgb,var(--p) 45%,#fff);--soft:color-mix(in srgb,var(--p) 25%,var(--bg));color-scheme:dark';

// Shared declarations are grouped by selector lists (accent fills, round grid boxes, flex columns) rather than
// repeated per component. One string per line, joined by `+`: the minifier folds them into one literal without the
// newlines a multi-line template would keep.
export const css =
  ':host{all:initial!important}' +
  '.r{--p:var(--parley-primary,#4f46e5);--on-p:var(--parley-on-primary,#fff);--bg:#fff;--surf:#f1f2f6;--line:#e3e5ec;--edge:#8a8f9c;' +
  '--tx:#1c1d22;--mut:#5b6070;--err:#c2261d;--wbg:#fff3d6;--warn:#7a4a00;--acc:var(--p);--soft:color-mix(in srgb,var(--p) 12%,var(--bg));' +
  'color-scheme:light;color:var(--tx);font:14px/1.45 var(--parley-font,system-ui,sans-serif)}' +
  `.r[data-theme=dark]{${DARK}}` +
  `@media (prefers-color-scheme:dark){.r[data-theme=auto]{${DARK}}}` +
  '*{box-sizing:border-box;margin:0;padding:0}' +
  'button,input,textarea{font:inherit;color:inherit;border:0;background:none}' +
  'button{cursor:pointer}' +
  '[hidden]{display:none!important}' +
  ':focus-visible{outline:2px solid var(--acc);outline-offset:2px}' +
  '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}' +
  'svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}' +
  '.launch,.hd,.pri,.send,.own .bub{background:var(--p);color:var(--on-p)}' +
  '.launch,.ib,.send,.av{display:grid;place-items:center}' +
  '.launch,.send,.av{border-radius:50%}' +
  '.win,.body,.main,.pane,.pane form,.log,.col,.card{display:flex;flex-direction:column}' +
  '.body,.main,.log{flex:1;min-height:0}' +
  '.launch,.win{position:fixed;z-index:var(--parley-z-index,2147483000);right:20px;bottom:20px}' +
  '[data-pos=bottom-left]>*{right:auto;left:20px}' +
  '.launch{width:56px;height:56px;box-shadow:0 4px 16px #0004}' +
  '.launch:hover{transform:scale(1.06)}' +
  '.launch svg{width:26px;height:26px}' +
  '.badge{position:absolute;top:-4px;right:-4px;min-width:22px;padding:0 6px;border-radius:11px;background:#c2261d;color:#fff;font:700 12px/22px system-ui,sans-serif;box-shadow:0 0 0 2px #fff}' +
  '.win{bottom:88px;width:var(--parley-width,376px);height:min(var(--parley-height,640px),100vh - 108px);max-width:calc(100vw - 40px);overflow:hidden;background:var(--bg);border-radius:var(--parley-radius,16px);box-shadow:0 12px 48px #0003;animation:pop .2s}' +
  '.win:focus{outline:0}' +
  '@keyframes pop{from{opacity:0;transform:translateY(12px)}}' +
  '@media (max-width:479px){.win{inset:0;width:auto;height:auto;max-width:none;border-radius:0}.launch[aria-expanded=true]{display:none}}' +
  '.hd{display:flex;align-items:center;gap:2px;min-height:64px;padding:10px 8px;padding-inline-start:18px}' +
  '.hd div{flex:1;min-width:0}' +
  '.hd div *{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-size:12.5px}' +
  '.hd h2{font-size:16px;font-weight:650}' +
  '.hd :focus-visible{outline-color:var(--on-p);outline-offset:-3px}' +
  '.ib{width:36px;height:36px;border-radius:10px}' +
  '.ib:hover,.ib[aria-expanded=true]{background:#fff3}' +
  '.btn{min-height:36px;padding:0 16px;border-radius:10px;font-weight:600}' +
  '.btn:hover{filter:brightness(.95)}' +
  '.btn[disabled],.btn[aria-disabled=true]{opacity:.6;cursor:default}' +
  '.ghost{border:1px solid var(--line);background:var(--bg);color:var(--acc)}' +
  '.danger{background:#c2261d;color:#fff}' +
  '.ask,.wait{display:flex;align-items:center;gap:8px;padding:10px 12px;padding-inline-start:18px;background:var(--surf)}' +
  '.ask p{flex:1;font-weight:600}' +
  '.banner{background:var(--wbg);color:var(--warn);font-size:13px;font-weight:600;text-align:center}' +
  '.banner:not(:empty){padding:8px}' +
  '.body,.main{position:relative}' +
  '.pane{flex:1;overflow:auto;padding:20px}' +
  '.pane,.pane form,.card{gap:14px}' +
  '.center{align-items:center;justify-content:center;text-align:center}' +
  '.alert{padding:10px 12px;border-radius:10px;background:color-mix(in srgb,var(--err) 10%,var(--bg))}' +
  'label{display:block;margin-bottom:6px;font-size:13px;font-weight:600}' +
  '.ferr{margin-top:4px;font-size:13px}' +
  'input{width:100%;height:42px;padding:0 12px;border:1px solid var(--edge);border-radius:10px;background:var(--bg)}' +
  'input:focus,.cbox:focus-within{outline:0;border-color:var(--p);box-shadow:0 0 0 3px color-mix(in srgb,var(--p) 25%,transparent)}' +
  'input[aria-invalid]{border-color:var(--err)}' +
  '.wait{margin:12px 12px 0;border-radius:12px;background:var(--soft);font-weight:600}' +
  '.wait i{display:inline-block;width:7px;height:7px;margin-inline-end:4px;border-radius:50%;background:var(--acc);animation:blink 1.2s infinite}' +
  '.wait i+i{animation-delay:.2s}' +
  '.wait i+i+i{animation-delay:.4s}' +
  '@keyframes blink{50%{opacity:.25}}' +
  '.log{padding:8px 14px;overflow-y:auto;overflow-anchor:none;overscroll-behavior:contain}' +
  '.log:focus-visible{outline-offset:-2px}' +
  '.earlier{align-self:center;min-height:30px;margin:8px 0 4px;border-radius:15px;font-size:13px}' +
  'article{content-visibility:auto;contain-intrinsic-size:auto 44px}' +
  '.msg{display:flex;gap:8px;margin-top:2px;padding-inline-start:36px}' +
  '.first{margin-top:14px;padding-inline-start:0}' +
  '.own{justify-content:flex-end;padding-inline-start:56px}' +
  '.col{align-items:flex-start;min-width:0;max-width:86%}' +
  '.own .col{align-items:flex-end;max-width:100%}' +
  '.av{position:relative;overflow:hidden;width:28px;height:28px;flex:none;background:var(--soft);font-size:11px;font-weight:700}' +
  '.av img{position:absolute;width:100%;height:100%;object-fit:cover}' +
  '.meta,.st,.sys,.typing,.count,li .col{font-size:12px;color:var(--mut)}' +
  '.meta{margin:0 4px 3px}' +
  '.alert,.req,.ferr,.err,.over{color:var(--err)}' +
  '.who{font-weight:600;color:var(--tx)}' +
  'time{white-space:nowrap}' +
  '.bub{padding:8px 12px;border-radius:18px;border-start-start-radius:6px;background:var(--surf);white-space:pre-wrap;overflow-wrap:anywhere}' +
  '.own .bub{border-radius:18px;border-start-end-radius:6px}' +
  '.bub a{color:var(--acc)}' +
  '.own .bub a{color:inherit}' +
  '.st{margin:3px 4px 0}' +
  '.late{animation:late 1s step-end}' +
  '@keyframes late{0%{visibility:hidden}}' +
  '.retry{min-height:26px;margin-inline-start:8px;padding:0 10px;border:1px solid;border-radius:13px;font-size:12px}' +
  '.sys{margin:14px auto 2px;max-width:90%;text-align:center}' +
  '.note p{padding:8px 12px;border-radius:12px;background:var(--soft);color:var(--tx);font-size:13px}' +
  '.typing{min-height:22px;padding:2px 18px 0}' +
  '.ended{text-align:center;font-weight:600}' +
  '.ended:not(:empty){padding-top:8px}' +
  '.again{align-self:center;margin:8px}' +
  '.comp{padding:6px 12px 12px}' +
  '.cbox{display:flex;align-items:flex-end;padding:4px;padding-inline-start:14px;border:1px solid var(--edge);border-radius:22px}' +
  'textarea{flex:1;max-height:128px;padding:7px 0;resize:none;line-height:20px}' +
  // Its box (.cbox) shows the focus; an outline of its own would draw a square inside the round box.
  'textarea:focus{outline:0}' +
  'textarea::placeholder{color:var(--mut);opacity:1}' +
  '.send{width:34px;height:34px}' +
  '.send:disabled{background:var(--surf);color:var(--mut);cursor:default}' +
  '.count{margin:4px 10px 0;text-align:end}' +
  '.over{font-weight:600}' +
  '.sheet{position:absolute;inset:0;padding:16px 18px;overflow:auto;background:var(--bg)}' +
  'h3{font-size:12px;text-transform:uppercase;color:var(--mut)}' +
  'ul{list-style:none}' +
  'li{display:flex;align-items:center;gap:12px;padding:10px 0;border-bottom:1px solid var(--line)}' +
  'li .av{width:36px;height:36px;font-size:13px}' +
  'li .who{font-size:14px}' +
  '.scrim{position:absolute;inset:0;display:flex;align-items:flex-end;padding:12px;background:#000a}' +
  '.card{width:100%;padding:18px;border-radius:14px;background:var(--bg)}' +
  '#p-media{font-size:15px;font-weight:650}' +
  '.card div{display:flex;gap:8px}' +
  '.card .btn{flex:1;min-height:40px}' +
  '@media (prefers-reduced-motion:reduce){*{animation:none!important}}';
