#include "ui/handout.hpp"

#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/skeleton_builder.hpp"
#include "anim/stretch_groups.hpp"
#include "anim/library.hpp"
#include "anim/safety.hpp"
#include "biomech/measures.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "scene/profile.hpp"
#include "ui/snapshot.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <random>
#include <unistd.h>

namespace ui {

namespace {

constexpr double mm = 72.0 / 25.4;  // PDF points per millimetre
const char* const font = "DejaVu Sans";

struct Rgb {
    double r, g, b;
};
constexpr Rgb ink{0.10, 0.11, 0.13}, muted{0.36, 0.38, 0.42}, accent{0.62, 0.22, 0.16}, rule_bg{0.99, 0.94, 0.90};

std::string today() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
    return buf;
}

std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string fmt1(float v) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.1f", static_cast<double>(v));
    return buf;
}

// A Cairo PDF being written page by page, with a cursor and text that wraps and breaks pages.
class Doc {
public:
    Doc(const core::fs::path& file, Paper paper) {
        width_ = paper == Paper::a4 ? 210.0 * mm : 612.0;
        height_ = paper == Paper::a4 ? 297.0 * mm : 792.0;
        surface_ = cairo_pdf_surface_create(file.c_str(), width_, height_);
        cr_ = cairo_create(surface_);
        if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS || cairo_status(cr_) != CAIRO_STATUS_SUCCESS)
            throw core::Error(file.string() + ": cannot write the PDF: " + cairo_status_to_string(cairo_surface_status(surface_)));
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, "Your posture and stretches");
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, core::version_line().c_str());
        y_ = margin_;
    }
    ~Doc() {
        if (cr_) cairo_destroy(cr_);
        if (surface_) cairo_surface_destroy(surface_);
    }
    Doc(const Doc&) = delete;
    Doc& operator=(const Doc&) = delete;

    cairo_t* cr() { return cr_; }
    double left() const { return margin_; }
    double width() const { return width_ - 2.0 * margin_; }
    double page_width() const { return width_; }
    double page_height() const { return height_; }
    double y() const { return y_; }
    void set_y(double y) { y_ = y; }
    double bottom() const { return height_ - margin_ - footer_reserve_; }
    int pages() const { return pages_ + 1; }

    // What every page of the current part carries at its foot (drawn when the page is finished),
    // and the height it needs.
    void set_footer(std::function<void(Doc&)> draw, double reserve) {
        footer_ = std::move(draw);
        footer_reserve_ = reserve;
    }
    void finish_page() {
        if (footer_) footer_(*this);
        draw_page_number();
        cairo_show_page(cr_);
        ++pages_;
        y_ = margin_;
    }
    // Starts a new page when `h` points do not fit below the cursor.
    void ensure(double h) {
        if (y_ + h > bottom()) finish_page();
    }

    void set_font(double size, bool bold, Rgb c) {
        cairo_select_font_face(cr_, font, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr_, size);
        cairo_set_source_rgb(cr_, c.r, c.g, c.b);
    }
    double text_width(const std::string& s) {
        cairo_text_extents_t e;
        cairo_text_extents(cr_, s.c_str(), &e);
        return e.x_advance;
    }
    std::vector<std::string> wrap(const std::string& text, double w) {
        std::vector<std::string> lines;
        std::string line, word;
        auto flush_word = [&] {
            if (word.empty()) return;
            const std::string candidate = line.empty() ? word : line + " " + word;
            if (!line.empty() && text_width(candidate) > w) {
                lines.push_back(line);
                line = word;
            } else {
                line = candidate;
            }
            word.clear();
        };
        for (char ch : text) {
            if (ch == ' ') {
                flush_word();
            } else if (ch == '\n') {
                flush_word();
                lines.push_back(line);
                line.clear();
            } else {
                word += ch;
            }
        }
        flush_word();
        if (!line.empty()) lines.push_back(line);
        return lines;
    }
    // A wrapped paragraph at (x, cursor) in `w` points, breaking pages between lines. Returns the
    // height used on the last page.
    void paragraph(const std::string& text, double x, double w, double size, bool bold = false, Rgb c = ink, double after = 0.0) {
        set_font(size, bold, c);
        const double line_h = size * 1.32;
        for (const auto& line : wrap(text, w)) {
            ensure(line_h);
            set_font(size, bold, c);  // a new page resets nothing, but keep it explicit
            cairo_move_to(cr_, x, y_ + size);
            cairo_show_text(cr_, line.c_str());
            y_ += line_h;
        }
        y_ += after;
    }
    // A list item: a marker ("1." or a bullet) hanging left of the wrapped text.
    void item(const std::string& marker, const std::string& text, double size) {
        set_font(size, false, ink);
        const double indent = 6.5 * mm;
        const double line_h = size * 1.32;
        const auto lines = wrap(text, width() - indent);
        ensure(line_h);
        set_font(size, true, accent);
        cairo_move_to(cr_, left(), y_ + size);
        cairo_show_text(cr_, marker.c_str());
        set_font(size, false, ink);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i > 0) ensure(line_h);
            set_font(size, false, ink);
            cairo_move_to(cr_, left() + indent, y_ + size);
            cairo_show_text(cr_, lines[i].c_str());
            y_ += line_h;
        }
        y_ += size * 0.25;
    }
    void heading(const std::string& text, double size) {
        ensure(size * 3.0);  // never a heading alone at the foot of a page
        y_ += size * 0.5;
        paragraph(text, left(), width(), size, true, accent, size * 0.2);
    }
    // A PNG picture at (x, y) scaled to w x h points.
    void picture(const core::fs::path& png, double x, double y, double w, double h) {
        cairo_surface_t* img = cairo_image_surface_create_from_png(png.c_str());
        if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(img);
            throw core::Error(png.string() + ": cannot read the rendered picture");
        }
        const double iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
        cairo_save(cr_);
        cairo_rectangle(cr_, x, y, w, h);
        cairo_clip(cr_);
        cairo_translate(cr_, x, y);
        cairo_scale(cr_, w / iw, h / ih);
        cairo_set_source_surface(cr_, img, 0, 0);
        cairo_paint(cr_);
        cairo_restore(cr_);
        cairo_surface_destroy(img);
        cairo_set_source_rgb(cr_, 0.8, 0.8, 0.82);
        cairo_set_line_width(cr_, 0.5);
        cairo_rectangle(cr_, x, y, w, h);
        cairo_stroke(cr_);
    }
    void close(const std::string& file) {
        finish_page();
        cairo_destroy(cr_);
        cr_ = nullptr;
        cairo_surface_finish(surface_);
        const cairo_status_t st = cairo_surface_status(surface_);
        cairo_surface_destroy(surface_);
        surface_ = nullptr;
        if (st != CAIRO_STATUS_SUCCESS) throw core::Error(file + ": writing the PDF failed: " + cairo_status_to_string(st));
    }

