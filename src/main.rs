//! The `isnad` binary: `isnad lsp` serves the protocol on stdio; `check`, `entities` and
//! `annotate` run the same engine in batch.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use isnad::analysis::model::Lang;

#[derive(Parser)]
#[command(name = "isnad", version, about = "A language server for Arabic news corpora: entities, attribution, claims")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Articles bigger than this are skipped (batch commands; the server takes `maxFileBytes`
    /// in its initializationOptions).
    #[arg(long, global = true, default_value_t = isnad::workspace::DEFAULT_MAX_FILE_BYTES)]
    max_file_bytes: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the Language Server Protocol on stdin/stdout.
    Lsp {
        /// Accepted for editors that pass it (VS Code); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Report unsourced claims and vague sources.
    Check {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
    /// List the corpus's entities with types, spellings and counts.
    Entities {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// List who the corpus quotes: named sources with statements, articles, relayed and
    /// inherited statements and cues, then vague sources by phrase.
    Sources {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// Write annotations: brat standoff (`OUT/<relative path>.ann` per article), or JSONL / CoNLL
    /// IOB for the corpus (to stdout, or `OUT/annotations.jsonl|conll`).
    Annotate {
        paths: Vec<PathBuf>,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "brat")]
        format: isnad::cli::AnnotateFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Ar,
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::new().filter_or("ISNAD_LOG", "warn"))
        .target(env_logger::Target::Stderr)
        .format_timestamp_millis()
        .init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Lsp { .. } => isnad::lsp::run().map(|()| 0),
        Command::Check { paths, format, lang } => {
            let lang = match lang {
                LangArg::En => Lang::En,
                LangArg::Ar => Lang::Ar,
            };
            isnad::cli::check(&paths, cli.max_file_bytes, matches!(format, CheckFormat::Json), lang)
        }
        Command::Entities { paths, format } => {
            isnad::cli::entities(&paths, cli.max_file_bytes, matches!(format, TableFormat::Json))
        }
        Command::Sources { paths, format } => {
            isnad::cli::sources(&paths, cli.max_file_bytes, matches!(format, TableFormat::Json))
        }
        Command::Annotate { paths, out, format } => {
            isnad::cli::annotate(&paths, cli.max_file_bytes, out.as_deref(), format)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if e.is::<isnad::cli::BrokenPipe>() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("isnad: {e:#}");
            ExitCode::from(2)
        }
    }
}
