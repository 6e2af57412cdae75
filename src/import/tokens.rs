//! Cutting table text into label text and values.
//!
//! Published tables reach the importer in three shapes: cells that are known to be single cells
//! (an HTML `<td>`, a line of copied text, a line of PDF text holding only numbers), and runs of
//! digits glued to labels with no separator between the cells (`规范性文件898989`), where a space
//! is a certain boundary but most boundaries are missing. A [`Token::Cell`] is one cell for sure; a
//! [`Token::Run`] holds one or more cells in each of its chunks, to be split by `split`.

use super::text::fold_char;

/// A piece of table text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    /// Label or header text.
    Text(String),
    /// Exactly one cell: its text, possibly empty (a blank cell).
    Cell(String),
    /// Values run together: each chunk (split at spaces) holds one or more cells.
    Run(Vec<String>),
    /// A value or a blank in an HTML cell merged over several positions of the table's grid
    /// (`rowspan`, `colspan`), in one of the rows it covers. Once the row's columns are counted
    /// it is one cell or one per column it covers; a merged blank or 0 is blank or 0 in each
    /// (a count of 0 is 0 whether it was meant for each cell or for all of them together), and
    /// any other merged value, which may be each cell's or their total, is left for a person.
    Merged {
        /// The text, folded.
        text: String,
        /// How many rows and columns of the grid it covers.
        rows: usize,
        columns: usize,
    },
    /// The end of an HTML table row.
    RowEnd,
}

/// A token and the line of the input it was read from (0 where lines mean nothing, as in HTML).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located {
    /// The token.
    pub(crate) token: Token,
    /// Its line.
    pub(crate) line: usize,
}

/// Units printed after a value inside a cell ("2663条", "251000元").
pub(crate) const UNITS: [&str; 10] = ["万元", "元", "条", "件", "个", "次", "人", "家", "份", "宗"];

/// Text printed in a cell to mean that it is empty.
pub(crate) fn is_blank_marker(text: &str) -> bool {
    matches!(
        text.trim(),
        "" | "/" | "-" | "—" | "——" | "–" | "无" | "\\" | "空" | "--" | "—-"
    )
}

