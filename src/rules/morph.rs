//! Verb morphology: every surface form of a verb of a verb class, each with the tags that the
//! form selectors of a rule (`<harm:inf+you>`) filter on.
//!
//! A rule such as `voglio <harm:inf+you>` should match `voglio ammazzarti`, `voglio
//! impiccarvi` and `voglio bruciarvi` without anyone writing those words: verb class files list
//! only base forms (`ammazzare`, `uccidere ; part=ucciso`), and this module conjugates them.
//! The conjugation is the regular one of the language, with the irregular stems given as
//! attributes of the line, so that every generated form can be traced back to one reviewable
//! line and one rule of this file. The syntax and the selectors are specified in
//! `src/lexicons/README.md`, section "Verbs".
//!
//! Forms are lowercase and keep their accents as written (`ammazzerò`); folding accents is the
//! job of the text normaliser, which treats lexicon terms and comments alike. The module depends on nothing but `std` so that it can be compiled and tested on its
//! own.
//!
//! What is generated:
//!
//! - Italian: the infinitive, the gerund, the past participle in its four agreements, the
//!   present, imperfect, future and conditional indicative and the present subjunctive in all
//!   persons, the imperative (second person singular and plural, first person plural), and the
//!   infinitive, gerund and imperative with one enclitic pronoun (`ammazzarti`, `ammazzandolo`,
//!   `ammazzateli`). Proclitics (`ti ammazzo`) are separate words, left to the rules.
//! - English: the base form, the third person singular, the past, the past participle and the
//!   `-ing` form.
//!
//! Not generated, deliberately: the passato remoto and the imperfect subjunctive (not in the
//! selector table), combined enclitics (`ammazzarglielo`, `ammazzartelo`) and apocopated forms
//! (`ammazzà`), which rules can spell out when they need them.

use std::collections::HashMap;

/// Tags of a generated form (bit flags), one per selector of the README's table.
///
/// A selector mask matches a form when every bit of the mask is set in the form's tags, so
/// `inf+you` is `INF | YOU` and matches `ammazzarti` (`INF | CL | YOU`) but not `ammazzarli`.
pub(crate) mod tag {
    /// Infinitive, with or without enclitics; English base form.
    pub(crate) const INF: u16 = 1;
    /// Gerund, with or without enclitics; English `-ing` form.
    pub(crate) const GER: u16 = 2;
    /// Past participle, in every agreement.
    pub(crate) const PART: u16 = 4;
    /// Finite forms: indicative present, imperfect, future, conditional; present subjunctive.
    /// English: base, `-s`, past.
    pub(crate) const FIN: u16 = 8;
    /// Imperative, with or without enclitics; English base form.
    pub(crate) const IMP: u16 = 16;
    /// The form carries an enclitic pronoun.
    pub(crate) const CL: u16 = 32;
    /// The enclitic is `ti` or `vi`: the addressee.
    pub(crate) const YOU: u16 = 64;
    /// The enclitic is `lo la li le gli ne`: a third party.
    pub(crate) const THEM: u16 = 128;
    /// A finite form of the first person, singular or plural (`ammazzo`, `ammazzeremo`,
    /// `ammazzerei`): the author speaking of what they will do. English base and past forms
    /// carry it too, since English marks the person on the subject.
    pub(crate) const P1: u16 = 256;
}

use tag::{CL, FIN, GER, IMP, INF, P1, PART, THEM, YOU};

/// The Italian enclitic pronouns, with the tags each adds to the form it is attached to.
///
/// `ci`, `mi` and `si` (us, me, oneself) are neither the addressee nor a third party, so they
/// carry only [`CL`].
const CLITICS: [(&str, u16); 11] = [
    ("ti", CL | YOU),
    ("vi", CL | YOU),
    ("lo", CL | THEM),
    ("la", CL | THEM),
    ("li", CL | THEM),
    ("le", CL | THEM),
    ("gli", CL | THEM),
    ("ne", CL | THEM),
    ("ci", CL),
    ("mi", CL),
    ("si", CL),
];

/// One verb of a verb class: its base form and the irregular stems its line gives.
///
/// Parsing validates everything, so [`forms`] cannot fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Verb {
    /// The base form as written: the Italian infinitive, the English bare infinitive.
    base: String,
    /// The language-specific stems and overrides.
    grammar: Grammar,
}

/// The conjugation data of a [`Verb`], per language.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Grammar {
    /// An Italian verb.
    It(Italian),
    /// An English verb.
    En(English),
}

/// The Italian conjugation a verb follows, read off the ending of its infinitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Conj {
    /// First conjugation, `-are`.
    Are,
    /// Second conjugation, `-ere`.
    Ere,
    /// Third conjugation, `-ire`.
    Ire,
    /// Contracted infinitives `-rre` (`porre`, `trarre`, `condurre`): no regular stem can be
    /// read off them, so the line must give `pres=`, `ger=` and `part=`.
    Rre,
}

/// An Italian verb: the regular stem and the overrides of its line.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Italian {
    conj: Conj,
    /// The infinitive without `-are`/`-ere`/`-ire` (`ammazz`, `uccid`, `colp`); for `-rre`
    /// verbs, without `-rre`, which only the default future uses (`po` → `porrò`).
    stem: String,
    /// What enclitics attach to: the infinitive without its final `-e` (`ammazzar`), or
    /// without `-re` for `-rre` verbs (`por`).
    inf_stem: String,
    /// Third conjugation with `-isc-` (`colpisco`).
    isc: bool,
    /// Past participles, masculine singular without the final `-o` (`uccis`); empty for the
    /// regular one.
    part: Vec<String>,
    /// The six persons of the present indicative, when irregular.
    pres: Option<Vec<String>>,
    /// Future (and conditional) stems ending in `r` (`morr`); empty for the regular one.
    fut: Vec<String>,
    /// Present subjunctive: one form (the singular), two (singular, third plural) or six.
    sub: Option<Vec<String>>,
    /// Imperative second person singular, when irregular.
    imp: Option<String>,
    /// Gerund, when irregular; it also gives the imperfect (`facendo` → `facevo`).
    ger: Option<String>,
}

/// An English verb: the overrides of its line, each possibly several accepted forms
/// (`burn ; past=burned,burnt`). Empty means regular.
#[derive(Clone, Debug, PartialEq, Eq)]
struct English {
    past: Vec<String>,
    part: Vec<String>,
    ing: Vec<String>,
    third: Vec<String>,
}

/// One surface form of a verb and everything it can be.
///
/// A text appears once: `ammazzati` is both a participle and an imperative with a reflexive
/// `ti`, so its tags are `PART | IMP | CL | YOU`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Form {
    /// The form, lowercase, accents as written.
    pub(crate) text: String,
    /// The [`tag`] bits of every reading of the form, OR-ed.
    pub(crate) tags: u16,
}

