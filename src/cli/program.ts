/**
 * The name the CLI goes by in every message and help text, as the package's `bin` installs it.
 */

export const programName = "devrev-auth-tokens";
