//! Number formatting shared by every view, so one figure always reads the same.

/// A percentage with exactly one decimal, as the CNNIC series is written (34.0, 76.4).
pub fn pct1(v: f64) -> String {
    dec1(v)
}

/// One decimal, for derived figures (9.4×, 56.7 %). A value that rounds to zero is "0.0",
/// never "-0.0".
pub fn dec1(v: f64) -> String {
    let v = if v < 0.0 && v > -0.05 { 0.0 } else { v };
    format!("{:.1}", unsigned_zero(v))
}

/// A figure as written in the data, with no trailing zeros added or digits dropped
/// (180, 894.54, 2.3).
pub fn num(v: f64) -> String {
    format!("{}", unsigned_zero(v))
}

/// Zero without a sign: -0.0 would otherwise read "-0".
fn unsigned_zero(v: f64) -> f64 {
    if v == 0.0 { 0.0 } else { v }
}

/// Billion yuan in words for a headline: whole hundreds of billions read as trillions
/// (1700 → "1.7 trillion yuan"); anything else stays in billions, unrounded.
pub fn yuan_words(billion: f64) -> String {
    if billion >= 1000.0 && (billion % 100.0) == 0.0 {
        format!("{} trillion yuan", num(billion / 1000.0))
    } else {
        format!("{} billion yuan", num(billion))
    }
}

/// Billion yuan in a few characters for big text: "1.7 tn" or "180 bn", unrounded.
pub fn yuan_short(billion: f64) -> String {
    if billion >= 1000.0 && (billion % 100.0) == 0.0 {
        format!("{} tn", num(billion / 1000.0))
    } else {
        format!("{} bn", num(billion))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_written() {
        assert_eq!(pct1(34.0), "34.0");
        assert_eq!(pct1(76.4 - 52.3), "24.1");
        assert_eq!(num(894.54), "894.54");
        assert_eq!(num(180.0), "180");
        assert_eq!(yuan_words(1700.0), "1.7 trillion yuan");
        assert_eq!(yuan_words(1244.88), "1244.88 billion yuan");
        assert_eq!(yuan_words(180.0), "180 billion yuan");
        assert_eq!(yuan_short(1700.0), "1.7 tn");
        assert_eq!(yuan_short(894.54), "894.54 bn");
    }

    #[test]
    fn zero_has_no_sign() {
        assert_eq!(pct1(-0.0), "0.0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(dec1(-0.04), "0.0");
        assert_eq!(dec1(-0.2), "-0.2");
        assert_eq!(num(-0.04), "-0.04", "figures as written keep their digits");
    }
}