/// Parses one verb line `BASE [; ATTRIBUTES]` of language `lang` (`it` or `en`).
///
/// Errors are one-line lowercase messages quoting the offending input in backticks, for the
/// loader to prefix with the file and line.
pub(crate) fn parse_verb(line: &str, lang: &str) -> Result<Verb, String> {
    let (base, attributes) = match line.split_once(';') {
        Some((base, attributes)) => (base.trim(), attributes.trim()),
        None => (line.trim(), ""),
    };
    if base.is_empty() {
        return Err("empty verb".to_owned());
    }
    if !is_word(base) {
        return Err(format!(
            "verb `{base}` must be one word in lower case (multi-word phrases belong in rules)"
        ));
    }
    let attributes = parse_attributes(attributes)?;
    let grammar = match lang {
        "it" => Grammar::It(italian(base, &attributes)?),
        "en" => Grammar::En(english(&attributes)?),
        other => {
            return Err(format!(
                "verbs of language `{other}` are not supported (only `it` and `en`)"
            ));
        }
    };
    Ok(Verb {
        base: base.to_owned(),
        grammar,
    })
}

/// Every surface form of `verb` with its tags, in a stable order (base form first), one
/// [`Form`] per distinct text.
pub(crate) fn forms(verb: &Verb) -> Vec<Form> {
    let mut out = Forms::default();
    match &verb.grammar {
        Grammar::It(it) => italian_forms(&verb.base, it, &mut out),
        Grammar::En(en) => english_forms(&verb.base, en, &mut out),
    }
    out.list
}

/// Parses a form selector (`inf`, `inf+you`, `imp+cl+them`) into a tag mask; a form matches
/// when `form.tags & mask == mask`. A verb class referred to without selector (`<harm>`) means
/// every form, which is the mask `0`.
pub(crate) fn selector(s: &str) -> Result<u16, String> {
    let mut mask = 0;
    for name in s.split('+') {
        mask |= match name.trim() {
            "inf" => INF,
            "ger" => GER,
            "part" => PART,
            "fin" => FIN,
            "imp" => IMP,
            "cl" => CL,
            "you" => YOU,
            "them" => THEM,
            "p1" => P1,
            "" => return Err(format!("empty form selector in `{s}`")),
            other => {
                return Err(format!(
                    "unknown form selector `{other}` (expected inf, ger, part, fin, imp, cl, \
                     you, them or p1)"
                ));
            }
        };
    }
    Ok(mask)
}

/// The forms of a verb under construction: one entry per text, tags merged, first-seen order
/// kept so the output is deterministic.
#[derive(Default)]
struct Forms {
    list: Vec<Form>,
    index: HashMap<String, usize>,
}

impl Forms {
    /// Adds `text` with `tags`, OR-ing them into an existing entry of the same text.
    fn add(&mut self, text: String, tags: u16) {
        if let Some(form) = self.index.get(&text).and_then(|&i| self.list.get_mut(i)) {
            form.tags |= tags;
            return;
        }
        self.index.insert(text.clone(), self.list.len());
        self.list.push(Form { text, tags });
    }

    /// Adds `host` with `tags`, and `host` + each enclitic with `tags` and the clitic's tags.
    /// Enclitics in `skip` are left out: the ones a host cannot take.
    fn add_with_clitics(&mut self, host: &str, tags: u16, skip: &[&str]) {
        self.add(host.to_owned(), tags);
        self.add_clitics(host, tags, skip);
    }

    /// Adds `host` + each enclitic not in `skip`, with `tags` and the clitic's tags (not
    /// `host` alone).
    fn add_clitics(&mut self, host: &str, tags: u16, skip: &[&str]) {
        for (clitic, clitic_tags) in CLITICS {
            if !skip.contains(&clitic) {
                self.add(format!("{host}{clitic}"), tags | clitic_tags);
            }
        }
    }
}

/// Whether `s` is one word of lowercase letters (accented letters allowed), as verb bases and
/// override forms must be.
fn is_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphabetic() && !c.is_uppercase())
}

/// Splits the attribute part of a line into `(name, value)` pairs, `value` being `None` for a
/// flag (`isc`); rejects repeated names, which would leave the reader guessing which wins.
fn parse_attributes(attributes: &str) -> Result<Vec<(&str, Option<&str>)>, String> {
    let mut out: Vec<(&str, Option<&str>)> = Vec::new();
    for token in attributes.split_whitespace() {
        let (name, value) = match token.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (token, None),
        };
        if out.iter().any(|&(seen, _)| seen == name) {
            return Err(format!("attribute `{name}` is given twice"));
        }
        out.push((name, value));
    }
    Ok(out)
}

/// The comma-separated forms of an override `name=value`, each checked to be one lowercase
/// word.
fn word_list(name: &str, value: &str) -> Result<Vec<String>, String> {
    value
        .split(',')
        .map(|form| {
            let form = form.trim();
            if is_word(form) {
                Ok(form.to_owned())
            } else if form.is_empty() {
                Err(format!("`{name}={value}` has an empty form"))
            } else {
                Err(format!(
                    "form `{form}` of `{name}=` must be one word in lower case"
                ))
            }
        })
        .collect()
}

/// The single form of an override that takes exactly one (`imp=`, `ger=`).
fn single_word(name: &str, value: &str) -> Result<String, String> {
    let mut forms = word_list(name, value)?;
    match (forms.pop(), forms.is_empty()) {
        (Some(form), true) => Ok(form),
        _ => Err(format!("`{name}=` takes one form, got `{value}`")),
    }
}

/// The error for an attribute written without its value (`part` instead of `part=…`).
fn needs_value(name: &str) -> String {
    format!("attribute `{name}` needs a value: `{name}=…`")
}

/// Builds an Italian verb from its infinitive and attributes.
fn italian(base: &str, attributes: &[(&str, Option<&str>)]) -> Result<Italian, String> {
    let mut isc = false;
    let mut part = Vec::new();
    let mut pres = None;
    let mut fut = Vec::new();
    let mut sub = None;
    let mut imp = None;
    let mut ger = None;
    for &(name, value) in attributes {
        match (name, value) {
            ("isc", None) => isc = true,
            ("isc", Some(_)) => return Err("attribute `isc` takes no value".to_owned()),
            ("part", Some(v)) => {
                for form in word_list(name, v)? {
                    match form.strip_suffix('o') {
                        Some(stem) if !stem.is_empty() => part.push(stem.to_owned()),
                        _ => {
                            return Err(format!(
                                "participle `{form}` must be the masculine singular, ending in -o"
                            ));
                        }
                    }
                }
            }
            ("pres", Some(v)) => {
                let forms = word_list(name, v)?;
                if forms.len() != 6 {
                    return Err(format!(
                        "`pres=` takes the 6 persons of the present, got {} in `{v}`",
                        forms.len()
                    ));
                }
                pres = Some(forms);
            }
            ("fut", Some(v)) => {
                for stem in word_list(name, v)? {
                    if !stem.ends_with('r') {
                        return Err(format!(
                            "future stem `{stem}` must end in `r` (e.g. `fut=morr` for morrò)"
                        ));
                    }
                    fut.push(stem);
                }
            }
            ("sub", Some(v)) => {
                let forms = word_list(name, v)?;
                if !matches!(forms.len(), 1 | 2 | 6) {
                    return Err(format!(
                        "`sub=` takes 1 form (singular), 2 (singular, third plural) or 6, got {} \
                         in `{v}`",
                        forms.len()
                    ));
                }
                sub = Some(forms);
            }
            ("imp", Some(v)) => imp = Some(single_word(name, v)?),
            ("ger", Some(v)) => {
                let form = single_word(name, v)?;
                if !(form.ends_with("ando") || form.ends_with("endo")) {
                    return Err(format!("gerund `{form}` must end in -ando or -endo"));
                }
                ger = Some(form);
            }
            ("part" | "pres" | "fut" | "sub" | "imp" | "ger", None) => {
                return Err(needs_value(name));
            }
            _ => {
                return Err(format!(
                    "unknown attribute `{name}` for an italian verb (expected isc, part=, \
                     pres=, fut=, sub=, imp=, ger=)"
                ));
            }
        }
    }

    let (conj, stem) = if let Some(stem) = base.strip_suffix("are") {
        (Conj::Are, stem)
    } else if let Some(stem) = base.strip_suffix("ere") {
        (Conj::Ere, stem)
    } else if let Some(stem) = base.strip_suffix("ire") {
        (Conj::Ire, stem)
    } else if let Some(stem) = base.strip_suffix("rre") {
        (Conj::Rre, stem)
    } else {
        return Err(format!(
            "italian verb `{base}` must end in -are, -ere or -ire (or -rre with pres=, ger= and \
             part=)"
        ));
    };
    if stem.is_empty() {
        return Err(format!(
            "italian verb `{base}` has no stem before its ending"
        ));
    }
    if isc && conj != Conj::Ire {
        return Err(format!(
            "attribute `isc` is for verbs in -ire, not `{base}`"
        ));
    }
    let inf_stem = if conj == Conj::Rre {
        base.strip_suffix("re")
    } else {
        base.strip_suffix('e')
    }
    .unwrap_or(base)
    .to_owned();
    if conj == Conj::Rre {
        let missing: Vec<&str> = [
            ("pres=", pres.is_none()),
            ("ger=", ger.is_none()),
            ("part=", part.is_empty()),
        ]
        .into_iter()
        .filter_map(|(name, missing)| missing.then_some(name))
        .collect();
        if !missing.is_empty() {
            return Err(format!(
                "verb `{base}` in -rre has no regular conjugation: it needs {}",
                missing.join(" ")
            ));
        }
    }
    Ok(Italian {
        conj,
        stem: stem.to_owned(),
        inf_stem,
        isc,
        part,
        pres,
        fut,
        sub,
        imp,
        ger,
    })
}

