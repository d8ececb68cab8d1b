//! The off-topic recognizer: a comment measured against the post it answers.
//!
//! Both policies ask comments to keep to "i temi trattati" and forbid "link a siti esterni
//! fuori argomento". What is on topic on a municipality's page is wider than the post: any
//! comment about the city, its services or its administration belongs there whatever the post
//! says, and so do thanks, questions to the institution and criticism of it. So a comment is
//! off topic only when it shares nothing with either:
//!
//! * the **post** (`Comment::post`, title and text): no content word of the comment has the
//!   stem of one of the post's, once stop-words (`src/lexicons/<lang>/stopwords.txt`) are left
//!   out on both sides;
//! * the **institution's subjects** (`src/lexicons/<lang>/topics.txt`: offices, services,
//!   works, places, events, the second person plural that speaks to the page), and the words
//!   of the policy's institution and domains (`Comune di Livorno`, `comune.livorno.it`).
//!
//! It never flags a comment without a post, a reply to another commenter (a `@handle`), a
//! question (unless it asks the other commenters), a comment with a term of an allowed
//! category (civic criticism: "vergogna", "dimettetevi"), or one with fewer than
//! [`MIN_CONTENT`] content words: "Grazie!", "Bravi!", "👏👏" and "quando riaprono?" stay
//! published. What it flags is the long comment about something else: a football chat under
//! a post about road works, a recipe under a school closure.
//!
//! A link is off topic when the words of its host and path and the comment around it share
//! nothing with the post or the institution's subjects. Links on the policy's own domains are
//! never judged, nor a link with nothing to judge it by (a bare host, or an id for a path, and
//! no words around it): the link recognizer already weighs those.
//!
//! Off topic is a guess, so the evidence is [`Severity::Low`] and capped at review: a person
//! decides, and nothing is ever hidden for it.
//!
//! Stems come from a light suffix stripper for each shipped language (see [`stem_it`],
//! [`stem_en`]) rather than a full Snowball stemmer: Snowball's Italian costs about a
//! microsecond a word, a third of a whole classification, and its deeper cuts (`cantiere` →
//! `cant`, `partita` → `part`) join words this comparison must keep apart. Two stems also
//! match when one extends the other by a suffix the stripper does not know (`parchegg`,
//! `parcheggiar`), if the shorter has at least [`PREFIX`] letters.
//!
//! The post's stems are computed once per post and kept per thread: the comments under one
//! post pay for it once.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::lexicon;
use super::links::{self, Link, Links};
use super::{Evidence, Recognizer, Role, Scan, Setup};
use crate::text::{self, Normalized};
use crate::{Decision, Kind, Severity};

/// A comment with fewer content words than this is never off topic as a whole: short
/// reactions and one-line remarks say too little to tell.
pub(crate) const MIN_CONTENT: usize = 7;

/// A post with fewer content words than this gives nothing to compare with.
const MIN_POST: usize = 2;

/// Shortest stem that matches a longer one it begins.
const PREFIX: usize = 5;

/// The most letters a longer stem may add to a shorter one it matches: a suffix the light
/// stemmers leave (`parchegg`, `parcheggiar`), not a word of its own (`centr`, `centrocamp`).
const EXTENSION: usize = 3;

/// The most of a post read, in bytes: its opening says what it is about.
const POST_MAX: usize = 16 * 1024;

/// Words of a comment's question that ask the other commenters, not the institution.
const ASKING_OTHERS: &[&str] = &[
    "qualcuno", "ragazzi", "raga", "anyone", "anybody", "someone", "somebody", "guys",
];

/// Parts of a link's path that say nothing about its subject.
const WEB_WORDS: &[&str] = &[
    "www", "http", "https", "html", "htm", "php", "asp", "aspx", "jsp", "index", "amp", "watch",
    "status", "posts", "post", "reel", "reels", "video", "videos", "photo", "photos", "share",
    "story", "stories", "profile", "page", "pages", "articolo", "article", "news", "notizie",
    "cronaca", "default", "home", "static", "media", "images", "img",
];

