// [SECTION] Take-home: File > Export handout (the patient handout PDF, ui/handout.hpp) and
// File > Export 3D scene (the posed body as .glb, ui/scene_export.hpp).
//
// The handout is written by a child process (`anatomy handout`, the same binary), so its
// offscreen renders never touch the viewer's GL context and the window stays responsive; the
// viewer polls it between frames. Closing the viewer does not stop it: the handout asked for is
// still written (atomically, so never half a file).
#include "core/error.hpp"
#include "core/log.hpp"
#include "ui/handout.hpp"
#include "ui/scene_export.hpp"
#include "ui/viewer_impl.hpp"

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

struct Viewer::HandoutJob {
    pid_t pid = -1;
    core::fs::path output, log, profile;
    bool open_after = false;
};

namespace {
core::fs::path scratch(const std::string& name) { return core::fs::temp_directory_path() / ("anatomy-" + std::to_string(::getpid()) + "-" + name); }

// Opens a file with the desktop's viewer; false when there is no xdg-open.
// Openers started and not yet reaped (xdg-open may stay as long as the PDF viewer it runs).
std::vector<pid_t> openers;

// The path goes to xdg-open as an argument, never through a shell (a file name may hold quotes).
// Does not wait for it; poll_handout reaps it.
bool open_with_desktop(const core::fs::path& file) {
    std::string program = "xdg-open", path = file.string();
    char* argv[] = {program.data(), path.data(), nullptr};
    pid_t pid = -1;
    if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) != 0) return false;
    openers.push_back(pid);
    return true;
}
}  // namespace

bool Viewer::handout_running() const { return handout_job_ != nullptr; }

void Viewer::start_handout(const core::fs::path& out, bool open_after) {
    if (handout_job_) return;
    auto job = std::make_shared<HandoutJob>();
    job->output = out;
    job->open_after = open_after;
    job->log = scratch("handout.log");
    job->profile = scratch("handout.anatomy");
    try {
        scene::Profile work = current_work();
        work.measurements = posture_->target().measures;
        scene::save_profile(work, job->profile);
    } catch (const core::Error& e) {
        notify(std::string("Cannot prepare the handout: ") + e.what(), true);
        return;
    }
    std::string list;
    for (const auto& id : handout_stretches_) list += (list.empty() ? "" : ",") + id;
    std::vector<std::string> args = {"anatomy", "handout",   "--profile", job->profile.string(), "--paper", handout_paper_ == 0 ? "a4" : "letter",
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
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, job->log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    // The child renders offscreen: no window of its own.
    std::vector<std::string> env_store;
    for (char** e = environ; *e; ++e)
        if (std::string(*e).rfind("SDL_VIDEODRIVER=", 0) != 0) env_store.emplace_back(*e);
    env_store.emplace_back("SDL_VIDEODRIVER=offscreen");
    std::vector<char*> envp;
    for (auto& e : env_store) envp.push_back(e.data());
    envp.push_back(nullptr);
    const int rc = posix_spawn(&job->pid, "/proc/self/exe", &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        notify("Cannot start the handout writer: " + std::string(std::strerror(rc)), true);
        return;
    }
    handout_job_ = job;
    notify("Writing the handout " + out.filename().string() + "...", false);
}

void Viewer::poll_handout() {
    openers.erase(std::remove_if(openers.begin(), openers.end(),
                                 [](pid_t pid) {
                                     int status = 0;
                                     return waitpid(pid, &status, WNOHANG) != 0;
                                 }),
                  openers.end());
    if (!handout_job_) return;
    int status = 0;
    if (waitpid(handout_job_->pid, &status, WNOHANG) == 0) return;  // still writing
    const auto job = handout_job_;
    handout_job_.reset();
    std::string log;
    try {
        log = core::read_file(job->log);
    } catch (const core::Error&) {}
    std::error_code ec;
    core::fs::remove(job->log, ec);
    core::fs::remove(job->profile, ec);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        handout_last_ = job->output;
        notify("Saved the handout " + job->output.string(), false);
        if (job->open_after && !open_with_desktop(job->output)) notify("No PDF viewer to open it with: the file is " + job->output.string(), false);
    } else {
        while (!log.empty() && (log.back() == '\n')) log.pop_back();
        notify("The handout was not written. " + (log.empty() ? std::string("The writer stopped.") : log), true);
    }
}

