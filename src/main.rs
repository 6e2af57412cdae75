//! The `archive` command line.

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is made once per problem, on the cold path"
)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use archive::build::{BuildOptions, Drawn, build};
use archive::cli::{Cli, Command, ImportArgs, OutputFormat};
use archive::console::Stream;
use archive::import::web::{self, FetchOptions};
use archive::import::{ImportOptions, Input, Outcome, collect_inputs, fetch_inputs};
use archive::journal;
use archive::scaffold::{NewAgency, init, new_report, new_workbook};
use archive::serve::ServeOptions;
use archive::terminal::{self, LANGUAGE_VARIABLE};
use archive::usage_error;
use archive::{errln, out, outln};
use archive_core::diagnostic::{Diagnostic, count_errors};
use archive_core::format::FormatId;
use archive_core::messages::{self, Text, cli};
use archive_core::model::AgencyKind;
use clap::{CommandFactory, FromArgMatches};

// Builds allocate and free millions of small values from both cores; the system allocator spent
// a quarter of the time on it (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes: problems in sources (or findings under `--strict`) exit 1; usage and I/O failures
/// exit 2 (clap uses 2 too). `Failure::exit_code` chooses between them for builds.
const EXIT_SOURCE_ERRORS: u8 = 1;
const EXIT_FAILURE: u8 = 2;

