// ui/panel_inspector.cpp: the Inspector (search, the selected muscle's or bone's card with live
// length, stretch and passive force), hover tooltips, and labels with leader lines.
#include "ui/labels.hpp"
#include "ui/panels.hpp"
#include "ui/viewer_impl.hpp"

#include "scene/search.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ui {

namespace {

const char* force_words(float norm) {
    if (norm < 0.005f) return "slack";
    if (norm < 0.05f) return "low";
    if (norm < 0.2f) return "moderate";
    return "high";
}

class InspectorPanel : public Panel {
public:
    explicit InspectorPanel(InspectorPanelDeps deps)
        : d_(std::move(deps)), display_(*d_.display), layers_open_(*d_.layers_open), patient_mode_(*d_.patient_mode) {}
    std::string_view title() const override { return "Inspector"; }
    SDL_Keycode key() const override { return SDLK_F4; }
    std::string_view key_name() const override { return "F4"; }
    std::string_view key_help() const override { return "Inspector panel"; }
    bool needs_anatomy() const override { return true; }
    bool column() const override { return true; }
    void draw(const PanelContext& context, bool& open) override;

private:
    InspectorPanelDeps d_;
    scene::Display& display_;
    const bool& layers_open_;
    const bool& patient_mode_;
    char search_[128] = {};
};

void InspectorPanel::draw(const PanelContext& context, bool& open) {
    const float em = ImGui::GetFontSize();
    // The right column's bottom half under the layers, or all of it.
    if (!context.begin_column || !context.begin_column("Inspector (F4)", &open, false, layers_open_ ? 0.5f : 0.0f, 1.0f, 21.0f)) return;
    const ShownBody on_screen = d_.body();
    const auto& cat = *on_screen.catalogue;
    ImGui::PushTextWrapPos(0.0f);  // every line wraps at the panel's edge, however narrow

    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", "Search muscles, bones, stretches...", search_, sizeof(search_));
    if (search_[0] != '\0') {
        scene::SearchInput in;
        in.catalogue = &cat;
        for (const auto& b : *on_screen.bones) in.bones.push_back(b.name);
        in.stretches = on_screen.stretches;
        in.synonyms = &scene::default_synonyms();
        const auto hits = scene::search(in, search_);
        ImGui::BeginChild("results", ImVec2(0, em * 9), true);
        const char* headings[] = {"Groups", "Muscles", "Bones", "Stretches"};
        int last_kind = -1, shown = 0;
        for (const auto& h : hits) {
            if (shown >= 60) break;
            const int kind = static_cast<int>(h.kind);
            if (kind != last_kind) {
                ImGui::TextDisabled("%s", headings[kind]);
                last_kind = kind;
            }
            ImGui::PushID(shown++);
            if (ImGui::Selectable(h.label.c_str(), display_.selection.id == h.id)) {
                switch (h.kind) {
                    case scene::SearchHit::Kind::group: d_.select({scene::Selection::Kind::group, h.id}); break;
                    case scene::SearchHit::Kind::muscle:
                        d_.select({scene::Selection::Kind::muscle, h.id});
                        d_.focus();
                        break;
                    case scene::SearchHit::Kind::bone:
                        d_.select({scene::Selection::Kind::bone, h.id});
                        d_.focus();
                        break;
                    case scene::SearchHit::Kind::stretch:
                        if (on_screen.stretches) d_.start_stretch(on_screen.stretches->find(h.id));
                        break;
                }
            }
            ImGui::PopID();
        }
        if (hits.empty()) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("Nothing matches \"%s\". %s", search_, scene::search_coverage(in).c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndChild();
    }

    const auto& sel = display_.selection;
    ImGui::Separator();
    if (sel.kind == scene::Selection::Kind::none) {
        ImGui::TextWrapped("Click a muscle or a bone, or search, to see it here.");
    } else if (sel.kind == scene::Selection::Kind::muscle) {
        const int i = cat.find(sel.id);
        if (i >= 0) {
            const auto& m = cat.muscles[static_cast<std::size_t>(i)];
            const auto& st = on_screen.posed->states[static_cast<std::size_t>(i)];
            ImGui::PushFont(context.fonts->large);
            ImGui::TextWrapped("%s", muscle_name(cat, m, patient_mode_).c_str());
            ImGui::PopFont();
            const auto* g = cat.find_group(m.group);
            ImGui::TextDisabled("%s", g ? g->name.c_str() : m.group.c_str());
            ImGui::Separator();
            // Live mechanics.
            ImGui::Text("Length  %.0f mm  (%+.0f mm from neutral)", static_cast<double>(st.length_m * 1000.0f),
                        static_cast<double>(st.change_m * 1000.0f));
            ImGui::Text("Stretch toward end range");
            const float frac = std::clamp(st.relative_elongation, 0.0f, 1.0f);
            const glm::vec3 c = scene::heat_color(std::max(st.relative_elongation, 0.0f));
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(c.r, c.g, c.b, 1));
            char pct[32];
            std::snprintf(pct, sizeof(pct), "%.0f %%", static_cast<double>(st.relative_elongation * 100.0f));
            ImGui::ProgressBar(frac, ImVec2(-1, 0), pct);
            ImGui::PopStyleColor();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("0 %% at neutral standing, 100 %% at a normal end range (%s)", m.end_range.source.c_str());
            ImGui::Text("Passive tension  %s  (%.0f N)", force_words(st.passive_force_norm), static_cast<double>(st.passive_force_n));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("From Thelen's passive curve: a qualitative guide, not a measurement");
            ImGui::Text("Volume  %.0f cm\xC2\xB3", static_cast<double>(m.volume_cm3));
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("As drawn at neutral standing. Typical of young adults of this height and weight: %.0f cm\xC2\xB3 (%s)",
                                  static_cast<double>(m.reference_volume_cm3),
                                  m.volume.regression ? "MRI, Handsfield 2014" : "cross-section x fibre length");
            const float tight = on_screen.posed->tightness[static_cast<std::size_t>(i)];
            if (tight > 0.0f) ImGui::Text("Tightness  %.0f", static_cast<double>(tight * 100.0f));
            ImGui::Separator();
            ImGui::PushTextWrapPos(0.0f);
            auto field = [](const char* title, const std::string& text) {
                ImGui::TextDisabled("%s", title);
                ImGui::TextUnformatted(text.c_str());
            };
            field("Origin", m.origin);
            field("Insertion", m.insertion);
            field("Action", m.action);
            field("Innervation", m.innervation);
            field("Clinical note", m.note);
            if (ImGui::TreeNode("Model parameters")) {
                ImGui::Text("Max isometric force  %.0f N", static_cast<double>(m.params.f_max_n));
                ImGui::Text("Optimal fibre length  %.1f mm", static_cast<double>(m.params.l_opt_m * 1000.0f));
                ImGui::Text("Tendon slack length  %.1f mm", static_cast<double>(m.params.l_ts_m * 1000.0f));
                ImGui::Text("Pennation  %.0f\xC2\xB0", static_cast<double>(m.params.pennation_rad * 57.29578f));
                // The model the numbers come from, without the file, commit and path id of the
                // catalogue's full reference (docs/muscle-catalogue.md has it).
                const std::string& src = m.params.source;
                const std::string brief = src.substr(0, src.find(" ("));
                ImGui::TextDisabled("Source: %s", brief == "gait2392" ? "the published OpenSim model gait2392" : brief.c_str());
                ImGui::TreePop();
            }
            ImGui::PopTextWrapPos();
            ImGui::Separator();
            auto& L = display_.layers;
            if (ImGui::Button("Focus (F)")) d_.focus();
            same_line_if_fits("Show only (I)");
            if (ImGui::Button("Show only (I)")) L.isolated_muscles = {m.id};
            same_line_if_fits("Hide (H)");
            if (ImGui::Button("Hide (H)")) {
                L.hidden_muscles.insert(m.id);
                d_.select({});
            }
            if (ImGui::Button("Add note...")) d_.add_note();
        }
    } else if (sel.kind == scene::Selection::Kind::bone) {
        ImGui::PushFont(context.fonts->large);
        ImGui::TextWrapped("%s", scene::pretty_bone_name(sel.id).c_str());
        ImGui::PopFont();
        const auto bone = std::find_if(on_screen.bones->begin(), on_screen.bones->end(), [&](const scene::BoneInfo& b) { return b.name == sel.id; });
        if (bone != on_screen.bones->end()) {
            const auto& info = *bone;
            if (info.joint >= 0)
                ImGui::TextDisabled("Moves with the %s",
                                    scene::pretty_bone_name(on_screen.skeleton->joints[static_cast<std::size_t>(info.joint)].name).c_str());
            if (info.cartilage) ImGui::TextDisabled("Cartilage");
        }
        if (ImGui::Button("Focus (F)")) d_.focus();
        ImGui::SameLine();
        if (ImGui::Button("Add note...")) d_.add_note();
    } else if (sel.kind == scene::Selection::Kind::group) {
        const auto* g = cat.find_group(sel.id);
        ImGui::PushFont(context.fonts->large);
        ImGui::TextUnformatted(g ? g->name.c_str() : sel.id.c_str());
        ImGui::PopFont();
        // The plain words once, under the name; the rows stay short enough for the column.
        if (patient_mode_ && g && !g->plain.empty()) ImGui::TextDisabled("%s", g->plain.c_str());
        const float row_w = ImGui::GetContentRegionAvail().x;
        for (std::size_t i = 0; i < cat.muscles.size(); ++i) {
            const auto& m = cat.muscles[i];
            if (!m.in_group(sel.id)) continue;
            const std::string name = m.display_name(), shown = fit_text(name, row_w);
            ImGui::PushID(m.id.c_str());
            if (ImGui::Selectable(shown.c_str())) d_.select({scene::Selection::Kind::muscle, m.id});
            if (shown != name && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", name.c_str());
            ImGui::PopID();
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::End();
}

}  // namespace

std::unique_ptr<Panel> make_inspector_panel(InspectorPanelDeps deps) { return std::make_unique<InspectorPanel>(std::move(deps)); }

std::string muscle_name(const anat::MuscleCatalogue& catalogue, const anat::Muscle& m, bool patient_mode) {
    if (!patient_mode) return m.display_name();
    const auto* g = catalogue.find_group(m.group);
    const std::string side = m.side == anat::Side::right ? "right" : "left";
    return m.name + " (" + (g && !g->plain.empty() ? g->plain + ", " : std::string()) + side + ")";
}

void Viewer::draw_hover_tooltip() {
    if (!hover_valid_ || hover_.kind == scene::Selection::Kind::none || ImGui::GetIO().WantCaptureMouse) return;
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(selection_label(hover_).c_str());
    ImGui::TextDisabled("Click to select");
    ImGui::EndTooltip();
}

void Viewer::draw_labels() {
    const auto vp = scene_viewport();
    const scene::Body& body = world_->body();
    std::vector<scene::OverlayLabel> labels = overlay_set_.labels;
    const auto notes = annotation_labels();
    labels.insert(labels.end(), notes.begin(), notes.end());
    // The selection's name at its middle.
    const auto& sel = world_->display.selection;
    const glm::vec4 amber{0.98f, 0.78f, 0.43f, 1.0f};
    if (sel.kind == scene::Selection::Kind::muscle) {
        const int i = body.catalogue().find(sel.id);
        if (i >= 0) {
            const auto pts = body.paths().path(static_cast<std::size_t>(i));
            if (!pts.empty()) labels.push_back({anat::point_along(pts, 0.5f), selection_label(sel), amber});
        }
    } else if (sel.kind == scene::Selection::Kind::bone) {
        const int b = body.bones().find_bone(sel.id);
        if (b >= 0)
            labels.push_back({body.world_from_bone()[static_cast<std::size_t>(body.bones().bones()[static_cast<std::size_t>(b)].joint)].translation,
                              selection_label(sel), amber});
    }
    draw_world_labels(ImGui::GetBackgroundDrawList(), frame_.camera, glm::vec2(vp.z, vp.w), 1.0f / window_->pixel_ratio(), labels,
                      body.world_from_bone()[0].translation, 1.0f, glm::vec2(static_cast<float>(vp.x), 0.0f));
}

}  // namespace ui
