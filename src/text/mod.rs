//! The canonical text every detector reads, and the way back to the original.
//!
//! Comments on an institution's page are written by people who know words are filtered, so the
//! same insult arrives as `STRONZO`, `strònzo`, `ѕtrоnzо` (Cyrillic), `𝐬𝐭𝐫𝐨𝐧𝐳𝐨`, `str0nz0`,
//! `stroooonzo`, `s.t.r.o.n.z.o` or `str\u{200B}onzo`. Rather than teach every detector every
//! trick, the comment is normalised once into a canonical text in which all of these read
//! `stronzo`, and lexicon terms go through the same function, so matching is plain string
//! matching on words.
//!
//! The canonical text is lowercase words separated by exactly one ASCII space, with no space at
//! either end. A word is a run of letters (any script) and digits. It is built as follows:
//!
//! 1. Each char of the original, left to right, becomes zero or more *atoms*: invisible chars
//!    are dropped (they do not break a word), then NFKC compatibility decomposition, combining
//!    marks removed, full lowercase with `ß` → `ss`, Cyrillic/Greek/fancy lookalikes → Latin.
//!    Every atom remembers the original byte range of the char it came from.
//! 2. Tokens (runs of letters, digits and the leet symbols `@ $ ! | €`) get their symbols
//!    resolved to letters or breaks, then each word's digits are read as leetspeak or kept as
//!    numbers (see [`resolve_digits`] for the rule), then runs of a repeated letter collapse.
//! 3. Censor marks between letters (`str*nzo`, `c***o`, `m#rda`) are kept, one `*` per mark,
//!    as wildcards of one starred word: see [`merge_censored`]. `*` is the only canonical char
//!    that is not a letter or digit, and it never starts or ends a word.
//! 4. Runs of single-letter words (`s.t.r.o.n.z.o`, `f u c k`) are joined into one word. Where
//!    a one-letter word of the language may have been swallowed by the run (`c o g l i o n e e
//!    basta`), the join also records a *soft boundary* (see [`Normalized::is_soft_boundary`]):
//!    a place inside the joined word where the lexicon may also see a word boundary.
//! 5. Words are written out with one space between them, and each canonical byte records the
//!    original range it came from, so a finding on the canonical text maps back to the exact
//!    bytes the author wrote.
//!
//! Steps 2 to 4 need to see a whole token or a run of tokens before deciding, so they work on
//! the atom buffer produced by step 1 rather than char by char; every buffer lives in
//! [`Normalized`] and is reused by [`Normalized::reset`], so the hot path does not allocate once
//! the buffers have grown to the size of the longest comment.
//!
//! Most comments give steps 2 to 4 little to do: letters, spaces, punctuation, accented
//! vowels, emoji, mentions, hashtags and numbers, with no leetspeak, disguised letters, starred
//! or stretched words or spelled-out letters. Those are written in one pass over the bytes,
//! without atoms (see [`plain`]); the first char that may matter to a later step sends the
//! comment down the full path. Both give the same text and maps, byte for byte, which the tests
//! check char by char and on generated text.
//!
//! The function is idempotent (`normalize(normalize(x)) == normalize(x)`): lexicon terms are
//! normalised with it too, and a term must match its own canonical form. Several rules below
//! are shaped by that requirement; their comments say where. Soft boundaries are not part of
//! the text and are not reproduced by normalising it again: they are a second reading of
//! spelled-out letters, which the canonical text no longer contains.

pub(crate) mod signals;
mod tables;
pub(crate) mod words;

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

pub(crate) use self::tables::is_invisible;
use self::tables::{leet, lookalike};

/// Canonical text plus a map from its bytes back to the original's.
#[derive(Clone, Debug, Default)]
pub(crate) struct Normalized {
    /// The canonical text.
    text: String,
    /// Start in the original of the char each canonical byte came from. Kept apart from `ends`
    /// and as `u32` because the map has one entry per canonical byte: two flat `u32` arrays are
    /// a quarter of a `Vec<Range<usize>>`.
    starts: Vec<u32>,
    /// End in the original of the char (or run of chars) each canonical byte came from.
    ends: Vec<u32>,
    /// Canonical byte offsets, ascending, of the vowels written with a grave or acute accent
    /// (`ò`, `é`, `e` + U+0300): folding removes the accent, but an accent on a word's last
    /// vowel tells a different word (`scemò`, it diminished, is not `scemo`).
    accents: Vec<u32>,
    /// Soft boundaries: canonical byte offsets, ascending, inside words joined from single
    /// letters, where a one-letter word may have been glued to the spelled-out word.
    soft: Vec<u32>,
    /// Whether the text holds a starred word.
    starred: bool,
    /// Working buffers, kept between calls to `reset`.
    scratch: Scratch,
}

/// Buffers reused from one comment to the next.
#[derive(Clone, Debug, Default)]
struct Scratch {
    /// The original as atoms, in order.
    atoms: Vec<Atom>,
    /// Words found in `atoms`, before single letters are joined.
    words: Vec<Word>,
    /// Words after single letters are joined: what is written out.
    joined: Vec<Word>,
    /// Atom indices, ascending, of the letters a soft boundary comes before.
    soft_atoms: Vec<usize>,
}

impl Scratch {
    /// Empties every buffer, keeping its capacity.
    fn clear(&mut self) {
        let Scratch {
            atoms,
            words,
            joined,
            soft_atoms,
        } = self;
        atoms.clear();
        words.clear();
        joined.clear();
        soft_atoms.clear();
    }
}

/// One char of the canonical alphabet, with the original range it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Atom {
    /// The folded char: lowercase, unaccented, lookalikes replaced.
    ch: char,
    /// What the char is to the later rules.
    kind: Kind,
    /// Original byte range `start..end`.
    start: u32,
    /// See `start`.
    end: u32,
    /// A vowel written with a grave or acute accent.
    accented: bool,
}

/// What an atom is to the token rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A letter, of any script; also a digit or symbol once read as leetspeak.
    Letter,
    /// An ASCII digit: a number, or leetspeak if the word around it says so.
    Digit,
    /// Any other numeric char (`٣`, `௰`): part of a word, never leetspeak.
    Numeral,
    /// `@ $ ! | €`: a letter in disguise or punctuation, decided per token.
    Symbol,
    /// A digit provisionally read as a letter, until the whole word has been checked.
    Leet,
    /// A censor mark kept inside a starred word, written `*` (see [`merge_censored`]).
    Wild,
    /// A word break.
    Break,
    /// Removed by a later rule: a collapsed repeat, the separator of joined letters.
    Gone,
}

/// A word as a range of atom indices; atoms inside it are word atoms or `Gone`.
#[derive(Clone, Copy, Debug)]
struct Word {
    /// Index of its first atom.
    first: usize,
    /// Index one past its last atom.
    end: usize,
}

/// Whether the atom belongs to a token (step 2).
fn is_token(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Letter | Kind::Digit | Kind::Numeral | Kind::Symbol
    )
}

/// Whether the atom is part of a word once symbols are resolved.
fn is_word(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Letter | Kind::Digit | Kind::Numeral | Kind::Leet | Kind::Wild
    )
}

/// The wildcard of a starred canonical word: the lexicon reads it as a hidden letter.
pub(crate) const WILDCARD: char = '*';

/// Marks that hide letters when written between them (`str*nzo`, `m#rda`, `c∗zzo`).
///
/// `.` is deliberately not one: inside words it abbreviates (`p.zza` would read `pazza`,
/// `dott.ssa`, `sig.ra`, `d.lgs`) and glues sentences (`bah...schifo`), and `_` joins user
/// names (`il_sindaco`); `-` joins compounds. Those stay word breaks.
fn is_censor_mark(c: char) -> bool {
    matches!(c, WILDCARD | '#' | '\u{2217}' | '\u{204E}' | '\u{2731}')
}

/// Neighbouring runs longer than this are words in their own right: a symbol or a digit pair
/// between two of them is glue between two words (`bravo!stronzo`, `covid19italia`), not a
/// letter of one. Evasions put their substitute inside a word, next to a short run.
const GLUE: usize = 3;

/// Separators that join three single letters into one word (`a.s.s`, `f-a-g`); a plain space
/// needs four letters, see [`join_single_letters`].
fn is_letter_separator(c: char) -> bool {
    matches!(
        c,
        '.' | '-' | '_' | '*' | '\u{00B7}' | '\u{2010}' | '\u{2013}' | '\u{2022}'
    )
}

/// Longest original that can be mapped: offsets are stored as `u32`.
const MAX_ORIGINAL: usize = u32::MAX as usize;

impl Normalized {
    /// Normalises `original`.
    pub(crate) fn new(original: &str) -> Normalized {
        let mut normalized = Normalized::default();
        normalized.reset(original);
        normalized
    }

    /// Reuses the buffers: the hot path normalises many comments with one value.
    pub(crate) fn reset(&mut self, original: &str) {
        self.clear();
        if self.try_plain(original) {
            return;
        }
        self.clear();
        self.full(original);
    }

    /// The fast path ([`plain`]) into the buffers [`Normalized::clear`] emptied; false when
    /// the text is not plain, and what it wrote is to be cleared.
    fn try_plain(&mut self, original: &str) -> bool {
        let out = PlainOut {
            text: &mut self.text,
            starts: &mut self.starts,
            ends: &mut self.ends,
            accents: &mut self.accents,
        };
        plain(original, out, &mut self.scratch.atoms)
    }

    /// Empties the canonical text, its maps and the working buffers.
    fn clear(&mut self) {
        let Normalized {
            text,
            starts,
            ends,
            accents,
            soft,
            starred,
            scratch,
        } = self;
        text.clear();
        starts.clear();
        ends.clear();
        accents.clear();
        soft.clear();
        *starred = false;
        scratch.clear();
    }

