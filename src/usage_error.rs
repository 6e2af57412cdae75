//! clap's usage errors (an unknown argument, a missing value, an invalid value) in the terminal's
//! language: the error's kind and context (the argument, the value, the suggestion, the usage)
//! come from clap; the sentences from the message catalogue. Kinds the catalogue has no
//! sentence for ([`has_sentence`]) keep clap's own English, as do help and the version.

use std::fmt::Write as _;

use archive_core::messages::{Text, cli};
use clap::builder::StyledStr;
use clap::builder::styling::{Style, Styles};
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};

/// Formats clap's errors with the catalogue's sentences ([`Error::apply`]).
pub struct LocalizedFormatter;

impl ErrorFormatter for LocalizedFormatter {
    fn format_error(error: &Error<Self>) -> StyledStr {
        let styles = Styles::styled();
        let mut styled = StyledStr::new();
        // Only errors `has_sentence` accepts are formatted here; the kind's name is a last resort.
        let message = sentence(error, &styles).unwrap_or_else(|| error.kind().to_string());
        let red = styles.get_error();
        let _ = write!(styled, "{red}{}{red:#}", cli::usage_error_label());
        styled.push_str(&message);
        let tips = tips(error, &styles);
        if !tips.is_empty() {
            styled.push_str("\n");
        }
        for tip in tips {
            let _ = write!(styled, "\n  {tip}");
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.strip_prefix("Usage:").unwrap_or(&usage);
            let _ = write!(styled, "\n\n{}{usage}", cli::usage_heading());
        }
        let literal = styles.get_literal();
        let help = format!("{literal}--help{literal:#}");
        let _ = writeln!(styled, "\n\n{}", cli::usage_try_help(&help));
        styled
    }
}

/// Whether the catalogue has a sentence for `error` (else clap's own text is printed).
pub fn has_sentence(error: &Error) -> bool {
    sentence(error, &Styles::plain()).is_some()
}

/// The error's main sentence, its values styled as clap styles them; `None` for a kind or a
/// context this has no sentence for.
fn sentence<F: ErrorFormatter>(error: &Error<F>, styles: &Styles) -> Option<String> {
    let text = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(text)) => Some(text.as_str()),
        _ => None,
    };
    let invalid = |text: &str| styled(styles.get_invalid(), text);
    let literal = |text: &str| styled(styles.get_literal(), text);
    let message = match error.kind() {
        ErrorKind::UnknownArgument => {
            cli::usage_unknown_argument(&invalid(text(ContextKind::InvalidArg)?))
        }
        ErrorKind::InvalidSubcommand => {
            cli::usage_unknown_command(&invalid(text(ContextKind::InvalidSubcommand)?))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            return invalid_value(error, styles);
        }
        ErrorKind::MissingRequiredArgument => {
            let Some(ContextValue::Strings(missing)) = error.get(ContextKind::InvalidArg) else {
                return None;
            };
            let valid = styles.get_valid();
            let list: String = missing
                .iter()
                .map(|argument| format!("\n  {}", styled(valid, argument)))
                .collect();
            cli::usage_missing_arguments(&list)
        }
        ErrorKind::ArgumentConflict => match (
            text(ContextKind::InvalidArg),
            error.get(ContextKind::PriorArg),
        ) {
            (Some(argument), Some(ContextValue::String(prior))) if argument == prior => {
                cli::usage_argument_repeated(&invalid(argument))
            }
            (Some(argument), Some(ContextValue::String(prior))) => {
                cli::usage_arguments_conflict(&invalid(argument), &invalid(prior))
            }
            _ => return None,
        },
        ErrorKind::TooManyValues => cli::usage_unexpected_value(
            &invalid(text(ContextKind::InvalidValue)?),
            &literal(text(ContextKind::InvalidArg)?),
        ),
        _ => return None,
    };
    Some(message.here().to_owned())
}

