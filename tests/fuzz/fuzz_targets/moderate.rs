//! A comment with its context (author, instant anywhere in jiff's range, post, channel)
//! moderated by both shipped presets: the checks of `classify`, and a review deadline never
//! before the comment's instant.

#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use galateo::{Author, Comment, Moderator, Policy, Post};
use libfuzzer_sys::fuzz_target;

static MODERATORS: LazyLock<Vec<Moderator>> = LazyLock::new(|| {
    Policy::presets()
        .iter()
        .map(|id| Moderator::new(Policy::preset(id).expect("a shipped preset loads")))
        .collect()
});

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    author: Option<(Option<String>, String)>,
    /// Seconds since the Unix epoch, clamped to jiff's range.
    at: Option<i64>,
    /// Whether `at` is taken near the present (seconds from 2026-03-02) rather than raw.
    near: bool,
    post: Option<(String, String)>,
    channel: Option<String>,
}

fuzz_target!(|input: Input| {
    let mut comment = Comment::new(input.text);
    if let Some((id, name)) = input.author {
        comment = comment.with_author(match id {
            Some(id) => Author::new(id, name),
            None => Author::named(name),
        });
    }
    if let Some(seconds) = input.at {
        let seconds = if input.near {
            galateo_fuzz::ledger_origin()
                .as_second()
                .saturating_add(seconds % (400 * 86_400))
        } else {
            seconds
        };
        comment = comment.with_at(galateo_fuzz::instant(seconds));
    }
    if let Some((title, text)) = input.post {
        comment = comment.with_post(Post::new(title, text));
    }
    if let Some(channel) = input.channel {
        comment = comment.with_channel(channel);
    }
    for moderator in MODERATORS.iter() {
        galateo_fuzz::check_comment(moderator, &comment, true);
    }
});
