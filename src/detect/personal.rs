//! Recognisers of personal data in comments: e-mail addresses, phone numbers, codici fiscali,
//! partite IVA, IBANs, payment cards, identity documents, licence plates and street addresses.
//!
//! The policies of Italian public administrations ask moderators to remove personal data of
//! the author or of third parties. A recogniser that flags every long number would bury the
//! moderators in false alarms (years, prices, dates, protocol numbers), so each recogniser
//! follows one rule of thumb: **accept a format only as far as it is evidence**.
//!
//! * Where the format carries a checksum (codice fiscale, partita IVA, IBAN, payment cards) the
//!   checksum is verified, so a random number passes only by chance (1 in 26 for a codice
//!   fiscale, about 1 in 100 for an IBAN, 1 in 10 for Luhn, which is why cards also need a
//!   known issuer prefix and an 11-digit partita IVA without context words also needs a
//!   valid provincial office code).
//! * Where the format is weak and has no checksum (identity documents, licence plates) a
//!   context word must be near ("carta d'identità", "documento", "C.I.", "targa", ...).
//! * Phone numbers have no checksum, so the recogniser leans on the Italian numbering plan
//!   (mobiles start with `3`, landlines with `0` and an area code), on how people group the
//!   digits, and on negative context (currency signs, "prot.", dates).
//! * Street addresses are recognised loosely and reported as a *weak* kind
//!   ([`PersonalKind::is_weak`]): the moderator sends them to review instead of redacting them,
//!   since "Piazza del Municipio 1" is usually a public office and only sometimes a home.
//!
//! Every recogniser runs on the original text and reports byte ranges in it; all ranges lie
//! on `char` boundaries. Overlaps between recognisers are resolved by a fixed strength order
//! (checksummed kinds first, addresses last), so the final list is sorted and non-overlapping.
//!
//! Speed: the regexes are compiled once and shared through an [`Arc`]; a byte scan first
//! counts digits and looks for `@` and brackets, so a comment without digits costs one scan,
//! and every regex is skipped when the text cannot hold its kind of match.

use super::next_boundary;
use std::collections::BTreeMap;
use std::sync::Arc;

use regex::Regex;

/// The kinds of personal data the recognisers report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PersonalKind {
    /// An e-mail address, also in the "nome (at) dominio (dot) it" disguise.
    Email,
    /// A phone number: Italian mobile or landline, or an international `+CC` number.
    Phone,
    /// A codice fiscale of a person (16 characters, check character verified).
    TaxCode,
    /// A partita IVA (11 digits, check digit verified).
    VatNumber,
    /// An IBAN of any country (mod-97 verified).
    Iban,
    /// A payment card number (Luhn verified, known issuer prefix).
    PaymentCard,
    /// The number of an identity card, passport or driving licence (needs a context word).
    IdentityDocument,
    /// An Italian licence plate (needs a context word).
    LicensePlate,
    /// A street address with a house number (weak: reviewed, not redacted).
    Address,
}

impl PersonalKind {
    /// Stable rule id, e.g. "personal-data/email", "personal-data/tax-code".
    pub(crate) fn rule(self) -> &'static str {
        match self {
            PersonalKind::Email => "personal-data/email",
            PersonalKind::Phone => "personal-data/phone",
            PersonalKind::TaxCode => "personal-data/tax-code",
            PersonalKind::VatNumber => "personal-data/vat-number",
            PersonalKind::Iban => "personal-data/iban",
            PersonalKind::PaymentCard => "personal-data/payment-card",
            PersonalKind::IdentityDocument => "personal-data/identity-document",
            PersonalKind::LicensePlate => "personal-data/license-plate",
            PersonalKind::Address => "personal-data/address",
        }
    }

    /// Italian label for redaction marks and replies, e.g. "indirizzo email", "codice fiscale".
    pub(crate) fn label_it(self) -> &'static str {
        match self {
            PersonalKind::Email => "indirizzo email",
            PersonalKind::Phone => "numero di telefono",
            PersonalKind::TaxCode => "codice fiscale",
            PersonalKind::VatNumber => "partita IVA",
            PersonalKind::Iban => "IBAN",
            PersonalKind::PaymentCard => "numero di carta di pagamento",
            PersonalKind::IdentityDocument => "numero di documento d'identità",
            PersonalKind::LicensePlate => "targa",
            PersonalKind::Address => "indirizzo",
        }
    }

    /// True for kinds whose recognition is weak (address): reviewed, not redacted automatically.
    pub(crate) fn is_weak(self) -> bool {
        matches!(self, PersonalKind::Address)
    }

    /// Strength used to resolve overlaps: lower wins. Checksummed kinds come first because a
    /// passing checksum is the strongest evidence; the address, the weakest, comes last.
    fn rank(self) -> u8 {
        match self {
            PersonalKind::Email => 0,
            PersonalKind::Iban => 1,
            PersonalKind::TaxCode => 2,
            PersonalKind::PaymentCard => 3,
            PersonalKind::VatNumber => 4,
            PersonalKind::IdentityDocument => 5,
            PersonalKind::LicensePlate => 6,
            PersonalKind::Phone => 7,
            PersonalKind::Address => 8,
        }
    }
}

/// One piece of personal data: its kind and its byte range in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PersonalMatch {
    /// What was found.
    pub(crate) kind: PersonalKind,
    /// Byte offset of the first byte (on a `char` boundary).
    pub(crate) start: usize,
    /// Byte offset one past the last byte (on a `char` boundary).
    pub(crate) end: usize,
}

/// The compiled recognisers. Cheap to clone (one [`Arc`]), `Send + Sync`.
#[derive(Clone, Debug)]
pub(crate) struct PersonalData {
    inner: Arc<Compiled>,
}

impl Default for PersonalData {
    fn default() -> Self {
        PersonalData::new()
    }
}

/// Every regex is a literal; `None` stands for a pattern that failed to compile, which then
/// matches nothing instead of panicking. A unit test asserts that none is `None`.
#[derive(Debug)]
struct Compiled {
    email: Option<Regex>,
    number_run: Option<Regex>,
    tax_code: Option<Regex>,
    iban: Option<Regex>,
    document: Option<Regex>,
    document_context: Option<Regex>,
    plate: Option<Regex>,
    plate_context: Option<Regex>,
    vat_context: Option<Regex>,
    phone_negative_context: Option<Regex>,
    amount_before: Option<Regex>,
    amount_after: Option<Regex>,
    address: Option<Regex>,
}

/// Horizontal spaces accepted inside numbers: space, tab, no-break and narrow no-break space.
const SP: &str = r"[ \t\x{a0}\x{202f}]";

/// Omocodia letters stand for the digits 0–9 in a codice fiscale.
const OMO: &str = "[0-9LMNPQRSTUVlmnpqrstuv]";

/// Words that keep an 11-digit number a partita IVA (looked for right before the number).
const VAT_CONTEXT: &str = concat!(
    // "P.IVA", "p. iva", "piva", "P.I.V.A.", "partita IVA", "IVA", "VAT", "VAT number", "P.I."
    r"(?i)(?:\bp\.?\s?i\.?\s?v\.?\s?a\.?|\biva|\bp\.\s?i\.",
    r"|\bvat(?:\s+(?:number|no|nr|n|id|code|reg))?\.?)",
    // "P.IVA/C.F."
    r"(?:\s*/\s*c\.?\s?f\.?|\s*/\s*codice\s+fiscale)?",
    // ": ", " n. ", " nr: "
    r"[\s:.#°\-]*(?:(?:n|nr|num|numero|no)\.?[\s:.#°\-]*)?$",
);

/// Words after which a number is a file or account reference, not a phone number.
const PHONE_NEGATIVE_CONTEXT: &str = concat!(
    r"(?i)(?:\bprot(?:ocollo)?|\bpratica|\bfattura|\bdelibera(?:zione)?|\bdetermina(?:zione)?",
    r"|\bordinanza|\bdecreto|\bsentenza|\bcig|\bcup|\brif(?:erimento)?|\bmatricola|\bcodice",
    r"|\bcod|\bregistro|\breg|\bconto|\bc/c|\bposizione|\bordine|\bverbale|\bcartella|\biban",
    r"|\bcap)",
    // "prot. n. ", "pratica nr: "
    r"\.?[\s:.#°\-]*(?:(?:n|nr|num|numero|no)\.?[\s:.#°\-]*)?$",
);

