//! The policies shipped with the crate.

/// Preset ids; the first is the default of the examples.
pub(crate) const DEFAULT: &str = "comune-livorno";

pub(crate) const IDS: &[&str] = &["comune-livorno", "conferenza-stato-citta"];

pub(crate) fn source(id: &str) -> Option<&'static str> {
    match id {
        "comune-livorno" => Some(include_str!("../presets/comune-livorno.toml")),
        "conferenza-stato-citta" => Some(include_str!("../presets/conferenza-stato-citta.toml")),
        _ => None,
    }
}

pub(crate) fn ids() -> impl Iterator<Item = &'static str> {
    IDS.iter().copied()
}
