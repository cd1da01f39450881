//! Entities: merging mentions and resolving speakers to them.
//!
//! Mentions are given by hand (so these tests do not depend on the NER
//! model): each fixture lists the names a tagger would find. Texts are
//! constructed in news style unless a source is given.

use article_annotator::entities;
use article_annotator::span::{ByteSpan, TokenSpan};
use article_annotator::{text, Document, Label, Mention};

/// A tokenized document with the given (surface, label) mentions, listed in
/// text order: each is taken at its first occurrence after the previous one.
fn doc_with(text_: &str, names: &[(&str, Label)]) -> Document {
    let tokens = text::tokenize(text_);
    let (sentences, paragraphs) = text::segment(text_, &tokens);
    let mut doc = Document { text: text_.to_owned(), tokens, sentences, paragraphs, ..Document::default() };
    let mut mentions = Vec::new();
    let mut at = 0;
    for &(name, label) in names {
        let start = text_[at..].find(name).unwrap_or_else(|| panic!("{name} not in text")) + at;
        let end = start + name.len();
        at = end;
        let t0 = doc.tokens.iter().position(|t| t.span.start as usize == start).expect("token-aligned start");
        let t1 = doc.tokens.iter().position(|t| t.span.end as usize == end).expect("token-aligned end") + 1;
        mentions.push(Mention {
            span: ByteSpan::new(start, end),
            tokens: TokenSpan::new(t0, t1),
            label,
            entity: 0,
            score: 1.0,
        });
    }
    doc.mentions = mentions;
    doc.entities = entities::group(&doc.text, &mut doc.mentions);
    doc.quotes = article_annotator::quotes::find(&doc);
    doc
}

fn names(doc: &Document) -> Vec<(&str, Label, usize)> {
    doc.entities.iter().map(|e| (e.name.as_str(), e.label, e.mentions.len())).collect()
}

#[test]
fn people_places_and_acronyms_merge() {
    let text =
        "President Vladimir Putin met the envoy in the United Arab Emirates. Putin said the United States had erred. \
                U.S. officials and UAE ministers disagreed. President Putin left; the Kremlin said nothing.";
    let doc = doc_with(
        text,
        &[
            ("Vladimir Putin", Label::Per),
            ("United Arab Emirates", Label::Loc),
            ("Putin", Label::Per),
            ("United States", Label::Loc),
            ("U.S.", Label::Loc),
            ("UAE", Label::Loc),
            ("President Putin", Label::Per),
            ("Kremlin", Label::Org),
        ],
    );
    assert_eq!(
        names(&doc),
        [
            ("Vladimir Putin", Label::Per, 3),
            ("United Arab Emirates", Label::Loc, 2),
            ("United States", Label::Loc, 2),
            ("Kremlin", Label::Org, 1),
        ]
    );
    for (i, e) in doc.entities.iter().enumerate() {
        for &m in &e.mentions {
            assert_eq!(doc.mentions[m as usize].entity as usize, i);
        }
    }
}

#[test]
fn different_people_with_the_same_surname_stay_apart() {
    let text = "Hillary Clinton spoke first. Bill Clinton spoke later. Clinton smiled.";
    let doc = doc_with(text, &[("Hillary Clinton", Label::Per), ("Bill Clinton", Label::Per), ("Clinton", Label::Per)]);
    assert_eq!(names(&doc), [("Hillary Clinton", Label::Per, 1), ("Bill Clinton", Label::Per, 2)]);
}

#[test]
fn quote_speaker_resolves_to_the_named_entity() {
    let text = "Vladimir Putin met the envoy on Monday.\n\n\"The talks were useful,\" Putin said.";
    let doc = doc_with(text, &[("Vladimir Putin", Label::Per), ("Putin", Label::Per)]);
    let q = &doc.quotes[0];
    assert_eq!(q.speaker.map(|s| s.slice(text)), Some("Putin"));
    assert_eq!(q.entity.map(|e| doc.entities[e as usize].name.as_str()), Some("Vladimir Putin"));
}

