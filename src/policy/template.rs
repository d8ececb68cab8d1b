//! Reply templates: text with `{placeholders}` filled from the policy.

use super::{Category, Contact, Policy};

/// A reply to the author, with placeholders checked when the policy is loaded.
///
/// Placeholders: `{contact.ID}` (the contact's e-mail, else its first phone, else its page),
/// `{contact.ID.email}`, `{contact.ID.phone}`, `{contact.ID.name}`, `{contact.ID.url}`,
/// `{policy.name}`, `{policy.institution}`, `{policy.source}`, `{category}` (the label of the
/// category that decided) and `{clause}` (the title of the clause that category enforces: its
/// section, or its id when it has none; empty in a greeting or closing, which belong to no
/// category). `{{` and `}}` write literal braces.
///
/// ```
/// let policy = galateo::Policy::preset("comune-livorno")?;
/// let reply = policy.replies().first().unwrap();
/// assert!(!reply.template.as_str().is_empty());
/// # Ok::<(), galateo::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    source: String,
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Contact(String, ContactField),
    PolicyName,
    PolicyInstitution,
    PolicySource,
    Category,
    Clause,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ContactField {
    Best,
    Email,
    Phone,
    Name,
    Url,
}

impl ContactField {
    /// The detail of `contact` this field names; loading rejects a template where it is
    /// missing, so rendering never writes an empty placeholder.
    fn value(self, contact: &Contact) -> Option<&str> {
        let phone = contact.phones.first().map(String::as_str);
        match self {
            ContactField::Best => contact
                .email
                .as_deref()
                .or(phone)
                .or(contact.url.as_deref()),
            ContactField::Email => contact.email.as_deref(),
            ContactField::Phone => phone,
            ContactField::Name => Some(contact.name.as_str()),
            ContactField::Url => contact.url.as_deref(),
        }
    }
}

/// A template problem: byte offset into the template text and message.
pub(crate) type TemplateError = (usize, String);

