//! Compiles `model/gazetteer.bin` (format: `article_annotator::places::gazetteer`).
//!
//! Deterministic: inputs are read in a fixed order, every collection that
//! decides output order is sorted, and floats are computed in that order.

use article_annotator::places::gazetteer::{
    How, Kind, BLOCK, FORMAT_VERSION, HEADER_LEN, MAGIC, MAX_RECORDS, NO_PARENT, RAW_COLUMNS, RECORD_COLUMNS,
};
use article_annotator::places::normalize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Cities kept: every GeoNames city with at least 15,000 inhabitants (the
/// only city file with coordinates). Alternate names are kept for cities of
/// at least `ALT_MIN_POP` (see `keep_alternate`).
const ALT_MIN_POP: u64 = 200_000;

#[derive(Clone, Debug)]
struct Rec {
    name: String,
    kind: Kind,
    capital: bool,
    country: String,
    lat: f64,
    lon: f64,
    geonames_id: u32,
    population: u64,
    parent: u16,
}

/// (lat, lon, population) of a city.
type Point = (f64, f64, u64);

pub struct Built {
    pub bytes: Vec<u8>,
    pub report: String,
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_table(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect())
}

fn s(v: &Value, k: &str) -> String {
    v.get(k).and_then(Value::as_str).unwrap_or("").to_owned()
}

fn n(v: &Value, k: &str) -> f64 {
    match v.get(k) {
        Some(Value::Number(x)) => x.as_f64().unwrap_or(0.0),
        Some(Value::String(x)) => x.parse().unwrap_or(0.0),
        _ => 0.0,
    }
}

/// An alternate name worth a key: Latin script (the articles are English),
/// written with a capital (GeoNames' lower-case entries are romanizations of
/// other scripts' names), not an airport code (all capitals, ≤ 4 letters), and
/// for a city of `ALT_MIN_POP` or more (smaller towns' alternate names are
/// mostly other languages' spellings nobody writes in English news).
fn keep_alternate(alt: &str, population: u64) -> bool {
    let letters: Vec<char> = alt.chars().filter(|c| c.is_alphabetic()).collect();
    population >= ALT_MIN_POP
        && !letters.is_empty()
        && letters.iter().any(|c| c.is_uppercase())
        && letters.iter().all(|&c| is_latin(c))
        && !(letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase()))
        && !alt.chars().any(|c| c.is_ascii_digit())
}

fn is_latin(c: char) -> bool {
    matches!(c as u32, 0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF) && c != '×' && c != '÷'
}

/// Population-weighted centroid of points (on the sphere, so it works across
/// the antimeridian), then the nearest of the points: always a real city.
fn central_city(points: &[Point]) -> Option<(f64, f64)> {
    let (mut x, mut y, mut z) = (0.0f64, 0.0f64, 0.0f64);
    for &(lat, lon, pop) in points {
        let (la, lo) = (lat.to_radians(), lon.to_radians());
        let w = (pop.max(1)) as f64;
        x += w * la.cos() * lo.cos();
        y += w * la.cos() * lo.sin();
        z += w * la.sin();
    }
    let clat = z.atan2((x * x + y * y).sqrt()).to_degrees();
    let clon = y.atan2(x).to_degrees();
    points
        .iter()
        .min_by(|a, b| {
            let da = (a.0 - clat).powi(2) + ((a.1 - clon) * clat.to_radians().cos()).powi(2);
            let db = (b.0 - clat).powi(2) + ((b.1 - clon) * clat.to_radians().cos()).powi(2);
            da.total_cmp(&db)
        })
        .map(|p| (p.0, p.1))
}