/// Lower-case words allowed inside a street name ("Piazza del Municipio", "Via dei Mille").
const NAME_PARTICLES: &[&str] = &[
    "di", "da", "de", "del", "della", "dello", "dei", "degli", "delle", "al", "alla", "allo", "ai",
    "agli", "alle", "e", "in", "sul", "sulla", "san", "santa", "santo", "s.", "n", "n.", "nr",
    "nr.", "num", "num.", "n°", "civico", "civ.",
];

/// Capitalised words that follow "via" as "by means of", not as a street.
const NOT_STREET_NAMES: &[&str] = &[
    "facebook",
    "whatsapp",
    "instagram",
    "twitter",
    "telegram",
    "messenger",
    "email",
    "e-mail",
    "mail",
    "pec",
    "sms",
    "internet",
    "web",
    "skype",
    "zoom",
    "tiktok",
    "youtube",
    "google",
    "telefono",
    "posta",
];

fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

impl PersonalData {
    /// Compiles every recogniser (tens of milliseconds): build once and clone.
    pub(crate) fn new() -> PersonalData {
        let sep = format!(r"(?:[./\-]{SP}{{0,2}}|{SP}{{1,2}}[./\-]?{SP}{{0,2}})");
        let number_run =
            format!(r"(?:\((?:\+|00)[0-9]{{1,3}}\){SP}{{0,2}}|\+{SP}?)?[0-9]+(?:{sep}[0-9]+)*");

        let label = r"[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?";
        let at = r"(?:@|[ \t]?[(\[][ \t]?(?i:at|chiocciola)[ \t]?[)\]][ \t]?)";
        let dot = r"(?:\.|[ \t]?[(\[][ \t]?(?i:dot|punto)[ \t]?[)\]][ \t]?)";
        let local = r"[\p{L}\p{N}_%+\-]+(?:\.[\p{L}\p{N}_%+\-]+)*";
        let email = format!(r"{local}{at}(?:{label}{dot})+[A-Za-z]{{2,24}}");

        // Surname and name, year, month letter, day, birthplace, check character.
        let tax_code = format!(
            "[A-Za-z]{{6}}{OMO}{{2}}[ABCDEHLMPRSTabcdehlmprst]{OMO}{{2}}[A-Za-z]{OMO}{{3}}[A-Za-z]"
        );

        let iban = r"[A-Za-z]{2}[ \x{a0}]?[0-9]{2}(?:[ \x{a0}]?[A-Za-z0-9]){11,32}";

        let document = r"[A-Za-z]{2}(?:[0-9]{5}[A-Za-z]{2}|[ \x{a0}]?[0-9]{7}[A-Za-z]?)";
        let document_context =
            r"(?i)identit|document|\bdoc\.|\bc\.\s?i\.|\bcie\b|passaport|patente";

        // Plates since 1994 never use I, O, Q, U.
        let plate_letter = "[A-HJ-NPR-TV-Za-hj-npr-tv-z]";
        let plate = format!(
            r"{plate_letter}{{2}}[ \x{{a0}}\-]?[0-9]{{3}}[ \x{{a0}}\-]?{plate_letter}{{2}}"
        );
        let plate_context = r"(?i)\btarg(?:a|ata|ato|ate|ati|he)\b";

        let months = concat!(
            "(?i:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre",
            "|novembre|dicembre)"
        );
        // A name word: "4 Novembre", "Garibaldi", "G.", "d'Azeglio", "Sant'Anna".
        let word = format!(
            concat!(
                r"(?:[0-9]{{1,2}}[ \x{{a0}}]+{months}",
                r"|(?:(?i:d|dell|sant|l|all|nell)['’])?\p{{L}}[\p{{L}}\p{{M}}'’\-]*\.?)"
            ),
            months = months,
        );
        let street = concat!(
            r"(?P<kw>(?i:via|viale|v\.le|piazza|piazzale|p\.zza|p\.za|p\.le|corso|c\.so|largo",
            r"|vicolo|vico|strada|borgo|lungomare|salita|contrada))"
        );
        let space = r"[ \t\x{a0}]";
        let address = format!(
            concat!(
                r"{street}{space}+(?P<name>{word}(?:{space}+{word}){{0,4}})",
                r"{space}*,?{space}*(?:(?i:n|nr|num|n°|civico)\.?{space}*)?",
                r"(?P<num>[0-9]{{1,4}})(?P<suf>[ ]?/[ ]?[A-Za-z0-9]{{1,3}}|[A-Za-z])?"
            ),
            street = street,
            space = space,
            word = word,
        );

        PersonalData {
            inner: Arc::new(Compiled {
                email: compile(&email),
                number_run: compile(&number_run),
                tax_code: compile(&tax_code),
                iban: compile(iban),
                document: compile(document),
                document_context: compile(document_context),
                plate: compile(&plate),
                plate_context: compile(plate_context),
                vat_context: compile(VAT_CONTEXT),
                phone_negative_context: compile(PHONE_NEGATIVE_CONTEXT),
                amount_before: compile(r"(?i)(?:€|\$|£|\beur(?:o|i)?)\s*$"),
                amount_after: compile(r"(?i)^\s*(?:€|eur(?:o|i)?\b|%)"),
                address: compile(&address),
            }),
        }
    }

    /// Appends the matches in `text` to `out`, sorted by start, non-overlapping.
    pub(crate) fn find(&self, text: &str, out: &mut Vec<PersonalMatch>) {
        let c = &*self.inner;
        let mut digits = 0usize;
        let mut has_at = false;
        let mut has_bracket = false;
        for b in text.bytes() {
            match b {
                b'0'..=b'9' => digits += 1,
                b'@' => has_at = true,
                b'(' | b'[' => has_bracket = true,
                _ => {}
            }
        }
        if digits == 0 && !has_at && !has_bracket {
            return;
        }

        let mut found = Vec::new();
        if has_at || has_bracket {
            email(c, text, &mut found);
        }
        if digits >= 6 {
            numbers(c, text, &mut found);
        }
        if digits >= 1 && text.len() >= 16 {
            tax_codes(c, text, &mut found);
        }
        if digits >= 2 && text.len() >= 15 {
            ibans(c, text, &mut found);
        }
        if digits >= 5 {
            documents(c, text, &mut found);
        }
        if digits >= 3 {
            plates(c, text, &mut found);
        }
        if digits >= 1 {
            addresses(c, text, &mut found);
        }
        resolve(found, out);
    }
}

/// Keeps the strongest of overlapping matches and appends the survivors in text order.
fn resolve(mut found: Vec<PersonalMatch>, out: &mut Vec<PersonalMatch>) {
    found.sort_by_key(|m| (m.kind.rank(), m.start, std::cmp::Reverse(m.end - m.start)));
    // start -> match; the kept matches never overlap, so the one with the greatest start
    // before a candidate's end is the only one that can overlap it.
    let mut kept: BTreeMap<usize, PersonalMatch> = BTreeMap::new();
    for m in found {
        if m.start >= m.end {
            continue;
        }
        let overlaps = kept
            .range(..m.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > m.start);
        if !overlaps {
            kept.insert(m.start, m);
        }
    }
    out.extend(kept.into_values());
}

// ---------------------------------------------------------------------------------------------
// Small text helpers: all of them work on char boundaries and never panic.

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

