// ui/panel_inspector.cpp: the Inspector (search, the selected muscle's or bone's card with live
// length, stretch and passive force), hover tooltips, and labels with leader lines.
#include "ui/labels.hpp"
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

}  // namespace

void Viewer::draw_inspector_panel() {
    const float em = ImGui::GetFontSize();
    if (!begin_column_window("Inspector (F4)", &settings_.show_inspector_panel, false, settings_.show_layers_panel ? 0.5f : 0.0f, 1.0f, 21.0f))
        return;
    const scene::Body& body = world_->body();
    const auto& cat = body.catalogue();
    ImGui::PushTextWrapPos(0.0f);  // every line wraps at the panel's edge, however narrow

    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", "Search muscles, bones, stretches...", search_, sizeof(search_));
    if (search_[0] != '\0') {
        scene::SearchInput in;
        in.catalogue = &cat;
        for (const auto& b : body.bones().bones()) in.bones.push_back(b.name);
        in.stretches = stretch_ ? &stretch_->library() : nullptr;
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
            if (ImGui::Selectable(h.label.c_str(), world_->display.selection.id == h.id)) {
                switch (h.kind) {
                    case scene::SearchHit::Kind::group: select({scene::Selection::Kind::group, h.id}); break;
                    case scene::SearchHit::Kind::muscle:
                        select({scene::Selection::Kind::muscle, h.id});
                        focus_selection();
                        break;
                    case scene::SearchHit::Kind::bone:
                        select({scene::Selection::Kind::bone, h.id});
                        focus_selection();
                        break;
                    case scene::SearchHit::Kind::stretch:
                        if (stretch_) {
                            start_stretch(stretch_->library().find(h.id));
                            settings_.show_posture_panel = true;
                            select_stretch_tab_ = true;
                        }
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

    const auto& sel = world_->display.selection;
    ImGui::Separator();
    if (sel.kind == scene::Selection::Kind::none) {
        ImGui::TextWrapped("Click a muscle or a bone, or search, to see it here.");
    } else if (sel.kind == scene::Selection::Kind::muscle) {
        const int i = cat.find(sel.id);
        if (i >= 0) {
            const auto& m = cat.muscles[static_cast<std::size_t>(i)];
            const auto& st = body.muscle_states()[static_cast<std::size_t>(i)];
            ImGui::PushFont(fonts_.large);
            ImGui::TextWrapped("%s", muscle_name(m).c_str());
            ImGui::PopFont();
            const auto* g = cat.find_group(m.group);
            ImGui::TextDisabled("%s", g ? g->name.c_str() : m.group.c_str());
            ImGui::Separator();
            // Live mechanics.
            ImGui::Text("Length  %.0f mm  (%+.0f mm from neutral)", static_cast<double>(st.length_m * 1000.0f),
                        static_cast<double>(st.change_m * 1000.0f));
            ImGui::Text("Stretch toward end range");
            const float frac = std::clamp(st.relative_elongation, 0.0f, 1.0f);
            const glm::vec3 c = scene::Body::heat_color(std::max(st.relative_elongation, 0.0f));
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(c.r, c.g, c.b, 1));
            char pct[32];
            std::snprintf(pct, sizeof(pct), "%.0f %%", static_cast<double>(st.relative_elongation * 100.0f));
            ImGui::ProgressBar(frac, ImVec2(-1, 0), pct);
            ImGui::PopStyleColor();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("0 %% at neutral standing, 100 %% at a normal end range (%s)", m.end_range.source.c_str());
            ImGui::Text("Passive tension  %s  (%.0f N)", force_words(st.passive_force_norm), static_cast<double>(st.passive_force_n));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("From Thelen's passive curve: a qualitative guide, not a measurement");
            const float tight = body.tightness()[static_cast<std::size_t>(i)];
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
            auto& L = world_->display.layers;
            if (ImGui::Button("Focus (F)")) focus_selection();
            same_line_if_fits("Show only (I)");
            if (ImGui::Button("Show only (I)")) L.isolated_muscles = {m.id};
            same_line_if_fits("Hide (H)");
            if (ImGui::Button("Hide (H)")) {
                L.hidden_muscles.insert(m.id);
                select({});
            }
            if (ImGui::Button("Add note...")) open_note_popup_ = true;
        }
    } else if (sel.kind == scene::Selection::Kind::bone) {
        ImGui::PushFont(fonts_.large);
        ImGui::TextWrapped("%s", scene::pretty_bone_name(sel.id).c_str());
        ImGui::PopFont();
        const int b = body.bones().find_bone(sel.id);
        if (b >= 0) {
            const auto& info = body.bones().bones()[static_cast<std::size_t>(b)];
            if (info.joint >= 0)
                ImGui::TextDisabled("Moves with the %s",
                                    scene::pretty_bone_name(body.skeleton().joints[static_cast<std::size_t>(info.joint)].name).c_str());
            if (info.cartilage) ImGui::TextDisabled("Cartilage");
        }
        if (ImGui::Button("Focus (F)")) focus_selection();
        ImGui::SameLine();
        if (ImGui::Button("Add note...")) open_note_popup_ = true;
    } else if (sel.kind == scene::Selection::Kind::group) {
        const auto* g = cat.find_group(sel.id);
        ImGui::PushFont(fonts_.large);
        ImGui::TextUnformatted(g ? g->name.c_str() : sel.id.c_str());
        ImGui::PopFont();
        // The plain words once, under the name; the rows stay short enough for the column.
        if (settings_.patient_mode && g && !g->plain.empty()) ImGui::TextDisabled("%s", g->plain.c_str());
        const float row_w = ImGui::GetContentRegionAvail().x;
        for (std::size_t i = 0; i < cat.muscles.size(); ++i) {
            const auto& m = cat.muscles[i];
            if (!m.in_group(sel.id)) continue;
            const std::string name = m.display_name(), shown = fit_text(name, row_w);
            ImGui::PushID(m.id.c_str());
            if (ImGui::Selectable(shown.c_str())) select({scene::Selection::Kind::muscle, m.id});
            if (shown != name && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", name.c_str());
            ImGui::PopID();
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::End();
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