/// Joins a first-conjugation stem and an ending with the spelling rules that keep the sound:
/// `-care`/`-gare` take an `h` before `e` and `i` (`spacchi`, `spaccherò`), `-ciare`/`-giare`
/// drop their `i` before `e` (`brucerò`), and a stem ending in `i` does not double it
/// (`bruci`, `bruciamo`, `picchi`, not `brucii`).
///
/// Verbs with a stressed `i` (`inviare` → `invii`) are the exception; none is needed in a verb
/// class yet, and `pres=`/`sub=` can spell them out.
fn join_are(stem: &str, ending: &str) -> String {
    if ending.starts_with('e') && (stem.ends_with("ci") || stem.ends_with("gi")) {
        if let Some(short) = stem.strip_suffix('i') {
            return format!("{short}{ending}");
        }
    }
    if stem.ends_with('i') {
        if let Some(rest) = ending.strip_prefix('i') {
            return format!("{stem}{rest}");
        }
    }
    if ending.starts_with(['e', 'i']) && (stem.ends_with('c') || stem.ends_with('g')) {
        return format!("{stem}h{ending}");
    }
    format!("{stem}{ending}")
}

/// The six persons of a tense: `stem` joined with each ending by the verb's spelling rules.
fn persons(conj: Conj, stem: &str, endings: [&str; 6]) -> Vec<String> {
    endings
        .into_iter()
        .map(|ending| match conj {
            Conj::Are => join_are(stem, ending),
            Conj::Ere | Conj::Ire | Conj::Rre => format!("{stem}{ending}"),
        })
        .collect()
}

impl Italian {
    /// The present indicative, six persons.
    fn present(&self) -> Vec<String> {
        if let Some(pres) = &self.pres {
            return pres.clone();
        }
        let endings = match (self.conj, self.isc) {
            (Conj::Are, _) => ["o", "i", "a", "iamo", "ate", "ano"],
            (Conj::Ire, true) => ["isco", "isci", "isce", "iamo", "ite", "iscono"],
            (Conj::Ire, false) => ["o", "i", "e", "iamo", "ite", "ono"],
            // `-rre` verbs always have `pres=`; the second conjugation is the closest fallback.
            (Conj::Ere | Conj::Rre, _) => ["o", "i", "e", "iamo", "ete", "ono"],
        };
        persons(self.conj, &self.stem, endings)
    }

    /// The gerund: `ger=` or the regular `-ando`/`-endo`.
    fn gerund(&self) -> String {
        match (&self.ger, self.conj) {
            (Some(ger), _) => ger.clone(),
            (None, Conj::Are) => join_are(&self.stem, "ando"),
            (None, _) => format!("{}endo", self.stem),
        }
    }

    /// The imperfect indicative. Its theme is the gerund's without `-ndo` whenever the gerund
    /// is irregular (`facendo` → `facevo`, `ponendo` → `ponevo`, `dicendo` → `dicevo`), else
    /// the regular `-a-`/`-e-`/`-i-`.
    fn imperfect(&self) -> Vec<String> {
        let theme = match (&self.ger, self.conj) {
            (Some(ger), _) => ger.strip_suffix("ndo").unwrap_or(ger).to_owned(),
            (None, Conj::Are) => format!("{}a", self.stem),
            (None, Conj::Ere | Conj::Rre) => format!("{}e", self.stem),
            (None, Conj::Ire) => format!("{}i", self.stem),
        };
        ["vo", "vi", "va", "vamo", "vate", "vano"]
            .into_iter()
            .map(|ending| format!("{theme}{ending}"))
            .collect()
    }

    /// The future stems: `fut=` or the regular one (`ammazzer`, `spaccher`, `brucer`,
    /// `uccider`, `colpir`, `porr`).
    fn future_stems(&self) -> Vec<String> {
        if !self.fut.is_empty() {
            return self.fut.clone();
        }
        vec![match self.conj {
            Conj::Are => join_are(&self.stem, "er"),
            Conj::Ere => format!("{}er", self.stem),
            Conj::Ire => format!("{}ir", self.stem),
            Conj::Rre => format!("{}rr", self.stem),
        }]
    }

    /// The present subjunctive, six persons.
    ///
    /// With `sub=` of one or two forms, and with `pres=` but no `sub=`, the singular and the
    /// third plural come from those forms (the singular from the present's first person,
    /// `muoio` → `muoia`, `faccio` → `faccia`, `vado` → `vada`, which holds for almost every
    /// irregular verb, first conjugation included; `dare` and `stare` need `sub=`),
    /// and the first and second plural from the present's first plural (`moriamo`,
    /// `moriate`).
    fn subjunctive(&self, present: &[String]) -> Vec<String> {
        let regular = || {
            let endings = match (self.conj, self.isc) {
                (Conj::Are, _) => ["i", "i", "i", "iamo", "iate", "ino"],
                (Conj::Ire, true) => ["isca", "isca", "isca", "iamo", "iate", "iscano"],
                (Conj::Ere | Conj::Ire | Conj::Rre, _) => ["a", "a", "a", "iamo", "iate", "ano"],
            };
            persons(self.conj, &self.stem, endings)
        };
        let (singular, third_plural) = match self.sub.as_deref() {
            Some(all @ [_, _, _, _, _, _]) => return all.to_vec(),
            Some([singular, third_plural]) => (singular.clone(), third_plural.clone()),
            Some([singular]) => (singular.clone(), format!("{singular}no")),
            Some(_) | None => {
                let from_present = self
                    .pres
                    .as_ref()
                    .and_then(|pres| pres.first())
                    .and_then(|first| first.strip_suffix('o'));
                match from_present {
                    Some(root) => (format!("{root}a"), format!("{root}ano")),
                    None => return regular(),
                }
            }
        };
        let (first_plural, second_plural) = match present.get(3) {
            Some(noi) => (
                noi.clone(),
                noi.strip_suffix("mo")
                    .map_or_else(|| format!("{noi}te"), |root| format!("{root}te")),
            ),
            None => {
                let regular = regular();
                (
                    regular.get(3).cloned().unwrap_or_default(),
                    regular.get(4).cloned().unwrap_or_default(),
                )
            }
        };
        vec![
            singular.clone(),
            singular.clone(),
            singular,
            first_plural,
            second_plural,
            third_plural,
        ]
    }

