//! Identity: does an author's display name read as a first and last name, a nickname or an
//! organisation?
//!
//! The Comune di Livorno's policy asks users to comment from profiles with their first and
//! last name, and asks nicknames and the profiles of businesses, associations and other
//! collective subjects to identify themselves each time they intervene. A display name is
//! all the evidence there is, so this detector only says how the name *reads*; it never
//! claims to know who is behind it. Its verdict routes a comment to a person, never removes
//! it, so the rules lean towards the reading that costs a moderator least to check.
//!
//! The name is first normalised into words ([`tokenize`]), then read in this order:
//!
//! 1. **Organisation** if any word or run of words is an organisation marker from
//!    `lexicons/organisations.txt` (a legal form like `S.r.l.`, a kind like `pizzeria`,
//!    `comitato`, `notizie`), or a long marker sits inside a longer word (`PizzeriaDaMario`).
//!    This comes first because a business is often named after a person: "Pizzeria Da Mario"
//!    and "Studio Legale Bianchi" contain a name and are still not a person. A family's
//!    shared profile ("Famiglia Rossi") is a collective subject too.
//! 2. **Nickname** if the name has the marks of a handle: digits (`xXlupo88Xx`, leetspeak
//!    like `M4rio`), or `_ @ # $` (`lupo_solitario`, `@mario`). Registered names have none.
//! 3. Titles in front (`Dott.`, `Avv.`, `Sig.ra`) and generational suffixes at the end
//!    (`Jr.`) are set aside: they are not part of the name.
//! 4. **Nickname** if a word is a common word that no name contains (`il`, `the`, `real`,
//!    `love`, `mamma`), a conjunction or `&` joining two people ("Mario & Giulia" is not one
//!    person), or a word mixes scripts (`Mаrio` with a Cyrillic `а` is a disguise).
//! 5. Names written wholly in another script (Chinese, Arabic, Cyrillic, …) get the benefit
//!    of the doubt: the given-name list cannot read them, so 2–4 words are a **real name**,
//!    and so is a single word of 2–4 Han or Hangul characters, the usual way of writing a
//!    Chinese or Korean full name without a space (`王伟`).
//! 6. Otherwise the Latin-script words must make 2–4 name words, of which at least one is a
//!    known given name (`lexicons/given-names.txt`) and at least one other is a surname:
//!    a word of 2 letters or more, with a vowel and no letter three times in a row, that is
//!    not itself a given name. Surname particles join the word after them (`De Luca`,
//!    `El Amrani`, `La Russa`), so "De Luca Giovanni" reads as surname + given name in either
//!    order. Two different given names with no surname still make a real name when one of
//!    them, first or last, is also a common surname ("Mario Bruno", "Ahmed Hassan").
//!
//! 7. **Initials** if, short of a full name, the words are a name with initials standing for
//!    the rest: a given name and an initial ("Mario R.", "Giulia B"), or initials and a
//!    surname ("M. Rossi", "J. R. Smith"). The policy asks for first *and last* name and an
//!    initial hides one of them, so this is not a real name; it is kept apart from nicknames
//!    because it does name someone, and the author recognizer never lets it go past review.
//!
//! Anything else is a **nickname**: a single word ("Anna", "🌸 Giulia 🌸"), two words of
//! which neither is a known given name ("Lupo Solitario"), given names alone ("Maria
//! Grazia"), and the empty name.
//!
//! Dots separate words like any punctuation, so a handle spelt as a name ("marco.rossi")
//! reads as the name it spells: it does give a first and last name.
//!
//! Known limits, accepted because the cost is a person's look rather than a removal: a real
//! name whose given name is missing from the list reads as a nickname, and a nickname made of
//! a given name and a name-like word ("Angelo Custode") reads as a real name.
//!
//! # Self-identification
//!
//! The policy lets a nickname or an organisation identify itself in the comment, and
//! [`Names::introduces`] reads the comment's text for that: an introduction followed by a
//! name that reads as a real name by the rules above (a given name and a surname, so "sono
//! Paolo" is not enough, and "sono stanco" is not a name at all). Three shapes count:
//!
//! - a phrase that always introduces the writer, anywhere outside quotation marks: "mi
//!   chiamo", "il mio nome è", "vi scrive", "firmato" / "F.to", "il sottoscritto", "in fede",
//!   "cordiali saluti", "my name is", "signed", "kind regards", "sincerely";
//! - "sono" / "io sono", "I'm" / "I am" at the start of a clause (after a greeting at most:
//!   "Buongiorno, sono …", "Salve sono …"), so that "ci sono Mario Rossi e …" and "i
//!   responsabili sono Mario Rossi e …", which speak of others, do not count;
//! - a signature: a line that opens with the name, a comma and a role, an address or a
//!   profession ("Paolo Neri, residente in via …", "Paolo Neri, presidente del …"), or a last
//!   line of a comment of several lines that is nothing but the name ("— Paolo Neri").
//!
//! A negation before or after the introduction ("non sono Mario Rossi", "my name is not …")
//! cancels it. The weaker shapes (the second and third) also ask for the name's words to be
//! capitalised, when the comment writes in mixed case: "sono Rosa Bianca" may be a name,
//! "sono rosa di rabbia" is not; a comment written all in lower or upper case gives no such
//! hint and is read for the first shape only. What the comment claims is taken at its word:
//! like the display name, it is evidence of how the author presents themselves, not proof.

use crate::text::is_invisible;
use std::collections::HashSet;

use aho_corasick::AhoCorasick;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// How an author's display name reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NameClass {
    /// A first and last name, as the policy asks.
    RealName,
    /// A handle, a single name, or anything that does not identify a person by full name.
    Nickname,
    /// A business, association, body, medium or other collective subject.
    Organisation,
    /// A name with initials for the rest of it: "Mario R.", "M. Rossi".
    Initials,
}

/// The compiled lexicons of given names and organisation markers.
#[derive(Clone, Debug)]
pub(crate) struct Names {
    /// Given names, normalised, one word each.
    given: HashSet<String>,
    /// Organisation markers, normalised, their words joined by one space.
    organisations: HashSet<String>,
    /// The most words in any organisation marker: the longest run of words worth looking up.
    organisation_words: usize,
    /// Markers of [`INSIDE_MIN`] letters or more (multi-word ones written without spaces),
    /// searched inside longer words.
    inside: AhoCorasick,
}

/// A marker this long is distinctive enough to be looked for inside a longer word: short ones
/// (`bar`, `spa`, `tv`) would turn up inside ordinary names (`Barbara`, `Spadoni`).
const INSIDE_MIN: usize = 7;

/// A marker found inside a word counts only if the word has this many more letters. A handle
/// glues the marker to other words (`pizzeriadamario`, `livornonotizie`), while a surname that
/// merely starts with a marker adds a short ending (`Fratellini` is not `fratelli`).
const INSIDE_REST: usize = 3;

/// The most name words (given names and surnames, particles joined) a real name has. Four
/// covers two given names and a double surname; more reads as a phrase.
const MAX_NAME_WORDS: usize = 4;

/// The most initials tolerated beside a full name ("John F. Kennedy", "Maria R. S. Rossi").
const MAX_INITIALS: usize = 2;

/// Words that open a surname and belong to the word after them: Italian (`De Luca`,
/// `Della Valle`, `La Russa`, `Lo Bianco`, `Li Causi`), and the particles of other languages
/// spoken in Italy (`Van`, `Von`, `El`, `Al-` as in `Al-Masri`, `Ben`, `Bin`, `Bint`, `Ould`,
/// `Abu`, `Dos`, `De los`, `Mac`). A surname never is
/// a bare particle, so a name ending in one ("Mario De") has no surname.
const PARTICLES: &[&str] = &[
    "abu", "ait", "al", "ben", "bin", "d", "da", "dai", "dal", "dall", "dalla", "dalle", "dallo",
    "bint", "binti", "das", "de", "degli", "dei", "del", "dell", "della", "delle", "dello", "den",
    "der", "des", "di", "do", "dos", "du", "el", "ibn", "la", "las", "le", "li", "lo", "los",
    "mac", "mc", "o", "ould", "san", "santa", "st", "ten", "ter", "van", "von",
];

