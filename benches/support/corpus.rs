//! A seeded generator of the comments a municipal page receives, for benchmarks and examples.
//!
//! Comments are composed from fragment tables (openings, bodies, closings, names, streets,
//! offices, numbers), so a few thousand draws give a few thousand distinct comments, and the
//! same seed gives the same comments on every machine. By weight about two thirds are clean:
//! thanks, questions to the offices, harsh but legitimate civic criticism, comments in English.
//! The rest are insults and vulgarity (some disguised: leetspeak, spaced, stretched, starred
//! or dotted letters), threats, hate against groups, personal data (phone numbers, e-mail
//! addresses, IBANs with valid check digits) and spam with links. Accents and emoji appear
//! throughout. Each comment carries the [`Class`] of what it was built from, so a benchmark
//! can check the answers before it measures anything.
//!
//! Included with `#[path = "support/corpus.rs"] mod corpus;`: no target uses all of it.

#![allow(
    dead_code,
    clippy::indexing_slicing,
    reason = "each including target uses part of the generator, whose indices stay within \
              its own constant tables"
)]

/// What a comment was built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// Thanks and praise.
    Thanks,
    /// A question to an office.
    Question,
    /// Harsh but legitimate criticism of the administration.
    Criticism,
    /// A clean comment in English.
    English,
    /// An insult or a vulgarity, written plainly.
    Insult,
    /// An insult with its key word disguised.
    Disguised,
    /// A threat of violence.
    Threat,
    /// Hate against a protected group.
    Hate,
    /// Someone's phone number, e-mail address or IBAN.
    Personal,
    /// Advertising with a link.
    Spam,
}

/// What a correct moderator does with a comment of a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expect {
    /// Nothing against a policy: publish.
    Publish,
    /// Something a policy forbids: anything but publish.
    Flag,
}

impl Class {
    /// Every class, in table order.
    pub const ALL: [Class; 10] = [
        Class::Thanks,
        Class::Question,
        Class::Criticism,
        Class::English,
        Class::Insult,
        Class::Disguised,
        Class::Threat,
        Class::Hate,
        Class::Personal,
        Class::Spam,
    ];

    /// What a correct moderator does with it.
    pub fn expect(self) -> Expect {
        match self {
            Class::Thanks | Class::Question | Class::Criticism | Class::English => Expect::Publish,
            _ => Expect::Flag,
        }
    }

    /// A short lowercase name, for tables.
    pub fn name(self) -> &'static str {
        match self {
            Class::Thanks => "thanks",
            Class::Question => "question",
            Class::Criticism => "criticism",
            Class::English => "english",
            Class::Insult => "insult",
            Class::Disguised => "disguised",
            Class::Threat => "threat",
            Class::Hate => "hate",
            Class::Personal => "personal",
            Class::Spam => "spam",
        }
    }

    /// Relative weight in the corpus, out of 100: the clean classes add up to 65.
    fn weight(self) -> u64 {
        match self {
            Class::Thanks => 17,
            Class::Question => 18,
            Class::Criticism => 18,
            Class::English => 12,
            Class::Insult => 7,
            Class::Disguised => 5,
            Class::Threat => 5,
            Class::Hate => 6,
            Class::Personal => 6,
            Class::Spam => 6,
        }
    }

    fn bodies(self) -> &'static [&'static str] {
        match self {
            Class::Thanks => THANKS,
            Class::Question => QUESTIONS,
            Class::Criticism => CRITICISM,
            Class::English => ENGLISH,
            Class::Insult | Class::Disguised => INSULTS,
            Class::Threat => THREATS,
            Class::Hate => HATE,
            Class::Personal => PERSONAL,
            Class::Spam => SPAM,
        }
    }
}

// Bodies. A `{slot}` is filled from the tables further down: {street}, {office}, {day},
// {hour}, {num}, {place}, {day_en}, {surname}, {first}, {target}, {insult}, {insults},
// {vulgar}, {vaffa}, {kill}, {group}, {phone}, {email}, {iban}, {url}, {product}.