    /// Steps 1 to 5 in full, into the buffers [`Normalized::clear`] emptied.
    fn full(&mut self, original: &str) {
        let Normalized {
            text,
            starts,
            ends,
            accents,
            soft,
            starred,
            scratch:
                Scratch {
                    atoms,
                    words,
                    joined,
                    soft_atoms,
                },
        } = self;
        let marks = atomize(clamp_len(original), atoms);
        find_words(atoms, words);
        if marks {
            *starred = merge_censored(atoms, words);
        }
        join_single_letters(atoms, words, joined, soft_atoms);
        text.reserve(atoms.len());
        starts.reserve(atoms.len());
        ends.reserve(atoms.len());
        let mut push = |ch: char, start: u32, end: u32, accented: bool| {
            if accented {
                accents.push(offset(text.len()));
            }
            text.push(ch);
            for _ in 0..ch.len_utf8() {
                starts.push(start);
                ends.push(end);
            }
        };

        let mut previous: Option<Word> = None;
        for &word in joined.iter() {
            let Some(word_atoms) = atoms.get(word.first..word.end) else {
                continue;
            };
            let mut wrote = false;
            for atom in word_atoms.iter().filter(|a| is_word(a.kind)) {
                if !wrote {
                    if let Some(before) = previous {
                        let (start, end) = gap_span(atoms, before, word);
                        push(' ', start, end, false);
                    }
                    wrote = true;
                }
                push(atom.ch, atom.start, atom.end, atom.accented);
            }
            if wrote {
                previous = Some(word);
            }
        }
        if !soft_atoms.is_empty() {
            locate_soft_boundaries(atoms, joined, soft_atoms, soft);
        }
    }

    /// The canonical text.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte range that canonical bytes `start..end` came from.
    ///
    /// Always on char boundaries of the original. Out-of-range or empty input is clamped to the
    /// nearest non-empty canonical range rather than rejected: callers compute ranges from
    /// matches, and a moderation verdict is better than a panic on an off-by-one.
    pub(crate) fn original_range(&self, start: usize, end: usize) -> Range<usize> {
        let Some(last) = self.starts.len().checked_sub(1) else {
            return 0..0;
        };
        let first = start.min(last);
        let end = end.clamp(first + 1, last + 1);
        let from = self.starts.get(first).copied().unwrap_or(0);
        let to = self.ends.get(end - 1).copied().unwrap_or(from);
        let from = from as usize;
        let to = to as usize;
        from.min(to)..to.max(from)
    }

    /// Whether the canonical char that ends at byte `end` is a vowel the original wrote with a
    /// grave or acute accent: `true` at the end of `scemò`, `perché` or `e` + U+0300.
    pub(crate) fn ends_accented(&self, end: usize) -> bool {
        end.checked_sub(1)
            .and_then(|at| u32::try_from(at).ok())
            .is_some_and(|at| self.accents.binary_search(&at).is_ok())
    }

    /// Whether canonical byte `at`, inside a word, may also be read as a word boundary.
    ///
    /// Spelled-out words are joined from single letters, and a one-letter word of Italian or
    /// English (`a`, `e`, `i`, `o`, `è`) next to the run cannot be told from its last or
    /// first letter: `c o g l i o n e e basta` is `coglione e basta`, `s t r o n z o` is
    /// `stronzo`. The join keeps the whole run as one word and marks the places before the
    /// last one or two and after the first one or two letters when those letters are such
    /// words and at least four letters remain; the lexicon accepts a term ending or starting
    /// there as if the word ended or started there.
    pub(crate) fn is_soft_boundary(&self, at: usize) -> bool {
        !self.soft.is_empty()
            && u32::try_from(at).is_ok_and(|at| self.soft.binary_search(&at).is_ok())
    }

    /// Whether the canonical text holds a word with a [`WILDCARD`].
    pub(crate) fn has_starred_words(&self) -> bool {
        self.starred
    }

    /// Byte ranges of the words of the canonical text.
    #[allow(
        dead_code,
        reason = "word segmentation for phrase and proximity rules; tested here"
    )]
    pub(crate) fn words(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut offset = 0;
        self.text.split(' ').filter_map(move |word| {
            let start = offset;
            offset += word.len() + 1;
            (!word.is_empty()).then(|| start..start + word.len())
        })
    }
}

/// The canonical text alone, for lexicon terms and rules; equal to `Normalized::new(s).as_str()`.
pub(crate) fn normalize(s: &str) -> String {
    Normalized::new(s).text
}

/// Turns the atom indices of `soft_atoms` into canonical byte offsets, walking the words as
/// [`Normalized::reset`] writes them. A boundary before a letter that collapsed into its
/// neighbour is dropped.
fn locate_soft_boundaries(
    atoms: &[Atom],
    joined: &[Word],
    soft_atoms: &[usize],
    soft: &mut Vec<u32>,
) {
    let mut pending = soft_atoms.iter().copied().peekable();
    let mut at = 0;
    let mut any_word = false;
    for &word in joined {
        let Some(word_atoms) = atoms.get(word.first..word.end) else {
            continue;
        };
        let mut wrote = false;
        for (index, atom) in (word.first..)
            .zip(word_atoms)
            .filter(|(_, a)| is_word(a.kind))
        {
            if !wrote {
                if any_word {
                    at += 1;
                }
                wrote = true;
            }
            while pending.next_if(|&s| s < index).is_some() {}
            if pending.next_if_eq(&index).is_some() {
                soft.push(offset(at));
            }
            at += atom.ch.len_utf8();
        }
        any_word |= wrote;
        if pending.peek().is_none() {
            return;
        }
    }
}

/// The original range of the break between two words: the space stands for all of it.
fn gap_span(atoms: &[Atom], before: Word, after: Word) -> (u32, u32) {
    let gap = atoms.get(before.end..after.first).unwrap_or_default();
    match (gap.first(), gap.last()) {
        (Some(first), Some(last)) => (first.start, last.end),
        _ => {
            let start = atoms
                .get(before.end.wrapping_sub(1))
                .map_or(0, |atom| atom.end);
            let end = atoms.get(after.first).map_or(start, |atom| atom.start);
            (start, end.max(start))
        }
    }
}

/// The longest prefix of `s` whose offsets fit the `u32` map. Comments are far shorter; this
/// only keeps absurd input from producing offsets that wrap.
fn clamp_len(s: &str) -> &str {
    if s.len() <= MAX_ORIGINAL {
        return s;
    }
    let mut end = MAX_ORIGINAL;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

/// `pos` as a map offset; `clamp_len` guarantees it fits.
fn offset(pos: usize) -> u32 {
    u32::try_from(pos).unwrap_or(u32::MAX)
}

// ---------------------------------------------------------------------------------------------
// The fast path: plain text.

/// What a char is to [`plain`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plain {
    /// A letter: its folded ASCII lowercase, and whether it carries a grave or acute accent.
    Letter(u8, bool),
    /// `@ $ ! |`: a letter in disguise or punctuation, decided by the letters around its run.
    Symbol,
    /// An ASCII digit: plain in a number that stands between breaks, where it stays a digit.
    Digit,
    /// `*` or `#`: a break, unless only marks stand between two words (a starred word).
    Mark,
    /// A word break.
    Break,
    /// An invisible char: nothing, not even a break.
    Nothing,
    /// Anything else: the text is not plain.
    Other,
}

/// What each ASCII char is to [`plain`].
#[expect(
    clippy::indexing_slicing,
    reason = "a constant table filled for indices below its length, checked at compile time"
)]
const ASCII: [Plain; 128] = {
    let mut table = [Plain::Break; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        table[c] = match b {
            b'a'..=b'z' => Plain::Letter(b, false),
            b'A'..=b'Z' => Plain::Letter(b.to_ascii_lowercase(), false),
            b'0'..=b'9' => Plain::Digit,
            b'@' | b'$' | b'!' | b'|' => Plain::Symbol,
            b'*' | b'#' => Plain::Mark,
            _ => Plain::Break,
        };
        c += 1;
    }
    table
};

/// What a non-ASCII char is to [`plain`], read off step 1 itself: an invisible char, which
/// step 1 drops, is [`Plain::Nothing`]; one it turns into one ASCII letter (`à`, `É`, Cyrillic
/// `о`) or into breaks only (`«`, `’`, `…`, an emoji) is plain; anything else (`ß`, `²`,
/// `€`, Greek, a combining accent, a censor mark such as `∗`) is [`Plain::Other`]. `atoms` is
/// scratch.
fn plain_class(c: char, atoms: &mut Vec<Atom>) -> Plain {
    atoms.clear();
    let marks = atomize(c.encode_utf8(&mut [0; 4]), atoms);
    match (marks, atoms.as_slice()) {
        // A combining mark also makes no atom, but extends the one before it.
        (false, []) if is_invisible(c) => Plain::Nothing,
        (false, [atom]) if atom.kind == Kind::Letter && atom.ch.is_ascii_lowercase() => {
            Plain::Letter(atom.ch as u8, atom.accented)
        }
        (false, some) if !some.is_empty() && some.iter().all(|a| a.kind == Kind::Break) => {
            Plain::Break
        }
        _ => Plain::Other,
    }
}

/// [`plain_class`] of U+0080..=U+00FF, computed once: the accented letters of Italian are
/// among them.
fn latin1() -> &'static [Plain; 128] {
    static TABLE: std::sync::OnceLock<[Plain; 128]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [Plain::Other; 128];
        let mut atoms = Vec::new();
        for (code, slot) in (0x80_u32..).zip(table.iter_mut()) {
            if let Some(c) = char::from_u32(code) {
                *slot = plain_class(c, &mut atoms);
            }
        }
        table
    })
}

/// The bytes from `at` on that are ASCII chars of `class`, as [`ASCII`] says.
fn ascii_run(bytes: &[u8], at: usize, class: Plain) -> &[u8] {
    let rest = bytes.get(at..).unwrap_or_default();
    let len = rest
        .iter()
        .position(|&b| ASCII.get(usize::from(b)) != Some(&class))
        .unwrap_or(rest.len());
    rest.get(..len).unwrap_or_default()
}

/// The canonical text being written by [`plain`].
struct PlainOut<'a> {
    text: &'a mut String,
    starts: &'a mut Vec<u32>,
    ends: &'a mut Vec<u32>,
    accents: &'a mut Vec<u32>,
}

/// The state of [`plain`] between chars.
struct PlainState<'a> {
    out: PlainOut<'a>,
    /// Whether the last atom was a letter: a word is open.
    in_word: bool,
    /// Original range of the break since the previous word, once there is one.
    gap: Option<(u32, u32)>,
    /// The break since the previous word holds a censor mark, and a real break.
    gap_mark: bool,
    gap_break: bool,
    /// Letters of the current word, and the current run of one letter.
    letters: usize,
    run: (u8, usize),
    /// Single-letter words in a row.
    singles: usize,
}

