//! The `archive` command line.

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is made once per problem, on the cold path"
)]

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use archive::build::{BuildOptions, Drawn, build};
use archive::console::Stream;
use archive::import::web::{self, FetchOptions};
use archive::import::{ImportOptions, Input, Outcome, collect_inputs, fetch_inputs};
use archive::scaffold::{NewAgency, init, new_report};
use archive::serve::{ServeOptions, WatcherKind};
use archive::{errln, out, outln};
use archive_core::diagnostic::{Diagnostic, count_errors};
use archive_core::format::FormatId;
use archive_core::model::AgencyKind;

// Builds allocate and free millions of small values from both cores; the system allocator spent
// a quarter of the time on it (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::{Parser, Subcommand, ValueEnum};

/// Builds a browsable, checkable web archive of 政府信息公开工作年度报告 (government
/// information-disclosure annual reports) from report sources in `content/`.
#[derive(Parser)]
#[command(name = "archive", version, about, long_about = None)]
struct Cli {
    /// The archive's root folder (the one holding site.toml).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default), ready for any static web host.
    ///
    /// One build of an output at a time: a second one fails at once, naming the first.
    Build {
        /// Write the site here instead of output_dir from site.toml.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace an existing output folder that archive did not make (never a source or theme
        /// folder, nor one that holds or lies inside one).
        #[arg(long)]
        force: bool,
        /// Fail, writing nothing, if the checks find anything in the reports.
        #[arg(long)]
        strict: bool,
        /// Leave the search index as the last build wrote it (pages only: faster, for drafts).
        #[arg(long)]
        no_search: bool,
        /// Draw every file again instead of only those the changed sources make stale (files
        /// whose bytes are unchanged still keep their modification time).
        #[arg(long)]
        full: bool,
    },
    /// Read every source and check every report (rules R1–R9), without writing anything: prints
    /// each source error and each finding with its file and line.
    Check {
        /// How to print: lines for people, or one JSON document (fields in docs/check.md).
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Exit 1 on findings too, not only on source errors.
        #[arg(long)]
        strict: bool,
    },
    /// Build the site into memory and serve it on this machine, rebuilding and reloading the
    /// open pages on every save.
    Serve {
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// The port to listen on (the next free one is used if it is taken).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// How to learn of changes: the system's events, or polling for file systems whose
        /// events do not arrive (network shares, some containers).
        #[arg(long, value_enum, default_value_t = WatcherArg::Native)]
        watcher: WatcherArg,
    },
    /// Import published reports (web pages, PDFs, Word files, copied text; files, folders or web
    /// addresses) as report sources in content/, ready for `archive check`.
    Import(ImportArgs),
    /// Make a new, empty archive in DIR (a site.toml and an empty content/).
    Init {
        /// The folder to create the archive in.
        dir: PathBuf,
        /// The site's title.
        #[arg(long, default_value = "政府信息公开工作年度报告库")]
        title: String,
    },
    /// Write a blank source for one report, every row and column of its template present.
    New {
        /// The agency's id (its folder under content/, used in URLs).
        agency: String,
        /// The year the report covers.
        year: u16,
        /// The template version (by default gb2019 for 2019–2020, gb2021 from 2021).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// For a new agency: its Chinese name.
        #[arg(long)]
        name: Option<String>,
        /// For a new agency: its kind.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// For a new agency: its region path, e.g. jiangsu/huaian.
        #[arg(long)]
        region: Option<String>,
    },
}

