//! Annotated corpora: brat annotations override and extend recognition, shared references make
//! one entity, annotated names spread to other articles, `isnad.toml` extends the knowledge base,
//! and annotations stay attached through edits.

use std::sync::Arc;

use expect_test::{expect, Expect};

use crate::analysis::annotations::read_annotations;
use crate::analysis::corpus::Corpus;
use crate::analysis::diagnostics::article_diagnostics;
use crate::analysis::features::{self, Definition};
use crate::analysis::fixture::{render, Fixture};

/// A `T` line (and its `N` line) with LF endings.
fn t_line(text: &str, id: usize, ty: &str, needle: &str, reference: Option<&str>) -> String {
    crate::analysis::fixture::t_line(text, id, ty, needle, reference, "\n")
}

/// Every mention of every article: `file:line:col "text" TYPE entity origin`.
fn mentions(corpus: &Corpus) -> String {
    let mut out = String::new();
    for (id, f) in corpus.files() {
        for m in &f.mentions {
            let entity = corpus.entity_of(m).map_or("?", |e| corpus.entity_id(e));
            out.push_str(&format!("{} {} {} {:?}\n", render(corpus, id, m.start, m.end), m.ty, entity, m.origin));
        }
    }
    out
}

pub(super) fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&mentions(&Fixture::parse(fixture).corpus()));
}