impl PlainState<'_> {
    /// Opens a word, after the break since the previous one; false when the text is not plain
    /// after all.
    fn open_word(&mut self) -> bool {
        if let Some((gap_start, gap_end)) = self.gap {
            // Only censor marks between two words make them one starred word.
            if self.gap_mark && !self.gap_break {
                return false;
            }
            self.out.text.push(' ');
            self.out.starts.push(gap_start);
            self.out.ends.push(gap_end);
        }
        self.in_word = true;
        self.letters = 0;
        self.run = (0, 0);
        true
    }

    /// Writes a number of ASCII digits at `at` as a word of its own.
    fn number(&mut self, digits: &[u8], at: usize) -> bool {
        if !self.open_word() {
            return false;
        }
        for (&digit, pos) in digits.iter().zip(at..) {
            self.out.text.push(char::from(digit));
            self.out.starts.push(offset(pos));
            self.out.ends.push(offset(pos + 1));
        }
        true
    }

    /// Writes a letter; false when the text is not plain after all.
    fn letter(&mut self, letter: u8, accented: bool, start: u32, end: u32) -> bool {
        if !self.in_word && !self.open_word() {
            return false;
        }
        if self.run.0 == letter {
            self.run.1 += 1;
            // Three in a row collapse.
            if self.run.1 >= 3 {
                return false;
            }
        } else {
            self.run = (letter, 1);
        }
        self.letters += 1;
        if accented {
            self.out.accents.push(offset(self.out.text.len()));
        }
        self.out.text.push(char::from(letter));
        self.out.starts.push(start);
        self.out.ends.push(end);
        true
    }

    /// Takes a break (`real`: not a censor mark, not a symbol read as punctuation); false
    /// when the text is not plain after all.
    fn breaks(&mut self, start: u32, end: u32, real: bool, mark: bool) -> bool {
        if self.in_word {
            self.in_word = false;
            self.gap = Some((start, end));
            self.gap_mark = false;
            self.gap_break = false;
            if self.letters == 1 {
                self.singles += 1;
            } else {
                self.singles = 0;
            }
            // Three single-letter words in a row may be joined.
            if self.singles >= 3 {
                return false;
            }
        } else if let Some((_, gap_end)) = self.gap.as_mut() {
            *gap_end = end;
        }
        self.gap_mark |= mark;
        self.gap_break |= real;
        true
    }

    /// Ends the text; false when it is not plain after all.
    fn finish(mut self) -> bool {
        !self.in_word || self.breaks(0, 0, true, false)
    }
}

/// Normalises plain text in one pass, as steps 1 to 5 would, and says whether it could; when
/// it could not, what it wrote is to be discarded. `atoms` is scratch.
///
/// Plain text is made of chars that step 1 turns into one ASCII letter, breaks or nothing,
/// and in which steps 2 to 4 have only simple cases to settle:
/// - a run of `@ $ ! |` at the start or end of a word, which the rule of [`resolve_symbols`]
///   reads as letters (`@mario`, `merd@`) when it is all `@` and `$`, as punctuation otherwise
///   (`ciao!`); a run between two letters takes the full path;
/// - censor marks, breaks unless only marks stand between two words (`m#rda` takes the full
///   path);
/// - digits only in numbers between breaks (`2024`, `15:30`), which stay numbers: a digit next
///   to a letter or a symbol (`c4zz0`, `covid19`, `10$`) takes the full path;
/// - no letter three times in a row, no three single-letter words in a row.
///
/// Most comments are plain; the rest take the full path. The output is the full path's, byte
/// for byte: tests compare them.
fn plain(original: &str, out: PlainOut<'_>, atoms: &mut Vec<Atom>) -> bool {
    if original.len() > MAX_ORIGINAL {
        return false;
    }
    let bytes = original.as_bytes();
    out.text.reserve(bytes.len());
    out.starts.reserve(bytes.len());
    out.ends.reserve(bytes.len());
    let latin1 = latin1();
    let class_at = |at: usize, atoms: &mut Vec<Atom>| -> (Plain, usize) {
        match bytes.get(at) {
            None => (Plain::Break, 0),
            Some(&b) if b < 0x80 => (
                ASCII.get(usize::from(b)).copied().unwrap_or(Plain::Other),
                1,
            ),
            Some(_) => match original.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => {
                    let code = c as usize;
                    let class = match code.checked_sub(0x80) {
                        Some(index) if code < 0x100 => {
                            latin1.get(index).copied().unwrap_or(Plain::Other)
                        }
                        _ => plain_class(c, atoms),
                    };
                    (class, c.len_utf8())
                }
                None => (Plain::Other, 1),
            },
        }
    };
    let mut state = PlainState {
        out,
        in_word: false,
        gap: None,
        gap_mark: false,
        gap_break: false,
        letters: 0,
        run: (0, 0),
        singles: 0,
    };
    // The class of the char before, invisible ones included: the start reads as a break.
    let mut prev = Plain::Break;
    let mut at = 0;
    while at < bytes.len() {
        let (class, len) = class_at(at, atoms);
        let (start, end) = (offset(at), offset(at + len));
        let before = prev;
        prev = class;
        let plain = match class {
            Plain::Letter(letter, accented) => state.letter(letter, accented, start, end),
            Plain::Break => state.breaks(start, end, true, false),
            Plain::Mark => state.breaks(start, end, false, true),
            Plain::Nothing => true,
            Plain::Other => false,
            Plain::Digit => {
                let run = ascii_run(bytes, at, Plain::Digit);
                let run_end = at + run.len();
                let (next, _) = class_at(run_end, atoms);
                let apart = |c: Plain| matches!(c, Plain::Break | Plain::Mark);
                let plain = apart(before) && apart(next) && state.number(run, at);
                at = run_end;
                if !plain {
                    return false;
                }
                continue;
            }
            Plain::Symbol => {
                // The whole run of symbols, all ASCII, and what follows it.
                let run = ascii_run(bytes, at, Plain::Symbol);
                let run_end = at + run.len();
                let (next, _) = class_at(run_end, atoms);
                let before = state.in_word;
                let after = matches!(next, Plain::Letter(..));
                let edge = run.iter().all(|&b| matches!(b, b'@' | b'$'));
                let plain = match (before, after) {
                    // Between letters: the full rule weighs the words' lengths.
                    (true, true) => false,
                    _ if matches!(next, Plain::Nothing | Plain::Digit) => false,
                    (true, false) | (false, true) if edge => {
                        run.iter().zip(at..).all(|(&b, pos)| {
                            let letter = leet(char::from(b)).map_or(b'a', |c| c as u8);
                            state.letter(letter, false, offset(pos), offset(pos + 1))
                        })
                    }
                    _ => run
                        .iter()
                        .zip(at..)
                        .all(|(_, pos)| state.breaks(offset(pos), offset(pos + 1), false, false)),
                };
                at = run_end;
                if !plain {
                    return false;
                }
                continue;
            }
        };
        if !plain {
            return false;
        }
        at += len;
    }
    state.finish()
}

// ---------------------------------------------------------------------------------------------
// Step 1: chars to atoms.

/// Turns each char of `original` into atoms (step 1); returns whether one is a censor mark, so
/// that step 3 runs only when it has something to do.
fn atomize(original: &str, atoms: &mut Vec<Atom>) -> bool {
    let mut marks = false;
    for (pos, ch) in original.char_indices() {
        let start = offset(pos);
        let end = offset(pos + ch.len_utf8());
        if ch.is_ascii() {
            let c = ch.to_ascii_lowercase();
            let kind = classify(c);
            marks |= kind == Kind::Break && (c == '*' || c == '#');
            atoms.push(Atom {
                ch: c,
                kind,
                start,
                end,
                accented: false,
            });
            continue;
        }
        if is_invisible(ch) {
            continue;
        }
        if is_hangul_syllable(ch) {
            atoms.push(Atom {
                ch,
                kind: Kind::Letter,
                start,
                end,
                accented: false,
            });
            continue;
        }
        let before = atoms.len();
        let mut accent = false;
        decompose_compatible(ch, |d| {
            if is_combining_mark(d) || is_invisible(d) {
                accent |= is_grave_or_acute(d);
                return;
            }
            fold(d, &mut |c| {
                marks |= is_censor_mark(c);
                atoms.push(Atom {
                    ch: c,
                    kind: classify(c),
                    start,
                    end,
                    accented: false,
                });
            });
        });
        if atoms.len() == before {
            // A lone combining mark belongs to the char before it: extending that atom keeps
            // `e` + U+0300 inside the range of its word, so the word maps to all of `è`.
            if let Some(last) = atoms.last_mut() {
                last.end = end;
            }
        }
        if accent {
            if let Some(last) = atoms.last_mut().filter(|a| is_vowel(a.ch)) {
                last.accented = true;
            }
        }
    }
    marks
}

/// The combining grave and acute accents, the two of Italian spelling.
fn is_grave_or_acute(c: char) -> bool {
    matches!(c, '\u{0300}' | '\u{0301}')
}

/// Hangul syllables decompose to conjoining jamo under NFKD; they carry no accents to strip, so
/// keeping them whole leaves Korean text readable at no cost to matching.
fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Case-folds a decomposed char and replaces lookalikes, emitting the result.
fn fold(d: char, emit: &mut impl FnMut(char)) {
    if d.is_ascii() {
        emit(d.to_ascii_lowercase());
        return;
    }
    // Capitals first: `Н` imitates `H`, while its lowercase `н` imitates nothing.
    if let Some(latin) = lookalike(d) {
        emit(latin);
        return;
    }
    for l in d.to_lowercase() {
        if is_combining_mark(l) {
            // `İ` lowercases to `i` + U+0307.
            continue;
        }
        if l == 'ß' {
            // Case folding rather than lowercasing: `scheiße` and `scheisse` are one word.
            emit('s');
            emit('s');
        } else {
            emit(lookalike(l).unwrap_or(l));
        }
    }
}

