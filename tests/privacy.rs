//! What the policy's `[privacy]` table does with recognised personal data: per-kind
//! redaction operators, labels in the policy's language, public bodies' contacts left alone,
//! and the author's own data answered with the private channel.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failing test"
)]

use galateo::{Decision, Moderator, PersonalKind, Policy, RedactOperator};

/// The Livorno preset with `edit` applied to its source text.
fn livorno_with(edit: impl Fn(String) -> String) -> Moderator {
    let source = Policy::preset_source("comune-livorno").unwrap();
    let policy = Policy::from_toml_str(&edit(source.to_owned())).unwrap();
    Moderator::new(policy)
}

#[test]
fn each_kind_can_have_its_own_operator() {
    let moderator = livorno_with(|s| {
        format!(
            "{s}\n[[privacy.redaction]]\nkinds = [\"phone\"]\noperator = \"mask\"\nkeep = 2\n\n\
             [[privacy.redaction]]\nkinds = [\"iban\", \"tax-code\"]\noperator = \"remove\"\n\n\
             [[privacy.redaction]]\nkinds = [\"email\"]\noperator = \"placeholder\"\nmark = \"[email]\"\n"
        )
    });
    let privacy = moderator.policy().privacy();
    assert_eq!(
        privacy.operator(PersonalKind::Phone),
        RedactOperator::Mask { keep: 2 }
    );
    assert_eq!(privacy.operator(PersonalKind::Iban), RedactOperator::Remove);
    assert_eq!(
        privacy.operator(PersonalKind::LicensePlate),
        RedactOperator::Placeholder(None)
    );
    let v = moderator.classify("numero 347 123 4567, mail pino@example.org, targa AB123CD");
    assert_eq!(
        v.redacted().unwrap(),
        "numero *** *** **67, mail [email], targa [targa rimossa]"
    );
    let v = moderator.classify("il codice fiscale RSSMRA85M01H501Q è suo");
    assert_eq!(v.redacted().unwrap(), "il codice fiscale  è suo");
    // The round trip keeps the operators.
    let again = Policy::from_toml_str(&moderator.policy().to_toml()).unwrap();
    assert_eq!(again.privacy(), moderator.policy().privacy());
}

#[test]
fn labels_agree_and_speak_the_policy_language() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let v = moderator.classify("la targa è AB123CD e la P.IVA 01234567897");
    let redacted = v.redacted().unwrap();
    assert!(redacted.contains("[targa rimossa]"), "{redacted}");
    let v = moderator.classify("chiamate il 347 123 4567");
    assert_eq!(
        v.redacted().unwrap(),
        "chiamate il [numero di telefono rimosso]"
    );
    assert_eq!(v.findings()[0].label(), Some("numero di telefono"));

    let english = livorno_with(|s| s.replacen("languages = [\"it\"", "languages = [\"en\"", 1));
    let v = english.classify("call 347 123 4567 or targa AB123CD");
    assert_eq!(
        v.redacted().unwrap(),
        "call [phone number removed] or targa [licence plate removed]"
    );
    assert_eq!(v.findings()[0].label(), Some("phone number"));
}

#[test]
fn public_bodies_contacts_are_not_personal_data() {
    let moderator = Moderator::new(Policy::preset("conferenza-stato-citta").unwrap());
    for text in [
        "per info scrivete a urp@comune.livorno.it",
        "la PEC è protocollo@pec.comune.milano.it",
        "prenotazioni CUP: cup@asl.roma1.it",
        "scrivete a ufficio.tributi@regione.toscana.it",
        "chiamate il centralino del Comune allo 0586 280204",
        "numero verde 800 123 456",
        "l'URP risponde allo 0586 820111",
        "ministero: segreteria@interno.gov.it",
        "Per info: urp@comune.livorno.it, tel. 0586 280204",
    ] {
        let v = moderator.classify(text);
        assert_eq!(
            v.decision(),
            Decision::Publish,
            "{text}: {:?}",
            v.findings()
        );
    }
    // A person's mailbox on a public domain stays personal.
    for text in [
        "scrivete a mario.rossi@comune.livorno.it",
        "la mail della dirigente è giulia_bianchi@regione.toscana.it",
    ] {
        let v = moderator.classify(text);
        assert_eq!(
            v.findings()[0].personal_kind(),
            Some(PersonalKind::Email),
            "{text}"
        );
    }
    // A body named alone introduces nobody's line; a look-alike domain is no public body.
    for text in [
        "il comune dice che Mario ha il 347 123 4567",
        "scrivete a ordini@aspirina.it",
    ] {
        let v = moderator.classify(text);
        assert!(!v.findings().is_empty(), "{text}");
    }
    // A private number stays personal even next to the word "comune" in another clause.
    let v = moderator.classify("Il comune non risponde. Il mio vicino ha il 347 123 4567");
    assert_eq!(v.findings()[0].personal_kind(), Some(PersonalKind::Phone));
}

#[test]
fn the_authors_own_data_is_hidden_with_the_private_channel_reply() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    for text in [
        "il mio numero è 347 123 4567",
        "chiamatemi al 347 123 4567 per la pratica",
        "scrivetemi a pino.verdi@example.org",
        "my number is 347 123 4567",
    ] {
        let v = moderator.classify(text);
        assert_eq!(v.decision(), Decision::Hide, "{text}");
        assert!(v.findings()[0].is_own(), "{text}");
        let reply = v.reply().unwrap();
        assert!(reply.contains("urp@comune.livorno.it"), "{text}: {reply}");
    }
    let theirs = moderator.classify("il numero del vicino è 347 123 4567");
    assert!(!theirs.findings()[0].is_own());
    assert!(!theirs.reply().unwrap().contains("ricontattato"));
}
