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

/// A month's English name, whole or its first three letters, in any case: "Jun" is 6.
pub fn month(name: &str) -> Option<u8> {
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
    if !(3..=9).contains(&name.len()) {
        return None;
    }
    let name = name.to_lowercase();
    let index = MONTHS
        .iter()
        .position(|m| m.starts_with(name.as_str()) && (name.len() == 3 || name == *m))?;
    Some(index as u8 + 1)
}
