//! The nine BIO labels and their dense indices, shared by the decoder, the weight file and the
//! trainer.

use super::{EntityType, Label};

/// How many labels the model scores: `O`, then `B-`/`I-` for each of the four types.
pub const LABELS: usize = 9;

/// The index of `O`, the first label.
pub const OUTSIDE: u8 = 0;

/// The label names in index order, as written in the weight file's header.
pub const NAMES: [&str; LABELS] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

/// The entity types in index order.
pub const TYPES: [EntityType; 4] =
    [EntityType::Person, EntityType::Organization, EntityType::Location, EntityType::Misc];

impl EntityType {
    /// The CoNLL-2003 name of the type ("PER").
    #[cfg(any(test, feature = "train"))]
    pub fn conll_name(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Organization => "ORG",
            EntityType::Location => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// The type's position in [`TYPES`].
    #[cfg(any(test, feature = "train"))]
    pub fn index(self) -> usize {
        match self {
            EntityType::Person => 0,
            EntityType::Organization => 1,
            EntityType::Location => 2,
            EntityType::Misc => 3,
        }
    }
}

impl Label {
    /// The label's dense index, `0..LABELS`.
    #[cfg(any(test, feature = "train"))]
    pub fn index(self) -> usize {
        match self {
            Label::Outside => 0,
            Label::Begin(t) => 1 + 2 * t.index(),
            Label::Inside(t) => 2 + 2 * t.index(),
        }
    }

    /// The label with dense index `index`; indices past the end are `Outside`.
    pub fn from_index(index: usize) -> Label {
        match index {
            1..LABELS => {
                let entity = TYPES[(index - 1) / 2];
                if index % 2 == 1 {
                    Label::Begin(entity)
                } else {
                    Label::Inside(entity)
                }
            }
            _ => Label::Outside,
        }
    }

    /// The entity type, for `Begin` and `Inside`.
    #[cfg(test)]
    pub fn entity(self) -> Option<EntityType> {
        match self {
            Label::Outside => None,
            Label::Begin(t) | Label::Inside(t) => Some(t),
        }
    }
}

/// Whether label `next` may follow label `previous` in BIO: an `I-X` only continues a `B-X` or
/// an `I-X`. The decoder has this rule built in; tests check its output against it.
#[cfg(test)]
pub fn may_follow(previous: usize, next: usize) -> bool {
    match Label::from_index(next) {
        Label::Inside(t) => Label::from_index(previous).entity() == Some(t),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_round_trip() {
        for i in 0..LABELS {
            assert_eq!(Label::from_index(i).index(), i);
        }
    }

    #[test]
    fn names_match_indices() {
        for (i, name) in NAMES.iter().enumerate() {
            let written = match Label::from_index(i) {
                Label::Outside => "O".to_string(),
                Label::Begin(t) => format!("B-{}", t.conll_name()),
                Label::Inside(t) => format!("I-{}", t.conll_name()),
            };
            assert_eq!(&written, name);
        }
    }

    #[test]
    fn inside_only_continues_its_type() {
        let per_b = Label::Begin(EntityType::Person).index();
        let per_i = Label::Inside(EntityType::Person).index();
        let org_i = Label::Inside(EntityType::Organization).index();
        assert!(may_follow(per_b, per_i));
        assert!(may_follow(per_i, per_i));
        assert!(!may_follow(per_b, org_i));
        assert!(!may_follow(0, per_i));
        assert!(may_follow(per_i, 0));
    }
}
