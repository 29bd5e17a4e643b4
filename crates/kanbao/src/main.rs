//! `kanbao`: thin entry point; see the library for the commands.

use std::process::ExitCode;

fn main() -> ExitCode {
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
