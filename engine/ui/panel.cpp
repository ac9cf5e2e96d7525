#include "ui/panel.hpp"

#include <imgui.h>

namespace ui {

Panel& PanelManager::add(std::unique_ptr<Panel> panel, bool* open) {
    Entry e;
    e.panel = std::move(panel);
    if (!open) {
        e.own = std::make_unique<bool>(false);
        open = e.own.get();
    }
    e.open = open;
    entries_.push_back(std::move(e));
    return *entries_.back().panel;
}

void PanelManager::draw(const PanelContext& context, bool columns) {
    for (auto& e : entries_) {
        if (!*e.open || e.panel->column() != columns) continue;
        if (e.panel->needs_anatomy() && !context.anatomy_shown) continue;
        e.panel->draw(context, *e.open);
    }
}

void PanelManager::draw_columns(const PanelContext& context) { draw(context, true); }
void PanelManager::tick(const PanelContext& context) {
    for (auto& e : entries_) e.panel->tick(context);
}

void PanelManager::draw_windows(const PanelContext& context) {
    tick(context);
    draw(context, false);
}

std::optional<Panel::Job> PanelManager::job() const {
    std::optional<Panel::Job> soonest;
    for (const auto& e : entries_)
        if (const auto j = e.panel->job(); j && (!soonest || j->next_frame_s < soonest->next_frame_s)) soonest = j;
    return soonest;
}

void PanelManager::menu_items(Panel::Menu menu) {
    for (auto& e : entries_) {
        if (e.panel->menu() != menu) continue;
        const std::string label(e.panel->title());
        const std::string key(e.panel->key_name());
        if (menu == Panel::Menu::help) {
            if (ImGui::MenuItem(label.c_str(), key.empty() ? nullptr : key.c_str())) *e.open = true;
        } else {
            ImGui::MenuItem(label.c_str(), key.empty() ? nullptr : key.c_str(), e.open);
        }
    }
}

bool PanelManager::handle_key(SDL_Keycode key) {
    if (key == SDLK_UNKNOWN) return false;
    for (auto& e : entries_)
        if (e.panel->key() == key) {
            *e.open = !*e.open;
            return true;
        }
    return false;
}

const PanelManager::Entry* PanelManager::find(std::string_view title) const {
    for (const auto& e : entries_)
        if (e.panel->title() == title) return &e;
    return nullptr;
}

bool PanelManager::is_open(std::string_view title) const {
    const Entry* e = find(title);
    return e && *e->open;
}

void PanelManager::set_open(std::string_view title, bool open) {
    if (const Entry* e = find(title)) *e->open = open;
}

void PanelManager::set_windows_open(bool open) {
    for (auto& e : entries_)
        if (!e.panel->column() && (!open || !e.panel->modal())) *e.open = open;
}

std::vector<PanelManager::Shortcut> PanelManager::shortcuts() const {
    std::vector<Shortcut> out;
    for (const auto& e : entries_)
        if (e.panel->key() != SDLK_UNKNOWN) out.push_back({std::string(e.panel->key_name()), std::string(e.panel->key_help())});
    return out;
}

}  // namespace ui
