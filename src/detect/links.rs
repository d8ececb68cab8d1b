//! Links in comments.
//!
//! The social-media policies of public administrations forbid off-topic external links and
//! spam. This module finds links and names their host; [`host_matches`] tells a policy's own
//! domains, [`is_shortener`] the third-party shorteners that hide where a link leads, and
//! [`is_platform_wrapper`] the hosts through which a platform writes its own links (`t.co`,
//! `youtu.be`, …), which hide nothing. [`assess`] holds the link policy: which links of a
//! comment are worth a finding, under which rule, how severe.
//!
//! Three forms are recognised, in one regex pass:
//!
//! * URLs with a scheme: `http://…`, `https://…` (any host, also an IP address);
//! * `www.` forms: `www.example.com/pagina`;
//! * bare domains with a common top-level domain: `comune.livorno.it`, `bit.ly/abc`.
//!
//! Bare domains are the risky form: a missing space after a full stop ("Grazie.Io sono
//! d'accordo") looks like a domain. So bare domains must end with a TLD from a fixed list, in
//! lower case (or the whole host in upper case), must not be glued to letters, dots or `@`
//! on either side (so e-mail addresses are not links), and a one-letter second-level name
//! ("p.es", the Italian "per esempio") counts only for known short hosts such as `t.co`.
//!
//! Trailing punctuation (`.,;:!?`, quotes) and closing brackets that do not close a bracket
//! opened inside the URL are left out of the range.

use super::next_boundary;
use crate::Severity;
use regex::Regex;

/// One link: its byte range in the original text and its host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    /// Byte offset of the first byte (on a `char` boundary).
    pub(crate) start: usize,
    /// Byte offset one past the last byte (on a `char` boundary).
    pub(crate) end: usize,
    /// lowercase host without "www."
    pub(crate) host: String,
}

/// The compiled link recogniser. Cloning is cheap (a [`Regex`] shares its program).
#[derive(Clone, Debug)]
pub(crate) struct Links {
    re: Regex,
}

impl Default for Links {
    fn default() -> Self {
        Links::new()
    }
}

/// Top-level domains accepted for bare domains (without scheme or `www.`). Generic ones,
/// European country codes, and the country codes used by URL shorteners (ly, gl, gd, cc, at,
/// to, be, in).
const TLDS: &[&str] = &[
    "it", "com", "org", "net", "eu", "info", "io", "ly", "me", "co", "tv", "app", "shop", "xyz",
    "biz", "online", "site", "website", "store", "live", "news", "blog", "club", "top", "link",
    "click", "page", "art", "pro", "mobi", "name", "space", "tech", "fun", "cloud", "digital",
    "media", "agency", "today", "world", "life", "dev", "ai", "gov", "edu", "int", "uk", "de",
    "fr", "es", "ch", "at", "be", "nl", "pt", "ie", "pl", "cz", "gr", "ro", "hu", "se", "dk", "fi",
    "ru", "cn", "jp", "us", "ca", "au", "br", "in", "sm", "va", "gl", "gd", "cc", "to", "ws", "tk",
    "ml", "ga", "cf", "gq", "pw", "su", "tw", "fm", "gg",
];

/// Third-party URL shorteners: the link hides its real destination, which can be anything.
///
/// A platform's own wrapper (`t.co`, `youtu.be`, …) is not here: see [`PLATFORM_WRAPPERS`].
const SHORTENERS: &[&str] = &[
    "bit.ly",
    "bitly.com",
    "bit.do",
    "tinyurl.com",
    // Google's old general-purpose shortener; its Maps links are a wrapper (below).
    "goo.gl",
    "ow.ly",
    "is.gd",
    "v.gd",
    "buff.ly",
    "cutt.ly",
    "rebrand.ly",
    "shorturl.at",
    "tiny.cc",
    "t.ly",
    "rb.gy",
    "bl.ink",
    "s.id",
    "tiny.one",
    "shorte.st",
    "adf.ly",
    "soo.gd",
    "clck.ru",
    "u.to",
    "surl.li",
    "qr.ae",
    "x.co",
    "po.st",
    "tr.im",
    "cli.gs",
    "trib.al",
    "dlvr.it",
    "ift.tt",
];

