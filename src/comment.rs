//! What comes in: a comment and its context.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A comment to moderate, with whatever context the caller has.
///
/// Only the text is required. The instant drives staffed hours and review deadlines; the
/// author drives identity rules and escalation; the thread (or the post) groups comments for a
/// [`Tracker`](crate::Tracker); the post's title and text are what off-topic comments are told
/// from (no post, no off-topic finding). The channel is carried so that callers keep one record
/// per comment; no detector of this version reads it.
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
    /// The thread it belongs to, as the platform names it: what a [`Tracker`](crate::Tracker)
    /// groups an author's comments by. When absent, the post's id or title stands for it (see
    /// [`thread_key`](Comment::thread_key)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
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

    /// Sets the thread.
    ///
    /// ```
    /// let comment = galateo::Comment::new("E il parcheggio?").with_thread("post-42/reply-7");
    /// assert_eq!(comment.thread_key(), Some("post-42/reply-7"));
    /// ```
    pub fn with_thread(mut self, thread: impl Into<String>) -> Comment {
        self.thread = Some(thread.into());
        self
    }

    /// What identifies the comment's thread: its [`thread`](Comment::thread), else its post's
    /// id, else its post's title; `None` when it has none of them (an empty string counts as
    /// none).
    ///
    /// ```
    /// use galateo::{Comment, Post};
    ///
    /// let post = Post::new("Lavori in Piazza Grande", "Da lunedì…");
    /// assert_eq!(Comment::new("x").with_post(post.clone()).thread_key(), Some("Lavori in Piazza Grande"));
    /// let post = post.with_id("p-1");
    /// assert_eq!(Comment::new("x").with_post(post.clone()).thread_key(), Some("p-1"));
    /// assert_eq!(Comment::new("x").with_post(post).with_thread("t-9").thread_key(), Some("t-9"));
    /// assert_eq!(Comment::new("x").thread_key(), None);
    /// ```
    pub fn thread_key(&self) -> Option<&str> {
        given(self.thread.as_deref()).or_else(|| {
            let post = self.post.as_ref()?;
            given(post.id.as_deref()).or_else(|| given(Some(post.title.as_str())))
        })
    }
}

/// `s`, unless it is empty.
fn given(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
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
    /// The platform's id for the post, when the caller has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl Post {
    /// A post from its title and text.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Post {
        Post {
            title: title.into(),
            text: text.into(),
            id: None,
        }
    }

    /// Sets the post's id.
    ///
    /// ```
    /// let post = galateo::Post::new("Lavori in Piazza Grande", "").with_id("p-1");
    /// assert_eq!(post.id.as_deref(), Some("p-1"));
    /// ```
    pub fn with_id(mut self, id: impl Into<String>) -> Post {
        self.id = Some(id.into());
        self
    }
}
