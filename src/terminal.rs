//! The terminal's language, and `--help` in it: chosen before the command line is parsed, since
//! clap writes the help while parsing.

use std::ffi::OsString;
use std::path::PathBuf;

use archive_core::config::SiteConfig;
use archive_core::format::Language;
use archive_core::messages::{self, Text, cli};
use clap::{Arg, ArgAction, Command};

/// The environment variable that chooses the terminal's language (below `--lang`).
pub const LANGUAGE_VARIABLE: &str = "ARCHIVE_LANG";

/// The terminal's language for a command line: `--lang`, then `ARCHIVE_LANG`, then the
/// `language` of `--root`'s site.toml, then Chinese; with a warning when `ARCHIVE_LANG` names
/// no language. A `--lang` clap will refuse is passed over here.
pub fn choose_language(arguments: &[OsString], variable: Option<&str>) -> (Language, Option<Text>) {
    if let Some(language) =
        option_value(arguments, "--lang").and_then(|v| messages::parse_language(&v))
    {
        return (language, None);
    }
    let mut warning = None;
    if let Some(value) = variable.filter(|value| !value.trim().is_empty()) {
        match messages::parse_language(value) {
            Some(language) => return (language, None),
            None => warning = Some(cli::bad_language_variable(value)),
        }
    }
    let root = option_value(arguments, "--root").map_or_else(|| PathBuf::from("."), PathBuf::from);
    let language = SiteConfig::language_of(&root).unwrap_or(Language::Zh);
    (language, warning)
}

/// The value of `--name VALUE` or `--name=VALUE` among the arguments, the last one given.
fn option_value(arguments: &[OsString], name: &str) -> Option<String> {
    let mut found = None;
    let mut arguments = arguments.iter().map(|argument| argument.to_string_lossy());
    while let Some(argument) = arguments.next() {
        if argument == "--" {
            break;
        }
        if argument == name {
            found = arguments.next().map(|value| value.into_owned());
        } else if let Some(value) = argument
            .strip_prefix(name)
            .and_then(|rest| rest.strip_prefix('='))
        {
            found = Some(value.to_owned());
        }
    }
    found
}

/// The help of each command and argument: (command, argument id or "" for the command's own
/// about), the text. Arguments not listed keep no help.
fn help_of(command: &str, argument: &str) -> Option<Text> {
    Some(match (command, argument) {
        ("archive", "") => cli::about(),
        (_, "root") => cli::help_root(),
        (_, "version") => cli::version_flag(),
        (_, "help") => cli::help_flag(),
        (_, "lang") => cli::help_lang(),
        ("build", "") => cli::about_build(),
        ("build", "output") => cli::help_build_output(),
        ("build", "force") => cli::help_build_force(),
        ("build", "strict") => cli::help_build_strict(),
        ("build", "no_search") => cli::help_build_no_search(),
        ("build", "relative_links") => cli::help_build_relative_links(),
        ("build", "full") => cli::help_build_full(),
        ("check", "") => cli::about_check(),
        ("check", "format") => cli::help_check_format(),
        ("check", "strict") => cli::help_check_strict(),
        ("serve", "") => cli::about_serve(),
        ("serve", "bind") => cli::help_serve_bind(),
        ("serve", "port") => cli::help_serve_port(),
        ("serve", "open") => cli::help_serve_open(),
        ("serve", "watcher") => cli::help_serve_watcher(),
        ("import", "") => cli::about_import(),
        ("import", "inputs") => cli::help_import_inputs(),
        ("import", "urls") => cli::help_import_urls(),
        ("import", "timeout") => cli::help_import_timeout(),
        ("import", "max_size") => cli::help_import_max_size(),
        ("import", "pause") => cli::help_import_pause(),
        ("import", "agency") => cli::help_import_agency(),
        ("import", "year") => cli::help_import_year(),
        ("import", "dry_run") => cli::help_import_dry_run(),
        ("import", "force") => cli::help_import_force(),
        ("import", "summary") => cli::help_import_summary(),
        ("init", "") => cli::about_init(),
        ("init", "dir") => cli::help_init_dir(),
        ("init", "title") => cli::help_init_title(),
        ("init", "province") => cli::help_init_province(),
        ("new", "") => cli::about_new(),
        ("new", "agency") => cli::help_new_agency(),
        ("new", "year") => cli::help_new_year(),
        ("new", "format") => cli::help_new_format(),
        ("new", "name") => cli::help_new_name(),
        ("new", "kind") => cli::help_new_kind(),
        ("new", "region") => cli::help_new_region(),
        ("new", "xlsx") => cli::help_new_xlsx(),
        _ => return None,
    })
}

