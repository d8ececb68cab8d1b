//! The closed taxonomy of findings.

use crate::names::names;

/// What a finding is, from one closed vocabulary shared by every policy.
///
/// Code and tests reason on kinds; people read the policy's own category names. A policy ties
/// each kind it cares about to one of its categories.
///
/// ```
/// use galateo::Kind;
///
/// let kind: Kind = "personal-data".parse().unwrap();
/// assert_eq!(kind, Kind::PersonalData);
/// assert_eq!(kind.to_string(), "personal-data");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// An insult or offence aimed at a person or group.
    Insult,
    /// Vulgar or obscene language.
    Vulgarity,
    /// A threat against a person, a group or property.
    Threat,
    /// Violent attitudes: praise of or calls for violence without a direct threat.
    Violence,
    /// Discrimination on a protected ground (gender, ethnic origin, religion, …).
    Discrimination,
    /// Illegal content or incitement to illegal acts.
    Illegal,
    /// Markers of false, misleading or alarmist information (routed to review only).
    Misinformation,
    /// Commercial advertising or promotion of private interests.
    Advertising,
    /// Promotion of parties, candidates or political organisations.
    PoliticalPromotion,
    /// Spam: repeated, automated or bait content.
    Spam,
    /// Content unrelated to the post under discussion.
    OffTopic,
    /// Personal data of the author or of third parties (contacts, identifiers).
    PersonalData,
    /// Sensitive data: health, religion, sexual orientation and the like.
    SensitiveData,
    /// Statements that may damage the reputation of people or organisations.
    Defamation,
    /// Copyright or trademark violations.
    Copyright,
    /// A personal case that belongs with the relevant office, not in public comments.
    PersonalCase,
    /// A report of a crime, which social pages cannot receive.
    CrimeReport,
    /// Gratuitous polemics, especially repeated ones.
    Trolling,
    /// An author who does not identify themselves as the policy requires.
    UnidentifiedAuthor,
    /// An emergency happening now (a fire, an injured person, a gas leak): never hidden, sent
    /// to review at once, answered with the emergency number.
    Emergency,
}

names!(Kind, "kind", [
    Insult => "insult",
    Vulgarity => "vulgarity",
    Threat => "threat",
    Violence => "violence",
    Discrimination => "discrimination",
    Illegal => "illegal",
    Misinformation => "misinformation",
    Advertising => "advertising",
    PoliticalPromotion => "political-promotion",
    Spam => "spam",
    OffTopic => "off-topic",
    PersonalData => "personal-data",
    SensitiveData => "sensitive-data",
    Defamation => "defamation",
    Copyright => "copyright",
    PersonalCase => "personal-case",
    CrimeReport => "crime-report",
    Trolling => "trolling",
    UnidentifiedAuthor => "unidentified-author",
    Emergency => "emergency",
], serde);

/// The error returned when a string names no kind of the taxonomy.
///
/// ```
/// let err = "insults".parse::<galateo::Kind>().unwrap_err();
/// assert!(err.to_string().starts_with("unknown kind `insults`"));
/// assert_eq!(galateo::Kind::ALL.len(), 20);
/// assert_eq!(galateo::Kind::CrimeReport.as_str(), "crime-report");
/// ```
pub type UnknownKind = crate::UnknownName;

/// The protected ground of a discrimination finding, as the policies list them.
///
/// ```
/// use galateo::Ground;
///
/// assert_eq!("sexual-orientation".parse::<Ground>(), Ok(Ground::SexualOrientation));
/// assert_eq!(Ground::EthnicOrigin.as_str(), "ethnic-origin");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Ground {
    /// Gender (including misogyny).
    Gender,
    /// Ethnic or national origin.
    EthnicOrigin,
    /// Language.
    Language,
    /// Religion.
    Religion,
    /// Personal beliefs.
    Belief,
    /// Political opinions.
    PoliticalOpinion,
    /// Sexual orientation.
    SexualOrientation,
    /// Gender identity.
    GenderIdentity,
    /// Age.
    Age,
    /// Disability.
    Disability,
    /// Social or economic condition.
    SocialCondition,
}

