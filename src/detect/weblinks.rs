//! The link recognizer: links on the policy's own domains are fine; what the others amount to
//! is decided by `links::assess`.

use std::sync::Arc;

use super::links::{self, Link, Links};
use super::{Evidence, Recognizer, Role, Scan, Setup};
use crate::{Kind, Severity};

/// Links as a recognizer.
#[derive(Debug)]
pub(crate) struct WebLinks {
    finder: Links,
    domains: Vec<String>,
}

impl WebLinks {
    pub(crate) fn new(setup: &Setup<'_>) -> WebLinks {
        WebLinks {
            finder: Links::new(),
            domains: setup.policy.meta.domains.clone(),
        }
    }
}

impl Recognizer for WebLinks {
    fn recognize(&self, scan: &Scan<'_>, out: &mut Vec<Evidence>) {
        if !scan.signals.link {
            return;
        }
        let mut found: Vec<Link> = Vec::new();
        self.finder.find(scan.text, &mut found);
        if found.is_empty() {
            return;
        }
        // Only clear promotion makes links spam; a weak marker ("gratis") is not enough.
        let promotional = out.iter().any(|e| {
            e.role == Role::Finding
                && e.cancel.is_none()
                && matches!(e.kind, Kind::Advertising | Kind::Spam)
                && e.severity > Severity::Low
        });
        for (index, rule, severity) in links::assess(&found, scan.text, &self.domains, promotional)
        {
            if let Some(link) = found.get(index) {
                out.push(Evidence::new(
                    Kind::Spam,
                    Arc::from(rule),
                    link.start..link.end,
                    severity,
                ));
            }
        }
    }
}