/// The longer help of a command (`--help`, where `-h` gives the about), if it has one.
fn long_about_of(command: &str) -> Option<Text> {
    (command == "build").then(cli::long_about_build)
}

/// The command line with every help text, heading and usage line in the terminal's language.
pub fn localize(command: Command) -> Command {
    let language = messages::terminal_language();
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    let command = command
        .subcommand_help_heading(cli::commands_heading().into_language(language))
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(cli::version_flag().into_language(language)),
        );
    let mut command = localize_one(command, "archive", language);
    for name in subcommands {
        command = command.mut_subcommand(&name, |sub| localize_one(sub, &name, language));
    }
    command
}

/// One command's texts: its about, its arguments' help under the translated headings, its
/// usage heading and its own `--help`.
fn localize_one(command: Command, name: &str, language: Language) -> Command {
    let text = |text: Text| text.into_language(language);
    let usage = cli::usage_heading().into_language(language);
    let options = text(cli::options_heading());
    let arguments = text(cli::arguments_heading());
    let mut command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text(cli::help_flag())),
        );
    if let Some(about) = help_of(name, "") {
        command = command.about(text(about));
    }
    if let Some(long_about) = long_about_of(name) {
        command = command.long_about(text(long_about));
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|argument| argument.get_id().as_str().to_owned())
        .collect();
    for id in ids {
        let help = help_of(name, &id).map(text);
        let heading = (options.clone(), arguments.clone());
        command = command.mut_arg(&id, move |argument| {
            let heading = if argument.is_positional() {
                heading.1
            } else {
                heading.0
            };
            let help = help.map(|help| with_values(help, &argument, language));
            let takes_values = argument.get_action().takes_values();
            let argument = argument
                .help_heading(heading)
                .hide_default_value(takes_values)
                .hide_possible_values(takes_values);
            match help {
                Some(help) => argument.help(help),
                None => argument,
            }
        });
    }
    command
}

/// An argument's help followed by its default and the values it takes, in `language` (clap
/// writes them in English, so they are written here instead).
fn with_values(help: String, argument: &Arg, language: Language) -> String {
    let mut help = help;
    let defaults: Vec<String> = argument
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && argument.get_action().takes_values() {
        help.push(' ');
        help.push_str(cli::default_value(&defaults.join(", ")).get(language));
    }
    let values: Vec<String> = argument
        .get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_owned())
        .collect();
    if !values.is_empty() && argument.get_action().takes_values() {
        help.push(' ');
        help.push_str(cli::possible_values(&values.join(", ")).get(language));
    }
    help
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arguments(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn the_option_wins_over_the_variable_and_the_variable_over_the_site() {
        let (language, warning) =
            choose_language(&arguments("archive check --lang en"), Some("zh"));
        assert_eq!((language, warning), (Language::En, None));
        let (language, _) = choose_language(&arguments("archive --lang=zh check"), Some("en"));
        assert_eq!(language, Language::Zh);
        let (language, _) = choose_language(
            &arguments("archive check --root /nonexistent"),
            Some("en_US.UTF-8"),
        );
        assert_eq!(language, Language::En);
    }

    #[test]
    fn without_a_site_or_a_choice_the_terminal_speaks_chinese() {
        let (language, warning) =
            choose_language(&arguments("archive init --root /nonexistent x"), None);
        assert_eq!((language, warning), (Language::Zh, None));
    }

    #[test]
    fn a_variable_naming_no_language_is_ignored_with_a_warning() {
        let (language, warning) =
            choose_language(&arguments("archive check --root /nonexistent"), Some("fr"));
        assert_eq!(language, Language::Zh);
        assert_eq!(warning, Some(cli::bad_language_variable("fr")));
    }

    #[test]
    fn every_command_and_argument_has_its_help() {
        let command = <crate::cli::Cli as clap::CommandFactory>::command();
        let mut missing = Vec::new();
        for sub in command.get_subcommands() {
            let name = sub.get_name();
            if help_of(name, "").is_none() {
                missing.push(name.to_owned());
            }
            for argument in sub.get_arguments() {
                let id = argument.get_id().as_str();
                if help_of(name, id).is_none() {
                    missing.push(format!("{name} {id}"));
                }
            }
        }
        assert!(missing.is_empty(), "no help for: {missing:?}");
    }
}