#[test]
fn annotations_override_link_by_reference_and_spread() {
    let a = "قال الرجل الغامض إن الرئيس بوتين سيزور سيول.\n";
    let b = "وصل الغامض إلى المدينة أمس.\n";
    let c = "التقى الرجل الغامض بالوزير.\n";
    let a_ann = t_line(a, 1, "Person", "الرجل الغامض", Some("Wikidata:Q99999999"))
        + &t_line(a, 2, "Organization", "بوتين", None)
        + "#1\tAnnotatorNotes T1\tthe man nobody names\n";
    let b_ann = t_line(b, 1, "Person", "الغامض", Some("Wikidata:Q99999999"));
    let fixture = format!("//- a.txt\n{a}//- a.ann\n{a_ann}//- b.txt\n{b}//- b.ann\n{b_ann}//- c.txt\n{c}");
    check(
        &fixture,
        expect![[r#"
            a.txt:1:5 "الرجل الغامض" PER Wikidata:Q99999999 Annotated
            a.txt:1:28 "بوتين" ORG org-bwtyn Annotated
            a.txt:1:40 "سيول" LOC city-1835848 Gazetteer
            b.txt:1:5 "الغامض" PER Wikidata:Q99999999 Annotated
            c.txt:1:7 "الرجل الغامض" PER Wikidata:Q99999999 Discovered
        "#]],
    );
}

#[test]
fn isnad_and_wikidata_references_name_knowledge_base_entries() {
    let a = "أكد سيد الكرملين أن موسكو لن تتراجع.\n";
    let ann =
        t_line(a, 1, "PER", "سيد الكرملين", Some("isnad:putin")) + &t_line(a, 2, "GPE", "موسكو", Some("Wikidata:Q649"));
    check(
        &format!("//- a.txt\n{a}//- a.ann\n{ann}"),
        expect![[r#"
            a.txt:1:5 "سيد الكرملين" PER putin Annotated
            a.txt:1:21 "موسكو" LOC city-524901 Annotated
        "#]],
    );
}

#[test]
fn discontinuous_spans_stale_lines_and_annotations_only() {
    let a = "زار وزير الخارجية سيرغي لافروف القاهرة.\n";
    // `T1` covers two fragments; `T2` says «دمشق» where the article has «القاهرة» (stale).
    let start = a[..a.find("سيرغي").unwrap()].chars().count();
    let mid = start + "سيرغي".chars().count();
    let last = a[..a.find("لافروف").unwrap()].chars().count();
    let end = last + "لافروف".chars().count();
    let cairo = a[..a.find("القاهرة").unwrap()].chars().count();
    let ann = format!(
        "\u{feff}T1\tPerson {start} {mid};{last} {end}\tسيرغي لافروف\r\nT2\tLocation {cairo} {}\tدمشق\r\nR1\tVisits Arg1:T1 Arg2:T9\r\n",
        cairo + 7
    );
    let toml = "[settings]\nannotations-only = true\n";
    let fixture = format!("//- a.txt\n{a}//- a.ann\n{ann}//- isnad.toml\n{toml}");
    check(
        &fixture,
        expect![[r#"
            a.txt:1:19 "سيرغي" PER lavrov Annotated
            a.txt:1:25 "لافروف" PER lavrov Annotated
        "#]],
    );
    let fx = Fixture::parse(&fixture);
    let anns = fx.articles().remove(0).2.expect("annotations");
    let problems: Vec<String> = anns
        .problems
        .iter()
        .map(|p| format!("{} {} {}", p.line, p.check.code(), p.message(crate::analysis::model::Lang::En)))
        .collect();
    expect![[r#"
        [
            "2 stale-annotation T2: annotated text «دمشق» but the article has «القاهرة» there",
            "3 annotation-reference reference to T9, which no line defines",
        ]
    "#]]
    .assert_debug_eq(&problems);
}

#[test]
fn corpus_knowledge_base_defines_entities_and_definition_jumps_to_the_entry() {
    let toml = "[[entity]]\nid = \"mystery-man\"\ntype = \"PER\"\nname = \"الرجل الغامض\"\naliases = [\"الغامض\"]\ndescription = \"A man nobody names\"\n";
    let fixture = format!("//- isnad.toml\n{toml}//- a.txt\nقال الرجل الغامض إن $0الغامض لن يعود.\n");
    let fx = Fixture::parse(&fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let Some(Definition::External { file_name, offset: entry }) = features::definition(&corpus, file, offset) else {
        panic!("no definition in isnad.toml");
    };
    assert_eq!((file_name.as_str(), entry), ("isnad.toml", 0));
    let (_, summary) = features::hover(&corpus, file, offset).expect("hover");
    assert_eq!(
        (summary.id.as_str(), summary.description.as_str(), summary.mentions),
        ("mystery-man", "A man nobody names", 2)
    );
}

#[test]
fn annotations_follow_edits() {
    let text = "قال الرجل الغامض إن الأمر انتهى.\n";
    let ann = t_line(text, 1, "Person", "الرجل الغامض", None) + &t_line(text, 2, "Person", "الأمر", None);
    let mut anns = read_annotations("a.ann", &ann, text, &Default::default());
    let spans = |a: &crate::analysis::annotations::ArticleAnnotations, t: &str| -> Vec<String> {
        a.spans.iter().map(|s| t[s.fragments[0].0 as usize..s.fragments[0].1 as usize].to_string()).collect()
    };
    // Insert before everything: both move.
    let mut edited = format!("أمس {text}");
    anns.shift(0, 0, "أمس ".len() as u32);
    assert_eq!(spans(&anns, &edited), ["الرجل الغامض", "الأمر"]);
    // Insert inside the first: it grows.
    let inside = edited.find("الغامض").unwrap() as u32;
    edited.insert_str(inside as usize, "جدا ");
    anns.shift(inside, inside, "جدا ".len() as u32);
    assert_eq!(spans(&anns, &edited), ["الرجل جدا الغامض", "الأمر"]);
    // Delete across the second's start: it is dropped.
    let at = edited.find("إن الأمر").unwrap();
    let cut = at + "إن ال".len();
    edited.replace_range(at..cut, "");
    anns.shift(at as u32, cut as u32, 0);
    assert_eq!(spans(&anns, &edited), ["الرجل جدا الغامض"]);
    // The corpus takes the shifted annotations.
    let mut corpus = Corpus::new(crate::analysis::fixture::KB.clone());
    corpus.set_article("a.txt", Arc::from(edited.as_str()), Some(Arc::new(anns)));
    assert!(mentions(&corpus).contains("\"الرجل جدا الغامض\" PER"), "{}", mentions(&corpus));
}

#[test]
fn incremental_annotation_changes_equal_a_rebuild() {
    let a = "قال الرجل الغامض إن سيول سترد.\n";
    let b = "التقى الرجل الغامض بالوزير.\n";
    let ann = t_line(a, 1, "Person", "الرجل الغامض", Some("Wikidata:Q99999999"));
    let fx = Fixture::parse(&format!("//- a.txt\n{a}//- a.ann\n{ann}//- b.txt\n{b}"));
    let built = fx.corpus();
    let mut corpus = Corpus::new(crate::analysis::fixture::KB.clone());
    corpus.set_file("b.txt", Arc::from(b));
    corpus.set_file("a.txt", Arc::from(a));
    let before = corpus.dump();
    let read = read_annotations("a.ann", &ann, a, &Default::default());
    corpus.set_annotations("a.txt", Some(Arc::new(read)));
    assert_eq!(corpus.dump(), built.dump());
    corpus.set_annotations("a.txt", None);
    assert_eq!(corpus.dump(), before);
}

#[test]
fn consistency_findings_point_at_the_other_articles() {
    let a = "أعلنت سيول أمس.\n";
    let b = "ردت سيول اليوم.\n";
    let c = "قالت سيول إن الرجل الغامض غادر.\n";
    let a_ann = t_line(a, 1, "GPE", "سيول", None);
    let b_ann = t_line(b, 1, "Organization", "سيول", None);
    let c_ann = t_line(c, 1, "Person", "الرجل", None) + &t_line(c, 2, "Organization", "الرجل الغامض", None);
    let fx = Fixture::parse(&format!(
        "//- a.txt\n{a}//- a.ann\n{a_ann}//- b.txt\n{b}//- b.ann\n{b_ann}//- c.txt\n{c}//- c.ann\n{c_ann}"
    ));
    let corpus = fx.corpus();
    let mut out = String::new();
    for (file, f) in corpus.files() {
        let settings = Default::default();
        for finding in article_diagnostics(&corpus, file, &settings, crate::analysis::model::Lang::En) {
            let at_ann = finding.ann_line.map(|(ann, line)| format!(" [{ann} line {line}]")).unwrap_or_default();
            out.push_str(&format!(
                "{} {:?} {}: {}{at_ann}\n",
                render(&corpus, file, finding.start, finding.end),
                finding.severity,
                finding.check.code(),
                finding.message
            ));
            for (r, label) in &finding.related {
                out.push_str(&format!("    {} ({label})\n", render(&corpus, r.file, r.start, r.end)));
            }
        }
        let _ = f;
    }
    expect![[r#"
        a.txt:1:7 "سيول" Warning inconsistent-annotation: «سيول» is annotated as LOC `city-1835848` here but as ORG `org-sywl` in b.txt:1
            b.txt:1:5 "سيول" (annotated differently here)
        b.txt:1:5 "سيول" Warning inconsistent-annotation: «سيول» is annotated as ORG `org-sywl` here but as LOC `city-1835848` in a.txt:1
            a.txt:1:7 "سيول" (annotated differently here)
        c.txt:1:6 "سيول" Hint unannotated-name: «سيول» is annotated in 2 other place(s) but not here
            a.txt:1:7 "سيول" (annotated here)
            b.txt:1:5 "سيول" (annotated here)
        c.txt:1:14 "الرجل الغامض" Error overlapping-annotations: T2 (Organization) overlaps T1 (Person) on line 1 [c.ann line 2]
    "#]]
    .assert_eq(&out);
}