/// The shipped data, by language: (language, stop-words, topics).
const SHIPPED: &[(&str, &str, &str)] = &[
    (
        "it",
        include_str!("../lexicons/it/stopwords.txt"),
        include_str!("../lexicons/it/topics.txt"),
    ),
    (
        "en",
        include_str!("../lexicons/en/stopwords.txt"),
        include_str!("../lexicons/en/topics.txt"),
    ),
];

/// A stop-word.
const STOP: u8 = 1;
/// A one-word topic, matched as written (before stemming).
const TOPIC: u8 = 2;
/// The stem of a one-word topic.
const TOPIC_STEM: u8 = 4;
/// A word of [`ASKING_OTHERS`].
const ASKS: u8 = 32;
/// A stem of the post.
const STEM: u8 = 8;
/// The first letters of a stem of the post, [`PREFIX`] or more, at most [`EXTENSION`] fewer.
const HEAD: u8 = 16;

/// Words and stems with their flags. Every comment looks several words up, so the hash is
/// Fx rather than SipHash: the tables are fixed when built (shipped words, one post's stems),
/// so a comment cannot grow a probe chain.
type Table = rustc_hash::FxHashMap<Box<str>, u8>;

/// The off-topic recognizer, compiled once per moderator: the shipped stop-words and topics
/// of the languages it loads, the policy's institution and domains. It reads a comment only
/// when the comment has a post, and then gives at most one `topic/unrelated-to-post` finding
/// (the whole comment) or one `topic/unrelated-link` finding per link, always
/// [`Severity::Low`] and capped at review.
#[derive(Debug)]
pub(crate) struct Topic {
    /// Flags of canonical words and stems: [`STOP`], [`TOPIC`], [`TOPIC_STEM`]. Topic stems
    /// match whole, since the list writes out the forms it means (a prefix would make
    /// `consiglio` of `consigliere`).
    words: Table,
    /// Topics of several words, matched whole on the canonical text.
    phrases: Option<AhoCorasick>,
    /// Which light stemmers run.
    stemmers: Stemmers,
    links: Links,
    domains: Vec<String>,
}

/// The stemmers of the languages loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
struct Stemmers {
    italian: bool,
    english: bool,
}

impl Stemmers {
    /// The stems of `word` (one per language, the same stem once).
    fn stems(self, word: &str) -> impl Iterator<Item = &str> {
        let it = self.italian.then(|| stem_it(word));
        let en = self
            .english
            .then(|| stem_en(word))
            .filter(|s| Some(*s) != it);
        it.into_iter().chain(en)
    }

    fn any(self) -> bool {
        self.italian || self.english
    }
}