fn main() -> ExitCode {
    let arguments: Vec<OsString> = std::env::args_os().collect();
    let variable = std::env::var(LANGUAGE_VARIABLE).ok();
    let (language, warning) = terminal::choose_language(&arguments, variable.as_deref());
    messages::set_terminal_language(language);
    if let Some(warning) = warning {
        errln!("{warning}");
    }
    let parsed = terminal::localize(Cli::command())
        .try_get_matches_from(arguments)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        // Help, the version or a usage error, which clap prints (in colour on a terminal).
        Err(usage) => {
            let code = u8::try_from(usage.exit_code()).unwrap_or(EXIT_FAILURE);
            let use_stderr = usage.use_stderr();
            let printed = if usage_error::has_sentence(&usage) {
                usage.apply::<usage_error::LocalizedFormatter>().print()
            } else {
                usage.print()
            };
            return match printed {
                Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
                    let stream = if use_stderr { Stream::Err } else { Stream::Out };
                    errln!(
                        "{}",
                        cli::cannot_write_stream(&stream.to_string(), &error.to_string())
                    );
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
                errln!("{}", cli::cannot_write_stdout(&failure.error.to_string()));
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
            relative_links,
            full,
        } => {
            let options = BuildOptions {
                output,
                force,
                base_url: None,
                strict,
                skip_search: no_search,
                relative_links,
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
        Command::Init {
            dir,
            title,
            province,
        } => init_archive(&dir, &title, &province),
        Command::New {
            agency,
            year,
            format,
            name,
            kind,
            region,
            xlsx,
        } => {
            if xlsx {
                return new_xlsx(
                    root,
                    &agency,
                    year,
                    format.map(FormatId::from),
                    name.as_deref(),
                );
            }
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
fn init_archive(dir: &Path, title: &str, provinces: &[String]) -> ExitCode {
    match init(dir, title, provinces) {
        Ok(listed) => {
            let dir = dir.display().to_string();
            outln!("{}", cli::created_archive(&dir));
            outln!("{}", regions_listed(&listed, provinces.is_empty()));
            outln!("{}", cli::next_after_init(&dir));
            ExitCode::SUCCESS
        }
        Err(error) => fail(&[error], EXIT_FAILURE),
    }
}

/// What `init` put in the region list.
fn regions_listed(provinces: &[String], whole_country: bool) -> Text {
    if whole_country {
        cli::regions_whole_country(provinces.len())
    } else {
        cli::regions_of_provinces(&provinces.join("、"))
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
                outln!("{}", cli::wrote(&file.display().to_string()));
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail(&[error], EXIT_FAILURE),
    }
}

/// `archive new --xlsx`: the workbook written, and how to read it back.
fn new_xlsx(
    root: &Path,
    agency: &str,
    year: u16,
    format: Option<FormatId>,
    name: Option<&str>,
) -> ExitCode {
    match new_workbook(root, agency, year, format, name) {
        Ok(file) => {
            let file = file.display().to_string();
            outln!("{}", cli::wrote(&file));
            outln!("{}", cli::next_after_new_xlsx(&file));
            ExitCode::SUCCESS
        }
        Err(error) => fail(&[error], EXIT_FAILURE),
    }
}

/// What a build drew, in words: every file and why, or the stale ones.
fn describe_drawn(drawn: Drawn) -> String {
    match drawn {
        Drawn::Everything(reason) => cli::full_build(&reason.describe().to_string()).to_string(),
        Drawn::Stale { sources, files, of } => {
            cli::incremental_build(files, of, sources).to_string()
        }
    }
}

/// Builds and prints the outcome; the error is the exit code.
fn run_build(root: &Path, options: &BuildOptions) -> Result<PathBuf, u8> {
    match build(root, options) {
        Ok(summary) => {
            print_diagnostics(&summary.warnings);
            errln!("{}", summary.checks);
            errln!(
                "{}",
                cli::built(
                    summary.reports,
                    summary.agencies,
                    summary.pages,
                    &summary.output.display().to_string(),
                    &format!("{:.2}", summary.elapsed.as_secs_f64()),
                )
            );
            errln!("{}", describe_drawn(summary.drawn));
            if let Some(search) = &summary.search {
                let parts = if search.parts > 1 {
                    cli::search_index_parts(search.parts).to_string()
                } else {
                    String::new()
                };
                let reused = if search.reused > 0 {
                    cli::search_parts_kept(search.reused, search.parts).to_string()
                } else {
                    String::new()
                };
                errln!(
                    "{}",
                    cli::search_index_built(
                        search.reports,
                        &parts,
                        search.files,
                        search.bytes.div_ceil(1024),
                        &format!("{:.2}", search.elapsed.as_secs_f64()),
                        &reused,
                    )
                );
            }
            Ok(summary.output)
        }
        Err(failure) => {
            fail(failure.diagnostics(), failure.exit_code());
            let unfinished = failure.diagnostics().iter().any(journal::left_unfinished);
            if !unfinished {
                errln!("{}", cli::output_unchanged());
            }
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
            // Written as it is made: the whole document would take gigabytes at archive scale.
            let json = archive_core::check::listing::JsonListing {
                checks: &run.checks,
                reports: &run.reports,
                errors: &run.diagnostics,
            };
            outln!("{json}");
        }
        OutputFormat::Text => {
            print_diagnostics(&run.diagnostics);
            out!(
                "{}",
                archive_core::check::listing::text(&run.checks, &run.reports)
            );
            let summary = run.checks.summary();
            errln!("{summary}");
            if !errors.is_empty() {
                errln!(
                    "{}",
                    cli::source_errors(errors.len(), messages::check::s(errors.len()))
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
                    cli::not_a_web_address(),
                )
                .with_help(cli::web_address_help()),
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
        bar.set_message(cli::fetching(url).to_string());
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
                    cli::no_temporary_folder(&error.to_string()),
                )
                .with_help(cli::temporary_folder_help()),
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
            cli::no_content_folder(),
        )
        .with_help(cli::no_content_folder_help());
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
            cli::empty_url_list(),
        )
        .with_help(cli::empty_url_list_help());
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
                errln!("{}", cli::summary_written(&file.display().to_string()));
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
    let totals = if options.dry_run {
        cli::would_import_totals
    } else {
        cli::imported_totals
    };
    let inputs = outcomes.len();
    errln!(
        "{}",
        totals(inputs - failed, inputs, clean, with_open, open, failed)
    );
    if !options.dry_run && outcomes.iter().any(|o| o.imported) {
        errln!("{}", import_next_step(open));
    }
}

/// What to do after an import that wrote sources, with `open` cells left for a person.
fn import_next_step(open: usize) -> Text {
    if open > 0 {
        cli::next_after_import_with_open_cells()
    } else {
        cli::next_after_import_complete()
    }
}

fn print_outcome(outcome: &Outcome, options: &ImportOptions) {
    let input = outcome.input.display().to_string();
    let summary = outcome.summary.as_deref().unwrap_or("");
    if let Some(into) = &outcome.merged_into {
        let into = into.display().to_string();
        errln!("{}", cli::merged_input(&input, summary, &into));
    } else if outcome.imported {
        let target = outcome
            .target
            .as_ref()
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        let line = if options.dry_run {
            cli::would_write_input
        } else {
            cli::imported_input
        };
        errln!("{}", line(&input, &target, summary));
    } else {
        errln!("{}", cli::not_imported(&input));
    }
    for note in &outcome.notes {
        errln!("{}", cli::import_note(note));
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
        errln!("{}", cli::error_count(errors));
    }
    ExitCode::from(code)
}
