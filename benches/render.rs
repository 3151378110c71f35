//! Render cost, measured with criterion (never by a timed test):
//! - a full frame (layout + widgets into a buffer) of every view at 80×24, 160×48, 300×90;
//! - one key: an Action through `App::update` and a redraw;
//! - start-up: loading the built-in data and drawing the first frame;
//! - encoding: a view switch's changed cells as bytes, by the terminal's own encoder
//!   (`gapdash::ansi`) and by ratatui's `CrosstermBackend`, the reason the former exists.
//!
//! `cargo bench --bench render`; CI runs `cargo bench --no-run` so these keep compiling.

use std::hint::black_box;
use std::time::Instant;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use gapdash::action::Action;
use gapdash::app::{App, Options, View};
use gapdash::data;
use gapdash::ui::Dashboard;
use gapdash::ui::theme::Theme;

const SIZES: [(u16, u16); 3] = [(80, 24), (160, 48), (300, 90)];

fn app(view: View) -> App {
    let report = data::builtin().expect("built-in data loads");
    App::with_options(report, Options::new(view), Instant::now())
}

fn full_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    let theme = Theme::default();
    for view in View::ALL {
        let app = app(view);
        for (w, h) in SIZES {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            group.bench_with_input(
                BenchmarkId::new(format!("{view:?}").to_lowercase(), format!("{w}x{h}")),
                &area,
                |b, area| {
                    b.iter(|| {
                        buf.reset();
                        Dashboard::with_theme(black_box(&app), &theme).render(*area, &mut buf);
                    })
                },
            );
        }
    }
    group.finish();
}

fn key_and_redraw(c: &mut Criterion) {
    let mut app = app(View::Overview);
    let theme = Theme::default();
    let area = Rect::new(0, 0, 160, 48);
    let mut buf = Buffer::empty(area);
    c.bench_function("key/next_view_and_redraw_160x48", |b| {
        b.iter(|| {
            app.update(black_box(Action::NextView));
            buf.reset();
            Dashboard::with_theme(&app, &theme).render(area, &mut buf);
        })
    });
}

fn startup(c: &mut Criterion) {
    let area = Rect::new(0, 0, 100, 30);
    c.bench_function("startup/load_data_and_first_frame_100x30", |b| {
        b.iter(|| {
            let app = app(View::Overview);
            let mut buf = Buffer::empty(area);
            Dashboard::with_theme(&app, &Theme::default()).render(area, &mut buf);
            black_box(buf)
        })
    });
}

/// The bytes of a view switch at 100x30 (overview to penetration), encoded by the terminal's
/// own encoder and by crossterm's command formatting through ratatui's `CrosstermBackend`.
fn encoding(c: &mut Criterion) {
    let area = Rect::new(0, 0, 100, 30);
    let theme = Theme::default();
    let frame = |view| {
        let mut buf = Buffer::empty(area);
        Dashboard::with_theme(&app(view), &theme).render(area, &mut buf);
        buf
    };
    let (from, to) = (frame(View::Overview), frame(View::Penetration));
    let mut group = c.benchmark_group("encode");
    let mut bytes = Vec::with_capacity(64 * 1024);
    group.bench_function("view_switch_100x30/own", |b| {
        b.iter(|| {
            bytes.clear();
            gapdash::ansi::encode(&mut bytes, gapdash::ansi::changes(&from, &to));
            black_box(bytes.len())
        })
    });
    group.bench_function("view_switch_100x30/crossterm_backend", |b| {
        b.iter(|| {
            bytes.clear();
            let mut backend = CrosstermBackend::new(&mut bytes);
            backend
                .draw(from.diff(&to).into_iter())
                .expect("writes to memory");
            black_box(bytes.len())
        })
    });
    group.finish();
}

criterion_group!(benches, full_frame, key_and_redraw, startup, encoding);
criterion_main!(benches);