void Viewer::export_scene_to(const core::fs::path& path) {
    try {
        if (!skeleton_model_) skeleton_model_ = std::make_shared<assets::Model>(assets::load_model(core::generated_asset_dir() / "skeleton.glb"));
        write_scene_glb(scene_model(world_->body(), world_->display, *skeleton_model_), path);
        notify("Exported the 3D scene " + path.string(), false);
    } catch (const core::Error& e) {
        notify(std::string("The 3D scene was not exported: ") + e.what(), true);
    }
}

void Viewer::draw_handout_window() {
    if (auto p = handout_dialog_.draw()) {
        core::fs::path out = *p;
        if (out.extension() != ".pdf") out += ".pdf";
        start_handout(out, false);
    }
    if (auto p = scene_dialog_.draw()) {
        core::fs::path out = *p;
        if (out.extension() != ".glb") out += ".glb";
        export_scene_to(out);
    }
    poll_handout();
    if (!show_handout_) return;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 26, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin("Export handout", &show_handout_, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    audit_capture_window();
    if (handout_stretches_.empty() && !handout_chosen_) {
        try {
            handout_stretches_ = handout_default_stretches(profile_.conditions);
        } catch (const core::Error& e) {
            core::log_error(e.what());
        }
        handout_chosen_ = true;
    }
    ImGui::TextWrapped(
        "A printable handout: page 1 shows the posture on screen with its measures and the profile's notes; then one page per "
        "stretch with pictures, steps, dosage, the precautions for the profile's conditions and the safety rule.");
    ImGui::Separator();
    ImGui::TextUnformatted("Stretches to include");
    if (stretch_) {
        const auto& lib = stretch_->library();
        for (std::size_t i = 0; i < lib.size(); ++i) {
            const auto& info = lib.info(i);
            bool on = std::find(handout_stretches_.begin(), handout_stretches_.end(), info.id) != handout_stretches_.end();
            const bool suits = stretch_suits(info, profile_.conditions);
            std::string label = info.name + (suits ? "" : "  (check the precautions)");
            if (ImGui::Checkbox(label.c_str(), &on)) {
                if (on)
                    handout_stretches_.push_back(info.id);
                else
                    handout_stretches_.erase(std::remove(handout_stretches_.begin(), handout_stretches_.end(), info.id), handout_stretches_.end());
            }
        }
    }
    ImGui::Separator();
    ImGui::TextUnformatted("Paper");
    ImGui::SameLine();
    ImGui::RadioButton("A4", &handout_paper_, 0);
    ImGui::SameLine();
    ImGui::RadioButton("Letter", &handout_paper_, 1);
    ImGui::TextDisabled("%zu stretch%s: %zu pages", handout_stretches_.size(), handout_stretches_.size() == 1 ? "" : "es",
                        handout_stretches_.size() + 1);
    const bool busy = handout_running();
    ImGui::BeginDisabled(busy);
    if (ImGui::Button("Preview")) start_handout(scratch("preview.pdf"), true);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Write it to a temporary file and open it in the PDF viewer");
    ImGui::SameLine();
    if (ImGui::Button("Save..."))
        handout_dialog_.open(FileDialog::Mode::save, "Save handout (PDF)", {".pdf"}, ".",
                             (profile_.patient.empty() ? std::string("handout") : profile_.patient) + ".pdf");
    ImGui::EndDisabled();
    if (busy) {
        ImGui::SameLine();
        ImGui::TextDisabled("Writing...");
    } else if (!handout_last_.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Open the last one")) open_with_desktop(handout_last_);
    }
    ImGui::End();
}

}  // namespace ui
