// anatomy handout [--profile FILE] [--preset NAME] [--set GROUP=VALUE ...] [--stretches ID,ID,...]
//                 [--paper a4|letter] -o OUT.pdf: the printable patient handout (ui/handout.hpp).
#include "command.hpp"
#include "list_options.hpp"
#include "posture_options.hpp"

#include "core/error.hpp"
#include "ui/handout.hpp"

#include <iostream>
#include <memory>

namespace {

struct Options {
    std::string output;
    std::string profile;
    app::PostureOptions posture;
    std::string stretches;
    std::string paper = "a4";
    std::string date;
};

int run(const Options& o) {
    ui::HandoutRequest rq;
    rq.output = o.output;
    if (!o.profile.empty()) {
        if (o.posture.any()) throw core::Error("--profile sets the posture: use it without --preset and --set");
        rq.profile = o.profile;
    }
    rq.posture = o.posture.settings();
    rq.stretches = app::split_list(o.stretches);
    rq.paper = *ui::parse_paper(o.paper);
    rq.date = o.date;
    const auto result = ui::write_handout(rq);
    std::string list;
    for (const auto& s : result.stretches) list += (list.empty() ? "" : ", ") + s;
    std::cout << "wrote " << o.output << " (" << result.pages << " pages; stretches: " << (list.empty() ? "none" : list) << ")\n";
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("handout", "Write a printable patient handout (PDF): the posture in the model, then the chosen stretches");
    auto o = std::make_shared<Options>();
    sub->add_option("-o,--output", o->output, "Output PDF file")->required();
    sub->add_option("--profile", o->profile, "A patient profile: posture, notes, patient label and conditions (for the precautions)");
    app::add_posture_options(sub, o->posture);
    sub->add_option("--stretches", o->stretches,
                    "Comma list of stretch ids, in order (anatomy stretches); default: one for the hip flexors and one for the hamstrings "
                    "that suit the profile's conditions");
    sub->add_option("--paper", o->paper, "Paper size: a4 or letter")->check(CLI::IsMember({"a4", "letter"}))->capture_default_str();
    sub->add_option("--date", o->date, "The date printed on the handout (default: today)");
    return {sub, [o] { return run(*o); }};
});

}  // namespace
