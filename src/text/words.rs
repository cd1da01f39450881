//! Closed-class English words that several stages test for.

/// Determiners, possessives and quantifiers that open a noun phrase (`the`,
/// `his`, `every`): a capitalised word right after one is a common noun or
/// part of a longer name, not a name standing alone.
pub fn opens_noun_phrase(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "some"
            | "many"
            | "most"
            | "several"
            | "any"
            | "every"
            | "each"
            | "no"
    )
}

/// Month names, lower case.
pub fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Days of the week, lower case.
pub fn is_weekday(w: &str) -> bool {
    matches!(w, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")
}
