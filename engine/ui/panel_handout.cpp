// ui/panel_handout.cpp: File > Export handout: the patient handout PDF (ui/handout.hpp), its
// stretches and paper chosen here.
//
// The handout is written by a child process (`anatomy handout`, the same binary), so its
// offscreen renders never touch the viewer's GL context and the window stays responsive; the
// panel polls it between frames. Closing the viewer does not stop it: the handout asked for is
// still written (atomically, so never half a file).
#include "core/error.hpp"
#include "core/log.hpp"
#include "ui/handout.hpp"
#include "ui/file_dialog.hpp"
#include "ui/panels.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace ui {

namespace {

core::fs::path scratch(const std::string& name) { return core::fs::temp_directory_path() / ("anatomy-" + std::to_string(::getpid()) + "-" + name); }

// Openers started and not yet reaped (xdg-open may stay as long as the PDF viewer it runs).
std::vector<pid_t> openers;

// Opens a file with the desktop's viewer; false when there is no xdg-open. The path goes to
// xdg-open as an argument, never through a shell (a file name may hold quotes). Does not wait for
// it; the panel's tick reaps it.
bool open_with_desktop(const core::fs::path& file) {
    std::string program = "xdg-open", path = file.string();
    char* argv[] = {program.data(), path.data(), nullptr};
    pid_t pid = -1;
    if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) != 0) return false;
    openers.push_back(pid);
    return true;
}

void reap_openers() {
    openers.erase(std::remove_if(openers.begin(), openers.end(),
                                 [](pid_t pid) {
                                     int status = 0;
                                     return waitpid(pid, &status, WNOHANG) != 0;
                                 }),
                  openers.end());
}

class HandoutPanel : public Panel {
public:
    explicit HandoutPanel(HandoutPanelDeps deps) : d_(std::move(deps)) {}
    std::string_view title() const override { return "Export handout"; }
    Menu menu() const override { return Menu::none; }
    void draw(const PanelContext& context, bool& open) override;
    void tick(const PanelContext& context) override;
    std::optional<Job> job() const override {
        if (!job_) return std::nullopt;
        return Job{"a handout being written", 0.25};  // look for its end four times a second
    }

private:
    // A running `anatomy handout` child process.
    struct Running {
        pid_t pid = -1;
        core::fs::path output, log, profile;
        bool open_after = false;
    };
    void start(const core::fs::path& out, bool open_after);
    void poll();

    HandoutPanelDeps d_;
    std::vector<std::string> stretches_;
    bool chosen_ = false;  // the defaults were filled in once; the user's choice stands after
    int paper_ = 0;        // 0 A4, 1 Letter
    std::optional<Running> job_;
    core::fs::path last_;
    FileDialog dialog_;
};

void HandoutPanel::start(const core::fs::path& out, bool open_after) {
    if (job_) return;
    Running job;
    job.output = out;
    job.open_after = open_after;
    job.log = scratch("handout.log");
    job.profile = scratch("handout.anatomy");
    try {
        scene::save_profile(d_.work(), job.profile);
    } catch (const core::Error& e) {
        d_.notify(std::string("Cannot prepare the handout: ") + e.what(), true);
        return;
    }
    std::string list;
    for (const auto& id : stretches_) list += (list.empty() ? "" : ",") + id;
    std::vector<std::string> args = {"anatomy", "handout",   "--profile", job.profile.string(), "--paper", paper_ == 0 ? "a4" : "letter",
                                     "-o",      out.string()};
    if (!list.empty()) {
        args.push_back("--stretches");
        args.push_back(list);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, job.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    // The child renders offscreen: no window of its own.
    std::vector<std::string> env_store;
    for (char** e = environ; *e; ++e)
        if (std::string(*e).rfind("SDL_VIDEODRIVER=", 0) != 0) env_store.emplace_back(*e);
    env_store.emplace_back("SDL_VIDEODRIVER=offscreen");
    std::vector<char*> envp;
    for (auto& e : env_store) envp.push_back(e.data());
    envp.push_back(nullptr);
    const int rc = posix_spawn(&job.pid, d_.program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        d_.notify("Cannot start the handout writer: " + std::string(std::strerror(rc)), true);
        return;
    }
    job_ = job;
    d_.notify("Writing the handout " + out.filename().string() + "...", false);
}

void HandoutPanel::poll() {
    reap_openers();
    if (!job_) return;
    int status = 0;
    if (waitpid(job_->pid, &status, WNOHANG) == 0) return;  // still writing
    const Running job = *job_;
    job_.reset();
    std::string log;
    try {
        log = core::read_file(job.log);
    } catch (const core::Error&) {}
    std::error_code ec;
    core::fs::remove(job.log, ec);
    core::fs::remove(job.profile, ec);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        last_ = job.output;
        d_.notify("Saved the handout " + job.output.string(), false);
        if (job.open_after && !open_with_desktop(job.output)) d_.notify("No PDF viewer to open it with: the file is " + job.output.string(), false);
    } else {
        while (!log.empty() && (log.back() == '\n')) log.pop_back();
        d_.notify("The handout was not written. " + (log.empty() ? std::string("The writer stopped.") : log), true);
    }
}

