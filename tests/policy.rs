//! The policy model: presets load, round-trip through TOML, and say what the documents say.

use galateo::{Decision, Kind, NameRule, OutsideHours, Policy, Purpose, Stance};

#[test]
fn every_preset_loads_and_round_trips() {
    for id in Policy::presets() {
        let policy = Policy::preset(id).unwrap();
        let written = policy.to_toml();
        let again =
            Policy::from_toml_str(&written).unwrap_or_else(|e| panic!("{id}: {e}\n{written}"));
        assert_eq!(again, policy, "{id} changed through a round trip");
        assert_eq!(again.to_toml(), written, "{id}: writing is not stable");
    }
}

#[test]
fn presets_can_be_listed_and_misspelt_ones_get_a_hint() {
    assert_eq!(Policy::presets()[0], "comune-livorno");
    for id in Policy::presets() {
        assert!(
            Policy::preset_source(id)
                .unwrap()
                .contains(&format!("id = \"{id}\""))
        );
    }
    let err = Policy::preset("conferenza").unwrap_err();
    assert!(
        err.to_string().starts_with("unknown preset `conferenza`"),
        "{err}"
    );
}

#[test]
fn livorno_says_what_its_document_says() {
    let p = Policy::preset("comune-livorno").unwrap();
    assert_eq!(p.meta().institution, "Comune di Livorno");
    assert_eq!(p.meta().owner, "Ufficio Comunicazione e Marketing");
    assert_eq!(p.meta().updated.unwrap().to_string(), "2024-02-27");
    let urp = p.contact("urp").unwrap();
    assert_eq!(urp.purpose, Purpose::Complaints);
    assert_eq!(urp.email.as_deref(), Some("urp@comune.livorno.it"));
    assert_eq!(urp.phones.len(), 2);
    // The source's `livomo` typo is corrected.
    assert!(
        p.contacts()
            .iter()
            .any(|c| c.email.as_deref() == Some("stampa@comune.livorno.it"))
    );
    assert!(
        !Policy::preset_source("comune-livorno")
            .unwrap()
            .contains("livomo")
    );
    // Staffed Monday to Friday, 9 to 14, in Rome.
    let s = p.schedule();
    assert_eq!(s.time_zone(), "Europe/Rome");
    let monday_10: jiff::Timestamp = "2026-03-02T10:00:00+01:00".parse().unwrap();
    let monday_15: jiff::Timestamp = "2026-03-02T15:00:00+01:00".parse().unwrap();
    let saturday: jiff::Timestamp = "2026-03-07T10:00:00+01:00".parse().unwrap();
    assert!(s.is_staffed(monday_10));
    assert!(!s.is_staffed(monday_15));
    assert!(!s.is_staffed(saturday));
    // Real names required; nicknames go to a person.
    let identity = p.identity().unwrap();
    assert_eq!(identity.require, NameRule::RealName);
    assert!(identity.nickname >= Decision::Review);
    // Every kind the document forbids has a category.
    for kind in [
        Kind::Insult,
        Kind::Vulgarity,
        Kind::Threat,
        Kind::Discrimination,
        Kind::Illegal,
        Kind::Advertising,
        Kind::PoliticalPromotion,
        Kind::Spam,
        Kind::OffTopic,
        Kind::PersonalData,
        Kind::Defamation,
        Kind::Copyright,
        Kind::PersonalCase,
        Kind::CrimeReport,
        Kind::Trolling,
        Kind::UnidentifiedAuthor,
    ] {
        assert!(
            p.category_for(kind).is_some(),
            "livorno has no category for {kind}"
        );
    }
    // Personal cases are redirected to the URP, with its address in the reply.
    let case = p.category_for(Kind::PersonalCase).unwrap();
    let reply = p.reply(case.reply.as_deref().unwrap()).unwrap();
    assert!(reply.template.as_str().contains("{contact.urp"));
}

#[test]
fn conferenza_says_what_its_document_says() {
    let p = Policy::preset("conferenza-stato-citta").unwrap();
    let s = p.schedule();
    let monday_8: jiff::Timestamp = "2026-03-02T08:00:00+01:00".parse().unwrap();
    let monday_1759: jiff::Timestamp = "2026-03-02T17:59:00+01:00".parse().unwrap();
    let monday_18: jiff::Timestamp = "2026-03-02T18:00:00+01:00".parse().unwrap();
    assert!(s.is_staffed(monday_8) && s.is_staffed(monday_1759) && !s.is_staffed(monday_18));
    assert_eq!(p.channels().len(), 1);
    assert_eq!(p.channels()[0].platform, "linkedin");
    assert!(
        p.contacts()
            .iter()
            .any(|c| c.email.as_deref() == Some("csc@governo.it"))
    );
    // The Conferenza's text has no clause on identity or personal cases.
    assert!(p.identity().is_none());
    assert!(p.category_for(Kind::PersonalCase).is_none());
    assert!(p.category_for(Kind::Misinformation).is_some());
}

#[test]
fn misinformation_never_removes_and_civic_criticism_is_protected() {
    for id in Policy::presets() {
        let p = Policy::preset(id).unwrap();
        if let Some(c) = p.category_for(Kind::Misinformation) {
            assert!(
                c.severe_decision <= Decision::Review,
                "{id}: misinformation may go past review"
            );
        }
        let critica = p.category("critica").unwrap();
        assert_eq!(critica.stance, Stance::Allowed);
        assert!(
            critica.terms.len() >= 40,
            "{id}: only {} protected terms",
            critica.terms.len()
        );
        assert!(critica.protects.contains(&Kind::Insult));
    }
}