const THANKS: &[&str] = &[
    "grazie per l'aggiornamento, informazione chiara e puntuale",
    "finalmente hanno sistemato l'illuminazione in {street}, grazie davvero",
    "complimenti per la nuova pista ciclabile in {street}, la uso tutti i giorni",
    "bellissima la festa di ieri sera in {place}, bravi a tutti gli organizzatori",
    "grazie all'ufficio {office} per la cortesia e la rapidità",
    "ottima iniziativa, ci saremo con tutta la famiglia {day} pomeriggio",
    "che bello vedere di nuovo il mercato in {place}, la città rinasce",
    "un grazie sincero agli operai che hanno lavorato anche {day} in {street}",
    "brava l'assessora {surname}, finalmente qualcuno che risponde ai cittadini",
    "lavoro fatto bene e in tempo, per una volta va detto",
    "il nuovo parco giochi in {street} è stupendo, i bambini sono felicissimi",
    "servizio impeccabile allo sportello {office}, personale gentilissimo",
    "grazie per aver ascoltato il quartiere, la rotonda in {street} funziona",
    "la biblioteca aperta anche la sera è un'idea splendida, continuate così",
];

const QUESTIONS: &[&str] = &[
    "a che ora apre l'ufficio {office} {day} mattina?",
    "sapete se {street} resta chiusa al traffico anche {day}?",
    "come si prenota un appuntamento per la carta d'identità elettronica?",
    "dove si trova il modulo per il permesso di sosta dei residenti?",
    "il bus {num} passa ancora da {street} durante i lavori?",
    "quando riprende il ritiro degli ingombranti nella zona di {street}?",
    "l'ufficio {office} riceve anche senza appuntamento {day}?",
    "è previsto un servizio navetta per il concerto in {place}?",
    "fino a che ora resta aperta la mostra in {place} {day}?",
    "qualcuno sa se la piscina comunale riapre dopo le {hour}?",
    "perché non c'è ancora il calendario della raccolta differenziata sul sito?",
    "le iscrizioni al centro estivo si fanno online o allo sportello {office}?",
    "a chi bisogna rivolgersi per segnalare un lampione spento in {street}?",
    "ci sarà la diretta streaming del consiglio comunale di {day}?",
];

const CRITICISM: &[&str] = &[
    "vergogna, dimettetevi",
    "{street} è piena di buche da mesi, quando pensate di intervenire?",
    "pessima amministrazione, avete buttato i soldi dei contribuenti",
    "incompetenti, questa nuova viabilità in {street} è un disastro",
    "il sindaco dovrebbe vergognarsi per lo stato dei giardini di {street}",
    "dimettetevi tutti, non siete capaci di gestire nemmeno un parcheggio",
    "una vergogna per tutta la città, la spiaggia in queste condizioni",
    "cassonetti stracolmi in {street} da una settimana, nessuno passa",
    "promesse in campagna elettorale e poi niente, come sempre",
    "avete chiuso {place} senza avvisare nessuno, complimenti vivissimi",
    "l'ufficio {office} non risponde al telefono da giorni, è inaccettabile",
    "ridicoli, la ciclabile in {street} finisce contro un palo",
    "tre anni per rifare un marciapiede, siete una delusione totale",
    "assessore {surname}, si dimetta: il quartiere è abbandonato",
];

const ENGLISH: &[&str] = &[
    "thanks for the update, really helpful",
    "is the museum in {place} open on {day_en}?",
    "great job with the new bike lane on {street}",
    "shame on the council for the state of the beach, do something",
    "does anyone know if the market is on this {day_en}?",
    "lovely city, we had a wonderful weekend here",
    "the bus {num} was late again this morning, this is ridiculous",
    "where can tourists buy tickets for the ferry?",
    "what a mess, the roadworks on {street} have taken forever",
    "well done to everyone who organised the concert in {place}",
];

