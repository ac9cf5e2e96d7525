// anatomy bake-skeleton: generate the procedural skeleton for a stature and a pelvic incidence and
// write it as glTF binary (layout: engine/bonegen/generator.hpp). The build runs it once to make
// build/assets/skeleton.glb, which the app loads.
#include "command.hpp"

#include "anatomy/skeleton_builder.hpp"
#include "assets/model.hpp"
#include "bonegen/generator.hpp"
#include "bonegen/model_layout.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

namespace {

struct Options {
    std::string output = "build/assets/skeleton.glb";
    float stature_m = 1.75f;
    float pelvic_incidence_deg = 52.0f;
    std::string detail = "default";
    std::string only;
    bool no_skin = false;
    int threads = 0;
};

std::vector<std::string> split_names(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream ss(list);
    for (std::string item; std::getline(ss, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

int run(const Options& o) {
    const core::fs::path out = o.output;
    // Fail before the work, not after it, when the folder cannot be made.
    std::error_code ec;
    const core::fs::path folder = out.has_parent_path() ? out.parent_path() : core::fs::path(".");
    core::fs::create_directories(folder, ec);
    if (ec || !core::fs::is_directory(folder))
        throw core::Error(out.string() + ": cannot create the folder " + folder.string() + (ec ? ": " + ec.message() : ""));
    if (core::fs::is_directory(out)) throw core::Error(out.string() + ": is a folder, not a file");

    // With a landmark at every muscle origin and insertion, so the bones are shaped to carry them.
    const anat::Skeleton skeleton = bonegen::skeleton_for_bake({o.stature_m, o.pelvic_incidence_deg});
    bonegen::Options g;
    g.detail = o.detail == "fine" ? bonegen::Detail::fine : bonegen::Detail::standard;
    g.skin = !o.no_skin;
    g.threads = o.threads;
    g.only = split_names(o.only);
    bonegen::SkeletonAsset asset = bonegen::generate_skeleton(skeleton, g);
    const bonegen::Report report = asset.report;
    const std::size_t meshes = asset.meshes.size();
    if (meshes == 0) throw core::Error("bake-skeleton: nothing to write (no part matched --only " + o.only + ")");
    assets::export_glb(bonegen::to_model(std::move(asset)), out);

    for (const auto& w : report.warnings) std::cerr << "warning: " << w << "\n";
    std::printf("wrote %s: %zu meshes, %zu triangles (skin %zu more), %s detail, stature %.2f m, PI %.1f deg, in %.1f s\n", out.string().c_str(),
                meshes, report.skeleton_triangles, report.skin_triangles, o.detail.c_str(), double(o.stature_m), double(o.pelvic_incidence_deg),
                report.seconds);
    for (const auto& r : report.regions) std::printf("  %-20s %7zu triangles\n", r.name.c_str(), r.triangles);
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("bake-skeleton", "Generate the procedural skeleton and write it as glTF binary (.glb)");
    auto o = std::make_shared<Options>();
    sub->add_option("-o,--output", o->output, "Output .glb file")->capture_default_str();
    sub->add_option("--stature", o->stature_m, "Stature in metres")->check(CLI::Range(1.2f, 2.2f))->capture_default_str();
    sub->add_option("--pelvic-incidence", o->pelvic_incidence_deg, "Pelvic incidence in degrees")
        ->check(CLI::Range(30.0f, 85.0f))
        ->capture_default_str();
    sub->add_option("--detail", o->detail, "default (at most 60 k triangles) or fine (at most 300 k, for pictures)")
        ->check(CLI::IsMember({"default", "fine"}))
        ->capture_default_str();
    sub->add_option("--only", o->only, "Make only these bones (comma-separated names, e.g. hip_bone_r,sacrum) to inspect them");
    sub->add_flag("--no-skin", o->no_skin, "Leave out the body silhouette");
    sub->add_option("--threads", o->threads, "Worker threads (0: one per core)")->check(CLI::Range(0, 64))->capture_default_str();
    return {sub, [o] { return run(*o); }};
});

}  // namespace
