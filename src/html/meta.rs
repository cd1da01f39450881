//! Article metadata: title, byline, published date, lead image, language.
//!
//! Sources, first match wins (the order Mozilla Readability uses, so our
//! titles and bylines agree with what readers expect):
//! * title: JSON-LD `headline`/`name` of an Article-like object, then
//!   `dc:title`, `dcterm:title`, `og:title`, `weibo:*:title`, `title`,
//!   `twitter:title`, `parsely-title` meta tags, then `<title>` with site
//!   names cut off at ` | `, ` - `, ` – `, ` — `, ` » `, ` / ` or `: `;
//! * byline: JSON-LD `author` names, then `dc:creator`, `dcterm:creator`,
//!   `author`, `parsely-author`, `article:author` (when not a URL) meta tags,
//!   then the page's byline element (`rel=author`, `itemprop~=author`, or a
//!   class/id with byline/author/dateline);
//! * published: JSON-LD `datePublished`, `article:published_time`,
//!   `parsely-pub-date`, other date meta tags, then the first `<time datetime>`;
//! * image: JSON-LD `image`, `og:image`, `twitter:image`, `link rel=image_src`,
//!   resolved against `<base href>`, kept only if `http(s)`;
//! * lang: `<html lang>`, `Content-Language`, `og:locale`, JSON-LD `inLanguage`.

use super::article::{inner_text, text_similarity};
use super::dom::Dom;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// Metadata of the article in a whole page (article mode). Every field is
/// `null` in JSON when not found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// As the page states it (usually ISO 8601), not reformatted.
    pub published: Option<String>,
    /// Absolute `http(s)` URL of the lead image; other schemes are dropped.
    pub image: Option<String>,
    /// BCP 47 language tag as the page declares it.
    pub lang: Option<String>,
}

const JSONLD_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
];

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

fn is_article_type(v: &Value) -> bool {
    match v {
        Value::String(s) => JSONLD_TYPES.iter().any(|t| s.contains(t)),
        Value::Array(a) => a.iter().any(is_article_type),
        _ => false,
    }
}

#[derive(Default)]
struct JsonLd {
    name: Option<String>,
    headline: Option<String>,
    byline: Option<String>,
    published: Option<String>,
    image: Option<String>,
    lang: Option<String>,
}

fn image_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.iter().find_map(image_of),
        Value::Object(o) => o.get("url").or_else(|| o.get("contentUrl")).and_then(image_of),
        _ => None,
    }
}

fn json_ld(dom: &Dom<'_>) -> Option<JsonLd> {
    for i in 0..dom.len() {
        if dom.tag(i) != "script" || dom.attr(i, "type").is_none_or(|t| t.trim() != "application/ld+json") {
            continue;
        }
        let content: String = dom.children(i).filter_map(|c| dom.text(c)).collect();
        let content = content.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>");
        let Ok(mut parsed) = serde_json::from_str::<Value>(content) else { continue };
        if let Value::Array(items) = parsed {
            match items.into_iter().find(|it| it.get("@type").is_some_and(is_article_type)) {
                Some(it) => parsed = it,
                None => continue,
            }
        }
        let schema = |v: Option<&Value>| {
            v.and_then(Value::as_str).is_some_and(|s| {
                let s = s.trim_end_matches('/');
                s == "http://schema.org" || s == "https://schema.org"
            })
        };
        let ctx = parsed.get("@context");
        if !(schema(ctx) || schema(ctx.and_then(|c| c.get("@vocab")))) {
            continue;
        }
        if parsed.get("@type").is_none() {
            if let Some(Value::Array(graph)) = parsed.get("@graph") {
                match graph.iter().find(|it| it.get("@type").is_some_and(is_article_type)) {
                    Some(it) => parsed = it.clone(),
                    None => continue,
                }
            }
        }
        if !parsed.get("@type").is_some_and(is_article_type) {
            continue;
        }
        let s = |k: &str| parsed.get(k).and_then(Value::as_str).map(|s| s.trim().to_owned());
        let byline = match parsed.get("author") {
            Some(Value::Object(o)) => o.get("name").and_then(Value::as_str).and_then(clean),
            Some(Value::Array(a)) => {
                let names: Vec<&str> =
                    a.iter().filter_map(|x| x.get("name").and_then(Value::as_str)).map(str::trim).collect();
                (!names.is_empty()).then(|| names.join(", "))
            }
            _ => None,
        };
        return Some(JsonLd {
            name: s("name"),
            headline: s("headline"),
            byline,
            published: s("datePublished"),
            image: parsed.get("image").and_then(image_of),
            lang: s("inLanguage"),
        });
    }
    None
}