impl Topic {
    pub(crate) fn new(setup: &Setup<'_>) -> Topic {
        let stemmers = Stemmers {
            italian: setup.wants("it"),
            english: setup.wants("en"),
        };
        let mut words = Table::default();
        let mut stems: Vec<Box<str>> = Vec::new();
        let mut phrases: Vec<String> = Vec::new();
        for (lang, stopwords, topics) in SHIPPED {
            if !setup.wants(lang) {
                continue;
            }
            for form in forms(stopwords, lang) {
                for word in form.split(' ') {
                    *words.entry(word.into()).or_default() |= STOP;
                }
            }
            for form in forms(topics, lang) {
                if form.contains(' ') {
                    phrases.push(form);
                } else {
                    *words.entry(form.as_str().into()).or_default() |= TOPIC;
                    // A short stem joins unrelated words (`tram`, `trama`): short topics
                    // count only as written.
                    stems.extend(
                        stemmers
                            .stems(&form)
                            .filter(|s| s.len() >= PREFIX)
                            .map(Into::into),
                    );
                }
            }
        }
        // The institution's own name and sites are its subjects too: `livorno`, `comune`.
        let meta = &setup.policy.meta;
        let own = std::iter::once(meta.institution.as_str())
            .chain(meta.domains.iter().map(String::as_str))
            .map(text::normalize);
        for name in own {
            for word in name.split(' ') {
                if is_content(word, words.get(word).copied().unwrap_or(0)) && !is_tld(word) {
                    stems.extend(stemmers.stems(word).map(Into::into));
                }
            }
        }
        for stem in stems {
            *words.entry(stem).or_default() |= TOPIC_STEM;
        }
        for word in ASKING_OTHERS {
            *words.entry((*word).into()).or_default() |= ASKS;
        }
        let phrases = if phrases.is_empty() {
            None
        } else {
            #[expect(
                clippy::expect_used,
                reason = "shipped phrases, a few hundred bytes of literals, compiled by every test: a topic list must never be silently dropped"
            )]
            let automaton = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&phrases)
                .expect("the topic phrases compile");
            Some(automaton)
        };
        Topic {
            words,
            phrases,
            stemmers,
            links: Links::new(),
            domains: meta.domains.clone(),
        }
    }

    fn flags(&self, word: &str) -> u8 {
        self.words.get(word).copied().unwrap_or(0)
    }

    /// Whether the canonical `word` ties a text to the institution or to the post's `stems`.
    fn relates(&self, word: &str, post: &StemSet) -> bool {
        self.stemmers
            .stems(word)
            .any(|s| self.flags(s) & TOPIC_STEM != 0 || post.matches(s))
    }

    /// Whether the canonical text holds a topic phrase, whole words.
    fn has_phrase(&self, canonical: &str) -> bool {
        let Some(automaton) = &self.phrases else {
            return false;
        };
        let bytes = canonical.as_bytes();
        automaton.find_iter(canonical).any(|m| {
            let before = m.start() == 0 || bytes.get(m.start() - 1) == Some(&b' ');
            let after = bytes.get(m.end()).is_none_or(|b| *b == b' ');
            before && after
        })
    }

    /// Fills `post` with the stems of `title` and `text`.
    fn read_post(&self, title: &str, body: &str, post: &mut PostStems) {
        post.stems.clear();
        post.content = 0;
        let mut both = String::with_capacity(title.len() + body.len() + 1);
        both.push_str(title);
        both.push('\n');
        both.push_str(body);
        let mut cut = both.len().min(POST_MAX);
        while !both.is_char_boundary(cut) {
            cut -= 1;
        }
        both.truncate(cut);
        let canonical = Normalized::new(&both);
        // Distinct content words, counted as far as [`MIN_POST`]: all that is asked of them.
        let mut seen: Vec<&str> = Vec::with_capacity(MIN_POST);
        for word in canonical.as_str().split(' ') {
            if !is_content(word, self.flags(word)) {
                continue;
            }
            if seen.len() < MIN_POST && !seen.contains(&word) {
                seen.push(word);
            }
            for stem in self.stemmers.stems(word) {
                post.stems.insert(stem);
            }
        }
        post.content = seen.len();
    }

    /// The words of the link at `link` that say what it is about: its host's labels and its
    /// path's words, canonical; and how many of them come from the path.
    fn link_words(&self, text: &str, link: &Link) -> (Vec<String>, usize) {
        let url = text.get(link.start..link.end).unwrap_or_default();
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let (_, path) = rest
            .find(['/', '?', '#'])
            .map_or((rest, ""), |at| rest.split_at(at));
        // A query or a fragment is ids and tracking, not a subject.
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut out: Vec<String> = Vec::new();
        let labels = link.host.split('.');
        let count = link.host.split('.').count();
        for (i, label) in labels.enumerate() {
            // The top-level domain, and `www`/`m` prefixes, name no subject.
            if i + 1 == count || matches!(label, "www" | "m" | "mobile") {
                continue;
            }
            for part in label.split('-') {
                let word = text::normalize(part);
                if is_content(&word, self.flags(&word)) {
                    out.push(word);
                }
            }
        }
        let host_words = out.len();
        for part in path.split(|c: char| !c.is_alphanumeric()) {
            if part.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let word = text::normalize(part);
            if is_content(&word, self.flags(&word)) && !WEB_WORDS.contains(&word.as_str()) {
                out.push(word);
            }
        }
        let path_words = out.len() - host_words;
        (out, path_words)
    }
}

/// Every normalised form of the entries of a shipped file.
#[expect(
    clippy::expect_used,
    reason = "shipped data, every line checked by `shipped_lists_parse`: a line that does not parse must not silently drop its words"
)]
fn forms(text: &str, lang: &str) -> Vec<String> {
    crate::data::lines(text)
        .flat_map(|(line, entry)| {
            lexicon::parse_entry(entry, lang)
                .map_err(|e| format!("{lang} topic data, line {line}: {e}"))
                .expect("shipped topic data parses")
                .forms
        })
        .collect()
}