    /// The imperative, each person with the enclitics it cannot take (a reflexive of another
    /// person: `ammazzasi`, `ammazzateti`, `ammazziamomi` are not Italian): second singular
    /// (`imp=`, or `-a` for `-are`, else the present's second singular: `uccidi`, `colpisci`,
    /// `muori`), second plural and first plural (the present's).
    fn imperatives(&self, present: &[String]) -> Vec<(String, &'static [&'static str])> {
        let tu = match (&self.imp, self.conj) {
            (Some(imp), _) => Some(imp.clone()),
            (None, Conj::Are) => Some(join_are(&self.stem, "a")),
            (None, _) => present.get(1).cloned(),
        };
        const TU: &[&str] = &["si"];
        const VOI: &[&str] = &["ti", "si"];
        const NOI: &[&str] = &["mi", "si"];
        let tu = tu.map(|form| (form, TU));
        let voi = present.get(4).map(|form| (form.clone(), VOI));
        let noi = present.get(3).map(|form| (form.clone(), NOI));
        tu.into_iter().chain(voi).chain(noi).collect()
    }

    /// The past participle stems, without the agreement vowel.
    fn participle_stems(&self) -> Vec<String> {
        if !self.part.is_empty() {
            return self.part.clone();
        }
        vec![match self.conj {
            Conj::Are => format!("{}at", self.stem),
            // `-rre` verbs always have `part=`; `-ut-` is the second conjugation's.
            Conj::Ere | Conj::Rre => format!("{}ut", self.stem),
            Conj::Ire => format!("{}it", self.stem),
        }]
    }
}

/// Adds every form of an Italian verb.
fn italian_forms(base: &str, it: &Italian, out: &mut Forms) {
    out.add(base.to_owned(), INF);
    out.add_clitics(&it.inf_stem, INF, &[]);

    out.add_with_clitics(&it.gerund(), GER, &[]);

    for stem in it.participle_stems() {
        for agreement in ["o", "a", "i", "e"] {
            out.add(format!("{stem}{agreement}"), PART);
        }
    }

    // Persons in the order io, tu, lui, noi, voi, loro: the first and fourth are the
    // author's own.
    let person = |i: usize| if i == 0 || i == 3 { FIN | P1 } else { FIN };
    let present = it.present();
    for (i, form) in present.iter().enumerate() {
        out.add(form.clone(), person(i));
    }
    for (i, form) in it.imperfect().into_iter().enumerate() {
        out.add(form, person(i));
    }
    for stem in it.future_stems() {
        for (i, ending) in ["ò", "ai", "à", "emo", "ete", "anno"].iter().enumerate() {
            out.add(format!("{stem}{ending}"), person(i));
        }
        for (i, ending) in ["ei", "esti", "ebbe", "emmo", "este", "ebbero"]
            .iter()
            .enumerate()
        {
            out.add(format!("{stem}{ending}"), person(i));
        }
    }
    for form in it.subjunctive(&present) {
        out.add(form, FIN);
    }

    for (form, skip) in it.imperatives(&present) {
        out.add_with_clitics(&form, IMP, skip);
    }
}

/// Builds an English verb from its attributes (the base needs no analysis).
fn english(attributes: &[(&str, Option<&str>)]) -> Result<English, String> {
    let mut en = English {
        past: Vec::new(),
        part: Vec::new(),
        ing: Vec::new(),
        third: Vec::new(),
    };
    for &(name, value) in attributes {
        let slot = match name {
            "past" => &mut en.past,
            "part" => &mut en.part,
            "ing" => &mut en.ing,
            "third" => &mut en.third,
            _ => {
                return Err(format!(
                    "unknown attribute `{name}` for an english verb (expected past=, part=, \
                     ing=, third=)"
                ));
            }
        };
        match value {
            Some(value) => *slot = word_list(name, value)?,
            None => return Err(needs_value(name)),
        }
    }
    Ok(en)
}

/// Whether `c` is a vowel letter for the English spelling rules (`y` counts as a consonant:
/// `slay`, `bury`).
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Whether `word` ends in a consonant.
fn ends_in_consonant(word: &str) -> bool {
    word.chars().next_back().is_some_and(|c| !is_vowel(c))
}

/// The consonant an English verb doubles before `-ed`/`-ing`, if any: a one-syllable verb
/// ending in a single vowel and a single consonant other than `w`, `x`, `y` (`stab` →
/// `stabbed`, `gas` → `gassing`, `quit` → `quitting`). Longer verbs that double (`kidnap`,
/// `expel`) say so with `past=`/`ing=`.
fn doubled_consonant(word: &str) -> Option<char> {
    // `qu` is a consonant cluster, not a vowel group.
    let word = word.replace("qu", "kw");
    let mut rev = word.chars().rev();
    let (last, vowel, before) = (rev.next()?, rev.next()?, rev.next()?);
    if is_vowel(last) || matches!(last, 'w' | 'x' | 'y') || !is_vowel(vowel) || is_vowel(before) {
        return None;
    }
    let mut groups = 0;
    let mut in_vowel = false;
    for c in word.chars() {
        let vowel = is_vowel(c);
        if vowel && !in_vowel {
            groups += 1;
        }
        in_vowel = vowel;
    }
    (groups == 1).then_some(last)
}

/// The regular third person singular: `-es` after a sibilant or a consonant + `o`, `-ies`
/// for a consonant + `y`, else `-s`.
fn english_third(base: &str) -> String {
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| base.ends_with(end))
    {
        return format!("{base}es");
    }
    if let Some(root) = base.strip_suffix('o') {
        if ends_in_consonant(root) {
            return format!("{base}es");
        }
    }
    if let Some(root) = base.strip_suffix('y') {
        if ends_in_consonant(root) {
            return format!("{root}ies");
        }
    }
    format!("{base}s")
}

/// The regular past: `-d` after `e`, `-ied` for a consonant + `y`, a doubled final
/// consonant where [`doubled_consonant`] says so, else `-ed`.
fn english_past(base: &str) -> String {
    if base.ends_with('e') {
        return format!("{base}d");
    }
    if let Some(root) = base.strip_suffix('y') {
        if ends_in_consonant(root) {
            return format!("{root}ied");
        }
    }
    match doubled_consonant(base) {
        Some(c) => format!("{base}{c}ed"),
        None => format!("{base}ed"),
    }
}

