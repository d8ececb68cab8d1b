//! The author recognizer: a policy that wants real names routes nicknames and organisations to
//! a person.

use std::sync::Arc;

use super::identity::{NameClass, Names};
use super::{Evidence, Recognizer, Scan, Setup};
use crate::policy::{Identity, NameRule};
use crate::{Kind, Severity};

/// Display names as a recognizer.
#[derive(Debug)]
pub(crate) struct AuthorName {
    names: Names,
    identity: Option<Identity>,
}

impl AuthorName {
    pub(crate) fn new(setup: &Setup<'_>) -> AuthorName {
        AuthorName {
            names: Names::new(),
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
            NameClass::Organisation => ("identity/organisation", identity.organisation),
        };
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
