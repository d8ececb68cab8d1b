//! Every forbidden category of every shipped preset can fire: for each kind the presets cover,
//! a comment written for galateo (with the context the kind needs: a post, an author, a
//! sequence of comments) that the shipped recognizers find, and the category of that kind
//! reports it. A preset category nothing can trigger would be a promise the software does not
//! keep.

#![allow(clippy::unwrap_used, reason = "test: a panic is a failing test")]

use galateo::jiff::{SignedDuration, Timestamp};
use galateo::{Author, Comment, Kind, Moderator, Policy, Post, Stance, Tracker, Verdict};

/// The comment that shows `kind`, moderated (with a tracker where the kind needs history).
fn example(moderator: &Moderator, kind: Kind) -> Verdict {
    let at: Timestamp = "2026-03-03T10:00:00+01:00".parse().unwrap();
    let text = match kind {
        Kind::Insult => "sindaco sei un idiota",
        Kind::Vulgarity => "ma che cazzo state facendo",
        Kind::Threat => "ti spacco la faccia",
        Kind::Violence => "bisognerebbe impiccarli tutti",
        Kind::Discrimination => "gli immigrati sono animali",
        Kind::Illegal => "vendo erba e cocaina, scrivimi",
        Kind::Misinformation => {
            "ATTENZIONE: l'acqua di via Roma è contaminata, non bevetela, condividete!"
        }
        Kind::Advertising => "offerta imperdibile: sconto del 50% sul mio negozio online",
        Kind::PoliticalPromotion => "Alle prossime elezioni votate la Lega!",
        Kind::Spam => "sub4sub, iscrivetevi al mio canale",
        Kind::PersonalData => "il numero di Mario Rossi è 347 123 4567",
        Kind::SensitiveData => "Quel signore del terzo piano è sieropositivo",
        Kind::Defamation => {
            "Il dirigente dell'ufficio tecnico, l'ing. Mario Neri, ha rubato i soldi della mensa"
        }
        Kind::Copyright => "film completo gratis qui, senza abbonamento",
        Kind::PersonalCase => {
            "la mia pratica per il contributo affitto è ferma da mesi, il mio codice pratica è 1234"
        }
        Kind::CrimeReport => "mi hanno rubato la bici davanti alla stazione",
        Kind::Emergency => "Un uomo è caduto nello scavo del cantiere e non si muove!",
        Kind::OffTopic => {
            let post = Post::new(
                "Lavori in via Grande",
                "Da lunedì chiude al traffico il tratto tra piazza Grande e piazza Colonnella per il rifacimento della pavimentazione.",
            );
            let comment = Comment::new(
                "Stasera la partita decide il campionato, secondo me l'allenatore sbaglia formazione e il portiere nuovo è scarso",
            )
            .with_post(post)
            .with_at(at);
            return moderator.moderate(&comment);
        }
        Kind::Trolling => {
            let mut tracker = Tracker::new();
            let mut verdict = None;
            for i in 0..8 {
                let comment = Comment::new(format!("e allora il porto? risposta numero {i}"))
                    .with_author(Author::new("u1", "Mario Rossi"))
                    .with_thread("post-1")
                    .with_at(at.checked_add(SignedDuration::from_mins(i)).unwrap());
                verdict = Some(moderator.moderate_tracked(&comment, &mut tracker));
            }
            return verdict.unwrap();
        }
        Kind::UnidentifiedAuthor => {
            let comment = Comment::new("quando riaprono la biblioteca?")
                .with_author(Author::new("u2", "xXdarkXx"))
                .with_at(at);
            return moderator.moderate(&comment);
        }
        other => panic!("no example for kind `{other}`: add one"),
    };
    moderator.moderate(&Comment::new(text).with_at(at))
}

#[test]
fn every_category_of_every_preset_can_fire() {
    for id in Policy::presets() {
        let policy = Policy::preset(id).unwrap();
        let forbidden: Vec<_> = policy
            .categories()
            .iter()
            .filter(|c| c.stance == Stance::Forbidden)
            .cloned()
            .collect();
        let moderator = Moderator::new(policy);
        for category in forbidden {
            for kind in &category.kinds {
                let verdict = example(&moderator, *kind);
                assert!(
                    verdict
                        .findings()
                        .iter()
                        .any(|f| f.kind() == *kind && f.category() == category.id),
                    "{id}: category `{}` did not fire on its `{kind}` example: {verdict}",
                    category.id
                );
            }
        }
    }
}

/// No preset warns that a category of its own can never fire.
#[test]
fn no_preset_category_is_unreachable() {
    for id in Policy::presets() {
        let policy = Policy::preset(id).unwrap();
        let unreachable: Vec<String> = policy
            .warnings()
            .iter()
            .filter(|w| w.message().starts_with("nothing can trigger"))
            .map(ToString::to_string)
            .collect();
        assert!(unreachable.is_empty(), "{id}: {unreachable:?}");
    }
}