const INSULTS: &[&str] = &[
    "{target} sei un {insult}",
    "il sindaco è un {insult} e la giunta pure",
    "{target}, {insult} che non sei altro, vai a casa",
    "siete dei {insults}, tutti quanti",
    "ma che {vulgar} state facendo con i parcheggi?",
    "{target} {insult}",
    "{vaffa} a voi e alle vostre buche",
    "solo un {insult} poteva progettare la rotonda di {street}",
    "{first} sei proprio un {insult}",
    "questa giunta di {insults} ci ha rovinato",
];

const THREATS: &[&str] = &[
    "{target}, ti {kill}",
    "so dove abiti {first}, stai molto attento",
    "ti aspetto sotto casa e ti spacco la faccia",
    "prima o poi ti faccio fuori, {target}",
    "se ti incontro in {street} ti {kill} di botte",
    "vi bruciamo il comune con voi dentro",
    "stai attento quando esci la sera, sappiamo dove abiti",
    "{target} ti {kill}, è una promessa",
    "I will find you and kill you",
    "I know where you live, {first}",
];

const HATE: &[&str] = &[
    "{group} sono tutti delinquenti, cacciateli",
    "{group} sono feccia, fuori dalla nostra città",
    "{group} non sono esseri umani",
    "{group} sono una piaga, andrebbero eliminati",
    "basta con {group}, tutti parassiti schifosi",
    "{group} dovrebbero sparire dalla faccia della terra",
];

const PERSONAL: &[&str] = &[
    "per informazioni chiamate {first} al {phone}",
    "scrivetemi a {email} che vi giro i documenti",
    "il numero del tecnico è {phone}, chiamatelo voi",
    "fate il bonifico sull'IBAN {iban} intestato a {first} {surname}",
    "{first} {surname} abita in {street} {num}, il suo cellulare è {phone}",
    "contattate la signora {surname} a {email} oppure al {phone}",
];

const SPAM: &[&str] = &[
    "guadagna {num}0 euro al giorno da casa, info su {url}",
    "offerta lampo: {product} a soli {num} euro su {url}",
    "seguite la mia pagina {url} e vincete un buono da {num}0 euro",
    "investi in crypto con me, rendimento garantito! {url}",
    "make money fast from home, visit {url}",
    "clicca qui {url} 🔥🔥 {product} gratis per i primi cento",
];

const OPENINGS_IT: &[&str] = &[
    "",
    "",
    "",
    "Buongiorno,",
    "Salve,",
    "Scusate,",
    "Ciao a tutti,",
    "Buonasera,",
    "Ma scherziamo?",
    "Io dico solo che",
    "Ancora una volta:",
    "Gentile sindaco,",
    "Allora,",
    "Raga,",
];

const OPENINGS_EN: &[&str] = &["", "", "Hi,", "Hello,", "Honestly,", "Sorry but"];

const CLOSINGS: &[&str] = &[
    "",
    "",
    "",
    ".",
    "!!!",
    " Grazie.",
    " Saluti.",
    " Buona giornata.",
    "...",
    " 😡",
    " 😡😡",
    " 👏👏",
    " 🙂",
    " #livorno",
    " ❤️",
];

const STREETS: &[&str] = &[
    "via Grande",
    "via Garibaldi",
    "via Marradi",
    "viale Italia",
    "via di Salviano",
    "corso Amedeo",
    "via Cambini",
    "borgo dei Cappuccini",
    "via Provinciale Pisana",
    "via della Madonna",
    "scali del Corso",
    "via Ricasoli",
];

const PLACES: &[&str] = &[
    "piazza della Repubblica",
    "piazza Cavour",
    "Fortezza Nuova",
    "piazza Attias",
    "Terrazza Mascagni",
    "piazza del Luogo Pio",
    "largo Duomo",
];

const OFFICES: &[&str] = &[
    "anagrafe",
    "tributi",
    "urbanistica",
    "relazioni con il pubblico",
    "servizi sociali",
    "polizia municipale",
    "edilizia privata",
];

const DAYS: &[&str] = &[
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
];

const DAYS_EN: &[&str] = &["Monday", "Tuesday", "Thursday", "Saturday", "Sunday"];