/// Titles written before a name: set aside, since "Dott. Mario Rossi" is Mario Rossi. `ssa`
/// and `ra` are the endings of `Dott.ssa` and `Sig.ra`, split off by the dot.
const TITLES: &[&str] = &[
    "arch",
    "architetto",
    "avv",
    "avvocato",
    "avvocatessa",
    "cav",
    "comm",
    "don",
    "dott",
    "dottor",
    "dottore",
    "dottoressa",
    "dr",
    "dssa",
    "fra",
    "frate",
    "geom",
    "geometra",
    "ing",
    "ingegnere",
    "mons",
    "monsignor",
    "mr",
    "mrs",
    "ms",
    "on",
    "onorevole",
    "padre",
    "prof",
    "professore",
    "professoressa",
    "ra",
    "rag",
    "ragioniere",
    "sen",
    "senatore",
    "senatrice",
    "sig",
    "signor",
    "signora",
    "signore",
    "signorina",
    "sigra",
    "ssa",
    "suor",
];

/// Generational suffixes written after a name: set aside like titles.
const SUFFIXES: &[&str] = &["ii", "iii", "jr", "junior", "senior", "sr"];

/// Common words that appear in nicknames and never in a registered name. One of them makes
/// the whole name a nickname: "Il Vendicatore", "Mamma Giulia", "Real Mario", "Marco Love".
/// Articles that are also surname particles (`la`, `lo`, `li`) are not here: they are read as
/// particles, and "La Vendetta" fails anyway for want of a given name.
const COMMON_WORDS: &[&str] = &[
    "account",
    "amo",
    "amore",
    "and",
    "anonima",
    "anonimo",
    "anonymous",
    "babbo",
    "baby",
    "backup",
    "boy",
    "boys",
    "che",
    "chi",
    "ciao",
    "cittadina",
    "cittadino",
    "con",
    "dad",
    "dj",
    "ed",
    "fake",
    "fan",
    "girl",
    "girls",
    "gli",
    "guest",
    "il",
    "io",
    "italiana",
    "italiano",
    "king",
    "lady",
    "livornese",
    "love",
    "lover",
    "mamma",
    "man",
    "miss",
    "mister",
    "mom",
    "mum",
    "my",
    "new",
    "noi",
    "non",
    "nonna",
    "nonno",
    "nuova",
    "nuovo",
    "of",
    "old",
    "ospite",
    "our",
    "papa",
    "per",
    "personale",
    "prince",
    "princess",
    "private",
    "privata",
    "privato",
    "profilo",
    "queen",
    "real",
    "sono",
    "super",
    "the",
    "un",
    "una",
    "uno",
    "user",
    "utente",
    "vecchia",
    "vecchio",
    "vero",
    "woman",
    "your",
    "zia",
    "zio",
];

/// Single letters that, written without a dot, are words rather than initials: the
/// conjunction in "Mario e Giulia", the article in "I Ragazzi del Porto". With a dot
/// ("Mario E. Rossi") they are initials.
const LETTER_WORDS: &[&str] = &["e", "i", "o"];

/// Given names that are also common surnames. A name made only of known given names is a
/// first name alone ("Maria Grazia", "Gian Luca") unless one of them, first or last, is here:
/// "Mario Bruno", "Bruno Romano", "Ahmed Hassan" and "Li Wei" are full names. Every entry is
/// also in `given-names.txt` (a test checks), otherwise it would never be needed.
const ALSO_SURNAMES: &[&str] = &[
    // Italian.
    "battista",
    "benedetto",
    "bruno",
    "carmine",
    "clemente",
    "costantino",
    "donato",
    "fabiano",
    "fortunato",
    "franco",
    "germano",
    "giordano",
    "lauro",
    "leone",
    "lorenzo",
    "luciano",
    "manfredi",
    "marcello",
    "mariano",
    "marino",
    "martino",
    "moreno",
    "natale",
    "orlando",
    "pasquale",
    "rocco",
    "romano",
    "romeo",
    "ruggiero",
    "sabatino",
    "severino",
    "simone",
    "tancredi",
    "valentino",
    // English and French.
    "bernard",
    "craig",
    "douglas",
    "frank",
    "george",
    "gordon",
    "graham",
    "henry",
    "howard",
    "james",
    "kelly",
    "lewis",
    "martin",
    "mason",
    "nelson",
    "noel",
    "owen",
    "paul",
    "richard",
    "robert",
    "scott",
    "simon",
    "stuart",
    "thomas",
    // Romanian: many family names are given names.
    "constantin",
    "dumitru",
    "gheorghe",
    "ilie",
    "marin",
    "mihai",
    "nicolae",
    "radu",
    "stefan",
    "tudor",
    "vasile",
    // Arabic: a father's given name is a family name in much of North Africa and Pakistan.
    "abdullah",
    "ahmed",
    "ali",
    "arshad",
    "asif",
    "habib",
    "hamid",
    "hasan",
    "hassan",
    "hussein",
    "ibrahim",
    "ismail",
    "javed",
    "kamal",
    "karim",
    "khalil",
    "mahmoud",
    "mohamed",
    "mohammed",
    "mustafa",
    "nadeem",
    "nasir",
    "omar",
    "salah",
    "shahid",
    "tahir",
    "youssef",
    "yusuf",
    "zahid",
    // Bangladeshi: `Md` (Muhammad) before the name a person is called by: "Md Rubel".
    "md",
    // Horn of Africa: the surname is the father's given name ("Dawit Tesfaye", "Abdi Farah").
    "abdi",
    "abdullahi",
    "abebe",
    "alem",
    "berhane",
    "dawit",
    "farah",
    "getachew",
    "goitom",
    "habtom",
    "haile",
    "hailu",
    "kidane",
    "kiros",
    "mebrahtu",
    "mehari",
    "mekonnen",
    "mohamud",
    "mulugeta",
    "tadesse",
    "tekle",
    "tesfay",
    "tesfaye",
    "tsegaye",
    "warsame",
    "yemane",
    "yohannes",
    // West African: Hausa and Yoruba names that are also family names, and the Baoulé day
    // names of the Ivory Coast ("Kouassi Koffi").
    "abiodun",
    "abubakar",
    "adebayo",
    "adekunle",
    "adewale",
    "akinola",
    "ayodele",
    "babatunde",
    "bashir",
    "danjuma",
    "haruna",
    "koffi",
    "kouame",
    "kouassi",
    "lawal",
    "umar",
    "yakubu",
    // South Asian: Indian family names that are given names, Tamil fathers' names, and the
    // Portuguese family names of Sri Lanka ("Chamara Fernando").
    "anand",
    "arumugam",
    "fernando",
    "ganesan",
    "gopal",
    "kannan",
    "krishna",
    "kumar",
    "kumaran",
    "mohan",
    "murugan",
    "muthu",
    "prakash",
    "raj",
    "rajan",
    "selvam",
    "subramanian",
    // Chinese and Korean: syllables that are surnames too.
    "hong",
    "hua",
    "jia",
    "jin",
    "li",
    "liang",
    "qian",
    "xue",
    "yang",
    "yao",
];