/// The kind of a folded char.
fn classify(c: char) -> Kind {
    if c.is_ascii_digit() {
        Kind::Digit
    } else if matches!(c, '@' | '$' | '!' | '|' | '\u{20AC}') {
        Kind::Symbol
    } else if c.is_alphabetic() {
        Kind::Letter
    } else if c.is_numeric() {
        Kind::Numeral
    } else {
        Kind::Break
    }
}

// ---------------------------------------------------------------------------------------------
// Step 2: tokens to words.

/// Resolves every token of `atoms` and records the resulting words (step 2).
fn find_words(atoms: &mut [Atom], words: &mut Vec<Word>) {
    let mut offset = 0;
    for chunk in atoms.chunk_by_mut(|a, b| is_token(a.kind) == is_token(b.kind)) {
        let len = chunk.len();
        if chunk.first().is_some_and(|a| is_token(a.kind)) {
            resolve_symbols(chunk);
            let mut sub_offset = offset;
            for sub in chunk.chunk_by_mut(|a, b| is_word(a.kind) == is_word(b.kind)) {
                let sub_len = sub.len();
                if sub.first().is_some_and(|a| is_word(a.kind)) {
                    resolve_digits(sub);
                    collapse_repeats(sub);
                    words.push(Word {
                        first: sub_offset,
                        end: sub_offset + sub_len,
                    });
                }
                sub_offset += sub_len;
            }
        }
        offset += len;
    }
}

/// Decides, run by run, whether the symbols of a token are letters or punctuation.
///
/// A symbol run is a letter only in a letter context, and only where its punctuation reading is
/// unlikely:
/// - at the start or end of the token only `@` and `$`, right next to a letter (`@sshole`,
///   `$tronzo`, `merd@`): a `!` there ends a sentence (`ciao!`) and `€` follows a price;
/// - inside the token any of them, next to at least one letter (`sh!t`, `m€rda`, `a$$hole`),
///   unless both neighbouring runs are longer than [`GLUE`]: `bravo!stronzo` and
///   `info@comune` are two words someone did not space.
///
/// Tokens without a letter (`10$`, `!!!`) have no letter context at all. A mention such as
/// `@mario` reads `amario`: a handle is not a word of the comment, and `@sshole` must read.
/// Symbols are resolved per token before digits, so each word that results is settled on its
/// own, exactly as its canonical form will be when normalised again.
fn resolve_symbols(token: &mut [Atom]) {
    if !token.iter().any(|a| a.kind == Kind::Symbol) {
        return;
    }
    let has_letter = token.iter().any(|a| a.kind == Kind::Letter);
    let mut before: Option<(usize, Kind)> = None;
    let mut runs = token
        .chunk_by_mut(|a, b| (a.kind == Kind::Symbol) == (b.kind == Kind::Symbol))
        .peekable();
    while let Some(run) = runs.next() {
        if !run.first().is_some_and(|a| a.kind == Kind::Symbol) {
            before = Some((run.len(), run.last().map_or(Kind::Break, |a| a.kind)));
            continue;
        }
        let after = runs
            .peek()
            .map(|next| (next.len(), next.first().map_or(Kind::Break, |a| a.kind)));
        let is_letter = has_letter && symbols_are_letters(run, before, after);
        for atom in run.iter_mut() {
            match leet(atom.ch) {
                Some(letter) if is_letter => {
                    atom.ch = letter;
                    atom.kind = Kind::Letter;
                }
                _ => atom.kind = Kind::Break,
            }
        }
        before = None;
    }
}

/// The rule of [`resolve_symbols`] for one run, given the length and adjacent kind of the word
/// runs before and after it in the token.
fn symbols_are_letters(
    run: &[Atom],
    before: Option<(usize, Kind)>,
    after: Option<(usize, Kind)>,
) -> bool {
    let edge_symbols = || run.iter().all(|a| matches!(a.ch, '@' | '$'));
    match (before, after) {
        (None, Some((_, next))) | (Some((_, next)), None) => next == Kind::Letter && edge_symbols(),
        (Some((left, prev)), Some((right, next))) => {
            (prev == Kind::Letter || next == Kind::Letter) && !(left > GLUE && right > GLUE)
        }
        (None, None) => false,
    }
}

/// Reads the ASCII digits of a word as leetspeak letters, or keeps them as a number.
///
/// Digits in words are mostly not leetspeak: `h24`, `covid19`, `a1`, `mp3`, `4k`, `3rd`,
/// `10km`, `anni90`, `m5s`. The rule keeps those and still reads `c4zz0`, `m3rda`, `5tronzo`,
/// `pu774n4`, `1d10t4`. A word's digits stay digits when
/// 1. it has fewer than two letters (`a1`, `h24`, `4x4`, `g7`);
/// 2. it is one letter run and one digit run, in either order, with two or more digits or at
///    most two letters: a code, model, unit or ordinal (`covid19`, `win11`, `mp3`, `4k`,
///    `3rd`, `10km`), while `stronz0`, `5tronzo` and the stretched `merd4444` are read;
/// 3. after reading, it would contain no vowel: acronyms such as `m5s` stay as written.
///
/// Otherwise each digit run is read unless
/// - it holds a digit with no letter reading (`2`, `6`), is four or more digits that are not
///   all the same (`via1945roma`), or three such digits at an end of the word (`abc100`):
///   those are numbers, while three between letters are still leetspeak (`pu774n4`) and a
///   repeated `4444` is a stretched letter;
/// - it has two or more digits between two letter runs of more than [`GLUE`] distinct letters
///   (`covid19italia`);
/// - it starts the word and its letter equals the next letter, because no Italian or English
///   word starts with a double letter (`5stelle` is the party, not `sstelle`).
///
/// Idempotence shapes the details: a number left in a word must stay a number when the
/// canonical word is normalised again, after its repeats collapsed and its other digits became
/// letters. Rules 1 and 2 only ever look for "few letters", which collapsing cannot undo, and
/// the glue test counts groups of distinct letters (`covid` 5, `zzzz` 1), which collapsing does
/// not change and merging with neighbouring letters can only raise.
fn resolve_digits(word: &mut [Atom]) {
    if !word.iter().any(|a| a.kind == Kind::Digit) {
        return;
    }
    if word.iter().filter(|a| a.kind == Kind::Letter).count() < 2 {
        return;
    }
    let mut runs = word.chunk_by(|a, b| (a.kind == Kind::Letter) == (b.kind == Kind::Letter));
    if let (Some(one), Some(two), None) = (runs.next(), runs.next(), runs.next()) {
        let (letters, digits) = if one.first().is_some_and(|a| a.kind == Kind::Letter) {
            (one, two)
        } else {
            (two, one)
        };
        let stretched = digits.len() >= 3
            && digits
                .windows(2)
                .all(|w| w.first().map(|a| a.ch) == w.last().map(|a| a.ch));
        if (digits.len() >= 2 && !stretched) || letters.len() <= 2 {
            return;
        }
    }

    let mut before: Option<usize> = None;
    let mut runs = word
        .chunk_by_mut(|a, b| (a.kind == Kind::Letter) == (b.kind == Kind::Letter))
        .peekable();
    while let Some(run) = runs.next() {
        if run.first().is_some_and(|a| a.kind == Kind::Letter) {
            before = Some(letter_groups(run));
            continue;
        }
        let after = runs
            .peek()
            .map(|next| (letter_groups(next), next.first().map(|a| a.ch)));
        if digits_are_letters(run, before, after) {
            for atom in run.iter_mut() {
                atom.kind = Kind::Leet;
            }
        }
        before = None;
    }

    let has_vowel = word.iter().any(|a| match a.kind {
        Kind::Letter => is_vowel(a.ch),
        Kind::Leet => leet(a.ch).is_some_and(is_vowel),
        _ => false,
    });
    for atom in word.iter_mut().filter(|a| a.kind == Kind::Leet) {
        match leet(atom.ch) {
            Some(letter) if has_vowel => {
                atom.ch = letter;
                atom.kind = Kind::Letter;
            }
            _ => atom.kind = Kind::Digit,
        }
    }
}

/// The per-run part of [`resolve_digits`]: `before` is the number of letter groups of the run
/// before, `after` that of the run after and its first letter.
fn digits_are_letters(
    run: &[Atom],
    before: Option<usize>,
    after: Option<(usize, Option<char>)>,
) -> bool {
    if !run
        .iter()
        .all(|a| a.kind == Kind::Digit && leet(a.ch).is_some())
    {
        return false;
    }
    let first = run.first().map(|a| a.ch);
    let alike = run.iter().all(|a| Some(a.ch) == first);
    let interior = before.is_some() && after.is_some();
    if !alike && (run.len() > 3 || (run.len() == 3 && !interior)) {
        return false;
    }
    match (before, after) {
        (Some(left), Some((right, _))) => !(run.len() >= 2 && left > GLUE && right > GLUE),
        (None, Some((_, next))) => run.last().and_then(|a| leet(a.ch)) != next,
        (Some(_), None) => true,
        (None, None) => false,
    }
}

/// Number of groups of identical adjacent letters: `covid` 5, `zzzz` 1, `palla` 4.
fn letter_groups(run: &[Atom]) -> usize {
    let mut groups = 0;
    let mut previous = None;
    for atom in run {
        if previous != Some(atom.ch) {
            groups += 1;
            previous = Some(atom.ch);
        }
    }
    groups
}

/// The Latin vowels; `y` is left out so that `xyz`-like acronyms do not pass as words.
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// How many letters a run of three or more identical letters keeps.
///
/// Vowels never legitimately repeat three times and rarely twice, so they keep one
/// (`merdaaaa` → `merda`). Consonants keep two, because Italian doubles carry meaning
/// (`palla` ≠ `pala`, `cazzo`) and stretching a double must not undo it (`cazzzzo` → `cazzo`).
/// Letters that never double in Italian or English spelling keep one (`fuckkkk` → `fuck`).
/// Runs of two are always kept: `cooperare`, `zz`, `bookkeeper`.
fn kept_of_run(c: char) -> usize {
    match c {
        'a' | 'e' | 'i' | 'o' | 'u' | 'h' | 'j' | 'k' | 'q' | 'w' | 'x' | 'y' => 1,
        _ => 2,
    }
}