/// The regular `-ing` form: `-ie` → `-ying` (`die` → `dying`), a silent `e` dropped
/// (`strangle` → `strangling`, but `see` → `seeing`, `dye` → `dyeing`), a doubled final
/// consonant where [`doubled_consonant`] says so (`stab` → `stabbing`).
fn english_ing(base: &str) -> String {
    if let Some(root) = base.strip_suffix("ie") {
        return format!("{root}ying");
    }
    if !["ee", "oe", "ye"].iter().any(|end| base.ends_with(end)) {
        if let Some(root) = base.strip_suffix('e') {
            if ends_in_consonant(root) {
                return format!("{root}ing");
            }
        }
    }
    match doubled_consonant(base) {
        Some(c) => format!("{base}{c}ing"),
        None => format!("{base}ing"),
    }
}

/// Adds every form of an English verb.
fn english_forms(base: &str, en: &English, out: &mut Forms) {
    out.add(base.to_owned(), INF | FIN | IMP | P1);
    let or_regular = |forms: &[String], regular: fn(&str) -> String| {
        if forms.is_empty() {
            vec![regular(base)]
        } else {
            forms.to_vec()
        }
    };
    for form in or_regular(&en.third, english_third) {
        out.add(form, FIN);
    }
    let past = or_regular(&en.past, english_past);
    for form in &past {
        out.add(form.clone(), FIN | P1);
    }
    let part = if en.part.is_empty() {
        past
    } else {
        en.part.clone()
    };
    for form in part {
        out.add(form, PART);
    }
    for form in or_regular(&en.ing, english_ing) {
        out.add(form, GER);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The forms of `line` as a map from text to tags.
    /// Forms and tags, without the person tag (see `first_person_forms_are_marked`).
    fn table(line: &str, lang: &str) -> HashMap<String, u16> {
        let verb = parse_verb(line, lang).unwrap_or_else(|e| panic!("`{line}`: {e}"));
        forms(&verb)
            .into_iter()
            .map(|f| (f.text, f.tags & !P1))
            .collect()
    }

    #[test]
    fn first_person_forms_are_marked() {
        let verb = parse_verb("ammazzare", "it").unwrap();
        let p1: Vec<String> = forms(&verb)
            .into_iter()
            .filter(|f| f.tags & P1 != 0)
            .map(|f| f.text)
            .collect();
        for form in [
            "ammazzo",
            "ammazziamo",
            "ammazzerò",
            "ammazzeremo",
            "ammazzerei",
            "ammazzeremmo",
            "ammazzavo",
        ] {
            assert!(p1.contains(&form.to_owned()), "{form}");
        }
        for form in [
            "ammazza",
            "ammazzi",
            "ammazzano",
            "ammazzerà",
            "ammazzerebbe",
            "ammazzare",
        ] {
            assert!(!p1.contains(&form.to_owned()), "{form}");
        }
    }

    /// The tags of `text` among the forms of `line`, panicking when it is not generated.
    fn tags(line: &str, lang: &str, text: &str) -> u16 {
        match table(line, lang).get(text) {
            Some(&tags) => tags,
            None => panic!("`{line}` does not generate `{text}`"),
        }
    }

    /// The texts of `line` matching selector `sel`, sorted.
    fn selected(line: &str, lang: &str, sel: &str) -> Vec<String> {
        let mask = selector(sel).unwrap();
        let mut out: Vec<String> = forms(&parse_verb(line, lang).unwrap())
            .into_iter()
            .filter(|f| f.tags & mask == mask)
            .map(|f| f.text)
            .collect();
        out.sort();
        out
    }

    fn err(line: &str, lang: &str) -> String {
        parse_verb(line, lang).unwrap_err()
    }

    #[test]
    fn ammazzare_infinitive_and_enclitics() {
        let v = "ammazzare";
        assert_eq!(tags(v, "it", "ammazzare"), INF);
        assert_eq!(tags(v, "it", "ammazzarti"), INF | CL | YOU);
        assert_eq!(tags(v, "it", "ammazzarvi"), INF | CL | YOU);
        assert_eq!(tags(v, "it", "ammazzarli"), INF | CL | THEM);
        assert_eq!(tags(v, "it", "ammazzargli"), INF | CL | THEM);
        assert_eq!(tags(v, "it", "ammazzarne"), INF | CL | THEM);
        assert_eq!(tags(v, "it", "ammazzarci"), INF | CL);
        assert_eq!(tags(v, "it", "ammazzarsi"), INF | CL);
        assert!(!table(v, "it").contains_key("ammazzareti"));
    }

    #[test]
    fn ammazzare_gerund_and_participle() {
        let v = "ammazzare";
        assert_eq!(tags(v, "it", "ammazzando"), GER);
        assert_eq!(tags(v, "it", "ammazzandoti"), GER | CL | YOU);
        assert_eq!(tags(v, "it", "ammazzandoli"), GER | CL | THEM);
        assert_eq!(tags(v, "it", "ammazzato"), PART);
        assert_eq!(tags(v, "it", "ammazzata"), PART);
        assert_eq!(tags(v, "it", "ammazzate"), PART | FIN | IMP);
        // Participle, and imperative with a reflexive `ti` ("kill yourself").
        assert_eq!(tags(v, "it", "ammazzati"), PART | IMP | CL | YOU);
    }

    #[test]
    fn ammazzare_finite_forms() {
        let t = table("ammazzare", "it");
        let tenses = [
            "ammazzo ammazzi ammazza ammazziamo ammazzate ammazzano",
            "ammazzavo ammazzavi ammazzava ammazzavamo ammazzavate ammazzavano",
            "ammazzerò ammazzerai ammazzerà ammazzeremo ammazzerete ammazzeranno",
            "ammazzerei ammazzeresti ammazzerebbe ammazzeremmo ammazzereste ammazzerebbero",
            "ammazzi ammazzi ammazzi ammazziamo ammazziate ammazzino",
        ];
        for form in tenses.iter().flat_map(|tense| tense.split_whitespace()) {
            let tags = t.get(form).copied().unwrap_or_default();
            assert!(tags & FIN != 0, "`{form}` should be finite, tags {tags}");
        }
        assert_eq!(t.get("ammazzerò"), Some(&FIN));
        assert!(!t.contains_key("ammazzero"), "accents are kept as written");
    }

    #[test]
    fn ammazzare_imperative() {
        let v = "ammazzare";
        assert_eq!(tags(v, "it", "ammazza"), IMP | FIN);
        assert_eq!(tags(v, "it", "ammazzalo"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "ammazzali"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "ammazzateli"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "ammazzatevi"), IMP | CL | YOU);
        assert_eq!(tags(v, "it", "ammazziamoli"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "ammazziamo"), IMP | FIN);
    }

    #[test]
    fn forms_are_unique_and_lowercase() {
        for (line, lang) in [
            ("ammazzare", "it"),
            ("colpire ; isc", "it"),
            ("kill", "en"),
            ("hang ; past=hanged,hung part=hanged,hung", "en"),
        ] {
            let all = forms(&parse_verb(line, lang).unwrap());
            let mut texts: Vec<&str> = all.iter().map(|f| f.text.as_str()).collect();
            let n = texts.len();
            texts.sort_unstable();
            texts.dedup();
            assert_eq!(texts.len(), n, "`{line}` repeats a form");
            assert!(
                all.iter()
                    .all(|f| f.text == f.text.to_lowercase() && f.tags != 0)
            );
        }
        assert_eq!(
            forms(&parse_verb("ammazzare", "it").unwrap())[0].text,
            "ammazzare"
        );
    }

    #[test]
    fn uccidere_with_participle() {
        let v = "uccidere ; part=ucciso";
        for form in ["ucciso", "uccisa", "uccisi", "uccise"] {
            assert_eq!(tags(v, "it", form), PART, "{form}");
        }
        assert!(!table(v, "it").contains_key("ucciduto"));
        assert_eq!(tags(v, "it", "uccidili"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "uccidi"), IMP | FIN);
        assert_eq!(tags(v, "it", "uccidete"), IMP | FIN);
        assert_eq!(tags(v, "it", "ucciderti"), INF | CL | YOU);
        assert_eq!(tags(v, "it", "uccidendoli"), GER | CL | THEM);
        for form in [
            "uccido",
            "uccide",
            "uccidono",
            "uccidevano",
            "ucciderò",
            "ucciderebbe",
        ] {
            assert_eq!(tags(v, "it", form), FIN, "{form}");
        }
        // subjunctive
        assert_eq!(tags(v, "it", "uccida"), FIN);
        assert_eq!(tags(v, "it", "uccidano"), FIN);
        assert_eq!(tags(v, "it", "uccidiate"), FIN);
        // Regular second conjugation participle.
        assert_eq!(tags("abbattere", "it", "abbattuti"), PART);
    }

    #[test]
    fn colpire_with_isc() {
        let v = "colpire ; isc";
        assert_eq!(tags(v, "it", "colpisco"), FIN);
        assert_eq!(tags(v, "it", "colpisce"), FIN);
        assert_eq!(tags(v, "it", "colpiscono"), FIN);
        assert_eq!(tags(v, "it", "colpiamo"), FIN | IMP);
        assert_eq!(tags(v, "it", "colpite"), FIN | IMP | PART);
        assert_eq!(tags(v, "it", "colpisci"), FIN | IMP);
        assert_eq!(tags(v, "it", "colpiscili"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "colpiteli"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "colpisca"), FIN);
        assert_eq!(tags(v, "it", "colpiscano"), FIN);
        assert_eq!(tags(v, "it", "colpivo"), FIN);
        assert_eq!(tags(v, "it", "colpirò"), FIN);
        assert_eq!(tags(v, "it", "colpito"), PART);
        assert_eq!(tags(v, "it", "colpendo"), GER);
        assert!(!table(v, "it").contains_key("colpo"));
        // Without `isc`: investo, not investisco.
        assert_eq!(tags("investire", "it", "investo"), FIN);
        assert_eq!(tags("investire", "it", "investili"), IMP | CL | THEM);
    }

    #[test]
    fn care_and_gare_insert_h() {
        let v = "impiccare";
        assert_eq!(tags(v, "it", "impiccherei"), FIN);
        assert_eq!(tags(v, "it", "impiccherò"), FIN);
        assert_eq!(tags(v, "it", "impiccarli"), INF | CL | THEM);
        assert_eq!(tags(v, "it", "impiccato"), PART);
        assert_eq!(tags(v, "it", "impicchi"), FIN);
        assert_eq!(tags(v, "it", "impicchiamo"), FIN | IMP);
        assert_eq!(tags(v, "it", "impicchiamoli"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "impicchino"), FIN);
        assert_eq!(tags(v, "it", "impiccalo"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "impiccando"), GER);
        let t = table(v, "it");
        assert!(!t.contains_key("impiccerò") && !t.contains_key("impicci"));
        assert_eq!(tags("spaccare", "it", "spaccherò"), FIN);
        assert_eq!(tags("spaccare", "it", "spacchi"), FIN);
        assert_eq!(tags("annegare", "it", "anneghi"), FIN);
        assert_eq!(tags("annegare", "it", "annegherebbe"), FIN);
        assert_eq!(tags("annegare", "it", "annegato"), PART);
    }

    #[test]
    fn ciare_and_giare_drop_i() {
        let v = "bruciare";
        assert_eq!(tags(v, "it", "brucerò"), FIN);
        assert_eq!(tags(v, "it", "brucerebbero"), FIN);
        assert_eq!(tags(v, "it", "bruciarvi"), INF | CL | YOU);
        assert_eq!(tags(v, "it", "bruci"), FIN);
        assert_eq!(tags(v, "it", "bruciamo"), FIN | IMP);
        assert_eq!(tags(v, "it", "bruciate"), FIN | IMP | PART);
        assert_eq!(tags(v, "it", "brucino"), FIN);
        assert_eq!(tags(v, "it", "brucia"), FIN | IMP);
        assert_eq!(tags(v, "it", "bruciali"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "bruciando"), GER);
        let t = table(v, "it");
        for wrong in ["brucierò", "brucii", "bruciiamo", "bruciino"] {
            assert!(!t.contains_key(wrong), "{wrong}");
        }
        assert_eq!(tags("schiaffeggiare", "it", "schiaffeggerò"), FIN);
    }

    #[test]
    fn other_iare_keep_their_i_before_e() {
        assert_eq!(tags("picchiare", "it", "picchierò"), FIN);
        assert_eq!(tags("picchiare", "it", "picchi"), FIN);
        assert_eq!(tags("picchiare", "it", "picchiamo"), FIN | IMP);
        assert_eq!(tags("picchiare", "it", "picchino"), FIN);
        assert_eq!(tags("tagliare", "it", "taglierò"), FIN);
        assert_eq!(tags("scuoiare", "it", "scuoio"), FIN);
        assert_eq!(tags("scuoiare", "it", "scuoierà"), FIN);
        assert_eq!(tags("sgozzare", "it", "sgozzerò"), FIN);
    }

    #[test]
    fn morire_irregular() {
        let v = "morire ; part=morto pres=muoio,muori,muore,moriamo,morite,muoiono fut=morir,morr \
                 sub=muoia,muoiano imp=muori";
        for form in ["muoio", "muori", "muore", "moriamo", "morite", "muoiono"] {
            assert!(tags(v, "it", form) & FIN != 0, "{form}");
        }
        for form in [
            "morirò",
            "morrò",
            "morrai",
            "morirebbe",
            "morrebbe",
            "morivo",
            "moriate",
        ] {
            assert_eq!(tags(v, "it", form), FIN, "{form}");
        }
        assert_eq!(tags(v, "it", "muoia"), FIN);
        assert_eq!(tags(v, "it", "muoiano"), FIN);
        assert_eq!(tags(v, "it", "muori"), FIN | IMP);
        assert_eq!(tags(v, "it", "morite"), FIN | IMP);
        assert_eq!(tags(v, "it", "morto"), PART);
        assert_eq!(tags(v, "it", "morte"), PART);
        assert_eq!(tags(v, "it", "morendo"), GER);
        let t = table(v, "it");
        for wrong in ["morio", "muoro", "mora", "morito", "mori"] {
            assert!(!t.contains_key(wrong), "{wrong}");
        }
    }

    #[test]
    fn present_override_gives_subjunctive_and_imperative() {
        // The README's line, without `fut=` and `imp=`.
        let v = "morire ; part=morto pres=muoio,muori,muore,moriamo,morite,muoiono";
        assert_eq!(tags(v, "it", "muoia"), FIN);
        assert_eq!(tags(v, "it", "muoiano"), FIN);
        assert_eq!(tags(v, "it", "moriate"), FIN);
        assert_eq!(tags(v, "it", "muori"), FIN | IMP);
        assert_eq!(tags(v, "it", "muorili"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "morirò"), FIN);
        // One-form `sub=`: the third plural adds -no.
        assert_eq!(tags("morire ; part=morto sub=muoia", "it", "muoiano"), FIN);
        // Six-form `sub=` is taken as written.
        let six = "crepare ; sub=a,b,c,d,e,f";
        assert_eq!(tags(six, "it", "f"), FIN);
        assert!(!table(six, "it").contains_key("crepino"));
    }

    #[test]
    fn rre_verbs_need_overrides() {
        let v = "porre ; pres=pongo,poni,pone,poniamo,ponete,pongono ger=ponendo part=posto";
        assert_eq!(tags(v, "it", "porre"), INF);
        assert_eq!(tags(v, "it", "porlo"), INF | CL | THEM);
        assert_eq!(tags(v, "it", "ponendoli"), GER | CL | THEM);
        assert_eq!(tags(v, "it", "ponevo"), FIN);
        assert_eq!(tags(v, "it", "porrò"), FIN);
        assert_eq!(tags(v, "it", "porrebbero"), FIN);
        assert_eq!(tags(v, "it", "ponga"), FIN);
        assert_eq!(tags(v, "it", "pongano"), FIN);
        assert_eq!(tags(v, "it", "poniate"), FIN);
        assert_eq!(tags(v, "it", "poni"), FIN | IMP);
        assert_eq!(tags(v, "it", "ponili"), IMP | CL | THEM);
        assert_eq!(tags(v, "it", "posti"), PART);
        let e = err("porre", "it");
        assert!(
            e.contains("`porre`") && e.contains("pres=") && e.contains("part="),
            "{e}"
        );
        let e = err(
            "trarre ; pres=traggo,trai,trae,traiamo,traete,traggono part=tratto",
            "it",
        );
        assert!(e.contains("ger=") && !e.contains("part="), "{e}");
        // `correre` is an ordinary -ere verb.
        assert_eq!(tags("correre ; part=corso", "it", "correrò"), FIN);
    }

    #[test]
    fn gerund_override_gives_imperfect() {
        let v = "fare ; pres=faccio,fai,fa,facciamo,fate,fanno ger=facendo part=fatto fut=far";
        assert_eq!(tags(v, "it", "facendo"), GER);
        assert_eq!(tags(v, "it", "facendolo"), GER | CL | THEM);
        assert_eq!(tags(v, "it", "facevano"), FIN);
        assert_eq!(tags(v, "it", "farò"), FIN);
        assert_eq!(tags(v, "it", "faccia"), FIN);
        assert_eq!(tags(v, "it", "facciano"), FIN);
        assert_eq!(tags(v, "it", "fatelo"), IMP | CL | THEM);
        assert!(!table(v, "it").contains_key("favo"));
    }

    #[test]
    fn several_participles() {
        let v = "seppellire ; isc part=sepolto,seppellito";
        assert_eq!(tags(v, "it", "sepolti"), PART);
        assert_eq!(tags(v, "it", "seppellite"), PART | FIN | IMP);
        assert_eq!(tags(v, "it", "seppellisco"), FIN);
    }

    #[test]
    fn italian_errors() {
        let e = err("ammazzar", "it");
        assert!(e.contains("`ammazzar`") && e.contains("-are"), "{e}");
        let e = err("ammazzare ; foo", "it");
        assert!(e.contains("`foo`"), "{e}");
        let e = err("ammazzare ; past=ammazzai", "it");
        assert!(e.contains("`past`"), "{e}");
        let e = err("morire ; pres=muoio,muori", "it");
        assert!(e.contains('6') && e.contains("got 2"), "{e}");
        let e = err("ammazzare ; isc", "it");
        assert!(e.contains("isc") && e.contains("`ammazzare`"), "{e}");
        assert!(err("colpire ; isc=yes", "it").contains("isc"));
        let e = err("buttare fuori", "it");
        assert!(e.contains("`buttare fuori`"), "{e}");
        assert!(err("Ammazzare", "it").contains("lower case"));
        assert!(err("", "it").contains("empty"));
        assert!(err("  ; isc", "it").contains("empty"));
        assert!(err("uccidere ; part=uccis", "it").contains("`uccis`"));
        assert!(err("uccidere ; part", "it").contains("`part`"));
        assert!(err("uccidere ; part=", "it").contains("empty"));
        assert!(err("uccidere ; part=ucciso,,", "it").contains("empty"));
        assert!(err("uccidere ; part=ucciso part=ucciso", "it").contains("twice"));
        assert!(err("morire ; fut=morrò", "it").contains("`morrò`"));
        assert!(parse_verb("fare ; ger=facendo", "it").is_ok());
        assert!(err("fare ; ger=facente", "it").contains("`facente`"));
        assert!(err("fare ; imp=fa,fai", "it").contains("one form"));
        assert!(err("fare ; sub=a,b,c", "it").contains("got 3"));
        assert!(err("are", "it").contains("stem"));
        assert!(err("ammazzare", "fr").contains("`fr`"));
        assert!(!err("ammazzare ; foo", "it").contains('\n'));
    }

    #[test]
    fn english_regular() {
        let v = "kill";
        assert_eq!(tags(v, "en", "kill"), INF | FIN | IMP);
        assert_eq!(tags(v, "en", "kills"), FIN);
        assert_eq!(tags(v, "en", "killed"), FIN | PART);
        assert_eq!(tags(v, "en", "killing"), GER);
        assert_eq!(table(v, "en").len(), 4);
        assert_eq!(tags("stab", "en", "stabbed"), FIN | PART);
        assert_eq!(tags("stab", "en", "stabbing"), GER);
        assert_eq!(tags("stab", "en", "stabs"), FIN);
        assert_eq!(tags("hang", "en", "hanging"), GER);
        assert_eq!(tags("strangle", "en", "strangling"), GER);
        assert_eq!(tags("strangle", "en", "strangled"), FIN | PART);
        assert_eq!(tags("burn", "en", "burning"), GER);
        assert_eq!(tags("burn", "en", "burned"), FIN | PART);
        assert_eq!(tags("die", "en", "dying"), GER);
        assert_eq!(tags("die", "en", "died"), FIN | PART);
        assert_eq!(tags("die", "en", "dies"), FIN);
        assert_eq!(tags("bury", "en", "buries"), FIN);
        assert_eq!(tags("bury", "en", "buried"), FIN | PART);
        assert_eq!(tags("bury", "en", "burying"), GER);
        assert_eq!(tags("slay", "en", "slays"), FIN);
        assert_eq!(tags("destroy", "en", "destroyed"), FIN | PART);
        assert_eq!(tags("punch", "en", "punches"), FIN);
        assert_eq!(tags("lynch", "en", "lynches"), FIN);
        assert_eq!(tags("gas", "en", "gases"), FIN);
        assert_eq!(tags("gas", "en", "gassed"), FIN | PART);
        assert_eq!(tags("gas", "en", "gassing"), GER);
        assert_eq!(tags("torpedo", "en", "torpedoes"), FIN);
        assert_eq!(tags("quit", "en", "quitting"), GER);
        assert_eq!(tags("whip", "en", "whipped"), FIN | PART);
        assert_eq!(tags("see", "en", "seeing"), GER);
        assert_eq!(tags("dye", "en", "dyeing"), GER);
        assert_eq!(tags("massacre", "en", "massacring"), GER);
        assert_eq!(tags("massacre", "en", "massacred"), FIN | PART);
        // No doubling: two vowels, two final consonants, several syllables, w/x/y.
        for (base, past) in [
            ("shoot", "shooted"),
            ("beat", "beated"),
            ("kick", "kicked"),
            ("bomb", "bombed"),
            ("murder", "murdered"),
            ("visit", "visited"),
            ("follow", "followed"),
            ("tax", "taxed"),
        ] {
            assert_eq!(tags(base, "en", past), FIN | PART, "{base}");
        }
    }

    #[test]
    fn english_overrides() {
        let v = "shoot ; past=shot part=shot";
        assert_eq!(tags(v, "en", "shot"), FIN | PART);
        assert_eq!(tags(v, "en", "shooting"), GER);
        assert_eq!(tags(v, "en", "shoots"), FIN);
        assert!(!table(v, "en").contains_key("shooted"));
        let v = "beat ; past=beat part=beaten";
        assert_eq!(tags(v, "en", "beat"), INF | FIN | IMP);
        assert_eq!(tags(v, "en", "beaten"), PART);
        let v = "hang ; past=hanged,hung part=hanged,hung";
        assert_eq!(tags(v, "en", "hanged"), FIN | PART);
        assert_eq!(tags(v, "en", "hung"), FIN | PART);
        let v = "kidnap ; past=kidnapped ing=kidnapping third=kidnaps";
        assert_eq!(tags(v, "en", "kidnapped"), FIN | PART);
        assert_eq!(tags(v, "en", "kidnapping"), GER);
        assert_eq!(tags(v, "en", "kidnaps"), FIN);
        assert_eq!(
            tags("hit ; past=hit part=hit", "en", "hit"),
            INF | FIN | IMP | PART
        );
    }

    #[test]
    fn english_errors() {
        assert!(err("kill ; isc", "en").contains("`isc`"));
        assert!(err("kill ; pres=a,b,c,d,e,f", "en").contains("`pres`"));
        assert!(err("kill ; past", "en").contains("`past`"));
        assert!(err("kick out", "en").contains("`kick out`"));
        assert!(err("shoot ; past=Shot", "en").contains("`Shot`"));
    }

    #[test]
    fn selectors() {
        assert_eq!(selector("inf"), Ok(INF));
        assert_eq!(selector("inf+you"), Ok(INF | YOU));
        assert_eq!(selector("part"), Ok(PART));
        assert_eq!(selector("fin"), Ok(FIN));
        assert_eq!(selector("imp+cl+them"), Ok(IMP | CL | THEM));
        assert_eq!(selector("ger+cl"), Ok(GER | CL));
        let e = selector("infinitive").unwrap_err();
        assert!(e.contains("`infinitive`"), "{e}");
        assert!(selector("").unwrap_err().contains("empty"));
        assert!(selector("inf+").unwrap_err().contains("`inf+`"));
    }

    #[test]
    fn selectors_filter_forms() {
        assert_eq!(
            selected("ammazzare", "it", "inf+you"),
            ["ammazzarti", "ammazzarvi"]
        );
        assert_eq!(
            selected("ammazzare", "it", "part"),
            ["ammazzata", "ammazzate", "ammazzati", "ammazzato"]
        );
        assert_eq!(
            selected("ammazzare", "it", "ger+you"),
            ["ammazzandoti", "ammazzandovi"]
        );
        assert_eq!(selected("ammazzare", "it", "imp+them").len(), 3 * 6);
        assert_eq!(
            selected("ammazzare", "it", "imp+you"),
            [
                "ammazzatevi",
                "ammazzati",
                "ammazzavi",
                "ammazziamoti",
                "ammazziamovi"
            ]
        );
        let t = table("ammazzare", "it");
        for wrong in [
            "ammazzasi",
            "ammazzateti",
            "ammazzatesi",
            "ammazziamomi",
            "ammazziamosi",
        ] {
            assert!(!t.contains_key(wrong), "{wrong}");
        }
        assert_eq!(tags("ammazzare", "it", "ammazziamoci"), IMP | CL);
        assert_eq!(selected("ammazzare", "it", "inf").len(), 1 + CLITICS.len());
        assert_eq!(selected("kill", "en", "fin"), ["kill", "killed", "kills"]);
        assert_eq!(selected("kill", "en", "imp"), ["kill"]);
        assert!(selected("kill", "en", "cl").is_empty());
        // Selectors that no form satisfies together select nothing.
        assert!(selected("ammazzare", "it", "inf+ger").is_empty());
        let all = forms(&parse_verb("ammazzare", "it").unwrap()).len();
        assert!(all > 70, "{all}");
    }

    #[test]
    fn shipped_verb_files_parse() {
        let files = [
            (
                "it/verbs/harm.txt",
                "it",
                include_str!("../lexicons/it/verbs/harm.txt"),
            ),
            (
                "it/verbs/destroy.txt",
                "it",
                include_str!("../lexicons/it/verbs/destroy.txt"),
            ),
            (
                "it/verbs/die.txt",
                "it",
                include_str!("../lexicons/it/verbs/die.txt"),
            ),
            (
                "it/verbs/expel.txt",
                "it",
                include_str!("../lexicons/it/verbs/expel.txt"),
            ),
            (
                "it/verbs/seek.txt",
                "it",
                include_str!("../lexicons/it/verbs/seek.txt"),
            ),
            (
                "en/verbs/harm.txt",
                "en",
                include_str!("../lexicons/en/verbs/harm.txt"),
            ),
            (
                "en/verbs/destroy.txt",
                "en",
                include_str!("../lexicons/en/verbs/destroy.txt"),
            ),
            (
                "en/verbs/die.txt",
                "en",
                include_str!("../lexicons/en/verbs/die.txt"),
            ),
            (
                "en/verbs/expel.txt",
                "en",
                include_str!("../lexicons/en/verbs/expel.txt"),
            ),
            (
                "en/verbs/seek.txt",
                "en",
                include_str!("../lexicons/en/verbs/seek.txt"),
            ),
        ];
        for (name, lang, text) in files {
            let mut bases = std::collections::HashSet::new();
            let mut count = 0;
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let verb =
                    parse_verb(line, lang).unwrap_or_else(|e| panic!("{name}:{}: {e}", n + 1));
                assert!(
                    bases.insert(verb.base.clone()),
                    "{name}:{}: repeated verb",
                    n + 1
                );
                let forms = forms(&verb);
                assert!(forms.len() >= 3, "{name}:{}: too few forms", n + 1);
                for sel in ["inf", "part", "fin", "ger"] {
                    let mask = selector(sel).unwrap();
                    assert!(
                        forms.iter().any(|f| f.tags & mask == mask),
                        "{name}:{}: no `{sel}` form",
                        n + 1
                    );
                }
                count += 1;
            }
            assert!(count > 0, "{name} lists no verb");
            assert!(
                text.contains("Written by hand for galateo"),
                "{name} header"
            );
            assert!(text.contains("MIT OR Apache-2.0"), "{name} header");
        }
    }
}
