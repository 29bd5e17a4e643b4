//! `kanbao`: thin entry point; see the library for the commands.

use std::process::ExitCode;

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    match kanbao::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => {
            // One line per cause, most specific last, like ripgrep.
            eprintln!("kanbao: error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

/// `kanbao search … | head` closes the pipe early; a print then fails, and
/// `println!` panics. Like other command-line tools, end quietly instead
/// (signals cannot be reset here: the workspace forbids `unsafe`).
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.starts_with("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