/// Hosts through which a platform links to itself or wraps what its users share: a link on
/// these is how the platform writes links (every link in a tweet is a `t.co` link, every
/// shared YouTube video a `youtu.be` one), so it says nothing about the author hiding where it
/// leads. Never shorteners, whatever the subdomain.
///
/// * X / Twitter: `t.co`; LinkedIn: `lnkd.in`;
/// * Meta: `fb.me`, `fb.watch` (Facebook), `m.me` (Messenger), `instagr.am` (Instagram),
///   `wa.me` (WhatsApp);
/// * Google: `g.co`, `goo.gle`, `g.page` (business profiles), `forms.gle` (Forms),
///   `maps.app.goo.gl` (Maps; `goo.gl/maps/…` links too, see [`is_wrapper_link`]);
/// * YouTube: `youtu.be`; Amazon: `amzn.to`, `amzn.eu`, `a.co`;
/// * Telegram: `t.me`; Reddit: `redd.it`; Flickr: `flic.kr`; Spotify: `spoti.fi`;
///   Pinterest: `pin.it`; Dailymotion: `dai.ly`.
const PLATFORM_WRAPPERS: &[&str] = &[
    "t.co",
    "lnkd.in",
    "fb.me",
    "fb.watch",
    "m.me",
    "instagr.am",
    "wa.me",
    "g.co",
    "goo.gle",
    "g.page",
    "forms.gle",
    "maps.app.goo.gl",
    "youtu.be",
    "amzn.to",
    "amzn.eu",
    "a.co",
    "t.me",
    "redd.it",
    "flic.kr",
    "spoti.fi",
    "pin.it",
    "dai.ly",
];

/// Hosts with a one-letter name, neither shorteners nor wrappers, that are common in comments.
const ONE_LETTER_HOSTS: &[&str] = &["x.com"];

/// Characters that end a sentence rather than a URL.
const TRAILING: &[char] = &[
    '.', ',', ';', ':', '!', '?', '\'', '"', '»', '«', '”', '“', '’', '‘', '…', '*',
];

impl Links {
    /// The recogniser, compiled once per process and shared (a [`Regex`] clone shares its
    /// program).
    pub(crate) fn new() -> Links {
        static COMPILED: std::sync::LazyLock<Links> = std::sync::LazyLock::new(Links::compile);
        COMPILED.clone()
    }

    /// Compiles the recogniser.
    fn compile() -> Links {
        let mut tlds: Vec<&str> = TLDS.to_vec();
        // Longest first, so "com" is tried before "co".
        tlds.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let label = r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?";
        let pattern = format!(
            concat!(
                // Scheme or www: everything up to a space, quote or angle bracket.
                r#"(?i)(?:https?://|www\.)[^\s<>"]+"#,
                // Bare domain: labels, a known TLD, then an optional port and path.
                r#"|(?:{label}\.)+(?:{tlds})(?-u:\b)(?::[0-9]{{1,5}})?(?:[/?#][^\s<>"]*)?"#,
            ),
            label = label,
            tlds = tlds.join("|"),
        );
        #[expect(
            clippy::expect_used,
            reason = "a constant pattern, compiled by every test: a link finder must never be silently disabled"
        )]
        let re = Regex::new(&pattern).expect("the link pattern compiles");
        Links { re }
    }

    /// URLs with a scheme (http, https), `www.` forms, and bare domains with a common TLD
    /// (it, com, org, net, eu, info, io, ly, me, co, tv, app, shop, xyz, biz, online, site,
    /// ... and URL shorteners like bit.ly, t.co, tinyurl.com, goo.gl); trailing punctuation
    /// (.,;:!?) and closing brackets not part of the URL are excluded; e-mail addresses are
    /// NOT links. Appends to `out` in text order; the ranges never overlap.
    pub(crate) fn find(&self, text: &str, out: &mut Vec<Link>) {
        let re = &self.re;
        // The search looks at most `WINDOW` bytes ahead: a rejected candidate inside a long run
        // without spaces ("http:///http:///…") would otherwise let the greedy tail stretch to
        // the end of the run every time, and the search would be quadratic. A candidate that
        // reaches the window's edge is accepted or rejected on what the window holds (the
        // scheme and host decide), and only an accepted one is read again in full.
        let mut at = 0;
        while at <= text.len() {
            let end = floor_boundary(text, at.saturating_add(WINDOW));
            let Some(m) = text.get(..end).and_then(|hay| re.find_at(hay, at)) else {
                if end >= text.len() {
                    break;
                }
                // Nothing starts in this window; a link cut at its edge is found again in the
                // next one, which overlaps it.
                at = floor_boundary(text, end.saturating_sub(OVERLAP)).max(at + 1);
                at = ceil_boundary(text, at);
                continue;
            };
            let mut link = accept(text, m.start(), m.end());
            if link.is_some() && m.end() == end && end < text.len() {
                let full = floor_boundary(text, m.start().saturating_add(MAX_LINK));
                link = text
                    .get(..full)
                    .and_then(|hay| re.find_at(hay, m.start()))
                    .filter(|f| f.start() == m.start())
                    .and_then(|f| accept(text, f.start(), f.end()));
            }
            match link {
                Some(link) => {
                    at = link.end.max(next_boundary(text, m.start()));
                    out.push(link);
                }
                None => at = next_boundary(text, m.start()),
            }
        }
    }
}

/// How far ahead the link search looks for a candidate and its end.
const WINDOW: usize = 1024;