const HOURS: &[&str] = &["8", "9:30", "14", "17", "19:45"];

const FIRST: &[&str] = &[
    "Marco",
    "Giulia",
    "Luca",
    "Francesca",
    "Paolo",
    "Chiara",
    "Andrea",
    "Silvia",
    "Matteo",
    "Elena",
    "Stefano",
    "Martina",
];

const SURNAMES: &[&str] = &[
    "Rossi",
    "Bianchi",
    "Ferrari",
    "Esposito",
    "Romano",
    "Galli",
    "Conti",
    "Marchetti",
    "Bruno",
    "Fontana",
    "Caruso",
    "Lombardi",
];

const TARGETS: &[&str] = &[
    "sindaco",
    "assessore",
    "caro consigliere",
    "presidente",
    "signor sindaco",
    "oh tu",
];

/// Masculine singular insults, which every `{insult}` body takes.
const INSULT_WORDS: &[&str] = &[
    "coglione",
    "idiota",
    "cretino",
    "deficiente",
    "imbecille",
    "stronzo",
    "bastardo",
    "pezzo di merda",
    "testa di cazzo",
    "demente",
];

const INSULTS_PLURAL: &[&str] = &[
    "coglioni",
    "idioti",
    "cretini",
    "deficienti",
    "imbecilli",
    "stronzi",
    "bastardi",
];

const VULGAR: &[&str] = &["cazzo", "cazzo", "minchia"];

const VAFFA: &[&str] = &["vaffanculo", "fanculo", "andate a fare in culo"];

const KILL: &[&str] = &["ammazzo", "ammazzo", "uccido", "sgozzo"];

const GROUPS: &[&str] = &[
    "gli immigrati",
    "i rom",
    "gli zingari",
    "i musulmani",
    "gli ebrei",
    "i gay",
    "gli africani",
    "gli albanesi",
    "i meridionali",
];

const MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "libero.it",
    "hotmail.it",
    "virgilio.it",
    "tim.it",
];

const SPAM_DOMAINS: &[&str] = &[
    "soldi-facili.net",
    "guadagno-sicuro.com",
    "offerte-top24.it",
    "cryptovincente.io",
    "promo-lampo.shop",
];

const SPAM_PATHS: &[&str] = &["", "/promo", "/iscriviti", "/offerta?ref=fb", "/vinci"];

const PRODUCTS: &[&str] = &[
    "iPhone",
    "monopattino elettrico",
    "buono Amazon",
    "friggitrice ad aria",
];

/// A splitmix64 generator: small, seedable, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator whose sequence depends only on `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `bound` (which must not be 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    /// True `percent` times out of a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One element of a non-empty table.
    pub fn pick<'a>(&mut self, table: &[&'a str]) -> &'a str {
        table[self.below(table.len())]
    }
}

/// `n` comments drawn with `seed`.
pub fn comments(n: usize, seed: u64) -> Vec<String> {
    labelled(n, seed)
        .into_iter()
        .map(|(text, _)| text)
        .collect()
}

/// `n` comments drawn with `seed`, each with the class of its first part (a second part, when
/// there is one, is always clean, so the first part's class says what to do with the whole).
pub fn labelled(n: usize, seed: u64) -> Vec<(String, Class)> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| comment(&mut rng)).collect()
}

/// One comment: one part, or two for one in eight (the second always clean), with an
/// opening, a closing, and now and then (abuse only) shouting.
fn comment(rng: &mut Rng) -> (String, Class) {
    let class = draw_class(rng);
    let mut text = part(rng, class);
    if rng.chance(12) {
        let second = clean_class(rng);
        text.push(' ');
        text.push_str(&part(rng, second));
    }
    // Shouting is itself something the presets send to review, so only abuse shouts.
    if class.expect() == Expect::Flag && rng.chance(8) {
        text = text.to_uppercase();
    }
    (text, class)
}

fn draw_class(rng: &mut Rng) -> Class {
    let total: u64 = Class::ALL.iter().map(|c| c.weight()).sum();
    let mut roll = rng.next_u64() % total;
    for class in Class::ALL {
        if roll < class.weight() {
            return class;
        }
        roll -= class.weight();
    }
    Class::Thanks
}