/// Phrases that introduce the writer's own name wherever they stand outside quotation marks,
/// as the text reader folds them (lowercase, no accents, apostrophes and hyphens between words:
/// "my name's" is `my name s`). "sottoscritto" covers "il sottoscritto", "regards" covers
/// "best regards" and "kind regards", "sincerely" covers "yours sincerely".
const INTRODUCTIONS: &[&[&str]] = &[
    &["mi", "chiamo"],
    &["il", "mio", "nome", "e"],
    &["vi", "scrive"],
    &["ti", "scrive"],
    &["le", "scrive"],
    &["chi", "scrive", "e"],
    &["chi", "vi", "scrive", "e"],
    &["firmato"],
    &["firmata"],
    &["f", "to"],
    &["sottoscritto"],
    &["sottoscritta"],
    &["in", "fede"],
    &["cordiali", "saluti"],
    &["distinti", "saluti"],
    &["cordialmente"],
    &["my", "name", "is"],
    &["my", "name", "s"],
    &["signed"],
    &["regards"],
    &["sincerely"],
    &["yours", "faithfully"],
];

/// Phrases that introduce the writer only at the start of a clause: "sono" is also "they
/// are" ("i responsabili sono Mario Rossi e …"), and "ci sono" is "there are".
const CLAUSE_INTRODUCTIONS: &[&[&str]] = &[&["sono"], &["i", "m"], &["i", "am"], &["scrive"]];

/// Words that may come between the start of a clause and "sono" / "I'm": "Salve sono …",
/// "Ciao a tutti io sono …", "Hi everyone I'm …".
const GREETINGS: &[&str] = &[
    "a",
    "all",
    "allora",
    "buonasera",
    "buongiorno",
    "ciao",
    "comunque",
    "ecco",
    "everyone",
    "hello",
    "hey",
    "hi",
    "io",
    "salve",
    "si",
    "tutti",
    "well",
    "yes",
];

/// Words that deny an introduction next to them: "non sono Mario Rossi", "my name is not …".
const NEGATORS: &[&str] = &[
    "mica", "neanche", "nemmeno", "neppure", "never", "no", "non", "not",
];

/// Articles before a title in an introduction: "sono il dott. Paolo Neri", "sono l'avv. …".
const ARTICLES: &[&str] = &["il", "l", "la", "lo", "the"];

/// What follows a name and a comma on a signature line ("Paolo Neri, residente in via …"):
/// residence, a role in a group, a profession. Public offices (`sindaco`, `assessore`) are
/// left out: a comment names them to address or criticise someone else.
const ROLES: &[&str] = &[
    "abitante",
    "amministratore",
    "amministratrice",
    "architetto",
    "avvocata",
    "avvocato",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "cittadina",
    "cittadino",
    "citizen",
    "commerciante",
    "commercialista",
    "coordinator",
    "coordinatore",
    "coordinatrice",
    "corso",
    "delegata",
    "delegato",
    "direttore",
    "direttrice",
    "director",
    "founder",
    "genitore",
    "geometra",
    "gestore",
    "giornalista",
    "infermiera",
    "infermiere",
    "ingegnere",
    "insegnante",
    "largo",
    "madre",
    "mamma",
    "medico",
    "member",
    "membro",
    "owner",
    "padre",
    "papa",
    "parent",
    "pensionata",
    "pensionato",
    "piazza",
    "portavoce",
    "president",
    "presidente",
    "proprietaria",
    "proprietario",
    "rappresentante",
    "referente",
    "resident",
    "residente",
    "responsabile",
    "secretary",
    "segretaria",
    "segretario",
    "socia",
    "socio",
    "spokesperson",
    "studente",
    "studentessa",
    "teacher",
    "titolare",
    "treasurer",
    "via",
    "viale",
    "vicepresidente",
    "volontaria",
    "volontario",
];

/// The most words a name in a comment is read over: [`MAX_NAME_WORDS`], two initials and a
/// title.
const MAX_TEXT_NAME_WORDS: usize = MAX_NAME_WORDS + MAX_INITIALS + 1;

/// A word of a comment longer than this is no part of a name (and reading it would cost time).
const MAX_TEXT_NAME_WORD: usize = 40;

/// How many greetings may come before "sono" / "I'm".
const MAX_GREETINGS: usize = 4;

/// Surnames with no vowel: everything else without one is a run of consonants, not a name.
const VOWELLESS_SURNAMES: &[&str] = &["ng"];

impl Names {
    /// The shipped names, compiled once per process and shared by every recognizer that reads
    /// display names.
    pub(crate) fn shipped() -> std::sync::Arc<Names> {
        static NAMES: std::sync::LazyLock<std::sync::Arc<Names>> =
            std::sync::LazyLock::new(|| std::sync::Arc::new(Names::new()));
        std::sync::Arc::clone(&NAMES)
    }

    /// Builds from the two files (`include_str!("../lexicons/given-names.txt")`,
    /// `include_str!("../lexicons/organisations.txt")`).
    pub(crate) fn new() -> Names {
        Names::from_lexicons(
            include_str!("../lexicons/given-names.txt"),
            include_str!("../lexicons/organisations.txt"),
        )
    }

