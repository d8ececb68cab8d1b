//! Adversarial Unicode for the normaliser, through the public API: trigger words and personal
//! data interleaved with combining marks, zero-width and bidi controls, homoglyphs, ligatures,
//! characters whose case mapping or compatibility decomposition changes their length, and
//! characters of the input. Checks: spans on character boundaries of the original text,
//! excerpts equal to their spans, no redacted datum left, the same verdict every time.

#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use galateo::{Comment, Moderator, Policy};
use libfuzzer_sys::fuzz_target;

static MODERATORS: LazyLock<Vec<Moderator>> = LazyLock::new(|| {
    Policy::presets()
        .iter()
        .map(|id| Moderator::new(Policy::preset(id).expect("a shipped preset loads")))
        .collect()
});

/// Code points that normalisers get wrong.
const INTERESTING: &[char] = &[
    '\u{0300}',
    '\u{0301}',
    '\u{0308}',
    '\u{0327}',
    '\u{034F}',
    '\u{0345}',
    '\u{036F}',
    '\u{20DD}',
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{2060}',
    '\u{FEFF}',
    '\u{00AD}',
    '\u{180E}',
    '\u{202A}',
    '\u{202B}',
    '\u{202C}',
    '\u{202D}',
    '\u{202E}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{200E}',
    '\u{200F}',
    '\u{061C}',
    '\u{FE0F}',
    '\u{FE0E}',
    '\u{E0041}',
    '\u{E007F}',
    '\u{1F3FB}',
    '\u{0130}',
    '\u{0131}',
    '\u{00DF}',
    '\u{1E9E}',
    '\u{FB01}',
    '\u{FB03}',
    '\u{FDFA}',
    '\u{3300}',
    '\u{2126}',
    '\u{212A}',
    '\u{FF41}',
    '\u{FF29}',
    '\u{1D41A}',
    '\u{1D7CE}',
    '\u{0430}',
    '\u{043E}',
    '\u{0435}',
    '\u{03BF}',
    '\u{0391}',
    '\u{0661}',
    '\u{FF11}',
    '\u{00B9}',
    '\u{2460}',
    '\u{FF20}',
    '\u{FF0E}',
    '\u{2024}',
    '\u{3002}',
    '\u{00A0}',
    '\u{2028}',
    '\u{2029}',
    '\u{3000}',
    '\u{0085}',
    '\u{0000}',
    '\u{001B}',
    '\u{FFFD}',
    '\u{10FFFF}',
    '\u{1F1EE}',
    '\u{1F1F9}',
    '\u{1F595}',
    '\u{1F621}',
    '\u{1F4A9}',
    '\u{0149}',
    '\u{01F0}',
    '\u{0390}',
    '\u{1E96}',
    '\u{FB00}',
    '\u{2163}',
    '\u{33C2}',
    '\u{00BD}',
    '\u{2153}',
    '\u{0E33}',
    '\u{1100}',
    '\u{AC00}',
    '\u{0F77}',
    '\u{1D15E}',
    '@',
    '.',
    '/',
    ':',
    '*',
    '0',
    '1',
    '3',
    '4',
    '€',
];

/// Words and data the detectors look for.
const WORDS: &[&str] = &[
    "idiota",
    "coglione",
    "stronzo",
    "cretino",
    "vaffanculo",
    "cazzo",
    "ti ammazzo",
    "ti vengo a prendere",
    "so dove abiti",
    "immigrati",
    "froci",
    "negri",
    "zingari",
    "sono",
    "animali",
    "feccia",
    "non",
    "mai",
    "vergogna",
    "sindaco",
    "assessore",
    "347 123 4567",
    "+39 347 1234567",
    "mario.rossi@example.com",
    "chiocciola",
    "punto",
    "RSSMRA85T10A562S",
    "IT60X0542811101000000123456",
    "4111 1111 1111 1111",
    "http://",
    "https://",
    "www.",
    ".it/",
    "bit.ly",
    "via Roma 12",
    "nato il 12/03/1985",
    "192.168.1.1",
    "targa AB123CD",
    "il mio numero è",
    "whatsapp",
    "guadagna da casa",
    "idiot",
    "you",
    "are",
    " ",
    "\n",
    "'",
];

#[derive(Arbitrary, Debug)]
enum Piece {
    Interesting(u8),
    Word(u8),
    Char(char),
    /// A word with an interesting code point after each of its characters.
    Spread(u8, u8),
    Repeat(u8, u8),
}

fuzz_target!(|pieces: Vec<Piece>| {
    let mut text = String::new();
    for piece in pieces {
        let interesting = |i: u8| INTERESTING[usize::from(i) % INTERESTING.len()];
        let word = |i: u8| WORDS[usize::from(i) % WORDS.len()];
        match piece {
            Piece::Interesting(i) => text.push(interesting(i)),
            Piece::Word(i) => text.push_str(word(i)),
            Piece::Char(c) => text.push(c),
            Piece::Spread(w, i) => {
                for c in word(w).chars() {
                    text.push(c);
                    text.push(interesting(i));
                }
            }
            Piece::Repeat(i, n) => {
                for _ in 0..n % 32 {
                    text.push(interesting(i));
                }
            }
        }
        if text.len() > 8192 {
            break;
        }
    }
    let comment = Comment::new(text);
    for moderator in MODERATORS.iter() {
        galateo_fuzz::check_comment(moderator, &comment, true);
        // Upper case maps some characters to several (ß → SS): spans must follow.
        galateo_fuzz::check_comment(moderator, &Comment::new(comment.text.to_uppercase()), true);
    }
});
