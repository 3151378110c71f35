//! Every built-in theme at every colour depth, measured as a terminal shows it: text meets
//! WCAG 2's contrast on its background (AA, 4.5:1; the `contrast` theme AAA, 7:1), bars and
//! marks 3:1 (`contrast` 4.5:1), and urban and rural stay apart for viewers with normal
//! colour vision, deuteranopia and protanopia. 256 and 16 colours are measured in the RGB
//! xterm draws each palette index in.

use gapdash_ui::theme::{ColorDepth, Theme, palette_index, palette_rgb};
use ratatui::style::{Color, Modifier, Style};

type Rgb = (u8, u8, u8);

const DEPTHS: [ColorDepth; 3] = [
    ColorDepth::TrueColor,
    ColorDepth::Ansi256,
    ColorDepth::Ansi16,
];

/// A terminal's own text and background (`reset`): xterm's default black on white, and the
/// same the other way round, as a dark terminal has it. A theme that leaves a colour to the
/// terminal must read on both.
const DEFAULTS: [(Rgb, Rgb); 2] = [((0, 0, 0), (255, 255, 255)), ((255, 255, 255), (0, 0, 0))];

/// The RGB a terminal draws `color` in, `default` for the terminal's own.
fn rgb(color: Option<Color>, default: Rgb) -> Rgb {
    match color.unwrap_or(Color::Reset) {
        Color::Reset => default,
        Color::Rgb(r, g, b) => (r, g, b),
        other => palette_rgb(palette_index(other).expect("a palette colour")),
    }
}

/// A style's glyph colour and background as shown, reverse video applied.
fn shown(style: Style, (fg, bg): (Rgb, Rgb)) -> (Rgb, Rgb) {
    let (ink, paper) = (rgb(style.fg, fg), rgb(style.bg, bg));
    if style.add_modifier.contains(Modifier::REVERSED) {
        (paper, ink)
    } else {
        (ink, paper)
    }
}

