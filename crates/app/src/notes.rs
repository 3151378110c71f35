//! What the presenter says on each view, and what is coming: the notes of a view (on the
//! quotes view, the quote's first), and a few lines that preview a view from its headline
//! figures. The dashboard's notes panel and the console both show these.

use crate::app::App;
use crate::view::View;
use gapdash_data::i18n::counted;
use gapdash_data::{Lang, Notes, Report, fmt};

/// One note as it is said: its text in the language asked for, and the figures it states
/// that the data no longer holds (empty while it is up to date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said<'a> {
    pub text: &'a str,
    pub stale: &'a [String],
}

/// The notes for `view` with quote `quote` on screen, in `lang`, most pressing first: on
/// the quotes view the quote's own note, then the view's. None when the data has no notes.
pub fn said(report: &Report, view: View, quote: usize, lang: Lang) -> Vec<Said<'_>> {
    let Some(n) = &report.notes else {
        return Vec::new();
    };
    let (at, note) = match view {
        View::Overview => ("overview", &n.overview),
        View::Penetration => ("penetration", &n.penetration),
        View::Sales => ("sales", &n.sales),
        View::Quotes => {
            let own = say(n, lang, "quotes", &n.quotes.text, n.quotes.zh.as_deref());
            let quote = n.quotes.quotes.get(quote).map(|q| {
                let at = format!("quotes.quote.{quote}");
                say(n, lang, &at, &q.text, q.zh.as_deref())
            });
            return quote.into_iter().chain([own]).collect();
        }
        View::World => ("world", &n.world),
        View::Since => ("since", &n.since),
        View::Sources => ("sources", &n.sources),
    };
    vec![say(n, lang, at, &note.text, note.zh.as_deref())]
}

/// Every note of `view` in `lang`, as a handout's notes pages list them: the view's own,
/// then on the quotes view each quote's, with the quote's index. None without notes.
pub fn every(report: &Report, view: View, lang: Lang) -> Vec<(Option<usize>, Said<'_>)> {
    let Some(n) = &report.notes else {
        return Vec::new();
    };
    if view != View::Quotes {
        return said(report, view, 0, lang)
            .into_iter()
            .map(|s| (None, s))
            .collect();
    }
    let own = say(n, lang, "quotes", &n.quotes.text, n.quotes.zh.as_deref());
    let quotes = n.quotes.quotes.iter().enumerate().map(|(i, q)| {
        let at = format!("quotes.quote.{i}");
        (Some(i), say(n, lang, &at, &q.text, q.zh.as_deref()))
    });
    std::iter::once((None, own)).chain(quotes).collect()
}

/// How many notes state a figure the data no longer holds, in either language (a view's
/// note, or a quote's, counts once).
pub fn stale_count(report: &Report) -> usize {
    let Some(n) = &report.notes else {
        return 0;
    };
    let notes: std::collections::BTreeSet<&str> = n
        .stale
        .keys()
        .map(|key| key.rsplit_once('.').map_or(key.as_str(), |(note, _)| note))
        .collect();
    notes.len()
}

/// The text at `at` (`penetration`, `quotes.quote.2`) in `lang`, with its stale figures,
/// which are kept by where the text sits: `penetration.zh`, `quotes.quote.2.text`.
fn say<'a>(n: &'a Notes, lang: Lang, at: &str, text: &'a str, zh: Option<&'a str>) -> Said<'a> {
    let (text, key) = match (lang, zh) {
        (Lang::Zh, Some(zh)) => (zh, format!("{at}.zh")),
        _ => (text, format!("{at}.text")),
    };
    Said {
        text,
        stale: n.stale.get(&key).map_or(&[], Vec::as_slice),
    }
}

/// The notes' texts (see [`said`]).
pub fn of(report: &Report, view: View, quote: usize, lang: Lang) -> Vec<&str> {
    said(report, view, quote, lang)
        .into_iter()
        .map(|s| s.text)
        .collect()
}

/// The figures the notes on screen state that the data no longer holds, each once.
pub fn stale(report: &Report, view: View, quote: usize, lang: Lang) -> Vec<String> {
    let mut figures: Vec<String> = Vec::new();
    for said in said(report, view, quote, lang) {
        for figure in said.stale {
            if !figures.contains(figure) {
                figures.push(figure.clone());
            }
        }
    }
    figures
}

