//! The learned actor tagger: a structured perceptron over BIO tags.

/// The tagger with its embedded weights.
pub struct Tagger;

impl Tagger {
    /// Loads the weights compiled into the binary.
    pub fn embedded() -> Tagger {
        Tagger
    }
}