/// How much consecutive windows overlap when nothing was found: longer than any host.
const OVERLAP: usize = 300;

/// The longest link read in full; a longer one is cut there.
const MAX_LINK: usize = 8 * 1024;

/// The greatest char boundary of `text` at or before `at` (or its length).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The least char boundary of `text` at or after `at` (or its length).
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Checks one regex match and turns it into a link, or rejects it.
fn accept(text: &str, start: usize, raw_end: usize) -> Option<Link> {
    let raw = text.get(start..raw_end)?;
    let lower_head: String = raw.chars().take(8).collect::<String>().to_ascii_lowercase();
    let has_scheme = lower_head.starts_with("http://") || lower_head.starts_with("https://");
    let is_www = !has_scheme && lower_head.starts_with("www.");
    let before = text.get(..start)?;
    let prev = before.chars().next_back();
    // A scheme is evidence enough, even glued to a word ("vedihttps://..."); the other forms
    // must start a word.
    if !has_scheme && prev.is_some_and(char::is_alphanumeric) {
        return None;
    }
    if !has_scheme {
        // Part of an e-mail address, a path or a longer name.
        if prev.is_some_and(|c| matches!(c, '.' | '@' | '-' | '_' | '/' | '\\')) {
            return None;
        }
        // The domain of a disguised e-mail address: "mario (at) gmail.com".
        let tail = before.trim_end();
        let tail = tail
            .char_indices()
            .rev()
            .take(12)
            .last()
            .and_then(|(i, _)| tail.get(i..))
            .unwrap_or("")
            .to_ascii_lowercase();
        if ["(at)", "[at]", "(chiocciola)", "[chiocciola]"]
            .iter()
            .any(|d| tail.ends_with(d))
        {
            return None;
        }
    }
    let end = start + trimmed_len(raw);
    let url = text.get(start..end)?;
    let host_raw = raw_host(url);
    if host_raw.is_empty() {
        return None;
    }
    // The host must not run into an e-mail's "@" or into more name characters.
    let after_host = text
        .get(start..)?
        .get(host_end_offset(url)..)?
        .chars()
        .next();
    if !has_scheme
        && after_host.is_some_and(|c| c == '@' || c == '_' || c == '-' || c.is_alphanumeric())
    {
        return None;
    }
    let host = normalize_host(host_raw);
    if host.is_empty() {
        return None;
    }
    if !has_scheme && !is_www && !bare_domain_ok(host_raw, &host) {
        return None;
    }
    Some(Link { start, end, host })
}

/// Extra checks for a domain written without scheme or `www.`.
fn bare_domain_ok(host_raw: &str, host: &str) -> bool {
    let mut labels = host_raw.rsplit('.');
    let tld = labels.next().unwrap_or("");
    let name = labels.next().unwrap_or("");
    let all_upper = !host_raw.chars().any(|c| c.is_ascii_lowercase());
    let tld_ok = tld.chars().all(|c| c.is_ascii_lowercase()) || all_upper;
    let name_ok = name.chars().count() > 1
        || SHORTENERS
            .iter()
            .chain(PLATFORM_WRAPPERS)
            .chain(ONE_LETTER_HOSTS)
            .any(|known| normalized_matches(host, known));
    tld_ok && name_ok
}

/// Length of `raw` once trailing punctuation and unbalanced closing brackets are cut.
fn trimmed_len(raw: &str) -> usize {
    let mut s = raw;
    loop {
        let Some(last) = s.chars().next_back() else {
            return 0;
        };
        let cut = if TRAILING.contains(&last) {
            true
        } else if let Some(open) = opening_of(last) {
            s.matches(last).count() > s.matches(open).count()
        } else {
            false
        };
        if !cut {
            return s.len();
        }
        s = s.get(..s.len() - last.len_utf8()).unwrap_or("");
    }
}

fn opening_of(close: char) -> Option<char> {
    match close {
        ')' => Some('('),
        ']' => Some('['),
        '}' => Some('{'),
        '>' => Some('<'),
        _ => None,
    }
}

/// Byte offset in `url` where the authority (user, host, port) starts.
fn authority_offset(url: &str) -> usize {
    url.find("://").map_or(0, |p| p + 3)
}

/// Byte offset in `url` just past the host and port.
fn host_end_offset(url: &str) -> usize {
    let from = authority_offset(url);
    let rest = url.get(from..).unwrap_or("");
    from + rest.find(['/', '?', '#']).unwrap_or(rest.len())
}

/// The host as written: no scheme, user, port, path, query or fragment.
fn raw_host(url: &str) -> &str {
    let authority = url
        .get(authority_offset(url)..host_end_offset(url))
        .unwrap_or("");
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, after)| after);
    if host_port.starts_with('[') {
        // IPv6 literal: keep the brackets, drop the port.
        return host_port
            .find(']')
            .and_then(|p| host_port.get(..=p))
            .unwrap_or(host_port);
    }
    match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => host_port,
    }
}