    /// Builds from lexicon texts: one entry a line, `#` comments and blank lines ignored,
    /// every entry normalised exactly like a display name so the two always meet.
    fn from_lexicons(given_names: &str, organisations: &str) -> Names {
        let mut given = HashSet::new();
        for entry in entries(given_names) {
            for token in tokenize(entry).tokens {
                given.insert(token.text);
            }
        }
        let mut phrases = HashSet::new();
        let mut organisation_words = 0;
        let mut inside = Vec::new();
        for entry in entries(organisations) {
            let tokens = tokenize(entry).tokens;
            if tokens.is_empty() {
                continue;
            }
            organisation_words = organisation_words.max(tokens.len());
            let glued: String = tokens.iter().map(|t| t.text.as_str()).collect();
            if glued.len() >= INSIDE_MIN && glued.bytes().all(|b| b.is_ascii_lowercase()) {
                inside.push(glued);
            }
            phrases.insert(join(&tokens));
        }
        Names {
            given,
            organisations: phrases,
            organisation_words,
            inside: {
                #[expect(
                    clippy::expect_used,
                    reason = "a few hundred short shipped patterns, built by every test: the organisation finder must never be silently disabled"
                )]
                let automaton =
                    AhoCorasick::new(&inside).expect("the organisation markers compile");
                automaton
            },
        }
    }

    /// Whether `word` (one word, any case or accents) is a known given name.
    pub(crate) fn is_given_name(&self, word: &str) -> bool {
        tokenize(word)
            .tokens
            .first()
            .is_some_and(|t| self.given.contains(&t.text))
    }

    /// Classifies a display name; see the module documentation for the rules and their
    /// reasons. Never panics, and takes time linear in the length of the name.
    pub(crate) fn classify(&self, display_name: &str) -> NameClass {
        let Tokens { tokens, handle } = tokenize(display_name);
        if tokens.is_empty() {
            return NameClass::Nickname;
        }
        if self.is_organisation(&tokens) {
            return NameClass::Organisation;
        }
        if handle || tokens.iter().any(|t| t.digits) {
            return NameClass::Nickname;
        }

        // Titles in front and suffixes behind are not part of the name.
        let start = tokens
            .iter()
            .position(|t| !TITLES.contains(&t.text.as_str()))
            .unwrap_or(tokens.len());
        let end = tokens
            .iter()
            .rposition(|t| !SUFFIXES.contains(&t.text.as_str()))
            .map_or(0, |last| last + 1);
        let words = tokens.get(start..end.max(start)).unwrap_or_default();
        if words.is_empty() {
            return NameClass::Nickname;
        }

        if words
            .iter()
            .any(|t| t.is_common_word() || t.script == Script::Mixed)
        {
            return NameClass::Nickname;
        }

        if words.iter().all(|t| t.script == Script::Other) {
            let real = match words {
                [only] => is_east_asian_full_name(&only.text),
                _ => words.len() <= MAX_NAME_WORDS,
            };
            return if real {
                NameClass::RealName
            } else {
                NameClass::Nickname
            };
        }

        // A particle may also be a given name (`Ben`, `Al`, `Li`, `Santa`): "Ben Smith" is a
        // given name and a surname, "Ben Ali" may be a surname. Both readings are tried.
        if self.is_full_name(words, true) || self.is_full_name(words, false) {
            NameClass::RealName
        } else if self.is_initialled(words) {
            NameClass::Initials
        } else {
            NameClass::Nickname
        }
    }

    /// Whether the words are a name with initials for part of it (rule 7 of the module
    /// documentation): at least one initial, at most [`MAX_INITIALS`] + 1, and one or two
    /// name words (given names or surnames, particles joined), nothing else.
    fn is_initialled(&self, words: &[Token]) -> bool {
        let mut initials = 0;
        let mut names = 0;
        let mut rest = words.iter();
        while let Some(word) = rest.next() {
            if word.script != Script::Latin {
                return false;
            }
            if word.is_particle() {
                match rest.by_ref().find(|next| !next.is_particle()) {
                    Some(head) if head.is_surname_shaped() => names += 1,
                    _ => return false,
                }
            } else if word.dotted || word.text.len() == 1 {
                // Letters joined by dots ("J.R.") are as many initials.
                initials += word.text.len();
            } else if self.given.contains(&word.text) || word.is_surname_shaped() {
                names += 1;
            } else {
                return false;
            }
        }
        (1..=MAX_INITIALS + 1).contains(&initials) && (1..=2).contains(&names)
    }

    /// Whether the comment's text identifies its author by first and last name ("Sono Paolo
    /// Neri, presidente del …", "mi chiamo …", a signature line); see the module
    /// documentation for what counts and why. Never panics, and takes time linear in the
    /// length of the text.
    pub(crate) fn introduces(&self, text: &str) -> bool {
        let words = text_words(text);
        let mut upper = false;
        let mut lower = false;
        for c in text.chars() {
            upper |= c.is_uppercase();
            lower |= c.is_lowercase();
        }
        // Only mixed case says anything about which words are names.
        let cased = upper && lower;
        let multiline = words.iter().skip(1).any(|w| w.line);
        for at in 0..words.len() {
            if words.get(at).is_none_or(|w| w.quoted) {
                continue;
            }
            for intro in INTRODUCTIONS {
                if let Some(name) = introduction(&words, at, intro)
                    && self.name_at(text, &words, name, false, |_| true)
                {
                    return true;
                }
            }
            if !cased {
                continue;
            }
            if is_clause_start(&words, at) {
                for intro in CLAUSE_INTRODUCTIONS {
                    if let Some(name) = introduction(&words, at, intro)
                        && self.name_at(text, &words, name, true, |_| true)
                    {
                        return true;
                    }
                }
            }
            // "Paolo Neri, residente in via …": a line or sentence of its own, not the opening
            // of a one-line comment, which more often names someone else ("Mario Rossi,
            // presidente della Regione, dimettiti").
            let starts = words.get(at).is_some_and(|w| w.line || w.sentence);
            if starts
                && (at > 0 || multiline)
                && self.name_at(text, &words, at, true, |end| {
                    words.get(end).is_some_and(|w| {
                        w.clause && !w.line && !w.sentence && ROLES.contains(&w.folded.as_str())
                    })
                })
            {
                return true;
            }
        }
        // The last line of a comment of several lines, nothing but the name: "— Paolo Neri".
        cased
            && multiline
            && words.iter().rposition(|w| w.line).is_some_and(|last| {
                last > 0 && self.name_at(text, &words, last, true, |end| end == words.len())
            })
    }

    /// Whether the words from index `from` read as a real name that `accept` takes (given
    /// the index of the word after it). With `cased`, every name word must be capitalised
    /// (particles, titles and the second part of a hyphenated word need not be).
    fn name_at(
        &self,
        text: &str,
        words: &[TextWord],
        from: usize,
        cased: bool,
        accept: impl Fn(usize) -> bool,
    ) -> bool {
        let Some(first) = words.get(from) else {
            return false;
        };
        for end in from + 1..=from + MAX_TEXT_NAME_WORDS {
            let Some(last) = end.checked_sub(1).and_then(|i| words.get(i)) else {
                return false;
            };
            if last.span.len() > MAX_TEXT_NAME_WORD
                || (end - 1 > from && !last.joined)
                || (cased && !last.is_capitalised_name_word())
            {
                return false;
            }
            if end - from < 2 || !accept(end) {
                continue;
            }
            let name = text
                .get(first.span.start..last.span.end)
                .unwrap_or_default();
            if self.classify(name) == NameClass::RealName {
                return true;
            }
        }
        false
    }

    /// Whether any word, run of words or glued handle is an organisation marker.
    fn is_organisation(&self, tokens: &[Token]) -> bool {
        let mut phrase = String::new();
        for start in 0..tokens.len() {
            phrase.clear();
            for (n, token) in tokens
                .iter()
                .skip(start)
                .take(self.organisation_words)
                .enumerate()
            {
                if n > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(&token.text);
                if self.organisations.contains(phrase.as_str()) {
                    return true;
                }
            }
        }

        // Initials spaced out ("S. R. L.", "A S D") spell a marker too.
        let mut letters = String::new();
        for token in tokens.iter().chain(std::iter::once(&Token::default())) {
            if token.script == Script::Latin && token.text.len() == 1 {
                letters.push_str(&token.text);
            } else {
                if letters.len() >= 2 && self.organisations.contains(letters.as_str()) {
                    return true;
                }
                letters.clear();
            }
        }

        let inside = &self.inside;
        tokens.iter().any(|token| {
            inside
                .find_overlapping_iter(token.text.as_str())
                .any(|m| token.text.len() >= m.len() + INSIDE_REST)
        })
    }

    /// Whether the words make a first and last name (rule 6 of the module documentation).
    /// With `merge`, particles join the word after them into one surname; without, a particle
    /// that is a given name counts as one and any other particle is skipped.
    fn is_full_name(&self, words: &[Token], merge: bool) -> bool {
        let mut given: Vec<&str> = Vec::new();
        let mut surnames = 0;
        let mut initials = 0;
        let mut rest = words.iter();
        while let Some(word) = rest.next() {
            if word.script == Script::Other {
                // Another script beside Latin words: a surname by the benefit of the doubt,
                // unless it is a single character.
                if word.text.chars().count() < 2 {
                    return false;
                }
                surnames += 1;
                continue;
            }
            if word.is_particle() {
                if merge {
                    // Any further particles ("De La Cruz") and then one word make a surname.
                    let head = rest.by_ref().find(|next| !next.is_particle());
                    match head {
                        Some(head) if head.script == Script::Other || head.is_surname_shaped() => {
                            surnames += 1;
                        }
                        _ => return false,
                    }
                } else if self.given.contains(&word.text) {
                    given.push(&word.text);
                }
                continue;
            }
            if word.dotted || word.text.len() == 1 {
                initials += 1;
            } else if self.given.contains(&word.text) {
                given.push(&word.text);
            } else if word.is_surname_shaped() {
                surnames += 1;
            } else {
                return false;
            }
        }

        let count = given.len() + surnames;
        if !(2..=MAX_NAME_WORDS).contains(&count) || initials > MAX_INITIALS {
            return false;
        }
        if !given.is_empty() && surnames > 0 {
            return true;
        }
        // Given names only: a full name if they differ and the first or last is also a
        // common surname ("Mario Bruno", "Bruno Mario"), a first name alone otherwise.
        let distinct = given.iter().any(|g| Some(g) != given.first());
        let also_surname = |g: Option<&&str>| g.is_some_and(|g| ALSO_SURNAMES.contains(g));
        surnames == 0 && distinct && (also_surname(given.first()) || also_surname(given.last()))
    }
}

