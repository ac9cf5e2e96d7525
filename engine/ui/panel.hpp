// ui/panel.hpp: a window of the viewer as an object, and the manager that opens, closes, lists
// and draws them. Adding a panel is one file with a Panel subclass and one PanelManager::add
// call: the manager gives it its menu item, its shortcut (listed in the keyboard-shortcuts
// window) and, where given one, the setting that remembers whether it is open.
#pragma once

#include "ui/theme.hpp"

#include <SDL2/SDL_keycode.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ui {

// What every panel may read while it draws.
struct PanelContext {
    const Fonts* fonts = nullptr;
    bool anatomy_shown = true;  // false while a model file is shown instead of the anatomy
    // Begins a column window docked at the left or right edge, over the share [from, to] of the
    // height under the menu bar (the viewer lays the columns out and keeps their widths); false:
    // collapsed, nothing to draw (End already called).
    std::function<bool(const char* title, bool* open, bool left, float from, float to, float default_width_em)> begin_column;
};

class Panel {
public:
    // Where its menu item goes: View's list of panels, View's tools, or Help (where the item
    // opens the window rather than ticking it); none: opened by an action elsewhere (a File menu
    // item, a button) through PanelManager::set_open.
    enum class Menu { panels, tools, help, none };

    virtual ~Panel() = default;
    virtual std::string_view title() const = 0;  // the menu item
    virtual Menu menu() const { return Menu::panels; }
    // The key that opens and closes it, pressed with no modifier, as the menus and the
    // shortcut list show it, and what the list says it does.
    virtual SDL_Keycode key() const { return SDLK_UNKNOWN; }
    virtual std::string_view key_name() const { return {}; }
    virtual std::string_view key_help() const { return title(); }
    // Only over the anatomy: hidden while a model file is shown.
    virtual bool needs_anatomy() const { return false; }
    // A column docked at a side of the window (drawn before the floating windows, which lay
    // themselves out around the columns).
    virtual bool column() const { return false; }
    // A question over the window (a modal popup): opened only by its action, never with the rest.
    virtual bool modal() const { return false; }
    // Draws the window; sets `open` false when the user closes it.
    virtual void draw(const PanelContext& context, bool& open) = 0;
    // Every frame, open or closed, before the windows are drawn (and while the presentation hides
    // them): what outlives the window (a file dialog it opened, a job it started).
    virtual void tick(const PanelContext& /*context*/) {}
    // A job it runs that its tick looks after (a file being written): what it is, for the
    // performance window (a literal), and how soon it wants the next frame (0: every frame).
    // The idle loop wakes for it; none while nothing runs.
    struct Job {
        const char* what = "";
        double next_frame_s = 0.0;
    };
    virtual std::optional<Job> job() const { return std::nullopt; }
};

class PanelManager {
public:
    // `open`: where the panel's open state lives (a setting), or null for the manager to keep it
    // (closed at first).
    Panel& add(std::unique_ptr<Panel> panel, bool* open = nullptr);

    void draw_columns(const PanelContext& context);
    // Ticks every panel, then draws the open floating windows.
    void draw_windows(const PanelContext& context);
    // Ticks every panel and draws nothing (the presentation shows no windows).
    void tick(const PanelContext& context);
    // The panels' job that wants a frame soonest; none while no panel runs one.
    std::optional<Panel::Job> job() const;
    // The menu items of the panels in `menu`, in the order they were added.
    void menu_items(Panel::Menu menu);
    // Opens or closes the panel whose key this is; false when none has it.
    bool handle_key(SDL_Keycode key);

    bool is_open(std::string_view title) const;
    void set_open(std::string_view title, bool open);
    // Opens or closes every panel that is not a column (the interface audit walks them all); a
    // modal question is only closed.
    void set_windows_open(bool open);
    std::size_t size() const { return entries_.size(); }

    struct Shortcut {
        std::string keys, what;
    };
    // The panels' keys, in the order they were added.
    std::vector<Shortcut> shortcuts() const;

private:
    struct Entry {
        std::unique_ptr<Panel> panel;
        std::unique_ptr<bool> own;  // the state the manager keeps, at a stable address
        bool* open = nullptr;
    };
    void draw(const PanelContext& context, bool columns);
    const Entry* find(std::string_view title) const;
    std::vector<Entry> entries_;
};

}  // namespace ui