names!(Ground, "ground", [
    Gender => "gender",
    EthnicOrigin => "ethnic-origin",
    Language => "language",
    Religion => "religion",
    Belief => "belief",
    PoliticalOpinion => "political-opinion",
    SexualOrientation => "sexual-orientation",
    GenderIdentity => "gender-identity",
    Age => "age",
    Disability => "disability",
    SocialCondition => "social-condition",
], serde);

/// What a personal-data finding is, for redaction operators, labels and reports
/// ([`Finding::personal_kind`](crate::Finding::personal_kind)).
///
/// ```
/// use galateo::PersonalKind;
///
/// assert_eq!("tax-code".parse::<PersonalKind>().unwrap(), PersonalKind::TaxCode);
/// assert_eq!(PersonalKind::Phone.to_string(), "phone");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum PersonalKind {
    /// An e-mail address, plain or disguised ("mario punto rossi chiocciola …").
    Email,
    /// A phone number: Italian mobile or landline, or an international `+CC` number, in
    /// digits or in words.
    Phone,
    /// A codice fiscale of a person (16 characters, check character verified).
    TaxCode,
    /// A VAT number: a partita IVA (11 digits, check digit verified), with or without `IT`,
    /// or another EU country's.
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
    /// A date of birth (needs a context word: "nato il", "data di nascita").
    DateOfBirth,
    /// An IP address (IPv4 or IPv6).
    IpAddress,
}

names!(PersonalKind, "personal-data kind", [
    Email => "email",
    Phone => "phone",
    TaxCode => "tax-code",
    VatNumber => "vat-number",
    Iban => "iban",
    PaymentCard => "payment-card",
    IdentityDocument => "identity-document",
    LicensePlate => "license-plate",
    Address => "address",
    DateOfBirth => "date-of-birth",
    IpAddress => "ip-address",
], serde);

impl PersonalKind {
    /// What it is called in `lang` (Italian for any language without its own words), and
    /// whether the Italian noun is feminine (for `rimosso`/`rimossa`).
    pub(crate) fn label(self, lang: &str) -> (&'static str, bool) {
        let english = lang == "en";
        match self {
            PersonalKind::Email if english => ("email address", false),
            PersonalKind::Email => ("indirizzo email", false),
            PersonalKind::Phone if english => ("phone number", false),
            PersonalKind::Phone => ("numero di telefono", false),
            PersonalKind::TaxCode if english => ("tax code", false),
            PersonalKind::TaxCode => ("codice fiscale", false),
            PersonalKind::VatNumber if english => ("VAT number", false),
            PersonalKind::VatNumber => ("partita IVA", true),
            PersonalKind::Iban => ("IBAN", false),
            PersonalKind::PaymentCard if english => ("payment card number", false),
            PersonalKind::PaymentCard => ("numero di carta di pagamento", false),
            PersonalKind::IdentityDocument if english => ("identity document number", false),
            PersonalKind::IdentityDocument => ("numero di documento d'identità", false),
            PersonalKind::LicensePlate if english => ("licence plate", false),
            PersonalKind::LicensePlate => ("targa", true),
            PersonalKind::Address if english => ("address", false),
            PersonalKind::Address => ("indirizzo", false),
            PersonalKind::DateOfBirth if english => ("date of birth", false),
            PersonalKind::DateOfBirth => ("data di nascita", true),
            PersonalKind::IpAddress if english => ("IP address", false),
            PersonalKind::IpAddress => ("indirizzo IP", false),
        }
    }
}

/// "Removed" in `lang`, agreeing with a feminine noun where the language asks.
pub(crate) fn removed(lang: &str, feminine: bool) -> &'static str {
    match (lang, feminine) {
        ("en", _) => "removed",
        (_, true) => "rimossa",
        (_, false) => "rimosso",
    }
}

/// The word for a redacted datum whose kind has no label of its own.
pub(crate) fn datum(lang: &str) -> &'static str {
    if lang == "en" { "data" } else { "dato" }
}
