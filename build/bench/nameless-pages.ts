/**
 * The pages of the "pages that name nobody" scenario (./nameless.ts): most of what a reader opens.
 * An English article of about 40 paragraphs, the same with ten small ad-like frames (five from the
 * page's origin, five from a second one), and an article in accented French, whose every block the
 * prefilter's ASCII fast path lets through. Deterministic; checked to name nobody of the bundled
 * packs before they are used.
 */

const EN = (
  'garden soil morning rain seeds water careful gardener bench spring summer autumn winter tomatoes beans ' +
  'compost shade leaves roots basket path fence gate kitchen window bread table chair lamp quiet river stone ' +
  'bridge valley hill cloud breeze warm cold bright evening neighbours market cheese apples pears onions ' +
  'potatoes harvest week month year village school library bicycle train station ticket letter stamp'
).split(' ');

const FR = (
  'été café forêt rivière élève fenêtre château pâtisserie crème hôpital naïf fraîcheur goût bientôt ' +
  'déjà très après où là préféré cinéma théâtre écharpe hiver printemps automne matinée soirée jardinier ' +
  'légumes pommes poires fromage boulangère épicerie marché tranquille lumière chaleur étoile côte plage ' +
  'bâtiment escalier fenêtres île forêts prés récolte semaine mois année village école bibliothèque'
).split(' ');

/** A small seeded generator, so every run measures the same pages. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function paragraphs(words: readonly string[], count: number, seed: number): string[] {
  const next = random(seed);
  const out: string[] = [];
  for (let p = 0; p < count; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 4 + Math.floor(next() * 3); s++) {
      const n = 8 + Math.floor(next() * 10);
      const w = Array.from({ length: n }, () => words[Math.floor(next() * words.length)]!);
      sentences.push(w[0]![0]!.toUpperCase() + w.join(' ').slice(1) + '.');
    }
    out.push(sentences.join(' '));
  }
  return out;
}

function article(lang: string, title: string, body: readonly string[], extra = ''): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px/1.5 serif;max-width:40em;margin:2em auto}iframe{display:block;width:300px;height:100px;border:0;margin:1em 0}</style></head>
<body><header><nav><a href="#">Home</a> · <a href="#">Garden</a> · <a href="#">Weather</a></nav></header>
<article><h1>${title}</h1><p class="byline">By a staff writer</p>
${body.map((p, i) => `<p>${p}</p>${i % 4 === 3 ? extra.split('\n')[Math.floor(i / 4)] ?? '' : ''}`).join('\n')}
</article><footer><p>Contact · Archive · Newsletter</p></footer></body></html>`;
}

/** The frames of the framed page: five from `origin` (the page's own) and five from `other`. */
function frames(origin: string, other: string): string {
  return Array.from({ length: 10 }, (_, i) => `<iframe src="${i % 2 === 0 ? origin : other}nameless/ad.html?slot=${i}" title="advertisement"></iframe>`).join('\n');
}

/** A small ad, as ad frames are: a line of text, a button, a box. */
export const AD_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ad</title>
<style>body{margin:0;font:13px sans-serif;background:#f4f1e8}div{padding:8px}button{float:right}</style></head>
<body><div><button>Shop now</button><strong>Garden chairs, 20% off this week.</strong><p>Free delivery on orders over 40.</p></div></body></html>`;

/** The scenario's pages, by path under the served folder; `origin` and `other` end with "/". */
export function namelessPages(origin: string, other: string): Record<string, string> {
  const en = paragraphs(EN, 40, 7);
  return {
    'nameless/article.html': article('en', 'A quiet week in the garden', en),
    'nameless/framed.html': article('en', 'A quiet week in the garden', en, frames(origin, other)),
    'nameless/accented.html': article('fr', 'Une semaine tranquille au jardin', paragraphs(FR, 40, 11)),
    'nameless/ad.html': AD_PAGE,
  };
}
