//! JSON conversions, behind the `json` feature.

use crate::{Comment, Verdict};

impl Verdict {
    /// The verdict as a JSON object.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let json = moderator.classify("Grazie!").to_json();
    /// assert_eq!(json["decision"], "publish");
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl Comment {
    /// Parses a comment from a JSON object with at least `text`.
    ///
    /// ```
    /// let comment = galateo::Comment::from_json(r#"{"text": "ciao"}"#).unwrap();
    /// assert_eq!(comment.text, "ciao");
    /// ```
    pub fn from_json(json: &str) -> Result<Comment, serde_json::Error> {
        serde_json::from_str(json)
    }
}
