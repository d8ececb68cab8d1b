//! Any bytes, read as UTF-8 (lossily), classified by both shipped presets: no panic, spans on
//! character boundaries, excerpts equal to their spans, no redacted datum left in the redacted
//! text, the same verdict twice.

#![no_main]

use std::sync::LazyLock;

use galateo::{Comment, Moderator, Policy};
use libfuzzer_sys::fuzz_target;

static MODERATORS: LazyLock<Vec<Moderator>> = LazyLock::new(|| {
    Policy::presets()
        .iter()
        .map(|id| Moderator::new(Policy::preset(id).expect("a shipped preset loads")))
        .collect()
});

fuzz_target!(|data: &[u8]| {
    let comment = Comment::new(String::from_utf8_lossy(data));
    for moderator in MODERATORS.iter() {
        galateo_fuzz::check_comment(moderator, &comment, true);
    }
});
