//! What the presenter says on each view, and what is coming: the notes of a view (on the
//! quotes view, the quote's first), and a few lines that preview a view from its headline
//! figures. The dashboard's notes panel and the console both show these.

use crate::app::App;
use crate::data::{Report, fmt};
use crate::view::View;

/// The notes for `view` with quote `quote` on screen, most pressing first: on the quotes
/// view the quote's own note, then the view's.
pub fn of(report: &Report, view: View, quote: usize) -> Vec<&str> {
    let n = &report.notes;
    let note = match view {
        View::Overview => &n.overview.text,
        View::Penetration => &n.penetration.text,
        View::Sales => &n.sales.text,
        View::Quotes => {
            let quote = n.quotes.quotes.get(quote).map(|q| q.text.as_str());
            return quote.into_iter().chain([n.quotes.text.as_str()]).collect();
        }
        View::World => &n.world.text,
        View::Since => &n.since.text,
        View::Sources => &n.sources.text,
    };
    vec![note.as_str()]
}

/// A view in at most three short lines, from its headline figures: what the audience is
/// about to see.
pub fn preview(app: &App, view: View) -> Vec<String> {
    let report = app.report();
    let periods = &report.penetration.periods;
    match view {
        View::Overview => {
            let h = &report.headline;
            let mut lines = Vec::new();
            if let Some(p) = periods.iter().find(|p| p.period == h.period) {
                lines.push(format!(
                    "urban {} %, rural {} %, gap {}* ({})",
                    fmt::pct1(p.urban_pct),
                    fmt::pct1(p.rural_pct),
                    fmt::pct1(p.gap_pts()),
                    p.period
                ));
            }
            lines.push(format!(
                "{} % of poor villages online",
                fmt::num(h.poor_villages.pct)
            ));
            if let Some(y) = report.sales.year(h.sales_to) {
                lines.push(format!(
                    "rural online sales {} ({})",
                    fmt::yuan_words(y.yuan_billion),
                    y.year
                ));
            }
            lines
        }
        View::Penetration => match (periods.first(), periods.last()) {
            (Some(a), Some(b)) => vec![
                format!("urban vs rural, {} – {}", a.period, b.period),
                format!(
                    "gap {}* points in {}, {}* in {}",
                    fmt::pct1(a.gap_pts()),
                    a.period,
                    fmt::pct1(b.gap_pts()),
                    b.period
                ),
            ],
            _ => Vec::new(),
        },
        View::Sales => {
            let years = &report.sales.years;
            let (Some(a), Some(b)) = (years.first(), years.last()) else {
                return Vec::new();
            };
            let mut lines = vec![
                format!("rural online retail sales, {}–{}", a.year, b.year),
                format!(
                    "{} → {}",
                    fmt::yuan_words(a.yuan_billion),
                    fmt::yuan_words(b.yuan_billion)
                ),
            ];
            if let Some(factor) = report.sales.growth_factor(a.year, b.year) {
                lines.push(format!("{}×* the {} level", fmt::dec1(factor), a.year));
            }
            lines
        }
        View::Quotes => {
            let mut lines = vec![format!("{} quotes, one at a time", report.quotes.len())];
            if let Some(q) = report.quotes.first() {
                lines.push(format!("first: {}", q.speaker));
            }
            lines
        }
        View::World => {
            let w = &report.world;
            let mut lines = vec!["households online, urban vs rural:".to_string()];
            if let Some(h) = w.households.first() {
                lines.push(format!(
                    "{} {} % vs {} %",
                    h.group,
                    fmt::num(h.urban_pct),
                    fmt::num(h.rural_pct)
                ));
            }
            if let Some(i) = w.individuals.first() {
                lines.push(format!("people online: {} {} %", i.group, fmt::num(i.pct)));
            }
            lines
        }
        View::Since => {
            let s = &report.since.periods;
            let (Some(a), Some(b)) = (s.first(), s.last()) else {
                return Vec::new();
            };
            vec![
                format!("since the report, {} – {}", a.period, b.period),
                format!(
                    "rural {} % → {} %",
                    fmt::pct1(a.rural.pct),
                    fmt::pct1(b.rural.pct)
                ),
                format!(
                    "national {} % → {} %",
                    fmt::pct1(a.national.pct),
                    fmt::pct1(b.national.pct)
                ),
            ]
        }
        View::Sources => vec![
            format!("every figure with its source: {}", app.sources().len()),
            "V stated · V2 by a weaker source".to_string(),
            "D derived, with the arithmetic".to_string(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::builtin;

    #[test]
    fn each_view_has_its_notes_and_the_quotes_view_its_quotes_first() {
        let report = builtin().expect("built-in data");
        for view in View::ALL {
            let notes = of(&report, view, 0);
            assert!(!notes.is_empty() && notes.iter().all(|n| !n.trim().is_empty()));
        }
        assert!(of(&report, View::Overview, 0)[0].contains("76.4 %"));
        let third = of(&report, View::Quotes, 2);
        assert_eq!(third.len(), 2);
        assert!(
            third[0].contains("The report's own conclusion"),
            "{third:?}"
        );
        assert!(third[1].starts_with("Eight quotes"), "{third:?}");
        assert_eq!(
            of(&report, View::Quotes, 99).len(),
            1,
            "past the last quote"
        );
    }

    #[test]
    fn previews_show_each_views_headline_figures() {
        let app = App::new(builtin().expect("built-in data"), View::Overview);
        let shown = |view| preview(&app, view).join(" / ");
        assert_eq!(
            shown(View::Overview),
            "urban 76.4 %, rural 52.3 %, gap 24.1* (Jun 2020) / 98 % of poor villages online / \
             rural online sales 1.7 trillion yuan (2019)"
        );
        assert_eq!(
            shown(View::Penetration),
            "urban vs rural, Jun 2015 – Dec 2020 / gap 34.1* points in Jun 2015, 23.9* in Dec 2020"
        );
        assert_eq!(
            shown(View::Sales),
            "rural online retail sales, 2014–2019 / 180 billion yuan → 1.7 trillion yuan / \
             9.4×* the 2014 level"
        );
        assert_eq!(
            shown(View::Quotes),
            "8 quotes, one at a time / first: Xinhua, on the China Internet Development Report 2020"
        );
        assert_eq!(
            shown(View::World),
            "households online, urban vs rural: / World 72 % vs 38 % / people online: World 53 %"
        );
        assert_eq!(
            shown(View::Since),
            "since the report, Jun 2020 – Dec 2025 / rural 52.3 % → 69.5 % / national 67.0 % → 80.1 %"
        );
        assert!(shown(View::Sources).starts_with("every figure with its source: 70"));
        // A console at 80x24 shows 50 cells of each (the quotes' first speaker is cut).
        for view in View::ALL {
            for line in preview(&app, view) {
                assert!(
                    crate::text::width(&line) <= 50 || line.starts_with("first: "),
                    "{line}"
                );
            }
        }
    }
}