private:
    void draw_page_number() {
        set_font(7.5, false, muted);
        const std::string s = std::string("Anatomy ") + core::version() + "  \xC2\xB7  page " + std::to_string(pages_ + 1);
        cairo_move_to(cr_, width_ - margin_ - text_width(s), height_ - margin_ * 0.55);
        cairo_show_text(cr_, s.c_str());
    }
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
    double width_ = 0, height_ = 0, margin_ = 15.0 * mm, y_ = 0, footer_reserve_ = 0;
    int pages_ = 0;
    std::function<void(Doc&)> footer_;
};

// The moment a picture shows: the end of the set-up (the last set-up key) and the hold (the
// first hold key, a little in).
float setup_time(const anim::Clip& c) {
    float t = 0.0f;
    for (const auto& k : c.keys)
        if (k.phase == anim::Phase::setup) t = k.t_s;
    return t;
}
float hold_time(const anim::Clip& c) {
    for (const auto& k : c.keys)
        if (k.phase == anim::Phase::hold) return std::min(k.t_s + 0.5f, c.duration_s());
    return c.duration_s() * 0.5f;
}

core::fs::path make_temp_dir() {
    std::random_device rd;
    const core::fs::path dir =
        core::fs::temp_directory_path() / ("anatomy-handout-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000));
    core::fs::create_directories(dir);
    return dir;
}

struct TempDir {
    core::fs::path path = make_temp_dir();
    ~TempDir() {
        std::error_code ec;
        core::fs::remove_all(path, ec);
    }
};

glm::ivec2 pixels(double w_pt, double h_pt, float dpi) {
    return {static_cast<int>(std::lround(w_pt / 72.0 * dpi)), static_cast<int>(std::lround(h_pt / 72.0 * dpi))};
}

}  // namespace