/// Lower case, no trailing dot, no leading "www." (repeated prefixes too).
fn normalize_host(host: &str) -> String {
    let lower = host.trim_end_matches('.').to_lowercase();
    let mut rest = lower.as_str();
    while let Some(r) = rest.strip_prefix("www.") {
        rest = r;
    }
    rest.to_owned()
}

/// True when `host` is `domain` or a subdomain of it (`comune.livorno.it` matches
/// `www.comune.livorno.it`, not `evilcomune.livorno.it.example.com`).
///
/// Both sides are compared case-insensitively, without a trailing dot and without a leading
/// "www."; a subdomain must end with "." followed by the whole domain, so a host that merely
/// ends with the same letters (`evilcomune.livorno.it`) does not match.
pub(crate) fn host_matches(host: &str, domain: &str) -> bool {
    normalized_matches(&normalize_host(host), &normalize_host(domain))
}

/// [`host_matches`] on hosts already normalised by [`normalize_host`].
fn normalized_matches(host: &str, domain: &str) -> bool {
    !domain.is_empty()
        && (host == domain
            || host
                .strip_suffix(domain)
                .is_some_and(|prefix| prefix.ends_with('.')))
}

/// True for well-known third-party URL shorteners (bit.ly, tinyurl.com, goo.gl, ow.ly, is.gd,
/// buff.ly, cutt.ly, rebrand.ly, shorturl.at, tiny.cc …), and for their subdomains; false for
/// a platform's own wrapper ([`is_platform_wrapper`]), such as `t.co` or `maps.app.goo.gl`.
pub(crate) fn is_shortener(host: &str) -> bool {
    let host = normalize_host(host);
    !wrapper_host(&host) && SHORTENERS.iter().any(|s| normalized_matches(&host, s))
}

/// True for the hosts through which a platform writes its own links (`t.co`, `lnkd.in`,
/// `fb.me`, `m.me`, `youtu.be`, `amzn.to`, `instagr.am`, `wa.me`, `t.me`, `redd.it`,
/// `flic.kr`, `spoti.fi`, `g.co`, `maps.app.goo.gl` …; the full list is
/// [`PLATFORM_WRAPPERS`]), and for their subdomains. Such a link is never a shortener.
pub(crate) fn is_platform_wrapper(host: &str) -> bool {
    wrapper_host(&normalize_host(host))
}

/// [`is_platform_wrapper`] on a host already normalised by [`normalize_host`].
fn wrapper_host(host: &str) -> bool {
    PLATFORM_WRAPPERS
        .iter()
        .any(|w| normalized_matches(host, w))
}

/// Whether `link` is a platform's own: a wrapper host, or a path the platform keeps for
/// itself on a general shortener (`goo.gl/maps/…`, Google Maps' old share links).
fn is_wrapper_link(link: &Link, text: &str) -> bool {
    if is_platform_wrapper(&link.host) {
        return true;
    }
    let url = text.get(link.start..link.end).unwrap_or("");
    let path = url
        .get(host_end_offset(url)..)
        .unwrap_or("")
        .to_ascii_lowercase();
    link.host == "goo.gl" && (path == "/maps" || path.starts_with("/maps/"))
}

/// Whether `link` hides its destination: a shortener's host, not a platform's own link.
fn hides_destination(link: &Link, text: &str) -> bool {
    is_shortener(&link.host) && !is_wrapper_link(link, text)
}

/// A comment whose text is mostly links: fewer than this many words outside them.
const BARE_MAX_WORDS: usize = 4;
/// This many external links or more earn a look.
const MANY_LINKS: usize = 3;
/// This many external links or more are a flood: hidden until a person looks.
const FLOOD_LINKS: usize = 5;