pub fn build(data: &Path, tables: &Path) -> Result<Built, String> {
    let geo = data.join("geonames");
    let countries = read_json(&geo.join("countries.json"))?;
    let cities = read_json(&geo.join("cities15000.json"))?;
    let continents = read_json(&geo.join("continents.json"))?;
    let us_states = read_json(&geo.join("us_states.json"))?;
    let iso1 = read_json(&data.join("pycountry/iso3166-1.json"))?;
    let iso2 = read_json(&data.join("pycountry/iso3166-2.json"))?;
    let iso3 = read_json(&data.join("pycountry/iso3166-3.json"))?;
    let mut report = String::new();

    // Cities, sorted by population (desc) then id.
    let mut city_list: Vec<&Value> = cities.as_object().ok_or("cities15000.json: not an object")?.values().collect();
    city_list.sort_by_key(|c| (std::cmp::Reverse(n(c, "population") as u64), n(c, "geonameid") as u64));
    let countries = countries.as_object().ok_or("countries.json: not an object")?;

    let mut recs: Vec<Rec> = Vec::new();
    // (name, how) per record index.
    let mut names: Vec<Vec<(String, How)>> = Vec::new();
    let push = |recs: &mut Vec<Rec>, names: &mut Vec<Vec<(String, How)>>, r: Rec, keys: Vec<(String, How)>| {
        recs.push(r);
        names.push(keys);
        recs.len() - 1
    };

    // Countries: coordinates of the capital (GeoNames' country table names
    // it), else of the largest city; countries without a city of 15,000 are
    // left out (no coordinates in the data).
    let mut country_idx: BTreeMap<String, usize> = BTreeMap::new();
    let mut capitals: BTreeSet<u64> = BTreeSet::new();
    let mut skipped = Vec::new();
    for (iso, c) in countries {
        let capital = s(c, "capital");
        let in_country = || city_list.iter().filter(|x| s(x, "countrycode") == *iso);
        let cap = in_country().find(|x| !capital.is_empty() && s(x, "name") == capital);
        let Some(at) = cap.or_else(|| in_country().next()) else {
            skipped.push(iso.clone());
            continue;
        };
        if let Some(cap) = cap {
            capitals.insert(n(cap, "geonameid") as u64);
        }
        let mut keys = vec![(s(c, "name"), How::Name), (s(c, "iso3"), How::Abbreviation)];
        for e in iso1["3166-1"].as_array().into_iter().flatten().filter(|e| s(e, "alpha_2") == *iso) {
            keys.push((s(e, "name"), How::Alternate));
            for f in ["official_name", "common_name"] {
                if e.get(f).is_some() {
                    keys.push((s(e, f), How::Alternate));
                }
            }
        }
        let r = Rec {
            name: s(c, "name"),
            kind: Kind::Country,
            capital: false,
            country: iso.clone(),
            lat: n(at, "latitude"),
            lon: n(at, "longitude"),
            geonames_id: n(c, "geonameid") as u32,
            population: n(c, "population") as u64,
            parent: NO_PARENT,
        };
        let i = push(&mut recs, &mut names, r, keys);
        country_idx.insert(iso.clone(), i);
    }
    report += &format!("countries: {} (left out, no city of 15,000: {})\n", country_idx.len(), skipped.join(" "));
    // Former country names whose successor code is current (Burma → MM, Zaire → CD).
    for e in iso3["3166-3"].as_array().into_iter().flatten() {
        let a4 = s(e, "alpha_4");
        if let Some(&i) = a4.get(2..4).and_then(|succ| country_idx.get(succ)) {
            let name = s(e, "name");
            if !name.contains(',') {
                names[i].push((name, How::Alternate));
            }
        }
    }

    // Continents.
    let mut continent_idx: BTreeMap<String, usize> = BTreeMap::new();
    for (code, c) in continents.as_object().ok_or("continents.json: not an object")? {
        let r = Rec {
            name: s(c, "name"),
            kind: Kind::Continent,
            capital: false,
            country: String::new(),
            lat: n(c, "lat"),
            lon: n(c, "lng"),
            geonames_id: n(c, "geonameId") as u32,
            population: n(c, "population") as u64,
            parent: NO_PARENT,
        };
        let keys = vec![(s(c, "name"), How::Name), (s(c, "asciiName"), How::Name), (s(c, "toponymName"), How::Name)];
        let i = push(&mut recs, &mut names, r, keys);
        continent_idx.insert(code.clone(), i);
    }

    // Admin1 areas present in the city data: (country, admin1) → cities.
    let mut areas: BTreeMap<(String, String), Vec<Point>> = BTreeMap::new();
    for c in &city_list {
        let key = (s(c, "countrycode"), s(c, "admin1code"));
        if !key.1.is_empty() {
            areas.entry(key).or_default().push((n(c, "latitude"), n(c, "longitude"), n(c, "population") as u64));
        }
    }
    // Regions: (country, admin1) → (name, other names, geonames id).
    let mut regions: BTreeMap<(String, String), (String, Vec<String>, u32)> = BTreeMap::new();
    for (code, st) in us_states.as_object().ok_or("us_states.json: not an object")? {
        regions.insert(("US".into(), code.clone()), (s(st, "name"), vec![], n(st, "geonameid") as u32));
    }
    // Countries whose GeoNames admin1 codes are their ISO 3166-2 codes (all
    // alphabetic and all found among the ISO subdivisions): name from ISO.
    let mut iso_subs: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for e in iso2["3166-2"].as_array().into_iter().flatten() {
        let code = s(e, "code");
        if let Some((cc, sub)) = code.split_once('-') {
            // "Wales [Cymru GB-CYM]": the bracket gives the other language's name and code.
            let name = s(e, "name");
            let name = name.split(" [").next().unwrap_or("").to_owned();
            iso_subs.entry(cc.to_owned()).or_default().insert(sub.to_owned(), name);
        }
    }
    let mut by_country: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (cc, a1) in areas.keys() {
        by_country.entry(cc).or_default().insert(a1);
    }
    let mut iso_matched = Vec::new();
    for (cc, codes) in &by_country {
        let Some(subs) = iso_subs.get(*cc) else { continue };
        if *cc == "US" || !codes.iter().all(|a| a.chars().all(|c| c.is_ascii_uppercase()) && subs.contains_key(*a)) {
            continue;
        }
        iso_matched.push(*cc);
        for a in codes {
            regions.insert((cc.to_string(), a.to_string()), (subs[*a].clone(), vec![], 0));
        }
    }
    report += &format!("regions from ISO 3166-2 where GeoNames uses ISO codes: {}\n", iso_matched.join(" "));
    // Supplement: regions tied to GeoNames through their capital.
    let mut missing = Vec::new();
    for row in read_table(&tables.join("regions.tsv"))? {
        let [names_col, cc, capital] = &row[..] else { return Err(format!("regions.tsv: bad row {row:?}")) };
        let mut all = names_col.split('|').map(str::to_owned);
        let name = all.next().unwrap_or_default();
        let Some(cap) = city_list.iter().find(|c| s(c, "countrycode") == *cc && s(c, "name") == *capital) else {
            missing.push(format!("{name} ({capital})"));
            continue;
        };
        let key = (cc.clone(), s(cap, "admin1code"));
        match regions.get_mut(&key) {
            Some(r) => {
                r.1.push(name);
                r.1.extend(all);
            }
            None => {
                regions.insert(key, (name, all.collect(), 0));
            }
        }
    }
    if !missing.is_empty() {
        report +=
            &format!("regions.tsv rows whose capital is not in the city data (left out): {}\n", missing.join(", "));
    }
    let mut region_idx: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (key, (name, others, gid)) in &regions {
        let Some(points) = areas.get(key) else { continue };
        let Some((lat, lon)) = central_city(points) else { continue };
        let r = Rec {
            name: name.clone(),
            kind: Kind::Region,
            capital: false,
            country: key.0.clone(),
            lat,
            lon,
            geonames_id: *gid,
            population: 0,
            parent: NO_PARENT,
        };
        let mut keys = vec![(name.clone(), How::Name)];
        keys.extend(others.iter().map(|o| (o.clone(), How::Alternate)));
        if key.0 == "US" {
            keys.push((key.1.clone(), How::Abbreviation));
        }
        let i = push(&mut recs, &mut names, r, keys);
        region_idx.insert(key.clone(), i);
    }
    report += &format!("regions: {}\n", region_idx.len());

    // Cities.
    let mut alt_count = 0usize;
    for c in &city_list {
        let pop = n(c, "population") as u64;
        let gid = n(c, "geonameid") as u64;
        let key = (s(c, "countrycode"), s(c, "admin1code"));
        let parent = region_idx.get(&key).map_or(NO_PARENT, |&i| i as u16);
        let mut keys = vec![(s(c, "name"), How::Name)];
        // "New York City", "Kuwait City": for a capital or a city of a million,
        // the name without "City" is its everyday name (not so "Midwest City").
        if capitals.contains(&gid) || pop >= 1_000_000 {
            if let Some(short) = s(c, "name").strip_suffix(" City") {
                keys.push((short.to_owned(), How::Name));
            }
        }
        for a in c.get("alternatenames").and_then(Value::as_array).into_iter().flatten() {
            let a = a.as_str().unwrap_or("");
            if keep_alternate(a, pop) {
                keys.push((a.to_owned(), How::Alternate));
                alt_count += 1;
            }
        }
        let r = Rec {
            name: s(c, "name"),
            kind: Kind::City,
            capital: capitals.contains(&gid),
            country: key.0.clone(),
            lat: n(c, "latitude"),
            lon: n(c, "longitude"),
            geonames_id: gid as u32,
            population: pop,
            parent,
        };
        push(&mut recs, &mut names, r, keys);
    }
    report += &format!("cities: {} (alternate names kept: {alt_count})\n", city_list.len());

    // Hand tables: demonyms and aliases.
    let target = |t: &str| -> Option<usize> {
        let (kind, code) = t.split_once(':')?;
        match kind {
            "country" => country_idx.get(code).copied(),
            "continent" => continent_idx.get(code).copied(),
            "region" => {
                let (cc, a1) = code.split_once('-')?;
                region_idx.get(&(cc.to_owned(), a1.to_owned())).copied()
            }
            _ => None,
        }
    };
    let mut unresolved = Vec::new();
    for row in read_table(&tables.join("demonyms.tsv"))? {
        let [cc, forms] = &row[..] else { return Err(format!("demonyms.tsv: bad row {row:?}")) };
        let Some(i) = country_idx.get(cc).copied() else {
            unresolved.push(cc.clone());
            continue;
        };
        for f in forms.split('|') {
            names[i].push((f.to_owned(), How::Demonym));
            if f.ends_with("an") || f.ends_with('i') || f.ends_with("er") {
                names[i].push((format!("{f}s"), How::Demonym));
            }
        }
    }
    for row in read_table(&tables.join("aliases.tsv"))? {
        let [alias, t, how] = &row[..] else { return Err(format!("aliases.tsv: bad row {row:?}")) };
        let how = match how.as_str() {
            "alternate" => How::Alternate,
            "abbreviation" => How::Abbreviation,
            "demonym" => How::Demonym,
            _ => return Err(format!("aliases.tsv: unknown how {how:?}")),
        };
        match target(t) {
            Some(i) => names[i].push((alias.clone(), how)),
            None => unresolved.push(t.clone()),
        }
    }
    if !unresolved.is_empty() {
        return Err(format!("hand tables name unknown targets: {}", unresolved.join(", ")));
    }
    if recs.len() > MAX_RECORDS {
        return Err(format!("{} records, the format holds {MAX_RECORDS}", recs.len()));
    }

    // Keys: normalized name → candidates (best match per record), in prior order.
    let mut index: BTreeMap<String, HashMap<usize, How>> = BTreeMap::new();
    for (i, keys) in names.iter().enumerate() {
        for (name, how) in keys {
            let k = normalize(name);
            if k.is_empty() {
                continue;
            }
            let e = index.entry(k).or_default().entry(i).or_insert(*how);
            if *how < *e {
                *e = *how;
            }
        }
    }
    let order = |i: usize| {
        let r = &recs[i];
        (r.kind, std::cmp::Reverse(r.population), r.geonames_id, i)
    };

    // Sections.
    let codes: Vec<String> = {
        let mut set: BTreeSet<String> = recs.iter().map(|r| r.country.clone()).collect();
        set.insert(String::new());
        set.into_iter().collect()
    };
    let code_idx: HashMap<&str, u8> = codes.iter().enumerate().map(|(i, c)| (c.as_str(), i as u8)).collect();
    if codes.len() > 256 {
        return Err("more than 256 country codes".into());
    }
    // Record columns, byte plane by byte plane (see the format docs).
    let n = recs.len();
    // Display names the loader derives from the index (format docs): the
    // first name in index order listing the record as its own name, each word
    // capitalised, when that gives the display name back exactly.
    let mut first_own: Vec<Option<&str>> = vec![None; n];
    for (key, cands) in &index {
        for (&i, &how) in cands {
            if how == How::Name && first_own[i].is_none() {
                first_own[i] = Some(key);
            }
        }
    }
    let capitalised = |key: &str| -> String {
        let mut word_start = true;
        key.chars()
            .map(|c| {
                let out = if word_start { c.to_ascii_uppercase() } else { c };
                word_start = c == ' ';
                out
            })
            .collect()
    };
    let derived: Vec<bool> =
        recs.iter().zip(&first_own).map(|(r, key)| key.is_some_and(|k| capitalised(k) == r.name)).collect();
    let mut cols: Vec<Vec<u8>> = (0..RECORD_COLUMNS).map(|_| Vec::with_capacity(n)).collect();
    let mut name_pool = Vec::new();
    for (r, &derived) in recs.iter().zip(&derived) {
        let q = |d: f64| ((d * 100.0).round() as i64).clamp(i16::MIN as i64, i16::MAX as i64) as i16;
        let name = if derived { &[][..] } else { r.name.as_bytes() };
        let name_len = match u8::try_from(name.len()) {
            Ok(0) if !derived => return Err(format!("empty display name (record of {})", r.country)),
            Ok(len) => len,
            Err(_) => return Err(format!("display name longer than 255 bytes: {}", r.name)),
        };
        // Column order of the format docs: the RAW_COLUMNS stored bytes first.
        let id = r.geonames_id.to_le_bytes();
        let mut row = Vec::with_capacity(RECORD_COLUMNS);
        row.extend_from_slice(&q(r.lat).to_le_bytes());
        row.extend_from_slice(&q(r.lon).to_le_bytes());
        row.extend_from_slice(&id[..2]);
        row.push(code_idx[r.country.as_str()]);
        row.extend_from_slice(&id[2..]);
        row.extend_from_slice(&(r.population.min(u32::MAX as u64) as u32).to_le_bytes());
        row.extend_from_slice(&r.parent.to_le_bytes());
        row.push(r.kind as u8 | if r.capital { 0x80 } else { 0 });
        row.push(name_len);
        for (col, b) in cols.iter_mut().zip(row) {
            col.push(b);
        }
        name_pool.extend_from_slice(name);
    }
    // Name index (front-coded), entry counts, entries (record lo, hi, how planes).
    let mut index_bytes: Vec<u8> = Vec::new();
    let mut counts: Vec<u8> = Vec::with_capacity(index.len());
    let mut entries: [Vec<u8>; 3] = Default::default();
    let mut ambiguous = 0usize;
    let mut prev: &[u8] = &[];
    for (k, (key, cands)) in index.iter().enumerate() {
        let mut cs: Vec<(usize, How)> = cands.iter().map(|(&i, &h)| (i, h)).collect();
        cs.sort_by_key(|&(i, h)| (h == How::Abbreviation, order(i)));
        ambiguous += usize::from(cs.len() > 1);
        counts.push(u8::try_from(cs.len()).map_err(|_| format!("{key:?}: more than 255 candidates"))?);
        for (i, h) in cs {
            entries[0].push(i as u8);
            entries[1].push((i >> 8) as u8);
            entries[2].push(h as u8);
        }
        let key = key.as_bytes();
        let shared = if k % BLOCK == 0 { 0 } else { key.iter().zip(prev).take_while(|(a, b)| a == b).count().min(255) };
        let rest = &key[shared..];
        index_bytes.push(shared as u8);
        index_bytes.push(u8::try_from(rest.len()).map_err(|_| format!("name longer than 255 bytes: {key:?}"))?);
        index_bytes.extend_from_slice(rest);
        prev = key;
    }
    let code_bytes: Vec<u8> = codes.iter().flat_map(|c| format!("{c:2}").into_bytes()).collect();
    let mut body: Vec<u8> = cols.concat();
    let records_len = body.len();
    for section in [&name_pool, &code_bytes, &index_bytes, &counts] {
        body.extend_from_slice(section);
    }
    body.extend(entries.concat());
    let stored = RAW_COLUMNS * n;
    let packed = article_annotator::places::lz::compress(&body[stored..]);
    report += &format!(
        "records: {}, names: {} ({ambiguous} with several candidates)\nbody: records {} B, display names {} B ({} derived from the index), codes {} B, index {} B, counts {} B, entries {} B; {} B stored, {} B compressed to {} B\n",
        n,
        index.len(),
        records_len,
        name_pool.len(),
        derived.iter().filter(|&&d| d).count(),
        code_bytes.len(),
        index_bytes.len(),
        counts.len(),
        entries.iter().map(Vec::len).sum::<usize>(),
        stored,
        body.len() - stored,
        packed.len()
    );

    let mut out = vec![0u8; HEADER_LEN];
    out[..4].copy_from_slice(&MAGIC);
    out[4..8].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    let fields = [n, index.len(), entries[0].len(), codes.len(), name_pool.len(), index_bytes.len(), body.len()];
    for (k, v) in fields.into_iter().enumerate() {
        out[12 + 4 * k..16 + 4 * k].copy_from_slice(&(v as u32).to_le_bytes());
    }
    out.extend_from_slice(&body[..stored]);
    out.extend_from_slice(&packed);
    let crc = crc32fast::hash(&out[12..]);
    out[8..12].copy_from_slice(&crc.to_le_bytes());
    Ok(Built { bytes: out, report })
}
