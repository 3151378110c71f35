//! Years and months as the data writes them, read by validation and by the words of
//! each language alike.

/// Years the series can hold: from before China's first Internet connection (1994) to the
/// end of the century.
pub const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

/// "Jun 2020" (or "June 2020") as (year, month), for ordering.
pub fn month_year(period: &str) -> Option<(u16, u8)> {
    let (name, year) = period.trim().split_once(' ')?;
    let index = month(name)?;
    let year = year.trim();
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((year.parse().ok()?, index))
}

/// A period as the data writes it: (2023, 6) is "Jun 2023".
pub fn period_name(year: u16, month: u8) -> String {
    let name = MONTHS
        .get(usize::from(month).wrapping_sub(1))
        .map_or("", |m| &m[..3]);
    let (first, rest) = name.split_at(name.len().min(1));
    format!("{}{rest} {year}", first.to_ascii_uppercase())
}

/// The months' English names.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month's English name, whole or its first three letters, in any case: "Jun" is 6.
pub fn month(name: &str) -> Option<u8> {
    if !(3..=9).contains(&name.len()) {
        return None;
    }
    let name = name.to_lowercase();
    let index = MONTHS
        .iter()
        .position(|m| m.starts_with(name.as_str()) && (name.len() == 3 || name == *m))?;
    Some(index as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_named_as_the_data_names_it() {
        assert_eq!(period_name(2023, 6), "Jun 2023");
        assert_eq!(period_name(2020, 12), "Dec 2020");
        for m in 1..=12 {
            assert_eq!(month_year(&period_name(2021, m)), Some((2021, m)));
        }
    }
}