/// The script of a word's letters, after accents are stripped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Script {
    /// Only `a`–`z` (and digits), or no letters at all.
    #[default]
    Latin,
    /// Only letters of other scripts (and digits).
    Other,
    /// Both: a Latin name with lookalikes from another script slipped in.
    Mixed,
}

/// One word of a normalised name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Token {
    /// Lowercase letters and digits, accents stripped, apostrophes dropped (`dangelo`).
    text: String,
    /// Whether `text` holds a digit.
    digits: bool,
    /// Whether the word was written as letters joined by dots (`S.r.l.`, `J.R.`).
    dotted: bool,
    /// Whether a dot followed the word (`R.` in "Mario R.").
    dot_after: bool,
    /// The script of the word's letters.
    script: Script,
}

impl Token {
    /// Whether the word opens a surname (see [`PARTICLES`]).
    fn is_particle(&self) -> bool {
        !self.dot_after && PARTICLES.contains(&self.text.as_str())
    }

    /// Whether the word is one no registered name contains (see [`COMMON_WORDS`],
    /// [`LETTER_WORDS`]), or the `&` between two people.
    fn is_common_word(&self) -> bool {
        let text = self.text.as_str();
        text == "&"
            || COMMON_WORDS.contains(&text)
            || (!self.dot_after && LETTER_WORDS.contains(&text))
    }

    /// Whether a Latin word can be a surname: two letters or more, a vowel (`y` counts) or a
    /// known vowelless surname, and no letter three times in a row (`rossiii` is a shout,
    /// not a name). Every Italian and nearly every foreign surname passes.
    fn is_surname_shaped(&self) -> bool {
        let text = self.text.as_str();
        if self.script != Script::Latin || self.digits || self.dotted || text.len() < 2 {
            return false;
        }
        let vowel = text.bytes().any(|b| b"aeiouy".contains(&b));
        if !vowel && !VOWELLESS_SURNAMES.contains(&text) {
            return false;
        }
        let bytes = text.as_bytes();
        !bytes
            .windows(3)
            .any(|w| matches!(w, [a, b, c] if a == b && b == c))
    }
}

/// A name split into words, plus whether it had the marks of a handle.
#[derive(Debug, Default)]
struct Tokens {
    /// The words, in order.
    tokens: Vec<Token>,
    /// Whether `_`, `@`, `#` or `$` appeared: `lupo_solitario`, `@mario`, `M$rio`.
    handle: bool,
}

/// What a folded char does to the word being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// A letter or digit: part of a word.
    Alnum,
    /// An apostrophe: joins the letters around it (`D'Angelo` → `dangelo`), else a break.
    Apostrophe,
    /// A dot: a break, but letters joined by dots read as one word (`s.r.l.` → `srl`).
    Dot,
    /// `&`: a word of its own, so `B&B` and `& C.` can be matched.
    Ampersand,
    /// `_ @ # $`: a break, and the mark of a handle.
    Handle,
    /// Anything else (space, hyphen, other punctuation, symbols, emoji): a break.
    Break,
}

/// Normalises a display name into words.
///
/// Each char is lowercased and decomposed (NFKD, so fancy letters like `𝐌𝐚𝐫𝐢𝐨` and fullwidth
/// `Ｍａｒｉｏ` read as `mario`), combining marks are dropped (`Niccolò` → `niccolo`, `Ștefan` →
/// `stefan`), Latin letters with no decomposition are spelt out (`ß` → `ss`, `ł` → `l`), and
/// invisible chars are dropped so they cannot split a word. Words are runs of letters and
/// digits; apostrophes inside a word are dropped, and single letters joined by dots become
/// one dotted word, so a legal form reads the same however it is written. Emoji and other
/// symbols are breaks: "🌸 Giulia 🌸" is the one word `giulia`.
fn tokenize(name: &str) -> Tokens {
    let mut chars: Vec<(char, Class)> = Vec::with_capacity(name.len());
    for c in name.chars() {
        fold(c, &mut |f| chars.push((f, classify_char(f))));
    }

    let mut raw: Vec<Token> = Vec::new();
    // Whether each word in `raw` is followed by exactly one dot and then another word.
    let mut linked: Vec<bool> = Vec::new();
    let mut handle = false;
    let mut word = Token::default();
    let mut iter = chars.iter().peekable();
    while let Some(&(c, class)) = iter.next() {
        match class {
            Class::Alnum => word.text.push(c),
            Class::Apostrophe => {
                let next_alnum = matches!(iter.peek(), Some((_, Class::Alnum)));
                if word.text.is_empty() || !next_alnum {
                    flush(&mut word, &mut raw, &mut linked, false, false);
                }
            }
            Class::Dot => {
                let next_alnum = matches!(iter.peek(), Some((_, Class::Alnum)));
                flush(&mut word, &mut raw, &mut linked, true, next_alnum);
            }
            Class::Ampersand => {
                flush(&mut word, &mut raw, &mut linked, false, false);
                word.text.push('&');
                flush(&mut word, &mut raw, &mut linked, false, false);
            }
            Class::Handle => {
                handle = true;
                flush(&mut word, &mut raw, &mut linked, false, false);
            }
            Class::Break => flush(&mut word, &mut raw, &mut linked, false, false),
        }
    }
    flush(&mut word, &mut raw, &mut linked, false, false);

    // Join runs of single letters linked by dots: `s.r.l.` → `srl`, `J.R.` → `jr`.
    let mut tokens: Vec<Token> = Vec::with_capacity(raw.len());
    let mut joining = false;
    for (token, link) in raw.into_iter().zip(linked) {
        let single = token.text.chars().count() == 1 && token.text != "&";
        match tokens.last_mut() {
            Some(last) if joining && single && (last.dotted || last.text.chars().count() == 1) => {
                last.text.push_str(&token.text);
                last.dotted = true;
                last.dot_after = token.dot_after;
                last.digits |= token.digits;
                last.script = merge_script(last.script, token.script);
            }
            _ => tokens.push(token),
        }
        joining = single && link;
    }
    Tokens { tokens, handle }
}

/// Ends the word being read, if any, recording whether a dot followed it and whether that dot
/// links it to the next word.
fn flush(word: &mut Token, raw: &mut Vec<Token>, linked: &mut Vec<bool>, dot: bool, link: bool) {
    if word.text.is_empty() {
        return;
    }
    let mut token = std::mem::take(word);
    token.dot_after = dot;
    token.digits = token.text.chars().any(char::is_numeric);
    token.script = token
        .text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold(None, |acc, c| {
            let script = if c.is_ascii() {
                Script::Latin
            } else {
                Script::Other
            };
            Some(acc.map_or(script, |acc| merge_script(acc, script)))
        })
        .unwrap_or(Script::Latin);
    raw.push(token);
    linked.push(link);
}

/// The script of a word made of two parts.
fn merge_script(a: Script, b: Script) -> Script {
    if a == b { a } else { Script::Mixed }
}

/// Feeds the folded form of one char of a name to `emit`: lowercase, no accents, no
/// compatibility variants, invisible chars dropped, apostrophe-like chars as `'`.
fn fold(c: char, emit: &mut impl FnMut(char)) {
    if is_invisible(c) {
        return;
    }
    // Before decomposition: `´` decomposes into a space and an accent, which would split
    // "D´Angelo" in two.
    if matches!(
        c,
        '\'' | '`' | '\u{00B4}' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}'
    ) {
        emit('\'');
        return;
    }
    // Hangul syllables stay whole: decomposed into jamo they could not be counted.
    if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        emit(c);
        return;
    }
    decompose_compatible(c, |d| {
        for l in d.to_lowercase() {
            if is_combining_mark(l) || is_invisible(l) {
                continue;
            }
            match l {
                'ß' => {
                    emit('s');
                    emit('s');
                }
                'æ' => {
                    emit('a');
                    emit('e');
                }
                'œ' => {
                    emit('o');
                    emit('e');
                }
                'þ' => {
                    emit('t');
                    emit('h');
                }
                'ø' => emit('o'),
                'ł' => emit('l'),
                'đ' | 'ð' => emit('d'),
                'ı' => emit('i'),
                'ħ' => emit('h'),
                'ŧ' => emit('t'),
                other => emit(other),
            }
        }
    });
}