void HandoutPanel::tick(const PanelContext&) {
    // The dialog outlives the window, and the writer outlives both.
    if (auto p = dialog_.draw()) {
        core::fs::path out = *p;
        if (out.extension() != ".pdf") out += ".pdf";
        start(out, false);
    }
    poll();
}

void HandoutPanel::draw(const PanelContext&, bool& open) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 26, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin("Export handout", &open, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    audit_capture_window();
    const std::vector<std::string>& conditions = d_.profile->conditions;
    if (stretches_.empty() && !chosen_) {
        try {
            stretches_ = handout_default_stretches(conditions);
        } catch (const core::Error& e) {
            core::log_error(e.what());
        }
        chosen_ = true;
    }
    ImGui::TextWrapped(
        "A printable handout: page 1 shows the posture on screen with its measures and the profile's notes; then one page per "
        "stretch with pictures, steps, dosage, the precautions for the profile's conditions and the safety rule.");
    ImGui::Separator();
    ImGui::TextUnformatted("Stretches to include");
    if (const anim::Library* lib = d_.stretches()) {
        for (std::size_t i = 0; i < lib->size(); ++i) {
            const auto& info = lib->info(i);
            bool on = std::find(stretches_.begin(), stretches_.end(), info.id) != stretches_.end();
            const bool suits = stretch_suits(info, conditions);
            std::string label = info.name + (suits ? "" : "  (check the precautions)");
            if (ImGui::Checkbox(label.c_str(), &on)) {
                if (on)
                    stretches_.push_back(info.id);
                else
                    stretches_.erase(std::remove(stretches_.begin(), stretches_.end(), info.id), stretches_.end());
            }
        }
    }
    ImGui::Separator();
    ImGui::TextUnformatted("Paper");
    ImGui::SameLine();
    ImGui::RadioButton("A4", &paper_, 0);
    ImGui::SameLine();
    ImGui::RadioButton("Letter", &paper_, 1);
    ImGui::TextDisabled("%zu stretch%s: %zu pages", stretches_.size(), stretches_.size() == 1 ? "" : "es", stretches_.size() + 1);
    const bool busy = job_.has_value();
    ImGui::BeginDisabled(busy);
    if (ImGui::Button("Preview")) start(scratch("preview.pdf"), true);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Write it to a temporary file and open it in the PDF viewer");
    ImGui::SameLine();
    if (ImGui::Button("Save..."))
        dialog_.open(FileDialog::Mode::save, "Save handout (PDF)", {".pdf"}, ".",
                     (d_.profile->patient.empty() ? std::string("handout") : d_.profile->patient) + ".pdf");
    ImGui::EndDisabled();
    if (busy) {
        ImGui::SameLine();
        ImGui::TextDisabled("Writing...");
    } else if (!last_.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Open the last one")) open_with_desktop(last_);
    }
    ImGui::End();
}

}  // namespace

std::unique_ptr<Panel> make_handout_panel(HandoutPanelDeps deps) { return std::make_unique<HandoutPanel>(std::move(deps)); }

}  // namespace ui
