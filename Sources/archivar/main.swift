import ArchivarCLI
import CSystem
import Foundation

// Thin main: everything lives in ArchivarCLI, which the tests import.
archivar_line_buffer_stdout()
exit(await ArchivarCLI.main(Array(CommandLine.arguments.dropFirst())))