#[test]
fn pronoun_resolves_by_first_name_gender() {
    let text = "Mary Barra met John Smith in Detroit.\n\n\"We agreed on a plan,\" she said.";
    let doc = doc_with(text, &[("Mary Barra", Label::Per), ("John Smith", Label::Per), ("Detroit", Label::Loc)]);
    let q = &doc.quotes[0];
    assert_eq!(q.speaker.map(|s| s.slice(text)), Some("she"));
    assert_eq!(q.entity.map(|e| doc.entities[e as usize].name.as_str()), Some("Mary Barra"));
}

#[test]
fn pronoun_stays_unresolved_when_the_text_does_not_decide() {
    // Two people whose first names the table does not know: no guess.
    let text = "Ushakov met Dmitriev in Moscow.\n\n\"We agreed on a plan,\" he said.";
    let doc = doc_with(text, &[("Ushakov", Label::Per), ("Dmitriev", Label::Per), ("Moscow", Label::Loc)]);
    assert_eq!(doc.quotes[0].speaker.map(|s| s.slice(text)), Some("he"));
    assert_eq!(doc.quotes[0].entity, None);
}

#[test]
fn role_description_resolves_to_the_person_introduced_with_it() {
    let text = "Envoy Steve Witkoff arrived in Moscow.\n\n\"It was a good meeting,\" the envoy said.";
    let doc = doc_with(text, &[("Steve Witkoff", Label::Per), ("Moscow", Label::Loc)]);
    assert_eq!(doc.quotes[0].speaker.map(|s| s.slice(text)), Some("the envoy"));
    assert_eq!(doc.quotes[0].entity.map(|e| doc.entities[e as usize].name.as_str()), Some("Steve Witkoff"));
    // An indefinite description is somebody new: unresolved.
    let text = "Steve Witkoff arrived in Moscow.\n\n\"It was a good meeting,\" a Kremlin spokesman said.";
    let doc = doc_with(text, &[("Steve Witkoff", Label::Per), ("Moscow", Label::Loc), ("Kremlin", Label::Org)]);
    assert_eq!(doc.quotes[0].speaker.map(|s| s.slice(text)), Some("a Kremlin spokesman"));
    assert_eq!(
        doc.quotes[0].entity.map(|e| doc.entities[e as usize].label),
        Some(Label::Org),
        "the phrase names the Kremlin"
    );
}

#[test]
fn role_description_far_back_resolves_only_when_one_person_had_the_role() {
    // BBC News, 2015 (Readability test page `bbc-1`), shortened: the title
    // comes with the name in the first paragraph, `the president` speaks
    // paragraphs later.
    let filler = "The talks were long.\n\nThe weather was hot.\n\nThe crowd waited.\n\n";
    let text =
        format!("President Barack Obama arrived in Kenya.\n\n{filler}\"We will keep working,\" the president said.");
    let doc = doc_with(&text, &[("Barack Obama", Label::Per), ("Kenya", Label::Loc)]);
    assert_eq!(doc.quotes[0].speaker.map(|s| s.slice(&text)), Some("the president"));
    assert_eq!(doc.quotes[0].entity.map(|e| doc.entities[e as usize].name.as_str()), Some("Barack Obama"));
    // Two presidents introduced: no guess.
    let text = format!(
        "President Barack Obama met President Uhuru Kenyatta.\n\n{filler}\"We will keep working,\" the president said."
    );
    let doc = doc_with(&text, &[("Barack Obama", Label::Per), ("Uhuru Kenyatta", Label::Per)]);
    assert_eq!(doc.quotes[0].entity, None);
}

#[test]
fn organisation_speaker() {
    let text = "\"Nothing was agreed,\" the Kremlin said.";
    let doc = doc_with(text, &[("Kremlin", Label::Org)]);
    assert_eq!(doc.quotes[0].speaker.map(|s| s.slice(text)), Some("the Kremlin"));
    assert_eq!(doc.quotes[0].entity.map(|e| doc.entities[e as usize].name.as_str()), Some("Kremlin"));
}

#[test]
fn first_name_table() {
    use entities::names::{gender, Gender};
    assert_eq!(gender("Mary"), Some(Gender::Female));
    assert_eq!(gender("john"), Some(Gender::Male));
    assert_eq!(gender("Vladimir"), None, "not in the US census lists");
}
