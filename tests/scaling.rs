//! Time and memory grow at most linearly with the input (issue 9): for each family of inputs that
//! an adversarial pass found super-linear, the work is run at size n and 4n, and the ratios of the
//! time (best of three runs) and of the peak memory allocated during the run must stay well under
//! what a quadratic cost gives (16): at most 8 for time (n log n and noise leave room) and 6 for
//! memory.
//!
//! Families: one `.ann` line of many one-letter fragments; an `.ann` of malformed lines; one of
//! valid `T` lines; names that share a consonant skeleton; an article with many mentions of one
//! entity edited while other files hold more; one sentence of many «بحسب»; identical long lines
//! without a final period; an `isnad.toml` of many entities; the automatic annotations of an
//! article with many mentions (code action and `isnad annotate`); the symbols of an article with
//! many entities.
//!
//! `ISNAD_SCALING_N=K` multiplies every n by K and prints the table (the benchmark, run in
//! release: `ISNAD_SCALING_N=4 cargo test --release --test scaling -- --nocapture`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use isnad::analysis::annotations::read_annotations;
use isnad::analysis::brat::write_ann;
use isnad::analysis::config::{merged_kb, parse_config};
use isnad::analysis::consistency::article_findings;
use isnad::analysis::corpus::{Corpus, CorpusOptions};
use isnad::analysis::edits::write_automatic_annotations;
use isnad::analysis::features::document_entities;
use isnad::analysis::kb::Kb;
use isnad::analysis::knowledge::KbData;

/// Counts the bytes allocated now and the peak since the last reset.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One measurement runs at a time (the allocator's counters are global).
static SERIAL: Mutex<()> = Mutex::new(());

fn kb() -> Arc<KbData> {
    static KB: std::sync::OnceLock<Arc<KbData>> = std::sync::OnceLock::new();
    KB.get_or_init(|| Arc::new(KbData::new(Kb::builtin()))).clone()
}

fn scale() -> usize {
    std::env::var("ISNAD_SCALING_N").ok().and_then(|v| v.parse().ok()).unwrap_or(1)
}

/// (best time of five, peak bytes above the baseline) of `work` on an input of size `n`, prepared outside
/// the measurement.
fn measure<I>(n: usize, prepare: &dyn Fn(usize) -> I, work: &dyn Fn(&I)) -> (Duration, usize) {
    let input = prepare(n);
    let mut best = Duration::MAX;
    let mut peak = 0;
    for _ in 0..5 {
        let base = NOW.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let started = Instant::now();
        work(&input);
        best = best.min(started.elapsed());
        peak = peak.max(PEAK.load(Ordering::Relaxed).saturating_sub(base));
    }
    (best, peak)
}

/// Runs a family at n and 4n and checks the growth.
fn family<I>(name: &str, n: usize, prepare: impl Fn(usize) -> I, work: impl Fn(&I)) {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let n = n * scale();
    let (t1, m1) = measure(n, &prepare, &work);
    let (t4, m4) = measure(4 * n, &prepare, &work);
    let time_ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-6);
    let memory_ratio = m4 as f64 / (m1.max(1) as f64);
    eprintln!(
        "{name:<34} n={n:<7} {:>9.2?} {:>9.2?}  time ×{time_ratio:<5.2} memory {:>8} KB → {:>8} KB ×{memory_ratio:.2}",
        t1,
        t4,
        m1 / 1024,
        m4 / 1024
    );
    // Below a millisecond the clock says little: such a run is linear enough.
    assert!(
        time_ratio < 8.0 || t4 < Duration::from_millis(2),
        "{name}: time grows ×{time_ratio:.1} from n={n} to 4n ({t1:?} → {t4:?})"
    );
    assert!(
        memory_ratio < 6.0 || m4 < 64 * 1024,
        "{name}: memory grows ×{memory_ratio:.1} from n={n} to 4n ({m1} → {m4} bytes)"
    );
}

fn corpus_of(files: Vec<(String, String, Option<String>)>) -> Corpus {
    let articles = files
        .into_iter()
        .map(|(name, text, ann)| {
            let anns = ann.map(|a| Arc::new(read_annotations("a.ann", &a, &text, &Default::default())));
            (name, Arc::from(text.as_str()), anns)
        })
        .collect();
    Corpus::build_with(kb(), articles, CorpusOptions::default())
}

#[test]
fn an_ann_line_of_many_one_letter_fragments() {
    family(
        "fragments in one T line",
        2_000,
        |n| {
            let text = "ب ".repeat(n);
            let spans: Vec<String> = (0..n).map(|i| format!("{} {}", 2 * i, 2 * i + 1)).collect();
            let surface = vec!["ب"; n].join(" ");
            (text, format!("T1\tPER {}\t{surface}\n", spans.join(";")))
        },
        |(text, ann)| {
            let corpus = corpus_of(vec![("a.txt".into(), text.clone(), Some(ann.clone()))]);
            assert_eq!(corpus.file_count(), 1);
        },
    );
}

#[test]
fn an_ann_of_malformed_lines() {
    family(
        "malformed .ann lines",
        5_000,
        |n| ("قال بوتين ذلك.\n".to_string(), "this is not brat\n".repeat(n)),
        |(text, ann)| {
            let corpus = corpus_of(vec![("a.txt".into(), text.clone(), Some(ann.clone()))]);
            let findings = article_findings(&corpus, 0);
            assert!(!findings.is_empty());
        },
    );
}

