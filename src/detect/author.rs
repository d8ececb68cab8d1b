//! The author recognizer: a policy that wants real names routes nicknames, initials and
//! organisations to a person, unless the comment itself names its author.
//!
//! The display name is read by [`Names::classify`]; a name that is not a first and last name
//! gives one `unidentified-author` finding, with no span (it is about the author, not the
//! text) and the display name as its excerpt:
//!
//! | reading | rule | at most |
//! |---|---|---|
//! | nickname ("xXlupo88Xx", "Gatto Nero") | `identity/nickname` | the policy's `identity.nickname` |
//! | initials ("Mario R.", "M. Rossi") | `identity/initials` | `identity.nickname`, and review |
//! | organisation ("Pizzeria Da Mario") | `identity/organisation` | `identity.organisation`, and review |
//!
//! The evidence is of low severity, so the judge takes none of them past review whatever
//! the category says: a display name is all there is, and the policy's answer to a profile
//! that does not identify itself is that "the administrators evaluate". Initials and
//! organisations are capped at review here as well, so that they stay there even for a
//! policy that decides more for nicknames: initials do name a person, and an organisation
//! is a known subject, just not the person who writes.
//!
//! The policy asks those profiles to identify themselves "each time they intervene", so a
//! comment whose text does ([`Names::introduces`]: "Sono Paolo Neri, presidente del Comitato
//! Via Grande", "mi chiamo …", a signature line) satisfies the rule and gives no finding.

use std::sync::Arc;

use super::identity::{NameClass, Names};
use super::{Evidence, Recognizer, Scan, Setup};
use crate::policy::{Identity, NameRule};
use crate::{Decision, Kind, Severity};

/// Display names as a recognizer.
#[derive(Debug)]
pub(crate) struct AuthorName {
    names: Arc<Names>,
    identity: Option<Identity>,
}

impl AuthorName {
    pub(crate) fn new(setup: &Setup<'_>) -> AuthorName {
        AuthorName {
            names: Names::shipped(),
            identity: setup.policy.identity().cloned(),
        }
    }
}

impl Recognizer for AuthorName {
    fn recognize(&self, scan: &Scan<'_>, out: &mut Vec<Evidence>) {
        let Some(identity) = &self.identity else {
            return;
        };
        if identity.require != NameRule::RealName {
            return;
        }
        // A platform that gives no name gives nothing to judge.
        let Some(author) = scan
            .comment
            .author
            .as_ref()
            .filter(|a| !a.name.trim().is_empty())
        else {
            return;
        };
        let (rule, decision) = match self.names.classify(&author.name) {
            NameClass::RealName => return,
            NameClass::Nickname => ("identity/nickname", identity.nickname),
            NameClass::Initials => ("identity/initials", identity.nickname.min(Decision::Review)),
            NameClass::Organisation => (
                "identity/organisation",
                identity.organisation.min(Decision::Review),
            ),
        };
        // Read only for the few comments that need it: most authors have real names.
        if self.names.introduces(scan.text) {
            return;
        }
        let mut e = Evidence::new(
            Kind::UnidentifiedAuthor,
            Arc::from(rule),
            0..0,
            Severity::Low,
        );
        e.excerpt = Some(author.name.clone());
        e.cap = Some(decision);
        out.push(e);
    }
}