impl Template {
    /// Parses `source`, checking that every contact it names is in `contacts` and has the field
    /// named, so no placeholder renders empty.
    pub(crate) fn parse(
        source: &str,
        contacts: &[Contact],
        has_source: bool,
    ) -> Result<Template, Vec<TemplateError>> {
        let mut parts = Vec::new();
        let mut errors = Vec::new();
        let mut text = String::new();
        let mut rest = source.char_indices().peekable();
        while let Some((at, c)) = rest.next() {
            match c {
                '{' if rest.peek().map(|(_, n)| *n) == Some('{') => {
                    rest.next();
                    text.push('{');
                }
                '}' if rest.peek().map(|(_, n)| *n) == Some('}') => {
                    rest.next();
                    text.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    let mut closed = false;
                    for (_, n) in rest.by_ref() {
                        if n == '}' {
                            closed = true;
                            break;
                        }
                        name.push(n);
                    }
                    if !closed {
                        errors.push((at, "unclosed `{` in reply template".to_owned()));
                        break;
                    }
                    match placeholder(&name, contacts, has_source) {
                        Ok(part) => {
                            if !text.is_empty() {
                                parts.push(Part::Text(std::mem::take(&mut text)));
                            }
                            parts.push(part);
                        }
                        Err(message) => errors.push((at, message)),
                    }
                }
                '}' => errors.push((
                    at,
                    "unmatched `}` in reply template (write `}}`)".to_owned(),
                )),
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        if errors.is_empty() {
            Ok(Template {
                source: source.to_owned(),
                parts,
            })
        } else {
            Err(errors)
        }
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Fills the placeholders.
    pub(crate) fn render(&self, policy: &Policy, category: Option<&Category>) -> String {
        let mut out = String::with_capacity(self.source.len() + 32);
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::PolicyName => out.push_str(&policy.meta.name),
                Part::PolicyInstitution => out.push_str(&policy.meta.institution),
                Part::PolicySource => out.push_str(policy.meta.source.as_deref().unwrap_or("")),
                Part::Category => out.push_str(category.map_or("", |c| c.label.as_str())),
                Part::Clause => {
                    if let Some(c) = category {
                        let title = policy
                            .clause(&c.clause)
                            .map(|clause| clause.section.as_str())
                            .filter(|s| !s.is_empty())
                            .unwrap_or(c.clause.as_str());
                        out.push_str(title);
                    }
                }
                Part::Contact(id, field) => {
                    if let Some(value) = policy.contact(id).and_then(|c| field.value(c)) {
                        out.push_str(value);
                    }
                }
            }
        }
        out
    }
}

fn placeholder(name: &str, contacts: &[Contact], has_source: bool) -> Result<Part, String> {
    let name = name.trim();
    match name {
        "policy.name" => return Ok(Part::PolicyName),
        "policy.institution" => return Ok(Part::PolicyInstitution),
        "policy.source" if has_source => return Ok(Part::PolicySource),
        "policy.source" => {
            return Err("`{policy.source}` needs `source` in `[policy]`".to_owned());
        }
        "category" => return Ok(Part::Category),
        "clause" => return Ok(Part::Clause),
        _ => {}
    }
    let Some(rest) = name.strip_prefix("contact.") else {
        return Err(format!(
            "unknown placeholder `{{{name}}}` in reply template"
        ));
    };
    let (id, field) = match rest.split_once('.') {
        None => (rest, ContactField::Best),
        Some((id, "email")) => (id, ContactField::Email),
        Some((id, "phone")) => (id, ContactField::Phone),
        Some((id, "name")) => (id, ContactField::Name),
        Some((id, "url")) => (id, ContactField::Url),
        Some((_, other)) => {
            return Err(format!(
                "unknown contact field `{other}` in reply template (use `email`, `phone`, `name` or `url`)"
            ));
        }
    };
    let Some(contact) = contacts.iter().find(|c| c.id == id) else {
        let hint = super::suggest(id, contacts.iter().map(|c| c.id.as_str()))
            .map(|h| format!(" (did you mean `{h}`?)"))
            .unwrap_or_default();
        return Err(format!("reply template names missing contact `{id}`{hint}"));
    };
    if field.value(contact).is_none() {
        return Err(format!(
            "`{{{name}}}` would be empty: contact `{id}` has no such detail"
        ));
    }
    Ok(Part::Contact(id.to_owned(), field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Purpose;

    fn urp() -> Vec<Contact> {
        vec![Contact {
            id: "urp".into(),
            purpose: Purpose::Complaints,
            name: "URP".into(),
            email: Some("urp@example.it".into()),
            phones: Vec::new(),
            url: None,
            clause: None,
        }]
    }

    #[test]
    fn parses_placeholders_and_escapes() {
        let t = Template::parse("Scrivi a {contact.urp} {{ok}}", &urp(), false).unwrap();
        assert_eq!(t.parts.len(), 3);
        assert_eq!(t.parts[2], Part::Text(" {ok}".into()));
    }

    #[test]
    fn reports_missing_contact_with_offset() {
        let errors = Template::parse("ciao {contact.upr.email}", &urp(), false).unwrap_err();
        assert_eq!(errors[0].0, 5);
        assert!(
            errors[0].1.contains("missing contact `upr`"),
            "{}",
            errors[0].1
        );
        assert!(errors[0].1.contains("did you mean `urp`"));
    }

    #[test]
    fn reports_unknown_placeholders_and_unclosed() {
        assert!(Template::parse("{nome}", &[], false).is_err());
        assert!(Template::parse("{contact.urp.fax}", &urp(), false).is_err());
        assert!(Template::parse("a { b", &[], false).is_err());
        assert!(Template::parse("a } b", &[], false).is_err());
    }

    #[test]
    fn rejects_placeholders_that_would_render_empty() {
        let errors = Template::parse("chiama {contact.urp.phone}", &urp(), false).unwrap_err();
        assert!(errors[0].1.contains("would be empty"), "{}", errors[0].1);
        assert!(Template::parse("{contact.urp.email} {contact.urp.name}", &urp(), false).is_ok());
        assert!(Template::parse("vedi {policy.source}", &urp(), false).is_err());
        assert!(Template::parse("vedi {policy.source}", &urp(), true).is_ok());
    }
}
