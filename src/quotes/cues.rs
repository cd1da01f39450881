//! Cue words: the verbs (and `according to`) that introduce what a source said.
//!
//! The list is the speech and attribution verbs that most often carry a
//! PolNeAR train attribution (`tools/quotes` prints the cue frequencies of the
//! training data: `cargo run -p quotes-tools --bin cue-stats`), in all their
//! inflections. Belief verbs (`think`, `believe`) introduce reported content
//! but never a direct quote.

/// How a cue word can be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// Introduces direct and indirect speech: `said`, `told`, `added`.
    Speech,
    /// Takes an addressee before its content: `told reporters that …`.
    Tell,
    /// Introduces reported content only (beliefs, findings): `believes`, `argued`.
    Report,
}

/// Classifies a lower-cased word.
pub fn classify(lower: &str) -> Option<CueClass> {
    use CueClass::*;
    Some(match lower {
        "said" | "says" | "say" | "saying" | "added" | "adds" | "adding" | "add" | "wrote" | "writes" | "write"
        | "writing" | "noted" | "notes" | "noting" | "continued" | "continues" | "explained" | "explains"
        | "explaining" | "stated" | "states" | "declared" | "declares" | "announced" | "announces" | "tweeted"
        | "tweets" | "tweeting" | "replied" | "replies" | "responded" | "responds" | "recalled" | "recalls"
        | "acknowledged" | "acknowledges" | "insisted" | "insists" | "insisting" | "claimed" | "claims"
        | "claiming" | "argued" | "argues" | "arguing" | "warned" | "warns" | "warning" | "joked" | "jokes"
        | "quipped" | "conceded" | "concedes" | "countered" | "counters" | "observed" | "remarked" | "shouted"
        | "yelled" | "admitted" | "admits" | "contended" | "contends" | "maintained" | "maintains" | "emphasized"
        | "stressed" | "asserted" | "asserts" | "alleged" | "alleges" | "vowed" | "vows" | "promised" | "promises"
        | "concluded" | "testified" | "predicted" | "predicts" | "suggested" | "suggests" | "suggesting"
        | "reported" | "reports" | "posted" | "mused" | "boasted" | "bragged" | "complained" | "complains"
        | "lamented" | "cautioned" | "pledged" | "confirmed" | "confirms" | "denied" | "denies" | "announcing"
        | "explain" | "insist" | "argue" | "claim" | "predict" | "warn" | "admit" | "acknowledge" | "note"
        | "declare" | "agreed" | "agrees" | "conceding" | "recounted" | "whispered" | "screamed" | "proclaimed"
        | "opined" | "stating" | "noticed" => Speech,
        "told" | "tells" | "tell" | "telling" | "asked" | "asks" | "ask" | "asking" | "informed" | "assured"
        | "reminded" | "urged" | "urging" | "urges" | "advised" => Tell,
        "believes" | "believe" | "believed" | "thinks" | "think" | "thought" | "hopes" | "hoped" | "fears"
        | "feared" | "worries" | "worried" | "knows" | "knew" | "feels" | "felt" | "expects" | "expected" | "found"
        | "finds" | "showed" | "shows" | "show" | "revealed" | "reveals" | "indicated" | "indicates" | "estimated"
        | "estimates" | "projected" | "doubted" | "doubts" | "predicting" | "questioned" | "wondered" | "charged"
        | "accused" | "accuses" | "implied" | "hinted" | "signaled" | "insinuated" => Report,
        _ => return None,
    })
}

/// Cue words that may stand directly after a quote with the speaker after
/// them (`“…,” said Smith`): inversion happens with speech verbs only.
pub fn inverts(lower: &str) -> bool {
    matches!(
        lower,
        "said"
            | "says"
            | "added"
            | "adds"
            | "wrote"
            | "writes"
            | "asked"
            | "asks"
            | "continued"
            | "explained"
            | "noted"
            | "declared"
            | "replied"
            | "responded"
            | "recalled"
            | "tweeted"
            | "insisted"
            | "argued"
            | "warned"
            | "joked"
            | "quipped"
            | "conceded"
            | "countered"
            | "observed"
            | "remarked"
            | "shouted"
            | "admitted"
            | "stated"
            | "recounted"
            | "whispered"
            | "screamed"
            | "proclaimed"
            | "concluded"
            | "told"
            | "boasted"
            | "complained"
            | "lamented"
            | "cautioned"
            | "mused"
            | "opined"
    )
}