/// What the links of a comment amount to: for each external link worth a finding, its index in `links`, a rule id and a severity.
///
/// `links` are the links found in `text` (as [`Links::find`] gives them, in text order);
/// links on `own_domains` (the policy's sites, subdomains included) are ignored, and the rest
/// are the external links. `promotional` says the comment already promotes something (clear
/// advertising or spam evidence, not a weak marker). Each external link gets at most one
/// finding, the first rule that applies:
///
/// * `links/shortener`: a third-party shortener, which hides where the link leads (a
///   platform's own wrapper such as `t.co` or `youtu.be` never is). Low alone, Medium when
///   the comment is promotional or carries two or more external links;
/// * `links/promotional` (Medium): any external link in a promotional comment;
/// * `links/flood` (Medium): five or more external links;
/// * `links/many` (Low): three or four external links (citing sources is legitimate; many
///   links alone only earn a look);
/// * `links/bare` (Low): the comment is little more than links: fewer than four words outside
///   them, and the links are more than half of its characters.
///
/// So Medium (hide) comes only from promotion, floods and shorteners among several links; a
/// comment with one external link and no promotion is at most Low (review). Links are
/// returned in text order.
pub(crate) fn assess(
    links: &[Link],
    text: &str,
    own_domains: &[String],
    promotional: bool,
) -> Vec<(usize, &'static str, Severity)> {
    let external: Vec<(usize, &Link)> = links
        .iter()
        .enumerate()
        .filter(|(_, l)| !own_domains.iter().any(|d| host_matches(&l.host, d)))
        .collect();
    if external.is_empty() {
        return Vec::new();
    }
    let count = external.len();
    let bare = is_bare(text, external.iter().map(|(_, l)| *l));
    external
        .into_iter()
        .filter_map(|(index, link)| {
            let (rule, severity) = if hides_destination(link, text) {
                let severity = if promotional || count >= 2 {
                    Severity::Medium
                } else {
                    Severity::Low
                };
                ("links/shortener", severity)
            } else if promotional {
                ("links/promotional", Severity::Medium)
            } else if count >= FLOOD_LINKS {
                ("links/flood", Severity::Medium)
            } else if count >= MANY_LINKS {
                ("links/many", Severity::Low)
            } else if bare {
                ("links/bare", Severity::Low)
            } else {
                return None;
            };
            Some((index, rule, severity))
        })
        .collect()
}

