//! Money as integer minor units of an ISO 4217 currency, never floats, parsed
//! from what people type ("2,000", "15.50", "２，０００円"), and exchange rates
//! kept as exact decimals.

use unicode_normalization::UnicodeNormalization;

use super::FieldError;
use crate::i18n::currency_decimals;

/// Active ISO 4217 codes. Cities pay from everywhere; a typo ("YEN", "USS")
/// must be refused rather than stored.
const ISO_4217: [&str; 156] = [
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// The largest amount accepted: a hundred billion in major units of a
/// zero-decimal currency, far above any contribution, far below i64 limits.
const MAX_MINOR_UNITS: i64 = 100_000_000_000;

/// An ISO 4217 currency in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(&'static str);

impl Currency {
    pub const JPY: Currency = Currency("JPY");

    /// Common choices first in forms: the yen of the secretariat's account, then
    /// the currencies cities most often pay in.
    pub const COMMON: [Currency; 5] = [
        Currency("JPY"),
        Currency("USD"),
        Currency("EUR"),
        Currency("KRW"),
        Currency("GBP"),
    ];

    pub fn parse(input: &str) -> Result<Currency, FieldError> {
        let code = input.trim().to_ascii_uppercase();
        ISO_4217
            .iter()
            .find(|known| **known == code)
            .map(|known| Currency(known))
            .ok_or(FieldError("error-currency-unknown"))
    }

    pub fn all() -> impl Iterator<Item = Currency> {
        ISO_4217.iter().map(|code| Currency(code))
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    /// Digits after the decimal point of its minor unit (JPY 0, USD 2, KWD 3).
    pub fn decimals(self) -> u32 {
        currency_decimals(self.0)
    }

    pub fn is_yen(self) -> bool {
        self == Currency::JPY
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// An amount in integer minor units (yen, cents) of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    pub minor_units: i64,
    pub currency: Currency,
}

impl Money {
    pub fn jpy(yen: i64) -> Money {
        Money {
            minor_units: yen,
            currency: Currency::JPY,
        }
    }

    /// A positive amount as people type it: digits, thousands grouped by commas
    /// or spaces, and at most as many decimals as the currency has. "15,50" is
    /// refused rather than read as 1,550: a comma only ever groups thousands.
    pub fn parse(input: &str, currency: Currency) -> Result<Money, FieldError> {
        let invalid = FieldError("error-amount-invalid");
        let text = without_currency_marks(&normalise_width(input));
        if text.is_empty() {
            return Err(FieldError("error-required"));
        }
        let (whole, fraction) = match text.split_once('.') {
            Some((whole, fraction)) => (whole, fraction),
            None => (text.as_str(), ""),
        };
        let whole = ungrouped(whole).ok_or(invalid)?;
        let decimals = currency.decimals();
        if !fraction.chars().all(|c| c.is_ascii_digit()) || fraction.len() > decimals as usize {
            return Err(FieldError("error-amount-decimals"));
        }
        if text.contains('.') && fraction.is_empty() {
            return Err(invalid);
        }
        let digits = format!("{whole}{fraction:0<width$}", width = decimals as usize);
        match digits.parse::<i64>() {
            Ok(0) => Err(FieldError("error-amount-positive")),
            Ok(n) if n <= MAX_MINOR_UNITS => Ok(Money {
                minor_units: n,
                currency,
            }),
            _ => Err(invalid),
        }
    }

    /// The amount as a plain decimal without grouping ("15.50", "2000"): for
    /// refilling a form and for CSV files.
    pub fn plain(&self) -> String {
        plain_decimal(self.minor_units, self.currency.decimals())
    }
}

/// `minor_units` as a plain decimal with `decimals` places.
pub fn plain_decimal(minor_units: i64, decimals: u32) -> String {
    if decimals == 0 {
        return minor_units.to_string();
    }
    let scale = 10i64.pow(decimals);
    let sign = if minor_units < 0 { "-" } else { "" };
    let abs = minor_units.unsigned_abs();
    let scale = scale.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = decimals as usize
    )
}

/// Full-width digits and punctuation (２，０００．５) become ASCII.
fn normalise_width(input: &str) -> String {
    input.nfkc().collect::<String>().trim().to_string()
}

/// Drops a currency sign or word around the number ("¥2,000", "2,000円", "USD 15").
fn without_currency_marks(text: &str) -> String {
    let mut rest = text.trim();
    for mark in [
        "¥", "￥", "$", "€", "£", "₩", "円", "엔", "JPY", "USD", "EUR", "KRW", "GBP",
    ] {
        rest = rest
            .strip_prefix(mark)
            .or_else(|| rest.strip_suffix(mark))
            .unwrap_or(rest)
            .trim();
    }
    rest.to_string()
}

/// The digits of a whole number with optional thousands grouping ("1,234,567",
/// "1 234 567"); `None` when the grouping is not in threes.
fn ungrouped(whole: &str) -> Option<String> {
    let groups: Vec<&str> = whole
        .split([',', ' ', '\u{a0}', '\u{202f}', '\''])
        .collect();
    let (first, rest) = groups.split_first()?;
    let digits_only = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    let first_ok = digits_only(first) && (rest.is_empty() || first.len() <= 3);
    if !first_ok || !rest.iter().all(|g| digits_only(g) && g.len() == 3) {
        return None;
    }
    Some(groups.concat())
}

/// Yen per one unit of another currency (150.25 yen to the dollar), kept as an
/// exact decimal: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeRate {
    mantissa: i64,
    scale: u32,
}

const MAX_RATE_DECIMALS: u32 = 6;

impl ExchangeRate {
    pub fn parse(input: &str) -> Result<ExchangeRate, FieldError> {
        let invalid = FieldError("error-rate-invalid");
        let text = normalise_width(input);
        if text.is_empty() {
            return Err(FieldError("error-rate-required"));
        }
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty()
            || !digits(whole)
            || !digits(fraction)
            || fraction.len() > MAX_RATE_DECIMALS as usize
            || whole.len() > 7
        {
            return Err(invalid);
        }
        let fraction = fraction.trim_end_matches('0');
        let mantissa: i64 = format!("{whole}{fraction}").parse().map_err(|_| invalid)?;
        if mantissa == 0 {
            return Err(invalid);
        }
        Ok(ExchangeRate {
            mantissa,
            scale: fraction.len() as u32,
        })
    }

    /// The yen equivalent of `money`, rounded half up to a whole yen.
    pub fn to_yen(self, money: Money) -> i64 {
        let numerator = i128::from(money.minor_units) * i128::from(self.mantissa);
        let denominator = 10i128.pow(self.scale + money.currency.decimals());
        let rounded = (numerator * 2 + denominator) / (denominator * 2);
        i64::try_from(rounded).unwrap_or(i64::MAX)
    }
}

impl std::fmt::Display for ExchangeRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&plain_decimal(self.mantissa, self.scale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd() -> Currency {
        Currency::parse("usd").unwrap()
    }

    #[test]
    fn currencies_are_iso_codes() {
        assert_eq!(Currency::parse(" jpy ").unwrap(), Currency::JPY);
        assert_eq!(usd().decimals(), 2);
        assert_eq!(Currency::parse("KWD").unwrap().decimals(), 3);
        assert!(Currency::parse("YEN").is_err());
        assert!(Currency::parse("").is_err());
    }

    #[test]
    fn amounts_are_read_as_people_write_them() {
        let yen = |s: &str| Money::parse(s, Currency::JPY).map(|m| m.minor_units);
        assert_eq!(yen("2,000"), Ok(2000));
        assert_eq!(yen("2000"), Ok(2000));
        assert_eq!(yen("¥2,000"), Ok(2000));
        assert_eq!(yen("２，０００円"), Ok(2000));
        assert_eq!(yen("1 234 567"), Ok(1_234_567));
        assert_eq!(yen("2.000"), Err(FieldError("error-amount-decimals")));
        assert_eq!(yen("2,00"), Err(FieldError("error-amount-invalid")));
        assert_eq!(yen("0"), Err(FieldError("error-amount-positive")));
        assert_eq!(yen("-5"), Err(FieldError("error-amount-invalid")));
        assert_eq!(yen(""), Err(FieldError("error-required")));
        assert_eq!(yen("1e3"), Err(FieldError("error-amount-invalid")));

        let dollars = |s: &str| Money::parse(s, usd()).map(|m| m.minor_units);
        assert_eq!(dollars("15.50"), Ok(1550));
        assert_eq!(dollars("15.5"), Ok(1550));
        assert_eq!(dollars("$1,015"), Ok(101_500));
        assert_eq!(dollars("15,50"), Err(FieldError("error-amount-invalid")));
        assert_eq!(dollars("15.505"), Err(FieldError("error-amount-decimals")));
        assert_eq!(dollars("15."), Err(FieldError("error-amount-invalid")));
    }

    #[test]
    fn plain_amounts_for_forms_and_files() {
        assert_eq!(Money::parse("15.5", usd()).unwrap().plain(), "15.50");
        assert_eq!(Money::jpy(2000).plain(), "2000");
        assert_eq!(plain_decimal(-5, 2), "-0.05");
    }

    #[test]
    fn exchange_rates_convert_exactly_and_round_half_up() {
        let rate = ExchangeRate::parse("150.25").unwrap();
        assert_eq!(rate.to_string(), "150.25");
        let dollars = Money::parse("15.50", usd()).unwrap();
        // 15.50 × 150.25 = 2,328.875 → 2,329
        assert_eq!(rate.to_yen(dollars), 2329);
        assert_eq!(ExchangeRate::parse("150.50").unwrap().to_string(), "150.5");
        let won = Money::parse("23,000", Currency::parse("KRW").unwrap()).unwrap();
        assert_eq!(ExchangeRate::parse("0.1087").unwrap().to_yen(won), 2500);
        assert!(ExchangeRate::parse("0").is_err());
        assert!(ExchangeRate::parse("-1").is_err());
        assert!(ExchangeRate::parse("1.2345678").is_err());
        assert_eq!(
            ExchangeRate::parse(""),
            Err(FieldError("error-rate-required"))
        );
    }
}
