/**
 * The card's stylesheet, set inside its closed shadow root (with createElement('style'), which a
 * strict page CSP allows in Firefox). The host has `all: initial`, so nothing of the page's CSS is
 * inherited, and nothing here can reach the page.
 *
 * Light by default, dark on a dark page or where the reader prefers dark (the controller decides and
 * sets the `dark` class: a dark card on a dark page). Sizes in rem/em of the card's own 15px base
 * and max-height in vh keep it readable at 200% zoom; motion only where the reader allows it.
 */
import { ENTITY_TYPES } from '../core';
import { TYPE_COLOURS } from './type-colours';

export function cardCss(): string {
  const typeRules = ENTITY_TYPES.map((t) => `.type-${t} { --type: ${TYPE_COLOURS[t]}; }`).join('\n');
  return `
:host {
  position: fixed !important; display: block !important; z-index: 2147483647 !important;
  right: auto !important; bottom: auto !important; overflow: visible !important; background: transparent !important;
  max-height: none !important; min-width: 0 !important; min-height: 0 !important; box-shadow: none !important; outline: none !important;
  margin: 0 !important; padding: 0 !important; border: 0 !important; width: max-content !important;
  max-width: calc(100vw - 16px) !important; height: auto !important; visibility: visible !important;
  opacity: 1 !important; transform: none !important; filter: none !important; clip-path: none !important;
  pointer-events: auto !important; float: none !important; contain: layout style !important;
  /* Nothing inherited from the page: */
  color: initial !important; font: initial !important; line-height: normal !important; letter-spacing: normal !important;
  word-spacing: normal !important; text-transform: none !important; text-indent: 0 !important; text-align: start !important;
  text-shadow: none !important; white-space: normal !important; cursor: auto !important; direction: ltr !important;
  writing-mode: horizontal-tb !important; font-style: normal !important; font-weight: normal !important;
}
${typeRules}
.card {
  --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --button: #f6f8fa; --link: #0b57d0; --focus: #0b57d0;
  box-sizing: border-box; width: min(360px, calc(100vw - 16px)); max-height: min(70vh, 560px); overflow: auto;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-top: 4px solid var(--type);
  border-radius: 8px; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.18); padding: 10px 14px 12px;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; text-align: start;
  overscroll-behavior: contain; outline: none;
}
.card.placing { visibility: hidden; animation: none; }
.card.dark { --bg: #1c2128; --fg: #e6edf3; --muted: #9da7b3; --line: #3d444d; --button: #2d333b; --link: #7cb4ff; --focus: #7cb4ff; }
.card * { box-sizing: border-box; }
.header { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.type { font-size: 0.8em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.type::before { content: ""; display: inline-block; width: 0.7em; height: 0.7em; border-radius: 50%; background: var(--type); margin-inline-end: 0.4em; vertical-align: -0.05em; }
.tools { display: flex; gap: 4px; }
.name { font-size: 1.15em; font-weight: 650; margin: 4px 0 2px; line-height: 1.3; }
.summary { margin: 0 0 6px; font-weight: 500; }
.context { margin: 0 0 6px; color: var(--fg); }
.section { font-size: 0.8em; font-weight: 650; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin: 10px 0 4px; }
ul, ol { margin: 0; padding-inline-start: 1.2em; }
li { margin: 2px 0; }
.facts .label { font-weight: 600; }
.date { color: var(--muted); white-space: nowrap; }
.timeline .date { font-weight: 600; color: var(--fg); margin-inline-end: 0.3em; }
.related { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
.related li { margin: 0; }
button {
  font: inherit; font-size: 0.85em; color: var(--fg); background: var(--button); border: 1px solid var(--line);
  border-radius: 6px; padding: 3px 8px; cursor: pointer; min-height: 28px;
}
.related-entity { border-inline-start: 4px solid var(--type); }
button:hover { border-color: var(--muted); }
button[aria-pressed="true"] { font-weight: 700; border-color: var(--type); box-shadow: inset 0 0 0 1px var(--type); }
a { color: var(--link); }
.cite { font-size: 0.8em; text-decoration: none; }
.meta { color: var(--muted); font-size: 0.9em; }
.sources { font-size: 0.9em; }
.footer { margin-top: 10px; border-top: 1px solid var(--line); padding-top: 8px; font-size: 0.85em; color: var(--muted); }
.footer p { margin: 0 0 6px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
@media (prefers-reduced-motion: no-preference) {
  .card { animation: appear 120ms ease-out; }
  @keyframes appear { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
}
@media (forced-colors: active) { .card { border: 2px solid CanvasText; } }
`;
}