#[test]
fn an_ann_of_valid_t_lines() {
    family(
        "valid T lines",
        2_000,
        |n| {
            let text = "بوتين ".repeat(n);
            let ann: String = (0..n).map(|i| format!("T{}\tPER {} {}\tبوتين\n", i + 1, 6 * i, 6 * i + 5)).collect();
            (text, ann)
        },
        |(text, ann)| {
            let corpus = corpus_of(vec![("a.txt".into(), text.clone(), Some(ann.clone()))]);
            assert!(!article_findings(&corpus, 0).is_empty() || corpus.file_count() == 1);
        },
    );
}

/// Distinct names with the consonants ك ر ب ن ت س and different long vowels between them: one
/// consonant skeleton, each found from its context.
fn skeleton_names(n: usize) -> String {
    let vowels = ['ا', 'و', 'ي'];
    let consonants = ['ك', 'ر', 'ب', 'ن', 'ت', 'س', 'ل', 'م'];
    let mut out = String::new();
    for i in 0..n {
        let mut name = String::new();
        let mut k = i;
        for c in consonants {
            name.push(c);
            name.push(vowels[k % 3]);
            k /= 3;
        }
        out.push_str(&format!("وقال الرئيس {name} إن الوضع هادئ.\n"));
    }
    out
}

#[test]
fn names_that_share_one_consonant_skeleton() {
    family("names sharing a skeleton", 300, skeleton_names, |text| {
        let corpus = corpus_of(vec![("a.txt".into(), text.clone(), None)]);
        assert!(!corpus.mentioned_entities().is_empty());
    });
}

#[test]
fn an_article_with_many_mentions_of_one_entity_edited() {
    family(
        "edit beside many mentions",
        4_000,
        |n| {
            let mut corpus = corpus_of(vec![
                ("a.txt".into(), "قال بوتين ذلك. ".repeat(n), None),
                ("b.txt".into(), "التقى بوتين بالوفد. ".repeat(n), None),
            ]);
            corpus.settle(usize::MAX);
            Mutex::new(corpus)
        },
        |corpus| {
            let mut c = corpus.lock().unwrap();
            let text = c.file(c.file_id("a.txt").unwrap()).unwrap().text.to_string();
            c.set_file("a.txt", Arc::from(format!("{text}.")));
        },
    );
}

#[test]
fn one_sentence_of_many_frame_words() {
    family(
        "one sentence of «بحسب»",
        3_000,
        // The first line is the title: the sentence is the second.
        |n| format!("عنوان\n{}مصادر.\n", "بحسب ".repeat(n)),
        |text| {
            corpus_of(vec![("a.txt".into(), text.clone(), None)]);
        },
    );
}

#[test]
fn identical_long_lines_without_a_final_period() {
    family(
        "identical lines, no period",
        500,
        |n| format!("عنوان\n{}", "وقال مراقبون إن الأسعار سترتفع بنسبة كبيرة في الأسابيع المقبلة دون توقف\n".repeat(n)),
        |text| {
            corpus_of(vec![("a.txt".into(), text.clone(), None)]);
        },
    );
}

#[test]
fn an_isnad_toml_of_many_entities() {
    family(
        "isnad.toml entities",
        1_000,
        |n| {
            (0..n)
                .map(|i| {
                    format!("[[entity]]\nid = \"e{i}\"\ntype = \"PER\"\nname = \"اسم{i}\"\naliases = [\"كنية{i}\"]\n")
                })
                .collect::<String>()
        },
        |text| {
            let builtin = kb();
            let (config, problems) = parse_config(text, "isnad.toml", &builtin.kb, &[]);
            assert!(problems.is_empty(), "{:?}", &problems[..1]);
            let data = KbData::new(merged_kb(&builtin.kb, &[config.as_ref().unwrap()]));
            assert!(data.kb.len() > builtin.kb.len());
        },
    );
}

#[test]
fn automatic_annotations_of_an_article_with_many_mentions() {
    family(
        "automatic annotations (action+cli)",
        3_000,
        |n| {
            let text = "قال بوتين في موسكو. ".repeat(n);
            corpus_of(vec![("a.txt".into(), text, Some("#1\tAnnotatorNotes T1\tx\n".into()))])
        },
        |corpus| {
            assert!(write_automatic_annotations(corpus, 0).is_some());
            assert!(write_ann(corpus, 0, 0).is_ok());
        },
    );
}

#[test]
fn the_symbols_of_an_article_with_many_entities() {
    family(
        "document symbols",
        2_000,
        |n| {
            // Distinct names, each its own entity (no two share a skeleton).
            let letters: Vec<char> = "بتثجحخدذرزسشصضطظعغفقكلمنهي".chars().collect();
            let text: String = (0..n)
                .map(|i| {
                    let name: String =
                        [letters[i % 26], letters[(i / 26) % 26], letters[(i / 676) % 26], 'و', 'ف'].iter().collect();
                    format!("وقال الرئيس {name} إن الوضع هادئ.\n")
                })
                .collect();
            corpus_of(vec![("a.txt".into(), format!("عنوان\n{text}"), None)])
        },
        |corpus| {
            assert!(!document_entities(corpus, 0).is_empty());
        },
    );
}