/// Collapses runs of three or more identical Latin letters in a word, skipping `Gone` atoms.
///
/// The letters kept map to the whole run, so a finding covers every letter the author typed.
/// Letters of other scripts are left alone: the rule is about Italian and English spelling.
fn collapse_repeats(word: &mut [Atom]) {
    let mut i = 0;
    while let Some(first) = word.get(i).copied() {
        if first.kind != Kind::Letter || !first.ch.is_ascii_lowercase() {
            i += 1;
            continue;
        }
        let mut count = 1;
        let mut last = i;
        let mut j = i + 1;
        while let Some(atom) = word.get(j) {
            match atom.kind {
                Kind::Gone => {}
                Kind::Letter if atom.ch == first.ch => {
                    count += 1;
                    last = j;
                }
                _ => break,
            }
            j += 1;
        }
        if count >= 3 {
            let end = word.get(last).map_or(first.end, |a| a.end);
            let mut keep = kept_of_run(first.ch);
            for atom in word.get_mut(i..=last).unwrap_or_default() {
                if atom.kind != Kind::Letter {
                    continue;
                }
                if keep > 0 {
                    atom.start = first.start;
                    atom.end = end;
                    keep -= 1;
                } else {
                    atom.kind = Kind::Gone;
                }
            }
        }
        i = last + 1;
    }
}

// ---------------------------------------------------------------------------------------------
// Step 3: starred words.

/// Number of letters a word keeps once collapsed, if it is made of letters only.
fn plain_letters(atoms: &[Atom], word: Word) -> Option<usize> {
    let mut count = 0;
    for atom in atoms.get(word.first..word.end).unwrap_or_default() {
        match atom.kind {
            Kind::Letter => count += 1,
            Kind::Gone => {}
            _ => return None,
        }
    }
    Some(count)
}

/// Whether the gap between two words is only censor marks that hide letters of one word.
///
/// Both words must be plain letters (`art*3` and `3*4` are not censored words). A `*` is always
/// a wildcard there; the other marks only when one side is short, the [`GLUE`] rule of
/// symbols: `ciao#tutti` is two words someone did not space. The marks are written `*`, whose
/// rule is the more lenient one, so the canonical word joins again when normalised again.
fn is_censor_gap(atoms: &[Atom], before: Word, after: Word) -> bool {
    let gap = atoms.get(before.end..after.first).unwrap_or_default();
    if gap.is_empty() || !gap.iter().all(|a| is_censor_mark(a.ch)) {
        return false;
    }
    let (Some(left), Some(right)) = (plain_letters(atoms, before), plain_letters(atoms, after))
    else {
        return false;
    };
    gap.iter().all(|a| a.ch == WILDCARD) || !(left > GLUE && right > GLUE)
}

/// Merges words separated only by censor marks into one starred word (step 3); returns whether
/// it made one.
///
/// `str*nzo`, `c***o`, `p*****a`, `m#rda` and `v*ff*nculo` become one word each, the marks
/// written as [`WILDCARD`]s that the lexicon reads as hidden letters. A chain of single letters
/// that step 4 joins as a spelled-out word (`f*u*c*k`, `a*s*s`) is left to it. Marks at the
/// start or end of a word are emphasis or footnotes (`*stronzo*`, `**grazie**`, `ciao*`) and
/// stay breaks, so a starred word always starts and ends with a letter.
///
/// Idempotence: the words of a chain are settled before it is looked at, the chain is decided
/// on their collapsed letter counts and on the marks, and the canonical word is those same
/// words separated by `*`, which the same rule joins again.
fn merge_censored(atoms: &mut [Atom], words: &mut Vec<Word>) -> bool {
    let mut merged = false;
    let mut write = 0;
    let mut i = 0;
    while i < words.len() {
        let mut j = i + 1;
        while let (Some(&before), Some(&after)) = (words.get(j - 1), words.get(j)) {
            if !is_censor_gap(atoms, before, after) {
                break;
            }
            j += 1;
        }
        let chain = words.get(i..j).unwrap_or_default();
        match (chain.first(), chain.last()) {
            (Some(first), Some(last)) if chain.len() >= 2 && !is_spelled_out(atoms, chain) => {
                let whole = Word {
                    first: first.first,
                    end: last.end,
                };
                for atom in atoms.get_mut(whole.first..whole.end).unwrap_or_default() {
                    if atom.kind == Kind::Break {
                        atom.ch = WILDCARD;
                        atom.kind = Kind::Wild;
                    }
                }
                if let Some(slot) = words.get_mut(write) {
                    *slot = whole;
                }
                write += 1;
                merged = true;
            }
            _ => {
                if write < i {
                    // `write < i < j <= len`: the copy stays in bounds.
                    words.copy_within(i..j, write);
                }
                write += j - i;
            }
        }
        i = j;
    }
    words.truncate(write);
    merged
}

/// Whether a chain of words is single letters spelling a word out rather than hiding letters:
/// four or more (which [`join_single_letters`] joins), or three each after one mark (`a*s*s`).
///
/// The test treats every censor mark alike, because a starred word writes them all `*`: were
/// `a*a#a` a starred word, its canonical `a*a*a` would be spelled out.
fn is_spelled_out(atoms: &[Atom], chain: &[Word]) -> bool {
    let one_mark = |before: &Word, after: &Word| match atoms.get(before.end..after.first) {
        Some([only]) => is_censor_mark(only.ch),
        _ => false,
    };
    chain.iter().all(|&w| is_single_letter(atoms, w))
        && match chain {
            [a, b, c] => one_mark(a, b) && one_mark(b, c),
            _ => chain.len() >= 4,
        }
}

// ---------------------------------------------------------------------------------------------
// Step 4: single letters.

/// Whether the word is exactly one letter once collapsed.
fn is_single_letter(atoms: &[Atom], word: Word) -> bool {
    let mut kept = atoms
        .get(word.first..word.end)
        .unwrap_or_default()
        .iter()
        .filter(|a| a.kind != Kind::Gone);
    matches!((kept.next(), kept.next()), (Some(atom), None) if atom.kind == Kind::Letter)
}

/// The one separator atom between two words, if the gap is exactly one char.
fn lone_separator(atoms: &[Atom], before: Word, after: Word) -> Option<char> {
    match atoms.get(before.end..after.first)? {
        [only] if is_letter_separator(only.ch) => Some(only.ch),
        _ => None,
    }
}

/// Whether a single-letter word is `a`, `e`, `i` or `o` (`è`, `é`… once folded): the one-letter
/// words of Italian and English, which a spelled-out word may swallow.
fn is_one_letter_word(atoms: &[Atom], word: Word) -> bool {
    atoms
        .get(word.first..word.end)
        .unwrap_or_default()
        .iter()
        .find(|a| a.kind == Kind::Letter)
        .is_some_and(|a| matches!(a.ch, 'a' | 'e' | 'i' | 'o'))
}