/// What a folded char does to the word being read.
fn classify_char(c: char) -> Class {
    match c {
        '\'' => Class::Apostrophe,
        '.' => Class::Dot,
        '&' => Class::Ampersand,
        '_' | '@' | '#' | '$' => Class::Handle,
        c if c.is_alphanumeric() => Class::Alnum,
        _ => Class::Break,
    }
}

/// Whether a single word is a Chinese or Korean full name written without a space: 2 to 4
/// Han characters or Hangul syllables (a one-syllable surname and a one- or two-syllable
/// given name, or a two-syllable surname). One character alone is not a full name.
fn is_east_asian_full_name(word: &str) -> bool {
    let count = word.chars().count();
    (2..=4).contains(&count)
        && word.chars().all(|c| {
            matches!(
                c,
                '\u{3400}'..='\u{4DBF}'
                    | '\u{4E00}'..='\u{9FFF}'
                    | '\u{20000}'..='\u{2EBEF}'
                    | '\u{30000}'..='\u{3134F}'
                    | '\u{AC00}'..='\u{D7A3}'
            )
        })
}

/// One word of a comment's text, for reading introductions.
#[derive(Debug, Default)]
struct TextWord {
    /// Byte range in the text.
    span: std::ops::Range<usize>,
    /// Folded like a display name: lowercase letters and digits, no accents.
    folded: String,
    /// Whether its first letter is not lowercase (uppercase, or a script without case).
    capital: bool,
    /// Whether a clause starts before it: the text's start, a sentence break, a line break,
    /// a comma, a colon, a bracket or a dash.
    clause: bool,
    /// Whether a sentence break (`.`, `!`, `?`, `;`, `…`) or a line break comes before it.
    sentence: bool,
    /// Whether a line starts before it.
    line: bool,
    /// Whether only spaces, dots, apostrophes or hyphens part it from the word before, on
    /// one line: the next word of a name may be it ("Dott. Mario", "M. Rossi", "D'Angelo").
    joined: bool,
    /// Whether only an apostrophe or a hyphen parts it from the word before ("Min-jun").
    glued: bool,
    /// Whether it is inside quotation marks.
    quoted: bool,
}

impl TextWord {
    /// Whether the word may stand in a name written in mixed case.
    fn is_capitalised_name_word(&self) -> bool {
        let folded = self.folded.as_str();
        self.capital
            || self.glued
            || PARTICLES.contains(&folded)
            || TITLES.contains(&folded)
            || SUFFIXES.contains(&folded)
    }
}

/// The words of a comment: runs of letters and digits (combining marks and invisible chars
/// included), with what separates each from the one before.
fn text_words(text: &str) -> Vec<TextWord> {
    let mut words: Vec<TextWord> = Vec::new();
    let mut quoted = false;
    let mut gap_start = 0;
    let mut current: Option<TextWord> = None;
    for (at, c) in text.char_indices() {
        let word_char = c.is_alphanumeric() || is_combining_mark(c) || is_invisible(c);
        if word_char {
            if let Some(word) = current.as_mut() {
                word.span.end = at + c.len_utf8();
                fold(c, &mut |f| {
                    if f.is_alphanumeric() {
                        word.folded.push(f);
                    }
                });
                continue;
            }
            let gap = text.get(gap_start..at).unwrap_or_default();
            let mut word = TextWord {
                span: at..at + c.len_utf8(),
                capital: !c.is_lowercase(),
                ..TextWord::default()
            };
            fold(c, &mut |f| {
                if f.is_alphanumeric() {
                    word.folded.push(f);
                }
            });
            let first = words.is_empty();
            word.line = first || gap.contains(['\n', '\r']);
            word.sentence = first || word.line || gap.contains(['.', '!', '?', ';', '…']);
            word.clause = word.sentence
                || gap.contains([',', ':', '(', ')', '[', ']', '–', '—'])
                || gap.contains(" - ");
            word.joined = !first
                && gap
                    .chars()
                    .all(|g| matches!(g, ' ' | '\t' | '.' | '-' | '\'' | '\u{2019}' | '\u{00A0}'))
                && gap.matches('.').count() <= 1;
            word.glued = !first && matches!(gap, "-" | "'" | "\u{2019}");
            for g in gap.chars() {
                match g {
                    '«' | '“' => quoted = true,
                    '»' | '”' => quoted = false,
                    '"' => quoted = !quoted,
                    _ => {}
                }
            }
            word.quoted = quoted;
            current = Some(word);
        } else if let Some(word) = current.take() {
            gap_start = word.span.end;
            words.push(word);
        }
    }
    if let Some(word) = current {
        words.push(word);
    }
    words
}

/// Where the name after the introduction `intro` would start, if `intro` is spelt at word
/// `at` and no negator stands before or after it. An article and a title after it are
/// stepped over to the title, which the name reader sets aside ("sono il dott. Paolo Neri").
fn introduction(words: &[TextWord], at: usize, intro: &[&str]) -> Option<usize> {
    let spelt = words.get(at..at + intro.len())?;
    if !spelt.iter().zip(intro).all(|(w, i)| w.folded == *i) {
        return None;
    }
    let before = at
        .checked_sub(1)
        .and_then(|i| words.get(i))
        .filter(|_| words.get(at).is_some_and(|w| !w.clause));
    let next = at + intro.len();
    let after = words.get(next);
    let negated = |w: Option<&TextWord>| w.is_some_and(|w| NEGATORS.contains(&w.folded.as_str()));
    if negated(before) || negated(after) {
        return None;
    }
    let titled = after.is_some_and(|w| ARTICLES.contains(&w.folded.as_str()))
        && words
            .get(next + 1)
            .is_some_and(|w| TITLES.contains(&w.folded.as_str()));
    Some(if titled { next + 1 } else { next })
}

/// Whether word `at` opens a clause, greetings aside ("Salve, io sono …").
fn is_clause_start(words: &[TextWord], at: usize) -> bool {
    let mut k = at;
    for _ in 0..=MAX_GREETINGS {
        match words.get(k) {
            Some(w) if w.clause => return true,
            None => return false,
            Some(_) => {}
        }
        let Some(previous) = k.checked_sub(1) else {
            return true;
        };
        k = previous;
        if !words
            .get(k)
            .is_some_and(|w| GREETINGS.contains(&w.folded.as_str()))
        {
            return false;
        }
    }
    false
}

/// The entries of a lexicon: lines without `#` comments, trimmed, blank ones skipped.
fn entries(lexicon: &str) -> impl Iterator<Item = &str> {
    lexicon
        .lines()
        .map(|line| line.split_once('#').map_or(line, |(entry, _)| entry).trim())
        .filter(|entry| !entry.is_empty())
}