/// Meta tag values keyed as Readability does (`og:title`, `author`, …).
fn meta_values(dom: &Dom<'_>) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for i in 0..dom.len() {
        if dom.tag(i) != "meta" {
            continue;
        }
        let Some(content) = dom.attr(i, "content").and_then(clean) else { continue };
        let mut matched = false;
        if let Some(property) = dom.attr(i, "property") {
            for p in property.split_whitespace() {
                let p = p.to_ascii_lowercase();
                let Some((prefix, name)) = p.split_once(':') else { continue };
                if matches!(prefix, "article" | "dc" | "dcterm" | "og" | "twitter")
                    && matches!(
                        name,
                        "author"
                            | "creator"
                            | "description"
                            | "published_time"
                            | "title"
                            | "site_name"
                            | "image"
                            | "locale"
                            | "url"
                            | "image:url"
                            | "image:secure_url"
                    )
                {
                    values.insert(format!("{prefix}:{name}"), content.clone());
                    matched = true;
                }
            }
        }
        if matched {
            continue;
        }
        let Some(name) = dom.attr(i, "name").or_else(|| dom.attr(i, "itemprop")) else { continue };
        let key: String = name
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == '.' { ':' } else { c })
            .collect();
        values.entry(key).or_insert(content);
    }
    values
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count().max(usize::from(!s.is_empty()))
}

const SEPARATORS: &[char] = &['|', '-', '\\', '/', '>', '»', '–', '—'];

/// Readability's `_getArticleTitle`: the document title without the site name.
fn document_title(dom: &Dom<'_>) -> Option<String> {
    let t = (0..dom.len()).find(|&i| dom.tag(i) == "title")?;
    let orig = inner_text(dom, t, &[], 10_000);
    let orig = orig.trim().to_owned();
    let mut cur = orig.clone();
    let sep_positions: Vec<(usize, char)> = orig
        .char_indices()
        .filter(|&(i, c)| {
            SEPARATORS.contains(&c) && orig[..i].ends_with(' ') && orig[i + c.len_utf8()..].starts_with(' ')
        })
        .collect();
    let mut hierarchical = false;
    if let Some(&(last, _)) = sep_positions.last() {
        hierarchical = sep_positions.iter().any(|&(_, c)| matches!(c, '\\' | '/' | '>' | '»'));
        cur = orig[..last - 1].to_owned();
        if word_count(&cur) < 3 {
            let (first, c) = sep_positions[0];
            cur = orig[first + c.len_utf8()..].to_owned();
        }
    } else if cur.contains(": ") {
        let headings_match = (0..dom.len())
            .filter(|&i| matches!(dom.tag(i), "h1" | "h2"))
            .any(|i| inner_text(dom, i, &[], 10_000) == cur.trim());
        if !headings_match {
            let last = orig.rfind(':').unwrap_or(0);
            cur = orig[last + 1..].to_owned();
            if word_count(&cur) < 3 {
                let first = orig.find(':').unwrap_or(0);
                cur = orig[first + 1..].to_owned();
            } else if word_count(&orig[..orig.find(':').unwrap_or(0)]) > 5 {
                cur = orig.clone();
            }
        }
    } else if cur.chars().count() > 150 || cur.chars().count() < 15 {
        let h1: Vec<usize> = (0..dom.len()).filter(|&i| dom.tag(i) == "h1").collect();
        if h1.len() == 1 {
            cur = inner_text(dom, h1[0], &[], 10_000);
        }
    }
    let cur = cur.split_whitespace().collect::<Vec<_>>().join(" ");
    let wc = word_count(&cur);
    let orig_without_seps: String = orig.chars().map(|c| if SEPARATORS.contains(&c) { ' ' } else { c }).collect();
    if wc <= 4 && (!hierarchical || wc + 1 != word_count(&orig_without_seps)) {
        return clean(&orig);
    }
    clean(&cur)
}

fn is_url(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("//")
}

/// An absolute `http(s)` URL for `url`, resolved against `base`; anything
/// else (`javascript:`, `data:`, …) gives `None`.
fn safe_url(url: &str, base: Option<&str>) -> Option<String> {
    let url: String = url.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
    if url.is_empty() {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(url);
    }
    if let Some(colon) = lower.find(':') {
        if !lower[..colon].contains(['/', '?', '#']) {
            return None; // some other scheme
        }
    }
    let base = base.filter(|b| is_url(b) && (b.starts_with("http://") || b.starts_with("https://")))?;
    let scheme_end = base.find("://")? + 3;
    if let Some(rest) = url.strip_prefix("//") {
        return Some(format!("{}{rest}", &base[..scheme_end]));
    }
    let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    if url.starts_with('/') {
        return Some(format!("{}{url}", &base[..host_end]));
    }
    let dir_end = base[host_end..].rfind('/').map_or(base.len(), |i| host_end + i + 1);
    let dir = if dir_end > host_end { &base[..dir_end] } else { &base[..host_end] };
    let sep = if dir.ends_with('/') { "" } else { "/" };
    Some(format!("{dir}{sep}{url}"))
}

