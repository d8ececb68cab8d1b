//! Names of the closed vocabularies (kinds, decisions, severities, sanctions, …): one error
//! type for a name that is not one of them, and one macro for `Display`, `FromStr` and serde.

use std::fmt;

/// A name that is not one of a vocabulary's, as returned by `FromStr` on the crate's enums.
///
/// ```
/// let err = "severe".parse::<galateo::Severity>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown severity `severe` (expected one of: low, medium, high)");
/// assert_eq!((err.what(), err.name()), ("severity", "severe"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    what: &'static str,
    name: String,
    expected: &'static [&'static str],
}

impl UnknownName {
    pub(crate) fn new(what: &'static str, name: &str, expected: &'static [&'static str]) -> Self {
        UnknownName {
            what,
            name: name.to_owned(),
            expected,
        }
    }

    /// What the name was for: `kind`, `decision`, `severity`, `sanction`, …
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// The name given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The names that would have been accepted.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}` (expected one of: {})",
            self.what,
            self.name,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// Implements `as_str`, `ALL`, `NAMES`, `Display` (honouring width and alignment, so
/// `{:<8}` pads), `FromStr` and, with `serde`, `Serialize` and `Deserialize` for a fieldless
/// enum from its list of (variant, name) pairs.
macro_rules! names {
    ($ty:ident, $what:literal, [$($variant:ident => $name:literal),+ $(,)?] $(, $serde:ident)?) => {
        impl $ty {
            /// Every value, in order.
            pub const ALL: [$ty; <[()]>::len(&[$(names!(@unit $variant)),+])] = [$($ty::$variant),+];

            /// The name of every value, in the order of `ALL`.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The name in policy files and output.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::UnknownName;

            fn from_str(s: &str) -> Result<$ty, $crate::UnknownName> {
                $ty::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| $crate::UnknownName::new($what, s, $ty::NAMES))
            }
        }

        $(names!(@$serde $ty);)?
    };
    (@unit $variant:ident) => {
        ()
    };
    (@serde $ty:ident) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                let name = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                name.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use names;