fn clean_class(rng: &mut Rng) -> Class {
    [Class::Thanks, Class::Question, Class::Criticism][rng.below(3)]
}

/// An opening, a filled body (its first letter capitalised after an empty opening, most of the
/// time), and a closing.
fn part(rng: &mut Rng, class: Class) -> String {
    let openings = if class == Class::English {
        OPENINGS_EN
    } else {
        OPENINGS_IT
    };
    let opening = rng.pick(openings);
    let body = pick_body(rng, class);
    let body = fill(rng, body, class == Class::Disguised);
    let mut text = String::with_capacity(opening.len() + body.len() + 12);
    if opening.is_empty() {
        if rng.chance(70) {
            text.push_str(&capitalise(&body));
        } else {
            text.push_str(&body);
        }
    } else {
        text.push_str(opening);
        text.push(' ');
        text.push_str(&body);
    }
    let closing = rng.pick(CLOSINGS);
    if !(closing == "." && text.ends_with('?')) {
        text.push_str(closing);
    }
    text
}

/// One body of the class's table.
fn pick_body(rng: &mut Rng, class: Class) -> &'static str {
    let bodies = class.bodies();
    bodies[rng.below(bodies.len())]
}

/// The body with its slots filled; with `disguise`, the insults and vulgarities in it are
/// disguised.
fn fill(rng: &mut Rng, body: &str, disguise: bool) -> String {
    let mut out = String::with_capacity(body.len() + 24);
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let slot = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let word = match slot {
            "street" => rng.pick(STREETS).to_owned(),
            "place" => rng.pick(PLACES).to_owned(),
            "office" => rng.pick(OFFICES).to_owned(),
            "day" => rng.pick(DAYS).to_owned(),
            "day_en" => rng.pick(DAYS_EN).to_owned(),
            "hour" => rng.pick(HOURS).to_owned(),
            "num" => (1 + rng.below(98)).to_string(),
            "first" => rng.pick(FIRST).to_owned(),
            "surname" => rng.pick(SURNAMES).to_owned(),
            "target" => {
                let target = rng.pick(TARGETS);
                if target == "assessore" {
                    format!("assessore {}", rng.pick(SURNAMES))
                } else {
                    target.to_owned()
                }
            }
            "insult" => maybe_disguise(rng, INSULT_WORDS, disguise),
            "insults" => maybe_disguise(rng, INSULTS_PLURAL, disguise),
            "vulgar" => maybe_disguise(rng, VULGAR, disguise),
            "vaffa" => maybe_disguise(rng, VAFFA, disguise),
            "kill" => {
                let disguise = rng.chance(25);
                maybe_disguise(rng, KILL, disguise)
            }
            "group" => rng.pick(GROUPS).to_owned(),
            "phone" => phone(rng),
            "email" => email(rng),
            "iban" => iban(rng),
            "url" => url(rng),
            "product" => rng.pick(PRODUCTS).to_owned(),
            _ => String::new(),
        };
        out.push_str(&word);
    }
    out.push_str(rest);
    out
}

/// A word of `table`, disguised when asked to.
fn maybe_disguise(rng: &mut Rng, table: &[&str], disguise: bool) -> String {
    let word = rng.pick(table);
    if disguise {
        disguised(rng, word)
    } else {
        word.to_owned()
    }
}

