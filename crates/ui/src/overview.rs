//! The headline: urban, rural and the gap in June 2020, poor villages online, rural online
//! sales with a sparkline of every year, and one line of the report's own words.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use super::theme::Theme;
use super::{bordered, spark};
use gapdash_app::app::App;
use gapdash_app::layout;
use gapdash_app::text;
use gapdash_data::{Confidence, Side, fmt};

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let r = app.report();
    let h = &r.headline;
    let Some(period) = r.penetration.periods.iter().find(|p| p.period == h.period) else {
        return;
    };
    let (Some(from), Some(to), Some(factor)) = (
        r.sales.year(h.sales_from),
        r.sales.year(h.sales_to),
        r.sales.growth_factor(h.sales_from, h.sales_to),
    ) else {
        return;
    };
    let quote = r.quotes.get(h.headline_quote.saturating_sub(1));
    let s = app.strings();
    let o = &s.overview;

    let words = quote.map_or_else(Vec::new, |q| {
        let line = Line::styled(
            o.words.fill(&[
                ("speaker", &s.term(&q.speaker)),
                ("quote", &q.display_text()),
            ]),
            theme.text.add_modifier(Modifier::ITALIC),
        );
        let lines = text::wrap_line(&line.centered(), area.width as usize);
        text::fit(lines, 3, area.width as usize)
    });
    let title = Line::from(vec![
        Span::styled(s.term(&h.title), theme.heading),
        Span::styled(
            o.released
                .fill(&[("date", &s.date(&h.released)), ("venue", &s.term(&h.venue))]),
            theme.muted,
        ),
    ]);
    // Tall enough: the title and the footnote whole, however many rows they wrap to; else
    // a row each, cut with "…".
    let rows = |lines: Vec<Line<'static>>| {
        let rows = if area.height >= 20 { lines.len() } else { 1 };
        text::fit(lines, rows, area.width as usize)
    };
    let title_lines = rows(text::wrap_line(&title, area.width as usize));
    let title_rows = title_lines.len() as u16;
    let footnote = rows(text::wrap_line(
        &Line::styled(
            o.footnote.fill(&[
                ("d", &Confidence::D.marker()),
                ("urban", &fmt::pct1(period.urban_pct)),
                ("rural", &fmt::pct1(period.rural_pct)),
                ("factor", &s.times(&fmt::dec1(factor))),
                ("to", &s.billions(to.yuan_billion)),
                ("from", &s.billions(from.yuan_billion)),
                ("sources", &gapdash_app::view::View::Sources.number()),
            ]),
            theme.muted,
        ),
        area.width as usize,
    ));
    let [title_area, row1, row2, words_area, foot] = layout::split(
        area,
        Direction::Vertical,
        [
            Constraint::Length(title_rows),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(words.len() as u16),
            Constraint::Length(footnote.len() as u16),
        ],
    );
    Paragraph::new(title_lines).render(title_area, buf);

    let when = s.period(&period.period);
    let card_title = |name: &str| o.card.fill(&[("name", &name), ("period", &when)]);
    let [urban, rural, gap] = layout::split(row1, Direction::Horizontal, [Constraint::Fill(1); 3]);
    for (area, side, name, pct, style) in [
        (urban, Side::Urban, &o.urban, period.urban_pct, theme.urban),
        (rural, Side::Rural, &o.rural, period.rural_pct, theme.rural),
    ] {
        let figure = format!("{}%{}", fmt::pct1(pct), period.marker(side));
        card(
            app,
            area,
            buf,
            theme,
            Card {
                titles: vec![card_title(name), name.clone()],
                caption: o.online_figure.fill(&[("figure", &figure)]),
                unit: o.online.clone(),
                figure,
                style,
                extra: vec![],
                spark: false,
            },
        );
    }
    let gap_name = format!("{}{}", o.gap, Confidence::D.marker());
    let figure = fmt::pct1(period.gap_pts());
    card(
        app,
        gap,
        buf,
        theme,
        Card {
            titles: vec![card_title(&gap_name), gap_name],
            caption: o.gap_figure.fill(&[("figure", &figure)]),
            unit: o.gap_unit.clone(),
            figure,
            style: theme.heading,
            extra: vec![],
            spark: false,
        },
    );

    let [villages, sales] = layout::split(
        row2,
        Direction::Horizontal,
        [Constraint::Fill(1), Constraint::Fill(2)],
    );
    let pv = &h.poor_villages;
    let figure = format!("{}%{}", fmt::num(pv.pct), pv.provenance.confidence.marker());
    card(
        app,
        villages,
        buf,
        theme,
        Card {
            titles: vec![o.poor_villages.clone()],
            caption: o.villages_figure.fill(&[("figure", &figure)]),
            unit: o.villages_unit.clone(),
            figure,
            style: theme.other,
            extra: vec![],
            spark: false,
        },
    );
    let usd = to
        .usd_billion_about
        .map(|usd| o.usd.fill(&[("n", &s.billions(usd))]))
        .unwrap_or_default();
    let times = format!("{}{}", s.times(&fmt::dec1(factor)), Confidence::D.marker());
    let level = o
        .level
        .pieces(&[
            ("times", &times),
            ("year", &from.year),
            ("amount", &s.yuan(from.yuan_billion)),
        ])
        .into_iter()
        .map(|(place, text)| match place {
            Some("times") => Span::styled(text, theme.heading),
            _ => Span::styled(text, theme.muted),
        })
        .collect::<Vec<_>>();
    card(
        app,
        sales,
        buf,
        theme,
        Card {
            titles: vec![
                o.sales.fill(&[("year", &to.year)]),
                o.sales_short.fill(&[("year", &to.year)]),
                o.sales_shortest.clone(),
            ],
            figure: s.yuan_short(to.yuan_billion),
            caption: String::new(),
            unit: String::new(),
            style: theme.rural,
            extra: vec![
                Line::styled(format!("{}{usd}", s.yuan(to.yuan_billion)), theme.muted),
                Line::from(level),
            ],
            spark: true,
        },
    );

    Paragraph::new(words).render(words_area, buf);
    Paragraph::new(footnote).render(foot, buf);
}