/// A view in at most three short lines, from its headline figures, in the app's language:
/// what the audience is about to see.
pub fn preview(app: &App, view: View) -> Vec<String> {
    let report = app.report();
    let w = app.strings();
    let n = &w.notes;
    let periods = &report.penetration.periods;
    match view {
        View::Overview => {
            let h = &report.headline;
            let mut lines = Vec::new();
            if let Some(p) = periods.iter().find(|p| p.period == h.period) {
                lines.push(n.overview.fill(&[
                    ("urban", &w.pct(&fmt::pct1(p.urban_pct))),
                    ("rural", &w.pct(&fmt::pct1(p.rural_pct))),
                    ("gap", &fmt::pct1(p.gap_pts())),
                    ("period", &w.period(&p.period)),
                ]));
            }
            lines.push(
                n.villages
                    .fill(&[("pct", &w.pct(&fmt::num(h.poor_villages.pct)))]),
            );
            if let Some(y) = report.sales.year(h.sales_to) {
                lines.push(
                    n.overview_sales
                        .fill(&[("yuan", &w.yuan(y.yuan_billion)), ("year", &y.year)]),
                );
            }
            lines
        }
        View::Penetration => match (periods.first(), periods.last()) {
            (Some(a), Some(b)) => {
                let (from, to) = (w.period(&a.period), w.period(&b.period));
                vec![
                    n.penetration.fill(&[("from", &from), ("to", &to)]),
                    n.penetration_gap.fill(&[
                        ("first", &fmt::pct1(a.gap_pts())),
                        ("from", &from),
                        ("last", &fmt::pct1(b.gap_pts())),
                        ("to", &to),
                    ]),
                ]
            }
            _ => Vec::new(),
        },
        View::Sales => {
            let years = &report.sales.years;
            let (Some(a), Some(b)) = (years.first(), years.last()) else {
                return Vec::new();
            };
            let mut lines = vec![
                n.sales.fill(&[("from", &a.year), ("to", &b.year)]),
                format!("{} → {}", w.yuan(a.yuan_billion), w.yuan(b.yuan_billion)),
            ];
            if let Some(factor) = report.sales.growth_factor(a.year, b.year) {
                lines.push(
                    n.sales_growth
                        .fill(&[("factor", &w.times(&fmt::dec1(factor))), ("year", &a.year)]),
                );
            }
            lines
        }
        View::Quotes => {
            let mut lines = vec![counted(report.quotes.len(), &n.quotes_one, &n.quotes)];
            if let Some(q) = report.quotes.first() {
                lines.push(n.quotes_first.fill(&[("speaker", &w.term(&q.speaker))]));
            }
            lines
        }
        View::World => {
            let world = &report.world;
            let mut lines = vec![n.households.clone()];
            if let Some(h) = world.households.first() {
                lines.push(n.households_pair.fill(&[
                    ("group", &w.term(&h.group)),
                    ("urban", &w.pct(&fmt::num(h.urban_pct))),
                    ("rural", &w.pct(&fmt::num(h.rural_pct))),
                ]));
            }
            if let Some(i) = world.individuals.first() {
                lines.push(n.people.fill(&[
                    ("group", &w.term(&i.group)),
                    ("pct", &w.pct(&fmt::num(i.pct))),
                ]));
            }
            lines
        }
        View::Since => {
            let s = &report.since.periods;
            let (Some(a), Some(b)) = (s.first(), s.last()) else {
                return Vec::new();
            };
            let change = |t: &gapdash_data::i18n::Template, x: f64, y: f64| {
                t.fill(&[
                    ("from", &w.pct(&fmt::pct1(x))),
                    ("to", &w.pct(&fmt::pct1(y))),
                ])
            };
            vec![
                n.since
                    .fill(&[("from", &w.period(&a.period)), ("to", &w.period(&b.period))]),
                change(&n.since_rural, a.rural.pct, b.rural.pct),
                change(&n.since_national, a.national.pct, b.national.pct),
            ]
        }
        View::Sources => vec![
            n.sources.fill(&[("n", &app.sources().len())]),
            n.sources_stated.clone(),
            n.sources_derived.clone(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_data::builtin;

    #[test]
    fn each_view_has_its_notes_and_the_quotes_view_its_quotes_first() {
        let report = builtin().expect("built-in data");
        for view in View::ALL {
            let notes = of(&report, view, 0, Lang::En);
            assert!(!notes.is_empty() && notes.iter().all(|n| !n.trim().is_empty()));
        }
        assert!(of(&report, View::Overview, 0, Lang::En)[0].contains("76.4 %"));
        let third = of(&report, View::Quotes, 2, Lang::En);
        assert_eq!(third.len(), 2);
        assert!(
            third[0].contains("The report's own conclusion"),
            "{third:?}"
        );
        assert!(third[1].starts_with("Eight quotes"), "{third:?}");
        // In Chinese, every note has its own text, with the same figures.
        for view in View::ALL {
            for (en, zh) in
                of(&report, view, 0, Lang::En)
                    .into_iter()
                    .zip(of(&report, view, 0, Lang::Zh))
            {
                assert_ne!(en, zh, "{view:?} has a Chinese note");
                assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
            }
        }
        assert!(of(&report, View::Overview, 0, Lang::Zh)[0].contains("76.4%"));
        assert_eq!(
            of(&report, View::Quotes, 99, Lang::En).len(),
            1,
            "past the last quote"
        );
    }

    #[test]
    fn a_note_stating_a_figure_the_data_lost_is_said_stale_in_both_languages() {
        let report = gapdash_data::load::builtin_with_stale_note();
        for lang in Lang::ALL {
            assert_eq!(stale(&report, View::Penetration, 0, lang), ["36.2"]);
            let said = said(&report, View::Penetration, 0, lang);
            assert_eq!(said.len(), 1);
            assert_eq!(said[0].stale, ["36.2"]);
            assert!(said[0].text.contains("36.2"), "{lang:?}");
            assert_eq!(stale(&report, View::World, 0, lang), Vec::<String>::new());
        }
        let builtin = builtin().expect("built-in data");
        for view in View::ALL {
            assert!(stale(&builtin, view, 0, Lang::En).is_empty(), "{view:?}");
        }
    }

    #[test]
    fn without_notes_nothing_is_said() {
        let mut report = builtin().expect("built-in data");
        report.notes = None;
        for view in View::ALL {
            assert!(said(&report, view, 0, Lang::Zh).is_empty());
            assert!(stale(&report, view, 0, Lang::En).is_empty());
        }
    }

    #[test]
    fn previews_are_in_the_apps_language() {
        let mut app = App::new(builtin().expect("built-in data"), View::Overview);
        app.update(crate::action::Action::SwitchLanguage);
        let shown = |view| preview(&app, view).join(" / ");
        assert_eq!(
            shown(View::Overview),
            "城镇 76.4%，农村 52.3%，差距 24.1*（2020年6月） / 贫困村通光纤比例 98% / \
             农村网络零售额 1.7万亿元（2019年）"
        );
        assert_eq!(
            shown(View::Sales),
            "农村网络零售额，2014–2019年 / 1800亿元 → 1.7万亿元 / 为2014年的9.4倍*"
        );
        assert_eq!(
            shown(View::Since),
            "报告之后，2020年6月–2025年12月 / 农村 52.3% → 69.5% / 全国 67.0% → 80.1%"
        );
    }

    /// A note that quotes a source's growth rate where the ratio of the totals shown reads
    /// differently names both totals, as the view's rate lines do, in both languages; the
    /// ratio itself is the view's to derive (a data file holds only figures the sources
    /// state).
    #[test]
    fn a_stated_rate_the_totals_disagree_with_comes_with_their_ratio() {
        use gapdash_data::i18n::figures;
        let report = builtin().expect("built-in data");
        let rates: Vec<_> = report
            .reported_rates()
            .into_iter()
            .filter(|r| r.disagrees())
            .collect();
        assert!(rates.iter().any(|r| r.year == 2018), "{rates:?}");
        let mut quoted = 0;
        for lang in Lang::ALL {
            for view in View::ALL {
                for text in of(&report, view, 0, lang) {
                    let stated = figures(text);
                    let says = |v: f64| stated.iter().any(|f| fmt::dec1(*f) == fmt::dec1(v));
                    for rate in rates.iter().filter(|r| says(r.stated_pct)) {
                        quoted += 1;
                        assert!(
                            says(rate.total) && says(rate.previous.1),
                            "{lang:?} {view:?} states {}'s {} % without the totals {} and {}:\n{text}",
                            rate.year,
                            rate.stated_pct,
                            rate.total,
                            rate.previous.1
                        );
                    }
                }
            }
        }
        assert!(
            quoted >= 4,
            "the sales notes quote 2017's and 2018's rates in both languages"
        );
    }

    #[test]
    fn a_single_quote_is_counted_in_the_singular() {
        let mut report = builtin().expect("built-in data");
        report.quotes.truncate(1);
        let mut app = App::new(report, View::Overview);
        assert_eq!(preview(&app, View::Quotes)[0], "1 quote");
        app.update(crate::action::Action::SwitchLanguage);
        assert_eq!(preview(&app, View::Quotes)[0], "1条引语");
        let mut report = builtin().expect("built-in data");
        report.quotes.truncate(2);
        let app = App::new(report, View::Overview);
        assert_eq!(preview(&app, View::Quotes)[0], "2 quotes, one at a time");
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
        let sources = format!("every figure with its source: {} / ", app.sources().len());
        assert!(shown(View::Sources).starts_with(&sources));
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
