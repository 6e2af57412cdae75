//! The `archive` command line.

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is made once per problem, on the cold path"
)]

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use archive::build::{BuildOptions, build};
use archive::diagnostic::{Diagnostic, count_errors};
use archive::format::FormatId;
use archive::model::AgencyKind;
use archive::scaffold::{NewAgency, init, new_report};
use archive::serve::{ServeOptions, WatcherKind};
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
    Build {
        /// Write the site here instead of output_dir from site.toml.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace an existing output folder that archive did not make.
        #[arg(long)]
        force: bool,
    },
    /// Read every source and report every problem, without writing anything.
    Check,
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
enum KindArg {
    PeopleGovernment,
    Department,
    DevelopmentZone,
    Township,
    Other,
}

/// Exit codes: 0 success, 1 problems in the sources, 2 usage or I/O failure (clap uses 2 too).
const EXIT_SOURCE_ERRORS: u8 = 1;
const EXIT_FAILURE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.as_path();
    match cli.command {
        Command::Build { output, force } => {
            let options = BuildOptions {
                output,
                force,
                base_url: None,
            };
            run_build(root, &options).map_or_else(ExitCode::from, |_| ExitCode::SUCCESS)
        }
        Command::Check => check(root),
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
                watcher: match watcher {
                    WatcherArg::Native => WatcherKind::Native,
                    WatcherArg::Poll => WatcherKind::Poll,
                },
            };
            match archive::serve::serve(root, &options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => fail(&[error], EXIT_FAILURE),
            }
        }
        Command::Init { dir, title } => match init(&dir, &title) {
            Ok(()) => {
                println!("created a new archive in {}", dir.display());
                println!(
                    "next: cd {} && archive new <agency-id> <year> --name <名称> --kind people_government",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(error) => fail(&[error], EXIT_FAILURE),
        },
        Command::New {
            agency,
            year,
            format,
            name,
            kind,
            region,
        } => {
            let format = format.map(|format| match format {
                FormatArg::Gb2019 => FormatId::Gb2019,
                FormatArg::Gb2021 => FormatId::Gb2021,
            });
            let new_agency = NewAgency {
                name,
                kind: kind.map(|kind| match kind {
                    KindArg::PeopleGovernment => AgencyKind::PeopleGovernment,
                    KindArg::Department => AgencyKind::Department,
                    KindArg::DevelopmentZone => AgencyKind::DevelopmentZone,
                    KindArg::Township => AgencyKind::Township,
                    KindArg::Other => AgencyKind::Other,
                }),
                region,
            };
            match new_report(root, &agency, year, format, &new_agency) {
                Ok(files) => {
                    for file in files {
                        println!("wrote {}", file.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&[error], EXIT_FAILURE),
            }
        }
    }
}

/// Builds and prints the outcome; the error is the exit code.
fn run_build(root: &Path, options: &BuildOptions) -> Result<PathBuf, u8> {
    match build(root, options) {
        Ok(summary) => {
            print_diagnostics(&summary.warnings);
            eprintln!(
                "built {} reports of {} agencies: {} files in {} ({:.2} s)",
                summary.reports,
                summary.agencies,
                summary.pages,
                summary.output.display(),
                summary.elapsed.as_secs_f64()
            );
            Ok(summary.output)
        }
        Err(diagnostics) => {
            let code = exit_code(&diagnostics);
            fail(&diagnostics, code);
            eprintln!("the previous output, if any, is unchanged");
            Err(code)
        }
    }
}

fn check(root: &Path) -> ExitCode {
    match archive::build::Site::load(root, None) {
        Ok(site) => {
            print_diagnostics(&site.warnings);
            eprintln!(
                "checked {} reports of {} agencies: no errors",
                site.archive.reports.len(),
                site.archive.agencies.len()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => fail(&diagnostics, exit_code(&diagnostics)),
    }
}

/// Source errors exit 1; a failure to read or write (no site.toml, a refused output) exits 2.
fn exit_code(diagnostics: &[Diagnostic]) -> u8 {
    let io_failure = diagnostics.iter().any(|diagnostic| {
        diagnostic.message.starts_with("cannot ")
            || diagnostic.message.starts_with("refusing")
            || diagnostic.message.contains("not made by archive")
    });
    if io_failure {
        EXIT_FAILURE
    } else {
        EXIT_SOURCE_ERRORS
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}\n");
    }
}

fn fail(diagnostics: &[Diagnostic], code: u8) -> ExitCode {
    print_diagnostics(diagnostics);
    let errors = count_errors(diagnostics);
    if errors > 1 {
        eprintln!("{errors} errors");
    }
    ExitCode::from(code)
}
