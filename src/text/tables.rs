//! Character tables of the normaliser.
//!
//! Source: written by hand. The lookalikes come from Unicode's `confusables.txt` (UTS #39,
//! security mechanisms): the Cyrillic and Greek letters whose prototype there is a single
//! Latin letter, in both cases, plus Greek small letters that read as a Latin letter in
//! running text (`ν` v, `η` n, `γ` y, `ω` w, `υ` u) although confusables.txt maps them to
//! rarer Latin shapes. To those are added the Latin small capitals and negative
//! circled/squared capitals of "fancy text" generators and a few stroked letters, none of
//! which NFKC folds. The leetspeak readings are the common ones of Italian and English
//! comments. Code points are written as escapes, with the glyph in a comment, so that the
//! table itself cannot be fooled by the lookalikes it lists.

/// The Latin lowercase letter that `c` is commonly written to imitate, if any.
///
/// Both cases are listed for Cyrillic and Greek: capitals are looked up before case folding,
/// because `Н` imitates `H` while its lowercase `н` imitates nothing.
pub(super) fn lookalike(c: char) -> Option<char> {
    let latin = match c {
        // Cyrillic capitals: А В Е К М Н О Р С Т У Х
        '\u{0410}' => 'a',
        '\u{0412}' => 'b',
        '\u{0415}' => 'e',
        '\u{041A}' => 'k',
        '\u{041C}' => 'm',
        '\u{041D}' => 'h',
        '\u{041E}' => 'o',
        '\u{0420}' => 'p',
        '\u{0421}' => 'c',
        '\u{0422}' => 't',
        '\u{0423}' => 'y',
        '\u{0425}' => 'x',
        // Cyrillic capitals: Ѕ І Ј Һ Ӏ Ү Ԁ Ԛ Ԝ
        '\u{0405}' => 's',
        '\u{0406}' => 'i',
        '\u{0408}' => 'j',
        '\u{04BA}' => 'h',
        '\u{04C0}' => 'l',
        '\u{04AE}' => 'y',
        '\u{0500}' => 'd',
        '\u{051A}' => 'q',
        '\u{051C}' => 'w',
        // Cyrillic small: а е о р с у х
        '\u{0430}' => 'a',
        '\u{0435}' => 'e',
        '\u{043E}' => 'o',
        '\u{0440}' => 'p',
        '\u{0441}' => 'c',
        '\u{0443}' => 'y',
        '\u{0445}' => 'x',
        // Cyrillic small: ѕ і ј һ ӏ ү ԁ ԛ ԝ
        '\u{0455}' => 's',
        '\u{0456}' => 'i',
        '\u{0458}' => 'j',
        '\u{04BB}' => 'h',
        '\u{04CF}' => 'l',
        '\u{04AF}' => 'y',
        '\u{0501}' => 'd',
        '\u{051B}' => 'q',
        '\u{051D}' => 'w',
        // Greek capitals: Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ Ϲ Ϳ
        '\u{0391}' => 'a',
        '\u{0392}' => 'b',
        '\u{0395}' => 'e',
        '\u{0396}' => 'z',
        '\u{0397}' => 'h',
        '\u{0399}' => 'i',
        '\u{039A}' => 'k',
        '\u{039C}' => 'm',
        '\u{039D}' => 'n',
        '\u{039F}' => 'o',
        '\u{03A1}' => 'p',
        '\u{03A4}' => 't',
        '\u{03A5}' => 'y',
        '\u{03A7}' => 'x',
        '\u{03F9}' => 'c',
        '\u{037F}' => 'j',
        // Greek small: α γ ε η ι κ ν ο ρ τ υ χ ω ϲ ϳ
        '\u{03B1}' => 'a',
        '\u{03B3}' => 'y',
        '\u{03B5}' => 'e',
        '\u{03B7}' => 'n',
        '\u{03B9}' => 'i',
        '\u{03BA}' => 'k',
        '\u{03BD}' => 'v',
        '\u{03BF}' => 'o',
        '\u{03C1}' => 'p',
        '\u{03C4}' => 't',
        '\u{03C5}' => 'u',
        '\u{03C7}' => 'x',
        '\u{03C9}' => 'w',
        '\u{03F2}' => 'c',
        '\u{03F3}' => 'j',
        // Latin letters NFKC keeps apart: ı ɑ ɡ ø ł đ ħ
        '\u{0131}' => 'i',
        '\u{0251}' => 'a',
        '\u{0261}' => 'g',
        '\u{00F8}' => 'o',
        '\u{0142}' => 'l',
        '\u{0111}' => 'd',
        '\u{0127}' => 'h',
        // Latin small capitals: ᴀ ʙ ᴄ ᴅ ᴇ ꜰ ɢ ʜ ɪ ᴊ ᴋ ʟ ᴍ ɴ ᴏ ᴘ ʀ ꜱ ᴛ ᴜ ᴠ ᴡ ʏ ᴢ
        '\u{1D00}' => 'a',
        '\u{0299}' => 'b',
        '\u{1D04}' => 'c',
        '\u{1D05}' => 'd',
        '\u{1D07}' => 'e',
        '\u{A730}' => 'f',
        '\u{0262}' => 'g',
        '\u{029C}' => 'h',
        '\u{026A}' => 'i',
        '\u{1D0A}' => 'j',
        '\u{1D0B}' => 'k',
        '\u{029F}' => 'l',
        '\u{1D0D}' => 'm',
        '\u{0274}' => 'n',
        '\u{1D0F}' => 'o',
        '\u{1D18}' => 'p',
        '\u{0280}' => 'r',
        '\u{A731}' => 's',
        '\u{1D1B}' => 't',
        '\u{1D1C}' => 'u',
        '\u{1D20}' => 'v',
        '\u{1D21}' => 'w',
        '\u{028F}' => 'y',
        '\u{1D22}' => 'z',
        // Negative circled (🅐…🅩) and negative squared (🅰…🆉) capitals.
        '\u{1F150}'..='\u{1F169}' => return alphabet_letter(u32::from(c) - 0x1F150),
        '\u{1F170}'..='\u{1F189}' => return alphabet_letter(u32::from(c) - 0x1F170),
        _ => return None,
    };
    Some(latin)
}

/// The `index`-th letter of the Latin alphabet, lowercase.
fn alphabet_letter(index: u32) -> Option<char> {
    if index < 26 {
        char::from_u32(u32::from('a') + index)
    } else {
        None
    }
}

/// The letter a leetspeak digit or symbol stands for.
pub(super) fn leet(c: char) -> Option<char> {
    let letter = match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        '@' => 'a',
        '$' => 's',
        '!' => 'i',
        '|' => 'i',
        '\u{20AC}' => 'e', // €
        _ => return None,
    };
    Some(letter)
}

/// Chars that render as nothing and are dropped without breaking a word.
///
/// Zero-width spaces and joiners, the soft hyphen, bidirectional and other format controls,
/// variation selectors, tag characters, and the Hangul fillers that are letters to Unicode but
/// invisible on screen (a favourite for hiding a break inside a word).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}
