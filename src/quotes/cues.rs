//! Cue words: the verbs (and `according to`) that introduce what a source said.
//!
//! Two sources: a hand list of speech verbs in all their inflections (with
//! their class: speech, tell-type, report), and `cue_words.txt`, learned from
//! PolNeAR train by `cargo run --release -p quotes-tools --bin cue-words`:
//! every word that was a whole attribution cue at least 3 times and in at
//! least 10 % of its occurrences (`cited`, `slammed`, `defended`, …). Learned
//! words not in the hand list are [`CueClass::Report`]: they introduce
//! reported content but never a direct quote.

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

/// Classifies a lower-cased word: one hash lookup in a table built once from
/// the hand lists below and the learned table (this runs for every word).
pub fn classify(lower: &str) -> Option<CueClass> {
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, CueClass>> = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            let mut t = rustc_hash::FxHashMap::default();
            // Hand lists win over the learned table.
            for w in learned_words() {
                t.insert(w, CueClass::Report);
            }
            for (class, words) in [(CueClass::Report, REPORT), (CueClass::Tell, TELL), (CueClass::Speech, SPEECH)] {
                for &w in words {
                    t.insert(w, class);
                }
            }
            t
        })
        .get(lower)
        .copied()
}

/// Verbs that introduce direct and indirect speech ([`CueClass::Speech`]).
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "yells",
    "yelling",
    "shouts",
    "shouting",
    "chanted",
    "chanting",
    "chants",
    "screams",
    "sang",
    "sings",
    "added",
    "adds",
    "adding",
    "add",
    "wrote",
    "writes",
    "write",
    "writing",
    "noted",
    "notes",
    "noting",
    "continued",
    "continues",
    "explained",
    "explains",
    "explaining",
    "stated",
    "states",
    "declared",
    "declares",
    "announced",
    "announces",
    "tweeted",
    "tweets",
    "tweeting",
    "replied",
    "replies",
    "responded",
    "responds",
    "recalled",
    "recalls",
    "acknowledged",
    "acknowledges",
    "insisted",
    "insists",
    "insisting",
    "claimed",
    "claims",
    "claiming",
    "argued",
    "argues",
    "arguing",
    "warned",
    "warns",
    "warning",
    "joked",
    "jokes",
    "quipped",
    "conceded",
    "concedes",
    "countered",
    "counters",
    "observed",
    "remarked",
    "shouted",
    "yelled",
    "admitted",
    "admits",
    "contended",
    "contends",
    "maintained",
    "maintains",
    "emphasized",
    "stressed",
    "asserted",
    "asserts",
    "alleged",
    "alleges",
    "vowed",
    "vows",
    "promised",
    "promises",
    "concluded",
    "testified",
    "predicted",
    "predicts",
    "suggested",
    "suggests",
    "suggesting",
    "reported",
    "reports",
    "posted",
    "mused",
    "boasted",
    "bragged",
    "complained",
    "complains",
    "lamented",
    "cautioned",
    "pledged",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "announcing",
    "explain",
    "insist",
    "argue",
    "claim",
    "predict",
    "warn",
    "admit",
    "acknowledge",
    "note",
    "declare",
    "agreed",
    "agrees",
    "conceding",
    "recounted",
    "whispered",
    "screamed",
    "proclaimed",
    "opined",
    "stating",
    "noticed",
    "stresses",
    "stressing",
    "stress",
    "emphasizes",
    "emphasizing",
    "emphasize",
    "commented",
    "commenting",
    "answered",
    "answers",
    "elaborated",
    "exclaimed",
    "retorted",
    "interjected",
    "demanded",
    "snapped",
    "cried",
    "echoed",
    "barked",
    "cracked",
];

/// Verbs of belief and feeling, whose object without `that` is no report
/// unless it is a clause (`worried Tasos Georgelis, deputy commissioner …`
/// names who was worried; `feared the worst`).
pub fn mental(lower: &str) -> bool {
    matches!(
        lower,
        "believes"
            | "believe"
            | "believed"
            | "thinks"
            | "think"
            | "thought"
            | "hopes"
            | "hoped"
            | "fears"
            | "feared"
            | "worries"
            | "worried"
            | "feels"
            | "felt"
            | "doubted"
            | "doubts"
            | "wondered"
    )
}

/// Speech verbs that mostly take a noun phrase as their object (`denied
/// the allegations`, `condemned the attack`), unlike `said`, whose content
/// is a clause.
pub fn takes_object(lower: &str) -> bool {
    matches!(
        lower,
        "denied"
            | "denies"
            | "rejected"
            | "rejects"
            | "dismissed"
            | "dismisses"
            | "defended"
            | "defends"
            | "condemned"
            | "condemns"
            | "criticized"
            | "criticised"
            | "criticizes"
            | "praised"
            | "praises"
            | "blasted"
            | "slammed"
            | "welcomed"
            | "attacked"
            | "accused"
    )
}