#[test]
fn every_clause_is_enforced_or_explained() {
    for id in Policy::presets() {
        let p = Policy::preset(id).unwrap();
        for clause in p.clauses() {
            let enforcers = p.enforcers(&clause.id);
            assert!(
                enforcers.is_empty() == clause.not_checkable.is_some(),
                "{id}: clause `{}` enforcers {enforcers:?} not-checkable {:?}",
                clause.id,
                clause.not_checkable
            );
        }
    }
}

#[test]
fn outside_hours_setting_is_read() {
    let p = Policy::preset("comune-livorno").unwrap();
    let _: OutsideHours = p.schedule().outside_hours();
}

#[test]
fn a_policy_of_ones_own_is_a_toml_file() {
    let source = r#"
format = 1

[policy]
id = "comune-di-prova"
name = "Social media policy del Comune di Prova"
institution = "Comune di Prova"
owner = "Ufficio Stampa"
version = "2026-01"
clauses = ["canali"]

[[contact]]
id = "urp"
purpose = "complaints"
name = "URP"
email = "urp@comune.prova.it"

[[clause]]
id = "canali"
section = "Canali"
text = "Solo i canali elencati sono ufficiali."

[[clause]]
id = "offese"
section = "Regole"
text = "Non sono ammessi insulti."

[[category]]
id = "offese"
label = "Offese"
stance = "forbidden"
kinds = ["insult", "vulgarity"]
clause = "offese"
decision = "hide"
severe-decision = "remove"
reply = "offese"
terms = ["sciagurato+"]

[[reply]]
id = "offese"
text = "Il commento è stato nascosto ({category}). Per reclami: {contact.urp}."
"#;
    let policy = Policy::from_toml_str(source).unwrap();
    let moderator = galateo::Moderator::new(policy);
    let verdict = moderator.classify("sindaco sciagurato");
    assert_eq!(verdict.decision(), Decision::Hide);
    assert_eq!(verdict.findings()[0].rule(), "category/offese/sciagurato+");
    assert_eq!(
        verdict.reply(),
        Some("Il commento è stato nascosto (Offese). Per reclami: urp@comune.prova.it.")
    );
    // With no [schedule], always staffed; with no [escalation], never sanctions.
    let at: jiff::Timestamp = "2026-03-07T23:00:00Z".parse().unwrap();
    assert!(moderator.policy().schedule().is_staffed(at));
    let mut ledger = moderator.ledger();
    for _ in 0..10 {
        assert_eq!(ledger.record("u", &verdict, at), None);
    }
}

/// A policy adds rules, classes and allow-list phrases without Rust, and they round-trip.
#[test]
fn a_policy_adds_rules_classes_and_allowed_phrases() {
    let base = Policy::preset_source("comune-livorno").unwrap();
    let extra = r#"
[lexicon]
allow = ["bastardo frazione", "finocchi(o|) al mercato"]

[[class]]
name = "cantiere"
words = ["cantiere+", "scavo+", "ponteggio+"]

[[rule]]
id = "cantiere-minaccia"
kind = "threat"
pattern = "(ti | vi) (aspetto | aspettiamo) ~3 <cantiere>"
severity = "high"

[[rule]]
id = "sindaco-stupido"
kind = "insult"
pattern = "<addressee> (zuccone | testone)"
"#;
    let policy = Policy::from_toml_str(&format!("{base}{extra}")).unwrap();
    let again = Policy::from_toml_str(&policy.to_toml()).unwrap();
    assert_eq!(again, policy);
    let moderator = galateo::Moderator::new(policy);

    let v = moderator.classify("Vi aspetto tutti al cantiere stasera");
    assert_eq!(v.decision(), Decision::Remove, "{v}");
    assert_eq!(v.findings()[0].rule(), "rule/cantiere-minaccia");
    let v = moderator.classify("il sindaco zuccone");
    assert_eq!(v.findings()[0].kind(), Kind::Insult, "{v}");

    // The shipped insult is cancelled where the policy's phrase overlaps it, and kept elsewhere.
    let v = moderator.classify("il negozio di Bastardo, frazione di Giano dell'Umbria");
    assert_eq!(v.decision(), Decision::Publish, "{v}");
    assert_eq!(v.cancelled()[0].reason(), Some("allow-list"));
    assert!(moderator.classify("sei un bastardo").decision() >= Decision::Hide);

    // A moderator of the preset alone, built after, shares the shipped lexicons and rules but
    // none of this policy's additions.
    let plain = galateo::Moderator::new(Policy::preset("comune-livorno").unwrap());
    let rules = |text: &str| -> Vec<String> {
        let v = plain.classify(text);
        v.findings().iter().map(|f| f.rule().to_owned()).collect()
    };
    assert!(
        !rules("Vi aspetto tutti al cantiere stasera")
            .contains(&"rule/cantiere-minaccia".to_owned())
    );
    assert!(!rules("il sindaco zuccone").contains(&"rule/sindaco-stupido".to_owned()));
    let v = plain.classify("il negozio di Bastardo, frazione di Giano dell'Umbria");
    assert!(
        v.cancelled()
            .iter()
            .all(|c| c.reason() != Some("allow-list")),
        "{v}"
    );
    assert!(v.decision() > Decision::Publish, "{v}");
    // And the policy's moderator is unchanged by the other's building.
    let v = moderator.classify("il sindaco zuccone");
    assert_eq!(v.findings()[0].rule(), "rule/sindaco-stupido", "{v}");
}
