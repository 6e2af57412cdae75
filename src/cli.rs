//! The command line's arguments (clap). Their help texts are the message catalogue's
//! (`archive_core::messages::cli`), set by `terminal::localize` in the terminal's language.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use archive_core::format::FormatId;
use archive_core::messages::cli;
use archive_core::model::AgencyKind;
use clap::{Parser, Subcommand, ValueEnum};

use crate::serve::WatcherKind;

#[derive(Parser)]
#[command(name = "archive", version)]
pub struct Cli {
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    Build {
        #[arg(long)]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        strict: bool,
        #[arg(long)]
        no_search: bool,
        #[arg(long)]
        relative_links: bool,
        #[arg(long)]
        full: bool,
    },
    Check {
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        #[arg(long)]
        strict: bool,
    },
    Serve {
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        open: bool,
        #[arg(long, value_enum, default_value_t = WatcherArg::Native)]
        watcher: WatcherArg,
    },
    Import(ImportArgs),
    Init {
        dir: PathBuf,
        #[arg(long, default_value = "政府信息公开工作年度报告库")]
        title: String,
        #[arg(long, value_name = "NAME")]
        province: Vec<String>,
    },
    New {
        agency: String,
        year: u16,
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        xlsx: bool,
    },
}

#[derive(clap::Args)]
pub struct ImportArgs {
    #[arg(required_unless_present = "urls")]
    pub inputs: Vec<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub urls: Option<PathBuf>,
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = seconds)]
    pub timeout: Duration,
    #[arg(long, value_name = "MB", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_size: u64,
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = seconds)]
    pub pause: Duration,
    #[arg(long)]
    pub agency: Option<String>,
    #[arg(long)]
    pub year: Option<u16>,
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum WatcherArg {
    Native,
    Poll,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Gb2019,
    Gb2021,
}

#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum KindArg {
    PeopleGovernment,
    Department,
    DevelopmentZone,
    Township,
    Other,
    Unknown,
}

/// `--lang`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
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
            KindArg::Unknown => AgencyKind::Unknown,
        }
    }
}

/// A value in seconds (`0.5`, `30`) as a duration.
pub fn seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|value| Duration::try_from_secs_f64(value).ok())
        .ok_or_else(|| cli::not_seconds(text).into())
}