/// Verbs that take an addressee before their content ([`CueClass::Tell`]).
const TELL: &[&str] = &[
    "told", "tells", "tell", "telling", "asked", "asks", "ask", "asking", "informed", "assured", "reminded", "urged",
    "urging", "urges", "advised",
];

/// Verbs of reported content only ([`CueClass::Report`]).
const REPORT: &[&str] = &[
    "believes",
    "believe",
    "believed",
    "thinks",
    "think",
    "thought",
    "hopes",
    "hoped",
    "fears",
    "feared",
    "worries",
    "worried",
    "knows",
    "knew",
    "feels",
    "felt",
    "expects",
    "expected",
    "found",
    "finds",
    "showed",
    "shows",
    "show",
    "revealed",
    "reveals",
    "indicated",
    "indicates",
    "estimated",
    "estimates",
    "projected",
    "doubted",
    "doubts",
    "predicting",
    "questioned",
    "wondered",
    "charged",
    "accused",
    "accuses",
    "implied",
    "hinted",
    "signaled",
    "insinuated",
];

static LEARNED: &str = include_str!("cue_words.txt");
static HEADS: &str = include_str!("speaker_heads.txt");

/// A learned cue that is not in the hand lists and introduced an attribution
/// in under [`WEAK_RATE`] of its PolNeAR occurrences (`included`, `designed`,
/// `hired`): it reports a `that` clause, an infinitive (`plans to …`) or a
/// clause with an auxiliary or modal, never a bare object (`included an
/// upper house`, `hired a lawyer`).
pub fn weak(lower: &str) -> bool {
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            rows(LEARNED)
                .filter_map(|mut it| {
                    let (w, cues, seen) =
                        (it.next()?, it.next()?.parse::<f64>().ok()?, it.next()?.parse::<f64>().ok()?);
                    (cues < WEAK_RATE * seen && learned_only(w)).then_some(w)
                })
                .collect()
        })
        .contains(lower)
}

/// A cue of the hand lists (speech, tell or report verbs).
pub fn hand_listed(lower: &str) -> bool {
    classify(lower).is_some() && !learned_only(lower)
}

/// A cue from the learned table only (in no hand list).
pub fn learned_only(lower: &str) -> bool {
    // Hand lists win in `classify`, so a Report word outside REPORT is a learned one.
    classify(lower) == Some(CueClass::Report) && !REPORT.contains(&lower)
}

/// See [`weak`].
const WEAK_RATE: f64 = 0.15;

/// Whether a lower-cased noun heads speakers written without capitals
/// (`officials`, `spokesman`, `campaign`): `speaker_heads.txt`, learned from
/// PolNeAR train by `cargo run --release -p quotes-tools --bin speaker-heads`.
pub fn speaker_head(lower: &str) -> bool {
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| rows(HEADS).filter_map(|mut it| it.next()).collect()).contains(lower)
}

/// [`speaker_head`] of a word or of its singular (`officials`).
pub fn heads_speakers(lower: &str) -> bool {
    speaker_head(lower) || lower.strip_suffix('s').is_some_and(speaker_head)
}

/// The rows of a learned table (after its one `#` header line), each split
/// at spaces: `word count …`.
fn rows(table: &'static str) -> impl Iterator<Item = std::str::Split<'static, char>> {
    let body = table.split_once('\n').map_or("", |(_, rest)| rest);
    body.lines().filter(|l| !l.is_empty()).map(|l| l.split(' '))
}

/// The words of the learned table (lines `word count count` after one `#` header line).
fn learned_words() -> impl Iterator<Item = &'static str> {
    rows(LEARNED).filter_map(|mut it| it.next()).filter(|w| !w.is_empty())
}

/// Whether `lower` is in the learned table.
#[cfg(test)]
fn learned(lower: &str) -> bool {
    learned_words().any(|w| w == lower)
}

/// Cue words that may stand directly after a quote with the speaker after
/// them (`“…,” said Smith`): inversion happens with speech verbs only.
pub fn inverts(lower: &str) -> bool {
    matches!(
        lower,
        "said"
            | "says"
            | "say"
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
            | "boasted"
            | "complained"
            | "lamented"
            | "cautioned"
            | "mused"
            | "opined"
            | "answered"
            | "elaborated"
            | "exclaimed"
            | "retorted"
            | "demanded"
            | "echoed"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_list_and_learned_table() {
        assert_eq!(classify("said"), Some(CueClass::Speech));
        assert_eq!(classify("told"), Some(CueClass::Tell));
        assert_eq!(classify("believes"), Some(CueClass::Report));
        assert!(learned("slammed") && learned("accused") && learned("yelled"));
        assert!(!learned("table") && !learned("") && !learned("zzz"));
        assert_eq!(classify("slammed"), Some(CueClass::Report));
    }
}