/// `archive import`'s arguments.
#[derive(clap::Args)]
struct ImportArgs {
    /// Report files, folders of them (.html, .htm, .pdf, .docx, .doc, .wps, .txt), or the web addresses
    /// (http://, https://) of published reports.
    #[arg(required_unless_present = "urls")]
    inputs: Vec<PathBuf>,
    /// A file of report URLs to fetch, one a line (lines starting with # are comments).
    #[arg(long, value_name = "FILE")]
    urls: Option<PathBuf>,
    /// How long to wait for a site to connect, and for each read of its answer.
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = seconds)]
    timeout: Duration,
    /// The largest page or attachment fetched, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    max_size: u64,
    /// The pause between two requests to the same site.
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = seconds)]
    pause: Duration,
    /// The agency the reports belong to (by default, the agency whose name or alias the
    /// report's title gives; a new id creates the agency).
    #[arg(long)]
    agency: Option<String>,
    /// The year the reports cover (by default, from each report's title).
    #[arg(long)]
    year: Option<u16>,
    /// Print what would be written instead of writing it.
    #[arg(long)]
    dry_run: bool,
    /// Replace report sources that already exist.
    #[arg(long)]
    force: bool,
    /// Write one row per input (imported, cells left for a person, not imported: why) to
    /// FILE.csv (UTF-8 with a byte-order mark, for Excel) or FILE.json; any other name gets
    /// both, FILE.csv and FILE.json.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum WatcherArg {
    Native,
    Poll,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Gb2019,
    Gb2021,
}

#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
enum KindArg {
    PeopleGovernment,
    Department,
    DevelopmentZone,
    Township,
    Other,
}