/// The way people get a word past a filter: leetspeak, spaced or dotted letters, stretched
/// vowels, a starred vowel, alternating case. Only the last word of a phrase is disguised.
pub fn disguised(rng: &mut Rng, phrase: &str) -> String {
    let (head, word) = match phrase.rfind(' ') {
        Some(at) => phrase.split_at(at + 1),
        None => ("", phrase),
    };
    let mut out = String::from(head);
    match rng.below(6) {
        0 => out.extend(word.chars().map(|c| match c {
            'o' => '0',
            'i' => '1',
            'e' => '3',
            'a' => '4',
            other => other,
        })),
        1 => out.push_str(&interleave(word, ' ')),
        2 => out.push_str(&interleave(word, '.')),
        3 => {
            // Stretch the last vowel.
            let at = word.rfind(['a', 'e', 'i', 'o', 'u']).unwrap_or(0);
            out.push_str(&word[..at]);
            let vowel = &word[at..at + 1];
            for _ in 0..3 + rng.below(4) {
                out.push_str(vowel);
            }
            out.push_str(&word[at + 1..]);
        }
        4 => {
            // Star the first vowel after the first letter.
            let at = word[1..]
                .find(['a', 'e', 'i', 'o', 'u'])
                .map_or(1, |i| i + 1);
            out.push_str(&word[..at]);
            out.push('*');
            out.push_str(&word[at + 1..]);
        }
        _ => out.extend(word.chars().enumerate().map(|(i, c)| {
            if i % 2 == 0 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })),
    }
    out
}

fn interleave(word: &str, with: char) -> String {
    let mut out = String::with_capacity(word.len() * 2);
    for (i, c) in word.chars().enumerate() {
        if i > 0 {
            out.push(with);
        }
        out.push(c);
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An Italian mobile number, written one of the ways people write them.
fn phone(rng: &mut Rng) -> String {
    let prefix = 320 + rng.below(80);
    let a = rng.below(1000);
    let b = rng.below(10_000);
    match rng.below(4) {
        0 => format!("{prefix} {a:03} {b:04}"),
        1 => format!("{prefix}{a:03}{b:04}"),
        2 => format!("+39 {prefix} {a:03}{b:04}"),
        _ => format!("{prefix}-{a:03}-{b:04}"),
    }
}

fn email(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST).to_lowercase();
    let surname = rng.pick(SURNAMES).to_lowercase();
    let domain = rng.pick(MAIL_DOMAINS);
    match rng.below(3) {
        0 => format!("{first}.{surname}@{domain}"),
        1 => format!("{first}{}@{domain}", 60 + rng.below(40)),
        _ => format!("{}{surname}@{domain}", &first[..1]),
    }
}

/// An Italian IBAN with valid check digits (ISO 13616, mod 97), grouped by four.
fn iban(rng: &mut Rng) -> String {
    let cin = (b'A' + rng.below(26) as u8) as char;
    let mut bban = String::from(cin);
    for _ in 0..22 {
        bban.push((b'0' + rng.below(10) as u8) as char);
    }
    // Move the country and "00" behind the BBAN, turn letters into numbers, take mod 97.
    let mut rem: u64 = 0;
    for c in bban.chars().chain("IT00".chars()) {
        let value = if c.is_ascii_digit() {
            u64::from(c as u8 - b'0')
        } else {
            u64::from(c as u8 - b'A') + 10
        };
        rem = if value >= 10 {
            (rem * 100 + value) % 97
        } else {
            (rem * 10 + value) % 97
        };
    }
    let whole = format!("IT{:02}{bban}", 98 - rem);
    let grouped: Vec<&str> = whole
        .as_bytes()
        .chunks(4)
        .map(|chunk| std::str::from_utf8(chunk).unwrap_or(""))
        .collect();
    grouped.join(" ")
}

fn url(rng: &mut Rng) -> String {
    let domain = rng.pick(SPAM_DOMAINS);
    let path = rng.pick(SPAM_PATHS);
    if rng.chance(40) {
        format!("www.{domain}{path}")
    } else {
        format!("https://{domain}{path}")
    }
}

/// Clean Italian prose of about `bytes` bytes (never more): thanks, questions and criticism
/// written as sentences, in paragraphs of a few sentences.
pub fn long_clean(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(bytes);
    let mut in_paragraph = 0;
    loop {
        let class = clean_class(&mut rng);
        let body = pick_body(&mut rng, class);
        let body = fill(&mut rng, body, false);
        let mut sentence = capitalise(&body);
        if !sentence.ends_with('?') {
            sentence.push('.');
        }
        let sep = if text.is_empty() {
            ""
        } else if in_paragraph >= 5 {
            "\n\n"
        } else {
            " "
        };
        if text.len() + sep.len() + sentence.len() > bytes {
            return text;
        }
        in_paragraph = if sep == "\n\n" { 0 } else { in_paragraph + 1 };
        text.push_str(sep);
        text.push_str(&sentence);
    }
}

/// Every body of a class once, its slots filled by `seed`, undisguised unless the class is
/// [`Class::Disguised`]: what a benchmark checks one by one before measuring.
pub fn bodies(class: Class, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    class
        .bodies()
        .iter()
        .map(|body| fill(&mut rng, body, class == Class::Disguised))
        .collect()
}

/// The mean length in bytes.
pub fn mean_len(texts: &[String]) -> f64 {
    texts.iter().map(String::len).sum::<usize>() as f64 / texts.len().max(1) as f64
}

/// How a filter did on a labelled corpus.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Comments it flagged.
    pub flagged: usize,
    /// Comments where it did what the label says.
    pub agree: usize,
    /// Per class, in [`Class::ALL`] order: comments, and how many of them it flagged.
    pub per_class: [(usize, usize); 10],
}

