/**
 * The benchmark's article pages: generated, deterministic (seeded), with the markup of a real news
 * site (headings, paragraphs with links and emphasis, lists, tables, nested cards, quotes, an aside)
 * and the things Backstory must not read (script, style, textarea, contenteditable, pre/code).
 *
 * The sentences are story-like and name the bundled pack's entities in the forms articles use
 * ("Elon Musk", "Musk", "Iran's", "Hezbollah"), sometimes split across inline elements
 * ("Elon <b>Musk</b>"), so a 1 MB page has thousands of mentions (about 6,500, the density
 * ../shared/notes/performance.md measured). Sizes count the readable text only, not the skipped
 * blocks or the markup.
 */

/** A small seeded PRNG (mulberry32), so every run and every browser sees the same page. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Names by slot, in the forms news copy uses them. */
const SLOTS: Record<string, string[]> = {
  P: ['Elon Musk', 'Musk', 'Donald Trump', 'Trump', 'President Trump', 'Amir Saeid Iravani', 'Iravani', 'Abbas Araghchi',
    'Araghchi', 'Ali Khamenei', 'Ayatollah Khamenei', 'Masoud Pezeshkian', 'Benjamin Netanyahu', 'Netanyahu', 'Marco Rubio',
    'Steve Witkoff', 'Witkoff', 'Rafael Grossi', 'Vivek Ramaswamy', 'Volodymyr Zelenskyy', 'Vladimir Putin', 'JD Vance',
    'Mike Waltz', 'Qasem Soleimani', 'Hassan Nasrallah', 'Barack Obama', 'John Kerry', 'Javad Zarif', 'Sina Toossi'],
  O: ['Hezbollah', 'Hamas', 'the IRGC', 'the Revolutionary Guards', 'the Quds Force', 'the IAEA', 'SpaceX', 'Starlink', 'Tesla',
    'the United Nations', 'the UN Security Council', 'the Houthis', 'DOGE', 'The New York Times', 'Kataib Hezbollah'],
  L: ['Iran', 'Tehran', 'Israel', 'Lebanon', 'Gaza', 'Iraq', 'Baghdad', 'New York', 'Oman', 'Ukraine', 'Russia', 'Washington'],
  T: ['the JCPOA', 'the Iran nuclear deal', 'maximum pressure', 'enriched uranium', 'the snapback mechanism', 'the Muscat talks',
    'the Axis of Resistance', "Iran's nuclear programme", 'the 2024 election', 'the Gaza war', 'the hostage crisis'],
};

/** Sentences with slots {P} person, {O} organisation, {L} place, {T} topic; some have none. */
const TEMPLATES = [
  '{P} met {P} in {L} on Monday, according to two people familiar with the conversation.',
  'Officials in {L} declined to comment on the report, which was first published last week.',
  "The meeting lasted more than an hour, and {P}'s representatives did not respond to requests for comment.",
  '{O} said in a statement that it had not been consulted before the announcement.',
  'Analysts said the talks could reshape how {L} approaches {T} in the months ahead.',
  'A spokesman for {O} called the claims baseless and said the group would respond in due course.',
  'The foreign ministry in {L} denied that any such meeting had taken place.',
  'Diplomats cautioned that little had changed on the ground despite the flurry of statements.',
  '{P} has long argued that {T} failed to curb the influence of {O}.',
  'The decision came after weeks of pressure from allies, several of whom asked not to be named.',
  'Shipping through the strait slowed as insurers raised their premiums again on Thursday.',
  'Inspectors from {O} reported that stockpiles of {T} had grown since the spring.',
  'Critics said {P} had offered few details about what a new agreement with {L} would require.',
  'Markets barely moved on the news, although oil prices ticked higher in early trading.',
  'People close to {P} described the conversation as positive and wide-ranging.',
  'The report drew an angry response from lawmakers, who demanded a briefing within days.',
  '{O} fighters exchanged fire with troops along the border overnight, the army said.',
  'In a post on social media, {P} wrote that the story was false and then deleted the post.',
  'Residents described long queues for bread and fuel as the currency fell to a record low.',
  'Former officials said the channel to {L} had been quiet for most of the year.',
  'The envoy flew to {L} for a second round of talks, his office confirmed.',
  'It was not clear whether the administration had approved the contact in advance.',
  'Satellite images reviewed by reporters showed new construction near the site.',
  'Both sides have framed {T} as the starting point for any discussion.',
  'The newspaper cited two Iranian officials who spoke on condition of anonymity.',
];

