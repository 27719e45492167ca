//! Unit tests of the brat reader, validation and `annotation.conf`; the file-based fixtures,
//! round-trips and the fuzzing are in `tests/standoff.rs`.

use super::conf::{map_type, parse_conf};
use super::*;
use crate::analysis::model::EntityType;

fn only(text: &str) -> Annotation {
    let ann = parse_ann(text);
    assert_eq!(ann.lines.len(), 1, "{ann:?}");
    match &ann.lines[0].kind {
        LineKind::Annotation(a) => a.clone(),
        other => panic!("{text:?} gave {other:?}"),
    }
}

fn s(x: &str) -> String {
    x.to_string()
}

#[test]
fn reads_every_kind() {
    assert_eq!(
        only("T1\tLoc 0 5;16 23\tNorth America"),
        Annotation::TextBound { id: s("T1"), ty: s("Loc"), spans: vec![(0, 5), (16, 23)], text: s("North America") }
    );
    assert_eq!(
        only("R1\tFamily Arg1:T4 Arg2:T5\t\n"),
        Annotation::Relation { id: s("R1"), ty: s("Family"), args: vec![(s("Arg1"), s("T4")), (s("Arg2"), s("T5"))] }
    );
    assert_eq!(
        only("E1\tTransfer-money:T3 Giver-Arg:T1 Money-Arg:T2"),
        Annotation::Event {
            id: s("E1"),
            ty: s("Transfer-money"),
            trigger: s("T3"),
            args: vec![(s("Giver-Arg"), s("T1")), (s("Money-Arg"), s("T2"))]
        }
    );
    assert_eq!(
        only("A1\tMention T4 Name"),
        Annotation::Attribute { id: s("A1"), name: s("Mention"), target: s("T4"), value: Some(s("Name")) }
    );
    assert_eq!(
        only("M2\tNegation E1"),
        Annotation::Attribute { id: s("M2"), name: s("Negation"), target: s("E1"), value: None }
    );
    assert_eq!(
        only("N1\tReference T3 Wikidata:Q7747\tفلاديمير بوتين"),
        Annotation::Normalization {
            id: s("N1"),
            ty: s("Reference"),
            target: s("T3"),
            db: s("Wikidata"),
            db_id: s("Q7747"),
            text: Some(s("فلاديمير بوتين"))
        }
    );
    // The DB ends at the first colon.
    match only("N2\tReference T1 url:http://x.org/a") {
        Annotation::Normalization { db, db_id, text, .. } => {
            assert_eq!((db.as_str(), db_id.as_str(), text), ("url", "http://x.org/a", None))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        only("#1\tAnnotatorNotes T2\t100000000 USD\twith a tab"),
        Annotation::Note {
            id: s("#1"),
            ty: s("AnnotatorNotes"),
            target: s("T2"),
            text: s("100000000 USD\twith a tab")
        }
    );
    assert_eq!(only("*\tAlias T3 T4 T5"), Annotation::Equiv { ty: s("Alias"), ids: vec![s("T3"), s("T4"), s("T5")] });
}

#[test]
fn bad_lines_are_kept_with_what_was_expected() {
    let text = "T1\tPER 0 x\tabc\nR1\tRel Arg1:T1\nno tab here\nX1\tfoo\nT2\tPER 0 3\tabc\n";
    let ann = parse_ann(text);
    let problems: Vec<(usize, String)> = ann
        .problems()
        .map(|p| match &p.kind {
            ProblemKind::Malformed { expected } => (p.line, expected.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(problems.iter().map(|p| p.0).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    assert!(problems[0].1.contains("START END"), "{problems:?}");
    assert!(problems[1].1.contains("Arg2"), "{problems:?}");
    // An unknown kind with a valid-looking id is unparsed too.
    assert!(matches!(ann.lines[3].kind, LineKind::Unparsed(_)));
    assert!(matches!(ann.lines[4].kind, LineKind::Annotation(_)));
    assert_eq!(render(&ann), text);
    assert!(ann.problems().next().unwrap().to_string().starts_with("line 1: malformed line, expected"));
}

#[test]
fn bom_crlf_and_missing_final_newline_survive() {
    for text in [
        "\u{feff}T1\tPER 0 3\tabc\r\nN1\tReference T1 isnad:x\tabc",
        "T1\tPER 0 3\tabc\r\n\r\n\nT2\tLOC 4 5\td\r",
        "",
        "\n",
        "\r\n",
        "\u{feff}",
    ] {
        let ann = parse_ann(text);
        assert_eq!(ann.to_string(), text);
        assert!(ann.problems().next().is_none(), "{text:?}: {:?}", ann.problems().collect::<Vec<_>>());
    }
    let ann = parse_ann("\u{feff}T1\tPER 0 3\tabc\r\nN1\tReference T1 isnad:x\tabc");
    assert!(ann.bom);
    assert_eq!(ann.lines[0].ending, LineEnding::CrLf);
    assert_eq!(ann.lines[1].ending, LineEnding::None);
}

#[test]
fn pushed_annotations_use_the_files_line_ending() {
    let mut ann = parse_ann("T1\tPER 0 3\tabc\r\nT2\tPER 4 7\tdef");
    ann.push(Annotation::Note { id: s("#1"), ty: s("AnnotatorNotes"), target: s("T2"), text: s("checked") });
    assert_eq!(ann.to_string(), "T1\tPER 0 3\tabc\r\nT2\tPER 4 7\tdef\r\n#1\tAnnotatorNotes T2\tchecked\r\n");
    // What is written reads back as the same annotation.
    let again = parse_ann(&ann.to_string());
    assert_eq!(again.lines[2].kind, ann.lines[2].kind);
}

#[test]
fn validation_reports_stale_text_offsets_and_missing_ids() {
    let article = "😀 زار بوتين بيونغ يانغ";
    // Code points: the emoji is one, so بوتين is at 6..11 (bytes would say 9..).
    let ann = parse_ann(concat!(
        "T1\tPER 6 11\tبوتين\n",
        "T2\tLOC 12 17;18 22\tبيونغ يانغ\n",
        "T3\tPER 2 5\tبوتين\n",
        "T4\tLOC 20 40\tx\n",
        "T5\tLOC 5 4\tx\n",
        "R1\tRel Arg1:T1 Arg2:T9\n",
        "T1\tPER 6 11\tبوتين\n",
        "T6\tLOC 12 17;14 16\tبيونغ ون\n",
    ));
    let got: Vec<(usize, String)> = validate(&ann, article).iter().map(|p| (p.line, p.to_string())).collect();
    let lines: Vec<usize> = got.iter().map(|p| p.0).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 7, 8], "{got:#?}");
    assert!(got[0].1.contains("«زار»"), "{got:?}");
    assert!(got[1].1.contains("past the end"), "{got:?}");
    assert!(got[2].1.contains("after end"), "{got:?}");
    assert!(got[3].1.contains("T9"), "{got:?}");
    assert!(got[4].1.contains("more than once"), "{got:?}");
    assert!(got[5].1.contains("overlap"), "{got:?}");
}

#[test]
fn line_breaks_in_the_article_match_spaces() {
    let ann = parse_ann("T1\tLOC 0 10\tبيونغ يانغ\n");
    assert!(validate(&ann, "بيونغ\nيانغ").is_empty());
}

#[test]
fn conf_entities_with_hierarchy() {
    let conf = parse_conf(concat!(
        "# comment\n[entities]\nPerson\n\tPolitician\n\t\tMinister\n!Place\n\tGPE\n\tMountain\nOrganization\n",
        "<POG>=Person|GPE\n\n[relations]\nLocated Arg1:Person, Arg2:GPE\n[entities]\nMoney\n",
    ));
    let names: Vec<&str> = conf.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["Person", "Politician", "Minister", "Place", "GPE", "Mountain", "Organization", "Money"]);
    assert_eq!(conf.get("Minister").unwrap().parent, Some(1));
    assert_eq!(conf.get("GPE").unwrap().parent, Some(3));
    assert!(!conf.get("Place").unwrap().annotatable);
    assert_eq!(conf.get("Money").unwrap().line, 15);
    assert_eq!(conf.entity_type("Minister"), EntityType::Per);
    assert_eq!(conf.entity_type("Mountain"), EntityType::Other("Mountain".into()));
    assert_eq!(conf.entity_type("GPE"), EntityType::Loc);
    assert_eq!(conf.entity_type("Unknown"), EntityType::Other("Unknown".into()));
}

#[test]
fn type_mapping() {
    for (name, ty) in [
        ("Person", EntityType::Per),
        ("PER", EntityType::Per),
        ("PERSON", EntityType::Per),
        ("GPE", EntityType::Loc),
        ("Location", EntityType::Loc),
        ("LOC", EntityType::Loc),
        ("Geo-political_entity", EntityType::Loc),
        ("Facility", EntityType::Loc),
        ("Organization", EntityType::Org),
        ("ORG", EntityType::Org),
        ("Organisation", EntityType::Org),
        ("Money", EntityType::Other("Money".into())),
    ] {
        assert_eq!(map_type(name), ty, "{name}");
    }
}