/// Runs `flags` over every comment and counts.
pub fn tally(labelled: &[(String, Class)], mut flags: impl FnMut(&str) -> bool) -> Tally {
    let mut tally = Tally::default();
    for (text, class) in labelled {
        let flagged = flags(text);
        let index = Class::ALL.iter().position(|c| c == class).unwrap_or(0);
        tally.per_class[index].0 += 1;
        if flagged {
            tally.flagged += 1;
            tally.per_class[index].1 += 1;
        }
        if flagged == (class.expect() == Expect::Flag) {
            tally.agree += 1;
        }
    }
    tally
}

/// Whether a verdict takes the comment off the page or to a person.
pub fn flags(moderator: &galateo::Moderator, text: &str) -> bool {
    moderator.classify(text).decision() > galateo::Decision::Publish
}

/// The answers a working moderator gives, checked before anything is measured so that a
/// broken fast path cannot win: every clean body publishes, every plain insult, threat,
/// personal datum and spam body is flagged, at least three in four disguised and hateful
/// bodies are, and the long clean text publishes.
pub fn known_answers(moderator: &galateo::Moderator) -> Result<(), String> {
    for class in Class::ALL {
        let mut total = 0;
        let mut right = 0;
        let mut wrong = None;
        for seed in 1..=8 {
            for body in bodies(class, seed) {
                total += 1;
                if flags(moderator, &body) == (class.expect() == Expect::Flag) {
                    right += 1;
                } else {
                    wrong.get_or_insert(body);
                }
            }
        }
        let lenient = matches!(class, Class::Disguised | Class::Hate);
        if right < total && !lenient || lenient && right * 4 < total * 3 {
            return Err(format!(
                "{}: {right} of {total} bodies right; for one, {:?}",
                class.name(),
                wrong.unwrap_or_default()
            ));
        }
    }
    let long = long_clean(64 << 10, 1);
    if flags(moderator, &long) {
        return Err("the 64 KiB clean text is flagged".to_owned());
    }
    Ok(())
}

/// The corpus-wide answer: at least 95% of comments get what their label says, and between a
/// quarter and a half are flagged (about a third are built to be).
pub fn plausible(tally: &Tally, n: usize) -> Result<(), String> {
    if tally.agree * 100 < n * 95 || tally.flagged * 4 < n || tally.flagged * 2 > n {
        return Err(format!(
            "{} of {n} flagged, {} as labelled",
            tally.flagged, tally.agree
        ));
    }
    Ok(())
}

/// The `index`-th of 144 authors, as `(id, full name)`: real first names and surnames, since
/// the presets send comments signed with a nickname to review.
pub fn author(index: usize) -> (String, String) {
    let first = FIRST[index % FIRST.len()];
    let surname = SURNAMES[index / FIRST.len() % SURNAMES.len()];
    (format!("u{index}"), format!("{first} {surname}"))
}
