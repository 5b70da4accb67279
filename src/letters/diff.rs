//! Differences between two versions of a letter, word by word (the `similar`
//! crate's Myers diff), grouped into runs for the history page.

use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Same,
    Added,
    Removed,
}

impl Change {
    pub fn is_added(&self) -> bool {
        self.kind == ChangeKind::Added
    }

    pub fn is_removed(&self) -> bool {
        self.kind == ChangeKind::Removed
    }
}

/// The changes that turn `old` into `new`, consecutive words of a kind together.
pub fn words(old: &str, new: &str) -> Vec<Change> {
    let diff = TextDiff::from_words(old, new);
    let mut changes: Vec<Change> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => ChangeKind::Same,
            ChangeTag::Insert => ChangeKind::Added,
            ChangeTag::Delete => ChangeKind::Removed,
        };
        match changes.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => changes.push(Change {
                kind,
                text: change.value().to_string(),
            }),
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_word_shows_as_removed_and_added() {
        let changes = words("We protest the test.", "We strongly protest the test.");
        assert!(changes
            .iter()
            .any(|c| c.is_added() && c.text.contains("strongly")));
        assert!(!changes.iter().any(Change::is_removed));
        let joined: String = changes
            .iter()
            .filter(|c| !c.is_removed())
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(joined, "We strongly protest the test.");
    }
}
