//! Entities: mentions of the same thing grouped together.

use crate::document::{Entity, Mention};
use std::collections::HashMap;

/// Groups mentions into entities and sets each mention's `entity` index.
///
/// Mentions with the same label and the same text (ignoring case and
/// white-space differences) are one entity; the canonical name is the
/// longest surface form. Entities are ordered by first mention.
pub fn group(text: &str, mentions: &mut [Mention]) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut index: HashMap<(crate::Label, String), u32> = HashMap::new();
    for (i, m) in mentions.iter_mut().enumerate() {
        let surface = m.span.slice(text);
        let key = (m.label, normalize(surface));
        let id = *index.entry(key).or_insert_with(|| {
            entities.push(Entity { label: m.label, name: String::new(), mentions: Vec::new(), place: None });
            (entities.len() - 1) as u32
        });
        let e = &mut entities[id as usize];
        e.mentions.push(i as u32);
        if surface.len() > e.name.len() {
            e.name = collapse_space(surface);
        }
        m.entity = id;
    }
    entities
}

fn collapse_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalize(s: &str) -> String {
    collapse_space(s).to_lowercase()
}
