/**
 * Word lists for the fused-name rule: capitalised words that may stand right next to a name without
 * making a different proper name of it. Lower-case; compared against the lower-cased word.
 */

/** Titles and honorifics that precede a name ("President Trump", "Gen. Soleimani", "Seyed Abbas Araghchi"). */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'madam', 'madame',
  'monsieur', 'herr', 'frau', 'president', 'vice', 'minister', 'secretary', 'ambassador', 'envoy', 'senator',
  'sen', 'rep', 'representative', 'congressman', 'congresswoman', 'governor', 'gov', 'mayor', 'judge',
  'justice', 'chancellor', 'king', 'queen', 'prince', 'princess', 'emperor', 'emir', 'sultan', 'crown', 'pope',
  'cardinal', 'bishop', 'archbishop', 'rabbi', 'imam', 'ayatollah', 'grand', 'sheikh', 'shaykh', 'sayyid',
  'seyed', 'seyyed', 'syed', 'hojatoleslam', 'mullah', 'general', 'gen', 'maj', 'major', 'col', 'colonel', 'lt',
  'lieutenant', 'capt', 'captain', 'cmdr', 'commander', 'adm', 'admiral', 'sgt', 'sergeant', 'brig',
  'brigadier', 'marshal', 'chief', 'leader', 'speaker', 'chairman', 'chairwoman', 'chair', 'ceo', 'cfo',
  'coo', 'cto', 'founder', 'cofounder', 'director', 'spokesman', 'spokeswoman', 'spokesperson', 'premier',
  'deputy', 'commissioner', 'councillor', 'councilman', 'councilwoman', 'attorney', 'prosecutor', 'officer',
  'agent', 'coach', 'saint', 'st', 'father', 'sister', 'brother', 'reverend', 'rev', 'hon', 'honourable',
  'honorable', 'excellency', 'highness', 'majesty', 'supreme', 'acting', 'interim', 'former', 'elect',
  'billionaire', 'tycoon', 'mogul', 'candidate', 'nominee', 'diplomat', 'negotiator',
]);

/**
 * Words after a name that make it a modifier, not part of another name, beside the titles:
 * "Israel Prime Minister", "Iran Foreign Minister", "the Trump Administration", "The Trump Transition".
 */
export const AFTER_NAME_WORDS: ReadonlySet<string> = new Set([
  'prime', 'foreign', 'defence', 'defense', 'administration', 'transition', 'campaign', 'presidency', 'era', 'government',
]);

/** Generational suffixes: after a name they make another person ("Donald Trump Jr."). */
export const SUFFIX_WORDS: ReadonlySet<string> = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/**
 * Common words that are capitalised at a sentence start or by convention but are never part of a
 * proper name: function words, days, months, and the pronoun "I".
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'but', 'or', 'nor', 'so', 'yet', 'for', 'if', 'when', 'while', 'whereas', 'after',
  'before', 'since', 'until', 'unless', 'because', 'although', 'though', 'as', 'at', 'by', 'in', 'on', 'of',
  'to', 'from', 'with', 'without', 'within', 'into', 'onto', 'upon', 'about', 'against', 'between', 'among',
  'amid', 'during', 'under', 'over', 'through', 'across', 'behind', 'beyond', 'despite', 'like', 'unlike',
  'per', 'via', 'than', 'then', 'now', 'meanwhile', 'moreover', 'however', 'also', 'still', 'thus', 'hence',
  'indeed', 'instead', 'otherwise', 'therefore', 'furthermore', 'nevertheless', 'nonetheless', 'besides',
  'yesterday', 'today', 'tonight', 'tomorrow', 'earlier', 'later', 'recently', 'finally', 'first', 'last',
  'next', 'once', 'only', 'even', 'perhaps', 'maybe', 'yes', 'no', 'not', 'why', 'how', 'what', 'where', 'who',
  'whom', 'whose', 'which', 'that', 'this', 'these', 'those', 'there', 'here', 'it', 'its', 'he', 'she', 'we',
  'they', 'you', 'i', 'his', 'her', 'our', 'their', 'your', 'my', 'both', 'either', 'neither', 'each',
  'every', 'all', 'any', 'some', 'many', 'most', 'few', 'several', 'such', 'other', 'another', 'said', 'says',
  'asked', 'told', 'did', 'does', 'do', 'is', 'was', 'were', 'are', 'has', 'had', 'have', 'will', 'would',
  'can', 'could', 'should', 'may', 'might', 'must', 'shall', 'let', 'according', 'following',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