/**
 * The Persian story page: the same slots in the spellings Persian and Dari coverage uses, with and
 * without the zero-width non-joiner, Arabic yeh and kaf, titles before names, the ezafe and the
 * plural after them; sentences written for the page, the shape of the English ones.
 */
const SLOTS_FA: Record<string, string[]> = {
  P: ['ایلان ماسک', 'ماسک', 'دونالد ترامپ', 'ترامپ', 'ترمپ', 'امیرسعید ایروانی', 'امیر سعید ایروانی', 'ایروانی', 'عباس عراقچی', 'عراقچی',
    'آیت‌الله خامنه‌ای', 'خامنه ای', 'مسعود پزشکیان', 'پزشکیان', 'اسماعیل بقائی', 'اسماعیل بقایی', 'سردار قاسم سلیمانی', 'حاج قاسم',
    'ولودیمیر زلنسکی', 'زلنسکی', 'ويوك راماسوامي'],
  O: ['حزب‌الله', 'حزب الله', 'حماس', 'سازمان ملل', 'سازمان ملل متحد', 'شورای امنیت', 'نیویورک تایمز', 'نیویورک‌تایمز', 'نیویورکتایمز',
    'اسپیس‌ایکس', 'استارلینک', 'تسلا', 'سپاه پاسداران'],
  L: ['ایران', 'آمریکا', 'امریکا', 'ایالات متحده', 'اسرائیل', 'اوکراین', 'نیویورک', 'تهران', 'واشنگتن', 'لبنان', 'غزه', 'بغداد'],
  T: ['برجام', 'توافق هسته‌ای', 'خروج آمریکا از برجام', 'ترور سردار سلیمانی', 'تحریم‌های آمریکا', 'برنامه هسته‌ای ایران'],
};

const TEMPLATES_FA = [
  '{P} روز دوشنبه در {L} با {P} دیدار کرد، به گفته دو نفر که از این گفت‌وگو آگاه بودند.',
  'مقام‌های {L} از اظهار نظر درباره این گزارش که هفته گذشته منتشر شد خودداری کردند.',
  'این دیدار بیش از یک ساعت طول کشید و نمایندگان {P} به درخواست‌ها برای اظهار نظر پاسخ ندادند.',
  '{O} در بیانیه‌ای اعلام کرد که پیش از این اعلام با او مشورتی نشده بود.',
  'تحلیلگران گفتند این گفت‌وگوها می‌تواند رویکرد {L} به {T} را در ماه‌های آینده تغییر دهد.',
  'سخنگوی {O} این ادعاها را بی‌اساس خواند و گفت این گروه به موقع پاسخ خواهد داد.',
  'وزارت امور خارجه در {L} برگزاری چنین دیداری را تکذیب کرد.',
  'دیپلمات‌ها هشدار دادند که با وجود این همه بیانیه، در عمل چیز زیادی تغییر نکرده است.',
  '{P} مدت‌هاست می‌گوید که {T} نتوانست نفوذ {O} را مهار کند.',
  'این تصمیم پس از هفته‌ها فشار متحدان گرفته شد که چند نفر از آنها نخواستند نامشان برده شود.',
  'تردد کشتی‌ها در تنگه کند شد، چون بیمه‌گران روز پنجشنبه دوباره حق بیمه را بالا بردند.',
  'بازرسان {O} گزارش دادند که ذخایر مربوط به {T} از بهار افزایش یافته است.',
  'منتقدان گفتند {P} جزئیات اندکی درباره شرایط توافق تازه با {L} ارائه کرده است.',
  'بازارها به این خبر واکنش چندانی نشان ندادند، هرچند قیمت نفت در معاملات صبح اندکی بالا رفت.',
  'نزدیکان {P} این گفت‌وگو را مثبت و همه‌جانبه توصیف کردند.',
  'این گزارش واکنش تند نمایندگان را در پی داشت که خواستار جلسه توجیهی ظرف چند روز شدند.',
  'در پستی در شبکه‌های اجتماعی، {P} نوشت که این خبر نادرست است و سپس آن را پاک کرد.',
  'ساکنان از صف‌های طولانی نان و سوخت گفتند، در حالی که ارزش پول ملی به پایین‌ترین حد خود رسید.',
  'مقام‌های پیشین گفتند کانال ارتباطی با {L} بیشتر سال خاموش بوده است.',
  'فرستاده برای دور دوم گفت‌وگوها به {L} رفت و دفترش این سفر را تأیید کرد.',
  'روشن نبود که دولت این تماس را از پیش تأیید کرده بود یا نه.',
  'تصاویر ماهواره‌ای که خبرنگاران بررسی کردند ساخت‌وسازهای تازه‌ای را نزدیک این سایت نشان می‌داد.',
  'هر دو طرف {T} را نقطه آغاز هر گفت‌وگویی دانسته‌اند.',
  'این روزنامه به نقل از دو مقام ایرانی که نخواستند نامشان فاش شود این خبر را منتشر کرد.',
  'سیاست آمریکای ترامپ در قبال {L} هنوز روشن نیست و ایرانی‌ها منتظرند.',
];

