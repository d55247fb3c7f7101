/** The command name, as installed by the package's `bin`. */
export const programName = "devrev-auth-tokens";