/// Metadata from `<head>` and structured data; the byline element is added
/// later by [`with_byline_node`].
pub(crate) fn extract(dom: &Dom<'_>) -> Article {
    let ld = json_ld(dom).unwrap_or_default();
    let values = meta_values(dom);
    let v = |k: &str| values.get(k).cloned();
    let ld_title = match (&ld.name, &ld.headline) {
        (Some(name), Some(headline)) if name != headline => {
            let title = document_title(dom).unwrap_or_default();
            let name_matches = text_similarity(name, &title) > 0.75;
            let headline_matches = text_similarity(headline, &title) > 0.75;
            Some(if headline_matches && !name_matches { headline.clone() } else { name.clone() })
        }
        (Some(name), _) => Some(name.clone()),
        (None, Some(headline)) => Some(headline.clone()),
        _ => None,
    };
    let title = ld_title
        .or_else(|| v("dc:title"))
        .or_else(|| v("dcterm:title"))
        .or_else(|| v("og:title"))
        .or_else(|| v("weibo:article:title"))
        .or_else(|| v("weibo:webpage:title"))
        .or_else(|| v("title"))
        .or_else(|| v("twitter:title"))
        .or_else(|| v("parsely-title"))
        .and_then(|t| clean(&t))
        .or_else(|| document_title(dom));
    let byline = ld
        .byline
        .clone()
        .or_else(|| v("dc:creator"))
        .or_else(|| v("dcterm:creator"))
        .or_else(|| v("author"))
        .or_else(|| v("parsely-author"))
        .or_else(|| v("article:author").filter(|a| !is_url(a)))
        .and_then(|b| clean(&b));
    let time =
        (0..dom.len()).filter(|&i| dom.tag(i) == "time").filter_map(|i| dom.attr(i, "datetime").and_then(clean)).next();
    let published = ld
        .published
        .clone()
        .or_else(|| v("article:published_time"))
        .or_else(|| v("parsely-pub-date"))
        .or_else(|| v("datepublished"))
        .or_else(|| v("dc:date"))
        .or_else(|| v("dcterms:created"))
        .or_else(|| v("date"))
        .or_else(|| v("pubdate"))
        .or_else(|| v("publishdate"))
        .or(time)
        .and_then(|p| clean(&p));
    let base = (0..dom.len())
        .find(|&i| dom.tag(i) == "base" && dom.attr(i, "href").is_some())
        .and_then(|i| dom.attr(i, "href"))
        .map(str::to_owned)
        .or_else(|| v("og:url"));
    let image_link = (0..dom.len())
        .find(|&i| dom.tag(i) == "link" && dom.attr(i, "rel").is_some_and(|r| r.eq_ignore_ascii_case("image_src")))
        .and_then(|i| dom.attr(i, "href"))
        .map(str::to_owned);
    let image = [
        ld.image.clone(),
        v("og:image"),
        v("og:image:url"),
        v("og:image:secure_url"),
        v("twitter:image"),
        v("twitter:image:src"),
        image_link,
    ]
    .into_iter()
    .flatten()
    .find_map(|u| safe_url(&u, base.as_deref()));
    let http_lang = (0..dom.len())
        .find(|&i| {
            dom.tag(i) == "meta"
                && dom.attr(i, "http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
        })
        .and_then(|i| dom.attr(i, "content"))
        .map(str::to_owned);
    let lang = dom
        .attr(0, "lang")
        .or_else(|| dom.attr(0, "xml:lang"))
        .map(str::to_owned)
        .or(http_lang)
        .or_else(|| v("og:locale").map(|l| l.replace('_', "-")))
        .or_else(|| ld.lang.clone())
        .and_then(|l| clean(&l));
    Article { title, byline, published, image, lang }
}

/// Fills a missing byline from the page's byline element: the text of a
/// descendant with `itemprop~=name` if there is one, else its own text.
pub(crate) fn with_byline_node(mut article: Article, dom: &Dom<'_>, node: Option<usize>) -> Article {
    if article.byline.is_none() {
        if let Some(n) = node {
            let end = dom.nodes[n].end as usize;
            let name = (n + 1..end).find(|&j| dom.attr(j, "itemprop").is_some_and(|p| p.contains("name")));
            article.byline = clean(&inner_text(dom, name.unwrap_or(n), &[], 1000));
        }
    }
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_resolved_or_dropped() {
        assert_eq!(safe_url("javascript:alert(1)", Some("https://a.b/c/d")), None);
        assert_eq!(safe_url(" JaVa\tScript:alert(1)", None), None);
        assert_eq!(safe_url("data:image/png;base64,xx", None), None);
        assert_eq!(safe_url("/img/x.jpg", Some("https://a.b/c/d")).as_deref(), Some("https://a.b/img/x.jpg"));
        assert_eq!(safe_url("x.jpg", Some("https://a.b/c/d")).as_deref(), Some("https://a.b/c/x.jpg"));
        assert_eq!(safe_url("//cdn.b/x.jpg", Some("https://a.b/")).as_deref(), Some("https://cdn.b/x.jpg"));
        assert_eq!(safe_url("x.jpg", None), None);
    }
}