/// Words joined by single spaces, the form organisation markers are stored in.
fn join(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (n, token) in tokens.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(&token.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use NameClass::{Initials, Nickname, Organisation, RealName};

    /// One compiled lexicon for every test: building it per proptest case would be slow.
    static NAMES: std::sync::LazyLock<Names> = std::sync::LazyLock::new(Names::new);

    fn names() -> &'static Names {
        &NAMES
    }

    fn check(cases: &[(&str, NameClass)]) {
        let names = names();
        let wrong: Vec<String> = cases
            .iter()
            .filter_map(|&(name, expected)| {
                let got = names.classify(name);
                (got != expected).then(|| format!("{name:?}: {got:?}, expected {expected:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn real_names() {
        check(&[
            ("Mario Rossi", RealName),
            ("Giulia Bianchi", RealName),
            ("Maria Grazia Esposito", RealName),
            ("De Luca Giovanni", RealName),
            ("Rossi Mario", RealName),
            ("Giulia Bianchi 🌸", RealName),
            ("GIUSEPPE VERDI", RealName),
            ("giuseppe verdi", RealName),
            ("Fatima El Amrani", RealName),
            ("Wang Wei", RealName),
            ("Ion Popescu", RealName),
            ("John Smith", RealName),
            ("Niccolò Ammaniti", RealName),
            ("Gabriele D'Annunzio", RealName),
            ("Marco D’Angelo", RealName),
            ("Ignazio La Russa", RealName),
            ("Anna Maria De La Cruz", RealName),
            ("Ștefan Ionescu", RealName),
            ("Arben Hoxha", RealName),
            ("Mohamed Ben Ali", RealName),
            ("Ahmed Hassan", RealName),
            ("Mario Bruno", RealName),
            ("Bruno Mario", RealName),
            ("Gurpreet Singh", RealName),
            ("Olena Kovalenko", RealName),
            ("Mamadou Diop", RealName),
            ("Jose Luis Garcia Lopez", RealName),
            ("Maria-Luisa Rossi-Bianchi", RealName),
            ("John F. Kennedy", RealName),
            ("Dott. Mario Rossi", RealName),
            ("Dott.ssa Giulia Bianchi", RealName),
            ("Sig.ra Anna Verdi", RealName),
            ("Ben Smith", RealName),
            ("Li Wei", RealName),
            ("Nguyen Van Minh", RealName),
            ("𝐆𝐢𝐮𝐥𝐢𝐚 𝐁𝐢𝐚𝐧𝐜𝐡𝐢", RealName),
            ("Ｍａｒｉｏ Ｒｏｓｓｉ", RealName),
            ("Giu\u{200B}lia Bianchi", RealName),
            ("王伟", RealName),
            ("王 伟", RealName),
            ("محمد علي", RealName),
            ("Олена Шевченко", RealName),
            ("김민준", RealName),
            ("Paolo Rossi", RealName),
            ("Liu Yang", RealName),
            ("Alessandro Del Piero", RealName),
            ("Rita Levi-Montalcini", RealName),
            ("Avv. Maria Teresa Bianchi", RealName),
            ("Mario Rossi Jr.", RealName),
            ("❤️Marco Rossi❤️", RealName),
        ]);
    }

    #[test]
    fn nicknames() {
        check(&[
            ("", Nickname),
            ("   ", Nickname),
            ("Anna", Nickname),
            ("Pippo", Nickname),
            ("Maria", Nickname),
            ("🌸 Giulia 🌸", Nickname),
            ("lupo_solitario", Nickname),
            ("il_vendicatore", Nickname),
            ("xXlupo88Xx", Nickname),
            ("Lupo Solitario", Nickname),
            ("Il Vendicatore", Nickname),
            ("Maria Grazia", Nickname),
            ("Gian Luca", Nickname),
            ("Mario Mario", Nickname),
            ("M4rio R0ssi", Nickname),
            ("Mario Rossi 88", Nickname),
            ("@mariorossi", Nickname),
            ("mario_rossi", Nickname),
            ("Mario & Giulia", Nickname),
            ("Mario e Giulia Rossi", Nickname),
            ("Mamma Giulia", Nickname),
            ("Real Mario", Nickname),
            ("The Rock", Nickname),
            ("Mario Rossiii", Nickname),
            ("Mario Xkcd", Nickname),
            ("Mario De", Nickname),
            ("Dott. Rossi", Nickname),
            ("Dott.", Nickname),
            ("Mаrio Rossi", Nickname), // Cyrillic а
            ("😀😀😀", Nickname),
            ("...", Nickname),
            ("王", Nickname),
            ("محمد", Nickname),
            ("Anna Maria Giulia Rosa Bianchi Verdi", Nickname),
            ("Giovanni Paolo", Nickname),
            ("Super Mario", Nickname),
            ("Tizio Caio", Nickname),
            ("Marco Il Grande", Nickname),
            ("xX_Marco_Xx", Nickname),
            ("marco.rossi.75", Nickname),
        ]);
    }

    #[test]
    fn initials() {
        check(&[
            ("Mario R.", Initials),
            ("M. Rossi", Initials),
            ("Mario R", Initials),
            ("Giulia B.", Initials),
            ("G. Bianchi", Initials),
            ("Rossi M.", Initials),
            ("J. R. Smith", Initials),
            ("M. De Luca", Initials),
            ("Dott. M. Rossi", Initials),
            ("Oluwaseun A.", Initials),
            // Not initials: a full name with a middle initial, a lone initial, a conjunction.
            ("John F. Kennedy", RealName),
            ("M.", Nickname),
            ("Mario e", Nickname),
            ("M. R.", Nickname),
        ]);
    }

    #[test]
    fn communities() {
        check(&[
            ("Oluwaseun Adeyemi", RealName),
            ("Chukwuemeka Okafor", RealName),
            ("Kwabena Mensah", RealName),
            ("Dawit Tesfaye", RealName),
            ("Abdi Farah", RealName),
            ("Siddharth Rao", RealName),
            ("Rajesh Kumar", RealName),
            ("Md Rubel", RealName),
            ("Yuki Tanaka", RealName),
            ("Tanaka Yuki", RealName),
            ("Kim Min-jun", RealName),
            ("Zhang Xiaoming", RealName),
            ("Nguyen Thi Lan", RealName),
            ("Andrei Radu", RealName),
            ("Mohamed Ould Abdel", RealName),
            ("Omar Al-Masri", RealName),
            ("Maria de los Angeles Quispe", RealName),
        ]);
    }

    #[test]
    fn organisations() {
        check(&[
            ("Pizzeria Da Mario", Organisation),
            ("Comitato Quartiere Venezia", Organisation),
            ("ASD Livorno Calcio", Organisation),
            ("Studio Legale Bianchi", Organisation),
            ("Livorno Notizie", Organisation),
            ("LivornoNotizie", Organisation),
            ("PizzeriaDaMario", Organisation),
            ("pizzeria_da_mario", Organisation),
            ("Rossi S.r.l.", Organisation),
            ("Rossi S.R.L.", Organisation),
            ("Rossi srl", Organisation),
            ("Rossi S. r. l.", Organisation),
            ("Bianchi & C. s.n.c.", Organisation),
            ("Verdi & C.", Organisation),
            ("F.lli Rossi", Organisation),
            ("Mario Rossi S.p.A.", Organisation),
            ("Pro Loco Antignano", Organisation),
            ("Lista Civica Livorno", Organisation),
            ("Bar Sport", Organisation),
            ("B&B Il Faro", Organisation),
            ("Acme Ltd", Organisation),
            ("Parrocchia San Jacopo", Organisation),
            ("Circolo ARCI Ardenza", Organisation),
            ("Mario Rossi Official", Organisation),
            ("Radio Livorno 101", Organisation),
            ("Amici del Cane", Organisation),
            ("Misericordia di Livorno", Organisation),
            ("Farmacia Comunale 3", Organisation),
            ("Associazione Culturale Il Gabbiano", Organisation),
            ("Hotel Universal", Organisation),
            ("Bagno Pancaldi", Organisation),
            ("Comune di Livorno", Organisation),
            ("Trattoria Da Bruno", Organisation),
            ("Caffè Roma", Organisation),
            ("Mario Rossi Fotografo", Organisation),
            ("Autorità di Sistema Portuale", Organisation),
            ("Famiglia Rossi", Organisation),
            ("Fam. Rossi", Organisation),
        ]);
    }

    #[test]
    fn lexicons_are_well_formed() {
        for (file, text, min) in [
            (
                "given-names.txt",
                include_str!("../lexicons/given-names.txt"),
                600,
            ),
            (
                "organisations.txt",
                include_str!("../lexicons/organisations.txt"),
                120,
            ),
        ] {
            assert!(text.starts_with("# galateo lexicon:"), "{file}: header");
            assert!(text.contains("MIT OR Apache-2.0"), "{file}: licence");
            let mut seen = HashSet::new();
            let mut count = 0;
            for entry in entries(text) {
                assert_eq!(
                    entry,
                    entry.to_lowercase(),
                    "{file}: {entry:?} not lowercase"
                );
                let normal = join(&tokenize(entry).tokens);
                assert!(
                    !normal.is_empty(),
                    "{file}: {entry:?} is empty once normalised"
                );
                assert!(seen.insert(normal), "{file}: {entry:?} is a duplicate");
                count += 1;
            }
            assert!(count >= min, "{file}: {count} entries, want {min}");
        }
    }

    #[test]
    fn given_names_are_single_plain_words() {
        for entry in entries(include_str!("../lexicons/given-names.txt")) {
            assert!(
                entry.bytes().all(|b| b.is_ascii_lowercase()),
                "{entry:?} is not one word of a–z"
            );
        }
    }

    #[test]
    fn word_lists_agree() {
        let names = names();
        for &g in ALSO_SURNAMES {
            assert!(names.given.contains(g), "{g:?} is in ALSO_SURNAMES only");
        }
        for given in &names.given {
            assert!(
                !names.organisations.contains(given),
                "{given:?} is a given name and an organisation marker"
            );
            for list in [COMMON_WORDS, TITLES, SUFFIXES, LETTER_WORDS] {
                assert!(
                    !list.contains(&given.as_str()),
                    "{given:?} is a given name and a title, suffix or common word"
                );
            }
            // A given name alone must never read as an organisation: "Mario" is no business.
            assert_eq!(names.classify(given), Nickname, "{given:?}");
        }
        for marker in &names.organisations {
            assert!(
                !COMMON_WORDS.contains(&marker.as_str()),
                "{marker:?} is a marker and a common word"
            );
        }
        assert!(names.inside.patterns_len() > 0);
    }

    #[test]
    fn tokenize_joins_dotted_letters_and_apostrophes() {
        let words =
            |s: &str| -> Vec<String> { tokenize(s).tokens.into_iter().map(|t| t.text).collect() };
        assert_eq!(words("Rossi S.r.l."), ["rossi", "srl"]);
        assert_eq!(words("S.p.A."), ["spa"]);
        assert_eq!(words("F.lli Rossi"), ["f", "lli", "rossi"]);
        assert_eq!(words("Mario R."), ["mario", "r"]);
        assert_eq!(words("D'Angelo"), ["dangelo"]);
        assert_eq!(words("D´Angelo"), ["dangelo"]);
        assert_eq!(words("l'"), ["l"]);
        assert_eq!(words("B&B"), ["b", "&", "b"]);
        assert_eq!(words("Anna-Maria  Rossi!!"), ["anna", "maria", "rossi"]);
        assert_eq!(words("Sig.ra Niccolò"), ["sig", "ra", "niccolo"]);
        assert_eq!(words("Straße Łódź"), ["strasse", "lodz"]);
        assert!(tokenize("lupo_solitario").handle);
        assert!(!tokenize("Mario Rossi").handle);
    }

    #[test]
    fn odd_input_never_panics() {
        let names = names();
        let long_word = "a".repeat(100_000);
        let long_name = "Mario Rossi ".repeat(10_000);
        let many_dots = "a.".repeat(10_000);
        let odd = [
            "",
            " ",
            ".",
            "..",
            "'",
            "''",
            "'a'",
            "&",
            "&&&",
            "_",
            "a.b.c.d.e.f.g",
            ". . .",
            "\u{0301}",
            "\u{0301}\u{0301}a",
            "\u{200D}",
            "\u{FEFF}Mario Rossi",
            "\u{202E}issoR oiraM",
            "ﷺ",
            "ﷻ ﷻ",
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
            "🏳️‍🌈 Mario Rossi",
            "İstanbul Çelik",
            "ǅ ǈ ǋ",
            "\0",
            "\u{10FFFF}",
            "\u{E0041}\u{E007F}",
            "Ⅻ Ⅻ",
            "½ ²",
            "ß",
            "ﬁ ﬂ",
            "\u{1100}\u{1161}\u{11A8}",
            "a\u{0308}\u{0308}\u{0308}",
            &long_word,
            &long_name,
            &many_dots,
        ];
        for name in odd {
            let first = names.classify(name);
            assert_eq!(first, names.classify(name), "not deterministic on {name:?}");
            let introduced = names.introduces(name);
            assert_eq!(
                introduced,
                names.introduces(name),
                "not deterministic on {name:?}"
            );
        }
        let sono = "Sono ".repeat(20_000);
        let long_names = "Sono Paolo Neri ".repeat(5_000);
        let greetings = "ciao ".repeat(20_000) + "sono Paolo Neri";
        for text in [&sono, &long_names, &greetings, &long_word] {
            let _ = names.introduces(text);
        }
    }

    #[test]
    fn introductions() {
        let names = names();
        let yes = [
            "Sono Paolo Neri, presidente del Comitato Via Grande",
            "sono Paolo Neri",
            "Salve a tutti io sono Paolo Neri",
            "Il mio nome è Siddharth Rao.",
            "My name's Yuki Tanaka",
            "F.to Marco Lenzi",
            "Ciao!\nAnna Conti",
            "Chi vi scrive è Ngozi Eze, mamma di Chidi.",
            "Sono l'avv. Giulia Bianchi",
            "Sono Gabriele D'Annunzio",
        ];
        let no = [
            "",
            "sono",
            "Sono Paolo",
            "Sono Paolo, Neri",
            "ma sono Paolo Neri",
            "Mi chiamo",
            "Io non mi chiamo Paolo Neri",
            "Ciao Anna Conti",
            "Anna Conti\nciao",
            "«Sono Paolo Neri», dice lui",
            "Sono Paolo\nNeri",
        ];
        for text in yes {
            assert!(names.introduces(text), "{text:?}");
        }
        for text in no {
            assert!(!names.introduces(text), "{text:?}");
        }
    }

    #[test]
    fn text_words_read_breaks_and_joins() {
        let words = text_words("Sono il dott. Paolo D'Angelo,\n«Kim Min-jun»");
        let folded: Vec<&str> = words.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(
            folded,
            [
                "sono", "il", "dott", "paolo", "d", "angelo", "kim", "min", "jun"
            ]
        );
        assert!(words[0].line && words[0].clause && words[0].capital);
        assert!(!words[1].clause && !words[1].capital);
        assert!(words[3].joined && words[3].sentence && !words[3].line);
        assert!(words[5].glued && words[5].joined);
        assert!(words[6].line && words[6].quoted && !words[6].joined);
        assert!(words[8].glued && !words[8].capital);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_unicode(name in "\\PC*") {
            let names = names();
            let _ = names.classify(&name);
            let _ = names.introduces(&name);
        }

        #[test]
        fn introductions_never_panic(text in "((Sono|sono|mi chiamo|I'm|Firmato:|, |\n|\\.|\"|-|'|Paolo|Neri|D'|De|dott\\.|M\\.|\u{00E0}|\u{0301}|\u{200B}|\u{4E00}) ?){0,30}") {
            let names = names();
            let _ = names.introduces(&text);
        }

        #[test]
        fn never_panics_on_name_like_input(name in "[a-zA-Z.'&_ \u{0300}\u{00E0}\u{0410}\u{4E00}0-9-]{0,40}") {
            let names = names();
            let _ = names.classify(&name);
        }
    }
}