/// Whether the gaps before two words (each after the word before it) are the same chars.
fn same_gap(atoms: &[Atom], one: (Word, Word), two: (Word, Word)) -> bool {
    let gap = |(before, after): (Word, Word)| atoms.get(before.end..after.first);
    match (gap(one), gap(two)) {
        (Some(x), Some(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.ch == b.ch),
        _ => false,
    }
}

/// Whether every gap of a run of words is the same.
fn uniform_gaps(atoms: &[Atom], run: &[Word]) -> bool {
    run.windows(3).all(|w| match w {
        [a, b, c] => same_gap(atoms, (*a, *b), (*b, *c)),
        _ => true,
    })
}

/// Whether a run of single-letter words is joined: three joined by the same intra-word
/// separator, or four or more whatever separates them.
fn joins(atoms: &[Atom], run: &[Word]) -> bool {
    match run {
        [a, b, c] => {
            let first = lone_separator(atoms, *a, *b);
            first.is_some() && first == lone_separator(atoms, *b, *c)
        }
        _ => run.len() >= 4,
    }
}

/// How many single letters to leave off each end of a run before joining it: a one-letter word
/// set apart from a spelled-out word by a different gap (`s.t.r.o.n.z.o e basta`,
/// `vai a  f a n c u l o`, `a.s.s e`). The rest must have uniform gaps and join on its own.
fn edge_split(atoms: &[Atom], run: &[Word]) -> (usize, usize) {
    let n = run.len();
    let edge = |at: usize, inner: (usize, usize), next: (usize, usize)| {
        let pair = |(x, y): (usize, usize)| Some((*run.get(x)?, *run.get(y)?));
        match (run.get(at), pair(inner), pair(next)) {
            (Some(&word), Some(inner), Some(next)) => {
                is_one_letter_word(atoms, word) && !same_gap(atoms, inner, next)
            }
            _ => false,
        }
    };
    let lead = n >= 3 && edge(0, (0, 1), (1, 2));
    let tail = n >= 3 && edge(n - 1, (n - 2, n - 1), (n - 3, n - 2));
    for (take_lead, take_tail) in [(true, true), (false, true), (true, false)] {
        if (take_lead && !lead) || (take_tail && !tail) {
            continue;
        }
        let (l, t) = (usize::from(take_lead), usize::from(take_tail));
        let body = run.get(l..n - t).unwrap_or_default();
        if uniform_gaps(atoms, body) && joins(atoms, body) {
            return (l, t);
        }
    }
    (0, 0)
}

/// The soft boundaries of a run about to be joined: before its last one or two letters and
/// after its first one or two, when those are one-letter words and four letters remain.
fn soft_boundaries(atoms: &[Atom], run: &[Word], soft: &mut Vec<usize>) {
    let n = run.len();
    let word_letter = |k: usize| run.get(k).is_some_and(|&w| is_one_letter_word(atoms, w));
    let mut at = |k: usize| {
        if let Some(word) = run.get(k) {
            soft.push(word.first);
        }
    };
    for k in 1..=2 {
        if n >= k + 4 && (0..k).all(word_letter) {
            at(k);
        }
    }
    for t in (1..=2).rev() {
        if n >= t + 4 && (n - t..n).all(word_letter) {
            at(n - t);
        }
    }
}

/// Joins runs of single-letter words into one word (step 4).
///
/// Three single letters joined by the same intra-word separator are a spelled-out word
/// (`a.s.s`, `c-a-z-z-o`). A plain space needs four letters (`f u c k`), because Italian has
/// real one-letter words and three of them do meet (`e a i`, `o`, `è`). Four or more are
/// joined whatever separates them, not only a space: the canonical text separates everything
/// by single spaces, so `f😀u😀c😀k` would otherwise become `f u c k` and join only when
/// normalised a second time, breaking idempotence. Lists of single letters (`a, b, c, d`) are
/// joined too; they carry no words a detector looks for.
///
/// A one-letter word next to the run is the trouble: `F a n c u l o a tutti`. When a gap sets
/// it apart from letters spaced uniformly ([`edge_split`]) it stays a word of its own; when
/// nothing does, the run is joined whole and the join records soft boundaries
/// ([`soft_boundaries`], [`Normalized::is_soft_boundary`]) so the lexicon can read both
/// `fanculoa` and `fanculo a`. Idempotence: what is left of a run as single letters is at most
/// one letter at each end and, when the body collapses to one letter (`e a.a.a.a o`), that one:
/// three single letters spaced by spaces, which never join.
fn join_single_letters(
    atoms: &mut [Atom],
    words: &[Word],
    joined: &mut Vec<Word>,
    soft: &mut Vec<usize>,
) {
    let mut i = 0;
    while let Some(&word) = words.get(i) {
        if !is_single_letter(atoms, word) {
            joined.push(word);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while words
            .get(j)
            .is_some_and(|&next| is_single_letter(atoms, next))
        {
            j += 1;
        }
        let run = words.get(i..j).unwrap_or_default();
        let (lead, tail) = edge_split(atoms, run);
        let body = run.get(lead..run.len() - tail).unwrap_or_default();
        joined.extend_from_slice(run.get(..lead).unwrap_or_default());
        match (joins(atoms, body), body.first(), body.last()) {
            (true, Some(first), Some(last)) => {
                soft_boundaries(atoms, body, soft);
                let whole = Word {
                    first: first.first,
                    end: last.end,
                };
                if let Some(span) = atoms.get_mut(whole.first..whole.end) {
                    for atom in span.iter_mut().filter(|a| !is_word(a.kind)) {
                        atom.kind = Kind::Gone;
                    }
                    collapse_repeats(span);
                }
                joined.push(whole);
            }
            _ => joined.extend_from_slice(body),
        }
        joined.extend_from_slice(run.get(run.len() - tail..).unwrap_or_default());
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Shorthand for the canonical text.
    fn n(s: &str) -> String {
        normalize(s)
    }

    /// The original substrings of the canonical words.
    fn word_sources(original: &str) -> Vec<(String, String)> {
        let normalized = Normalized::new(original);
        normalized
            .words()
            .map(|r| {
                let canonical = normalized.as_str().get(r.clone()).unwrap_or("?").to_owned();
                let source = original
                    .get(normalized.original_range(r.start, r.end))
                    .unwrap_or("?")
                    .to_owned();
                (canonical, source)
            })
            .collect()
    }

    /// The original substring of the canonical word `word`.
    fn source_of(original: &str, word: &str) -> Option<String> {
        word_sources(original)
            .into_iter()
            .find(|(canonical, _)| canonical == word)
            .map(|(_, source)| source)
    }

    // Spaces and breaks.

    #[test]
    fn empty_and_blank_inputs() {
        assert_eq!(n(""), "");
        assert_eq!(n("   \n\t "), "");
        assert_eq!(n("!!! ... ???"), "");
    }

    #[test]
    fn punctuation_emoji_and_apostrophes_break_words() {
        assert_eq!(n("  Ciao,   mondo!!  "), "ciao mondo");
        assert_eq!(n("l'idiota"), "l idiota");
        assert_eq!(n("bravo😀😀bravo"), "bravo bravo");
        assert_eq!(n("a\u{00A0}b\u{2028}c"), "a b c");
    }

    // Rule 1: invisible chars.

    #[test]
    fn zero_width_chars_are_dropped_without_breaking() {
        assert_eq!(n("str\u{200B}onzo"), "stronzo");
        assert_eq!(n("cre\u{00AD}tino"), "cretino");
        assert_eq!(n("\u{FEFF}ca\u{200D}zzo\u{2060}"), "cazzo");
        assert_eq!(n("mer\u{FE0F}da"), "merda");
        assert_eq!(n("str\u{3164}onzo"), "stronzo");
    }

    #[test]
    fn visible_spaces_still_break() {
        assert_eq!(n("str onzo"), "str onzo");
        assert_eq!(n("str\u{2003}onzo"), "str onzo");
    }

    // Rule 2: compatibility, accents, case, lookalikes.

    #[test]
    fn compatibility_forms_fold() {
        assert_eq!(n("ＣＡＺＺＯ"), "cazzo");
        assert_eq!(n("𝐜𝐚𝐳𝐳𝐨"), "cazzo");
        assert_eq!(n("𝓼𝓬𝓮𝓶𝓸"), "scemo");
        assert_eq!(n("ﬁne ﬂusso"), "fine flusso");
        assert_eq!(n("ⓒⓐⓩⓩⓞ"), "cazzo");
        assert_eq!(n("x²"), "x2");
    }

    #[test]
    fn accents_are_removed() {
        assert_eq!(n("Perché è così"), "perche e cosi");
        assert_eq!(n("caffe\u{0300} ca\u{0327}a"), "caffe caa");
        assert_eq!(n("Ça ÇA çà"), "ca ca ca");
    }

    #[test]
    fn grave_and_acute_accents_on_vowels_are_remembered() {
        let accented = |text: &str| {
            let normalized = Normalized::new(text);
            normalized
                .words()
                .filter(|w| normalized.ends_accented(w.end))
                .map(|w| normalized.as_str().get(w).unwrap_or("?").to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            accented("Scemò, perché SCEMÒ"),
            ["scemo", "perche", "scemo"]
        );
        assert_eq!(accented("calo\u{0300} e\u{0301}"), ["calo", "e"]);
        // A repeated accented vowel collapses to one that keeps the accent.
        assert_eq!(accented("calòòò"), ["calo"]);
        // Not at the end, not grave or acute, not a vowel, or not there at all.
        assert_eq!(accented("strònzo caffè cò"), ["caffe", "co"]);
        assert!(accented("stronzö façade ñ ǹ scemo").is_empty());
        assert!(!Normalized::new("").ends_accented(0));
    }

    #[test]
    fn full_lowercase_and_sharp_s() {
        assert_eq!(n("STRONZO"), "stronzo");
        assert_eq!(n("Straße STRAẞE"), "strasse strasse");
        assert_eq!(n("İstanbul"), "istanbul");
    }

    #[test]
    fn cyrillic_and_greek_lookalikes_become_latin() {
        // Cyrillic ѕ, о, о and Greek Ο among Latin letters.
        assert_eq!(n("\u{0455}tr\u{043E}nz\u{043E}"), "stronzo");
        assert_eq!(n("\u{0421}\u{0410}ZZ\u{039F}"), "cazzo");
        assert_eq!(n("\u{03BA}\u{03B1}zz\u{03BF}"), "kazzo");
        assert_eq!(n("ᴄᴀᴢᴢᴏ 🅼🅴🆁🅳🅰"), "cazzo merda");
    }

    #[test]
    fn other_scripts_stay_letters() {
        assert_eq!(n("жизнь"), "жизнь");
        assert_eq!(n("λ 日本語 한국어"), "λ 日本語 한국어");
        assert_eq!(n("ЖИЛ"), "жил");
        assert_eq!(n("مرحبا ٣"), "مرحبا ٣");
    }

    // Rule 3: leetspeak.

    #[test]
    fn leet_inside_words_is_read() {
        assert_eq!(n("c4zz0"), "cazzo");
        assert_eq!(n("m3rda"), "merda");
        assert_eq!(n("5tronzo stronz0"), "stronzo stronzo");
        assert_eq!(n("pu774n4 1d10t4"), "puttana idiota");
        assert_eq!(n("c0gl10ne vaff4nculo"), "coglione vaffanculo");
        assert_eq!(n("a55hole sh1t"), "asshole shit");
        assert_eq!(n("merd4444"), "merda");
    }

    #[test]
    fn leet_symbols_inside_words_are_read() {
        assert_eq!(n("@sshole"), "asshole");
        assert_eq!(n("a$$hole $tronzo"), "asshole stronzo");
        assert_eq!(n("sh!t b|tch m€rda"), "shit bitch merda");
        assert_eq!(n("merd@"), "merda");
    }

    #[test]
    fn numbers_stay_numbers() {
        assert_eq!(n("2026"), "2026");
        assert_eq!(n("0586 280204"), "0586 280204");
        assert_eq!(n("1337 007"), "1337 007");
        assert_eq!(n("10,50€ il 3/4"), "10 50 il 3 4");
    }

    #[test]
    fn codes_and_digit_heavy_tokens_stay() {
        assert_eq!(n("h24 covid19 a1 win11"), "h24 covid19 a1 win11");
        assert_eq!(n("mp3 ps5 4k 3rd 10km 4x4"), "mp3 ps5 4k 3rd 10km 4x4");
        assert_eq!(n("anni90 xbox360 iphone15"), "anni90 xbox360 iphone15");
        assert_eq!(n("m5s 5stelle"), "m5s 5stelle");
        assert_eq!(n("covid19italia ab123cd"), "covid19italia ab123cd");
        assert_eq!(n("via1945roma abc100"), "via1945roma abc100");
    }

    #[test]
    fn symbols_outside_a_letter_context_are_punctuation() {
        assert_eq!(n("ciao! come va?"), "ciao come va");
        assert_eq!(n("10$ o 5€"), "10 o 5");
        assert_eq!(n("wow!!! @ $ ! |"), "wow");
        assert_eq!(n("bravo!stronzo"), "bravo stronzo");
        assert_eq!(n("scrivete a info@comune.it"), "scrivete a info comune it");
        assert_eq!(n("!ciao €uro"), "ciao uro");
    }

    // Rule 5: repeats.

    #[test]
    fn repeated_vowels_collapse_to_one() {
        assert_eq!(n("merdaaaa"), "merda");
        assert_eq!(n("stroooonzo"), "stronzo");
        assert_eq!(n("NOOOOOO"), "no");
    }

    #[test]
    fn repeated_consonants_collapse_to_two() {
        assert_eq!(n("cazzzzo"), "cazzo");
        assert_eq!(n("asssss"), "ass");
        assert_eq!(n("hmmmm"), "hmm");
    }

    #[test]
    fn letters_that_never_double_collapse_to_one() {
        assert_eq!(n("fuckkkk"), "fuck");
        assert_eq!(n("ahhhh wwww"), "ah w");
    }

    #[test]
    fn doubles_are_kept() {
        assert_eq!(n("palla pala"), "palla pala");
        assert_eq!(n("cooperare zz bookkeeper"), "cooperare zz bookkeeper");
        assert_eq!(n("1000 aa"), "1000 aa");
    }

    // Rule 6: separated letters.

    #[test]
    fn separated_letters_join() {
        assert_eq!(n("s.t.r.o.n.z.o"), "stronzo");
        assert_eq!(n("c-a-z-z-o"), "cazzo");
        assert_eq!(n("f u c k you"), "fuck you");
        assert_eq!(n("a.s.s, basta s_e_x"), "ass basta sex");
        assert_eq!(n("S.p.A. di f*u*c*k"), "spa di fuck");
    }

    #[test]
    fn joined_letters_collapse() {
        assert_eq!(n("c a z z z z o"), "cazzo");
        assert_eq!(n("m.e.r.d.a.a.a"), "merda");
    }

    #[test]
    fn short_single_letter_runs_stay() {
        assert_eq!(n("e a i"), "e a i");
        assert_eq!(n("o e a basta"), "o e a basta");
        assert_eq!(n("a.s-s"), "a s s");
        assert_eq!(n("p.s. ciao"), "p s ciao");
        assert_eq!(n("1 2 3 4"), "1 2 3 4");
    }

    /// The canonical offsets of the soft boundaries.
    fn soft(s: &str) -> Vec<usize> {
        let normalized = Normalized::new(s);
        (0..=normalized.as_str().len())
            .filter(|&at| normalized.is_soft_boundary(at))
            .collect()
    }

    #[test]
    fn a_one_letter_word_after_spelled_letters_is_a_soft_boundary() {
        assert_eq!(n("F a n c u l o a tutti"), "fanculoa tutti");
        assert_eq!(soft("F a n c u l o a tutti"), [6, 7]);
        let text = "sei un c o g l i o n e e basta";
        assert_eq!(n(text), "sei un coglionee basta");
        assert!(soft(text).contains(&"sei un coglione".len()));
        // Before the word: `e s t r o n z o` may be `e stronzo`.
        assert_eq!(n("e s t r o n z o"), "estronzo");
        assert!(soft("e s t r o n z o").contains(&1));
        // The word still joins whole, and its boundaries are only where a word letter is.
        assert_eq!(n("s t r o n z o"), "stronzo");
        assert_eq!(soft("s t r o n z o"), [6]);
        assert_eq!(n("f u c k"), "fuck");
        assert!(soft("f u c k").is_empty());
        assert_eq!(n("c u l o e"), "culoe");
        assert_eq!(soft("c u l o e"), [4]);
        // Four letters must remain.
        assert!(soft("c u l o").is_empty());
        assert!(soft("ciao a tutti").is_empty());
    }

    #[test]
    fn a_one_letter_word_set_apart_by_its_gap_stays_a_word() {
        assert_eq!(n("s.t.r.o.n.z.o e basta"), "stronzo e basta");
        assert_eq!(n("F a n c u l o  a tutti"), "fanculo a tutti");
        assert_eq!(n("vai a  f a n c u l o"), "vai a fanculo");
        assert_eq!(n("c.o.g.l.i.o.n.e, e basta"), "coglione e basta");
        assert_eq!(n("a.s.s e"), "ass e");
        assert_eq!(n("e a.s.s"), "e ass");
        assert_eq!(n("o s-t-r-o-n-z-o e"), "o stronzo e");
        // A consonant is no word: the run joins as before.
        assert_eq!(n("f.u.c.k y"), "fucky");
        // Mixed separators inside the word: nothing to set the last letter apart from.
        assert_eq!(n("c.a-z.z-o e"), "cazzoe");
        for s in [
            "F a n c u l o  a tutti",
            "e a.a.a.a o",
            "i i.i.i.i o",
            "a.s.s e",
            "o s-t-r-o-n-z-o e",
        ] {
            assert_eq!(n(&n(s)), n(s), "{s:?}");
        }
    }

    #[test]
    fn four_single_letters_join_across_any_break() {
        assert_eq!(n("f😀u😀c😀k"), "fuck");
        assert_eq!(n("f\nu\nc\nk"), "fuck");
    }

    // Censor marks.

    #[test]
    fn censor_marks_between_letters_are_wildcards() {
        assert_eq!(n("sei uno str*nzo"), "sei uno str*nzo");
        assert_eq!(n("c***o"), "c***o");
        assert_eq!(n("p*****a"), "p*****a");
        assert_eq!(n("stro**o"), "stro**o");
        assert_eq!(n("V*FF*NCULO"), "v*ff*nculo");
        assert_eq!(n("m#rda c\u{2217}zzo"), "m*rda c*zzo");
        assert_eq!(n("\u{FF43}\u{FF0A}\u{FF5A}\u{FF5A}\u{FF4F}"), "c*zzo");
        assert_eq!(n("v@ff*nculo"), "vaff*nculo");
        assert_eq!(n("bravo*stronzo"), "bravo*stronzo");
    }

    #[test]
    fn censor_marks_elsewhere_are_breaks() {
        // Emphasis and footnotes.
        assert_eq!(n("sei uno *stronzo*"), "sei uno stronzo");
        assert_eq!(n("**grazie** ciao* #vergogna"), "grazie ciao vergogna");
        assert_eq!(n("* ciao * a *"), "ciao a");
        // A `#` between two long words glues them; `*` does not.
        assert_eq!(n("ciao#tutti"), "ciao tutti");
        assert_eq!(n("str#nzo"), "str*nzo");
        // Numbers and codes.
        assert_eq!(n("3*4 art*3 x*2"), "3 4 art 3 x 2");
        // Not censor marks.
        assert_eq!(
            n("p.zza dott.ssa il_sindaco e-mail"),
            "p zza dott ssa il sindaco e mail"
        );
    }

    #[test]
    fn spelled_out_letters_are_not_starred_words() {
        assert_eq!(n("f*u*c*k"), "fuck");
        assert_eq!(n("a*s*s"), "ass");
        assert_eq!(n("f**u**c**k"), "fuck");
        assert_eq!(n("c*z*o"), "czo");
        assert_eq!(n("s*x"), "s*x");
    }

    #[test]
    fn starred_words_map_to_their_whole_original_and_are_idempotent() {
        assert_eq!(
            source_of("sei un c***o!", "c***o").as_deref(),
            Some("c***o")
        );
        assert_eq!(source_of("che m#rda", "m*rda").as_deref(), Some("m#rda"));
        assert_eq!(
            source_of("che c\u{2217}zzo", "c*zzo").as_deref(),
            Some("c\u{2217}zzo")
        );
        for s in [
            "str*nzo",
            "c***o",
            "m#rda",
            "ciao#tutti",
            "stroooo**o",
            "c***ooooo",
            "ca#*zzo",
            "v@ff*nculo",
            "abcd#efgh*ij",
            "f**u**c**k",
            "m3*da",
            "*c*zzo*",
        ] {
            assert_eq!(n(&n(s)), n(s), "{s:?}");
        }
    }

    // The offset map.

    #[test]
    fn words_map_to_their_exact_original() {
        let original = "Sei un c4zz0!! 😡 ѕtrоnzо e caffè";
        let sources = word_sources(original);
        let expected = [
            ("sei", "Sei"),
            ("un", "un"),
            ("cazzo", "c4zz0"),
            ("stronzo", "ѕtrоnzо"),
            ("e", "e"),
            ("caffe", "caffè"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        assert_eq!(sources, expected);
    }

    #[test]
    fn combining_accent_belongs_to_its_word() {
        assert_eq!(
            source_of("un caffe\u{0300}!", "caffe").as_deref(),
            Some("caffe\u{0300}")
        );
    }

    #[test]
    fn wide_chars_map_whole() {
        let original = "che 𝐬𝐜𝐞𝐦𝐨 che";
        assert_eq!(source_of(original, "scemo").as_deref(), Some("𝐬𝐜𝐞𝐦𝐨"));
        let normalized = Normalized::new("ﬁne");
        assert_eq!(normalized.as_str(), "fine");
        assert_eq!(normalized.original_range(0, 1), 0..3);
        assert_eq!(normalized.original_range(1, 2), 0..3);
        assert_eq!(normalized.original_range(2, 4), 3..5);
    }

    #[test]
    fn collapsed_and_joined_runs_map_to_the_whole_run() {
        let original = "ma che merdaaaa!";
        assert_eq!(source_of(original, "merda").as_deref(), Some("merdaaaa"));
        let normalized = Normalized::new(original);
        // The `a` of `merda` stands for all four.
        assert_eq!(normalized.original_range(11, 12), 11..15);
        assert_eq!(
            source_of("sei uno s.t.r.o.n.z.o.", "stronzo").as_deref(),
            Some("s.t.r.o.n.z.o")
        );
        assert_eq!(
            source_of("che str\u{200B}onzo", "stronzo").as_deref(),
            Some("str\u{200B}onzo")
        );
    }

    #[test]
    fn space_maps_to_the_whole_break() {
        let normalized = Normalized::new("ciao, 😀 mondo");
        assert_eq!(normalized.as_str(), "ciao mondo");
        assert_eq!(normalized.original_range(4, 5), 4..11);
        assert_eq!(normalized.original_range(0, 10), 0.."ciao, 😀 mondo".len());
    }

    #[test]
    fn original_range_clamps() {
        let normalized = Normalized::new("àb");
        assert_eq!(normalized.as_str(), "ab");
        assert_eq!(normalized.original_range(0, 1), 0..2);
        assert_eq!(normalized.original_range(5, 9), 2..3);
        assert_eq!(normalized.original_range(1, 1), 2..3);
        assert_eq!(normalized.original_range(1, 0), 2..3);
        assert_eq!(normalized.original_range(0, usize::MAX), 0..3);
        assert_eq!(Normalized::new("").original_range(0, 4), 0..0);
        assert_eq!(Normalized::new("!!").original_range(0, 1), 0..0);
    }

    #[test]
    fn words_iterates_canonical_words() {
        let normalized = Normalized::new("  uno, due  tre ");
        let words: Vec<Range<usize>> = normalized.words().collect();
        assert_eq!(words, vec![0..3, 4..7, 8..11]);
        assert_eq!(Normalized::new("").words().count(), 0);
    }

    #[test]
    fn reset_reuses_and_matches_new() {
        let mut normalized = Normalized::new("una frase più lunga di quella dopo, c4zz0");
        normalized.reset("M3RDA");
        assert_eq!(normalized.as_str(), "merda");
        assert_eq!(normalized.original_range(0, 5), 0..5);
        normalized.reset("");
        assert_eq!(normalized.as_str(), "");
        assert_eq!(normalized.words().count(), 0);
    }

    #[test]
    fn lexicon_terms_normalise_like_comments() {
        assert_eq!(n("figlio di puttana"), "figlio di puttana");
        assert_eq!(n("FIGLIO DI PUTT4NA!!!"), "figlio di puttana");
    }

    #[test]
    fn every_single_char_is_idempotent() {
        let mut failures = Vec::new();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let once = n(&c.to_string());
            let twice = n(&once);
            if once != twice {
                failures.push((c, once, twice));
            }
        }
        assert!(failures.is_empty(), "{:?}", failures.get(..20));
    }

    /// The full path's normalisation of `original`, never the plain one.
    fn full(original: &str) -> Normalized {
        let mut normalized = Normalized::default();
        normalized.full(original);
        normalized
    }

    /// Whether the plain path takes `original`.
    fn is_plain(original: &str) -> bool {
        Normalized::default().try_plain(original)
    }

    /// Compares what [`Normalized::new`] gives with the full path's.
    fn check_same_as_full(original: &str) -> Result<(), TestCaseError> {
        let fast = Normalized::new(original);
        let slow = full(original);
        prop_assert_eq!(&fast.text, &slow.text, "text of {:?}", original);
        prop_assert_eq!(&fast.starts, &slow.starts, "starts of {:?}", original);
        prop_assert_eq!(&fast.ends, &slow.ends, "ends of {:?}", original);
        prop_assert_eq!(&fast.accents, &slow.accents, "accents of {:?}", original);
        prop_assert_eq!(&fast.soft, &slow.soft, "soft boundaries of {:?}", original);
        prop_assert_eq!(fast.starred, slow.starred, "starred in {:?}", original);
        Ok(())
    }

    #[test]
    fn plain_text_takes_the_fast_path() {
        for text in [
            "",
            "Grazie al Comune per l\u{2019}impegno, è un bel lavoro! 😀",
            "Quando riaprirà la biblioteca?? Non si capisce...",
            "PERCHÉ nessuno risponde | vergogna!!",
            "e a lei o noi",
            "zz, oo: ok",
            "ciao\u{200B}  «tutti»\u{00A0}qui",
            "Ѕindaco",
            "@mario @@luigi ciao$ merd@ bravo!!",
            "#vergogna **grazie** ciao* #",
            "e allora… «no»",
            "5 stelle, alle 15:30 del 12/03/2024 in via Roma 12",
            "#2024 *1* 3,5",
        ] {
            assert!(is_plain(text), "{text:?} should be plain");
        }
        for text in [
            "c4zz0",
            "5stelle",
            "covid19",
            "1€",
            "!1",
            "1!",
            "1\u{200B}2",
            "\u{200B}12",
            "s t r o n z o",
            "e a i",
            "a.s.s",
            "merdaaaa",
            "sh!t",
            "a|b",
            "info@comune",
            "@\u{200B}mario",
            "@mario1",
            "10$",
            "str*nzo",
            "ciao*#bello",
            "ciao*!bello",
            "merd@*a",
            "m#rda",
            "scheiße",
            "m€rda",
            "e\u{0300}",
            "x²",
        ] {
            assert!(!is_plain(text), "{text:?} should take the full path");
        }
    }

    #[test]
    fn every_char_between_letters_normalises_as_in_full() {
        let mut failures = Vec::new();
        let mut atoms = Vec::new();
        // The Basic Multilingual Plane, and the astral blocks of emoji, mathematical letters
        // and tags: the rest of the astral planes is letters of other scripts and unassigned
        // code points, which read like those.
        let astral = [0x1D400..=0x1D7FF, 0x1F000..=0x1FAFF, 0xE0000..=0xE01EF];
        let chars = (0..=0xFFFF_u32).chain(astral.into_iter().flatten());
        for c in chars.filter_map(char::from_u32) {
            // A text with a char the plain path turns down takes the full path whole.
            if !c.is_ascii() && plain_class(c, &mut atoms) == Plain::Other {
                continue;
            }
            for original in [
                format!("ab{c}cd"),
                format!("{c} a"),
                format!("a {c}"),
                format!("12{c}34"),
            ] {
                if let Err(e) = check_same_as_full(&original) {
                    failures.push(e.to_string());
                }
            }
        }
        assert!(failures.is_empty(), "{:?}", failures.get(..5));
    }

    /// Strings of letters, breaks and the chars that decide whether text is plain, so that the
    /// plain path is taken often and declined at every one of its tests.
    fn plainish() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a", "e", "i", "o", "s", "z", "l", "A", "Z", "aa", "zz", "ciao", "Comune", "è", "É",
            "à", "ò", "ç", "ü", "ñ", "\u{0430}", " ", "  ", ",", ".", "-", "_", "'", "\u{2019}",
            "\u{00A0}", "«", "!", "!!", "|", "?", "😀", "\u{200B}", "\u{FE0F}", "\u{00AD}", "\n",
            "\u{0301}", "1", "4", "19", "2024", ":", "/", "@", "$", "*", "#", "ß", "²", "€", "@@",
            "$$", "!@", "@!", "**", "#", "…", "∗", "＠", "\u{2060}",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    /// Strings made of the pieces the rules react to, so that properties explore their
    /// interactions rather than random code points.
    fn adversarial() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a", "e", "o", "i", "s", "z", "k", "c", "t", "m", "b", "ab", "ciao", "covid", "0", "1",
            "2", "4", "5", "9", "19", "444", "@", "$", "!", "|", "€", ".", "-", "*", "**", "#",
            "\u{2217}", " ", "  ", ",", "'", "😀", "\u{200B}", "\u{0301}", "è", "ß", "ﬁ",
            "\u{0430}", "\u{041D}", "Ω", "ж", "٣", "Z", "A",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    /// Checks the invariants of one input.
    fn check_invariants(original: &str) -> Result<(), TestCaseError> {
        let normalized = Normalized::new(original);
        let text = normalized.as_str();
        prop_assert!(!text.starts_with(' '), "leading space in {:?}", text);
        prop_assert!(!text.ends_with(' '), "trailing space in {:?}", text);
        prop_assert!(!text.contains("  "), "double space in {:?}", text);
        prop_assert_eq!(normalize(text), text, "not idempotent on {:?}", original);
        prop_assert_eq!(normalized.starts.len(), text.len());
        prop_assert_eq!(normalized.has_starred_words(), text.contains(WILDCARD));
        for &at in &normalized.soft {
            let at = at as usize;
            let inside = text
                .get(..at)
                .is_some_and(|b| !b.is_empty() && !b.ends_with(' '))
                && text
                    .get(at..)
                    .is_some_and(|a| !a.is_empty() && !a.starts_with(' '));
            prop_assert!(inside, "soft boundary {} in {:?}", at, text);
        }
        for word in normalized.words() {
            prop_assert!(!word.is_empty());
            let chars = text.get(word.clone()).unwrap_or_default();
            prop_assert!(
                chars.chars().all(|c| c.is_alphanumeric() || c == WILDCARD),
                "{:?}",
                chars
            );
            prop_assert!(
                !chars.starts_with(WILDCARD) && !chars.ends_with(WILDCARD),
                "{:?}",
                chars
            );
            let range = normalized.original_range(word.start, word.end);
            prop_assert!(range.start < range.end, "{:?}", range);
            prop_assert!(range.end <= original.len());
            prop_assert!(original.is_char_boundary(range.start));
            prop_assert!(original.is_char_boundary(range.end));
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn adversarial_inputs_keep_the_invariants(original in adversarial()) {
            check_invariants(&original)?;
        }

        #[test]
        fn arbitrary_unicode_keeps_the_invariants(original in any::<String>()) {
            check_invariants(&original)?;
        }

        #[test]
        fn the_plain_path_normalises_as_the_full_path(original in plainish()) {
            check_same_as_full(&original)?;
        }

        #[test]
        fn adversarial_inputs_normalise_as_in_full(original in adversarial()) {
            check_same_as_full(&original)?;
        }

        #[test]
        fn arbitrary_unicode_normalises_as_in_full(original in any::<String>()) {
            check_same_as_full(&original)?;
        }

        #[test]
        fn idempotent_on_printable_text(original in "\\PC{0,40}") {
            let once = normalize(&original);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn original_range_never_panics(original in adversarial(), start in 0..200_usize, end in 0..200_usize) {
            let normalized = Normalized::new(&original);
            let range = normalized.original_range(start, end);
            prop_assert!(range.start <= range.end);
            prop_assert!(range.end <= original.len());
            prop_assert!(original.is_char_boundary(range.start));
            prop_assert!(original.is_char_boundary(range.end));
        }

        #[test]
        fn reset_equals_new(first in adversarial(), second in adversarial()) {
            let mut reused = Normalized::new(&first);
            reused.reset(&second);
            let fresh = Normalized::new(&second);
            prop_assert_eq!(reused.as_str(), fresh.as_str());
            prop_assert_eq!(&reused.starts, &fresh.starts);
            prop_assert_eq!(&reused.ends, &fresh.ends);
            prop_assert_eq!(&reused.soft, &fresh.soft);
            prop_assert_eq!(reused.starred, fresh.starred);
        }
    }
}