/// A bordered card: the figure in big text when it fits, in bold otherwise, then its unit
/// and captions. Under big text the caption repeats the figure as text with its unit, so
/// that text snapshots and screen readers have it too.
struct Card {
    /// The title, then shorter forms for narrow cards: the first that fits is shown.
    titles: Vec<String>,
    figure: String,
    /// Under big text: the figure with its unit ("76.4% online"); empty for none.
    caption: String,
    /// Under a figure in bold: the unit alone ("online"); empty for none.
    unit: String,
    style: Style,
    extra: Vec<Line<'static>>,
    /// The sales of every year as a sparkline at the card's right, where it fits.
    spark: bool,
}

/// Big text is left out in ASCII mode: its glyphs are block characters. Captions that do
/// not fit end in "…" on the last row there is room for.
fn card(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, card: Card) {
    let Card {
        titles,
        figure,
        caption,
        unit,
        style,
        extra,
        spark,
    } = card;
    let room = (area.width as usize).saturating_sub(4);
    let title = titles
        .iter()
        .find(|t| text::width(t) <= room)
        .cloned()
        .unwrap_or_else(|| text::truncate(&titles[0], room));
    let block = bordered(theme).title(Span::styled(format!(" {title} "), theme.heading));
    let inner = block.inner(area);
    block.render(area, buf);
    let inner = if spark {
        beside_spark(app, inner, buf, theme)
    } else {
        inner
    };
    let width = inner.width as usize;
    // The unit line repeats the figure under big text; alone, the figure is on its own row.
    let captions = |big: bool| -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let first = if big { &caption } else { &unit };
        if !first.is_empty() {
            lines.push(Line::styled(first.clone(), theme.muted));
        }
        lines.extend(extra.iter().cloned());
        text::wrap_lines(&lines, width)
    };
    let chars = text::width(&figure) as u16;
    let sizes: &[PixelSize] = if app.ascii() {
        &[]
    } else {
        &[PixelSize::Full, PixelSize::HalfHeight, PixelSize::Quadrant]
    };
    let big_rows = captions(true).len() as u16;
    let size = sizes.iter().copied().find(|size| {
        let (w, h) = cell_size(*size);
        chars * w <= inner.width && h < inner.height.saturating_sub(big_rows)
    });
    let figure_height = size.map_or(1, |s| cell_size(s).1);
    let captions = text::fit(
        captions(size.is_some()),
        inner.height.saturating_sub(figure_height) as usize,
        width,
    );
    let used = figure_height + captions.len() as u16;
    let top = inner.y + inner.height.saturating_sub(used) / 2;
    let figure_area = Rect {
        y: top,
        height: figure_height.min(inner.height),
        ..inner
    };
    match size {
        Some(pixel_size) => BigText::builder()
            .pixel_size(pixel_size)
            .style(style.add_modifier(Modifier::BOLD))
            .lines(vec![Line::from(figure)])
            .centered()
            .build()
            .render(figure_area, buf),
        None => Line::styled(figure, style.add_modifier(Modifier::BOLD))
            .centered()
            .render(figure_area, buf),
    }
    // Only as tall as the captions: a paragraph restyles its whole area.
    let captions_area = Rect {
        y: figure_area.bottom(),
        height: inner
            .bottom()
            .saturating_sub(figure_area.bottom())
            .min(captions.len() as u16),
        ..inner
    };
    Paragraph::new(captions)
        .centered()
        .render(captions_area, buf);
}

/// The sparkline of every year's sales at the right of `inner`, in the middle of its rows,
/// as tall as it gets up to six rows, when room for a figure is left beside it. Returns the
/// area left for the figure and its captions.
fn beside_spark(app: &App, inner: Rect, buf: &mut Buffer, theme: &Theme) -> Rect {
    /// The least a figure in bold with its captions needs beside the sparkline.
    const FIGURE_MIN: u16 = 24;
    let (width, height) = spark::size(&app.report().sales);
    if inner.width < width + 3 + FIGURE_MIN || inner.height < height {
        return inner;
    }
    let [rest, _, strip, _] = layout::split(
        inner,
        Direction::Horizontal,
        [
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Length(width),
            Constraint::Length(1),
        ],
    );
    let rows = inner.height.min(6);
    spark::render(app, layout::centered(strip, width, rows), buf, theme);
    rest
}

/// Cells one character of big text takes at a pixel size: (width, height).
fn cell_size(size: PixelSize) -> (u16, u16) {
    match size {
        PixelSize::Full => (8, 8),
        PixelSize::HalfHeight => (8, 4),
        _ => (4, 4),
    }
}