/// Whether `text` is little more than `links`: fewer than [`BARE_MAX_WORDS`] words (runs of
/// non-space characters with a letter or digit) outside them, and the links more than half
/// of the text's characters (surrounding space aside).
fn is_bare<'a>(text: &str, links: impl Iterator<Item = &'a Link>) -> bool {
    let mut outside = String::with_capacity(text.len());
    let mut link_chars = 0;
    let mut at = 0;
    for link in links {
        let (Some(before), Some(url)) = (text.get(at..link.start), text.get(link.start..link.end))
        else {
            continue;
        };
        outside.push_str(before);
        // Apart, so that words on either side of a link stay two words.
        outside.push(' ');
        link_chars += url.chars().count();
        at = link.end;
    }
    outside.push_str(text.get(at..).unwrap_or(""));
    let words = outside
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    words < BARE_MAX_WORDS && link_chars * 2 > text.trim().chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> &'static Links {
        static SHARED: std::sync::OnceLock<Links> = std::sync::OnceLock::new();
        SHARED.get_or_init(Links::new)
    }

    /// (matched text, host) of every link.
    fn found(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        shared().find(text, &mut out);
        out.into_iter()
            .map(|l| {
                (
                    text.get(l.start..l.end).unwrap_or("<bad range>").to_owned(),
                    l.host,
                )
            })
            .collect()
    }

    fn one(url: &str, host: &str) -> Vec<(String, String)> {
        vec![(url.to_owned(), host.to_owned())]
    }

    /// The search window changes nothing a reader sees: a link longer than the window is read
    /// in full, a link astride a window's edge is found whole, and one past a long run without
    /// spaces is found after it.
    #[test]
    fn windows_are_invisible() {
        let long = format!("https://www.comune.livorno.it/{}", "a".repeat(3 * WINDOW));
        assert_eq!(
            found(&format!("vedi {long} grazie")),
            [(long.clone(), "comune.livorno.it".into())]
        );
        for pad in [
            WINDOW - 12,
            WINDOW - 5,
            WINDOW,
            WINDOW + 7,
            2 * WINDOW - OVERLAP,
        ] {
            let text = format!("{} example.com/x ok", "x ".repeat(pad / 2));
            assert_eq!(
                found(&text),
                [("example.com/x".into(), "example.com".into())],
                "pad {pad}"
            );
        }
        let run = format!("{}, poi vedi bit.ly/abc", "http:///".repeat(2 * WINDOW));
        assert_eq!(
            found(&run).last().map(|(t, _)| t.as_str()),
            Some("bit.ly/abc")
        );
        let cut = format!("https://example.com/{}", "b".repeat(2 * MAX_LINK));
        assert_eq!(found(&cut).first().map(|(t, _)| t.len()), Some(MAX_LINK));
    }

    #[test]
    fn regex_compiles() {
        assert!(!Links::new().re.as_str().is_empty());
    }

    #[test]
    fn scheme_urls() {
        assert_eq!(
            found("Leggete https://www.comune.livorno.it/servizi/tari."),
            one(
                "https://www.comune.livorno.it/servizi/tari",
                "comune.livorno.it"
            )
        );
        assert_eq!(
            found("vedi http://Example.COM:8080/a?b=1#c!"),
            one("http://Example.COM:8080/a?b=1#c", "example.com")
        );
        assert_eq!(
            found("HTTPS://user:pw@Sito.Example.org/x"),
            one("HTTPS://user:pw@Sito.Example.org/x", "sito.example.org")
        );
        assert_eq!(
            found("server http://192.168.1.10/admin"),
            one("http://192.168.1.10/admin", "192.168.1.10")
        );
    }

    #[test]
    fn scheme_glued_to_a_word() {
        assert_eq!(
            found("vedihttps://spam.example/x"),
            one("https://spam.example/x", "spam.example")
        );
    }

    #[test]
    fn www_forms() {
        assert_eq!(
            found("visitate www.comune.livorno.it per info"),
            one("www.comune.livorno.it", "comune.livorno.it")
        );
        assert_eq!(
            found("(www.example.com)"),
            one("www.example.com", "example.com")
        );
    }

    #[test]
    fn bare_domains() {
        assert_eq!(
            found("compra su offerte-pazze.shop/sconto!!!"),
            one("offerte-pazze.shop/sconto", "offerte-pazze.shop")
        );
        assert_eq!(found("Amazon.com"), one("Amazon.com", "amazon.com"));
        assert_eq!(found("GOOGLE.COM"), one("GOOGLE.COM", "google.com"));
        assert_eq!(
            found("il sito regione.toscana.it: ottimo"),
            one("regione.toscana.it", "regione.toscana.it")
        );
    }

    #[test]
    fn shorteners_found_as_links() {
        assert_eq!(
            found("clicca bit.ly/3abcDEF"),
            one("bit.ly/3abcDEF", "bit.ly")
        );
        assert_eq!(found("t.co/xyz"), one("t.co/xyz", "t.co"));
        assert_eq!(found("goo.gl/maps/abc"), one("goo.gl/maps/abc", "goo.gl"));
        assert_eq!(
            found("tinyurl.com/y7abc"),
            one("tinyurl.com/y7abc", "tinyurl.com")
        );
        assert_eq!(
            found("shorturl.at/aBc12"),
            one("shorturl.at/aBc12", "shorturl.at")
        );
    }

    #[test]
    fn trailing_punctuation_and_brackets() {
        assert_eq!(
            found("(vedi https://it.wikipedia.org/wiki/Livorno_(città))."),
            one(
                "https://it.wikipedia.org/wiki/Livorno_(città)",
                "it.wikipedia.org"
            )
        );
        assert_eq!(
            found("[www.example.com/a]"),
            one("www.example.com/a", "example.com")
        );
        assert_eq!(
            found("«https://example.com/x»"),
            one("https://example.com/x", "example.com")
        );
        assert_eq!(
            found("sito: example.org;"),
            one("example.org", "example.org")
        );
    }

    #[test]
    fn emails_are_not_links() {
        assert_eq!(found("scrivete a urp@comune.livorno.it"), Vec::new());
        assert_eq!(found("mario.rossi.it@gmail.com"), Vec::new());
        assert_eq!(found("info@www.example.com"), Vec::new());
        assert_eq!(found("mario (at) gmail.com"), Vec::new());
    }

    #[test]
    fn sentences_without_space_are_not_links() {
        assert_eq!(found("Grazie.Io sono d'accordo"), Vec::new());
        assert_eq!(found("Bene.Me ne vado"), Vec::new());
        assert_eq!(found("ad es. p.es il modulo"), Vec::new());
        assert_eq!(found("documento.pdf e foto.jpg"), Vec::new());
        assert_eq!(found("ore 10.30, pagina 3.5"), Vec::new());
        assert_eq!(found("il protocollo http è vecchio"), Vec::new());
    }

    #[test]
    fn tld_must_end_the_name() {
        assert_eq!(found("comune.italia"), Vec::new());
        assert_eq!(found("example.community"), Vec::new());
        assert_eq!(found("example.it-news"), Vec::new());
    }

    #[test]
    fn several_links() {
        assert_eq!(
            found("Vedi www.a.it e https://b.com/x, poi cc.org."),
            vec![
                ("www.a.it".to_owned(), "a.it".to_owned()),
                ("https://b.com/x".to_owned(), "b.com".to_owned()),
                ("cc.org".to_owned(), "cc.org".to_owned()),
            ]
        );
    }

    #[test]
    fn scheme_without_host() {
        assert_eq!(found("https://"), Vec::new());
        assert_eq!(found("https://."), Vec::new());
    }

    #[test]
    fn host_matching() {
        assert!(host_matches("www.comune.livorno.it", "comune.livorno.it"));
        assert!(host_matches("comune.livorno.it", "comune.livorno.it"));
        assert!(host_matches(
            "servizi.comune.livorno.it",
            "comune.livorno.it"
        ));
        assert!(host_matches("COMUNE.Livorno.IT.", "www.comune.livorno.it"));
        assert!(!host_matches("evilcomune.livorno.it", "comune.livorno.it"));
        assert!(!host_matches(
            "evilcomune.livorno.it.example.com",
            "comune.livorno.it"
        ));
        assert!(!host_matches(
            "comune.livorno.it.example.com",
            "comune.livorno.it"
        ));
        assert!(!host_matches("livorno.it", "comune.livorno.it"));
        assert!(!host_matches("comune.livorno.it", ""));
    }

    #[test]
    fn shorteners() {
        for host in [
            "bit.ly",
            "www.bit.ly",
            "tinyurl.com",
            "goo.gl",
            "ow.ly",
            "is.gd",
            "buff.ly",
            "cutt.ly",
            "rebrand.ly",
            "shorturl.at",
            "tiny.cc",
            "BIT.LY",
        ] {
            assert!(is_shortener(host), "{host}");
        }
        for host in ["comune.livorno.it", "notbit.ly", "bit.ly.example.com", "co"] {
            assert!(!is_shortener(host), "{host}");
        }
    }

    #[test]
    fn platform_wrappers_are_not_shorteners() {
        for host in PLATFORM_WRAPPERS {
            assert!(is_platform_wrapper(host), "{host}");
            assert!(!is_shortener(host), "{host}");
        }
        for host in [
            "T.CO",
            "www.youtu.be",
            "maps.app.goo.gl",
            "m.youtu.be",
            "wa.me.",
        ] {
            assert!(is_platform_wrapper(host), "{host}");
            assert!(!is_shortener(host), "{host}");
        }
        for host in SHORTENERS {
            assert!(!is_platform_wrapper(host), "{host}");
            assert!(is_shortener(host), "{host}");
        }
        for host in [
            "comune.livorno.it",
            "bit.ly",
            "nott.co",
            "t.co.example.com",
            "youtube.com",
        ] {
            assert!(!is_platform_wrapper(host), "{host}");
        }
    }

    #[test]
    fn wrappers_found_as_links() {
        assert_eq!(found("guarda t.co/abc"), one("t.co/abc", "t.co"));
        assert_eq!(found("scrivimi su m.me/pagina"), one("m.me/pagina", "m.me"));
        assert_eq!(found("g.co/kgs/xyz"), one("g.co/kgs/xyz", "g.co"));
        assert_eq!(found("youtu.be/dQw4w9"), one("youtu.be/dQw4w9", "youtu.be"));
    }

    fn own() -> Vec<String> {
        vec!["comune.livorno.it".to_owned()]
    }

    /// `assess` over the links `find` gives.
    fn assessed(text: &str, promotional: bool) -> Vec<(usize, &'static str, Severity)> {
        let mut links = Vec::new();
        shared().find(text, &mut links);
        assess(&links, text, &own(), promotional)
    }

    #[test]
    fn assess_wrapper_in_a_tweet_is_nothing() {
        let tweet =
            "Oggi grande festa in piazza per il patrono, che bella giornata https://t.co/Ab12Cd";
        assert_eq!(assessed(tweet, false), Vec::new());
        let shared_video = "Il consiglio comunale di ieri sera, da rivedere: youtu.be/xyz123";
        assert_eq!(assessed(shared_video, false), Vec::new());
        let map = "Il cantiere è qui, guardate voi stessi https://goo.gl/maps/abc123";
        assert_eq!(assessed(map, false), Vec::new());
    }

    #[test]
    fn assess_lone_shortener_is_low() {
        let text = "Tutte le informazioni sul nuovo bando le trovate qui bit.ly/3abcDEF";
        assert_eq!(
            assessed(text, false),
            vec![(0, "links/shortener", Severity::Low)]
        );
        // Alone on the line too: still one link, still a look only.
        assert_eq!(
            assessed("bit.ly/3abcDEF", false),
            vec![(0, "links/shortener", Severity::Low)]
        );
        // goo.gl outside Maps is a general shortener.
        assert_eq!(
            assessed("Leggete qui cosa dicono davvero https://goo.gl/xyz", false),
            vec![(0, "links/shortener", Severity::Low)]
        );
    }

    #[test]
    fn assess_shortener_among_several_links_is_medium() {
        let text = "Articolo https://www.ilpost.it/a e commento bit.ly/xyz, parliamone";
        assert_eq!(
            assessed(text, false),
            vec![(1, "links/shortener", Severity::Medium)]
        );
    }

    #[test]
    fn assess_flood_is_medium() {
        let text = "aa.com bb.com cc.com https://d.org/x www.e.net/y ff.it vedete";
        let result = assessed(text, false);
        assert_eq!(result.len(), 6);
        for (i, (index, rule, severity)) in result.into_iter().enumerate() {
            assert_eq!(
                (index, rule, severity),
                (i, "links/flood", Severity::Medium)
            );
        }
    }

    #[test]
    fn assess_many_links_are_low() {
        let text = "La giunta ha mentito, leggete https://www.iltirreno.it/a https://www.ilpost.it/b \
                    https://www.lanazione.it/c";
        assert_eq!(
            assessed(text, false),
            vec![
                (0, "links/many", Severity::Low),
                (1, "links/many", Severity::Low),
                (2, "links/many", Severity::Low),
            ]
        );
        // Four links are still many, not a flood.
        assert!(
            assessed("aa.com bb.com cc.com dd.com sono le mie fonti", false)
                .iter()
                .all(|(_, rule, severity)| *rule == "links/many" && *severity == Severity::Low)
        );
    }

    #[test]
    fn assess_promotional_link_is_medium() {
        let text = "Offerta imperdibile, sconti del 70% su tutto: www.offerte-pazze.shop";
        assert_eq!(
            assessed(text, true),
            vec![(0, "links/promotional", Severity::Medium)]
        );
        // Promotion makes a lone shortener, and a wrapper, worth hiding too.
        assert_eq!(
            assessed("Compra ora bit.ly/sconto", true),
            vec![(0, "links/shortener", Severity::Medium)]
        );
        assert_eq!(
            assessed("Iscriviti al mio canale youtu.be/abc", true),
            vec![(0, "links/promotional", Severity::Medium)]
        );
    }

    #[test]
    fn assess_bare_link_is_low() {
        assert_eq!(
            assessed("https://www.example.com/pagina/lunga", false),
            vec![(0, "links/bare", Severity::Low)]
        );
        assert_eq!(
            assessed("guardate 👉 https://t.co/Ab12Cd", false),
            vec![(0, "links/bare", Severity::Low)]
        );
        // Enough words around the link: a citation.
        assert_eq!(
            assessed("Qui c'è la delibera completa example.org", false),
            Vec::new()
        );
        // Few words, but a short link is not most of the text.
        assert_eq!(assessed("Complimenti! ab.it", false), Vec::new());
    }

    #[test]
    fn assess_ignores_own_domains() {
        let text = "Trovate il bando su https://www.comune.livorno.it/bandi/nidi";
        assert_eq!(assessed(text, true), Vec::new());
        assert_eq!(
            assessed("https://servizi.comune.livorno.it/x", false),
            Vec::new()
        );
        // Own links count neither towards many nor towards a flood.
        let text = "comune.livorno.it/a comune.livorno.it/b comune.livorno.it/c \
                    comune.livorno.it/d example.org/e, guardate tutti i documenti";
        assert_eq!(assessed(text, false), Vec::new());
        // Indices are into the full list, own links included.
        let text = "www.comune.livorno.it/a e bit.ly/x, poi ne parliamo tutti insieme";
        assert_eq!(
            assessed(text, false),
            vec![(1, "links/shortener", Severity::Low)]
        );
    }

    #[test]
    fn assess_without_links_is_nothing() {
        assert_eq!(assess(&[], "ciao", &own(), true), Vec::new());
    }

    #[test]
    fn plain_text() {
        assert_eq!(found(""), Vec::new());
        assert_eq!(found("Buongiorno, a che ora apre l'ufficio?"), Vec::new());
    }

    fn check_invariants(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut out = Vec::new();
        shared().find(text, &mut out);
        let mut prev_end = 0;
        for l in &out {
            proptest::prop_assert!(l.start < l.end && l.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(l.start));
            proptest::prop_assert!(text.is_char_boundary(l.end));
            proptest::prop_assert!(l.start >= prev_end);
            proptest::prop_assert!(!l.host.is_empty());
            proptest::prop_assert!(!l.host.starts_with("www."));
            proptest::prop_assert_eq!(l.host.to_lowercase(), l.host.clone());
            prev_end = l.end;
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_unicode(text in "\\PC{0,200}") {
            check_invariants(&text)?;
            let _ = host_matches(&text, "comune.livorno.it");
            let _ = host_matches("comune.livorno.it", &text);
            let _ = is_shortener(&text);
            let _ = is_platform_wrapper(&text);
            let mut links = Vec::new();
            shared().find(&text, &mut links);
            for (index, _, _) in assess(&links, &text, &["example.com".to_owned()], false) {
                proptest::prop_assert!(index < links.len());
            }
        }

        #[test]
        fn invariants_on_url_like_text(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "https://", "http://", "www.", "a", "b-c", ".", "it", "com", "ly", "/", "?",
                "#", ":", "80", "@", "(", ")", "[", "]", " ", ",", "!", "é", "日本", "»",
                "(at)", "_", "-", "\u{a0}", "'", "\"",
            ]),
            0..40,
        )) {
            check_invariants(&parts.concat())?;
        }

        #[test]
        fn subdomains_always_match(sub in "[a-z0-9]{1,10}", name in "[a-z0-9]{1,10}") {
            let domain = format!("{name}.it");
            let host = format!("{sub}.{domain}");
            let evil_host = format!("{sub}{domain}");
            proptest::prop_assert!(host_matches(&host, &domain));
            proptest::prop_assert!(!host_matches(&evil_host, &domain));
        }
    }
}
