/**
 * The bundled pack in Persian: the story's core names in the spellings Persian and Dari coverage
 * uses, and the Persian (and Arabic) words that look like them but are not them. Each trap is a
 * sentence of an unrelated page; none may light up.
 */
import { describe, expect, it } from 'vitest';
import { readBundledPacks } from '../../build/packs';
import { ROOT } from '../../build/build';
import { compilePacks, findMentions, parseEntityKey } from '../../src/core';

const index = compilePacks(readBundledPacks(ROOT).map((p) => p.pack));
const found = (text: string) => findMentions(index, text).map((m) => `${parseEntityKey(m.entityKey).entity}:${m.text}`);

describe('Persian words that are not the story\'s names', () => {
  it('ماسک is a face mask', () => {
    expect(found('پزشکان توصیه می‌کنند در مکان‌های شلوغ ماسک بزنید؛ ماسک‌های پارچه‌ای را هر روز بشویید و ماسک صورت را دور نیندازید.')).toEqual([]);
  });

  it('تسلا is the unit of the magnetic field and Nikola Tesla', () => {
    expect(found('دستگاه ام‌آر‌آی ۳ تسلا تصاویر دقیق‌تری می‌دهد. نیکولا تسلا مخترع جریان متناوب بود.')).toEqual([]);
  });

  it('ایکس is the letter and the X-ray', () => {
    expect(found('عکس‌برداری با اشعه ایکس سریع است. محور ایکس را افقی رسم کنید. نسل ایکس اکنون میانسال است.')).toEqual([]);
  });

  it('حماسه, an epic, begins with حماس', () => {
    expect(found('شاهنامه بزرگ‌ترین حماسه زبان فارسی است و فردوسی حماسه‌سرایی را به اوج رساند.')).toEqual([]);
  });

  it('دوج and DOGE are also Dogecoin', () => {
    expect(found('قیمت دوج‌کوین امروز بالا رفت. نماد معاملاتی دوج کوین DOGE است و دوج در بازار رمزارزها محبوب است.')).toEqual([]);
  });

  it('an Arabic page: ماسك is "holding", حماس "enthusiasm", روحاني "spiritual"', () => {
    expect(found('كان اللاعب ماسكاً بالكرة، والجمهور يهتف بحماس. قال المدرب إن الفريق يلعب بحماس كبير وروح روحانية، وهو ماسك بزمام المباراة.')).toEqual([]);
  });

  it('adjectives made from names are not the names: ایرانی, آمریکایی, اسرائیلی', () => {
    expect(found('غذاهای ایرانی و آمریکایی و اسرائیلی در این جشنواره عرضه شد.')).toEqual([]);
  });
});

describe('the story\'s core names as Persian and Dari coverage writes them', () => {
  const STORY = 'ایلان ماسک با امیرسعید ایروانی در نیویورک دیدار کرد، به گزارش روزنامه نیویورک‌تایمز.';
  it.each([
    ['the meeting as Iranian sites write it', STORY, ['elon-musk:ایلان ماسک', 'amir-saeid-iravani:امیرسعید ایروانی', 'new-york-city:نیویورک', 'new-york-times:نیویورک‌تایمز']],
    ['the ambassador\'s first name as two words, and the Times run together', 'امیر سعید ایروانی و ایلان ماسک؛ نیویورکتایمز', ['amir-saeid-iravani:امیر سعید ایروانی', 'elon-musk:ایلان ماسک', 'new-york-times:نیویورکتایمز']],
    ['Dari: Trump, America, the Times, the United Nations', 'دونالد ترمپ و ایلان ماسک؛ نیویارک تایمز؛ ملل متحد و امریکا', ['donald-trump:دونالد ترمپ', 'elon-musk:ایلان ماسک', 'new-york-times:نیویارک تایمز', 'united-nations:ملل متحد', 'united-states:امریکا']],
    ['Baghaei with either hamza seat', 'اسماعیل بقائی گفت؛ اسماعیل بقایی افزود؛ ایلان ماسک', ['esmaeil-baghaei:اسماعیل بقائی', 'esmaeil-baghaei:اسماعیل بقایی', 'elon-musk:ایلان ماسک']],
    ['the nuclear deal as برجام, and the withdrawal', 'خروج آمریکا از برجام در سال ۲۰۱۸؛ برجام', ['us-withdrawal-from-jcpoa:خروج آمریکا از برجام', 'jcpoa:برجام']],
    ['Soleimani with and without his titles', 'سردار سپهبد قاسم سلیمانی؛ حاج قاسم سلیمانی؛ سلیمانی', ['qasem-soleimani:سردار سپهبد قاسم سلیمانی', 'qasem-soleimani:حاج قاسم سلیمانی', 'qasem-soleimani:سلیمانی']],
    ['a site that writes Arabic yeh and kaf', 'ايلان ماسك و اميرسعيد ايرواني', ['elon-musk:ايلان ماسك', 'amir-saeid-iravani:اميرسعيد ايرواني']],
  ])('%s', (_what, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('"Iran\'s UN ambassador" in Persian is bound to its time, as in English', () => {
    expect(found('در ۱۷ دی ۱۳۹۸ سفیر ایران در سازمان ملل به شورای امنیت نامه نوشت.')).toContain('majid-takht-ravanchi:سفیر ایران در سازمان ملل');
    expect(found('در ۲۵ آبان ۱۴۰۳ سفیر ایران در سازمان ملل با ایلان ماسک دیدار کرد.')).toContain('amir-saeid-iravani:سفیر ایران در سازمان ملل');
  });
});