const HEADINGS_FA = [
  'آنچه درباره این دیدار می‌دانیم', 'واکنش {L}', 'راه رسیدن به {T}', '{P} کیست؟', 'واکنش‌ها در {L}',
  'پیشینه', 'گام بعدی چیست', 'گاه‌شمار', 'از نگاه {L}', 'تحلیل: ائتلافی در حال تغییر',
];

/** A language's sentences, as generatePage uses them; `plain` are those without names: real articles have plenty, and they set the density of mentions. */
interface Copy {
  readonly slots: Record<string, string[]>;
  readonly templates: readonly string[];
  readonly plain: readonly string[];
  readonly headings: readonly string[];
}

const copyOf = (slots: Record<string, string[]>, templates: readonly string[], headings: readonly string[]): Copy =>
  ({ slots, templates, plain: templates.filter((t) => !t.includes('{')), headings });

/** Share of sentences drawn from PLAIN (besides the nameless ones among TEMPLATES): about 6,500 mentions per MB. */
const PLAIN_SHARE = 0.6;

const HEADINGS = [
  'What we know about the meeting', 'How {L} responded', 'The road to {T}', 'Who is {P}?', 'Reaction from {L}',
  'Background', 'What happens next', 'Timeline', 'The view from {L}', 'Analysis: a shifting alliance',
];

/** Text the walk must skip: each of these mentions names too, so a mistake would show in the counts. */
const SKIPPED = [
  '<script>window.__article = {"tags": ["Elon Musk", "Iran", "Donald Trump", "Hezbollah"], "id": %N%};</script>',
  '<style>.byline-%N% { color: #555; } /* Iran, Hezbollah */</style>',
  '<textarea name="comment-%N%" rows="2">Draft comment: what did Elon Musk tell Iravani about Iran?</textarea>',
  '<div class="editor" contenteditable="true"><p>Reader note %N%: Trump, Musk and Hezbollah in Tehran.</p></div>',
  '<pre><code>$ grep -c "Iran" story-%N%.txt  # Musk, Trump, Hezbollah</code></pre>',
];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A generated page and what it holds. */
export interface GeneratedPage {
  html: string;
  /** Characters of readable text (what Backstory and the baselines read). */
  textChars: number;
}