/// Whether a canonical word with `flags` carries content: three letters or more, a letter
/// among them, not a stop-word.
fn is_content(word: &str, flags: u8) -> bool {
    flags & STOP == 0 && word.len() >= 3 && word.chars().any(char::is_alphabetic)
}

/// Common top-level domains, for the policy's domains (`livorno` of `comune.livorno.it`).
fn is_tld(word: &str) -> bool {
    matches!(
        word,
        "it" | "com" | "org" | "net" | "eu" | "gov" | "edu" | "www"
    )
}

/// A post's stems, looked up whole or by their first letters.
#[derive(Default)]
struct StemSet(Table);

impl StemSet {
    fn clear(&mut self) {
        self.0.clear();
    }

    fn insert(&mut self, stem: &str) {
        *self.0.entry(stem.into()).or_default() |= STEM;
        let shortest = stem.len().saturating_sub(EXTENSION).max(PREFIX);
        for end in shortest..stem.len() {
            if let Some(head) = stem.get(..end) {
                *self.0.entry(head.into()).or_default() |= HEAD;
            }
        }
    }

    /// Whether `stem` is one of the stems, or one of them extends it or is extended by it,
    /// the shorter at least [`PREFIX`] bytes long and the longer at most [`EXTENSION`] bytes
    /// longer.
    fn matches(&self, stem: &str) -> bool {
        if self.0.get(stem).is_some_and(|f| f & (STEM | HEAD) != 0) {
            return true;
        }
        let shortest = stem.len().saturating_sub(EXTENSION).max(PREFIX);
        (shortest..stem.len()).any(|end| {
            stem.get(..end)
                .and_then(|head| self.0.get(head))
                .is_some_and(|f| f & STEM != 0)
        })
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// A light Italian stem: the word without its inflection of gender and number, so that
/// `lavoro`, `lavori` give `lavor`, `buca`, `buche` give `buc`, `farmacia`, `farmacie` give
/// `farmac`. Words shorter than four letters, and words not written in ASCII letters, are
/// their own stem.
pub(crate) fn stem_it(word: &str) -> &str {
    let b = word.as_bytes();
    let n = b.len();
    if n < 4 || !b.iter().all(u8::is_ascii_lowercase) {
        return word;
    }
    let cut = match (b.get(n - 3), b.get(n - 2), b.get(n - 1)) {
        // -chi, -che, -ghi, -ghe: the plural of -co, -ca, -go, -ga.
        (Some(b'c' | b'g'), Some(b'h'), Some(b'i' | b'e')) if n >= 5 => 2,
        // -io, -ia, -ie, -ii: parcheggio, parcheggi; farmacia, farmacie.
        (_, Some(b'i'), Some(&v)) if n >= 5 && is_vowel(v) => 2,
        (_, _, Some(&v)) if is_vowel(v) => 1,
        _ => 0,
    };
    word.get(..n - cut).unwrap_or(word)
}

/// A light English stem: plural `-s`, `-es`, `-ies`, then `-ing`, `-ed`, a final `-y` or
/// `-e`, so that `school`, `schools`; `close`, `closed`, `closing`; `city`, `cities` meet.
/// Words shorter than four letters, and words not written in ASCII letters, are their own
/// stem.
pub(crate) fn stem_en(word: &str) -> &str {
    let b = word.as_bytes();
    if b.len() < 4 || !b.iter().all(u8::is_ascii_lowercase) {
        return word;
    }
    let mut w = word;
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() >= 2) {
        w = s;
    } else if w.ends_with("sses") {
        w = w.get(..w.len() - 2).unwrap_or(w);
    } else if let Some(s) = w.strip_suffix("es").filter(|s| {
        s.len() >= 3 && (s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh"))
    }) {
        w = s;
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w = w.get(..w.len() - 1).unwrap_or(w);
    }
    if let Some(s) = w.strip_suffix("ing").filter(|s| s.len() >= 3) {
        w = s;
    } else if let Some(s) = w.strip_suffix("ed").filter(|s| s.len() >= 3) {
        w = s;
    }
    if w.len() > 3 && (w.ends_with('y') || w.ends_with('e')) {
        w = w.get(..w.len() - 1).unwrap_or(w);
    }
    w
}

/// The stems of the last post read on this thread.
#[derive(Default)]
struct PostStems {
    title: String,
    text: String,
    /// The stemmers it was read with: two moderators on one thread may differ.
    stemmers: Stemmers,
    read: bool,
    stems: StemSet,
    /// Distinct content words, up to [`MIN_POST`].
    content: usize,
}

/// Buffers reused between comments on each thread.
#[derive(Default)]
struct Buffers {
    post: PostStems,
    links: Vec<Link>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

impl Recognizer for Topic {
    fn recognize(&self, scan: &Scan<'_>, out: &mut Vec<Evidence>) {
        let Some(post) = &scan.comment.post else {
            return;
        };
        if !self.stemmers.any() || scan.words.is_empty() {
            return;
        }
        // A reply to another commenter answers them, not the post.
        let handle = scan.words.iter().any(|w| {
            w.tag
                && (scan
                    .text
                    .get(w.original.clone())
                    .is_some_and(|t| t.starts_with('@'))
                    || scan
                        .text
                        .get(..w.original.start)
                        .is_some_and(|t| t.ends_with('@')))
        });
        // Criticism of the institution (a term of an allowed category) is its subject.
        let criticism = out.iter().any(|e| matches!(e.role, Role::Protect(_)));
        if handle || criticism {
            return;
        }
        crate::detect::with_buffers(&BUFFERS, |b: &mut Buffers| {
            let cached = &mut b.post;
            if !cached.read
                || cached.stemmers != self.stemmers
                || cached.title != post.title
                || cached.text != post.text
            {
                cached.title.clone_from(&post.title);
                cached.text.clone_from(&post.text);
                cached.stemmers = self.stemmers;
                self.read_post(&post.title, &post.text, cached);
                cached.read = true;
            }
            if cached.content < MIN_POST {
                return;
            }
            b.links.clear();
            if scan.signals.link {
                self.links.find(scan.text, &mut b.links);
            }
            b.links
                .retain(|l| !self.domains.iter().any(|d| links::host_matches(&l.host, d)));
            self.judge(scan, &cached.stems, &b.links, out);
        });
    }
}

impl Topic {
    /// The evidence about a comment whose post has `post` stems and whose external links
    /// are `found`.
    fn judge(&self, scan: &Scan<'_>, post: &StemSet, found: &[Link], out: &mut Vec<Evidence>) {
        let canonical = scan.canonical.as_str();
        let in_link = |span: &Range<usize>| {
            found
                .iter()
                .any(|l| span.start < l.end && l.start < span.end)
        };
        let mut content = 0;
        let mut asks_others = false;
        for w in scan.words {
            let Some(word) = canonical.get(w.canonical.clone()) else {
                continue;
            };
            if in_link(&w.original) {
                continue;
            }
            let flags = self.flags(word);
            asks_others |= flags & ASKS != 0;
            if flags & TOPIC != 0 {
                return;
            }
            if !is_content(word, flags) {
                continue;
            }
            content += 1;
            if self.relates(word, post) {
                return;
            }
        }
        if self.has_phrase(canonical) {
            return;
        }
        let before = out.len();
        for link in found {
            let (words, path_words) = self.link_words(scan.text, link);
            if path_words + content == 0 || words.iter().any(|w| self.relates(w, post)) {
                continue;
            }
            let mut e = Evidence::new(
                Kind::OffTopic,
                Arc::from("topic/unrelated-link"),
                link.start..link.end,
                Severity::Low,
            );
            e.cap = Some(Decision::Review);
            out.push(e);
        }
        let question = !asks_others
            && scan
                .text
                .match_indices('?')
                .any(|(at, _)| !in_link(&(at..at + 1)));
        if out.len() > before || question || content < MIN_CONTENT {
            return;
        }
        let (Some(first), Some(last)) = (scan.words.first(), scan.words.last()) else {
            return;
        };
        let mut e = Evidence::new(
            Kind::OffTopic,
            Arc::from("topic/unrelated-to-post"),
            first.original.start..last.original.end,
            Severity::Low,
        );
        e.cap = Some(Decision::Review);
        out.push(e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lists_parse() {
        for (lang, stopwords, topics) in SHIPPED {
            for (name, text) in [("stopwords", stopwords), ("topics", topics)] {
                if let Err(errors) = lexicon::parse_file(text, lang) {
                    panic!("{lang}/{name}: {errors:?}");
                }
            }
            for form in forms(stopwords, lang) {
                assert!(!form.is_empty(), "{lang}: an empty stop-word");
            }
        }
    }

    #[test]
    fn no_word_is_both_a_stop_word_and_a_topic_by_accident() {
        // Words that speak to the page are on purpose in both lists; nothing else is.
        let deliberate = [
            "voi", "siete", "avete", "fate", "potete", "dovete", "grazie", "thanks", "vostro",
            "vostra", "vostri", "vostre",
        ];
        for (lang, stopwords, topics) in SHIPPED {
            let stop: std::collections::HashSet<String> = forms(stopwords, lang)
                .into_iter()
                .flat_map(|f| f.split(' ').map(str::to_owned).collect::<Vec<_>>())
                .collect();
            let both: Vec<String> = forms(topics, lang)
                .into_iter()
                .filter(|f| stop.contains(f) && !deliberate.contains(&f.as_str()))
                .collect();
            assert!(both.is_empty(), "{lang}: stop-words and topics: {both:?}");
        }
    }

    #[test]
    fn italian_stems_join_inflections() {
        for group in [
            &["lavoro", "lavori"][..],
            &["buca", "buche"],
            &["parco", "parchi"],
            &["farmacia", "farmacie"],
            &["parcheggio", "parcheggi"],
            &["scuola", "scuole"],
            &["biblioteca", "biblioteche"],
            &["chiuso", "chiusa", "chiusi", "chiuse"],
        ] {
            let stems: Vec<&str> = group.iter().map(|w| stem_it(w)).collect();
            assert!(
                stems.windows(2).all(|w| w[0] == w[1]),
                "{group:?}: {stems:?}"
            );
        }
        assert_eq!(stem_it("via"), "via");
        assert_eq!(stem_it("città"), "città");
    }

    #[test]
    fn english_stems_join_inflections() {
        for group in [
            &["school", "schools"][..],
            &["close", "closed", "closing", "closes"],
            &["city", "cities"],
            &["bus", "buses"],
            &["road", "roads"],
            &["work", "works", "working", "worked"],
            &["class", "classes"],
        ] {
            let stems: Vec<&str> = group.iter().map(|w| stem_en(w)).collect();
            assert!(
                stems.windows(2).all(|w| w[0] == w[1]),
                "{group:?}: {stems:?}"
            );
        }
    }

    #[test]
    fn stems_match_by_prefix_only_when_long() {
        let mut stems = StemSet::default();
        for stem in ["lavor", "parcheggiar", "strad", "centrocamp"] {
            stems.insert(stem);
        }
        assert!(stems.matches("parcheggiar"));
        assert!(stems.matches("parchegg"));
        assert!(stems.matches("stradal"));
        assert!(stems.matches("lavor"));
        assert!(!stems.matches("stradaccia"));
        assert!(!stems.matches("lavoratorio"));
        assert!(!stems.matches("centr"));
        assert!(!stems.matches("str"));
        assert!(!stems.matches("calc"));
        assert!(!StemSet::default().matches("calc"));
    }

    #[test]
    fn stemming_never_panics_on_odd_words() {
        for w in [
            "", "a", "ies", "sses", "es", "ing", "ed", "ùù", "ьььь", "aeiou", "zzzzing",
        ] {
            let _ = (stem_it(w), stem_en(w));
        }
    }

    fn off_topic_rules(text: &str, post: Option<(&str, &str)>) -> Vec<String> {
        let moderator = crate::Moderator::new(
            crate::Policy::preset("comune-livorno").unwrap_or_else(|e| panic!("{e}")),
        );
        let mut comment = crate::Comment::new(text);
        if let Some((title, body)) = post {
            comment = comment.with_post(crate::Post::new(title, body));
        }
        moderator
            .moderate(&comment)
            .findings()
            .iter()
            .filter(|f| f.kind() == Kind::OffTopic)
            .map(|f| f.rule().to_owned())
            .collect()
    }

    #[test]
    fn a_long_unrelated_comment_is_off_topic_only_under_a_post() {
        let post = (
            "Lavori in via Grande",
            "Da lunedì rifacimento dell'asfalto, tratto chiuso al traffico.",
        );
        let chat = "La Juve ieri ha giocato malissimo, con questo centrocampo non vinciamo \
                    neanche contro le squadre di serie B";
        assert_eq!(
            off_topic_rules(chat, Some(post)),
            ["topic/unrelated-to-post"]
        );
        assert!(off_topic_rules(chat, None).is_empty());
        let link = "Che gol ieri sera: www.calcio.example/gol-juve-inter";
        assert_eq!(off_topic_rules(link, Some(post)), ["topic/unrelated-link"]);
        for fine in [
            "Grazie!",
            "quando finiscono?",
            "Speriamo che finiscano presto i lavori dell'asfalto, il traffico è impossibile",
            "@mario la Juve ieri ha giocato malissimo, con questo centrocampo non vinciamo mai",
            "Il sito: https://www.comune.livorno.it/lavori-pubblici-juve-calcio",
        ] {
            assert!(off_topic_rules(fine, Some(post)).is_empty(), "{fine}");
        }
    }

    mod properties {
        use std::sync::LazyLock;

        use proptest::prelude::*;

        use crate::{Comment, Decision, Kind, Moderator, Policy, Post};

        static MODERATOR: LazyLock<Moderator> = LazyLock::new(|| {
            Moderator::new(Policy::preset("comune-livorno").unwrap_or_else(|e| panic!("{e}")))
        });

        /// Pieces that reach every branch: stop-words, topics, words shared or not, links
        /// (own, news, unrelated, with ids), handles, questions, criticism, odd Unicode.
        fn pieces() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "lavori",
                "via",
                "grande",
                "piazza",
                "la",
                "di",
                "che",
                "sono",
                "juve",
                "partita",
                "carbonara",
                "guanciale",
                "pecorino",
                "scuole",
                "trama",
                "centrocampo",
                "the",
                "school",
                "closed",
                "match",
                "@mario",
                "#livorno",
                "?",
                "!",
                ".",
                ",",
                " ",
                " ",
                " ",
                "\n",
                "vergogna",
                "grazie",
                "voi",
                "https://www.comune.livorno.it/x",
                "www.calcio.example/gol-juve",
                "https://youtu.be/abc?x=1#y",
                "bit.ly/abc",
                "ansa.it/2026/1.html",
                "é",
                "\u{301}",
                "ѕ",
                "😀",
                "ß",
                "ﬁ",
                "4",
                "0",
                "ies",
                "sses",
                "'",
                "\"",
                "«",
                "»",
            ]);
            prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
        }

        /// A post changes a verdict by off-topic findings alone, each at most review.
        fn check(title: &str, body: &str, text: &str) -> Result<(), TestCaseError> {
            let alone = MODERATOR.moderate(&Comment::new(text));
            let with_post =
                MODERATOR.moderate(&Comment::new(text).with_post(Post::new(title, body)));
            let extra: Vec<_> = with_post
                .findings()
                .iter()
                .filter(|f| f.kind() == Kind::OffTopic)
                .collect();
            for f in &extra {
                prop_assert!(f.decision() <= Decision::Review);
                prop_assert!(text.is_char_boundary(f.span().start));
                prop_assert!(text.is_char_boundary(f.span().end));
            }
            prop_assert_eq!(
                with_post.findings().len() - extra.len(),
                alone.findings().len()
            );
            let expected = if extra.is_empty() {
                alone.decision()
            } else {
                alone.decision().max(Decision::Review)
            };
            prop_assert_eq!(with_post.decision(), expected);
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn a_post_adds_review_at_most(title in pieces(), body in pieces(), text in pieces()) {
                check(&title, &body, &text)?;
            }

            #[test]
            fn arbitrary_posts_and_comments_never_panic(
                title in any::<String>(),
                body in any::<String>(),
                text in any::<String>(),
            ) {
                check(&title, &body, &text)?;
            }
        }
    }
}