/// Exit codes: problems in sources (or findings under `--strict`) exit 1; usage and I/O failures
/// exit 2 (clap uses 2 too). `Failure::exit_code` chooses between them for builds.
const EXIT_SOURCE_ERRORS: u8 = 1;
const EXIT_FAILURE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help, the version or a usage error, which clap prints (in colour on a terminal).
        Err(usage) => {
            let code = u8::try_from(usage.exit_code()).unwrap_or(EXIT_FAILURE);
            return match usage.print() {
                Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
                    let stream = if usage.use_stderr() {
                        Stream::Err
                    } else {
                        Stream::Out
                    };
                    errln!("error: cannot write to {stream}: {error}");
                    ExitCode::from(EXIT_FAILURE)
                }
                _ => ExitCode::from(code),
            };
        }
    };
    let code = run(cli);
    // A reader that closed the pipe early is no failure; a full disk or a broken terminal is.
    match archive::console::failure() {
        None => code,
        Some(failure) => {
            if failure.stream == Stream::Out {
                errln!(
                    "error: cannot write to standard output: {}\n = help: check that the disk or device the output goes to has room and accepts writes",
                    failure.error
                );
            }
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn run(cli: Cli) -> ExitCode {
    let root = cli.root.as_path();
    match cli.command {
        Command::Build {
            output,
            force,
            strict,
            no_search,
            full,
        } => {
            let options = BuildOptions {
                output,
                force,
                base_url: None,
                strict,
                skip_search: no_search,
                full,
            };
            run_build(root, &options).map_or_else(ExitCode::from, |_| ExitCode::SUCCESS)
        }
        Command::Check { format, strict } => check(root, format, strict),
        Command::Import(arguments) => import_command(root, arguments),
        Command::Serve {
            bind,
            port,
            open,
            watcher,
        } => {
            let options = ServeOptions {
                bind,
                port,
                open,
                watcher: watcher.into(),
            };
            match archive::serve::serve(root, &options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => fail(&[error], EXIT_FAILURE),
            }
        }
        Command::Init { dir, title } => init_archive(&dir, &title),
        Command::New {
            agency,
            year,
            format,
            name,
            kind,
            region,
        } => {
            let new_agency = NewAgency {
                name,
                kind: kind.map(AgencyKind::from),
                region,
            };
            new(root, &agency, year, format.map(FormatId::from), &new_agency)
        }
    }
}

/// `archive import`: its options from the arguments, then the import.
fn import_command(root: &Path, arguments: ImportArgs) -> ExitCode {
    let options = ImportOptions {
        agency: arguments.agency,
        year: arguments.year,
        dry_run: arguments.dry_run,
        force: arguments.force,
    };
    let fetch = FetchOptions {
        timeout: arguments.timeout,
        max_bytes: arguments.max_size.saturating_mul(1024 * 1024),
        pause: arguments.pause,
        ..FetchOptions::default()
    };
    import(
        root,
        &arguments.inputs,
        arguments.urls.as_deref(),
        fetch,
        &options,
        arguments.summary.as_deref(),
    )
}

/// `archive init`: the archive made, and what to do next.
fn init_archive(dir: &Path, title: &str) -> ExitCode {
    match init(dir, title) {
        Ok(()) => {
            outln!("created a new archive in {}", dir.display());
            outln!(
                "next: cd {} && archive new <agency-id> <year> --name <名称> --kind people_government",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => fail(&[error], EXIT_FAILURE),
    }
}

/// `archive new`: the files written.
fn new(
    root: &Path,
    agency: &str,
    year: u16,
    format: Option<FormatId>,
    new_agency: &NewAgency,
) -> ExitCode {
    match new_report(root, agency, year, format, new_agency) {
        Ok(files) => {
            for file in files {
                outln!("wrote {}", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail(&[error], EXIT_FAILURE),
    }
}

impl From<WatcherArg> for WatcherKind {
    fn from(watcher: WatcherArg) -> WatcherKind {
        match watcher {
            WatcherArg::Native => WatcherKind::Native,
            WatcherArg::Poll => WatcherKind::Poll,
        }
    }
}

impl From<FormatArg> for FormatId {
    fn from(format: FormatArg) -> FormatId {
        match format {
            FormatArg::Gb2019 => FormatId::Gb2019,
            FormatArg::Gb2021 => FormatId::Gb2021,
        }
    }
}

impl From<KindArg> for AgencyKind {
    fn from(kind: KindArg) -> AgencyKind {
        match kind {
            KindArg::PeopleGovernment => AgencyKind::PeopleGovernment,
            KindArg::Department => AgencyKind::Department,
            KindArg::DevelopmentZone => AgencyKind::DevelopmentZone,
            KindArg::Township => AgencyKind::Township,
            KindArg::Other => AgencyKind::Other,
        }
    }
}

/// What a build drew, in words: every file and why, or the stale ones.
fn describe_drawn(drawn: Drawn) -> String {
    match drawn {
        Drawn::Everything(reason) => format!("full build: {}", reason.describe()),
        Drawn::Stale { sources, files, of } => format!(
            "incremental build: {files} of {of} pages and data files drawn again (changed sources: {sources})"
        ),
    }
}

/// Builds and prints the outcome; the error is the exit code.
fn run_build(root: &Path, options: &BuildOptions) -> Result<PathBuf, u8> {
    match build(root, options) {
        Ok(summary) => {
            print_diagnostics(&summary.warnings);
            errln!("{}", summary.checks);
            errln!(
                "built {} reports of {} agencies: {} files in {} ({:.2} s)",
                summary.reports,
                summary.agencies,
                summary.pages,
                summary.output.display(),
                summary.elapsed.as_secs_f64()
            );
            errln!("{}", describe_drawn(summary.drawn));
            if let Some(search) = &summary.search {
                let parts = if search.parts > 1 {
                    format!(" in {} parts", search.parts)
                } else {
                    String::new()
                };
                let reused = if search.reused > 0 {
                    format!(
                        ", {} of {} parts unchanged and kept",
                        search.reused, search.parts
                    )
                } else {
                    String::new()
                };
                errln!(
                    "search index: {} reports{parts}, {} files, {} KB ({:.2} s{reused})",
                    search.reports,
                    search.files,
                    search.bytes.div_ceil(1024),
                    search.elapsed.as_secs_f64()
                );
            }
            Ok(summary.output)
        }
        Err(failure) => {
            fail(failure.diagnostics(), failure.exit_code());
            errln!("the previous output, if any, is unchanged");
            Err(failure.exit_code())
        }
    }
}

/// Prints every source problem and every finding; exits 1 on source errors (or, with `--strict`,
/// on findings).
fn check(root: &Path, format: OutputFormat, strict: bool) -> ExitCode {
    let run = match archive::build::check(root) {
        Ok(run) => run,
        Err(failure) => return fail(failure.diagnostics(), failure.exit_code()),
    };
    let errors: Vec<Diagnostic> = run
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .cloned()
        .collect();
    match format {
        OutputFormat::Json => {
            let json =
                archive_core::check::listing::json(&run.checks, &run.archive, &run.diagnostics);
            outln!(
                "{}",
                serde_json::to_string_pretty(&json).expect("JSON values serialize")
            );
        }
        OutputFormat::Text => {
            print_diagnostics(&run.diagnostics);
            out!(
                "{}",
                archive_core::check::listing::text(&run.checks, &run.archive)
            );
            let summary = run.checks.summary();
            errln!("{summary}");
            if !errors.is_empty() {
                errln!(
                    "{} in the sources: the build would stop",
                    plural(errors.len(), "error")
                );
            }
        }
    }
    let code = if !errors.is_empty() || (strict && !run.checks.findings.is_empty()) {
        ExitCode::from(EXIT_SOURCE_ERRORS)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing a large archive's millions of values one by one would only
    // delay the exit (half a second at 100,000 reports).
    std::mem::forget(run);
    code
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// A value in seconds (`0.5`, `30`) as a duration.
fn seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|value| Duration::try_from_secs_f64(value).ok())
        .ok_or_else(|| format!("`{text}` is not a number of seconds (such as 30 or 0.5)"))
}

/// What `archive import` reads: the inputs, the outcomes of URLs that could not be fetched, and
/// the temporary folder the fetched reports are kept in until the import ends.
struct Gathered {
    inputs: Vec<Input>,
    not_fetched: Vec<Outcome>,
    _downloads: Option<tempfile::TempDir>,
}

/// The inputs: the files named and those in the folders named, then the URLs named or listed
/// in `url_list`, fetched; a URL that could not be fetched gives its outcome. A bad argument or
/// list stops everything, before anything is fetched.
fn gather_inputs(
    arguments: &[PathBuf],
    url_list: Option<&Path>,
    fetch: FetchOptions,
) -> Result<Gathered, Vec<Diagnostic>> {
    let (url_arguments, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        arguments.iter().partition(|argument| web::is_url(argument));
    let mut urls = Vec::new();
    for argument in url_arguments {
        let text = argument.to_string_lossy();
        if web::web_address(&text).is_none() {
            return Err(vec![
                Diagnostic::error(
                    archive_core::diagnostic::Location::file(argument),
                    "not a valid web address",
                )
                .with_help("give the report's address as http://host/path or https://host/path"),
            ]);
        }
        urls.push(text.into_owned());
    }
    if let Some(list) = url_list {
        urls.extend(web::read_url_list(list)?);
    }
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let mut inputs: Vec<Input> = if paths.is_empty() {
        Vec::new()
    } else {
        let files = collect_inputs(&paths).map_err(|error| vec![error])?;
        files.into_iter().map(Input::file).collect()
    };
    if urls.is_empty() {
        return Ok(Gathered {
            inputs,
            not_fetched: Vec::new(),
            _downloads: None,
        });
    }
    let downloads = downloads_folder()?;
    let bar = progress_bar(urls.len());
    let (fetched, not_fetched) = fetch_inputs(&urls, fetch, downloads.path(), |url| {
        bar.set_message(format!("fetching {url}"));
        bar.inc(1);
    });
    bar.finish_and_clear();
    inputs.extend(fetched);
    Ok(Gathered {
        inputs,
        not_fetched,
        _downloads: Some(downloads),
    })
}

fn downloads_folder() -> Result<tempfile::TempDir, Vec<Diagnostic>> {
    tempfile::Builder::new()
        .prefix("archive-import-")
        .tempdir()
        .map_err(|error| {
            vec![
                Diagnostic::error(
                    archive_core::diagnostic::Location::file(std::env::temp_dir()),
                    format!("cannot make a temporary folder for the fetched reports: {error}"),
                )
                .with_help(
                    "check that the temporary folder (TMPDIR) exists, is writable and has room",
                ),
            ]
        })
}

fn import(
    root: &Path,
    arguments: &[PathBuf],
    url_list: Option<&Path>,
    fetch: FetchOptions,
    options: &ImportOptions,
    summary: Option<&Path>,
) -> ExitCode {
    if !root.join("content").is_dir() {
        let error = Diagnostic::error(
            archive_core::diagnostic::Location::file(root.join("content")),
            "there is no content/ folder here",
        )
        .with_help("run archive import in an archive (made by `archive init`), or pass --root DIR");
        return fail(&[error], EXIT_FAILURE);
    }
    let Gathered {
        inputs,
        not_fetched: mut outcomes,
        _downloads,
    } = match gather_inputs(arguments, url_list, fetch) {
        Ok(gathered) => gathered,
        Err(errors) => return fail(&errors, EXIT_FAILURE),
    };
    if inputs.is_empty() && outcomes.is_empty() {
        let list = url_list.map(Path::to_path_buf).unwrap_or_default();
        let error = Diagnostic::error(
            archive_core::diagnostic::Location::file(list),
            "the list has no URLs",
        )
        .with_help("write one report URL a line; lines starting with # are comments");
        return fail(&[error], EXIT_FAILURE);
    }
    let bar = progress_bar(inputs.len());
    outcomes.extend(archive::import::import(root, &inputs, options, |file| {
        bar.set_message(file.display().to_string());
        bar.inc(1);
    }));
    bar.finish_and_clear();
    report_outcomes(&outcomes, options, summary)
}

fn report_outcomes(
    outcomes: &[Outcome],
    options: &ImportOptions,
    summary: Option<&Path>,
) -> ExitCode {
    for outcome in outcomes {
        print_outcome(outcome, options);
    }
    print_import_totals(outcomes, options);
    let summary_failed = summary.is_some_and(|file| match archive::import::summary::write_summary(
        file, outcomes,
    ) {
        Ok(written) => {
            for file in written {
                errln!("summary: {}", file.display());
            }
            false
        }
        Err(error) => {
            print_diagnostics(&[error]);
            true
        }
    });
    if summary_failed || outcomes.iter().any(|o| o.io_failure) {
        ExitCode::from(EXIT_FAILURE)
    } else if outcomes.iter().all(Outcome::is_clean) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOURCE_ERRORS)
    }
}

/// A progress bar over `count` inputs, drawn on standard error only when it is a terminal (and
/// only for more than one input).
fn progress_bar(count: usize) -> indicatif::ProgressBar {
    if count < 2 {
        return indicatif::ProgressBar::hidden();
    }
    indicatif::ProgressBar::with_draw_target(
        Some(count as u64),
        indicatif::ProgressDrawTarget::stderr(),
    )
    .with_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .expect("valid template"),
    )
}

/// The run's totals and the next step.
fn print_import_totals(outcomes: &[Outcome], options: &ImportOptions) {
    let clean = outcomes.iter().filter(|o| o.is_clean()).count();
    let open: usize = outcomes
        .iter()
        .filter(|o| o.imported)
        .map(|o| o.cells_needing_a_person)
        .sum();
    let with_open = outcomes
        .iter()
        .filter(|o| o.imported && o.cells_needing_a_person > 0)
        .count();
    let failed = outcomes
        .iter()
        .filter(|o| !o.imported && o.merged_into.is_none())
        .count();
    let verb = if options.dry_run {
        "would import"
    } else {
        "imported"
    };
    errln!(
        "{verb} {} of {} file(s): {clean} cleanly, {with_open} with {open} cell(s) left for a person; {failed} not imported",
        outcomes.len() - failed,
        outcomes.len(),
    );
    if !options.dry_run && outcomes.iter().any(|o| o.imported) {
        errln!("next: archive check, then fill in the cells listed above");
    }
}

fn print_outcome(outcome: &Outcome, options: &ImportOptions) {
    let input = outcome.input.display();
    let summary = outcome.summary.as_deref().unwrap_or("");
    if let Some(into) = &outcome.merged_into {
        errln!(
            "merged {input} ({summary}) into the source of {}",
            into.display()
        );
    } else if outcome.imported {
        let target = outcome
            .target
            .as_ref()
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        let verb = if options.dry_run {
            "would write"
        } else {
            "imported"
        };
        errln!("{verb} {input} → {target} ({summary})");
    } else {
        errln!("not imported: {input}");
    }
    for note in &outcome.notes {
        errln!("  note: {note}");
    }
    if let Some(preview) = &outcome.preview {
        let target = outcome
            .target
            .as_ref()
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        outln!("==> {target} <==\n{preview}");
    }
    for diagnostic in &outcome.diagnostics {
        errln!("{diagnostic}");
    }
    errln!();
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        errln!("{diagnostic}\n");
    }
}

fn fail(diagnostics: &[Diagnostic], code: u8) -> ExitCode {
    print_diagnostics(diagnostics);
    let errors = count_errors(diagnostics);
    if errors > 1 {
        errln!("{errors} errors");
    }
    ExitCode::from(code)
}