/// A value missing or not taken: the argument, the value, why (clap's parser's reason, as it
/// gives it) and the values it takes.
fn invalid_value<F: ErrorFormatter>(error: &Error<F>, styles: &Styles) -> Option<String> {
    let (Some(ContextValue::String(argument)), Some(ContextValue::String(value))) = (
        error.get(ContextKind::InvalidArg),
        error.get(ContextKind::InvalidValue),
    ) else {
        return None;
    };
    let mut message = if value.is_empty() {
        cli::usage_value_required(&styled(styles.get_invalid(), argument))
    } else {
        cli::usage_invalid_value(
            &styled(styles.get_invalid(), value),
            &styled(styles.get_literal(), argument),
        )
    }
    .here()
    .to_owned();
    if error.kind() == ErrorKind::ValueValidation
        && let Some(reason) = std::error::Error::source(error)
    {
        let _ = write!(message, ": {reason}");
    }
    if let Some(ContextValue::Strings(values)) = error.get(ContextKind::ValidValue)
        && !values.is_empty()
    {
        let valid = styles.get_valid();
        let values: Vec<String> = values.iter().map(|value| styled(valid, value)).collect();
        let _ = write!(
            message,
            "\n  {}",
            cli::usage_possible_values(&values.join(", "))
        );
    }
    Some(message)
}

/// The tips under the sentence: a similar command, argument or value; clap's other tips as
/// clap words them.
fn tips<F: ErrorFormatter>(error: &Error<F>, styles: &Styles) -> Vec<String> {
    let valid = styles.get_valid();
    let tip = |text: Text| cli::usage_tip(text.here()).here().to_owned();
    let mut found = Vec::new();
    for (kind, similar) in [
        (
            ContextKind::SuggestedSubcommand,
            cli::usage_similar_command as fn(&str) -> Text,
        ),
        (ContextKind::SuggestedArg, cli::usage_similar_argument),
        (ContextKind::SuggestedValue, cli::usage_similar_value),
    ] {
        let names = match error.get(kind) {
            Some(ContextValue::String(name)) => vec![name.clone()],
            Some(ContextValue::Strings(names)) => names.clone(),
            _ => continue,
        };
        let names: Vec<String> = names.iter().map(|name| styled(valid, name)).collect();
        found.push(tip(similar(&names.join(", "))));
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = error.get(ContextKind::Suggested) {
        let argument = match error.get(ContextKind::InvalidArg) {
            Some(ContextValue::String(argument)) => Some(argument.as_str()),
            _ => None,
        };
        for suggestion in suggestions {
            found.push(match argument {
                // clap's one tip for an unknown `-x`: it may be a value meant after `--`.
                Some(argument) if suggestion.to_string().contains(&format!("-- {argument}")) => {
                    let escaped = styled(valid, &format!("-- {argument}"));
                    tip(cli::usage_value_after_dashes(argument, &escaped))
                }
                _ => tip(Text::same(suggestion.ansi().to_string())),
            });
        }
    }
    found
}

/// `text` in `style`, as the terminal shows it (clap drops the style where colour is off).
fn styled(style: &Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

#[cfg(test)]
mod tests {
    use clap::{Arg, Command};

    use super::*;

    fn command() -> Command {
        Command::new("archive")
            .subcommand(Command::new("build").arg(Arg::new("output").long("output")))
    }

    fn rendered(args: &[&str]) -> (bool, String) {
        let error = command()
            .try_get_matches_from(args)
            .expect_err("a usage error");
        let has = has_sentence(&error);
        (
            has,
            error.apply::<LocalizedFormatter>().render().to_string(),
        )
    }

    #[test]
    fn an_unknown_argument_is_worded_by_the_catalogue_with_its_tip_and_usage() {
        let (has, text) = rendered(&["archive", "build", "--outptu", "x"]);
        assert!(has);
        // The library's terminal language is English unless the binary sets another.
        assert!(
            text.starts_with("error: unexpected argument '--outptu' found"),
            "{text}"
        );
        assert!(
            text.contains("tip: a similar argument exists: '--output'"),
            "{text}"
        );
        assert!(text.contains("Usage: archive build"), "{text}");
        assert!(
            text.ends_with("For more information, try '--help'.\n"),
            "{text}"
        );
    }

    #[test]
    fn help_and_the_version_keep_clap_s_own_text() {
        let error = command()
            .try_get_matches_from(["archive", "--help"])
            .expect_err("help is an error to clap");
        assert!(!has_sentence(&error));
    }
}