/// Whether a piece of text is one value: a number with an optional sign, decimals and unit.
pub(crate) fn is_value(text: &str) -> bool {
    let text: String = text.trim().chars().map(fold_char).collect();
    let body = UNITS
        .iter()
        .find_map(|unit| text.strip_suffix(unit))
        .unwrap_or(&text);
    let body = body.strip_prefix(['-', '+']).unwrap_or(body);
    let mut parts = body.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    let whole = whole.replace(',', "");
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Tokenises one piece of table text: a whole line, or a whole cell. `cell` says the piece is a
/// cell of its own (an HTML cell, a tab-separated cell), so that empty text is a blank cell.
pub(crate) fn tokenize(piece: &str, line: usize, cell: bool, out: &mut Vec<Located>) {
    let push = |token: Token, out: &mut Vec<Located>| out.push(Located { token, line });
    let trimmed = piece.trim();
    if trimmed.is_empty() || is_blank_marker(trimmed) {
        if cell || !trimmed.is_empty() {
            push(Token::Cell(trimmed.chars().map(fold_char).collect()), out);
        }
        return;
    }
    // Only values, separated by spaces: each is one cell.
    let parts: Vec<&str> = trimmed.split_whitespace().collect();
    if parts
        .iter()
        .all(|part| is_value(part) || is_blank_marker(part))
    {
        for part in parts {
            push(Token::Cell(part.chars().map(fold_char).collect()), out);
        }
        return;
    }
    let chars: Vec<char> = trimmed.chars().map(fold_char).collect();
    let mut text = String::new();
    let mut at = 0;
    while at < chars.len() {
        if starts_value(&chars, at) {
            let (end, chunks, scanned) = scan_run(&chars, at);
            if !chunks.is_empty() {
                if !text.trim().is_empty() {
                    push(Token::Text(text.trim().to_owned()), out);
                }
                text.clear();
                push(Token::Run(chunks), out);
                at = end;
                continue;
            }
            // A numbering mark alone (`1.` before a label): text.
            text.extend(&chars[at..scanned]);
            at = scanned;
            continue;
        }
        text.push(chars[at]);
        at += 1;
    }
    if !text.trim().is_empty() {
        push(Token::Text(text.trim().to_owned()), out);
    }
}

fn starts_value(chars: &[char], at: usize) -> bool {
    let c = chars[at];
    c.is_ascii_digit()
        || (c == '-'
            && chars.get(at + 1).is_some_and(char::is_ascii_digit)
            && (at == 0 || chars[at - 1].is_ascii_digit() || chars[at - 1] == ' '))
}

/// Reads a run of values from `start`: digits, decimal points, minus signs and spaces, and a unit
/// at its end. A last digit followed by `.` or `、` and a label (`00000002.其他…`) is the label's
/// numbering, not a value. Returns where the values end, their chunks, and where the scan
/// stopped.
fn scan_run(chars: &[char], start: usize) -> (usize, Vec<String>, usize) {
    let mut end = start;
    while end < chars.len() {
        let c = chars[end];
        let next = chars.get(end + 1).copied();
        let accepted = c.is_ascii_digit()
            || (c == '.'
                && end > start
                && chars[end - 1].is_ascii_digit()
                && next.is_some_and(|n| n.is_ascii_digit()))
            || (c == '-' && next.is_some_and(|n| n.is_ascii_digit()))
            || (c == ' '
                && chars[end + 1..]
                    .iter()
                    .find(|&&n| n != ' ')
                    .is_some_and(|&n| n.is_ascii_digit() || n == '-'));
        if !accepted {
            break;
        }
        end += 1;
    }
    // Numbering of the next label: a digit right before `.` / `、` and a non-digit.
    let mut value_end = end;
    if end < chars.len()
        && matches!(chars[end], '.' | '、')
        && chars
            .get(end + 1)
            .is_some_and(|n| !n.is_ascii_digit() && *n != ' ')
        && end > start
        && chars[end - 1].is_ascii_digit()
    {
        value_end = end - 1;
        // `12.` numbering is rare; one digit is the mark.
        let chunks = chunks_of(&chars[start..value_end]);
        return (value_end, chunks, end);
    }
    // A unit glued to the last value.
    let rest: String = chars[end..chars.len().min(end + 2)].iter().collect();
    if let Some(unit) = UNITS.iter().find(|unit| rest.starts_with(**unit)) {
        value_end = end + unit.chars().count();
    }
    (
        value_end,
        chunks_of(&chars[start..value_end]),
        value_end.max(end),
    )
}

fn chunks_of(chars: &[char]) -> Vec<String> {
    let text: String = chars.iter().collect();
    text.split_whitespace().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(piece: &str, cell: bool) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize(piece, 1, cell, &mut out);
        out.into_iter().map(|located| located.token).collect()
    }

    fn run(chunks: &[&str]) -> Token {
        Token::Run(chunks.iter().map(|chunk| (*chunk).to_owned()).collect())
    }

    #[test]
    fn values_alone_are_cells() {
        assert_eq!(tokens("2663条", false), vec![Token::Cell("2663条".into())]);
        assert_eq!(tokens("２６６３", false), vec![Token::Cell("2663".into())]);
        assert_eq!(
            tokens("0 1 1 0 2", false),
            ["0", "1", "1", "0", "2"]
                .map(|v| Token::Cell(v.into()))
                .to_vec()
        );
        assert_eq!(tokens("\u{a0}", true), vec![Token::Cell(String::new())]);
        assert!(tokens("", false).is_empty());
        assert_eq!(
            tokens("1.属于国家秘密", true),
            vec![Token::Text("1.属于国家秘密".into())]
        );
    }

    #[test]
    fn runs_glued_to_labels_are_split_from_them() {
        assert_eq!(
            tokens("规章 000行政规范性文件693665第二十条第（五）项", false),
            vec![
                Token::Text("规章".into()),
                run(&["000"]),
                Token::Text("行政规范性文件".into()),
                run(&["693665"]),
                Token::Text("第二十条第(五)项".into()),
            ]
        );
        assert_eq!(
            tokens("保护第三方合法权益00000005.属于三类内部事务信息", false),
            vec![
                Token::Text("保护第三方合法权益".into()),
                run(&["0000000"]),
                Token::Text("5.属于三类内部事务信息".into()),
            ]
        );
        assert_eq!(
            tokens(
                "（七）总计23 0 00 0 023四、结转下年度继续办理 0 0 00 00 0 四、",
                false
            ),
            vec![
                Token::Text("(七)总计".into()),
                run(&["23", "0", "00", "0", "023"]),
                Token::Text("四、结转下年度继续办理".into()),
                run(&["0", "0", "00", "00", "0"]),
                Token::Text("四、".into()),
            ]
        );
        assert_eq!(
            tokens("行政处罚2648-18538行政强制1262629", false),
            vec![
                Token::Text("行政处罚".into()),
                run(&["2648-18538"]),
                Token::Text("行政强制".into()),
                run(&["1262629"]),
            ]
        );
        assert_eq!(
            tokens("政府集中采购13575394432.52元三、收到", false),
            vec![
                Token::Text("政府集中采购".into()),
                run(&["13575394432.52元"]),
                Token::Text("三、收到".into()),
            ]
        );
    }
}