/// An sRGB channel in linear light, as WCAG 2 defines it.
fn linear(channel: u8) -> f64 {
    let c = f64::from(channel) / 255.0;
    if c <= 0.03928 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG 2's relative luminance.
fn luminance((r, g, b): Rgb) -> f64 {
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2's contrast ratio, 1 to 21.
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Colour vision simulated on linear RGB with Machado, Oliveira and Fernandes (2009), "A
/// Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6),
/// their matrices for severity 1.0.
#[derive(Debug, Clone, Copy)]
enum Vision {
    Normal,
    Deuteranopia,
    Protanopia,
}

impl Vision {
    fn see(self, (r, g, b): Rgb) -> [f64; 3] {
        let linear = [linear(r), linear(g), linear(b)];
        let m = match self {
            Vision::Normal => return linear,
            Vision::Deuteranopia => [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            Vision::Protanopia => [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
        };
        m.map(|row| (row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2]).clamp(0.0, 1.0))
    }
}

/// CIELAB (D65) of a colour in linear RGB.
fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// How far apart two colours look to `vision`: CIE 1976 ΔE*ab of the simulated colours.
fn apart(vision: Vision, a: Rgb, b: Rgb) -> f64 {
    let (a, b) = (lab(vision.see(a)), lab(vision.see(b)));
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// Urban and rural must be at least this far apart (ΔE*ab) to every viewer. The classic
/// confusion pairs score far below it (xterm's red and green: 24 to a deuteranope; see
/// `the_measure_rejects_red_and_green_for_a_deuteranope`); a just-noticeable difference is
/// about 2.3.
const APART: f64 = 40.0;

fn themes(depth: ColorDepth) -> Vec<Theme> {
    Theme::all_builtin(depth).expect("the built-in themes load")
}

/// The lowest contrast of `styles`, over the terminal defaults it may meet, with
/// the role that has it.
fn lowest(styles: &[(&'static str, Style)]) -> (f64, &'static str) {
    styles
        .iter()
        .flat_map(|(role, style)| {
            DEFAULTS.iter().map(move |defaults| {
                let (ink, paper) = shown(*style, *defaults);
                (contrast(ink, paper), *role)
            })
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("styles to measure")
}

/// Text: every role drawn as words, on the background it is drawn on.
fn text_styles(t: &Theme) -> Vec<(&'static str, Style)> {
    vec![
        ("text", t.text),
        ("muted", t.muted),
        ("heading", t.heading),
        ("accent", t.accent),
        ("hint_key", t.hint_key),
        ("warning", t.warning),
        ("selected", t.selected),
        ("title_bar", t.title_bar),
    ]
}

/// Marks: the series' bars, swatches and big figures. Borders are not measured: they frame
/// the cards and carry nothing a reader needs (WCAG 1.4.11 asks it of what does).
fn mark_styles(t: &Theme) -> Vec<(&'static str, Style)> {
    vec![("urban", t.urban), ("rural", t.rural), ("other", t.other)]
}

#[test]
fn text_and_marks_meet_wcag_contrast_in_every_theme_at_every_depth() {
    let mut report = String::new();
    let mut failures = Vec::new();
    for depth in DEPTHS {
        for theme in themes(depth) {
            let (text_needs, marks_need) = if theme.name == "contrast" {
                (7.0, 4.5)
            } else {
                (4.5, 3.0)
            };
            let (text, text_role) = lowest(&text_styles(&theme));
            let (marks, mark_role) = lowest(&mark_styles(&theme));
            report.push_str(&format!(
                "{:<9} {depth:?}: text ≥ {text:.2} ({text_role}), marks ≥ {marks:.2} ({mark_role})\n",
                theme.name
            ));
            if text < text_needs {
                failures.push(format!(
                    "{} {depth:?}: {text_role} {text:.2} < {text_needs}",
                    theme.name
                ));
            }
            if marks < marks_need {
                failures.push(format!(
                    "{} {depth:?}: {mark_role} {marks:.2} < {marks_need}",
                    theme.name
                ));
            }
        }
    }
    println!("{report}");
    assert!(failures.is_empty(), "{failures:#?}\n{report}");
}

#[test]
fn urban_and_rural_stay_apart_for_every_viewer_in_every_theme_at_every_depth() {
    let mut failures = Vec::new();
    for depth in DEPTHS {
        for theme in themes(depth) {
            for defaults in DEFAULTS {
                let (urban, _) = shown(theme.urban, defaults);
                let (rural, _) = shown(theme.rural, defaults);
                for vision in [Vision::Normal, Vision::Deuteranopia, Vision::Protanopia] {
                    let d = apart(vision, urban, rural);
                    println!("{} {depth:?} {vision:?}: ΔE {d:.0}", theme.name);
                    if d < APART {
                        failures.push(format!(
                            "{} {depth:?} {vision:?}: urban {urban:?} and rural {rural:?} are ΔE {d:.1} apart",
                            theme.name
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_measure_rejects_red_and_green_for_a_deuteranope() {
    let (red, green) = (palette_rgb(1), palette_rgb(2));
    assert!(apart(Vision::Normal, red, green) > APART);
    assert!(apart(Vision::Deuteranopia, red, green) < APART);
    // Pure red on pure green at equal lightness is the protanope's confusion.
    assert!(apart(Vision::Protanopia, (255, 0, 0), (0, 128, 0)) < APART);
    // WCAG's own extremes.
    assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    assert!((contrast((119, 119, 119), (255, 255, 255)) - 4.48).abs() < 0.01);
}

/// Hue in degrees, 0 red, 60 yellow, 120 green, 180 cyan, 240 blue.
fn hue((r, g, b): Rgb) -> f64 {
    let (r, g, b) = (f64::from(r), f64::from(g), f64::from(b));
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let d = max - min;
    let h = if d == 0.0 {
        0.0
    } else if max == r {
        60.0 * ((g - b) / d).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    h.rem_euclid(360.0)
}

/// What the README says: urban is a blue (cyan at the greenest) and rural a warm colour,
/// orange where the palette has one (yellow or red in 16 colours, and in `terminal`, which
/// keeps to the terminal's own 16 at every depth), in every theme.
#[test]
fn urban_is_a_blue_and_rural_a_warm_colour_in_every_theme_at_every_depth() {
    for depth in DEPTHS {
        for theme in themes(depth) {
            let (urban, _) = shown(theme.urban, DEFAULTS[0]);
            let (rural, _) = shown(theme.rural, DEFAULTS[0]);
            let (u, r) = (hue(urban), hue(rural));
            assert!(
                (180.0..=250.0).contains(&u),
                "{} {depth:?}: urban {urban:?} at hue {u:.0}",
                theme.name
            );
            assert!(
                r <= 60.0,
                "{} {depth:?}: rural {rural:?} at hue {r:.0}",
                theme.name
            );
            if depth != ColorDepth::Ansi16 && theme.name != "terminal" {
                assert!(
                    (15.0..=45.0).contains(&r),
                    "{} {depth:?}: rural {rural:?} is an orange, at hue {r:.0}",
                    theme.name
                );
            }
        }
    }
}
