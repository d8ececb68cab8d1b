//! The personal-data recognizer: the finders of `personal`, minus the policy's own public
//! contacts.

use std::sync::Arc;

use super::personal::{PersonalData, PersonalMatch};
use super::{Evidence, Recognizer, Scan, Setup};
use crate::{Kind, Severity};

/// Personal data as a recognizer.
#[derive(Debug)]
pub(crate) struct Contacts {
    finders: PersonalData,
    /// The policy's public contacts, as canonical keys (lowercase e-mails, phone digits).
    public: Vec<String>,
}

impl Contacts {
    pub(crate) fn new(setup: &Setup<'_>) -> Contacts {
        let policy = setup.policy;
        let mut public: Vec<String> = policy
            .privacy
            .public
            .iter()
            .map(|p| contact_key(p))
            .collect();
        for contact in &policy.contacts {
            public.extend(contact.email.iter().map(|e| contact_key(e)));
            public.extend(contact.phones.iter().map(|p| contact_key(p)));
        }
        Contacts {
            finders: PersonalData::new(),
            public,
        }
    }
}

impl Recognizer for Contacts {
    fn recognize(&self, scan: &Scan<'_>, out: &mut Vec<Evidence>) {
        let text = scan.text;
        let mut found: Vec<PersonalMatch> = Vec::new();
        self.finders.find(text, &mut found);
        for m in &found {
            let excerpt = text.get(m.start..m.end).unwrap_or_default();
            if self.public.contains(&contact_key(excerpt)) {
                continue;
            }
            // An address is weak evidence: usually a public office, only sometimes a home.
            let severity = if m.kind.is_weak() {
                Severity::Low
            } else {
                Severity::Medium
            };
            let mut e = Evidence::new(
                Kind::PersonalData,
                Arc::from(m.kind.rule()),
                m.start..m.end,
                severity,
            );
            e.label = Some(m.kind.label_it());
            e.personal = Some(m.kind);
            out.push(e);
        }
    }
}

/// E-mails compare case-insensitively, phones by their digits (without a leading `+39`).
fn contact_key(text: &str) -> String {
    if text.contains('@') {
        return text.trim().to_lowercase();
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits
        .strip_prefix("0039")
        .or_else(|| {
            digits
                .strip_prefix("39")
                .filter(|rest| rest.len() >= 9 && (text.trim_start().starts_with('+')))
        })
        .map_or(digits.clone(), str::to_owned)
}