std::optional<Paper> parse_paper(const std::string& text) {
    if (text == "a4") return Paper::a4;
    if (text == "letter") return Paper::letter;
    return std::nullopt;
}

std::vector<std::string> handout_default_stretches(const std::vector<std::string>& conditions) {
    const anim::Rig rig = anim::load_default_rig(anat::build_default_skeleton());
    const anim::Library lib = anim::Library::load_default(rig);
    const anim::Safety& safety = anim::default_safety();
    std::vector<std::string> out;
    // Per group, the easiest stretch that suits the conditions (the library's order breaks ties).
    for (const auto& g : anim::default_stretch_groups()) {
        if (!g.handout) continue;
        const std::string& group = g.id;
        int best = -1;
        for (std::size_t i = 0; i < lib.size(); ++i) {
            const auto& info = lib.info(i);
            if (info.group != group || !anim::suitability(info.precautions, safety, conditions).suitable) continue;
            if (best < 0 || info.difficulty < lib.info(static_cast<std::size_t>(best)).difficulty) best = static_cast<int>(i);
        }
        if (best >= 0) out.push_back(lib.info(static_cast<std::size_t>(best)).id);
    }
    return out;
}

HandoutResult write_handout(const HandoutRequest& rq) {
    // Everything that can be wrong with the input fails before anything is rendered or written.
    std::optional<scene::Profile> profile;
    if (rq.profile) profile = scene::load_profile(*rq.profile);
    const biomech::PostureSettings settings = profile ? profile->posture : rq.posture;
    const std::vector<std::string> conditions = profile ? profile->conditions : std::vector<std::string>{};
    const anat::Skeleton skeleton = anat::build_default_skeleton();
    const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    const anim::Rig rig = anim::load_default_rig(skeleton);
    const anim::Library lib = anim::Library::load_default(rig);
    const anim::Safety& safety = anim::default_safety();
    HandoutResult result;
    result.stretches = rq.stretches.empty() ? handout_default_stretches(conditions) : rq.stretches;
    std::vector<int> indices;
    for (const auto& id : result.stretches) {
        const int i = lib.find(id);
        if (i < 0) {
            std::string known;
            for (std::size_t k = 0; k < lib.size(); ++k) known += (known.empty() ? "" : ", ") + lib.info(k).id;
            throw core::Error("no stretch called \"" + id + "\" (known: " + known + ")");
        }
        indices.push_back(i);
    }
    const core::fs::path out = rq.output;
    const core::fs::path dir = out.has_parent_path() ? out.parent_path() : core::fs::path(".");
    std::error_code ec;
    if (!core::fs::is_directory(dir, ec)) throw core::Error(out.string() + ": folder " + dir.string() + " does not exist");
    if (::access(dir.c_str(), W_OK) != 0) throw core::Error(out.string() + ": cannot write into " + dir.string());
    if (core::fs::is_directory(out, ec)) throw core::Error(out.string() + ": is a folder");

    const biomech::PostureSolver solver(skeleton, catalogue);
    const biomech::PostureResult posture = solver.solve(settings);
    const std::string date = rq.date.empty() ? today() : rq.date;

    TempDir tmp;
    const core::fs::path partial = dir / ("." + out.filename().string() + ".part" + std::to_string(::getpid()));
    struct RemovePartial {
        core::fs::path p;
        ~RemovePartial() {
            std::error_code e;
            core::fs::remove(p, e);
        }
    } remove_partial{partial};

    Doc doc(partial, rq.paper);
    cairo_t* cr = doc.cr();

    // ---- Page 1: the posture ----
    doc.set_font(20, true, ink);
    cairo_move_to(cr, doc.left(), doc.y() + 20);
    cairo_show_text(cr, "Your posture in the model");
    doc.set_y(doc.y() + 28);
    std::string sub = date;
    if (profile && !profile->patient.empty()) sub = profile->patient + "  \xC2\xB7  " + date;
    doc.paragraph(sub, doc.left(), doc.width(), 10.5, false, muted, 3 * mm);

    const double pic_w = 84 * mm, pic_h = 122 * mm, top = doc.y();
    {
        SnapshotRequest s;
        s.output = tmp.path / "posture.png";
        s.size = pixels(pic_w, pic_h, rq.picture_dpi);
        s.view = core::ViewPreset::left;
        s.posture = settings;
        s.ghost = true;
        s.overlays = true;
        s.arms = false;  // from the side the arm covers the pelvis and its angles
        if (rq.profile) s.profile = rq.profile;
        take_snapshot(s);
        doc.picture(s.output, doc.left(), top, pic_w, pic_h);
    }
    // The right column: the measures, the reading, the notes.
    const double col_x = doc.left() + pic_w + 7 * mm, col_w = doc.width() - pic_w - 7 * mm;
    doc.set_y(top);
    doc.paragraph("The measures", col_x, col_w, 12, true, accent, 1.5 * mm);
    for (const auto& info : biomech::measure_table()) {
        const float v = posture.measures.*info.value;
        doc.set_font(9.5, true, ink);
        const double y0 = doc.y();
        cairo_move_to(cr, col_x, y0 + 9.5);
        cairo_show_text(cr, info.label);
        const std::string value = fmt1(v) + "\xC2\xB0";
        cairo_move_to(cr, col_x + col_w - doc.text_width(value), y0 + 9.5);
        cairo_show_text(cr, value.c_str());
        doc.set_y(y0 + 12.5);
        std::string note = info.sign;
        if (info.typical[0]) note += std::string(note.empty() ? "" : "; ") + info.typical;
        if (!note.empty()) doc.paragraph(note, col_x, col_w, 8, false, muted, 1.2 * mm);
    }
    const auto reading = biomech::read_clinical_tilt(posture.measures.pelvic_tilt_clinical_deg);
    doc.set_y(doc.y() + 2 * mm);
    doc.paragraph("What it means", col_x, col_w, 12, true, accent, 1 * mm);
    doc.paragraph(std::string("In this model, pelvic tilt is ") + reading.words + ".", col_x, col_w, 9.5, false, ink, 1.5 * mm);
    std::string settings_text = "The model was set with: ";
    bool first = true;
    for (auto g : biomech::all_posture_groups) {
        const float v = settings[g];
        const bool resting_pull = g == biomech::PostureGroup::glutes || g == biomech::PostureGroup::abdominals;
        if ((resting_pull && v >= 99.5f) || (!resting_pull && v <= 0.5f)) continue;
        settings_text += std::string(first ? "" : ", ") + biomech::posture_group_name(g) + " " + std::to_string(static_cast<int>(std::lround(v))) +
                         (resting_pull ? " of 100 (100 = normal)" : " of 100 (0 = normal)");
        first = false;
    }
    if (first) settings_text += "every muscle at its normal setting (neutral)";
    doc.paragraph(settings_text + ".", col_x, col_w, 9, false, muted, 2 * mm);
    if (profile && (!profile->notes.empty() || !profile->annotations.empty())) {
        doc.paragraph("Your clinician's notes", col_x, col_w, 12, true, accent, 1 * mm);
        if (!profile->notes.empty()) doc.paragraph(profile->notes, col_x, col_w, 9.5, false, ink, 1.5 * mm);
        for (const auto& a : profile->annotations) {
            std::string where = a.id;
            if (a.target == scene::Annotation::Target::muscle)
                if (const int m = catalogue.find(a.id); m >= 0) where = catalogue.muscles[static_cast<std::size_t>(m)].display_name();
            doc.paragraph(where + ": " + a.text, col_x, col_w, 9, false, ink, 1 * mm);
        }
    }
    doc.set_y(std::max(doc.y(), top + pic_h) + 4 * mm);
    doc.paragraph(
        "The picture shows the model from the left side, its arms left out, with the measurement lines on the pelvis and spine. Where the pale "
        "figure shows, it is the same body with every muscle at its normal setting, for comparison.",
        doc.left(), doc.width(), 9, false, muted, 2 * mm);
    doc.heading("About this model", 12);
    doc.paragraph(
        "It is a mechanical model set to the muscle tightness and resting pull your clinician chose, to show how such muscles can "
        "pull on the pelvis. It is not a diagnosis: in real people, studies find little link between muscle length and standing "
        "posture or back pain.",
        doc.left(), doc.width(), 9.5, false, ink, 2 * mm);
    if (!indices.empty()) {
        std::string list;
        for (int i : indices) list += (list.empty() ? "" : "; ") + lib.info(static_cast<std::size_t>(i)).name;
        doc.heading("Your stretches, on the next pages", 12);
        doc.paragraph(list + ".", doc.left(), doc.width(), 9.5, false, ink);
    }

    // ---- One part per stretch ----
    const double rule_h = 18 * mm;
    auto safety_footer = [&](Doc& d) {
        cairo_t* c = d.cr();
        const double y = d.page_height() - 15 * mm - rule_h + 2 * mm;
        cairo_set_source_rgb(c, rule_bg.r, rule_bg.g, rule_bg.b);
        cairo_rectangle(c, d.left(), y, d.width(), rule_h - 4 * mm);
        cairo_fill(c);
        const double saved = d.y();
        d.set_y(y + 2 * mm);
        d.set_font(9, true, accent);
        cairo_move_to(c, d.left() + 3 * mm, d.y() + 9);
        cairo_show_text(c, "Safety: when to stop");
        d.set_y(d.y() + 12);
        d.set_font(9, false, ink);
        const auto lines = d.wrap(safety.rule, d.width() - 6 * mm);
        for (const auto& line : lines) {
            d.set_font(9, false, ink);
            cairo_move_to(c, d.left() + 3 * mm, d.y() + 9);
            cairo_show_text(c, line.c_str());
            d.set_y(d.y() + 11.5);
        }
        d.set_y(saved);
    };
    for (int index : indices) {
        doc.finish_page();
        doc.set_footer(safety_footer, rule_h);
        const auto& clip = lib.clip(static_cast<std::size_t>(index));
        const auto& info = clip.info;
        doc.paragraph(info.name, doc.left(), doc.width(), 18, true, ink, 1 * mm);
        const auto* g = catalogue.find_group(info.group);
        std::string targets;
        for (const auto& t : info.targets) {
            const int m = catalogue.find(t);
            const std::string name = m >= 0 ? catalogue.muscles[static_cast<std::size_t>(m)].name : t;
            if (targets.find(name) == std::string::npos) targets += (targets.empty() ? "" : ", ") + name;
        }
        doc.paragraph(std::string("Stretches the ") + lower_first(g ? g->name : info.group) + (g && !g->plain.empty() ? " (" + g->plain + ")" : "") +
                          ": " + targets + ".  Position: " + anim::to_string(info.position) + ".",
                      doc.left(), doc.width(), 9.5, false, muted, 3 * mm);
        const double gap = 5 * mm, pw = (doc.width() - gap) / 2.0, ph = pw * 0.68, py = doc.y();
        const struct {
            const char* caption;
            float t;
        } shots[] = {{"Set-up", setup_time(clip)}, {"Hold", hold_time(clip)}};
        for (int k = 0; k < 2; ++k) {
            SnapshotRequest s;
            s.output = tmp.path / (info.id + "_" + std::to_string(k) + ".png");
            s.size = pixels(pw, ph, rq.picture_dpi);
            s.posture = settings;
            s.stretch = info.id;
            s.stretch_time_s = shots[k].t;
            s.stretch_cue = true;  // the form the steps teach: the pelvis held by the cue
            s.view_given = false;  // the stretch's teaching camera
            take_snapshot(s);
            const double x = doc.left() + k * (pw + gap);
            doc.picture(s.output, x, py, pw, ph);
            doc.set_font(9, true, muted);
            cairo_move_to(cr, x, py + ph + 11);
            cairo_show_text(cr, shots[k].caption);
        }
        doc.set_y(py + ph + 16);
        doc.paragraph("The stretched muscles are coloured from blue (resting length) to red (the end of a normal range).", doc.left(), doc.width(), 8,
                      false, muted, 1 * mm);
        doc.heading("How to do it", 12);
        for (std::size_t i = 0; i < info.steps.size(); ++i) doc.item(std::to_string(i + 1) + ".", info.steps[i], 10);
        if (!info.cues.empty()) {
            doc.heading("Keep in mind", 12);
            for (const auto& c : info.cues) doc.item("\xE2\x80\xA2", c, 10);
        }
        if (!info.mistakes.empty()) {
            doc.heading("Common mistakes", 12);
            for (const auto& m : info.mistakes) doc.item("\xE2\x80\xA2", m, 10);
        }
        doc.heading("How much", 12);
        char reps[96];
        if (info.reps.min == info.reps.max)
            std::snprintf(reps, sizeof(reps), "Hold %.0f s, %d times per side.", static_cast<double>(info.hold_s), info.reps.min);
        else
            std::snprintf(reps, sizeof(reps), "Hold %.0f s, %d to %d times per side.", static_cast<double>(info.hold_s), info.reps.min,
                          info.reps.max);
        // The clip's dosage text says the hold, the repetitions and the days a week in words; the
        // numbers come first in bold, for a glance.
        doc.paragraph(reps, doc.left(), doc.width(), 10, true, ink, 0.5 * mm);
        if (!info.dosage.empty()) doc.paragraph(info.dosage, doc.left(), doc.width(), 10, false, ink, 1 * mm);
        if (!conditions.empty()) {
            const auto fit = anim::suitability(info.precautions, safety, conditions);
            doc.heading("For you", 12);
            if (fit.because.empty())
                doc.paragraph("Nothing in your recorded conditions changes this stretch.", doc.left(), doc.width(), 10, false, ink);
            for (const auto& p : fit.because) {
                const auto* cond = safety.find(p.condition);
                const char* what = p.action == anim::PrecautionAction::skip     ? "leave this stretch out"
                                   : p.action == anim::PrecautionAction::modify ? "do it differently"
                                                                                : "ask your clinician before doing it";
                doc.item("\xE2\x80\xA2", (cond ? cond->name : p.condition) + ": " + what + ". " + p.text, 10);
            }
        }
    }
    result.pages = doc.pages();
    doc.close(out.string());

    std::error_code rename_ec;
    core::fs::rename(partial, out, rename_ec);
    if (rename_ec) throw core::Error(out.string() + ": cannot replace the file: " + rename_ec.message());
    return result;
}

}  // namespace ui