/** Generates an article page with about `textChars` characters of readable text, in English or Persian. */
export function generatePage(textChars: number, seed = 1, lang: 'en' | 'fa' = 'en'): GeneratedPage {
  const copy = lang === 'fa' ? copyOf(SLOTS_FA, TEMPLATES_FA, HEADINGS_FA) : copyOf(SLOTS, TEMPLATES, HEADINGS);
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  let text = 0;
  let counter = 0;
  const out: string[] = [];

  /** One sentence as [plain text, markup]; names are sometimes linked, emphasised or split. */
  const sentence = (template = rand() < PLAIN_SHARE ? pick(copy.plain) : pick(copy.templates)): [string, string] => {
    let plain = '';
    let html = '';
    let last = 0;
    for (const m of template.matchAll(/\{([POLT])\}/g)) {
      const before = template.slice(last, m.index);
      plain += before;
      html += escapeHtml(before);
      const name = pick(copy.slots[m[1]!]!);
      plain += name;
      const r = rand();
      const words = name.split(' ');
      if (r < 0.15) html += `<a href="/topic/${counter++}">${escapeHtml(name)}</a>`;
      else if (r < 0.22) html += `<strong>${escapeHtml(name)}</strong>`;
      else if (r < 0.27 && words.length > 1) html += `${escapeHtml(words.slice(0, -1).join(' '))} <b>${escapeHtml(words.at(-1)!)}</b>`;
      else html += escapeHtml(name);
      last = m.index + m[0].length;
    }
    const rest = template.slice(last);
    plain += rest;
    html += escapeHtml(rest);
    return [plain, html];
  };
  const sentences = (n: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const [plain, html] = sentence();
      text += plain.length + 1;
      parts.push(rand() < 0.1 ? `<em>${html}</em>` : html);
    }
    return parts.join(' ');
  };
  const heading = (tag: string): string => {
    const [plain, html] = sentence(pick(copy.headings));
    text += plain.length;
    return `<${tag}>${html}</${tag}>`;
  };

  const blocks: (() => string)[] = [
    () => `<p>${sentences(2 + Math.floor(rand() * 4))}</p>`,
    () => `<p>${sentences(2 + Math.floor(rand() * 4))}</p>`,
    () => `<p>${sentences(1 + Math.floor(rand() * 3))} <a href="/related/${counter++}">Read more</a></p>`,
    () => `<ul>\n${Array.from({ length: 3 + Math.floor(rand() * 3) }, () => `  <li>${sentences(1)}</li>`).join('\n')}\n</ul>`,
    () => `<blockquote><p>${sentences(2)}</p><footer>${heading('cite')}</footer></blockquote>`,
    () => {
      const rows = Array.from({ length: 3 + Math.floor(rand() * 4) }, (_, i) => {
        const [plain, html] = sentence();
        const who = pick(copy.slots.P!);
        text += plain.length + who.length + 10;
        return `    <tr><td>2024-11-${String(10 + i).padStart(2, '0')}</td><td>${escapeHtml(who)}</td><td>${html}</td></tr>`;
      });
      return `<table class="timeline">\n  <thead><tr><th>Date</th><th>Who</th><th>What</th></tr></thead>\n  <tbody>\n${rows.join('\n')}\n  </tbody>\n</table>`;
    },
    () => `<div class="card"><div class="card-body"><div class="card-inner">${heading('h3')}<p>${sentences(2)}</p>` +
      `<div class="card-meta"><span>${sentences(1)}</span></div></div></div></div>`,
    () => SKIPPED[Math.floor(rand() * SKIPPED.length)]!.replace('%N%', String(counter++)),
    () => `<p>${sentences(1)} Use <code>Iran.Hezbollah</code> in the search box to find more.</p>`,
  ];

  out.push('<!doctype html>', lang === 'fa' ? '<html lang="fa" dir="rtl">' : '<html lang="en">', '<head>', '<meta charset="utf-8">', '<title>Benchmark article</title>',
    '<style>body{font:17px/1.5 Georgia,serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#111;background:#fff}' +
    '.card{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}table{border-collapse:collapse}' +
    'td,th{border:1px solid #ccc;padding:.25rem}.editor{border:1px dashed #999;padding:.25rem}</style>',
    '</head>', '<body>', '<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav></header>',
    '<main>', '<article>');
  text += 20;
  out.push(heading('h1'));
  while (text < textChars) {
    out.push('<section>', heading('h2'));
    const n = 4 + Math.floor(rand() * 6);
    for (let i = 0; i < n && text < textChars; i++) out.push(pick(blocks)());
    out.push('</section>');
  }
  out.push('</article>', `<aside><h2>Related</h2><ul><li><a href="/a">Iran</a></li><li><a href="/b">Elon Musk</a></li></ul></aside>`,
    '</main>', '<footer><p>Copyright 2024 Example News.</p></footer>', '</body>', '</html>');
  return { html: out.join('\n'), textChars: text };
}

/** The sizes the benchmark runs, in characters of text; "fa-" pages are the Persian story page. */
export const SIZES = { '200kb': 200 * 1024, '1mb': 1024 * 1024, '5mb': 5 * 1024 * 1024, 'fa-200kb': 200 * 1024, 'fa-1mb': 1024 * 1024 } as const;
export type SizeName = keyof typeof SIZES;

/** The page of a size. */
export function pageOfSize(size: SizeName): GeneratedPage {
  return generatePage(SIZES[size], 1, size.startsWith('fa-') ? 'fa' : 'en');
}