fn char_after(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// At most `n` bytes of `text` right before `pos`, cut on a char boundary.
fn window_before(text: &str, pos: usize, n: usize) -> &str {
    let mut s = pos.saturating_sub(n);
    while s < pos && !text.is_char_boundary(s) {
        s += 1;
    }
    text.get(s..pos).unwrap_or("")
}

/// At most `n` bytes of `text` right after `pos`, cut on a char boundary.
fn window_after(text: &str, pos: usize, n: usize) -> &str {
    let mut e = pos.saturating_add(n).min(text.len());
    while e > pos && !text.is_char_boundary(e) {
        e -= 1;
    }
    text.get(pos..e).unwrap_or("")
}

/// True when the match `start..end` stands alone: no letter or digit glued to either side.
fn isolated(text: &str, start: usize, end: usize) -> bool {
    !char_before(text, start).is_some_and(is_word) && !char_after(text, end).is_some_and(is_word)
}

fn matches(re: Option<&Regex>, text: &str) -> bool {
    re.is_some_and(|re| re.is_match(text))
}

/// Runs `re` over `text`; `check` gets each match and returns the end of the accepted range,
/// or `None` to reject it. After a rejection the search resumes one char after the rejected
/// start, so a valid match overlapping a rejected one is still found.
fn scan(
    re: Option<&Regex>,
    text: &str,
    kind: PersonalKind,
    out: &mut Vec<PersonalMatch>,
    mut check: impl FnMut(regex::Match<'_>) -> Option<(usize, usize)>,
) {
    let Some(re) = re else { return };
    let mut at = 0;
    while at <= text.len() {
        let Some(m) = re.find_at(text, at) else { break };
        match check(m) {
            Some((start, end)) if start < end => {
                out.push(PersonalMatch { kind, start, end });
                at = end.max(next_boundary(text, m.start()));
            }
            _ => at = next_boundary(text, m.start()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// E-mail

/// E-mail addresses: `local@domain.tld`, with Unicode letters allowed, and the common
/// disguises `nome(at)dominio.it`, `nome [at] dominio [dot] it`, `nome (chiocciola) dominio
/// (punto) it`. A `@mention` has no local part and never matches.
fn email(c: &Compiled, text: &str, out: &mut Vec<PersonalMatch>) {
    scan(c.email.as_ref(), text, PersonalKind::Email, out, |m| {
        Some((m.start(), m.end()))
    });
}

// ---------------------------------------------------------------------------------------------
// Numbers: phones, payment cards, partite IVA.
//
// One regex finds "number runs": digit groups joined by single separators (space, dot, dash,
// slash, optionally padded with spaces), with an optional leading `+`, `(+39)` or `(0039)`.
// Each run is cut into groups, and every way of taking consecutive groups that starts and ends
// at a *soft* joint (one containing a space) is tried, longest first. A *hard* joint (`1.250`,
// `12/03`, `12345/2024`) glues two groups into one number: a match never starts or ends there,
// which is what keeps the tail of a date or of a protocol number from being flagged.

/// Most groups a single number may span ("+39 333 12 34 567" has five).
const MAX_GROUPS: usize = 8;

/// Longest digit string considered (19 for cards, 15 plus a "0039" prefix for phones).
const MAX_DIGITS: usize = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Joint {
    /// The first group of a run.
    Start,
    /// A separator with a space in it ("333 1234567", "333 - 1234567").
    Soft(u8),
    /// A separator without spaces ("333-1234567", "1.250", "12/03").
    Hard(u8),
}

#[derive(Clone, Copy, Debug)]
struct Group {
    start: usize,
    end: usize,
    /// The separator in front of this group.
    joint: Joint,
}

impl Group {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// What glues the run to the text on its left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LeftEdge {
    Free,
    /// A letter, or a digit and a separator, touches the run: it is part of a longer token.
    Joined,
    /// "IT" right before the digits, as in "IT01234567897" (only a partita IVA may follow).
    ItPrefix,
}

fn left_edge(text: &str, start: usize) -> LeftEdge {
    let mut before = text.get(..start).unwrap_or("").chars().rev();
    match before.next() {
        None => LeftEdge::Free,
        Some('T' | 't') => {
            if matches!(before.next(), Some('I' | 'i')) && !before.next().is_some_and(is_word) {
                LeftEdge::ItPrefix
            } else {
                LeftEdge::Joined
            }
        }
        Some(c) if is_word(c) => LeftEdge::Joined,
        Some('.' | ',' | '/' | '-') => {
            if before.next().is_some_and(|c| c.is_ascii_digit()) {
                LeftEdge::Joined
            } else {
                LeftEdge::Free
            }
        }
        Some(_) => LeftEdge::Free,
    }
}

fn right_edge_free(text: &str, end: usize) -> bool {
    let mut after = text.get(end..).unwrap_or("").chars();
    match after.next() {
        None => true,
        Some(c) if is_word(c) => false,
        Some('.' | ',' | '/' | '-') => !after.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// Cuts the run `start..end` into digit groups; returns true when it opens with `+`.
fn parse_groups(text: &str, start: usize, end: usize, groups: &mut Vec<Group>) -> bool {
    let Some(run) = text.get(start..end) else {
        return false;
    };
    let mut plus = false;
    let mut open: Option<usize> = None;
    let mut sep_from = start;
    let mut joint = Joint::Start;
    for (off, b) in run.bytes().enumerate() {
        let pos = start + off;
        if b.is_ascii_digit() {
            if open.is_none() {
                open = Some(pos);
                if !groups.is_empty() {
                    joint = classify_joint(text.get(sep_from..pos).unwrap_or(""));
                }
            }
        } else if let Some(gs) = open.take() {
            groups.push(Group {
                start: gs,
                end: pos,
                joint,
            });
            sep_from = pos;
        } else if groups.is_empty() && b == b'+' {
            plus = true;
        }
    }
    if let Some(gs) = open {
        groups.push(Group {
            start: gs,
            end,
            joint,
        });
    }
    plus
}

fn classify_joint(sep: &str) -> Joint {
    let punct = sep
        .bytes()
        .find(|b| !b.is_ascii_whitespace() && b.is_ascii())
        .unwrap_or(b' ');
    if sep.chars().any(char::is_whitespace) {
        Joint::Soft(punct)
    } else {
        Joint::Hard(punct)
    }
}

/// The digits of `groups`, concatenated, in a fixed buffer.
struct Digits {
    buf: [u8; MAX_DIGITS],
    len: usize,
}

impl Digits {
    fn of(text: &str, groups: &[Group]) -> Option<Digits> {
        let mut d = Digits {
            buf: [0; MAX_DIGITS],
            len: 0,
        };
        for g in groups {
            for b in text.get(g.start..g.end)?.bytes() {
                *d.buf.get_mut(d.len)? = b;
                d.len += 1;
            }
        }
        Some(d)
    }

    fn as_slice(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

fn numbers(c: &Compiled, text: &str, out: &mut Vec<PersonalMatch>) {
    let Some(re) = c.number_run.as_ref() else {
        return;
    };
    let mut groups: Vec<Group> = Vec::new();
    for m in re.find_iter(text) {
        groups.clear();
        let plus = parse_groups(text, m.start(), m.end(), &mut groups);
        let left = left_edge(text, m.start());
        let right_free = right_edge_free(text, m.end());
        if left == LeftEdge::Joined {
            // Glued to a letter or to digits before it: the tail of a code (the grouped digits
            // of an IBAN after its CIN letter, "X054 2811 ...") or of a longer number.
            continue;
        }
        let n = groups.len();
        let mut i = 0;
        while i < n {
            let starts_free = matches!(
                groups.get(i).map(|g| g.joint),
                Some(Joint::Start | Joint::Soft(_))
            );
            if !starts_free {
                i += 1;
                continue;
            }
            let found = (i..n.min(i + MAX_GROUPS)).rev().find_map(|j| {
                let ends_free = match groups.get(j + 1) {
                    Some(next) => matches!(next.joint, Joint::Soft(_)),
                    None => right_free,
                };
                if !ends_free {
                    return None;
                }
                let slice = groups.get(i..=j)?;
                let run = Run {
                    groups: slice,
                    plus: plus && i == 0,
                    it_prefix: i == 0 && left == LeftEdge::ItPrefix,
                    whole_run: i == 0 && j + 1 == n,
                    at_run_start: i == 0,
                    run_start: m.start(),
                };
                classify_number(c, text, &run).map(|(kind, start)| (j, kind, start))
            });
            match found {
                Some((j, kind, start)) => {
                    let end = groups.get(j).map_or(start, |g| g.end);
                    out.push(PersonalMatch { kind, start, end });
                    i = j + 1;
                }
                _ => i += 1,
            }
        }
    }
}

/// Consecutive groups of a run, as a candidate number.
struct Run<'g> {
    groups: &'g [Group],
    /// The run opens with `+` (or `(+CC)`) and the candidate starts at its first group.
    plus: bool,
    /// "IT" glued in front of the first group.
    it_prefix: bool,
    /// The candidate is the whole run: no other digits are joined to it.
    whole_run: bool,
    /// The candidate starts with the first group of the run.
    at_run_start: bool,
    run_start: usize,
}

fn classify_number(c: &Compiled, text: &str, run: &Run<'_>) -> Option<(PersonalKind, usize)> {
    let first = run.groups.first()?;
    let digits = Digits::of(text, run.groups)?;
    let d = digits.as_slice();
    if run.it_prefix {
        let start = run.run_start.checked_sub(2)?;
        return is_vat(c, text, run, d, start).then_some((PersonalKind::VatNumber, start));
    }
    if run.plus {
        return is_phone(c, text, run, d, run.run_start)
            .then_some((PersonalKind::Phone, run.run_start));
    }
    // "(0039) 333 1234567": the bracket belongs to the number.
    let start = if run.at_run_start {
        run.run_start
    } else {
        first.start
    };
    if is_card(run.groups, d) {
        return Some((PersonalKind::PaymentCard, start));
    }
    if is_vat(c, text, run, d, start) {
        return Some((PersonalKind::VatNumber, start));
    }
    if is_phone(c, text, run, d, start) {
        return Some((PersonalKind::Phone, start));
    }
    None
}

/// Luhn check: from the right, every second digit is doubled (minus 9 when above 9) and the
/// sum must be a multiple of 10. It catches every single-digit error and most transpositions.
fn luhn_valid(d: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, b) in d.iter().rev().enumerate() {
        let mut v = u32::from(b.wrapping_sub(b'0'));
        if v > 9 {
            return false;
        }
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !d.is_empty() && sum % 10 == 0
}

fn number_value(d: &[u8]) -> u32 {
    d.iter().fold(0u32, |acc, b| {
        acc.saturating_mul(10)
            .saturating_add(u32::from(b.wrapping_sub(b'0')))
    })
}

/// Payment cards: 13–19 digits, Luhn valid, a known issuer prefix (Visa 4, Mastercard 51–55
/// and 2221–2720, Maestro 50/56–69, Amex 34/37, Diners 30/36/38–39, JCB 35, Discover and
/// UnionPay 6), written as one block or in the groups printed on cards (4-4-4-4[-1..3],
/// Amex 4-6-5, Diners 4-6-4) separated by spaces or dashes. Luhn alone would pass one random
/// number in ten; the prefix and the grouping rule keep long reference numbers out.
fn is_card(groups: &[Group], d: &[u8]) -> bool {
    if !(13..=19).contains(&d.len()) {
        return false;
    }
    let seps_ok = groups.iter().all(|g| {
        matches!(
            g.joint,
            Joint::Start | Joint::Soft(b' ' | b'-') | Joint::Hard(b'-')
        )
    });
    if !seps_ok {
        return false;
    }
    let lens: Vec<usize> = groups.iter().map(Group::len).collect();
    let grouping_ok = match lens.as_slice() {
        [_] => true,
        [4, 6, 4 | 5] => true,
        [4, rest @ ..] => match rest.split_last() {
            Some((last, middle)) => middle.iter().all(|&l| l == 4) && (1..=4).contains(last),
            None => false,
        },
        _ => false,
    };
    if !grouping_ok {
        return false;
    }
    let prefix_ok = match d {
        [b'2', ..] => {
            let p = number_value(d.get(..4).unwrap_or(&[]));
            (2221..=2720).contains(&p)
        }
        [b'3', b'0' | b'4'..=b'9', ..] => true,
        [b'4' | b'5' | b'6', ..] => true,
        _ => false,
    };
    prefix_ok && luhn_valid(d)
}

/// Partita IVA: 11 digits; the last is the check digit of the official algorithm (odd
/// positions summed as they are, even positions doubled minus 9 when above 9, check digit
/// = (10 − sum mod 10) mod 10), which is the Luhn check on all 11 digits. Digits 8–10 are the
/// code of the provincial tax office (001–100, or 120, 121, 888, 999).
///
/// Decision: the number must be written as one block of 11 digits (optionally "IT" in front)
/// and its check digit must be valid. After "P.IVA", "partita IVA", "P.I.", "VAT" and the like
/// that is enough. Without such a word the number must also be a whole run of its own (not
/// joined by separators to other digits, as in "12345678903/2024") and carry a valid office
/// code, so about one random 11-digit number in a thousand passes instead of one in ten.
fn is_vat(c: &Compiled, text: &str, run: &Run<'_>, d: &[u8], start: usize) -> bool {
    let ([group], whole_run) = (run.groups, run.whole_run) else {
        return false;
    };
    if d.len() != 11 || group.len() != 11 || !luhn_valid(d) {
        return false;
    }
    if matches(c.vat_context.as_ref(), window_before(text, start, 40)) {
        return true;
    }
    let office = number_value(d.get(7..10).unwrap_or(&[]));
    let office_ok = (1..=100).contains(&office) || matches!(office, 120 | 121 | 888 | 999);
    let standalone = whole_run && group.joint == Joint::Start;
    office_ok && standalone && d.iter().any(|&b| b != b'0')
}

/// Phone numbers.
///
/// * `+39` / `0039` / `(+39)`: the rest must be an Italian mobile or landline, grouped freely.
/// * Another `+CC`: 8–15 digits in all, as E.164 allows.
/// * Italian mobile, no prefix: `3` then `1`–`9`, 9–10 digits, written as one block or with
///   the three-digit operator prefix as the first group ("333 1234567", "333.12.34.567"),
///   but not as three groups of three ("320 400 500" is a list or an amount).
/// * Italian landline, no prefix: `0` then a non-zero digit, 6–11 digits, as one block or
///   with the area code as the first group: `02` or `06` (the only two-digit codes) or any
///   three or four digits ("0586 280204", "06/1234567", "055-123456").
///
/// Rejected: dates (`02/03/2024`, `06/2024`), amounts (a currency sign or "euro" right
/// before or after), numbers right after "prot.", "pratica", "fattura", "codice", ..., and
/// numbers right after "P.IVA" (an 11-digit number there with a wrong check digit is a
/// mistyped partita IVA, not a landline).
fn is_phone(c: &Compiled, text: &str, run: &Run<'_>, d: &[u8], start: usize) -> bool {
    let Some(first) = run.groups.first() else {
        return false;
    };
    let plausible = if run.plus {
        match d.strip_prefix(b"39") {
            Some(rest) => italian_number(rest),
            None => (8..=15).contains(&d.len()) && d.first().is_some_and(|&b| b != b'0'),
        }
    } else if let Some(rest) = d.strip_prefix(b"0039") {
        italian_number(rest)
    } else {
        let single = run.groups.len() == 1;
        match d {
            [b'3', b'1'..=b'9', ..] => {
                let three_by_three =
                    run.groups.len() == 3 && run.groups.iter().all(|g| g.len() == 3);
                (9..=10).contains(&d.len()) && (single || first.len() == 3) && !three_by_three
            }
            [b'0', b'1'..=b'9', ..] => {
                let area = text.get(first.start..first.end).unwrap_or("");
                (6..=11).contains(&d.len())
                    && (single || matches!(area, "02" | "06") || matches!(first.len(), 3 | 4))
            }
            _ => false,
        }
    };
    if !plausible || looks_like_date(text, run.groups) {
        return false;
    }
    let end = run.groups.last().map_or(start, |g| g.end);
    let before = window_before(text, start, 40);
    !(matches(c.amount_before.as_ref(), before)
        || matches(c.amount_after.as_ref(), window_after(text, end, 12))
        || matches(c.phone_negative_context.as_ref(), before)
        || matches(c.vat_context.as_ref(), before))
}

/// An Italian subscriber number after the country code: mobile or landline.
fn italian_number(d: &[u8]) -> bool {
    match d {
        [b'3', b'1'..=b'9', ..] => (9..=10).contains(&d.len()),
        [b'0', b'1'..=b'9', ..] => (6..=11).contains(&d.len()),
        _ => false,
    }
}

/// `d/m/y`, `d.m.y`, `d-m-y` (two- or four-digit year) or `m/yyyy` at the head of the groups.
fn looks_like_date(text: &str, groups: &[Group]) -> bool {
    let val = |g: &Group| number_value(text.get(g.start..g.end).unwrap_or("").as_bytes());
    let date_joint = |g: &Group| matches!(g.joint, Joint::Hard(b'/' | b'.' | b'-'));
    match groups {
        [d, m, y, ..]
            if date_joint(m)
                && date_joint(y)
                && d.len() <= 2
                && m.len() <= 2
                && matches!(y.len(), 2 | 4)
                && (1..=31).contains(&val(d))
                && (1..=12).contains(&val(m)) =>
        {
            true
        }
        [m, y, ..] => {
            date_joint(y)
                && m.len() <= 2
                && y.len() == 4
                && (1..=12).contains(&val(m))
                && (1900..=2099).contains(&val(y))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Codice fiscale

/// Positions (0-based) of the seven digits of a codice fiscale, which omocodia may replace
/// with letters, from the left.
const CF_DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

/// Values of the characters in odd positions (1st, 3rd, ...), for `0`–`9` and `A`–`Z`.
const CF_ODD: [u32; 36] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
    23, // A-Z
];

/// The digit an omocodia letter stands for (L=0, M=1, N=2, P=3, Q=4, R=5, S=6, T=7, U=8, V=9).
fn omocodia_digit(b: u8) -> Option<u8> {
    b"LMNPQRSTUV"
        .iter()
        .position(|&l| l == b)
        .and_then(|p| u8::try_from(p).ok())
}

/// Validates a 16-character codice fiscale (already upper case).
///
/// The check character (16th) is computed from the first 15: characters in odd positions are
/// mapped through the official odd table, those in even positions count as their value
/// (`0`–`9` → 0–9, `A`–`Z` → 0–25), and the sum modulo 26 is the letter `A`–`Z`.
///
/// Omocodia: when two people would get the same code, the Agenzia delle Entrate replaces
/// digits with letters, starting from the rightmost digit; so the replaced positions always
/// form a suffix of the seven digit positions. A code whose letters and digits are mixed
/// otherwise is rejected, and so is a code with all seven replaced (which would make a plain
/// 16-letter word a candidate; such codes are practically never issued). The day of birth
/// must be 1–31 (men) or 41–71 (women).
fn tax_code_valid(cf: &[u8; 16]) -> bool {
    let mut replaced = 0usize;
    let mut seen_letter = false;
    for &p in &CF_DIGIT_POSITIONS {
        let Some(&b) = cf.get(p) else { return false };
        if b.is_ascii_digit() {
            if seen_letter {
                return false;
            }
        } else {
            seen_letter = true;
            replaced += 1;
        }
    }
    if replaced == CF_DIGIT_POSITIONS.len() {
        return false;
    }
    let digit = |p: usize| -> Option<u32> {
        let b = *cf.get(p)?;
        let d = if b.is_ascii_digit() {
            b - b'0'
        } else {
            omocodia_digit(b)?
        };
        Some(u32::from(d))
    };
    let (Some(d1), Some(d2)) = (digit(9), digit(10)) else {
        return false;
    };
    let day = d1 * 10 + d2;
    if !((1..=31).contains(&day) || (41..=71).contains(&day)) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &b) in cf.iter().take(15).enumerate() {
        let idx = match b {
            b'0'..=b'9' => usize::from(b - b'0'),
            b'A'..=b'Z' => usize::from(b - b'A') + 10,
            _ => return false,
        };
        if i % 2 == 0 {
            sum += CF_ODD.get(idx).copied().unwrap_or(0);
        } else {
            sum += u32::try_from(if idx >= 10 { idx - 10 } else { idx }).unwrap_or(0);
        }
    }
    let check = b'A' + u8::try_from(sum % 26).unwrap_or(0);
    cf.get(15) == Some(&check)
}

fn tax_codes(c: &Compiled, text: &str, out: &mut Vec<PersonalMatch>) {
    scan(c.tax_code.as_ref(), text, PersonalKind::TaxCode, out, |m| {
        let bytes = m.as_str().as_bytes();
        let mut cf = [0u8; 16];
        if bytes.len() != cf.len() || !isolated(text, m.start(), m.end()) {
            return None;
        }
        for (slot, b) in cf.iter_mut().zip(bytes) {
            *slot = b.to_ascii_uppercase();
        }
        tax_code_valid(&cf).then_some((m.start(), m.end()))
    });
}

// ---------------------------------------------------------------------------------------------
// IBAN

/// Lengths of the IBANs of the countries in the SWIFT IBAN registry.
#[rustfmt::skip]
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24), ("AE", 23), ("AL", 28), ("AT", 20), ("AZ", 28), ("BA", 20), ("BE", 16), ("BG", 22),
    ("BH", 22), ("BI", 27), ("BR", 29), ("BY", 28), ("CH", 21), ("CR", 22), ("CY", 28), ("CZ", 24),
    ("DE", 22), ("DJ", 27), ("DK", 18), ("DO", 28), ("EE", 20), ("EG", 29), ("ES", 24), ("FI", 18),
    ("FK", 18), ("FO", 18), ("FR", 27), ("GB", 22), ("GE", 22), ("GI", 23), ("GL", 18), ("GR", 27),
    ("GT", 28), ("HN", 28), ("HR", 21), ("HU", 28), ("IE", 22), ("IL", 23), ("IQ", 23), ("IS", 26),
    ("IT", 27), ("JO", 30), ("KW", 30), ("KZ", 20), ("LB", 28), ("LC", 32), ("LI", 21), ("LT", 20),
    ("LU", 20), ("LV", 21), ("LY", 25), ("MC", 27), ("MD", 24), ("ME", 22), ("MK", 19), ("MN", 20),
    ("MR", 27), ("MT", 31), ("MU", 30), ("NI", 28), ("NL", 18), ("NO", 15), ("OM", 23), ("PK", 24),
    ("PL", 28), ("PS", 29), ("QA", 29), ("RO", 24), ("RS", 22), ("RU", 33), ("SA", 24), ("SC", 31),
    ("SD", 18), ("SE", 24), ("SI", 19), ("SK", 24), ("SM", 27), ("SO", 23), ("ST", 25), ("SV", 28),
    ("TL", 23), ("TN", 24), ("TR", 26), ("UA", 29), ("VA", 22), ("VG", 24), ("XK", 20), ("YE", 30),
];

/// ISO 13616 check: move the first four characters to the end, read letters as 10–35, and
/// the resulting number modulo 97 must be 1. Computed digit by digit, so no big integers.
/// Check digits 00, 01 and 99 are never issued.
fn iban_valid(chars: &[u8]) -> bool {
    if !(15..=34).contains(&chars.len()) {
        return false;
    }
    let check = number_value(chars.get(2..4).unwrap_or(&[]));
    if !(2..=98).contains(&check) {
        return false;
    }
    let mut rem = 0u32;
    for &b in chars.iter().skip(4).chain(chars.iter().take(4)) {
        rem = match b {
            b'0'..=b'9' => (rem * 10 + u32::from(b - b'0')) % 97,
            b'A'..=b'Z' => (rem * 100 + u32::from(b - b'A') + 10) % 97,
            _ => return false,
        };
    }
    rem == 1
}

/// IBANs of any country in the registry, upper or lower case, as one block or with single
/// spaces anywhere (groups of four, or the Italian "IT 60 X 05428 11101 000000123456").
///
/// The country's exact length is taken, so the words after the IBAN are never swallowed.
/// Because single spaces are allowed anywhere, an ordinary sentence ("ho 12 anni e mi piace
/// ...") has the same shape, and mod-97 alone would let about one in a hundred through; so the
/// country code must be in the registry, at least half of the characters must be digits (true
/// of every country's format, false of words), and for Italy and San Marino the national
/// structure is checked too (CIN letter, then the ten digits of ABI and CAB).
fn ibans(c: &Compiled, text: &str, out: &mut Vec<PersonalMatch>) {
    scan(c.iban.as_ref(), text, PersonalKind::Iban, out, |m| {
        if char_before(text, m.start()).is_some_and(is_word) {
            return None;
        }
        // Upper-cased characters, and the byte end of each in `text`.
        let mut chars = [0u8; 34];
        let mut ends = [0usize; 34];
        let mut n = 0usize;
        for (off, b) in m.as_str().bytes().enumerate() {
            if b.is_ascii_alphanumeric() {
                let (Some(ch), Some(e)) = (chars.get_mut(n), ends.get_mut(n)) else {
                    break;
                };
                *ch = b.to_ascii_uppercase();
                *e = m.start() + off + 1;
                n += 1;
            }
        }
        let country = chars.get(..2)?;
        let len = IBAN_LENGTHS
            .iter()
            .find(|(cc, _)| cc.as_bytes() == country)
            .map(|&(_, len)| len)?;
        let iban = chars.get(..len)?;
        let end = *ends.get(len.checked_sub(1)?)?;
        let digits = iban.iter().filter(|b| b.is_ascii_digit()).count();
        let national_ok = match country {
            b"IT" | b"SM" => {
                iban.get(4).is_some_and(u8::is_ascii_uppercase)
                    && iban
                        .get(5..15)
                        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            }
            _ => true,
        };
        let ok = n >= len
            && digits * 2 >= len
            && national_ok
            && iban_valid(iban)
            && !char_after(text, end).is_some_and(is_word);
        ok.then_some((m.start(), end))
    });
}

// ---------------------------------------------------------------------------------------------
// Identity documents and licence plates

/// Identity documents: the electronic identity card (CIE, `CA12345AB`: two letters, five
/// digits, two letters), the paper identity card and the passport (`AB 1234567`: two letters,
/// seven digits) and the driving licence (`AB1234567C`). These shapes also fit product codes
/// and references, and they carry no checksum, so they count only with a context word
/// ("carta d'identità", "documento", "C.I.", "CIE", "passaporto", "patente") within about
/// 48 bytes before or 32 bytes after.
fn documents(c: &Compiled, text: &str, out: &mut Vec<PersonalMatch>) {
    scan(
        c.document.as_ref(),
        text,
        PersonalKind::IdentityDocument,
        out,
        |m| {
            let ok = isolated(text, m.start(), m.end())
                && (matches(
                    c.document_context.as_ref(),
                    window_before(text, m.start(), 48),
                ) || matches(c.document_context.as_ref(), window_after(text, m.end(), 32)));
            ok.then_some((m.start(), m.end()))
        },
    );
}

/// Italian licence plates of the current series (`AB123CD`, `AB 123 CD`, `AB-123-CD`; the
/// letters I, O, Q, U are never used). The shape is common in codes and product names, so a
/// plate counts only near "targa", "targata", "targato", "targhe".
fn plates(c: &Compiled, text: &str, out: &mut Vec<PersonalMatch>) {
    scan(
        c.plate.as_ref(),
        text,
        PersonalKind::LicensePlate,
        out,
        |m| {
            let ok = isolated(text, m.start(), m.end())
                && (matches(c.plate_context.as_ref(), window_before(text, m.start(), 48))
                    || matches(c.plate_context.as_ref(), window_after(text, m.end(), 32)));
            ok.then_some((m.start(), m.end()))
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Street addresses

/// Street addresses: a street word (via, viale, piazza, piazzale, corso, largo, vicolo,
/// strada, borgo, lungomare, ... and abbreviations like "p.zza", "v.le", "c.so"), a name of one
/// to five words ("Grande", "del Municipio", "G. Garibaldi", "XX Settembre", "4 Novembre"),
/// an optional comma or "n.", and a house number of one to four digits with an optional
/// suffix ("12/B", "3a").
///
/// Every word of the name except particles ("del", "dei", "di", "n.") must be capitalised:
/// "via" is also "by means of", "corso" a course, "largo" wide, "piazza" the square in general
/// ("in piazza c'erano 300 persone"), so a lower-case name is no evidence of a street. After
/// "via", channel names ("via Facebook 2 volte") are excluded. A four-digit number that reads
/// as a year (19xx, 20xx) is not a house number. Addresses written all in lower case are
/// therefore missed; the kind is weak anyway, and the moderator only reviews it.
fn addresses(c: &Compiled, text: &str, out: &mut Vec<PersonalMatch>) {
    let Some(re) = c.address.as_ref() else { return };
    let mut at = 0;
    while at <= text.len() {
        let Some(caps) = re.captures_at(text, at) else {
            break;
        };
        let (Some(whole), Some(kw), Some(name), Some(num)) = (
            caps.get(0),
            caps.name("kw"),
            caps.name("name"),
            caps.name("num"),
        ) else {
            break;
        };
        let end = whole.end();
        let ok = !char_before(text, whole.start()).is_some_and(|ch| ch.is_alphanumeric())
            && right_edge_free(text, end)
            && !(num.len() == 4 && matches!(num.as_str().get(..2), Some("19" | "20")))
            && street_name_ok(kw.as_str(), name.as_str());
        if ok {
            out.push(PersonalMatch {
                kind: PersonalKind::Address,
                start: whole.start(),
                end,
            });
            at = end;
        } else {
            at = next_boundary(text, whole.start());
        }
    }
}

fn street_name_ok(keyword: &str, name: &str) -> bool {
    let is_via = keyword.eq_ignore_ascii_case("via");
    let mut significant = 0usize;
    for word in name.split_whitespace() {
        let lower = word.to_lowercase();
        if NAME_PARTICLES.contains(&lower.as_str()) {
            continue;
        }
        if word.starts_with(|ch: char| ch.is_ascii_digit()) {
            // "4 Novembre": the month follows as its own word.
            continue;
        }
        if is_via && NOT_STREET_NAMES.contains(&lower.as_str()) {
            return false;
        }
        // "d'Azeglio", "Sant'Anna": look past the elided particle.
        let core = match word.find(['\'', '’']) {
            Some(p) if p <= 4 => word
                .get(p..)
                .unwrap_or(word)
                .trim_start_matches(['\'', '’']),
            _ => word,
        };
        if !core.starts_with(char::is_uppercase) {
            return false;
        }
        significant += 1;
    }
    significant > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One compiled instance for all tests (compiling in debug builds is slow).
    fn shared() -> &'static PersonalData {
        static SHARED: std::sync::OnceLock<PersonalData> = std::sync::OnceLock::new();
        SHARED.get_or_init(PersonalData::new)
    }

    fn found(text: &str) -> Vec<(PersonalKind, String)> {
        let mut out = Vec::new();
        shared().find(text, &mut out);
        out.iter()
            .map(|m| {
                (
                    m.kind,
                    text.get(m.start..m.end).unwrap_or("<bad range>").to_owned(),
                )
            })
            .collect()
    }

    fn one(kind: PersonalKind, s: &str) -> Vec<(PersonalKind, String)> {
        vec![(kind, s.to_owned())]
    }

    fn nothing() -> Vec<(PersonalKind, String)> {
        Vec::new()
    }

    // ---- construction and kinds

    #[test]
    fn every_regex_compiles() {
        let p = PersonalData::new();
        let c = &*p.inner;
        let all = [
            &c.email,
            &c.number_run,
            &c.tax_code,
            &c.iban,
            &c.document,
            &c.document_context,
            &c.plate,
            &c.plate_context,
            &c.vat_context,
            &c.phone_negative_context,
            &c.amount_before,
            &c.amount_after,
            &c.address,
        ];
        assert!(all.iter().all(|r| r.is_some()));
    }

    #[test]
    fn rule_ids_and_labels() {
        assert_eq!(PersonalKind::Email.rule(), "personal-data/email");
        assert_eq!(PersonalKind::TaxCode.rule(), "personal-data/tax-code");
        assert_eq!(PersonalKind::TaxCode.label_it(), "codice fiscale");
        assert_eq!(PersonalKind::Email.label_it(), "indirizzo email");
        assert!(PersonalKind::Address.is_weak());
        assert!(!PersonalKind::Iban.is_weak());
    }

    #[test]
    fn shared_between_threads() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<PersonalData>();
    }

    #[test]
    fn appends_without_clearing() {
        let p = PersonalData::new();
        let mut out = vec![PersonalMatch {
            kind: PersonalKind::Phone,
            start: 0,
            end: 1,
        }];
        p.find("scrivi a mario@example.com", &mut out);
        assert_eq!(out.len(), 2);
    }

    // ---- e-mail

    #[test]
    fn email_plain() {
        assert_eq!(
            found("Scrivetemi a mario.rossi@gmail.com, grazie."),
            one(PersonalKind::Email, "mario.rossi@gmail.com")
        );
    }

    #[test]
    fn email_subdomain_and_plus() {
        assert_eq!(
            found("info+urp@comune.livorno.it"),
            one(PersonalKind::Email, "info+urp@comune.livorno.it")
        );
    }

    #[test]
    fn email_disguised() {
        assert_eq!(
            found("contattami: mario.rossi (at) gmail (dot) com"),
            one(PersonalKind::Email, "mario.rossi (at) gmail (dot) com")
        );
        assert_eq!(
            found("mario[chiocciola]libero.it"),
            one(PersonalKind::Email, "mario[chiocciola]libero.it")
        );
    }

    #[test]
    fn mention_is_not_email() {
        assert_eq!(found("Grazie @Comune.Livorno per la risposta"), nothing());
        assert_eq!(found("scrivete a mario@localhost"), nothing());
    }

    // ---- phones

    #[test]
    fn mobile_formats() {
        for phone in [
            "3331234567",
            "333 1234567",
            "333-123-4567",
            "333.12.34.567",
            "333/1234567",
            "+39 333 1234567",
            "+393331234567",
            "0039 333 1234567",
            "(+39) 333 123 4567",
            "(0039) 333 1234567",
            "333 123456",
        ] {
            let text = format!("chiamami al {phone} dopo le 18");
            assert_eq!(found(&text), one(PersonalKind::Phone, phone), "{phone}");
        }
    }

    #[test]
    fn landline_formats() {
        for phone in [
            "0586 280204",
            "06/1234567",
            "+39 02 1234 5678",
            "055-123456",
            "0586.28.02.04",
            "0586280204",
        ] {
            let text = format!("Tel. {phone}.");
            assert_eq!(found(&text), one(PersonalKind::Phone, phone), "{phone}");
        }
    }

    #[test]
    fn international_numbers() {
        assert_eq!(
            found("il mio numero svizzero è +41 79 123 45 67"),
            one(PersonalKind::Phone, "+41 79 123 45 67")
        );
        assert_eq!(
            found("UK: +44 20 7946 0958"),
            one(PersonalKind::Phone, "+44 20 7946 0958")
        );
    }

    #[test]
    fn years_prices_dates_are_not_phones() {
        assert_eq!(found("Nel 2024 il comune ha speso € 1.250,00"), nothing());
        assert_eq!(found("La riunione è il 12/03/2024 alle 10.30"), nothing());
        assert_eq!(found("scadenza 02/03/2024"), nothing());
        assert_eq!(found("pubblicato 06/2024, aggiornato 06.2025"), nothing());
        assert_eq!(found("dal 1990 al 2024 sono passati 34 anni"), nothing());
        assert_eq!(found("320 400 500 persone"), nothing());
        assert_eq!(found("costo 3331234567 euro"), nothing());
        assert_eq!(found("costo € 3331234567"), nothing());
    }

    #[test]
    fn protocol_numbers_are_not_phones() {
        assert_eq!(found("Rif. prot. n. 12345/2024 del 3 marzo"), nothing());
        assert_eq!(found("prot. n. 0586280204"), nothing());
        assert_eq!(found("pratica n. 333 1234567"), nothing());
        assert_eq!(found("protocollo 012345/2024"), nothing());
    }

    #[test]
    fn cap_and_year_is_not_a_phone() {
        assert_eq!(found("35100 2024"), nothing());
        assert_eq!(found("Livorno 57123 2024"), nothing());
        assert_eq!(found("CAP 00184 Roma"), nothing());
    }

    #[test]
    fn too_short_or_long_mobiles() {
        assert_eq!(found("33312345"), nothing());
        assert_eq!(found("333123456789"), nothing());
        assert_eq!(found("codice 3331234567X"), nothing());
    }

    #[test]
    fn two_phones_in_one_text() {
        assert_eq!(
            found("Chiamate il 333 1234567 oppure lo 0586 280204 - grazie"),
            vec![
                (PersonalKind::Phone, "333 1234567".to_owned()),
                (PersonalKind::Phone, "0586 280204".to_owned()),
            ]
        );
        assert_eq!(
            found("333 1234567 - 0586 280204"),
            vec![
                (PersonalKind::Phone, "333 1234567".to_owned()),
                (PersonalKind::Phone, "0586 280204".to_owned()),
            ]
        );
    }

    #[test]
    fn phone_after_a_year() {
        assert_eq!(
            found("dal 2024 3331234567"),
            one(PersonalKind::Phone, "3331234567")
        );
    }

    // ---- codice fiscale

    #[test]
    fn tax_code_valid_cases() {
        assert_eq!(
            found("Il mio CF è RSSMRA85T10A562S."),
            one(PersonalKind::TaxCode, "RSSMRA85T10A562S")
        );
        assert_eq!(
            found("cf: bnclra90a41h501f"),
            one(PersonalKind::TaxCode, "bnclra90a41h501f")
        );
        assert_eq!(
            found("VRDGPP80M01F205O"),
            one(PersonalKind::TaxCode, "VRDGPP80M01F205O")
        );
    }

    #[test]
    fn tax_code_omocodia() {
        // 2 -> N at position 15, then 6 -> S at position 14.
        assert_eq!(
            found("RSSMRA85T10A56NH"),
            one(PersonalKind::TaxCode, "RSSMRA85T10A56NH")
        );
        assert_eq!(
            found("RSSMRA85T10A5SNT"),
            one(PersonalKind::TaxCode, "RSSMRA85T10A5SNT")
        );
    }

    #[test]
    fn tax_code_invalid_cases() {
        // Wrong check character.
        assert_eq!(found("RSSMRA85T10A562X"), nothing());
        // Substitution not from the right.
        assert_eq!(found("RSSMRA85T1MA562S"), nothing());
        // Fully omocodic: the check passes but it is rejected by design.
        assert_eq!(found("RSSMRAURTMLARSNL"), nothing());
        // Sixteen letters of an ordinary word.
        assert_eq!(found("antidemocraticam"), nothing());
        // Glued inside a longer token.
        assert_eq!(found("XRSSMRA85T10A562S"), nothing());
    }

    #[test]
    fn tax_code_checksum_table() {
        let mut cf = *b"RSSMRA85T10A562S";
        assert!(tax_code_valid(&cf));
        for b in b'A'..=b'Z' {
            if b != b'S' {
                if let Some(last) = cf.last_mut() {
                    *last = b;
                }
                assert!(!tax_code_valid(&cf));
            }
        }
    }

    // ---- partita IVA

    #[test]
    fn vat_with_context() {
        // Office code 789 is not issued: only the context word makes it a partita IVA.
        assert_eq!(
            found("P.IVA 01234567897"),
            one(PersonalKind::VatNumber, "01234567897")
        );
        assert_eq!(
            found("partita iva: IT01234567897"),
            one(PersonalKind::VatNumber, "IT01234567897")
        );
        assert_eq!(
            found("VAT no. 00743110157"),
            one(PersonalKind::VatNumber, "00743110157")
        );
    }

    #[test]
    fn vat_without_context() {
        assert_eq!(
            found("la ditta 12345670017 non ha pagato"),
            one(PersonalKind::VatNumber, "12345670017")
        );
        // Valid check digit but office 789 and no context: not flagged.
        assert_eq!(found("la ditta 51234567892 non ha pagato"), nothing());
        // An 11-digit block starting with 0 and without context reads as a landline.
        assert_eq!(
            found("la ditta 01234567897 non ha pagato"),
            one(PersonalKind::Phone, "01234567897")
        );
    }

    #[test]
    fn vat_invalid_check_digit() {
        assert_eq!(found("P.IVA 01234567898"), nothing());
        assert_eq!(found("numero 12345670018"), nothing());
    }

    #[test]
    fn vat_part_of_longer_number() {
        assert_eq!(found("12345670017/2024"), nothing());
        assert_eq!(found("2024.12345670017"), nothing());
    }

    // ---- IBAN

    #[test]
    fn iban_valid_forms() {
        assert_eq!(
            found("IBAN IT60X0542811101000000123456 intestato a me"),
            one(PersonalKind::Iban, "IT60X0542811101000000123456")
        );
        assert_eq!(
            found("IBAN: IT60 X054 2811 1010 0000 0123 456 grazie"),
            one(PersonalKind::Iban, "IT60 X054 2811 1010 0000 0123 456")
        );
        assert_eq!(
            found("IT 60 X 05428 11101 000000123456"),
            one(PersonalKind::Iban, "IT 60 X 05428 11101 000000123456")
        );
        assert_eq!(
            found("it60x0542811101000000123456"),
            one(PersonalKind::Iban, "it60x0542811101000000123456")
        );
    }

    #[test]
    fn iban_foreign() {
        assert_eq!(
            found("DE89 3704 0044 0532 0130 00"),
            one(PersonalKind::Iban, "DE89 3704 0044 0532 0130 00")
        );
        assert_eq!(
            found("GB82WEST12345698765432"),
            one(PersonalKind::Iban, "GB82WEST12345698765432")
        );
        assert_eq!(
            found("conto FR1420041010050500013M02606."),
            one(PersonalKind::Iban, "FR1420041010050500013M02606")
        );
    }

    #[test]
    fn iban_one_digit_changed() {
        assert_eq!(found("IBAN IT60X0542811101000000123457"), nothing());
        assert_eq!(found("IBAN IT60 X054 2811 1010 0000 0123 457"), nothing());
    }

    #[test]
    fn sentences_shaped_like_ibans() {
        assert_eq!(found("ho 12 anni e mi piace giocare a calcio"), nothing());
        assert_eq!(
            found("IT 12 anni e mi piace giocare a calcio con gli amici"),
            nothing()
        );
        // A valid mod-97 check on an unknown country code is not enough.
        assert_eq!(found("QQ70 1234 5678 9012 3456"), nothing());
    }

    #[test]
    fn iban_san_marino() {
        assert_eq!(
            found("SM52A0856709801000000123456"),
            one(PersonalKind::Iban, "SM52A0856709801000000123456")
        );
    }

    #[test]
    fn iban_glued_to_more_characters() {
        assert_eq!(found("IT60X0542811101000000123456789"), nothing());
    }

    // ---- payment cards

    #[test]
    fn card_forms() {
        for card in [
            "4111 1111 1111 1111",
            "4111111111111111",
            "4111-1111-1111-1111",
            "5555 5555 5555 4444",
            "3782 822463 10005",
            "6011111111111117",
        ] {
            let text = format!("la mia carta è {card}, scade a breve");
            assert_eq!(found(&text), one(PersonalKind::PaymentCard, card), "{card}");
        }
    }

    #[test]
    fn card_invalid() {
        // Luhn fails.
        assert_eq!(found("4111 1111 1111 1112"), nothing());
        // Luhn passes but no issuer starts with 0 or 1.
        assert_eq!(found("0000 0000 0000 0000"), nothing());
        // Odd grouping.
        assert_eq!(found("41 111111 1111 1111"), nothing());
        // Dots are not card separators.
        assert_eq!(found("4111.1111.1111.1111"), nothing());
    }

    #[test]
    fn luhn_checks() {
        assert!(luhn_valid(b"4111111111111111"));
        assert!(luhn_valid(b"12345670017"));
        assert!(!luhn_valid(b"4111111111111112"));
        assert!(!luhn_valid(b""));
        assert!(!luhn_valid(b"41x1"));
    }

    // ---- documents and plates

    #[test]
    fn identity_documents_need_context() {
        assert_eq!(
            found("carta d'identità n. CA12345AB"),
            one(PersonalKind::IdentityDocument, "CA12345AB")
        );
        assert_eq!(
            found("C.I. AB 1234567 rilasciata dal Comune"),
            one(PersonalKind::IdentityDocument, "AB 1234567")
        );
        assert_eq!(
            found("il numero AB1234567 è del mio passaporto"),
            one(PersonalKind::IdentityDocument, "AB1234567")
        );
        assert_eq!(found("il modello CA12345AB è esaurito"), nothing());
        assert_eq!(found("codice AB 1234567"), nothing());
    }

    #[test]
    fn plates_need_context() {
        assert_eq!(
            found("l'auto targata AB123CD era in doppia fila"),
            one(PersonalKind::LicensePlate, "AB123CD")
        );
        assert_eq!(
            found("La targa è AB 123 CD"),
            one(PersonalKind::LicensePlate, "AB 123 CD")
        );
        assert_eq!(found("il prodotto AB123CD costa poco"), nothing());
        // I, O, Q, U are never used on plates.
        assert_eq!(found("targa AB123CO"), nothing());
    }

    // ---- addresses

    #[test]
    fn addresses_found() {
        assert_eq!(
            found("abito in via Grande 45 a Livorno"),
            one(PersonalKind::Address, "via Grande 45")
        );
        assert_eq!(
            found("Piazza del Municipio, 1"),
            one(PersonalKind::Address, "Piazza del Municipio, 1")
        );
        assert_eq!(
            found("Corso Vittorio Emanuele II n. 12/B"),
            one(PersonalKind::Address, "Corso Vittorio Emanuele II n. 12/B")
        );
        assert_eq!(
            found("Via XX Settembre 3a"),
            one(PersonalKind::Address, "Via XX Settembre 3a")
        );
        assert_eq!(
            found("viale d'Azeglio 8"),
            one(PersonalKind::Address, "viale d'Azeglio 8")
        );
    }

    #[test]
    fn addresses_not_found() {
        assert_eq!(found("l'ho mandato via email 3 volte"), nothing());
        assert_eq!(found("l'ho mandato via Facebook 2 volte"), nothing());
        assert_eq!(found("un corso base 2 volte a settimana"), nothing());
        assert_eq!(found("largo circa 3 metri"), nothing());
        assert_eq!(found("in piazza c'erano 300 persone"), nothing());
        assert_eq!(found("Piazza Grande 2024 è stata bellissima"), nothing());
        assert_eq!(found("Olivia Rossi 3"), nothing());
    }

    // ---- mixed texts

    #[test]
    fn several_kinds_in_one_comment() {
        let text = "Sono Mario, CF RSSMRA85T10A562S, abito in Via Roma 10, cell. 333 1234567, \
                    mail mario@example.it, IBAN IT60X0542811101000000123456.";
        assert_eq!(
            found(text),
            vec![
                (PersonalKind::TaxCode, "RSSMRA85T10A562S".to_owned()),
                (PersonalKind::Address, "Via Roma 10".to_owned()),
                (PersonalKind::Phone, "333 1234567".to_owned()),
                (PersonalKind::Email, "mario@example.it".to_owned()),
                (PersonalKind::Iban, "IT60X0542811101000000123456".to_owned()),
            ]
        );
    }

    #[test]
    fn email_wins_over_digits_inside_it() {
        assert_eq!(
            found("3331234567@example.com"),
            one(PersonalKind::Email, "3331234567@example.com")
        );
    }

    #[test]
    fn plain_text_has_nothing() {
        assert_eq!(found(""), nothing());
        assert_eq!(
            found("Buongiorno, quando riapre la biblioteca comunale? Grazie mille!"),
            nothing()
        );
        assert_eq!(found("precipitevolissimevolmente"), nothing());
    }

    #[test]
    fn ranges_on_char_boundaries_with_accents() {
        let text = "Perché? Città: è 333 1234567 — però";
        assert_eq!(found(text), one(PersonalKind::Phone, "333 1234567"));
    }

    // ---- properties

    fn check_invariants(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut out = Vec::new();
        shared().find(text, &mut out);
        let mut prev_end = 0;
        for m in &out {
            proptest::prop_assert!(m.start < m.end);
            proptest::prop_assert!(m.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(m.start));
            proptest::prop_assert!(text.is_char_boundary(m.end));
            proptest::prop_assert!(m.start >= prev_end);
            prev_end = m.end;
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_unicode(text in "\\PC{0,200}") {
            check_invariants(&text)?;
        }

        #[test]
        fn invariants_on_number_like_text(
            text in "[0-9 ./\\-+()@a-zA-Zàè'IViaPz,:€]{0,120}"
        ) {
            check_invariants(&text)?;
        }

        #[test]
        fn invariants_on_mixed_tokens(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "333", "1234567", " ", "-", ".", "/", "+39", "0586", "IT60", "X054",
                "2811", "4111", "via ", "Roma ", "12", "€", "é", "ß", "\u{a0}", "mario@",
                "x.it", "RSSMRA85T10A562S", "targa ", "AB", "123", "CD", "P.IVA ",
                "12345670017", "C.I. ", "\u{202f}", "(at)", "日本",
            ]),
            0..30,
        )) {
            check_invariants(&parts.concat())?;
        }
    }
}
