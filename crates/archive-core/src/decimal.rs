//! Exact decimal numbers: amounts as reports print them (`24252.311082` 万元, `75394432.52元`),
//! their changes across years and the percentages derived from them, computed on whole numbers
//! scaled by a power of ten. A binary float cannot hold 0.1; its differences print as
//! `-3167.2713330000006`. The amounts need only parsing, printing, subtraction and rounded
//! division, so this is integer arithmetic rather than a decimal crate.

use std::cmp::Ordering;
use std::fmt;

/// The most digits after the point a value keeps (a report prints at most six, 万元 to the 分).
pub const MAX_SCALE: u8 = 12;

/// A decimal number, `units` × 10^−`scale`: `24252.311082` is 24252311082 at scale 6. Packed so
/// that a [`crate::model::Cell`] holding one stays 16 bytes (every report holds ~200 cells).
#[derive(Clone, Copy)]
#[repr(C, packed(4))]
pub struct Decimal {
    units: i64,
    scale: u8,
}

impl Decimal {
    /// A whole number.
    pub const fn whole(value: i64) -> Decimal {
        Decimal {
            units: value,
            scale: 0,
        }
    }

    /// `units` × 10^−`scale`; none when `scale` is over [`MAX_SCALE`].
    pub fn new(units: i64, scale: u8) -> Option<Decimal> {
        (scale <= MAX_SCALE).then_some(Decimal { units, scale })
    }

    /// A number written in digits, with a sign and a decimal point where it has them
    /// (`-3167.271333`, `7545`, `0.50`): the digits after the point are kept as written.
    pub fn parse(text: &str) -> Option<Decimal> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        if digits.contains('.') && fraction.is_empty() {
            return None;
        }
        let scale = u8::try_from(fraction.len()).ok()?;
        let units: i64 = format!("{whole}{fraction}").parse().ok()?;
        Decimal::new(if negative { -units } else { units }, scale)
    }

    /// The decimal a float was written as: its shortest form that reads back as the same float
    /// (what YAML's `7730.28` was before it became a float), never its binary expansion.
    pub fn from_f64(value: f64) -> Option<Decimal> {
        if !value.is_finite() {
            return None;
        }
        // Rust writes a float in its shortest round-trip form, without an exponent.
        Decimal::parse(&format!("{value}"))
    }

    /// Its whole units and scale (`units` × 10^−`scale`), as [`Decimal::new`] takes them.
    pub fn parts(self) -> (i64, u8) {
        (self.units, self.scale)
    }

    /// The digits after the point.
    pub fn scale(self) -> u8 {
        self.scale
    }

    /// The value × 10^`scale` (≥ its own scale), exactly.
    fn units_at(self, scale: u8) -> Option<i128> {
        let units = self.units;
        let own = self.scale;
        10_i128
            .checked_pow(u32::from(scale.checked_sub(own)?))
            .and_then(|factor| i128::from(units).checked_mul(factor))
    }

    /// This less `other`, exactly, at the larger of their scales.
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let difference = self.units_at(scale)? - other.units_at(scale)?;
        Decimal::new(i64::try_from(difference).ok()?, scale)
    }

    /// The value × 10^`power` (万元 to 元: `power` 4), exactly.
    pub fn shifted(self, power: u8) -> Option<Decimal> {
        let units = self.units;
        if self.scale >= power {
            return Decimal::new(units, self.scale - power);
        }
        let factor = 10_i64.checked_pow(u32::from(power - self.scale))?;
        Decimal::new(units.checked_mul(factor)?, 0)
    }

    /// `numerator` / `denominator`, rounded half away from zero to `scale` digits; none for a
    /// zero denominator. The one division every derived ratio and percentage goes through.
    pub fn ratio(numerator: i128, denominator: i128, scale: u8) -> Option<Decimal> {
        if denominator == 0 {
            return None;
        }
        let factor = 10_i128.checked_pow(u32::from(scale))?;
        let scaled = numerator.checked_mul(factor)?;
        let (quotient, remainder) = (scaled / denominator, scaled % denominator);
        let rounded = if remainder.abs() * 2 >= denominator.abs() {
            quotient + (scaled.signum() * denominator.signum())
        } else {
            quotient
        };
        Decimal::new(i64::try_from(rounded).ok()?, scale)
    }

    /// The value rounded half away from zero to `scale` digits (a page's `+233.3`).
    pub fn rounded(self, scale: u8) -> Option<Decimal> {
        if scale >= self.scale {
            return Some(self);
        }
        let units = self.units;
        let divisor = 10_i128.checked_pow(u32::from(self.scale))?;
        Decimal::ratio(i128::from(units), divisor, scale)
    }

    /// (`self` − `before`) / `before` in percent, to `scale` digits; none when `before` is 0.
    pub fn percent_change(self, before: Decimal, scale: u8) -> Option<Decimal> {
        let common = self.scale.max(before.scale);
        let (now, before) = (self.units_at(common)?, before.units_at(common)?);
        Decimal::ratio((now - before).checked_mul(100)?, before.abs(), scale)
    }

    /// The value without trailing zeros after the point (`0.5000` → `0.5`, `12.0` → `12`).
    pub fn normalized(self) -> Decimal {
        let (mut units, mut scale) = (self.units, self.scale);
        while scale > 0 && units % 10 == 0 {
            units /= 10;
            scale -= 1;
        }
        Decimal { units, scale }
    }

    /// The sign: −1, 0 or 1.
    pub fn signum(self) -> i64 {
        let units = self.units;
        units.signum()
    }

    /// The value without its sign.
    pub fn abs(self) -> Decimal {
        Decimal {
            units: self.units.abs(),
            scale: self.scale,
        }
    }

    /// The nearest float, for drawing (charts, bar heights): never for a written value.
    pub fn to_f64(self) -> f64 {
        let units = self.units;
        units as f64 / 10_f64.powi(i32::from(self.scale))
    }

    /// The value as a JSON number written with exactly its digits (trailing zeros after the point
    /// dropped, as JSON numbers have no scale): a whole number stays an integer, never `7545.0`.
    pub fn to_json(self) -> serde_json::Value {
        let normal = self.normalized();
        if normal.scale == 0 {
            return serde_json::Value::from(normal.units);
        }
        // At most 15 significant digits read back from a float and print as the same digits;
        // every value this archive writes has fewer (a report's amounts, 2–4 decimal ratios).
        let text = normal.to_string();
        text.parse::<serde_json::Number>()
            .map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Decimal) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// By value: `0.50` equals `0.5`.
impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        let scale = self.scale.max(other.scale);
        match (self.units_at(scale), other.units_at(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({self})")
    }
}

/// Exactly its digits: `24252.311082`, `-0.50`, `7545`.
impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = self.units;
        let digits = units.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        let sign = if units < 0 { "-" } else { "" };
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{whole}.{fraction}")
    }
}

/// Written as its units and scale (`load`'s cache), never as a float.
impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.parts(), serializer)
    }
}

/// Read back from units and scale; a scale over [`MAX_SCALE`] is refused.
impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let (units, scale): (i64, u8) = serde::Deserialize::deserialize(deserializer)?;
        Decimal::new(units, scale)
            .ok_or_else(|| serde::de::Error::custom(format!("scale {scale} over {MAX_SCALE}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap()
    }

    #[test]
    fn values_print_exactly_as_written() {
        for text in [
            "24252.311082",
            "7545",
            "0.50",
            "-3167.271333",
            "0.000001",
            "0",
        ] {
            assert_eq!(d(text).to_string(), text);
        }
        for bad in ["", ".5", "5.", "1e5", "1,000", "--1", "12元", "NaN"] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
        assert_eq!(std::mem::size_of::<Decimal>(), 12);
    }

    #[test]
    fn a_float_becomes_the_decimal_it_was_written_as() {
        assert_eq!(Decimal::from_f64(7730.28).unwrap().to_string(), "7730.28");
        assert_eq!(Decimal::from_f64(7545.0).unwrap().to_string(), "7545");
        assert_eq!(
            Decimal::from_f64(24252.311082).unwrap().to_string(),
            "24252.311082"
        );
        assert_eq!(Decimal::from_f64(f64::NAN), None);
    }

    #[test]
    fn differences_are_exact_where_floats_are_not() {
        // 5949.088667 − 9116.36 in floats is -3167.2713330000006.
        assert_eq!(
            d("5949.088667")
                .checked_sub(d("9116.36"))
                .unwrap()
                .to_string(),
            "-3167.271333"
        );
        assert_eq!(d("0.3").checked_sub(d("0.1")).unwrap(), d("0.2"));
        assert_eq!(d("0.50"), d("0.5"));
        assert!(d("2") > d("1.99"));
    }

    #[test]
    fn ratios_round_half_away_from_zero() {
        assert_eq!(Decimal::ratio(1, 11, 4).unwrap().to_string(), "0.0909");
        assert_eq!(Decimal::ratio(2, 3, 2).unwrap().to_string(), "0.67");
        assert_eq!(Decimal::ratio(-1, 8, 2).unwrap().to_string(), "-0.13");
        assert_eq!(Decimal::ratio(1, 0, 2), None);
        assert_eq!(d("233.35").rounded(1).unwrap().to_string(), "233.4");
        assert_eq!(d("-0.04").rounded(1).unwrap().to_string(), "0.0");
        assert_eq!(d("7").rounded(1).unwrap().to_string(), "7");
        assert_eq!(
            d("73802895.90")
                .percent_change(d("75394432.52"), 2)
                .unwrap()
                .to_string(),
            "-2.11"
        );
        assert_eq!(d("5").percent_change(d("0"), 2), None);
    }

    #[test]
    fn json_numbers_carry_the_digits_and_no_more() {
        assert_eq!(d("7545").to_json().to_string(), "7545");
        assert_eq!(d("7545.00").to_json().to_string(), "7545");
        assert_eq!(d("-3167.271333").to_json().to_string(), "-3167.271333");
        assert_eq!(d("75394432.52").to_json().to_string(), "75394432.52");
        assert_eq!(
            d("7539.443252").shifted(4).unwrap().to_string(),
            "75394432.52"
        );
        assert_eq!(d("12").shifted(4).unwrap().to_string(), "120000");
    }
}
