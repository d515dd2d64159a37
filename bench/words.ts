/**
 * The word list the generator draws on besides the seed report's own vocabulary: policy-domain nouns,
 * places, outlets and people. Names that the seed report's labelled queries aim at (Bangladesh, Reko Diq,
 * Pakistan …) are left out on purpose, so a query about the seed stays about the seed at library scale.
 */

export const DOMAIN_NOUNS = [
  'tariffs', 'sanctions', 'remittances', 'drought', 'pipeline', 'refinery', 'subsidies', 'inflation', 'fisheries',
  'wheat', 'cotton', 'rice', 'fertilizer', 'lithium', 'cobalt', 'nickel', 'graphite', 'bauxite', 'uranium',
  'hydropower', 'desalination', 'irrigation', 'ports', 'shipping', 'railways', 'semiconductors', 'vaccines',
  'pharmaceuticals', 'textiles', 'garments', 'footwear', 'steel', 'aluminium', 'cement', 'timber', 'coffee',
  'cocoa', 'tea', 'sugar', 'soybeans', 'livestock', 'dairy', 'tourism', 'bonds', 'eurobonds', 'arrears',
  'debt', 'reserves', 'budget', 'deficit', 'procurement', 'drones', 'missiles', 'submarines', 'frigates',
  'peacekeeping', 'refugees', 'migration', 'visas', 'scholarships', 'broadband', 'satellites', 'telecoms',
  'cybersecurity', 'elections', 'judiciary', 'corruption', 'smuggling', 'narcotics', 'piracy', 'insurgency',
  'militancy', 'ceasefire', 'border', 'corridor', 'enclave', 'delta', 'glaciers', 'floods', 'heatwave',
  'wildfires', 'monsoon', 'emissions', 'carbon', 'methane', 'solar', 'wind', 'geothermal', 'hydrogen',
  'biofuels', 'gas', 'oil', 'coal', 'electricity', 'grid', 'batteries', 'copper', 'gold', 'silver', 'zinc',
  'phosphate', 'potash', 'manganese', 'chromite', 'tungsten', 'antimony', 'gallium', 'germanium', 'helium',
  'microfinance', 'fintech', 'payments', 'currency', 'exchange', 'swaps', 'loans', 'grants', 'guarantees',
  'insurance', 'pensions', 'healthcare', 'malaria', 'polio', 'cholera', 'nutrition', 'schools', 'literacy',
  'universities', 'apprenticeships', 'labour', 'unions', 'wages', 'unemployment', 'housing', 'water',
  'sanitation', 'logistics', 'warehousing', 'airports', 'airlines', 'highways', 'bridges', 'tunnels', 'dams',
];

export const COUNTRIES = [
  'Kenya', 'Nigeria', 'Ghana', 'Senegal', 'Ethiopia', 'Tanzania', 'Uganda', 'Rwanda', 'Zambia', 'Angola',
  'Mozambique', 'Namibia', 'Botswana', 'Morocco', 'Tunisia', 'Egypt', 'Jordan', 'Oman', 'Qatar', 'Kuwait',
  'Bahrain', 'Turkey', 'Georgia', 'Armenia', 'Azerbaijan', 'Kazakhstan', 'Uzbekistan', 'Kyrgyzstan',
  'Tajikistan', 'Turkmenistan', 'Mongolia', 'Nepal', 'Bhutan', 'Myanmar', 'Thailand', 'Cambodia', 'Laos',
  'Malaysia', 'Indonesia', 'Philippines', 'Brunei', 'Fiji', 'Samoa', 'Tonga', 'Peru', 'Chile', 'Bolivia',
  'Paraguay', 'Uruguay', 'Ecuador', 'Colombia', 'Panama', 'Guatemala', 'Honduras', 'Jamaica', 'Guyana',
  'Suriname', 'Poland', 'Romania', 'Bulgaria', 'Serbia', 'Albania', 'Moldova', 'Estonia', 'Latvia',
  'Lithuania', 'Finland', 'Norway', 'Portugal', 'Ireland', 'Greece', 'Cyprus', 'Malta', 'Iceland',
];

export const OUTLETS = [
  'Reuters', 'Associated Press', 'Lawfare', 'The Diplomat', 'Foreign Policy', 'Foreign Affairs', 'DAWN',
  'The Express Tribune', 'Financial Times', 'The Economist', 'Bloomberg', 'Al Jazeera', 'Nikkei Asia',
  'South China Morning Post', 'The Hindu', 'Carnegie Endowment', 'Brookings Institution', 'Atlantic Council',
  'Council on Foreign Relations', 'Chatham House', 'International Crisis Group', 'IISS', 'RAND Corporation',
  'Stimson Center', 'Wilson Center', 'CSIS', 'World Bank', 'International Monetary Fund', 'Asian Development Bank',
  'UN News', 'Voice of America', 'BBC News', 'The Guardian', 'Le Monde', 'Deutsche Welle', 'War on the Rocks',
  'East Asia Forum', 'The Interpreter', 'Observer Research Foundation', 'Middle East Institute',
];

export const FIRST_NAMES = [
  'Amina', 'Omar', 'Sara', 'Daniel', 'Leila', 'Tomas', 'Nadia', 'Victor', 'Hana', 'Arjun', 'Mei', 'Jonas',
  'Fatima', 'Karim', 'Elena', 'Marcus', 'Priya', 'Yusuf', 'Ingrid', 'Kofi', 'Rosa', 'Dmitri', 'Aisha',
  'Samuel', 'Lucia', 'Hamid', 'Naomi', 'Felix', 'Zara', 'Ibrahim', 'Clara', 'Rashid', 'Mariam', 'Pavel',
];

/** Heading patterns for headed sections; `{}` takes a domain noun. */
export const HEADINGS = [
  'New limitations', 'Motivations for navigating constraints', 'The {} question', 'Trade and {}',
  'Security and {}', 'Pathways on {}', 'Risks to {}', 'What {} means for the region', 'Options for {}',
  'Regional responses', 'The domestic picture', 'Implications for {}', 'A changing calculus on {}',
];

export const TITLE_NOUNS = ['Flux', 'Transition', 'Question', 'Balance', 'Reset', 'Crossroads', 'Motion', 'Doubt'];
export const TITLE_TAILS = [
  'Pathways for Navigating Constraints', 'Options for a New Era', 'Risks and Openings', 'Managing Expectations',
  'What Comes Next', 'A Search for Leverage', 'Between Pressure and Partnership', 'Limits of Cooperation',
];

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Syllables for place, people and organisation names that no real report shares with the seed. */
export const ONSETS = ['b', 'd', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'sh', 'kh', 'tr', 'br', 'gr', 'dr', 'st', 'ch', 'y', 'h', 'f'];
export const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ia', 'ei'];
export const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'm', 'k', 'nd', 'st', 'sh', 'rt'];
