//! What comes in: a comment and its context.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A comment to moderate, with whatever context the caller has.
///
/// Only the text is required. The instant drives staffed hours and review deadlines; the
/// author drives identity rules and escalation. The post and the channel are carried so that
/// callers keep one record per comment; no detector of this version reads them yet.
///
/// ```
/// use galateo::{Author, Comment};
///
/// let comment = Comment::new("Quando riapre la biblioteca?")
///     .with_author(Author::new("u1", "Giulia Bianchi"))
///     .with_at("2026-03-02T10:15:00+01:00".parse().unwrap())
///     .with_channel("facebook");
/// assert_eq!(comment.author.as_ref().unwrap().name, "Giulia Bianchi");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Comment {
    /// The comment's text.
    pub text: String,
    /// Who wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// When it was posted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
    /// The post it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<Post>,
    /// The channel it was posted on, e.g. `facebook`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

impl Comment {
    /// A comment with no context.
    ///
    /// ```
    /// let comment = galateo::Comment::new("Grazie!");
    /// assert!(comment.author.is_none() && comment.at.is_none());
    /// ```
    pub fn new(text: impl Into<String>) -> Comment {
        Comment {
            text: text.into(),
            ..Comment::default()
        }
    }

    /// Sets the author.
    pub fn with_author(mut self, author: Author) -> Comment {
        self.author = Some(author);
        self
    }

    /// Sets the instant it was posted.
    pub fn with_at(mut self, at: Timestamp) -> Comment {
        self.at = Some(at);
        self
    }

    /// Sets the post it answers.
    ///
    /// ```
    /// let comment = galateo::Comment::new("Quando finiscono?")
    ///     .with_post(galateo::Post::new("Lavori in Piazza Grande", "Da lunedì…"));
    /// assert_eq!(comment.post.unwrap().title, "Lavori in Piazza Grande");
    /// ```
    pub fn with_post(mut self, post: Post) -> Comment {
        self.post = Some(post);
        self
    }

    /// The author's id, when the comment has an author with one: what the escalation ledger
    /// keys its records on.
    ///
    /// ```
    /// use galateo::{Author, Comment};
    ///
    /// assert_eq!(Comment::new("x").with_author(Author::new("u1", "Mario")).author_id(), Some("u1"));
    /// assert_eq!(Comment::new("x").with_author(Author::named("Mario")).author_id(), None);
    /// ```
    pub fn author_id(&self) -> Option<&str> {
        self.author.as_ref().and_then(|a| a.id.as_deref())
    }

    /// Sets the channel.
    pub fn with_channel(mut self, channel: impl Into<String>) -> Comment {
        self.channel = Some(channel.into());
        self
    }
}

/// The author of a comment as the platform shows them.
///
/// ```
/// let author = galateo::Author::new("1234", "Mario Rossi");
/// assert_eq!(author.id.as_deref(), Some("1234"));
///
/// // A platform that gives only a display name gives no id: such authors share no record.
/// let named: galateo::Author = serde_json::from_str(r#"{"name": "Mario Rossi"}"#).unwrap();
/// assert_eq!(named.id, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Author {
    /// The platform's stable id for the author, when it gives one (the escalation ledger
    /// keys its records on it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The display name.
    #[serde(default)]
    pub name: String,
}

impl Author {
    /// An author from an id and a display name.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Author {
        Author {
            id: Some(id.into()),
            name: name.into(),
        }
    }

    /// An author known only by a display name.
    ///
    /// ```
    /// assert_eq!(galateo::Author::named("Mario Rossi").id, None);
    /// ```
    pub fn named(name: impl Into<String>) -> Author {
        Author {
            id: None,
            name: name.into(),
        }
    }
}

/// The post a comment answers.
///
/// ```
/// let post = galateo::Post::new("Lavori in Piazza Grande", "Da lunedì…");
/// assert_eq!(post.title, "Lavori in Piazza Grande");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Post {
    /// The post's title.
    #[serde(default)]
    pub title: String,
    /// The post's text.
    #[serde(default)]
    pub text: String,
}

impl Post {
    /// A post from its title and text.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Post {
        Post {
            title: title.into(),
            text: text.into(),
        }
    }
}
